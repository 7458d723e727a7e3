"""Every table model of the window through Qt's QAbstractItemModelTester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QAbstractItemModelTester

from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.domain.reference import shipped_reference
from lowcarbon_desk.ui.models.group_model import GroupTableModel
from lowcarbon_desk.ui.models.issues_model import IssuesModel
from lowcarbon_desk.ui.models.months_model import MonthsModel
from lowcarbon_desk.ui.models.navigator import NavigatorModel
from lowcarbon_desk.ui.models.record_list import COLUMN_OF, RecordFilterProxy, RecordListModel
from lowcarbon_desk.ui.models.roles import SORT_ROLE
from lowcarbon_desk.ui.models.rows_model import Column, RowsTableModel

from .conftest import ENTERPRISE, org_rows

MODE = QAbstractItemModelTester.FailureReportingMode.Fatal


def fake_rows(count: int) -> list[tuple]:
    rows = []
    for i in range(count):
        form = ("energy_report", "energy_budget", "cp_audit")[i % 3]
        rows.append((f"r{i:05d}", form, f"ORG{i % 7}", f"单位{i % 7}", "enterprise", "350998",
                     f"2025-{i % 12 + 1:02d}", ("draft", "submitted")[i % 2], 1, f"r{i:05d}",
                     "2025-01-01T00:00:00", float(i) if i % 5 else None, float(i * 2), None, True))
    return rows


def test_record_list_model_and_proxy(qapp):
    model = RecordListModel("zh")
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(model, MODE)
    QAbstractItemModelTester(proxy, MODE)
    model.set_rows(fake_rows(60))
    proxy.set_filters(text="单位3")
    assert proxy.rowCount() > 0
    proxy.sort(COLUMN_OF["total_tce"], Qt.SortOrder.DescendingOrder)
    proxy.set_filters(form="cp_audit", state="draft")
    model.upsert_rows(fake_rows(61)[-1:])
    model.remove_record("r00001")
    proxy.clear_filters()
    assert proxy.rowCount() == 60


def shown_ids(proxy: RecordFilterProxy) -> list[str]:
    return [proxy.record_id_at(row) for row in range(proxy.rowCount())]


def test_proxy_sorts_on_raw_values_and_maps_both_ways(qapp):
    model = RecordListModel("zh")
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, MODE)
    model.set_rows(fake_rows(60))
    proxy.sort(COLUMN_OF["total_tce"], Qt.SortOrder.AscendingOrder)  # total_tce: numbers, every fifth empty
    values = [proxy.index(r, COLUMN_OF["total_tce"]).data(SORT_ROLE) for r in range(proxy.rowCount())]
    present = [v for v in values if v is not None]
    assert present == sorted(present) and values[len(present):] == [None] * 12
    assert values.index(9.0) < values.index(11.0)  # raw numbers, not display text ("11" < "9")
    proxy.sort(COLUMN_OF["total_tce"], Qt.SortOrder.DescendingOrder)
    values = [proxy.index(r, COLUMN_OF["total_tce"]).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert values[0] == 59.0 and values[-1] is None
    proxy.set_filters(text="单位3")
    for row in range(proxy.rowCount()):
        source = proxy.mapToSource(proxy.index(row, 2))
        assert source.column() == 2 and proxy.mapFromSource(source).row() == row
        assert model.rows[source.row()][3] == "单位3"
    outside = model.index(model.row_of("r00001"), 0)  # 单位1: filtered out
    assert not proxy.mapFromSource(outside).isValid()
    proxy.sort(-1)
    assert shown_ids(proxy) == sorted(shown_ids(proxy))  # source order again


def test_proxy_text_finds_titles_states_and_record_ids(qapp):
    model = RecordListModel("zh")
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(fake_rows(60))
    proxy.set_filters(text="已提交")
    assert proxy.rowCount() == 30
    proxy.set_filters(text="Budget 草稿")
    assert set(shown_ids(proxy)) == {f"r{i:05d}" for i in range(60) if i % 3 == 1 and i % 2 == 0}
    proxy.set_filters(text="R00042")
    assert shown_ids(proxy) == ["r00042"]
    proxy.set_filters(text="r0004")  # typing on narrows; deleting widens again
    assert len(shown_ids(proxy)) == 10
    proxy.set_filters(text="r000")
    assert len(shown_ids(proxy)) == 60


def test_proxy_keeps_the_selection_through_filters_and_sorting(qapp):
    model = RecordListModel("zh")
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, MODE)
    model.set_rows(fake_rows(60))
    selection = QItemSelectionModel(proxy)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    selection.setCurrentIndex(proxy.mapFromSource(model.index(model.row_of("r00010"), 0)), flags)

    def selected() -> list[str]:
        return [proxy.record_id_at(index.row()) for index in selection.selectedRows()]

    proxy.set_filters(text="单位3")  # r00010 belongs to 单位3
    assert selected() == ["r00010"] and proxy.rowCount() < 60
    proxy.sort(COLUMN_OF["total_co2_t"], Qt.SortOrder.DescendingOrder)
    assert selected() == ["r00010"]
    assert proxy.record_id_at(selection.currentIndex().row()) == "r00010"
    model.upsert_rows(fake_rows(61)[-1:])
    model.remove_record("r00003")
    proxy.refilter()
    assert selected() == ["r00010"]
    proxy.set_filters(text="单位4")
    assert selected() == []


def test_group_model(qapp):
    form = get_form("energy_report")
    model = GroupTableModel(form, form.field("lines"), shipped_reference(), "zh", "计量单位")
    QAbstractItemModelTester(model, MODE)
    model.set_items([{"energy": "raw_coal", "consumption_total": 10}])
    model.insert_item()
    model.setData(model.index(1, 0), "electricity")
    model.move_item(1, -1)
    model.set_computed([{"line_tce": 1.0}, {"line_tce": 2.0}])
    model.set_issues({(0, "energy"): ("error", "x")})
    model.remove_items([0])
    assert model.rowCount() == 1
    stages = get_form("cp_audit").field("stages")
    fixed = GroupTableModel(get_form("cp_audit"), stages, shipped_reference(), "zh", "")
    QAbstractItemModelTester(fixed, MODE)
    assert fixed.insert_item() == -1


def test_months_issues_rows_navigator(qapp):
    form = get_form("energy_budget")
    months = MonthsModel(form.field("monthly_actual_tce"), [f"{m}月" for m in range(1, 13)], "吨")
    QAbstractItemModelTester(months, MODE)
    months.set_values([1, 2, None])
    months.setData(months.index(0, 5), "7")
    assert months.values()[5] == "7"
    issues = IssuesModel("zh")
    QAbstractItemModelTester(issues, MODE)
    evaluation = evaluate("energy_budget", {"year": 2025, "budget_tce": 100, "baseline_tce": 10})
    issues.set_issues(form, evaluation.issues)
    assert issues.rowCount() == len(evaluation.issues) > 0
    rows = RowsTableModel([Column("a", "A"), Column("b", "B")], [{"a": 1, "b": 2}], id_key="a")
    QAbstractItemModelTester(rows, MODE)
    rows.set_rows([{"a": 3}])
    navigator = NavigatorModel("zh")
    QAbstractItemModelTester(navigator, MODE)
    navigator.set_orgs(org_rows())
    assert navigator.find_org(ENTERPRISE) is not None


@pytest.mark.parametrize("count", [100_000])
def test_proxy_filters_100k_rows_in_bulk(qapp, count):
    model = RecordListModel("zh")
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(fake_rows(count))
    proxy.set_filters(text="单位3 2025-04")
    assert 0 < proxy.rowCount() < count
    assert all(proxy.index(r, COLUMN_OF["period"]).data() == "2025-04" for r in range(min(proxy.rowCount(), 50)))


def test_backup_copies_model(qapp, tmp_path):
    import datetime as dt

    from lowcarbon_desk.storage.autobackup import BackupCopy
    from lowcarbon_desk.ui.models.backup_copies import BackupCopiesModel

    copy = BackupCopy(tmp_path / "a.db", "manual", dt.datetime(2026, 11, 30, 8, 41, 33), 507_904, True)
    model = BackupCopiesModel([copy], lambda kind: f"<{kind}>", lambda size: f"{size // 1024} KB")
    QAbstractItemModelTester(model, MODE)
    assert model.rowCount() == 1 and model.columnCount() == 3
    assert [model.index(0, c).data() for c in range(3)] == ["2026-11-30 08:41:33", "<manual>", "496 KB"]
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == str(tmp_path / "a.db")
    assert model.copy(0) is copy and model.copy(1) is None
