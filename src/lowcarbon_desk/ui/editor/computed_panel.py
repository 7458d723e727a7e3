"""The record-level computed values, read-only, refreshed as the user types."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ...domain.forms import FormDef
from ...domain.reference import ReferenceData
from ..formatting import fmt_number


class ComputedPanel(QGroupBox):
    """One label per computed value of the form's record scope, with its unit."""

    def __init__(self, form: FormDef, ref: ReferenceData, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("计算结果（自动，只读）"))
        self.form, self.ref, self.lang = form, ref, lang
        self.labels: dict[str, QLabel] = {}
        layout = QFormLayout()
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._yes, self._no = self.tr("是"), self.tr("否")
        for computed in form.computed_for("record"):
            value = QLabel("—")
            value.setObjectName(f"computed_{computed.id}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setStyleSheet("font-weight: bold;")
            name = QLabel(computed.label(lang))
            name.setWordWrap(True)
            self.labels[computed.id] = value
            layout.addRow(name, value)
        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addStretch(1)

    def text_of(self, computed_id: str, value: object) -> str:
        spec = self.form.computed_def(computed_id)
        if value is None:
            return "—"
        if spec.type == "bool":
            return self._yes if value else self._no
        if spec.enum:
            return self.form.enum_label(spec.enum, value, self.lang, self.ref)
        if spec.type in ("number", "int"):
            text = fmt_number(value, spec.decimals)
            unit = spec.unit(self.lang)
            return f"{text} {unit}" if unit else text
        return str(value)

    def set_values(self, computed: dict) -> None:
        for computed_id, label in self.labels.items():
            label.setText(self.text_of(computed_id, computed.get(computed_id)))
