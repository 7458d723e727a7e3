"""The short sections after a table (205-1 v2: 污染物排放, 数据中心) as foldable boxes: folded on a
1024×700 window and unfolded on a large one, a summary line of what is filled, a header that the
keyboard toggles, and unfolded before the focus goes to one of their fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lowcarbon_desk.ui.models.roles import PATH_ROLE

from .conftest import ENTERPRISE, report_line
from .test_small_screen_rows import SIZE, settle


def open_report(window, qtbot, data: dict, small: bool = True) -> None:
    if small:
        window.resize(SIZE)
    record_id = window.service.create_record("energy_report", ENTERPRISE, {
        "period": "2025", "value_added_10k_yuan": 1000, "lines": [report_line("raw_coal", 100)], **data})
    window.open_record(record_id)
    settle(qtbot)


def test_folded_on_a_small_window_unfolded_on_a_large_one(window, qtbot):
    open_report(window, qtbot, {}, small=False)
    editor = window.pane.editor
    assert set(editor.folds) == {"pollutants", "data_centre"}  # the sections after the table only
    assert all(fold.expanded and editor.bindings["so2_t"].widget.isVisible() for fold in editor.folds.values())
    window.resize(SIZE)
    settle(qtbot)
    assert not any(fold.expanded for fold in editor.folds.values())
    assert not editor.bindings["so2_t"].widget.isVisible()
    assert editor.folds["pollutants"].header.isVisible()


def test_an_issue_on_a_folded_field_unfolds_its_section(window, qtbot):
    open_report(window, qtbot, {"industry_code": "I6450"})  # a data centre without its IT energy
    editor, issues = window.pane.editor, window.pane.issues
    fold = editor.folds["data_centre"]
    assert not fold.expanded
    rows = [r for r in range(issues.model.rowCount())
            if issues.model.data(issues.model.index(r, 0), PATH_ROLE) == "it_energy_10k_kwh"]
    assert rows, "a data centre without its IT equipment energy is warned"
    issues.view.setCurrentIndex(issues.model.index(rows[0], 0))
    issues.view.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(issues.view, Qt.Key.Key_Return)  # as the user activates it
    settle(qtbot)
    assert fold.expanded and not editor.folds["pollutants"].expanded
    field = editor.bindings["it_energy_10k_kwh"].widget
    assert field.isVisible() and editor.focused_path() == "it_energy_10k_kwh"
    scroll = editor.scroll_area.viewport()
    assert scroll.rect().contains(field.mapTo(scroll, field.rect().center()))  # scrolled into view


def test_the_summary_names_what_is_filled(window, qtbot):
    open_report(window, qtbot, {"so2_t": 12.5, "nox_t": 8.5})
    editor = window.pane.editor
    pollutants, centre = editor.folds["pollutants"], editor.folds["data_centre"]
    assert pollutants.summary.full_text() == "二氧化硫 12.5 吨 · 氮氧化物 8.5 吨"
    assert centre.summary.full_text() == "未填"
    assert pollutants.header.accessibleDescription() == "二氧化硫 12.5 吨 · 氮氧化物 8.5 吨"
    # typing updates it at once
    centre.set_expanded(True)
    settle(qtbot)
    qtbot.keyClicks(editor.bindings["it_energy_10k_kwh"].widget, "300")
    assert centre.summary.full_text() == "IT 设备用电量 300 万千瓦时"


def test_the_header_is_a_named_button_the_keyboard_toggles(window, qtbot):
    open_report(window, qtbot, {})
    editor = window.pane.editor
    fold = editor.folds["pollutants"]
    header = fold.header
    assert header.accessibleName() == "污染物排放" and header.focusPolicy() & Qt.FocusPolicy.TabFocus
    header.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(header.hasFocus)
    qtbot.keyClick(header, Qt.Key.Key_Space)
    assert fold.expanded and fold.user_chose
    qtbot.keyClick(header, Qt.Key.Key_Tab)
    assert editor.focused_path() == "permit_no"  # Tab reaches the unfolded fields
    header.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(header, Qt.Key.Key_Return)
    assert not fold.expanded
    qtbot.keyClick(header, Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is editor.folds["data_centre"].header  # folded: Tab passes its fields by
    # the user's choice stays when the window changes size
    header.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(header, Qt.Key.Key_Enter)
    window.resize(1400, 900)
    settle(qtbot)
    window.resize(SIZE)
    settle(qtbot)
    assert fold.expanded and not editor.folds["data_centre"].expanded


def test_the_summary_in_english(window, qtbot):
    window.set_language("en")
    settle(qtbot)
    open_report(window, qtbot, {"so2_t": 12.5})
    editor = window.pane.editor
    assert editor.folds["pollutants"].header.text() == "Pollutant emissions"
    assert editor.folds["pollutants"].summary.full_text() == "SO2 12.5 t"
    assert editor.folds["data_centre"].summary.full_text() == "Not filled"


def test_a_folded_header_shows_an_issue_on_its_fields(window, qtbot):
    open_report(window, qtbot, {"industry_code": "I6450"})
    editor = window.pane.editor
    assert editor.folds["data_centre"].issue == "warning" and "#b26a00" in editor.folds["data_centre"].header.styleSheet()
    assert editor.folds["pollutants"].issue is None
    editor.folds["data_centre"].set_expanded(True)
    qtbot.keyClicks(editor.bindings["it_energy_10k_kwh"].widget, "300")
    window.pane.reevaluate()
    assert editor.folds["data_centre"].issue is None
