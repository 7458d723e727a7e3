"""The 减污降碳协同 sheet of the county roll-up workbook: totals by pollutant, counts by class
and the top measures by CO2 cut and by equivalents cut (``synergy_tables.py``)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font, PatternFill

from .print_setup import printed_columns
from .synergy_data import SynergyRollup
from .synergy_tables import (
    CLASS_HEAD,
    POLLUTANT_HEAD,
    SHEET,
    TOP_HEAD,
    class_rows,
    pollutant_rows,
    scope_note,
    top_rows,
)
from .xlsx_writer import styled_cell, styled_sheet

HEAD_FILL = PatternFill("solid", fgColor="DCE6F0")
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
WIDTHS = (8, 30, 30, 16, 20, 22, 12, 22)
FORMATS = {float: "#,##0.00", int: "#,##0"}


def write_synergy_sheet(wb: Workbook, synergy: SynergyRollup, title: str) -> None:
    """Add the sheet to the write-only workbook ``wb``."""
    ws = styled_sheet(wb, SHEET)
    printed_columns(ws, WIDTHS)

    def cell(value: object, font: Font | None = None, fill: PatternFill | None = None,
             fmt: str | None = None) -> Cell:
        return styled_cell(ws, value, font, fill, fmt or FORMATS.get(type(value)))

    def head(texts: tuple[str, ...]) -> list[Cell]:
        return [cell(t, BOLD, HEAD_FILL) for t in texts]

    ws.append([cell(f"{title} · {SHEET}", TITLE_FONT)])
    ws.append([scope_note(synergy)])
    ws.append([])
    ws.append([cell("按污染物合计", BOLD)])
    ws.append(head(POLLUTANT_HEAD))
    for label, current, older, unit in pollutant_rows(synergy):
        ws.append([label, cell(current, fmt="#,##0.00"),
                   cell(older, fmt="#,##0.00") if older is not None else "—", unit])
    ws.append([])
    ws.append([cell("按协同类别", BOLD)])
    ws.append(head(CLASS_HEAD))
    for label, count, co2, equivalents in class_rows(synergy):
        ws.append([label, cell(count, fmt="#,##0"), cell(co2, fmt="#,##0.00"),
                   cell(equivalents, fmt="#,##0.0")])
    for caption, measures in (("二氧化碳减排量前 10 项措施", synergy.top_by_co2()),
                              ("污染当量削减量前 10 项措施", synergy.top_by_equivalents())):
        ws.append([])
        ws.append([cell(caption, BOLD)])
        ws.append(head(TOP_HEAD))
        for rank, org, name, source, co2, equivalents, label, ratio in top_rows(measures):
            ws.append([rank, org, name, source, cell(co2, fmt="#,##0.00"),
                       cell(equivalents, fmt="#,##0.0") if equivalents is not None else None, label,
                       cell(ratio, fmt="0.0000") if ratio is not None else None])
        if not measures:
            ws.append(["", "（无）"])
