"""The 减污降碳协同 section of the county roll-up PDF: totals by pollutant, counts by class, the
quadrant chart and the top measures (``synergy_tables.py``, ``synergy_chart.py``)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Table, TableStyle

from .display import fmt_number
from .fonts import cjk_font
from .pdf_common import Styles, esc, grid_table, spacer
from .synergy_chart import quadrant_chart
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

EMPTY = "本年没有可计算协同效应的措施（第 2 版起的清洁生产审核和低碳试点申报）。"


def _table(head: tuple[str, ...], rows: list[list[str]], widths: list[float], styles: Styles,
           numeric: set[int]) -> Flowable:
    body = [[Paragraph(esc(h), styles.head) for h in head]]
    body += [[Paragraph(esc(text), styles.cell_right if i in numeric else styles.cell)
              for i, text in enumerate(row)] for row in rows]
    return grid_table(body, widths)


def synergy_section(synergy: SynergyRollup | None, styles: Styles, width: float) -> list[Flowable]:
    """The section on a page of its own; nothing without a roll-up of measures."""
    if synergy is None:
        return []
    out: list[Flowable] = [PageBreak(), Paragraph(f"{SHEET}（{synergy.year} 年）", styles.h1),
                           Paragraph(esc(scope_note(synergy)), styles.small), spacer(2)]
    pollutants = [[label, fmt_number(current, 2), "—" if older is None else fmt_number(older, 2), unit]
                  for label, current, older, unit in pollutant_rows(synergy)]
    classes = [[label, str(count), fmt_number(co2, 2), fmt_number(eq, 1)]
               for label, count, co2, eq in class_rows(synergy)]
    half = width / 2 - 4 * mm
    left = _table(POLLUTANT_HEAD, pollutants, [half * 0.34, half * 0.24, half * 0.26, half * 0.16],
                  styles, {1, 2})
    right = _table(CLASS_HEAD, classes, [half * 0.22, half * 0.16, half * 0.31, half * 0.31], styles, {1, 2, 3})
    pair = Table([[left, right]], colWidths=[width / 2, width / 2])
    pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("FONTNAME", (0, 0), (-1, -1), cjk_font())]))  # else Helvetica is named
    out += [pair, spacer(3)]
    points = [(m.co2_t, m.equivalents or 0.0, m.synergy_class) for m in synergy.measures]
    out.append(KeepTogether([Paragraph("措施象限图", styles.h2),
                             quadrant_chart(f"各项措施的二氧化碳减排量与污染当量削减量（{len(points)} 项）",
                                            points, width * 0.75) if points
                             else Paragraph(EMPTY, styles.body)]))
    weights = [0.5, 2.2, 2.2, 1.2, 1.3, 1.4, 0.9, 1.3]
    widths = [width * w / sum(weights) for w in weights]
    for caption, measures in (("二氧化碳减排量前 10 项措施", synergy.top_by_co2()),
                              ("污染当量削减量前 10 项措施", synergy.top_by_equivalents())):
        rows = [[str(rank), org, name, source, fmt_number(co2, 2), fmt_number(eq, 1), label,
                 fmt_number(ratio, 4)] for rank, org, name, source, co2, eq, label, ratio in top_rows(measures)]
        out.append(Paragraph(caption, styles.h2))
        out.append(_table(TOP_HEAD, rows, widths, styles, {0, 4, 5, 7}) if rows
                   else Paragraph("（无）", styles.body))
    return out
