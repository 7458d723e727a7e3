"""A table whose first columns stay in view while the others scroll sideways.

The frozen-column pattern: a second ``QTableView`` lies over the left edge of the main one,
showing only the frozen columns; both share the model, the selection and the current cell.
Each view edits and scrolls to its own columns only; when the current cell crosses from one
part to the other (arrow keys, Tab, the issues panel), the keyboard focus follows it. Both
views head their columns with a ``BandedHeader`` of the same height.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import overload

from PySide6.QtCore import QAbstractItemModel, QEvent, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QTableView, QWidget

from .banded_header import BandedHeader

Index = QModelIndex | QPersistentModelIndex
Hint = QAbstractItemView.ScrollHint
Trigger = QAbstractItemView.EditTrigger
Cursor = QAbstractItemView.CursorAction


class _FrozenPart(QTableView):
    """The overlay showing the frozen columns; ``owner`` is the main table."""

    def __init__(self, owner: FrozenColumnsTable):
        super().__init__(owner)
        self.owner = owner
        self.setObjectName("frozen_columns")
        self.setHorizontalHeader(BandedHeader(self))
        self.verticalHeader().hide()
        self.setFrameShape(QTableView.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def moveCursor(self, action: Cursor, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = self.currentIndex()
        model = self.model()
        last_frozen = self.owner.frozen - 1
        if (current.isValid() and model is not None and current.column() == last_frozen
                and action in (Cursor.MoveRight, Cursor.MoveNext)
                and last_frozen + 1 < model.columnCount()):
            return model.index(current.row(), last_frozen + 1)  # on into the scrolling part
        if current.isValid() and model is not None and action == Cursor.MoveEnd:
            return model.index(current.row(), model.columnCount() - 1)
        return super().moveCursor(action, modifiers)

    @overload
    def edit(self, index: Index, /) -> None: ...

    @overload
    def edit(self, index: Index, trigger: Trigger, event: QEvent | None, /) -> bool: ...

    def edit(self, index: Index, trigger: Trigger = Trigger.AllEditTriggers,
             event: QEvent | None = None) -> bool | None:
        if index.isValid() and index.column() >= self.owner.frozen:
            return False  # the main view edits the scrolling columns
        return super().edit(index, trigger, event)  # type: ignore[arg-type]  # stubs: QEvent* may be null

    def scrollTo(self, index: Index, hint: Hint = Hint.EnsureVisible) -> None:
        if index.isValid():
            self.owner.scroll_to_row(index, hint)


class FrozenColumnsTable(QTableView):
    """A ``QTableView`` with ``set_frozen(n)``: the first ``n`` columns never scroll away."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHorizontalHeader(BandedHeader(self))
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen = 0
        self.active = False  # some columns are frozen (the overlay is shown)
        self.frozen_view = _FrozenPart(self)
        self.viewport().stackUnder(self.frozen_view)
        self.frozen_view.hide()
        self.horizontalHeader().sectionResized.connect(self._main_section_resized)
        self.frozen_view.horizontalHeader().sectionResized.connect(self._frozen_section_resized)
        self.verticalHeader().sectionResized.connect(self._row_resized)
        self.frozen_view.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen_view.verticalScrollBar().setValue)
        # a band's name is centred over its part in view: repaint the header as it scrolls
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.horizontalHeader().viewport().update())

    # --- set-up --------------------------------------------------------------------------
    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.frozen_view.setModel(model)
        self.frozen_view.setSelectionModel(self.selectionModel())
        self.selectionModel().currentChanged.connect(self._current_changed)
        if model is not None:
            model.modelReset.connect(self.fit_header)
            model.headerDataChanged.connect(self.fit_header)
        self.set_frozen(self.frozen)

    def set_frozen(self, count: int) -> None:
        """Freeze the first ``count`` columns (0: an ordinary table)."""
        self.frozen = max(0, count)
        model = self.model()
        columns = model.columnCount() if model is not None else 0
        for column in range(columns):
            if column < self.frozen:  # the width first: shown, a column would pass Qt's default on
                self.frozen_view.setColumnWidth(column, self.columnWidth(column))
            self.frozen_view.setColumnHidden(column, column >= self.frozen)
        self.frozen_view.verticalHeader().setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        self.active = self.frozen > 0 and columns > 0
        self.frozen_view.setVisible(self.active)
        self.fit_header()
        self._place_frozen()

    def set_column_delegate(self, column: int, make: Callable[[QTableView], QStyledItemDelegate]) -> None:
        """The same kind of editor for a column in both parts (a delegate each: a delegate
        reports its editors to every view that uses it)."""
        for view in self.parts():
            view.setItemDelegateForColumn(column, make(view))

    def parts(self) -> tuple[QTableView, ...]:
        """The views a cell may be edited in (for focus checks)."""
        return (self, self.frozen_view)

    def frozen_width(self) -> int:
        return sum(self.columnWidth(c) for c in range(self.frozen)) if self.active else 0

    # --- geometry ------------------------------------------------------------------------
    def fit_header(self) -> None:
        """Both headers as tall as the longest wrapped band and label needs."""
        header = self.horizontalHeader()
        if not isinstance(header, BandedHeader) or self.model() is None:
            return
        height = header.needed_height()
        for view in (self, self.frozen_view):
            view.horizontalHeader().setMinimumHeight(height)
            view.horizontalHeader().setMaximumHeight(height)
        self.updateGeometries()
        self._place_frozen()

    def _place_frozen(self) -> None:
        header = self.horizontalHeader()
        if isinstance(header, BandedHeader):
            header.covered_left = self.frozen_width() if getattr(self, "active", False) else 0
        if not getattr(self, "active", False):
            return
        frame = self.frameWidth()
        self.frozen_view.setGeometry(self.verticalHeader().width() + frame, frame,
                                     self.frozen_width(),
                                     self.viewport().height() + self.horizontalHeader().height())

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._place_frozen()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_frozen()

    def _main_section_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.frozen and self.frozen_view.columnWidth(column) != new:
            self.frozen_view.setColumnWidth(column, new)
        self._place_frozen()

    def _frozen_section_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.frozen and self.columnWidth(column) != new:
            self.setColumnWidth(column, new)  # the user widened a frozen column

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.frozen_view.setRowHeight(row, new)

    # --- keyboard, editing, scrolling ----------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The focus follows the current cell into the part that shows it."""
        if not current.isValid() or not self.active:
            return
        if current.column() < self.frozen and self.hasFocus():
            self.frozen_view.setFocus(Qt.FocusReason.OtherFocusReason)
        elif current.column() >= self.frozen and self.frozen_view.hasFocus():
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scrollTo(current)

    @overload
    def edit(self, index: Index, /) -> None: ...

    @overload
    def edit(self, index: Index, trigger: Trigger, event: QEvent | None, /) -> bool: ...

    def edit(self, index: Index, trigger: Trigger = Trigger.AllEditTriggers,
             event: QEvent | None = None) -> bool | None:
        if index.isValid() and index.column() < self.frozen and self.active:
            if trigger == Trigger.AllEditTriggers:  # asked from code: the overlay edits it
                return self.frozen_view.edit(index, trigger, event)
            return False  # the cell lies under the overlay, which edits it
        return super().edit(index, trigger, event)  # type: ignore[arg-type]  # stubs: QEvent* may be null

    def scroll_to_row(self, index: Index, hint: Hint = Hint.EnsureVisible) -> None:
        """Scroll vertically only, keeping the sideways position."""
        keep = self.horizontalScrollBar().value()
        super().scrollTo(index, hint)
        self.horizontalScrollBar().setValue(keep)

    def scrollTo(self, index: Index, hint: Hint = Hint.EnsureVisible) -> None:
        if not index.isValid():
            return
        if index.column() < self.frozen and self.active:
            self.scroll_to_row(index, hint)
            return
        super().scrollTo(index, hint)
        covered = self.frozen_width()
        left = self.visualRect(index).left()
        if left < covered:  # hidden under the frozen columns: bring it out to their right
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - (covered - left))

    def set_resize_mode(self, mode: QHeaderView.ResizeMode) -> None:
        for view in self.parts():
            view.horizontalHeader().setSectionResizeMode(mode)

    def part_of(self, column: int) -> QTableView:
        """The view that shows (and edits) ``column``."""
        return self.frozen_view if column < self.frozen and self.active else self

    def has_focus_inside(self, widget: QWidget | None) -> bool:
        """Whether ``widget`` (the focus widget) is either part or an editor open in one."""
        return widget is not None and any(widget is v or v.isAncestorOf(widget) for v in self.parts())

    def focus_index(self, index: QModelIndex) -> None:
        """Make ``index`` current and selected, show it and give its part the focus."""
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)
        self.part_of(index.column()).setFocus(Qt.FocusReason.OtherFocusReason)
