"""A workbook whose organisation code has full-width digits is refused by cell, naming the
full-width characters (never read as ASCII, never "does not exist")."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from lowcarbon_desk.domain.errors import InputError
from lowcarbon_desk.reports.workbook import export_workbook
from lowcarbon_desk.reports.workbook_layout import FIRST_DATA_ROW, ID_ROW
from lowcarbon_desk.reports.xlsx_import import import_workbook
from lowcarbon_desk.storage import Store

from .sample_data import enterprise

FULL_WIDTH = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in enterprise(1)["org_id"])


def _column(ws, field_id: str) -> int:
    return next(c.column for c in ws[ID_ROW] if c.value == field_id)


def test_full_width_org_id_on_a_record_sheet_is_refused_by_cell(store: Store, tmp_path: Path) -> None:
    store.add_orgs([enterprise(1)], "测试员")
    path = tmp_path / "t.xlsx"
    export_workbook(store, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["用能预算"]
    row = FIRST_DATA_ROW + 1  # below the template's example row
    ws.cell(row, _column(ws, "org_id"), FULL_WIDTH)
    ws.cell(row, _column(ws, "year"), 2025)
    wb.save(path)
    before = store.list_records()
    with pytest.raises(InputError) as caught:
        import_workbook(store, path, "测试员")
    cell = f"用能预算!{get_column_letter(_column(ws, 'org_id'))}{row}"
    assert f"{cell}：“{FULL_WIDTH}”含全角字符" in caught.value.message("zh")
    assert f"{cell}: '{FULL_WIDTH}' contains full-width characters" in caught.value.message("en")
    assert store.list_records() == before
