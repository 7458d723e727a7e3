"""The window for keyboard users: Tab leaves every table, Enter commits and moves down, Alt+Down
opens a drop-down cell's list, F6 moves between panes, Ctrl+J opens a warning's justification,
a new record starts in its first field, the shortcuts page, the focus ring."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QInputMethodEvent, QKeySequence, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from lowcarbon_desk.ui.models.issues_model import JUSTIFICATION_COLUMN
from lowcarbon_desk.ui.table_keys import TABLE_KEYS

from .conftest import ENTERPRISE, open_dialogs, report_line

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def focus() -> object:
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key on whatever has the focus, as a keyboard user presses it."""
    qtbot.keyClick(focus(), key, modifier)


def type_text(text: str) -> None:
    """Text typed into whatever has the focus: ASCII key by key (the first key of a table cell
    opens its editor, which takes the rest), Chinese as an input method commits it."""
    if not text.isascii():
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(focus(), event)
        return
    for char in text:
        QTest.keyClicks(focus(), char)


def open_report(window, lines: list | None = None) -> str:
    data = {"period": "2025", "value_added_10k_yuan": 10_000}
    if lines is not None:
        data["lines"] = lines
    record_id = window.service.create_record("energy_report", ENTERPRISE, data)
    window.open_record(record_id)
    return record_id


def focus_on(qtbot, widget) -> None:
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: focus() is widget or widget.isAncestorOf(focus()))


def test_tab_and_shift_tab_leave_every_table(window, qtbot):
    open_report(window, [report_line("raw_coal", 100), report_line("electricity", 50)])
    group = window.pane.editor.groups["lines"]
    window.pane.issues.model.set_issues(None, [])
    tables = [window.list_view.table, group.view, group.view.frozen_view, window.pane.issues.view]
    for table in tables:
        for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            focus_on(qtbot, table)
            table.setCurrentIndex(table.model().index(0, 0))
            focus_on(qtbot, table)
            press(qtbot, key)
            here = focus()
            assert here is not None and here is not table, (table.objectName(), key)
            assert not group.has_focus_inside(here) or table not in group.view.parts(), (table.objectName(), key)


def test_tab_while_typing_in_a_cell_commits_and_leaves_the_table(window, qtbot):
    open_report(window, [report_line("raw_coal", 100)])
    group = window.pane.editor.groups["lines"]
    model = group.model
    group.select_cell(0, model.column_of("opening_stock"))
    qtbot.waitUntil(lambda: focus() is group.view)
    type_text("7")  # typing starts editing the cell
    assert isinstance(focus(), QLineEdit)
    press(qtbot, Qt.Key.Key_Tab)
    assert model.items()[0]["opening_stock"] == "7"
    assert not group.has_focus_inside(focus())


def test_tab_into_the_table_reaches_the_part_showing_the_current_cell(window, qtbot):
    open_report(window, [report_line("raw_coal", 100)])
    group = window.pane.editor.groups["lines"]
    group.select_cell(0, 0)  # the energy column: frozen
    qtbot.waitUntil(lambda: focus() is group.view.frozen_view)
    press(qtbot, Qt.Key.Key_Backtab)  # out, before the table: the buttons above it
    assert focus() is group.down_button
    press(qtbot, Qt.Key.Key_Tab)  # back in: the frozen part, which edits the energy column
    assert focus() is group.view.frozen_view
    assert group.view.property("focusWithin") is True


def test_enter_commits_and_moves_down(window, qtbot):
    open_report(window, [report_line("raw_coal", 100), report_line("electricity", 50)])
    group = window.pane.editor.groups["lines"]
    model = group.model
    column = model.column_of("opening_stock")
    group.select_cell(0, column)
    qtbot.waitUntil(lambda: focus() is group.view)
    type_text("12")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: group.view.currentIndex().row() == 1)
    assert model.items()[0]["opening_stock"] == "12"
    assert group.view.currentIndex().column() == column and focus() is group.view
    press(qtbot, Qt.Key.Key_Return)  # not editing: Enter moves down too (the last row: stays)
    assert group.view.currentIndex().row() == 1


def test_alt_down_opens_the_energy_list_and_rows_move_with_ctrl_shift(window, qtbot):
    open_report(window, [report_line("raw_coal", 100), report_line("electricity", 50)])
    group = window.pane.editor.groups["lines"]
    model = group.model
    group.select_cell(0, model.column_of("energy"))
    qtbot.waitUntil(lambda: focus() is group.view.frozen_view)
    press(qtbot, Qt.Key.Key_Down, ALT)
    assert [r["energy"] for r in model.items()] == ["raw_coal", "electricity"]  # no row moved
    combo = next(c for c in group.view.frozen_view.viewport().findChildren(QComboBox) if c.isVisible())
    qtbot.waitUntil(lambda: combo.view().isVisible())
    combo.hidePopup()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not group.view.frozen_view.viewport().findChildren(QComboBox)
                    or not any(c.isVisible() for c in group.view.frozen_view.viewport().findChildren(QComboBox)))
    group.select_cell(0, model.column_of("opening_stock"))
    qtbot.waitUntil(lambda: focus() is group.view)
    press(qtbot, Qt.Key.Key_Down, CTRL | SHIFT)
    assert [r["energy"] for r in model.items()] == ["electricity", "raw_coal"]


