"""A styled sheet writes a row of plain values as text (``xlsx_writer.StyledSheet._row_xml``):
the file must be byte for byte what openpyxl's own cell writer makes of the same rows."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill

from lowcarbon_desk.reports import xlsx_writer
from lowcarbon_desk.reports.xlsx_writer import (
    UnwritableText,
    discard_sheet_files,
    save_workbook,
    styled_cell,
    styled_sheet,
)

ROWS: list[list[object]] = [
    ["plain", "中文名称", 1.5, 2, None, "x"],
    [" leading", "trailing ", "  ", "a & b < c > d \"q\" 'a'", -0.0, 10**15],
    ["\tTab", "line\nbreak", "cr\rtext", "=1+1", "#REF!", 1e-7],
    [None, None, 123456789.123456789, 1 / 3, -2, "+1"],
    [None, None, None, None, None, None],
    ["ﾊﾝｶｸ 全角　空格", "emoji 😀", 1e22, 7, 0, "@A1"],
    [],
    ["", "empty text"],
    ["not a number", None, float("nan"), float("inf"), -float("inf")],
    [True, "a date in an unstyled column", None, None, None, dt.date(2025, 1, 2)],
    ["x" * 40, 12, 3.25],
]


def _write(path: Path, fast: bool, monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.setattr(xlsx_writer, "FAST_ROWS", fast)
    wb = openpyxl.Workbook(write_only=True)
    ws = styled_sheet(wb, "表")
    ws.declare_size(len(ROWS) + 1, 6)
    ws.append([styled_cell(ws, "title", Font(bold=True), PatternFill("solid", fgColor="DCE6F0"))])
    ws.styled_columns([None, ws.shared_cell(font=Font(italic=True)),
                       ws.shared_cell(number_format="#,##0.00"), ws.shared_cell(number_format="0"),
                       Cell(ws)])  # a cell without a style: no style attribute, as openpyxl writes it
    for row in ROWS:
        ws.append(row)
    other = styled_sheet(wb, "plain")  # no column styles at all
    for row in ROWS[:3]:
        other.append(row)
    save_workbook(wb, path, dt.datetime(2025, 1, 2, 3, 4, 5))
    return path.read_bytes()


def test_plain_rows_are_the_bytes_openpyxl_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert xlsx_writer._ETREE_CELLS  # else every row goes through openpyxl and this proves nothing
    fast = _write(tmp_path / "fast.xlsx", True, monkeypatch)
    slow = _write(tmp_path / "slow.xlsx", False, monkeypatch)
    with zipfile.ZipFile(tmp_path / "fast.xlsx") as a, zipfile.ZipFile(tmp_path / "slow.xlsx") as b:
        for name in b.namelist():
            assert a.read(name) == b.read(name), name
    assert fast == slow
    cells = openpyxl.load_workbook(tmp_path / "fast.xlsx")["表"]
    assert cells["B3"].value == "trailing " and cells["D3"].value == "a & b < c > d \"q\" 'a'"
    assert cells["C5"].value == pytest.approx(123456789.123456789) and cells["C5"].number_format == "#,##0.00"
    assert cells["B4"].font.italic and cells["D4"].data_type == "s"  # "=1+1" stays text


def test_a_control_character_is_named_on_the_fast_path(tmp_path: Path) -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = styled_sheet(wb, "汇总")
    try:
        ws.append(["ok", 1.0])
        with pytest.raises(UnwritableText) as caught:
            ws.append(["ok", 2.0, "bad\x02text"])
    finally:
        discard_sheet_files(wb)
    assert "汇总!C2" in caught.value.message("en")
