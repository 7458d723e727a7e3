"""The workbooks print as people need them on A4: header rows repeated, landscape for the wide
sheets, never shrunk below a readable scale (wide sheets print in blocks of columns with their
key columns repeated), page setups on the roll-up's other sheets, row heights for the
template's wrapped notes; LibreOffice's own PDF of each workbook shows it."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from lowcarbon_desk.packages.create import standard_workbook
from lowcarbon_desk.reports.print_setup import MIN_SCALE
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_xlsx import TABLE_FIRST_ROW, write_rollup_xlsx
from lowcarbon_desk.reports.template import write_template
from lowcarbon_desk.reports.workbook import export_workbook, text_width
from lowcarbon_desk.storage import Store

from .conftest import pdftotext


def _readable(ws) -> None:
    """Fit to one page width, or a fixed scale of at least MIN_SCALE in column blocks."""
    fit = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
    if fit:
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
    else:
        assert MIN_SCALE <= ws.page_setup.scale <= 100, ws.title
        assert ws.col_breaks.brk and ws.print_title_cols, ws.title


def test_exported_and_packaged_workbooks_repeat_their_headers(store: Store, ids: dict[str, str],
                                                              tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    export_workbook(store, path)
    packaged = standard_workbook(store, list(ids.values()))  # reports/submission.xlsx
    for wb in (openpyxl.load_workbook(path), openpyxl.load_workbook(io.BytesIO(packaged))):
        visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
        assert len(visible) >= 5
        for ws in visible:
            assert ws.print_title_rows == "$1:$2", ws.title  # labels and units on every page
            assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
            _readable(ws)
        wide = [ws for ws in visible if ws.max_column > 20]
        assert wide and all(ws.print_title_cols == "$A:$A" for ws in wide if ws.col_breaks.brk)


def test_the_rollup_prints_readably(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_rollup_xlsx(county_rollup(store, 2025), tmp_path / "r.xlsx"))
    table = wb["县域汇总"]
    assert table.max_column == 23
    assert table.page_setup.orientation == "landscape"
    assert table.print_title_rows == f"${TABLE_FIRST_ROW - 2}:${TABLE_FIRST_ROW - 1}"
    assert not table.sheet_properties.pageSetUpPr.fitToPage  # not squeezed onto one width
    assert table.page_setup.scale >= MIN_SCALE and table.print_title_cols == "$A:$B"
    assert 1 <= len(table.col_breaks.brk) <= 3
    for name, titles in (("合计与统计", "$2:$2"), ("缺报单位", "$1:$1")):
        ws = wb[name]
        assert ws.page_setup.orientation == "portrait" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0 and ws.print_title_rows == titles


def test_template_rows_have_heights_and_empty_sheets_print_one_page_of_rows(store: Store,
                                                                            tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", store.reference()))
    guide = wb["填报说明"]
    tall = [r for r in range(1, guide.max_row + 1) if len(str(guide.cell(r, 2).value or "")) > 60]
    assert tall and all((guide.row_dimensions[r].height or 0) >= 30 for r in tall)
    energy_names = next(r for r in range(1, guide.max_row + 1) if guide.cell(r, 1).value == "能源品种")
    assert guide.row_dimensions[energy_names].height >= 45  # three lines and more
    for ws in wb.worksheets:
        if ws.sheet_state != "visible" or ws.title == "填报说明":
            continue
        assert ws.print_title_rows == "$1:$2"
        _readable(ws)
        (area,) = ws.print_area if isinstance(ws.print_area, list) else [ws.print_area]
        assert area.endswith("$24")  # header, example and 20 blank rows, not 500


def test_libreoffice_prints_every_workbook_as_set_up(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice not installed (scripts/setup.sh installs libreoffice-calc)")
    books = ("export", "rollup", "template")
    export_workbook(store, tmp_path / "export.xlsx")
    write_rollup_xlsx(county_rollup(store, 2025), tmp_path / "rollup.xlsx")
    write_template(tmp_path / "template.xlsx", store.reference())
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()  # LibreOffice's settings stay in the test folder
    done = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(out), *(str(tmp_path / f"{name}.xlsx") for name in books)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    rollup = openpyxl.load_workbook(tmp_path / "rollup.xlsx")
    blocks = len(rollup["县域汇总"].col_breaks.brk) + 1
    pages = pdftotext(out / "rollup.pdf").split("\f")
    table_pages = [p for p in pages if "分单位" not in p and "单位代码" in p and "单位名称" in p]
    # each block of columns on one page, the code and name columns and header rows on each
    # (the small sample fits one page down); then 合计与统计 and 缺报单位 (one page each), and
    # 目标进展, 减污降碳协同 and 数据中心, each at most a page per block of columns (a block with
    # nothing in it prints no page)
    assert len(table_pages) >= blocks
    sections = ("目标进展", "减污降碳协同", "数据中心")
    later = sum(len(rollup[name].col_breaks.brk) + 1 for name in sections)
    printed = len([p for p in pages if p.strip()])
    assert blocks + 2 + len(sections) <= printed <= blocks + 2 + later, [p[:40] for p in pages]
    template = [p for p in pdftotext(out / "template.pdf").split("\f") if p.strip()]
    sheets = [ws for ws in openpyxl.load_workbook(tmp_path / "template.xlsx").worksheets
              if ws.sheet_state == "visible" and ws.title != "填报说明"]
    expected = sum(len(ws.col_breaks.brk) + 1 for ws in sheets)
    assert len(template) <= expected + 2  # the notes on one or two pages, each empty sheet one page a block
    assert "记录编号" in pdftotext(out / "export.pdf")


def test_headers_are_not_clipped(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    """Every header, computed columns' （计算值） included, fits its column's width."""
    path = tmp_path / "export.xlsx"
    export_workbook(store, path)
    wb = openpyxl.load_workbook(path)
    computed = 0
    for ws in (ws for ws in wb.worksheets if ws.sheet_state == "visible"):
        for cell in ws[1]:
            if cell.value is None:
                continue
            computed += "（计算值）" in str(cell.value)
            width = ws.column_dimensions[cell.column_letter].width
            assert text_width(cell.value) < width, (ws.title, cell.value, width)
    assert computed >= 5
