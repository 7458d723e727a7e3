"""The twelve months of a ``months`` field as one editable row."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from ...domain.forms import FieldDef
from ...domain.labels import unit_text
from ..delegates import TypedTextDelegate
from ..models.months_model import MonthsModel
from ..table_keys import keyboard_table


class MonthsWidget(QWidget):
    def __init__(self, spec: FieldDef, lang: str, parent=None):
        super().__init__(parent)
        labels = [self.tr("%1月").replace("%1", str(m)) for m in range(1, 13)]
        unit = unit_text(spec.unit(lang))
        self.model = MonthsModel(spec, labels, unit, self)
        self.view = QTableView(self)
        self.view.setObjectName(f"table_{spec.id}")
        self.view.setModel(self.model)
        self.view.setItemDelegate(TypedTextDelegate("number", self.view))
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setMinimumSectionSize(56)
        height = (self.view.horizontalHeader().sizeHint().height()
                  + self.view.verticalHeader().defaultSectionSize() + 6)
        self.view.setFixedHeight(height)
        keyboard_table(self.view, editable=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only

    def select_month(self, month_index: int) -> None:
        index = self.model.index(0, month_index)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
