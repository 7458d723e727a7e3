"""A compact, foldable box for a section of short fields that follows a table.

Its header is one line: a focusable button with an arrow and the section's label (Space or
Enter folds and unfolds it; its accessible name is the label, its description the summary)
and, beside it, a one-line summary of what is filled ("二氧化硫 12.0 吨 · 氮氧化物 8.5 吨 …",
or "未填"), cut with an ellipsis when the line is too narrow (the whole text is in its tooltip).
Folded, only that line takes height, so the table before it keeps its rows on a small screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .fields import BoolBinding, EnumBinding, FieldBinding, MultilineBinding, SetBinding

SEPARATOR = " · "
HEADER_STYLE = "QToolButton { font-weight: bold; %s}"
ISSUE_COLOURS = {"error": "#c62828", "warning": "#b26a00"}  # as the fields' own highlighting


class FoldButton(QToolButton):
    """The header's button: reached with Tab, toggled by Space (as any button) and by Enter."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.click()
            return
        super().keyPressEvent(event)


class ElidedLabel(QLabel):
    """A one-line label that cuts its text with "…" to its width; the whole text in its tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_full_text(self, text: str) -> None:
        """Show ``text``, cut to the label's width."""
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 0)))


def filled_text(binding: FieldBinding) -> str | None:
    """The value of a field as the user sees it, or None when it is not filled."""
    if isinstance(binding, BoolBinding):
        return "✓" if binding.box.isChecked() else None
    if isinstance(binding, SetBinding):
        chosen = [box.text() for _value, box in binding.boxes if box.isChecked()]
        return "、".join(chosen) or None
    if isinstance(binding, EnumBinding):
        return binding.combo.currentText() if binding.value() is not None else None
    if isinstance(binding, MultilineBinding):
        text = binding.editor.toPlainText().strip()
        return text.splitlines()[0] if text else None
    text = str(binding.value() or "").strip()
    return text or None


class FoldBox(QFrame):
    """A section folded to a header line (``expanded`` False) or showing its fields in ``body``.

    ``user_chose`` is set once the user toggles it: the editor then stops folding it for the
    window's size."""

    expandedChanged = Signal(bool)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = title
        self.user_chose = False
        self.issue: str | None = None
        self.header = FoldButton(self)
        self.header.setObjectName("fold_header")
        self.header.setText(title)
        self.header.setAccessibleName(title)
        self.header.setCheckable(True)
        self.header.setAutoRaise(True)
        self.header.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setStyleSheet(HEADER_STYLE % "")
        self.header.setToolTip(self.tr("展开或收起（空格键或回车键）"))
        self.summary = ElidedLabel(self)
        self.summary.setObjectName("fold_summary")
        self.summary.setStyleSheet("color: #555;")
        self.body = QWidget(self)
        self.body.setObjectName("fold_body")
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 4, 0)
        head.setSpacing(8)
        head.addWidget(self.header)
        head.addWidget(self.summary, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(2, 1, 2, 2)
        outer.setSpacing(0)
        outer.addLayout(head)
        outer.addWidget(self.body)
        self.header.toggled.connect(self._show)
        self.header.clicked.connect(self._chosen)
        self.header.setChecked(True)
        self._show(True)
        self.set_summary([])

    def set_expanded(self, expanded: bool) -> None:
        """Unfold (the fields shown, Tab reaches them) or fold to the header line."""
        self.header.setChecked(expanded)

    @property
    def expanded(self) -> bool:
        return self.header.isChecked()

    def set_summary(self, parts: list[str]) -> None:
        """What is filled, one part per field ("二氧化硫 12.0 吨"); none reads "未填"."""
        text = SEPARATOR.join(parts) if parts else self.tr("未填")
        self.summary.set_full_text(text)
        self.header.setAccessibleDescription(text)

    def set_issue(self, severity: str | None) -> None:
        """The header in the colour of the worst issue on the box's fields (seen while folded)."""
        colour = ISSUE_COLOURS.get(severity or "")
        self.header.setStyleSheet(HEADER_STYLE % (f"color: {colour}; " if colour else ""))
        self.issue = severity if colour else None

    def _show(self, expanded: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)
        self.expandedChanged.emit(expanded)

    def _chosen(self) -> None:
        self.user_chose = True
