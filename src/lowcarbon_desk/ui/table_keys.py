"""Keys inside the window's tables, for people who work without a mouse.

Tab and Shift+Tab leave a table (they never cycle through its cells: the arrow keys do that),
so the fields before and after it and the other panes stay within reach. In an editable table
Enter commits the cell being typed and moves down a row, as in a spreadsheet, and Alt+Down
(or F4) on a drop-down cell opens its list. ``TABLE_KEYS`` is what the shortcuts page lists.

A table with frozen columns (``editor.frozen_table``) is two views: the overlay showing the
frozen columns is no Tab stop of its own; Tab into the table gives the focus to whichever part
shows the current cell, and Tab or Shift+Tab from either part leaves the whole table.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QWidget


def QT_TRANSLATE_NOOP(_context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for lupdate in ``_context``; the shortcuts page translates it."""
    return text


# (keys, what they do) inside tables and fields, in the "ShortcutsDialog" translation context
TABLE_KEYS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("ShortcutsDialog", "下一个 / 上一个控件；在表格中即离开表格")),
    ("F6 / Shift+F6", QT_TRANSLATE_NOOP("ShortcutsDialog", "在导航栏、记录列表、编辑区、问题列表间切换")),
    ("Ctrl+Tab / Ctrl+Shift+Tab", QT_TRANSLATE_NOOP("ShortcutsDialog", "同 F6 / Shift+F6")),
    ("↑ ↓ ← →, Home, End", QT_TRANSLATE_NOOP("ShortcutsDialog", "表格中移动到相邻的单元格")),
    ("F2", QT_TRANSLATE_NOOP("ShortcutsDialog", "编辑单元格（直接输入也可）")),
    ("Enter", QT_TRANSLATE_NOOP("ShortcutsDialog", "确认单元格的输入并移到下一行")),
    ("Esc", QT_TRANSLATE_NOOP("ShortcutsDialog", "放弃单元格中正在输入的内容")),
    ("Alt+↓ / F4", QT_TRANSLATE_NOOP("ShortcutsDialog", "打开下拉列表（如能源品种）")),
    ("Ctrl+Insert", QT_TRANSLATE_NOOP("ShortcutsDialog", "表格中在当前行后添加一行")),
    ("Ctrl+Delete", QT_TRANSLATE_NOOP("ShortcutsDialog", "删除所选的行")),
    ("Ctrl+Shift+↑ / Ctrl+Shift+↓", QT_TRANSLATE_NOOP("ShortcutsDialog", "当前行上移 / 下移")),
    ("Delete", QT_TRANSLATE_NOOP("ShortcutsDialog", "清空所选的单元格")),
    ("F1", QT_TRANSLATE_NOOP("ShortcutsDialog", "说明当前计算值的来历")),
)

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _is_key(event: QKeyEvent, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> bool:
    wanted = modifiers | Qt.KeyboardModifier.KeypadModifier
    return event.key() == key and (event.modifiers() | Qt.KeyboardModifier.KeypadModifier) == wanted


class _TableKeys(QObject):
    """The event filter of one table part (see the module docstring)."""

    def __init__(self, part: QAbstractItemView, owner: QAbstractItemView, editable: bool):
        super().__init__(part)
        self.part, self.owner, self.editable = part, owner, editable

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched is self.owner:
            self._focus_entered(event)
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._ring()
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return False

    def _focus_entered(self, event) -> None:
        """Tabbed into a frozen-column table: the part that shows the current cell takes the focus."""
        if event.reason() not in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            return
        part_of = getattr(self.owner, "part_of", None)
        current = self.owner.currentIndex()
        if part_of is not None and current.isValid():
            part = part_of(current.column())
            if part is not self.owner:
                part.setFocus(Qt.FocusReason.OtherFocusReason)

    def _ring(self) -> None:
        """The table wears the focus ring whichever of its parts, or a cell editor in it, has
        the focus (``focus_style``): its ``focusWithin`` property, the style sheet polished again."""
        focus = QApplication.focusWidget()
        inside = focus is not None and (focus is self.owner or self.owner.isAncestorOf(focus))
        if bool(self.owner.property("focusWithin")) != inside:
            self.owner.setProperty("focusWithin", inside)
            self.owner.style().unpolish(self.owner)
            self.owner.style().polish(self.owner)
            self.owner.update()

    def _key(self, event: QKeyEvent) -> bool:
        editing = self.part.state() == QAbstractItemView.State.EditingState
        if self.part is not self.owner and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            # the frozen overlay: leave from the table itself, so Shift+Tab does not land on it
            self.owner.setFocus(Qt.FocusReason.OtherFocusReason)
            QApplication.sendEvent(self.owner, QKeyEvent(event.type(), event.key(), event.modifiers()))
            return True
        if self.editable and event.key() in _ENTER and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                     | Qt.KeyboardModifier.ShiftModifier)):
            # while editing, the delegate has queued the commit: move once it has run
            QTimer.singleShot(0, self._move_down) if editing else self._move_down()
            return not editing
        if not editing and (_is_key(event, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
                            or _is_key(event, Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier)):
            return self.open_list()
        return False

    def _move_down(self) -> None:
        current = self.owner.currentIndex()
        model = self.owner.model()
        if not current.isValid() or model is None or current.row() + 1 >= model.rowCount():
            return
        below = model.index(current.row() + 1, current.column())
        focus_index = getattr(self.owner, "focus_index", None)
        if focus_index is not None:
            focus_index(below)
        else:
            self.owner.setCurrentIndex(below)

    def open_list(self) -> bool:
        """Open the drop-down list of the current cell (an enumeration): False for other cells."""
        current = self.part.currentIndex()
        if not current.isValid() or not self.part.model().flags(current) & Qt.ItemFlag.ItemIsEditable:
            return False
        if not isinstance(self.part.itemDelegateForColumn(current.column()), _combo_delegates()):
            return False
        if not self.part.edit(current, QAbstractItemView.EditTrigger.AllEditTriggers, None):  # type: ignore[call-overload]  # the stubs lack the event-less overload Qt accepts
            return False
        combos = [w for w in self.part.viewport().findChildren(QComboBox) if w.isVisible()]
        if combos:
            combos[-1].showPopup()
        return True


def _combo_delegates() -> tuple[type, ...]:
    from .delegates import EnumDelegate

    return (EnumDelegate,)


def keyboard_table(view: QAbstractItemView, *, editable: bool = False,
                   parts: tuple[QAbstractItemView, ...] = ()) -> None:
    """Give ``view`` the keys of the module docstring; ``parts``: its other views (a frozen
    overlay), which share them and are no Tab stops of their own."""
    for part in (view, *parts):
        part.setTabKeyNavigation(False)
        if part is not view:
            part.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        part.installEventFilter(_TableKeys(part, view, editable))


def let_tab_leave(root: QWidget) -> None:
    """Tab leaves every item view under ``root`` (tables made anywhere: the review queue, the
    overview, dialogs), even those without ``keyboard_table``'s other keys."""
    for view in root.findChildren(QAbstractItemView):
        if view.tabKeyNavigation():
            view.setTabKeyNavigation(False)


def leaves_by_tab(widget: QWidget) -> bool:
    """Whether Tab moves the focus out of ``widget`` (no item view keeps it; used by tests)."""
    return not isinstance(widget, QAbstractItemView) or not widget.tabKeyNavigation()
