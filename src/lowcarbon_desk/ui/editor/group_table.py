"""A repeating group as a table with add, remove and move buttons."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.forms import FieldDef, FormDef
from ...domain.reference import ReferenceData
from ..delegates import EnumDelegate, TypedTextDelegate
from ..models.group_model import GroupTableModel, enum_labels


class GroupTableWidget(QWidget):
    """Table of one group; the model holds the rows, this widget only shows and edits them."""

    def __init__(self, form: FormDef, group: FieldDef, ref: ReferenceData, lang: str, parent=None):
        super().__init__(parent)
        self.setObjectName(f"group_{group.id}")
        self.model = GroupTableModel(form, group, ref, lang, self.tr("计量单位"), self)
        self.view = QTableView(self)
        self.view.setObjectName(f"table_{group.id}")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(self.fontMetrics().height() * 2 + 12)
        self._delegates = []
        for position, column in enumerate(self.model.columns):
            if column.spec is None:
                continue
            if column.spec.enum:
                delegate = EnumDelegate(enum_labels(form, column.spec, ref, lang), self.view)
            else:
                delegate = TypedTextDelegate(column.spec.type, self.view)
            self._delegates.append(delegate)
            self.view.setItemDelegateForColumn(position, delegate)
        for position, column in enumerate(self.model.columns):
            width = 150 if (column.spec and column.spec.enum) else 110
            if column.spec and column.spec.type == "text":
                width = 160
            self.view.setColumnWidth(position, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        item = group.item_label_en if lang == "en" else group.item_label_zh
        self.add_button = QPushButton(self.tr("添加%1").replace("%1", item or ""))
        self.remove_button = QPushButton(self.tr("删除所选行"))
        self.up_button = QPushButton(self.tr("上移"))
        self.down_button = QPushButton(self.tr("下移"))
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        if not self.model.fixed:
            layout.addLayout(buttons)
        else:
            for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
                button.hide()
        layout.addWidget(self.view)
        self.model.modelReset.connect(self._fit_height)
        self.model.rowsInserted.connect(self._fit_height)
        self.model.rowsRemoved.connect(self._fit_height)
        self._fit_height()

    def _fit_height(self, *args) -> None:
        rows = max(self.model.rowCount(), 2)
        height = self.view.horizontalHeader().minimumHeight() + rows * self.view.verticalHeader(
        ).defaultSectionSize() + 8
        self.view.setMinimumHeight(min(height, 420))

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(not read_only)

    def add_item(self) -> int:
        row = self.model.insert_item()
        if row >= 0:
            self.select_cell(row, 0, edit=False)
        return row

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.view.selectionModel().selectedIndexes()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.view.currentIndex().row()}
        self.model.remove_items(sorted(rows))

    def move_current(self, delta: int) -> int:
        current = self.view.currentIndex()
        if not current.isValid():
            return -1
        target = self.model.move_item(current.row(), delta)
        if target >= 0:
            self.select_cell(target, current.column(), edit=False)
        return target

    def select_cell(self, row: int, column: int, edit: bool = False) -> None:
        """Make a cell current and visible (used by the issues panel)."""
        index = self.model.index(row, max(column, 0))
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        self.view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if edit and self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.view.edit(index)
