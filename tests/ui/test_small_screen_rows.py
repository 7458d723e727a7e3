"""205-1 on a 1024×700 screen: eight rows and the key columns in view, with the computed values
unfolded too, after submitting too; the organisation column wide enough to tell names apart."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from lowcarbon_desk.ui import screen_fit
from lowcarbon_desk.ui.models.record_list import COLUMN_OF
from lowcarbon_desk.ui.record_list_view import ORG_MIN_WIDTH

from .conftest import ENTERPRISE, report_line

# the window as it opens on a 1024×700 screen (its frame and title bar outside)
SIZE = screen_fit.centred_rect(screen_fit.DESIGNED, QRect(0, 0, 1024, 700)).size()
ENERGIES = ["raw_coal", "electricity", "natural_gas", "diesel", "gasoline", "coke", "fuel_oil", "lpg",
            "heat", "kerosene"]
KEY_COLUMNS = ["energy", "@unit", "opening_stock", "purchase_qty", "consumption_total"]


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(10)


def visible_rows(window) -> int:
    """Rows of the energy table wholly in view: inside the table's viewport and inside the
    editor's scroll area as it stands."""
    group = window.pane.editor.groups["lines"]
    view, scroll = group.view, window.pane.editor.scroll_area.viewport()
    shown = 0
    for row in range(group.model.rowCount()):
        rect = view.visualRect(group.model.index(row, group.model.column_of("purchase_qty")))
        top = view.viewport().mapTo(scroll, rect.topLeft())
        bottom = view.viewport().mapTo(scroll, rect.bottomLeft())
        if (rect.isValid() and view.viewport().rect().contains(rect) and scroll.rect().contains(top)
                and scroll.rect().contains(bottom)):
            shown += 1
    return shown


def visible_columns(window) -> list[str]:
    group = window.pane.editor.groups["lines"]
    view = group.view
    return [group.model.columns[c].id for c in range(group.model.columnCount())
            if view.viewport().rect().contains(view.visualRect(group.model.index(0, c)))]


def open_small(window, qtbot) -> str:
    window.resize(SIZE)
    record_id = window.service.create_record("energy_report", ENTERPRISE, {
        "period": "2025", "value_added_10k_yuan": 1000, "lines": [report_line(e, 10) for e in ENERGIES]})
    window.open_record(record_id)
    settle(qtbot)
    return record_id


def test_eight_rows_and_the_key_columns_at_1024_by_700(window, qtbot):
    record_id = open_small(window, qtbot)
    pane = window.pane
    assert visible_rows(window) >= 8
    assert set(KEY_COLUMNS) <= set(visible_columns(window))
    view = pane.editor.groups["lines"].view
    assert view.frozen_view.isVisible() and view.frozen_view.width() == view.columnWidth(0) + view.columnWidth(1)
    assert view.frozen_view.columnWidth(0) == view.columnWidth(0)  # the overlay covers its columns exactly
    # unfolded, the computed values leave the table in view
    pane.editor.computed_panel.set_expanded(True)
    settle(qtbot)
    assert visible_rows(window) >= 4
    assert pane.editor.computed_panel.height() < pane.editor.height() // 3
    pane.editor.computed_panel.set_expanded(False)
    window.service.submit(record_id)
    window.open_record(record_id)
    settle(qtbot)
    assert pane.banner.isVisible() and pane.banner.height() <= 2 * pane.banner_text.fontMetrics().height() + 16
    assert visible_rows(window) >= 8
    assert set(KEY_COLUMNS) <= set(visible_columns(window))


def test_the_organisation_column_tells_similar_names_apart(window, qtbot):
    open_small(window, qtbot)
    table = window.list_view.table
    column = COLUMN_OF["org_name"]
    assert table.columnWidth(column) >= ORG_MIN_WIDTH
    right = sum(table.columnWidth(c) for c in range(column + 1))
    assert right <= table.viewport().width() + 1  # the whole column in view, not cut by the edge
    index = table.model().index(0, column)
    assert "测试钢铁有限公司" in index.data(Qt.ItemDataRole.ToolTipRole)
    option_mode = table.itemDelegateForColumn(column)
    assert option_mode is not None


def test_similar_names_stay_apart_when_shortened():
    from lowcarbon_desk.ui.record_list_view import shortened_name

    def fits(text: str) -> bool:
        return len(text) <= 7

    first, second = shortened_name("东方实业化工有限公司", fits), shortened_name("东方实业造纸有限公司", fits)
    assert first == "东方实业化工…" and second == "东方实业造纸…"
    assert shortened_name("明德化工", fits) == "明德化工"
    assert shortened_name("福建省三明市东方实业化工有限公司", fits) == "福建省三明市…"
