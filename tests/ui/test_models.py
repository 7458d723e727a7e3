"""Every table model of the window through Qt's QAbstractItemModelTester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.domain.reference import shipped_reference
from lowcarbon_desk.ui.models.group_model import GroupTableModel
from lowcarbon_desk.ui.models.issues_model import IssuesModel
from lowcarbon_desk.ui.models.months_model import MonthsModel
from lowcarbon_desk.ui.models.navigator import NavigatorModel
from lowcarbon_desk.ui.models.record_list import RecordFilterProxy, RecordListModel
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
    proxy.sort(6, Qt.SortOrder.DescendingOrder)
    proxy.set_filters(form="cp_audit", state="draft")
    model.upsert_rows(fake_rows(61)[-1:])
    model.remove_record("r00001")
    proxy.clear_filters()
    assert proxy.rowCount() == 60


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
    assert all(proxy.index(r, 3).data() == "2025-04" for r in range(min(proxy.rowCount(), 50)))
