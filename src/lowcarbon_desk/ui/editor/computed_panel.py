"""The record-level computed values, read-only, refreshed as the user types.

A strip below the form, so the form and its tables keep the full width: label and value pairs
flow into as many columns as the width allows and wrap rather than clip. The title folds it
away; folded, it still shows the record's totals on one line. Values read as people read them
(``domain.labels.computed_text``: a grid factor's label, never its id); ids are in tooltips.

Every value (and each total of the folded line) reads as a link: clicking it, or Enter or F1
while it has the keyboard focus (Tab reaches it), asks for its explanation
(``explainRequested``); the editor opens ``ui/explain_dialog.py``. A hint beside the title and
each value's tooltip say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.forms import FormDef
from ...domain.labels import computed_text, record_totals, unit_text
from ...domain.reference import ReferenceData

SPACING = 10
MAX_COLUMNS = 4
MAX_BODY_HEIGHT = 170
ROOM_SHARE = 5  # unfolded on a short editor, the values take at most a fifth of its height (then scroll)
SHORT_EDITOR = 560  # an editor below this height is short (a 700 px tall screen)
MIN_BODY_HEIGHT = 48
LINKS = (Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
         | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)


def link(target: str, text: str) -> str:
    """``text`` as a link to ``target`` in a rich-text label."""
    return f"<a href='{escape(target)}'>{escape(text)}</a>"


class ValueLabel(QLabel):
    """A computed value that reads like a link: underlined, a pointing hand, reached with Tab;
    a click (that selects nothing), Enter or Space emits ``activated`` (F1 is the panel's
    shortcut). Its text stays plain, so it can still be selected by dragging and copied."""

    activated = Signal()

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = self.font()
        font.setUnderline(True)
        font.setBold(True)
        self.setFont(font)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.hasSelectedText():
            self.activated.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
            return
        super().keyPressEvent(event)


class ComputedPanel(QFrame):
    """One label per computed value of the form's record scope, with its unit."""

    expandedChanged = Signal(bool)
    toggledByUser = Signal(bool)  # the title was clicked (not a fold the pane chose)
    explainRequested = Signal(str)  # a computed id whose explanation the user asked for

    def __init__(self, form: FormDef, ref: ReferenceData, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("computed_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.form, self.ref, self.lang = form, ref, lang
        self.labels: dict[str, ValueLabel] = {}
        self.names: dict[str, QLabel] = {}
        self._values: dict = {}
        self._columns = 0
        self._room: int | None = None  # the editor's height, when known
        self.toggle = QToolButton()
        self.toggle.setObjectName("computed_toggle")
        self._titles = (self.tr("计算结果（自动，只读）"), self.tr("计算结果"))  # unfolded, folded
        self.toggle.setText(self._titles[0])
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setStyleSheet("QToolButton { font-weight: bold; }")
        self.toggle.setToolTip(self.tr("展开或收起计算结果"))
        self.toggle.toggled.connect(self.set_expanded)
        self.toggle.clicked.connect(self.toggledByUser)
        self.summary = QLabel()
        self.summary.setObjectName("computed_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(LINKS)
        self.summary.linkActivated.connect(self.explainRequested)
        self.summary.hide()
        keys = QKeySequence(QKeySequence.StandardKey.HelpContents).toString(
            QKeySequence.SequenceFormat.NativeText) or "F1"
        tip = self.tr("点击数值，或选中后按 %1，查看计算过程").replace("%1", keys)
        self.hint = QLabel(self.tr("点击数值可查看计算过程"))
        self.hint.setObjectName("computed_hint")
        self.hint.setStyleSheet("color: #6c757d;")
        self.hint.setToolTip(tip)
        values = QWidget()
        values.setObjectName("computed_values")
        self.grid = QGridLayout(values)
        self.grid.setContentsMargins(6, 0, 6, 4)
        self.grid.setHorizontalSpacing(SPACING)
        self.grid.setVerticalSpacing(2)
        for computed in form.computed_for("record"):
            name = QLabel(computed.label(lang))
            name.setWordWrap(True)
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            name.setToolTip(computed.id)
            name.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            value = ValueLabel("—")
            value.setObjectName(f"computed_{computed.id}")
            value.activated.connect(lambda c=computed.id: self.explainRequested.emit(c))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value.setWordWrap(True)
            value.setToolTip(f"{tip}\n{computed.id}")
            self.names[computed.id] = name
            self.labels[computed.id] = value
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 6, 0)
        head.addWidget(self.toggle)
        head.addWidget(self.summary, 100)
        head.addStretch(1)  # the title stays on the left while the summary is hidden
        head.addWidget(self.hint)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(2, 2, 2, 2)
        outer.setSpacing(0)
        outer.addLayout(head)
        # many values (an audit has twenty) scroll inside the strip rather than squeeze the form
        self.body = QScrollArea()
        self.body.setObjectName("computed_body")
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.setWidget(values)
        outer.addWidget(self.body)
        self._reflow(1)
        self._yes, self._no = self.tr("是"), self.tr("否")
        explain = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self)
        explain.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        explain.activated.connect(self.explain_focused)

    # --- layout --------------------------------------------------------------------------
    def _is_wide(self, computed_id: str) -> bool:
        """Text values (a grid factor set's label) take a row of their own below the others."""
        return self.form.computed_def(computed_id).type == "text"

    def _cell_width(self) -> int:
        """The width of one label and value pair, unwrapped: the longest of each."""
        def widest(labels: Mapping[str, QLabel]) -> int:
            return max((label.fontMetrics().horizontalAdvance(label.text()) for key, label in labels.items()
                        if not self._is_wide(key)), default=0)

        return widest(self.names) + widest(self.labels) + 3 * SPACING

    def _reflow(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        # side by side, every pair fits unwrapped; in one column long ones wrap
        for label in (*self.names.values(), *self.labels.values()):
            label.setWordWrap(columns == 1)
        while self.grid.count():
            self.grid.takeAt(0)
        for column in range(MAX_COLUMNS * 2):
            self.grid.setColumnStretch(column, 0)
        ids = [key for key in self.labels if not self._is_wide(key)]
        wide = [key for key in self.labels if self._is_wide(key)]
        rows = -(-len(ids) // columns) if ids else 0
        for row in range(len(self.labels) + 1):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(rows + len(wide), 1)  # spare height below the values, not between them
        for row, computed_id in enumerate(wide, start=rows):
            self.grid.addWidget(self.names[computed_id], row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(self.labels[computed_id], row, 1, 1, 2 * columns - 1, Qt.AlignmentFlag.AlignTop)
            self.labels[computed_id].setWordWrap(True)
        for position, computed_id in enumerate(ids):
            # fill down the columns, so related values (the emissions) stay together
            row, column = position % rows, position // rows
            self.grid.addWidget(self.names[computed_id], row, column * 2, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(self.labels[computed_id], row, column * 2 + 1, Qt.AlignmentFlag.AlignTop)
            self.grid.setColumnStretch(column * 2, 3)
            self.grid.setColumnStretch(column * 2 + 1, 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._reflow_to_width()

    def _reflow_to_width(self) -> None:
        width = self.width() - 2 * self.grid.contentsMargins().left() - 24  # the scroll bar
        self._reflow(max(1, min(MAX_COLUMNS, (width + SPACING) // max(self._cell_width(), 1))))
        self._fit_height()

    def set_room(self, height: int) -> None:
        """The editor is ``height`` tall: unfolded, the values leave most of it to the form."""
        if height != self._room:
            self._room = height
            self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the values need, at most ``MAX_BODY_HEIGHT`` and a share of the editor's
        height (then it scrolls): the form's rows stay in view on a small screen."""
        values = self.body.widget()
        if values is None:
            return
        width = self.body.viewport().width() or self.width()
        needed = values.heightForWidth(width) if values.hasHeightForWidth() else -1
        if needed < 0:
            needed = values.sizeHint().height()
        most = MAX_BODY_HEIGHT
        if self._room is not None and self._room < SHORT_EDITOR:
            most = max(min(MAX_BODY_HEIGHT, self._room // ROOM_SHARE), MIN_BODY_HEIGHT)
        self.body.setFixedHeight(max(min(needed, most), 0))

    def set_expanded(self, expanded: bool) -> None:
        """Show every value, or fold to the title and the totals."""
        if self.toggle.isChecked() != expanded:
            self.toggle.setChecked(expanded)  # comes back here through ``toggled``
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.toggle.setText(self._titles[0 if expanded else 1])  # folded, the totals get the width
        self.body.setVisible(expanded)
        self.summary.setVisible(not expanded)
        self.hint.setVisible(expanded)
        self.expandedChanged.emit(expanded)

    @property
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    # --- values --------------------------------------------------------------------------
    def text_of(self, computed_id: str, value: object) -> str:
        spec = self.form.computed_def(computed_id)
        if value is None:
            return "—"
        if spec.type == "bool":
            return self._yes if value else self._no
        text = computed_text(self.form, spec, value, self.lang, self.ref)
        unit = unit_text(spec.unit(self.lang)) if spec.type in ("number", "int") else ""
        return f"{text} {unit}" if unit else text

    def set_values(self, computed: dict) -> None:
        self._values = dict(computed or {})
        for computed_id, label in self.labels.items():
            label.setText(self.text_of(computed_id, computed.get(computed_id)))
        self._reflow_to_width()  # longer values may need fewer columns
        headline = record_totals(self.form, self._values, self.lang, self.ref)
        self.summary.setText(" &nbsp;·&nbsp; ".join(
            f"{escape(t.label)} {link(t.id, f'{t.text} {unit_text(t.unit)}'.strip())}" for t in headline))

    def explain_focused(self) -> str | None:
        """F1: ask for the explanation of the value that has the keyboard focus."""
        for computed_id, label in self.labels.items():
            if label.hasFocus():
                self.explainRequested.emit(computed_id)
                return computed_id
        return None
