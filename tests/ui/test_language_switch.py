"""Switching the language keeps what the user arranged: page, splitters, filters, open record and
tab, rows no taller than their text; the page actions follow the current tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from lowcarbon_desk.ui.models.issues_model import FIELD_COLUMN, JUSTIFICATION_COLUMN, MESSAGE_COLUMN
from lowcarbon_desk.ui.models.record_list import COLUMN_OF

from .conftest import ENTERPRISE, ENTERPRISE_2, TIMEOUT, report_line


def wrapped_height(view, row: int) -> int:
    """The height the tallest cell of ``row`` needs at the current column widths."""
    metrics = view.fontMetrics()
    needed = 0
    for column in (FIELD_COLUMN, MESSAGE_COLUMN, JUSTIFICATION_COLUMN):
        text = str(view.model().index(row, column).data() or "")
        bounds = metrics.boundingRect(QRect(0, 0, view.columnWidth(column) - 8, 10_000),
                                      int(Qt.TextFlag.TextWordWrap), text)
        needed = max(needed, bounds.height())
    return needed


def test_language_switch_keeps_the_arrangement(window, filled_store, qtbot):
    for org_id in (ENTERPRISE, ENTERPRISE_2):
        for month in ("01", "02", "03"):
            filled_store.add_record("energy_report", org_id, {
                "period": f"2025-{month}", "lines": [report_line("raw_coal", 100)]}, "tester")
    record_id = filled_store.add_record("energy_budget", ENTERPRISE, {
        "year": 2025, "baseline_year": 2024, "baseline_tce": 1000, "budget_tce": 1300}, "tester")
    window.reload_records(synchronous=True)
    window.resize(1500, 950)
    qtbot.waitUntil(lambda: window.main_splitter.width() > 1400, timeout=TIMEOUT)  # laid out at the new size
    view = window.list_view
    view.search.setText("钢铁")
    window.proxy.sort(COLUMN_OF["period"], Qt.SortOrder.DescendingOrder)
    view.table.horizontalHeader().setSortIndicator(COLUMN_OF["period"], Qt.SortOrder.DescendingOrder)
    shown = [window.proxy.record_id_at(r) for r in range(window.proxy.rowCount())]
    window.open_record(record_id)
    window.pane.tabs.setCurrentIndex(1)  # the budget chart
    window.main_splitter.setSizes([200, 1300])
    window.records_splitter.setSizes([450, 850])
    window.pane.splitter.setSizes([500, 260])
    before = {name: getattr(window, name).sizes() for name in ("main_splitter", "records_splitter")}
    pane_before = window.pane.splitter.sizes()
    size = window.size()
    window.set_language("en")

    def near(now: list[int], then: list[int]) -> bool:
        return all(abs(a - b) <= 2 for a, b in zip(now, then, strict=True))

    # the rebuilt views are laid out (then the sizes are checked one by one, for the message)
    qtbot.waitUntil(lambda: all(near(getattr(window, name).sizes(), sizes) for name, sizes in before.items())
                    and near(window.pane.splitter.sizes(), pane_before), timeout=TIMEOUT)
    assert window.size() == size
    assert window.pages.currentIndex() == 0 and window.pages.tabBar().currentIndex() == 0
    for name, sizes in before.items():
        assert near(getattr(window, name).sizes(), sizes), name
    assert near(window.pane.splitter.sizes(), pane_before)
    assert window.list_view.search.text() == "钢铁"
    assert [window.proxy.record_id_at(r) for r in range(window.proxy.rowCount())] == shown
    assert window.pane.record_id == record_id and window.pane.tabs.currentIndex() == 1
    # issue rows are as tall as their wrapped text, no taller
    issues = window.pane.issues.view
    assert issues.model().rowCount() > 0
    for row in range(issues.model().rowCount()):
        assert issues.rowHeight(row) <= wrapped_height(issues, row) + 12, row
    # another page, and back to Chinese: still there
    window.act_overview.trigger()
    assert window.act_overview.isChecked() and not window.act_records.isChecked()
    window.set_language("zh")
    assert window.pages.currentIndex() == 1 and window.act_overview.isChecked()
    assert window.pages.tabBar().currentIndex() == 1


def test_page_actions_follow_the_current_tab(window):
    assert window.act_records.isChecked()
    window.pages.setCurrentIndex(2)  # a click on the tab
    assert window.act_review.isChecked() and not window.act_records.isChecked()
    window.act_records.trigger()  # Ctrl+1
    assert window.pages.currentIndex() == 0 and window.act_records.isChecked()
    window.open_figure([], [ENTERPRISE], "x")  # a drill-down from the overview
    assert window.act_records.isChecked() and window.pages.tabBar().currentIndex() == 0


def test_list_columns_fit_the_new_language(window):
    window.set_language("en")
    table = window.list_view.table
    metrics = table.fontMetrics()
    for title in ("Energy purchase, consumption and stock", "Submitted"):
        column = COLUMN_OF["form"] if title.startswith("Energy") else COLUMN_OF["state"]
        assert table.columnWidth(column) > metrics.horizontalAdvance(title)
    window.set_language("zh")


@pytest.mark.parametrize("page", [0, 1, 2])
def test_tab_highlight_stays_on_the_current_page_across_switches(window, filled_store, qtbot, page):
    """Issue 10 item 9: after a language switch the highlighted tab, the page shown, the checked
    page action (View menu and toolbar) and the record's own tab all agree."""
    record_id = filled_store.add_record("energy_budget", ENTERPRISE, {
        "year": 2025, "baseline_year": 2024, "baseline_tce": 1000, "budget_tce": 1300}, "tester")
    window.reload_records(synchronous=True)
    window.open_record(record_id)
    window.pane.tabs.setCurrentIndex(1)  # the budget chart
    window.pages.setCurrentIndex(page)
    for lang in ("en", "zh", "en"):
        window.set_language(lang)
        qtbot.waitUntil(lambda: window.pages.currentWidget().isVisible(), timeout=TIMEOUT)
        pages, bar = window.pages, window.pages.tabBar()
        assert pages.currentIndex() == page and bar.currentIndex() == page
        assert pages.currentWidget() is pages.widget(page) and pages.currentWidget().isVisible()
        assert all(not pages.widget(i).isVisible() for i in range(pages.count()) if i != page)
        actions = (window.act_records, window.act_overview, window.act_review)
        assert [a.isChecked() for a in actions] == [i == page for i in range(3)]
        for action in (window.act_overview, window.act_review):  # the toolbar's page buttons
            assert window.toolbar.widgetForAction(action).isChecked() == action.isChecked()
        tabs = window.pane.tabs
        assert tabs.currentIndex() == 1 and tabs.tabBar().currentIndex() == 1
        # a click on another tab afterwards moves every marker together
        other = (page + 1) % 3
        bar.setCurrentIndex(other)
        assert pages.currentIndex() == other and actions[other].isChecked() and not actions[page].isChecked()
        bar.setCurrentIndex(page)
    window.set_language("zh")
