"""The 205-1 energy lines as a full-width table: frozen name and unit, banded headers, rows from
the keyboard; labels instead of ids in the issues and computed panels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.ui.models.issues_model import FIELD_COLUMN
from lowcarbon_desk.ui.models.roles import HEADER_BAND_ROLE, HEADER_LABEL_ROLE

from .conftest import ENTERPRISE, TIMEOUT

H = Qt.Orientation.Horizontal


def open_report(window, period: str = "2025") -> str:
    record_id = window.service.create_record("energy_report", ENTERPRISE, {"period": period})
    window.open_record(record_id)
    return record_id


def lines(window):
    return window.pane.editor.groups["lines"]


def test_columns_follow_the_form_with_bands_and_frozen_name_and_unit(window):
    open_report(window)
    group = lines(window)
    model, view = group.model, group.view
    form_columns = [c.id for c in get_form("energy_report").field("lines").columns]
    inputs = [c.id for c in model.columns if c.kind == "input"]
    assert inputs == form_columns  # the order of statistics form 205-1, as the form file has it
    assert [c.id for c in model.columns[:2]] == ["energy", "@unit"]
    bands = {model.columns[s].id: model.headerData(s, H, HEADER_BAND_ROLE) for s in range(len(model.columns))}
    assert bands["purchase_qty"] == bands["purchase_value_k_yuan"] == "购进量"
    assert {bands[c] for c in ("consumption_total", "industrial_use", "feedstock_use",
                               "non_industrial_use", "transport_use")} == {"消费量"}
    assert bands["energy"] == bands["opening_stock"] == ""
    assert model.headerData(model.column_of("purchase_qty"), H, HEADER_LABEL_ROLE) == "实物量"
    assert model.headerData(model.column_of("consumption_total"), H, HEADER_LABEL_ROLE) == "合计"
    assert {bands[c.id] for c in model.columns if c.kind == "computed"} == {"自动计算"}
    header = view.horizontalHeader()
    assert header.band_span(model.column_of("purchase_value_k_yuan")) == (
        model.column_of("purchase_qty"), model.column_of("purchase_value_k_yuan"))
    # the band row and the wrapped labels fit: both parts' headers are as tall as needed
    assert header.height() >= header.needed_height() > 2 * header.fontMetrics().height()
    assert view.frozen_view.horizontalHeader().height() == header.height()
    # energy and unit are frozen: the overlay shows them, the rest scroll underneath
    assert view.frozen == 2 and view.frozen_view.isVisible()
    frozen = view.frozen_view
    assert [c for c in range(model.columnCount()) if not frozen.isColumnHidden(c)] == [0, 1]
    assert frozen.width() == view.columnWidth(0) + view.columnWidth(1)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    assert frozen.isVisible() and frozen.x() == view.verticalHeader().width() + view.frameWidth()


def test_table_takes_the_full_width_and_computed_values_sit_below(window):
    open_report(window)
    editor = window.pane.editor
    group = lines(window)
    assert group.width() > 0.8 * editor.width()
    panel = editor.computed_panel
    assert panel.geometry().top() >= editor.scroll_area.geometry().bottom()
    assert panel.width() > 0.9 * editor.width()
    panel.toggle.click()  # the user folds it
    assert not panel.body.isVisible() and panel.summary.isVisible()
    assert window.pane.computed_expanded is False
    window.open_record(open_report(window, "2025-03"))  # the strip stays as the user left it
    assert not window.pane.editor.computed_panel.expanded
    window.pane.editor.computed_panel.toggle.click()
    assert window.pane.editor.computed_panel.body.isVisible() and window.pane.computed_expanded


def test_rows_from_the_keyboard(window, qtbot):
    open_report(window)
    group = lines(window)
    model, view = group.model, group.view
    for button in (group.add_button, group.remove_button, group.up_button, group.down_button):
        assert "(" in button.toolTip()  # the shortcut is named
    assert "Ctrl+Ins" in group.add_button.toolTip() and "Ctrl+Del" in group.remove_button.toolTip()
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.keyClick(view, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    assert model.rowCount() == 2
    model.setData(model.index(0, model.column_of("energy")), "raw_coal")
    model.setData(model.index(1, model.column_of("energy")), "electricity")
    group.select_cell(1, model.column_of("opening_stock"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [r["energy"] for r in model.items()] == ["electricity", "raw_coal"]
    group.select_cell(0, model.column_of("opening_stock"))
    model.setData(model.index(0, model.column_of("opening_stock")), "5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)  # Delete empties the cell
    assert "opening_stock" not in model.items()[0]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [r["energy"] for r in model.items()] == ["raw_coal"]
    window.pane.save_now()
    assert [line["energy"] for line in window.service.record(window.pane.record_id)["data"]["lines"]] == ["raw_coal"]


def test_the_focus_follows_the_current_cell_across_the_frozen_edge(window, qtbot):
    open_report(window)
    group = lines(window)
    model, view = group.model, group.view
    group.add_item()
    window.activateWindow()
    group.select_cell(0, 1)  # the unit column: frozen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.frozen_view)
    assert window.pane.editor.focused_path() == "lines[0].@unit"
    qtbot.keyClick(view.frozen_view, Qt.Key.Key_Right)
    assert view.currentIndex().column() == 2
    qtbot.waitUntil(lambda: view.has_focus_inside(QApplication.focusWidget())
                    and QApplication.focusWidget() is not view.frozen_view)
    # far right, then back: the cell comes out from under the frozen columns
    group.select_cell(0, model.columnCount() - 1)
    group.select_cell(0, 2)
    assert view.visualRect(model.index(0, 2)).left() >= view.frozen_width()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert view.currentIndex().column() == 1
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.frozen_view)
    # each part edits only its own columns
    assert not view.frozen_view.edit(model.index(0, 3), view.EditTrigger.DoubleClicked, None)
    assert not view.edit(model.index(0, 0), view.EditTrigger.DoubleClicked, None)


def test_issues_name_fields_by_label_and_keep_ids_for_tooltips(window):
    open_report(window)
    group = lines(window)
    group.add_item()
    model = group.model
    for column, value in (("energy", "raw_coal"), ("opening_stock", "10"), ("purchase_qty", "500"),
                          ("consumption_total", "480"), ("industrial_use", "480"), ("closing_stock", "40")):
        model.setData(model.index(0, model.column_of(column)), value)
    issues = window.pane.issues.model
    texts = {issues.issue(r).field: issues.index(r, FIELD_COLUMN).data() for r in range(issues.rowCount())}
    assert texts["lines[0].closing_stock"] == "第 1 行 原煤 · 期末库存量"
    assert texts["value_added_10k_yuan"] == "工业增加值"
    for row in range(issues.rowCount()):
        shown = " ".join(str(issues.index(row, c).data() or "") for c in range(4))
        assert "_" not in shown and "[" not in shown, shown
    row = next(r for r in range(issues.rowCount()) if issues.issue(r).field == "lines[0].closing_stock")
    assert "lines[0].closing_stock" in issues.index(row, FIELD_COLUMN).data(Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_computed_panel_shows_the_grid_factor_by_its_label(window, lang):
    window.set_language(lang)
    open_report(window)
    ref = window.service.reference()
    factor = window.pane.evaluation.computed["grid_factor_used"]
    text = window.pane.editor.computed_panel.labels["grid_factor_used"].text()
    assert text == ref.grid[factor].label(lang) and factor not in text
    group = lines(window)
    group.add_item()
    group.model.setData(group.model.index(0, 0), "electricity")
    unit = group.model.index(0, 1).data()
    assert unit == ("10⁴ kWh" if lang == "en" else "万千瓦时")
    window.set_language("zh")


def test_computed_strip_folds_on_a_short_pane_until_the_user_chooses(window, qtbot):
    open_report(window)
    window.resize(1500, 1000)
    qtbot.waitUntil(lambda: window.pane.height() >= 760)
    panel = window.pane.editor.computed_panel
    assert panel.expanded
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: not panel.expanded)  # short: folded to its totals
    panel.toggle.click()  # the user wants it open on the small screen
    window.resize(1000, 680)
    qtbot.waitUntil(lambda: window.pane.height() < 680, timeout=TIMEOUT)  # the pane was resized: no fold
    assert panel.expanded and window.pane.computed_expanded is True
