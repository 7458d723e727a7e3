"""The record-level computed values, read-only, refreshed as the user types.

A strip below the form, so the form and its tables keep the full width: label and value pairs
flow into as many columns as the width allows and wrap rather than clip. The title folds it
away; folded, it still shows the record's totals on one line. Values read as people read them
(``domain.labels.computed_text``: a grid factor's label, never its id); ids are in tooltips.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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


class ComputedPanel(QFrame):
    """One label per computed value of the form's record scope, with its unit."""

    expandedChanged = Signal(bool)
    toggledByUser = Signal(bool)  # the title was clicked (not a fold the pane chose)

    def __init__(self, form: FormDef, ref: ReferenceData, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("computed_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.form, self.ref, self.lang = form, ref, lang
        self.labels: dict[str, QLabel] = {}
        self.names: dict[str, QLabel] = {}
        self._values: dict = {}
        self._columns = 0
        self.toggle = QToolButton()
        self.toggle.setObjectName("computed_toggle")
        self.toggle.setText(self.tr("计算结果（自动，只读）"))
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
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.hide()
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
            value = QLabel("—")
            value.setObjectName(f"computed_{computed.id}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value.setWordWrap(True)
            value.setStyleSheet("font-weight: bold;")
            value.setToolTip(computed.id)
            self.names[computed.id] = name
            self.labels[computed.id] = value
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 6, 0)
        head.addWidget(self.toggle)
        head.addWidget(self.summary, 100)
        head.addStretch(1)  # the title stays on the left while the summary is hidden
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

    # --- layout --------------------------------------------------------------------------
    def _is_wide(self, computed_id: str) -> bool:
        """Text values (a grid factor set's label) take a row of their own below the others."""
        return self.form.computed_def(computed_id).type == "text"

    def _cell_width(self) -> int:
        """The width of one label and value pair, unwrapped: the longest of each."""
        def widest(labels: dict[str, QLabel]) -> int:
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

    def _fit_height(self) -> None:
        """As tall as the values need, at most ``MAX_BODY_HEIGHT`` (then it scrolls)."""
        values = self.body.widget()
        width = self.body.viewport().width() or self.width()
        needed = values.heightForWidth(width) if values.hasHeightForWidth() else -1
        if needed < 0:
            needed = values.sizeHint().height()
        self.body.setFixedHeight(max(min(needed, MAX_BODY_HEIGHT), 0))

    def set_expanded(self, expanded: bool) -> None:
        """Show every value, or fold to the title and the totals."""
        if self.toggle.isChecked() != expanded:
            self.toggle.setChecked(expanded)  # comes back here through ``toggled``
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)
        self.summary.setVisible(not expanded)
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
        totals = record_totals(self.form, self._values, self.lang, self.ref)
        headline = [totals[0], totals[-1]] if len(totals) > 1 else totals
        self.summary.setText("  ·  ".join(f"{t.label} {t.text} {unit_text(t.unit)}" for t in headline))
