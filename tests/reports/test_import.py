"""Importing a standard workbook filled in a spreadsheet program: all or nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from lowcarbon_desk.domain.errors import InputError
from lowcarbon_desk.reports.workbook import export_workbook, select_records
from lowcarbon_desk.reports.workbook_layout import FIRST_DATA_ROW, ID_ROW, META_SHEET
from lowcarbon_desk.reports.xlsx_import import import_workbook
from lowcarbon_desk.storage import Store

from .sample_data import COUNTY, enterprise


def _column(ws, field_id: str) -> int:
    return next(c.column for c in ws[ID_ROW] if c.value == field_id)


def _content(store: Store) -> list[tuple]:
    docs = select_records(store)
    return sorted((d["form"], d["org_id"], d["period"], repr(d["data"]), repr(d["computed"]))
                  for d in docs)


def _refused(store: Store, path: Path) -> str:
    with pytest.raises(InputError) as caught:
        import_workbook(store, path, "测试员")
    return caught.value.message("zh")


def test_export_import_export_round_trip(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    first = tmp_path / "a.xlsx"
    export_workbook(store, first)
    result = import_workbook(store, first, "测试员")
    assert sorted(result.unchanged) == sorted(ids.values()) and not result.added
    other = Store.open(tmp_path / "other.db")
    result = import_workbook(other, first, "测试员")
    assert len(result.added) == len(ids) and len(result.orgs_added) == 3
    assert _content(other) == _content(store)
    second = tmp_path / "b.xlsx"
    export_workbook(other, second)
    again = Store.open(tmp_path / "again.db")
    import_workbook(again, second, "测试员")
    assert _content(again) == _content(store)


def test_filled_template_with_user_habits(store: Store, tmp_path: Path) -> None:
    store.add_orgs([enterprise(9)], "测试员")
    path = tmp_path / "template.xlsx"
    export_workbook(store, path)
    wb = openpyxl.load_workbook(path)
    head, lines, budget, adj = (wb["能源购进、消费与库存"], wb["能源消费明细"], wb["用能预算"],
                                wb["预算调整"])
    org_id = enterprise(9)["org_id"]
    row = FIRST_DATA_ROW
    head.cell(row, _column(head, "record_id"), "新报表1")
    head.cell(row, _column(head, "org_id"), org_id)
    head.cell(row, _column(head, "period"), "2025年")
    head.cell(row, _column(head, "value_added_10k_yuan"), "12,345.5")  # number typed as text
    head.cell(row + 2, 1, None)  # a blank row in between is fine
    for i, (energy, qty) in enumerate((("原煤", "1,000"), ("电力", 250))):
        r = FIRST_DATA_ROW + i
        lines.cell(r, _column(lines, "record_id"), "新报表1")
        lines.cell(r, _column(lines, "energy"), energy)
        for field in ("consumption_total", "industrial_use", "purchase_qty"):
            lines.cell(r, _column(lines, field), qty)
        lines.cell(r, _column(lines, "non_industrial_use"), 0)
    lines.cell(FIRST_DATA_ROW, lines.max_column + 2, "我的备注")  # an extra column
    budget.cell(row, _column(budget, "record_id"), "B1")
    budget.cell(row, _column(budget, "org_id"), org_id)
    for field, value in (("year", 2025), ("baseline_year", 2024), ("baseline_tce", 1000),
                         ("planned_value_added_10k_yuan", 5000), ("budget_tce", 1050)):
        budget.cell(row, _column(budget, field), value)
    date_cell = adj.cell(row, _column(adj, "date"), 45717)  # 2025-03-01 as a serial number
    date_cell.number_format = "yyyy\"年\"m\"月\"d\"日\""
    adj.cell(row, _column(adj, "record_id"), "B1")
    adj.cell(row, _column(adj, "delta_tce"), -20)
    adj.cell(row, _column(adj, "reason"), "奖励")
    adj.cell(row + 1, _column(adj, "record_id"), "B1")
    adj.cell(row + 1, _column(adj, "date"), "2025年4月1日")
    adj.cell(row + 1, _column(adj, "delta_tce"), 5)
    adj.cell(row + 1, _column(adj, "reason"), "其他")
    wb["用能预算"].title = "我的预算"  # a renamed sheet
    wb.save(path)
    result = import_workbook(store, path, "测试员")
    assert len(result.added) == 2
    docs = {store.get_record(r)["form"]: store.get_record(r) for r in result.added}
    report = docs["energy_report"]
    assert report["state"] == "draft" and report["period"] == "2025"
    assert report["data"]["value_added_10k_yuan"] == 12345.5
    assert [line["consumption_total"] for line in report["data"]["lines"]] == [1000, 250]
    adjustments = docs["energy_budget"]["data"]["adjustments"]
    assert [a["date"] for a in adjustments] == ["2025-03-01", "2025-04-01"]
    assert docs["energy_budget"]["computed"]["effective_budget_tce"] == 1035


def test_errors_name_sheet_and_cell_and_change_nothing(store: Store, ids: dict[str, str],
                                                       tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    export_workbook(store, path)
    before = _content(store)
    wb = openpyxl.load_workbook(path)
    lines = wb["能源消费明细"]
    col = _column(lines, "feedstock_use")
    lines.cell(FIRST_DATA_ROW + 1, col, "很多")
    letter = lines.cell(FIRST_DATA_ROW + 1, col).column_letter
    budget = wb["用能预算"]
    budget.cell(FIRST_DATA_ROW, _column(budget, "budget_tce"), 1111)  # a valid change elsewhere
    wb.save(path)
    with pytest.raises(InputError) as caught:
        import_workbook(store, path, "测试员")
    message = caught.value.message("zh")
    assert f"能源消费明细!{letter}{FIRST_DATA_ROW + 1}" in message
    assert "不是数字" in message
    assert _content(store) == before


def test_submitted_record_changed_is_refused(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    store.submit(ids["pilot"], "测试员")
    path = tmp_path / "s.xlsx"
    export_workbook(store, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["低碳试点申报"]
    ws.cell(FIRST_DATA_ROW, _column(ws, "title"), "改过的名称")
    wb.save(path)
    assert "只读" in _refused(store, path)


def test_other_format_version_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "v2.xlsx"
    export_workbook(store, path)
    wb = openpyxl.load_workbook(path)
    wb[META_SHEET]["B2"] = 2
    wb.save(path)
    assert "格式版本为 2" in _refused(store, path)


def test_not_an_xlsx_and_foreign_workbook(store: Store, tmp_path: Path) -> None:
    text = tmp_path / "x.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    assert "不是有效的 Excel 工作簿" in _refused(store, text)
    foreign = tmp_path / "foreign.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "随便什么"
    wb.save(foreign)
    assert "_meta" in _refused(store, foreign)


def test_unknown_org_must_be_on_the_org_sheet(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    export_workbook(store, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["用能预算"]
    row = FIRST_DATA_ROW + 1  # below the template's example row
    ws.cell(row, _column(ws, "org_id"), COUNTY + "1")
    ws.cell(row, _column(ws, "year"), 2025)
    wb.save(path)
    assert f"用能预算!{get_column_letter(_column(ws, 'org_id'))}{row}" in _refused(store, path)
