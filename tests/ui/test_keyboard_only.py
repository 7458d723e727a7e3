"""A complete annual 205-1 report entered, justified, submitted and exported with the keyboard
alone, in a 1024×700 window: only key events on the widget that has the focus, no mouse, no
slot called. Tab must leave each table on the way (a Tab trap fails the test)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLineEdit

from .conftest import ENTERPRISE, TIMEOUT, open_dialogs

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier

# the four lines of the report: energy, then the figures of the columns below, in their order
COLUMNS = ("opening_stock", "purchase_qty", "purchase_value_k_yuan", "consumption_total", "industrial_use",
           "non_industrial_use", "feedstock_use", "transport_use", "closing_stock")
LINES = {
    "raw_coal": ("100", "1000", "500", "1050", "1050", "0", "0", "0", "20"),  # 100+1000-1050 ≠ 20: a warning
    "electricity": ("0", "2000", "1200", "2000", "2000", "0", "0", "0", "0"),
    "diesel": ("0", "30", "210", "30", "30", "0", "0", "0", "0"),
    "natural_gas": ("0", "50", "150", "50", "50", "0", "0", "0", "0"),
}
JUSTIFICATION = "Coal yard loss, stock counted on 31 Dec"


def focus():
    return QApplication.focusWidget()


def key(qtbot, k, modifier=NONE, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focus(), k, modifier)


def type_keys(text: str) -> None:
    """Key by key into whatever has the focus (a table cell's first key opens its editor)."""
    for char in text:
        QTest.keyClicks(focus(), char)


def reactivated(qtbot, window) -> None:
    """A dialog or a drop-down list closed: the window manager makes the main window active
    again (offscreen Qt has none, so the test does what it would)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow() and focus() is not None)


def test_a_205_1_report_from_the_keyboard_alone(window, qtbot, tmp_path):
    window.resize(1024, 700)
    window.activateWindow()
    window.list_view.search.setFocus()  # where the user happens to be when starting
    qtbot.waitUntil(lambda: focus() is window.list_view.search)

    # Ctrl+N: the new record dialog; the annual report of the enterprise for 2024
    key(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: any(d.objectName() == "new_record_dialog" for d in open_dialogs()))
    dialog = next(d for d in open_dialogs() if d.objectName() == "new_record_dialog")
    qtbot.waitUntil(lambda: dialog.isAncestorOf(focus()))
    assert focus() is dialog.form_box and dialog.form_box.currentData() == "energy_report"
    key(qtbot, Qt.Key.Key_Tab)
    for _ in range(dialog.org_box.count()):
        if dialog.org_box.currentData() == ENTERPRISE:
            break
        key(qtbot, Qt.Key.Key_Down)
    assert dialog.org_box.currentData() == ENTERPRISE
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_keys("2024")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pane.record_id is not None and not open_dialogs())
    reactivated(qtbot, window)
    editor = window.pane.editor
    qtbot.waitUntil(lambda: editor.focused_path() == "period")  # the new record's first field

    # the header: Tab from field to field
    key(qtbot, Qt.Key.Key_Tab)
    type_keys("52000")
    key(qtbot, Qt.Key.Key_Tab)
    type_keys("10000")
    assert editor.focused_path() == "value_added_10k_yuan"

    # the energy lines: Tab on to the table's buttons, Ctrl+Insert adds the rows
    group = editor.groups["lines"]
    model = group.model
    for _ in range(6):
        if focus() is group.add_button:
            break
        key(qtbot, Qt.Key.Key_Tab)
    assert focus() is group.add_button
    for _ in LINES:
        key(qtbot, Qt.Key.Key_Insert, CTRL)
    assert model.rowCount() == 4 and group.has_focus_inside(focus())
    key(qtbot, Qt.Key.Key_Up, times=3)  # the first row's energy cell
    assert group.view.currentIndex().row() == 0 and group.view.currentIndex().column() == 0
    options = [value for value, _label in model.enum_options("energy")]
    for row, energy in enumerate(LINES):
        key(qtbot, Qt.Key.Key_Down, ALT)  # the energy list opens, with the focus in it
        combo = next(c for c in group.view.frozen_view.viewport().findChildren(QComboBox) if c.isVisible())
        qtbot.waitUntil(lambda c=combo: c.view().isVisible() and focus() is c.view())
        del combo  # closed with its cell editor once chosen
        key(qtbot, Qt.Key.Key_Down, times=options.index(energy) + 1)  # after the empty first entry
        key(qtbot, Qt.Key.Key_Return)  # chosen and committed: the list and its cell editor close
        reactivated(qtbot, window)  # the list was a window of its own
        qtbot.waitUntil(lambda r=row, e=energy: model.items()[r].get("energy") == e and group.has_focus_inside(focus())
                        and not isinstance(focus(), QComboBox))
        key(qtbot, Qt.Key.Key_Return)  # down to the next row
        assert group.view.currentIndex().row() == min(row + 1, 3)
    assert [line["energy"] for line in model.items()] == list(LINES)
    # column by column, as in a spreadsheet: type, Enter, the next row
    key(qtbot, Qt.Key.Key_Up, times=3)
    current = 0
    for column in sorted(COLUMNS, key=model.column_of):  # left to right as the table shows them
        position = COLUMNS.index(column)
        target = model.column_of(column)
        key(qtbot, Qt.Key.Key_Right, times=target - current)
        current = target
        assert group.view.currentIndex().column() == target and group.view.currentIndex().row() == 0
        for row, values in enumerate(LINES.values()):
            type_keys(values[position])
            key(qtbot, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda r=row, c=column, v=values[position]: str(model.items()[r].get(c)) == v)
        key(qtbot, Qt.Key.Key_Up, times=3)
    # Tab leaves the table (no trap), to what follows it
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is not None and not group.has_focus_inside(focus())
    assert not isinstance(focus(), QLineEdit) or not group.view.isAncestorOf(focus())

    # F5: checked; the one warning left is the coal's stock balance, justified with Ctrl+J
    key(qtbot, Qt.Key.Key_F5)
    blocking = window.pane.evaluation.blocking
    assert [i.rule for i in blocking] == ["energy_report.stock_balance"], [i.message("en") for i in blocking]
    key(qtbot, Qt.Key.Key_J, CTRL)
    assert isinstance(focus(), QLineEdit) and window.pane.issues.view.isAncestorOf(focus())
    type_keys(JUSTIFICATION)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.pane.evaluation.blocking)

    # Ctrl+S saves; Ctrl+Enter asks, Enter confirms
    key(qtbot, Qt.Key.Key_S, CTRL)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: any(d.objectName() == "confirm_records" or d.isModal() for d in open_dialogs()))
    confirm = open_dialogs()[-1]
    qtbot.waitUntil(lambda: confirm.isAncestorOf(focus()) or focus() is confirm)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pane.doc["state"] == "submitted" and not open_dialogs(), timeout=TIMEOUT)
    reactivated(qtbot, window)
    record_id = window.pane.record_id
    stored = window.service.record(record_id)
    assert len(stored["data"]["lines"]) == 4 and stored["state"] == "submitted"
    assert any(j.get("text") == JUSTIFICATION for j in stored.get("justifications", [])) or JUSTIFICATION in str(stored)

    # Ctrl+E: the file dialog takes the name typed into it, Enter writes the PDF
    target = tmp_path / "report-205-1.pdf"

    def type_the_name() -> None:
        chooser = QApplication.activeModalWidget()
        if not isinstance(chooser, QFileDialog) or not chooser.isAncestorOf(focus()):
            if isinstance(chooser, QFileDialog):
                chooser.activateWindow()  # as the window manager does for a new dialog
            QTimer.singleShot(50, type_the_name)
            return
        assert isinstance(focus(), QLineEdit)  # the file name, selected: typing replaces it
        type_keys(str(target))
        QTest.keyClick(focus(), Qt.Key.Key_Return)

    QTimer.singleShot(0, type_the_name)
    key(qtbot, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: target.exists() and target.stat().st_size > 0, timeout=TIMEOUT)
    assert target.read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: "report-205-1.pdf" in window.statusBar().currentMessage(), timeout=TIMEOUT)

