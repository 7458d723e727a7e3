"""A repeating group as a full-width table: frozen name columns, banded headers, keyboard rows.

The columns that name a row (205-1: 能源名称 and 计量单位) stay in view while the figures
scroll sideways (``FrozenColumnsTable``); headers band columns as the form file says (购进量:
实物量 / 金额). Rows are added and removed with buttons or from the keyboard (Ctrl+Insert,
Ctrl+Delete, Ctrl+Shift+Up/Down to move; Alt+Down opens a drop-down cell's list: ``table_keys``);
Delete clears the selected cells. Tooltips name the keys. Tab leaves the table.
A click on a computed cell, or F1 on it, asks for its explanation (``explainRequested``).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.forms import FieldDef, FormDef
from ...domain.reference import ReferenceData
from ..delegates import EnumDelegate, TypedTextDelegate
from ..models.group_model import GroupTableModel, enum_labels, frozen_count
from ..models.roles import EXPLAIN_ROLE
from ..table_keys import keyboard_table
from .frozen_table import FrozenColumnsTable

MAX_FIT_HEIGHT = 460  # the table grows with its rows up to this, then scrolls
ADD_KEYS = "Ctrl+Insert"
REMOVE_KEYS = "Ctrl+Delete"
UP_KEYS = "Ctrl+Shift+Up"
DOWN_KEYS = "Ctrl+Shift+Down"


def _native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


class GroupTableWidget(QWidget):
    """Table of one group; the model holds the rows, this widget only shows and edits them."""

    explainRequested = Signal(str)  # the path of a computed cell to explain

    def __init__(self, form: FormDef, group: FieldDef, ref: ReferenceData, lang: str, parent=None):
        super().__init__(parent)
        self.setObjectName(f"group_{group.id}")
        explain_keys = _native(QKeySequence(QKeySequence.StandardKey.HelpContents).toString()) or "F1"
        self.model = GroupTableModel(form, group, ref, lang, self.tr("计量单位"), self,
                                     computed_band=self.tr("自动计算"),
                                     explain_tip=self.tr("点击或按 %1 查看计算过程").replace("%1", explain_keys))
        self.view = FrozenColumnsTable(self)
        self.view.setObjectName(f"table_{group.id}")
        self.view.setModel(self.model)
        for part in self.view.parts():
            part.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
            # typing, F2 or a double click edit a cell; moving onto one does not, so the
            # arrow keys always move between cells (an open editor would keep them)
            part.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                 | QAbstractItemView.EditTrigger.SelectedClicked
                                 | QAbstractItemView.EditTrigger.EditKeyPressed
                                 | QAbstractItemView.EditTrigger.AnyKeyPressed)
            part.setWordWrap(True)
            part.setAlternatingRowColors(True)
        self.view.set_resize_mode(QHeaderView.ResizeMode.Interactive)
        # rows as tall as a line of text needs: eight and more fit a 1024×700 screen
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        for position, column in enumerate(self.model.columns):
            if column.spec is None:
                continue
            if column.spec.enum:
                options = enum_labels(form, column.spec, ref, lang)
                self.view.set_column_delegate(position, partial(EnumDelegate, options))
            else:
                kind = column.spec.type
                self.view.set_column_delegate(position, partial(TypedTextDelegate, kind))
        self._set_widths()
        self.view.set_frozen(frozen_count(group, self.model.columns))
        self._frozen_widths = [self.view.columnWidth(c) for c in range(self.view.frozen)]
        # a reset gives the overlay's columns Qt's default width, which it passes to the table
        self.model.modelReset.connect(self._keep_frozen_widths)
        self.view.horizontalHeader().sectionResized.connect(lambda *_: self.view.fit_header())
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        item = group.item_label_en if lang == "en" else group.item_label_zh
        self.add_button = QPushButton(self.tr("添加%1").replace("%1", item or ""))
        self.remove_button = QPushButton(self.tr("删除所选行"))
        self.up_button = QPushButton(self.tr("上移"))
        self.down_button = QPushButton(self.tr("下移"))
        self.shortcuts: list[QShortcut] = []
        for button, keys, slot, name in (
                (self.add_button, ADD_KEYS, self.add_item, "add"),
                (self.remove_button, REMOVE_KEYS, self.remove_selected, "remove"),
                (self.up_button, UP_KEYS, lambda: self.move_current(-1), "up"),
                (self.down_button, DOWN_KEYS, lambda: self.move_current(1), "down")):
            button.setObjectName(f"{group.id}_{name}")
            button.setToolTip(f"{button.text()} ({_native(keys)})")
            button.clicked.connect(lambda _c=False, s=slot: s())
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)
        clear = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self)
        clear.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        clear.activated.connect(self.clear_selected_cells)
        self.shortcuts.append(clear)
        explain = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self)
        explain.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        explain.activated.connect(self.explain_current)
        self.shortcuts.append(explain)
        for part in self.view.parts():
            part.clicked.connect(self.explain_cell)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if not self.model.fixed:
            layout.addLayout(buttons)
        else:
            for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
                button.hide()
            for shortcut in self.shortcuts[:4]:
                shortcut.setEnabled(False)
        layout.addWidget(self.view, 1)
        keyboard_table(self.view, editable=True, parts=(self.view.frozen_view,))
        self._tab_ordered = False
        self.model.modelReset.connect(self._fit_height)
        self.model.rowsInserted.connect(self._fit_height)
        self.model.rowsRemoved.connect(self._fit_height)
        self._fit_height()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._tab_ordered:  # once in the window: moving the widget there reorders its chain
            # Tab reaches the buttons above the table before the table, as they are seen
            QWidget.setTabOrder(self.down_button, self.view)
            QWidget.setTabOrder(self.view, self.view.frozen_view)
            self._tab_ordered = True

    def _set_widths(self) -> None:
        """Room for the figures and the longest word of each header, never less than a minimum."""
        metrics = self.view.fontMetrics()
        digits = metrics.horizontalAdvance("0") * 10  # 1,234,567 and a margin
        for position, column in enumerate(self.model.columns):
            if column.kind == "unit":
                width = metrics.horizontalAdvance("万立方米") + 16
            elif column.spec is not None and column.spec.enum:
                labels = [label for _value, label in self.model.enum_options(column.id)]
                width = min(max((metrics.horizontalAdvance(t) for t in labels), default=100) + 40, 240)
            elif column.spec is not None and column.spec.type == "text":
                width = 180
            elif column.spec is not None and column.spec.type == "date":
                width = metrics.horizontalAdvance("2025-12-31") + 16
            else:
                width = digits
            words = [w for line in (column.label or column.header).split("\n") for w in line.split()]
            longest = max((metrics.horizontalAdvance(w) for w in words), default=0) + 16
            self.view.setColumnWidth(position, max(width, min(longest, 200), 64))

    def _keep_frozen_widths(self) -> None:
        for column, width in enumerate(self._frozen_widths):
            self.view.setColumnWidth(column, width)

    def _fit_height(self, *args) -> None:
        rows = max(self.model.rowCount(), 3)
        height = (self.view.horizontalHeader().minimumHeight() + rows * self.view.verticalHeader()
                  .defaultSectionSize() + self.view.horizontalScrollBar().sizeHint().height()
                  + 2 * self.view.frameWidth() + 4)
        self.view.setMinimumHeight(min(height, MAX_FIT_HEIGHT))

    def set_read_only(self, read_only: bool) -> None:
        """Read-only: the row buttons go (their height goes to the rows)."""
        self.model.read_only = read_only
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(not read_only)
            button.setVisible(not read_only and not self.model.fixed)

    def add_item(self) -> int:
        """A new row after the current one (at the end when none is current)."""
        current = self.view.currentIndex()
        row = self.model.insert_item(current.row() + 1 if current.isValid() else None)
        if row >= 0:
            self.select_cell(row, 0, edit=False)
        return row

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.view.selectionModel().selectedIndexes()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.view.currentIndex().row()}
        if not rows:
            return
        self.model.remove_items(sorted(rows))
        if self.model.rowCount():
            self.select_cell(min(min(rows), self.model.rowCount() - 1), 0, edit=False)

    def clear_selected_cells(self) -> int:
        """Delete: empty the selected editable cells (the rows stay); returns how many."""
        if self.model.read_only:
            return 0
        cleared = 0
        for index in self.view.selectionModel().selectedIndexes():
            if self.model.flags(index) & Qt.ItemFlag.ItemIsEditable and self.model.setData(index, None):
                cleared += 1
        return cleared

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
        self.view.focus_index(index)
        if edit and self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.view.edit(index)

    def has_focus_inside(self, widget: QWidget | None) -> bool:
        return self.view.has_focus_inside(widget)

    def explain_cell(self, index: QModelIndex) -> str | None:
        """Ask for the explanation of a computed cell (other cells: nothing); returns its path."""
        path = index.data(EXPLAIN_ROLE) if index.isValid() else None
        if path:
            self.explainRequested.emit(path)
        return path

    def explain_current(self) -> str | None:
        """F1: explain the current cell when it is computed."""
        return self.explain_cell(self.view.currentIndex())
