"""Workbook import messages in the user's words: list names not ids, an .ods file told to be
saved as .xlsx, one error for a bad credit code, and the summary naming drafts whose warnings
still need a justification."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from lowcarbon_desk.domain.errors import InputError
from lowcarbon_desk.reports.workbook import export_workbook
from lowcarbon_desk.reports.workbook_layout import FIRST_DATA_ROW, ID_ROW
from lowcarbon_desk.reports.xlsx_import import import_workbook
from lowcarbon_desk.storage import Store

from .sample_data import COUNTY, enterprise

SRC = Path(__file__).resolve().parents[2] / "src"


def _column(ws, field_id: str) -> int:
    return next(c.column for c in ws[ID_ROW] if c.value == field_id)


def _filled(store: Store, path: Path, *, energy: str, org_id: str, org_row: dict | None = None,
            co2_factor: float | None = None) -> Path:
    """An exported workbook with one new annual report of one line of ``energy``."""
    export_workbook(store, path)
    wb = openpyxl.load_workbook(path)
    head, lines = wb["能源购进、消费与库存"], wb["能源消费明细"]
    row = FIRST_DATA_ROW
    for field, value in (("record_id", "新1"), ("org_id", org_id), ("period", "2025"),
                         ("value_added_10k_yuan", 100)):
        head.cell(row, _column(head, field), value)
    for field, value in (("record_id", "新1"), ("energy", energy), ("consumption_total", 1000),
                         ("industrial_use", 1000), ("non_industrial_use", 0), ("purchase_qty", 1000)):
        lines.cell(row, _column(lines, field), value)
    if co2_factor is not None:
        lines.cell(row, _column(lines, "co2_factor"), co2_factor)
        lines.cell(row, _column(lines, "co2_factor_source"), "模板示例")
    if org_row:
        orgs = wb["单位基本信息"]
        for field, value in org_row.items():
            orgs.cell(row, _column(orgs, field), value)
    wb.save(path)
    return path


def _refused(store: Store, path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        import_workbook(store, path, "测试员")
    return caught.value


def test_an_energy_not_in_the_list_names_the_labels(store: Store, tmp_path: Path) -> None:
    store.add_orgs([enterprise(9)], "测试员")
    path = _filled(store, tmp_path / "a.xlsx", energy="煤炭", org_id=enterprise(9)["org_id"])
    error = _refused(store, path)
    zh = error.message("zh")
    assert "原煤、洗精煤、焦炭" in zh and "电力" in zh
    assert "raw_coal" not in zh and "washed_coal" not in zh
    assert "Raw coal (raw_coal)" in error.message("en")


def test_an_ods_file_is_told_to_be_saved_as_xlsx(store: Store, tmp_path: Path) -> None:
    content = b"<office:document-content/>"
    for name in ("filled.ods", "renamed.xlsx"):  # by its content, whatever its name
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as ods:
            ods.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
            ods.writestr("content.xml", content)
        zh = _refused(store, path).message("zh")
        assert zh == f"{name} 是OpenDocument 表格（.ods），本程序只读取 Excel 工作簿：请在表格软件中“另存为” .xlsx 格式后再导入"
        assert "\n" not in zh and "openpyxl" not in zh


def test_a_bad_credit_code_is_one_error(store: Store, tmp_path: Path) -> None:
    bad = "91430124MA4L0000XX"
    path = _filled(store, tmp_path / "b.xlsx", energy="原煤", org_id=bad,
                   org_row={"org_id": bad, "name": "某某有限公司", "admin_code": COUNTY})
    zh = _refused(store, path).message("zh")
    assert "有 1 处错误" in zh and "单位基本信息!" in zh
    assert "不存在" not in zh


def test_the_summary_names_drafts_with_warnings_to_justify(store: Store, tmp_path: Path) -> None:
    org_id = enterprise(9)["org_id"]
    store.add_orgs([enterprise(9)], "测试员")
    clean = import_workbook(store, _filled(store, tmp_path / "c.xlsx", energy="原煤", org_id=org_id), "测试员")
    assert clean.added and clean.to_justify == {}
    path = _filled(store, tmp_path / "d.xlsx", energy="原煤", org_id=enterprise(9)["org_id"], co2_factor=100)
    result = import_workbook(store, path, "测试员")
    (record,) = result.added
    assert result.to_justify == {record: 1}  # the factor 52 times the reference


def test_the_cli_summary_says_so(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    store = Store.open(db)
    store.add_orgs([enterprise(9)], "测试员")
    path = _filled(store, tmp_path / "e.xlsx", energy="原煤", org_id=enterprise(9)["org_id"], co2_factor=100)
    store.close()
    env = {**os.environ, "LOWCARBON_DESK_HOME": str(tmp_path / "home"), "PYTHONPATH": str(SRC),
           "LOWCARBON_DESK_OPERATOR": "tester"}
    env.pop("LOWCARBON_DESK_DB", None)
    done = subprocess.run([sys.executable, "-m", "lowcarbon_desk", "--db", str(db), "import", "xlsx", str(path)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "有 1 条警告须说明原因后才能提交" in done.stdout
