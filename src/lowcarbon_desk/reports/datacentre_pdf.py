"""The 数据中心 section of the county roll-up PDF (``datacentre_data.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from .datacentre_data import HEAD, SHEET, table_rows
from .display import fmt_number
from .pdf_common import Styles, esc, grid_table

if TYPE_CHECKING:
    from .rollup_data import Rollup

WEIGHTS = (1.9, 3.0, 0.9, 1.5, 1.5, 0.7, 2.3, 1.1)
DECIMALS = {3: 2, 4: 1, 5: 2}


def _text(index: int, value: object) -> str:
    if value is None:
        return "—"
    return fmt_number(value, DECIMALS[index]) if index in DECIMALS else str(value)


def datacentre_section(rollup: Rollup, styles: Styles, width: float) -> list[Flowable]:
    """The section: a note on the limits and one row per data centre ("无" when none)."""
    if rollup.datacentres is None:
        return []
    rows = table_rows(rollup.datacentres.centres)
    out: list[Flowable] = [Paragraph(f"{SHEET}（{rollup.year} 年，{len(rows)} 个）", styles.h1),
                           Paragraph(esc(rollup.datacentres.note), styles.small)]
    if not rows:
        return [KeepTogether([*out, Paragraph("无（本县没有行业代码为 I645 的单位）。", styles.body)])]
    body = [[Paragraph(esc(h), styles.head) for h in HEAD]]
    body += [[Paragraph(esc(_text(i, v)), styles.cell_right if i in DECIMALS else styles.cell)
              for i, v in enumerate(row)] for row in rows]
    widths = [width * w / sum(WEIGHTS) for w in WEIGHTS]
    return [KeepTogether([*out, grid_table(body, widths)])]
