"""The roll-up PDF's 分单位明细 table gives reportlab its rows' heights and shares its cell styles
(issue 22): the heights must be the ones reportlab measures, the look the one of ``grid_table``."""

from __future__ import annotations

from reportlab.platypus import TableStyle

from lowcarbon_desk.reports.pdf_common import grid_table
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import FONT_SIZE, NUMBER_COLUMNS, _widths, detail_table, table_rows
from lowcarbon_desk.storage import Store


def test_given_row_heights_and_shared_styles_match_reportlabs_own(store: Store, ids: dict[str, str]) -> None:
    rollup = county_rollup(store, 2025)
    rows = table_rows(rollup)
    rows.append([*rows[-1][:-1], "第一行\n第二行\n第三行"])  # a cell of three lines
    widths = _widths(rollup)
    ours = detail_table(rows, widths)
    plain = grid_table(rows, widths, header_rows=1)  # what the table was: every cell styled
    plain.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE), ("LEADING", (0, 0), (-1, -1), FONT_SIZE + 1.5),
                               ("ALIGN", (NUMBER_COLUMNS[0], 1), (NUMBER_COLUMNS[-1], -1), "RIGHT")]))
    for table in (ours, plain):
        table.wrap(sum(widths), 10_000)
    assert ours._rowHeights == plain._rowHeights
    assert ours._rowHeights[-1] > ours._rowHeights[-2]
    attributes = ("fontname", "fontsize", "leading", "alignment", "valign", "leftPadding", "rightPadding",
                  "topPadding", "bottomPadding")
    for mine, theirs in zip(ours._cellStyles, plain._cellStyles, strict=True):
        assert [[getattr(s, a) for a in attributes] for s in mine] == [[getattr(s, a) for a in attributes] for s in theirs]
