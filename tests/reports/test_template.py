"""The blank template an enterprise fills by hand (``export template``), read back."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from lowcarbon_desk.cli.main import run
from lowcarbon_desk.domain.forms import RECORD_FORMS, get_form
from lowcarbon_desk.reports.print_setup import MIN_SCALE
from lowcarbon_desk.reports.template import INPUT_FILL, template_sheets, write_template
from lowcarbon_desk.reports.workbook_layout import (
    COMPUTED_PREFIX,
    EXAMPLE_MARK,
    FIRST_DATA_ROW,
    GUIDE_SHEET,
    ID_ROW,
    INFO_PREFIX,
    KEY,
    TEMPLATE_ROWS,
)
from lowcarbon_desk.reports.xlsx_import import import_workbook
from lowcarbon_desk.storage import Store

from .sample_data import OPERATOR, enterprise


@pytest.fixture
def template(store: Store, tmp_path: Path) -> Path:
    return write_template(tmp_path / "template.xlsx", store.reference())


def _ids(ws) -> list[str]:
    return [c.value for c in ws[ID_ROW] if c.value]


def test_guide_sheet_explains_what_to_fill(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames[0] == GUIDE_SHEET and wb.active.title == GUIDE_SHEET
    text = "\n".join(str(c.value) for row in wb[GUIDE_SHEET].iter_rows() for c in row if c.value)
    for expected in ("统计法", "205-1", "浅黄色", "百万千焦 = 吉焦", "万千瓦时", "千元", "4 = 5 + 7",
                     "9 = 1 + 2 − 4", EXAMPLE_MARK, "原煤（吨，参考折标系数 0.7143）",
                     "热力（吉焦，参考折标系数 0.03412）", "联系电话"):
        assert expected in text, expected
    for sheet in template_sheets([get_form(f) for f in RECORD_FORMS]):
        assert sheet.name in text  # every sheet is described


def test_only_input_columns_shaded_unlocked_and_protected(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    data = [ws for ws in wb.worksheets if ws.sheet_state == "visible" and ws.title != GUIDE_SHEET]
    assert len(data) >= 10
    for ws in data:
        ids = _ids(ws)
        assert ids and not any(i.startswith((COMPUTED_PREFIX, INFO_PREFIX)) for i in ids), ws.title
        assert ws.protection.sheet and not ws.protection.password
        assert ws.row_dimensions[ID_ROW].hidden
        first_input = FIRST_DATA_ROW + 1
        for column in range(1, len(ids) + 1):
            assert ws.cell(1, column).protection.locked  # the header cannot be typed over
            assert ws.cell(FIRST_DATA_ROW, column).protection.locked  # the example neither
            for row in (first_input, FIRST_DATA_ROW + TEMPLATE_ROWS - 1):
                cell = ws.cell(row, column)
                assert not cell.protection.locked
                assert cell.fill.fgColor.rgb.endswith(INPUT_FILL.fgColor.rgb[-6:])
        assert ws.page_setup.orientation == "landscape"
        if ws.sheet_properties.pageSetUpPr.fitToPage:  # one page wide, or readable blocks of columns
            assert ws.page_setup.fitToWidth == 1
        else:
            assert ws.page_setup.scale >= MIN_SCALE and ws.col_breaks.brk
        assert ws.print_title_rows.replace("$", "") == "1:2"


def test_data_validation_on_every_enum_and_number(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    for sheet in template_sheets([get_form(f) for f in RECORD_FORMS]):
        ws = wb[sheet.name]
        validated = {}
        for dv in ws.data_validations.dataValidation:
            for ref in str(dv.sqref).split():
                validated[ref.split(":")[0].rstrip("0123456789")] = dv
        for index, column in enumerate(sheet.columns, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            if column.type in ("enum", "bool", "number", "int", "year", "date"):
                dv = validated.get(letter)
                assert dv is not None, (sheet.name, column.id)
                expected = {"enum": "list", "bool": "list", "number": "decimal", "int": "whole",
                            "year": "whole", "date": "date"}[column.type]
                assert dv.type == expected and dv.showErrorMessage, (sheet.name, column.id)
        lines = wb["能源消费明细"]
        numbers = [dv for dv in lines.data_validations.dataValidation if dv.type == "decimal"]
        assert numbers and all(float(dv.formula1) >= 0 for dv in numbers)  # quantities not negative


def test_filled_template_imports_and_the_examples_are_ignored(store: Store, template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    org = enterprise(5)

    def fill(name: str, values: dict[str, object], row: int = FIRST_DATA_ROW + 1) -> None:
        ws = wb[name]
        ids = _ids(ws)
        for key, value in values.items():
            ws.cell(row, ids.index(key) + 1, value)

    fill("单位基本信息", {"org_id": org["org_id"], "kind": "企业", "name": org["name"],
                      "admin_code": org["admin_code"], "industry_code": "C3011",
                      "contact_name": org["contact_name"], "contact_phone": org["contact_phone"]})
    fill("能源购进、消费与库存", {KEY: "A1", "org_id": org["org_id"], "period": "2025",
                          "gross_output_10k_yuan": 5000, "value_added_10k_yuan": 1500})
    for offset, (energy, qty) in enumerate((("原煤", 1200), ("电力", 300))):
        fill("能源消费明细", {KEY: "A1", "energy": energy, "opening_stock": 0, "purchase_qty": qty,
                        "consumption_total": qty, "industrial_use": qty, "closing_stock": 0},
             FIRST_DATA_ROW + 1 + offset)
    wb.save(template)
    result = import_workbook(store, template, OPERATOR)
    assert len(result.added) == 1  # the examples of every sheet were skipped
    doc = store.get_record(result.added[0])
    assert doc["org_id"] == org["org_id"] and len(doc["data"]["lines"]) == 2
    assert [o["org_id"] for o in store.list_orgs()] == [org["org_id"]]


def test_untouched_template_imports_nothing(store: Store, template: Path) -> None:
    result = import_workbook(store, template, OPERATOR)
    assert result.added == [] and result.orgs_added == [] and store.list_orgs() == []


def test_libreoffice_converts_it_cleanly(template: Path, tmp_path: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice missing: scripts/setup.sh installs libreoffice-calc")
    out = tmp_path / "csv"
    done = subprocess.run([exe, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                           "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                           "--outdir", str(out), str(template)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    sheets = {p.stem: p for p in out.glob("*.csv")}
    guide = next(p for name, p in sheets.items() if GUIDE_SHEET in name)
    assert "统计法" in guide.read_text(encoding="utf-8")
    lines = next(p for name, p in sheets.items() if "能源消费明细" in name)
    with lines.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["记录编号", "能源名称"]
    assert rows[FIRST_DATA_ROW - 1][0] == EXAMPLE_MARK and rows[FIRST_DATA_ROW - 1][1] == "原煤"


def test_cli_export_template(store: Store, tmp_path: Path, capsys) -> None:
    db = str(store.path)
    store.close()
    path = tmp_path / "energy.xlsx"
    assert run(["--db", db, "export", "template", "--form", "energy_report", "-o", str(path)]) == 0
    names = openpyxl.load_workbook(path).sheetnames
    assert names[:4] == [GUIDE_SHEET, "单位基本信息", "能源购进、消费与库存", "能源消费明细"]
    assert "用能预算" not in names
    assert run(["--db", db, "export", "template", "--form", "org", "-o", str(tmp_path / "x.xlsx")]) == 1
    assert "--form" in capsys.readouterr().err and not (tmp_path / "x.xlsx").exists()
    # an empty database: export xlsx writes the same blank template
    assert run(["--db", db, "export", "xlsx", "-o", str(tmp_path / "blank.xlsx")]) == 0
    assert openpyxl.load_workbook(tmp_path / "blank.xlsx").sheetnames[0] == GUIDE_SHEET
