"""The 数据中心 sheet of the county roll-up workbook (``datacentre_data.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font, PatternFill

from .datacentre_data import HEAD, SHEET, table_rows
from .print_setup import printed_columns
from .xlsx_writer import styled_cell, styled_sheet

if TYPE_CHECKING:
    from .rollup_data import Rollup

HEAD_FILL = PatternFill("solid", fgColor="DCE6F0")
BOLD, TITLE_FONT = Font(bold=True), Font(bold=True, size=14)
WIDTHS = (22, 36, 10, 18, 18, 8, 28, 12)
FORMATS = {3: "#,##0.00", 4: "#,##0.0", 5: "0.00"}


def write_datacentre_sheet(wb: Workbook, rollup: Rollup, title: str) -> None:
    """Add the sheet to the write-only workbook ``wb`` (a line "无" when the county has none;
    nothing for a roll-up built without data centres)."""
    if rollup.datacentres is None:
        return
    ws = styled_sheet(wb, SHEET)
    printed_columns(ws, WIDTHS)

    def cell(value: object, font: Font | None = None, fill: PatternFill | None = None,
             fmt: str | None = None) -> Cell:
        return styled_cell(ws, value, font, fill, fmt)

    ws.append([cell(f"{title} · {SHEET}", TITLE_FONT)])
    ws.append([rollup.datacentres.note])
    ws.append([])
    ws.append([cell(h, BOLD, HEAD_FILL) for h in HEAD])
    rows = table_rows(rollup.datacentres.centres)
    for row in rows:
        ws.append([cell(v, fmt=FORMATS.get(i)) if v is not None else "—" for i, v in enumerate(row)])
    if not rows:
        ws.append(["无（本县没有行业代码为 I645 的单位）"])
