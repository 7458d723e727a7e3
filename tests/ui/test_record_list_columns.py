"""The record list: period, form and state first, then the organisation; its code left out when
the list shows one organisation; twelve monthly reports told apart at the default width."""

from __future__ import annotations

from PySide6.QtCore import Qt

from lowcarbon_desk.ui.models.record_list import COLUMN_OF

from .conftest import ENTERPRISE, ENTERPRISE_2, report_line

H = Qt.Orientation.Horizontal


def test_columns_start_with_period_form_state_then_organisation(window):
    headers = [window.list_model.headerData(c, H) for c in range(window.list_model.columnCount())]
    assert headers[:5] == ["期间", "表单", "状态", "单位", "代码"]
    assert [COLUMN_OF[name] for name in ("period", "form", "state", "org_name", "org_id")] == [0, 1, 2, 3, 4]


def test_twelve_monthly_reports_differ_in_what_the_default_width_shows(window, filled_store):
    for month in range(1, 13):
        filled_store.add_record("energy_report", ENTERPRISE, {
            "period": f"2025-{month:02d}", "lines": [report_line("raw_coal", 10 * month)]}, "tester")
    window.reload_records(synchronous=True)
    view = window.list_view
    table = view.table
    window.records_splitter.setSizes([540, 1060])  # the default share at 1600 px
    visible = [c for c in range(window.proxy.columnCount())
               if not table.isColumnHidden(c) and table.columnViewportPosition(c) + table.columnWidth(c)
               <= table.viewport().width()]
    assert {COLUMN_OF["period"], COLUMN_OF["form"], COLUMN_OF["state"]} <= set(visible)
    rows = [tuple(window.proxy.index(r, c).data() for c in visible) for r in range(window.proxy.rowCount())]
    assert len(rows) == 12 and len(set(rows)) == 12
    # every shown form title fits its column
    metrics = table.fontMetrics()
    titles = {window.proxy.index(r, COLUMN_OF["form"]).data() for r in range(window.proxy.rowCount())}
    assert all(metrics.horizontalAdvance(t) < table.columnWidth(COLUMN_OF["form"]) for t in titles)


def test_code_hidden_when_scoped_to_one_organisation(window, filled_store):
    filled_store.add_record("energy_report", ENTERPRISE, {"period": "2025-01",
                                                          "lines": [report_line("raw_coal", 1)]}, "tester")
    window.reload_records(synchronous=True)
    table = window.list_view.table
    assert not table.isColumnHidden(COLUMN_OF["org_id"])
    node = window.navigator_model.find_org(ENTERPRISE)
    window.navigator.setCurrentIndex(node)
    assert table.isColumnHidden(COLUMN_OF["org_id"])
    assert window.proxy.rowCount() == 1
    # the name still says whose it is; its tooltip has the code
    tip = window.proxy.index(0, COLUMN_OF["org_name"]).data(Qt.ItemDataRole.ToolTipRole)
    assert ENTERPRISE in tip
    window.navigator.setCurrentIndex(window.navigator_model.index(0, 0))  # all organisations
    assert not table.isColumnHidden(COLUMN_OF["org_id"])
    window.list_view.set_scope("x", [ENTERPRISE], None)
    window.list_view.clear_filters()
    assert not table.isColumnHidden(COLUMN_OF["org_id"])


def test_overview_drill_down_clears_the_filters_left_over(window, filled_store):
    for org_id in (ENTERPRISE, ENTERPRISE_2):
        filled_store.add_record("energy_report", org_id, {
            "period": "2025", "value_added_10k_yuan": 100,
            "lines": [report_line("raw_coal", 20000)]}, "tester")
        filled_store.add_record("energy_budget", org_id, {"year": 2025}, "tester")
    window.reload_records(synchronous=True)
    view = window.list_view
    view.search.setText("找不到的名称")
    view.form_box.setCurrentIndex(view.form_box.findData("energy_budget"))
    view.period.setText("2024")
    assert window.proxy.rowCount() == 0
    window.overview.set_year(2025)
    window.overview.refresh(synchronous=True)
    figure = window.overview.figure("key_energy")
    assert figure.value == 2
    window.overview.open_figure("key_energy")
    assert window.pages.currentIndex() == 0
    assert window.proxy.rowCount() == figure.value == len(figure.record_ids)
    assert view.search.text() == "" and view.period.text() == "" and view.form_box.currentData() is None
    assert figure.label("zh") in view.scope.text()
    # a figure of nothing opens an empty list, not every record
    empty = window.overview.figure("budget_exceeded")
    assert empty.value == 0
    window.overview.open_figure("budget_exceeded")
    assert window.proxy.rowCount() == 0
    window.overview.open_figure("missing")  # organisations without a report: none here
    assert window.proxy.rowCount() == 0


def test_navigator_groups_and_rebuilds_keep_the_scope(window, filled_store):
    from .conftest import PARK

    filled_store.add_record("energy_report", ENTERPRISE, {"period": "2025-01",
                                                          "lines": [report_line("raw_coal", 1)]}, "tester")
    filled_store.add_record("energy_report", PARK, {"period": "2025-01",
                                                    "lines": [report_line("raw_coal", 1)]}, "tester")
    window.reload_records(synchronous=True)
    model = window.navigator_model
    county = model.index(1, 0)
    groups = {model.index(r, 0, county).data(): model.org_ids(model.index(r, 0, county))
              for r in range(model.rowCount(county))}
    assert groups["园区（1）"] == (PARK,)  # not the enterprises
    parks = next(model.index(r, 0, county) for r in range(model.rowCount(county))
                 if model.index(r, 0, county).data() == "园区（1）")
    window.navigator.setCurrentIndex(parks)
    assert window.proxy.rowCount() == 1
    scope = window.list_view.scope.text()
    window.pages.setCurrentIndex(2)
    window.reload_orgs()  # e.g. after packages were imported
    assert window.navigator.currentIndex().data() == "园区（1）"
    assert window.list_view.scope.text() == scope and window.proxy.rowCount() == 1
    assert window.pages.currentIndex() == 2