def test_f6_cycles_the_panes_and_returns_where_it_left(window, qtbot):
    open_report(window, [report_line("raw_coal", 100)])
    focus_on(qtbot, window.navigator)
    seen = []
    for _ in range(5):
        press(qtbot, Qt.Key.Key_F6)
        seen.append(window.panes.current())
    assert seen == ["list", "editor", "issues", "navigator", "list"]
    assert focus() is window.list_view.table
    press(qtbot, Qt.Key.Key_F6)
    assert window.pane.editor.focused_path() == "period"  # the editor's first field
    window.pane.editor.focus_field("value_added_10k_yuan")
    press(qtbot, Qt.Key.Key_F6, SHIFT)
    assert window.panes.current() == "list"
    press(qtbot, Qt.Key.Key_Tab, CTRL)  # Ctrl+Tab: as F6, back to the field left
    assert window.pane.editor.focused_path() == "value_added_10k_yuan"
    press(qtbot, Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert window.panes.current() == "list"


def test_a_new_record_starts_in_its_first_field(window, qtbot):
    dialog = window.new_record()
    dialog.choose("energy_report", ENTERPRISE, "2024")
    dialog.accept()
    assert window.pane.record_id == dialog.record_id
    qtbot.waitUntil(lambda: window.pane.editor.focused_path() == "period")


def test_ctrl_j_opens_the_first_unjustified_warning_for_typing(window, qtbot):
    line = report_line("raw_coal", 100)
    line["closing_stock"] = 40  # opening 0 + 100 - 100 ≠ 40: the stock balance warning
    record_id = open_report(window, [line])
    issues = window.pane.issues
    assert window.act_justify.isEnabled() and window.act_justify.shortcut().toString() == "Ctrl+J"
    focus_on(qtbot, window.list_view.table)
    press(qtbot, Qt.Key.Key_J, CTRL)
    assert isinstance(focus(), QLineEdit) and issues.view.isAncestorOf(focus())
    assert issues.view.currentIndex().column() == JUSTIFICATION_COLUMN
    row = issues.view.currentIndex().row()
    assert issues.model.issue(row).rule == "energy_report.stock_balance"
    type_text("煤场损耗，已盘点")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(i.justification == "煤场损耗，已盘点" for i in issues.model.issues()))
    stored = window.service.record(record_id)
    assert "煤场损耗，已盘点" in str(stored)
    press(qtbot, Qt.Key.Key_J, CTRL)  # none left to justify: said in the status bar
    assert "没有需要说明理由的警告" in window.statusBar().currentMessage()


def test_shortcuts_page_lists_every_menu_shortcut_and_the_table_keys(window, qtbot):
    from lowcarbon_desk.ui.shortcuts_dialog import shortcut_actions

    dialog = window.show_shortcuts()
    rows = dialog.rows()
    keys = {k for _command, k in rows}
    for action in shortcut_actions(window):
        if any(a is action for a in window.menuBar().findChildren(type(action))) or action.associatedObjects():
            shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            assert any(shown in k for k in keys), action.objectName()
    for key in ("Ctrl+J", "F6", "Ctrl+N", "F5"):
        assert any(key in k for k in keys), key
    assert len(rows) >= len(TABLE_KEYS) + 20
    assert ("打开下拉列表（如能源品种）", "Alt+↓ / F4") in rows
    dialog.close()
    qtbot.waitUntil(lambda: not open_dialogs())
    window.set_language("en")
    dialog = window.show_shortcuts()
    assert dialog.windowTitle() == "Keyboard shortcuts"
    assert any(command == "Justify…" for command, _k in dialog.rows())
    dialog.close()


def test_the_focus_ring_is_two_pixels_of_the_highlight_colour(window, qtbot):
    open_report(window, [report_line("raw_coal", 100)])
    highlight = window.palette().color(QPalette.ColorRole.Highlight)
    editor = window.pane.editor
    group = editor.groups["lines"]
    widgets = [editor.bindings["value_added_10k_yuan"].widget, window.list_view.table, group.add_button,
               window.list_view.form_box]
    for widget in widgets:
        focus_on(qtbot, widget)
        qtbot.waitUntil(lambda w=widget: w.hasFocus())
        image = widget.grab().toImage()
        for x, y in ((0, image.height() // 2), (1, image.height() // 2), (image.width() // 2, 1)):
            assert QColor(image.pixel(x, y)) == highlight, (widget.objectName(), x, y)
    group.select_cell(0, 0)  # the frozen part has the focus: the ring is on the whole table
    qtbot.waitUntil(lambda: group.view.property("focusWithin") is True)
    image = group.view.grab().toImage()
    assert QColor(image.pixel(0, image.height() // 2)) == highlight
    assert not open_dialogs()


