"""The county roll-up as a PDF (A4 landscape): totals, top consumers, missing reports, table.

Deterministic like the record PDFs: the date printed and stored is the newest ``updated_at``
of the records used (``Rollup.as_of``), never the wall clock. The big table uses plain
string cells (long names are wrapped by measured width) so that 2,000 rows stay fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from ..domain.forms import get_form
from ..fileio import atomic_write_bytes
from .charts import ranked_bars
from .datacentre_pdf import datacentre_section
from .display import fmt_number
from .fonts import cjk_font
from .pdf_common import (
    GRID,
    HEADER_BG,
    MARGIN,
    Styles,
    build_pdf,
    county_signoff,
    esc,
    grid_table,
    signed_table_ending,
    spacer,
    unbroken_width,
)
from .rollup_columns import TOTAL_LABELS, drafts_text, pilots_text, source_text
from .rollup_data import Rollup, RollupRow
from .rollup_targets import targets_section
from .rollup_xlsx import rollup_subtitle, rollup_title
from .synergy_rollup_pdf import synergy_section

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * MARGIN
FONT_SIZE = 6.5
TOP_N = 15
CELL_PADDING = 6  # points: the cell's left and right padding (3 + 3)
NUMBER_COLUMNS = range(3, 11)  # 综合能源消费量 … 使用率: right-aligned

# (header, width in mm, cell text)
TABLE: tuple[tuple[str, float, Callable[[RollupRow], object]], ...] = (
    ("单位代码", 27, lambda r: r.org_id),
    ("单位名称", 29, lambda r: r.name),
    ("数据来源", 14, source_text),
    ("综合能源消费量\n（吨标准煤）", 17, lambda r: fmt_number(r.total_tce, 2)),
    ("二氧化碳排放\n（吨CO2）", 17, lambda r: fmt_number(r.total_co2_t, 2)),
    ("能耗强度\n（吨标准煤/万元）", 15, lambda r: fmt_number(r.energy_intensity, 4)),
    ("碳排放强度\n（吨CO2/万元）", 15, lambda r: fmt_number(r.carbon_intensity, 4)),
    ("重点用能/\n须报温室气体", 11, lambda r: "/".join(("是" if r.key_energy_unit else "否",
                                                 "是" if r.must_report_ghg else "否"))
     if r.energy_source else ""),
    ("有效预算\n（吨标准煤）", 16, lambda r: fmt_number(r.effective_budget_tce, 2)),
    ("累计实际\n（吨标准煤）", 16, lambda r: fmt_number(r.actual_tce, 2)),
    ("使用率\n（%）", 9, lambda r: fmt_number(r.utilization_pct, 1)),
    ("预算状态\n（实际/预计）", 13, lambda r: _status(r)),
    ("清洁生产审核\n（类型·阶段·验收）", 24, lambda r: _audit(r)),
    ("试点申报（状态）", 0, pilots_text),  # takes the remaining width
    ("采用草稿", 18, drafts_text),
)
STATUS = {"ok": "正常", "alert": "预警", "exceeded": "超出"}
KIND = {"mandatory": "强制", "voluntary": "自愿"}
RESULT = {"pending": "待验收", "pass": "通过", "fail": "未通过"}


def _status(row: RollupRow) -> str:
    if not row.budget_status:
        return ""
    return f"{STATUS.get(row.budget_status, row.budget_status)}/{STATUS.get(row.projected_status or '', '—')}"


@cache
def _stage(value: str | None) -> str:
    return get_form("cp_audit").enum_label("stage", value) if value else "未开始"


def _audit(row: RollupRow) -> str:
    if not row.audit_kind:
        return ""
    stage = _stage(row.audit_stage)
    return f"{KIND.get(row.audit_kind, row.audit_kind)}·{row.audit_year}\n{stage}·{RESULT.get(row.audit_result or '', '')}"


@cache
def _char_width(ch: str) -> float:
    return stringWidth(ch, cjk_font(), FONT_SIZE)


@cache
def _widest() -> float:
    """The widest character of the font at the table's size (points)."""
    return max(getFont(cjk_font()).face.charWidths.values()) * FONT_SIZE / 1000  # type: ignore[attr-defined]


def _text_width(text: str) -> float:
    """The printed width of ``text`` (points): the sum of its characters' widths, each measured
    once (the font has no kerning; measuring every cell's text anew was a third of the PDF)."""
    return sum(map(_char_width, text))


def _wrap(text: str, width: float) -> str:
    """Break ``text`` into lines no wider than ``width`` points (CJK: any character may break)."""
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        current, used = "", 0.0
        for ch in paragraph:
            step = _char_width(ch)
            if current and used + step > width:
                lines.append(current)
                current, used = ch, step
            else:
                current += ch
                used += step
        lines.append(current)
    return "\n".join(lines)


def _widths(rollup: Rollup | None = None) -> list[float]:
    """The columns' widths; 单位代码 widened (from the flexible column) to the longest code."""
    codes = [str(row.org_id) for row in rollup.rows] if rollup is not None else []
    code = unbroken_width(codes, cjk_font(), FONT_SIZE, TABLE[0][1] * mm, CELL_PADDING)
    fixed = sum(w for _, w, _ in TABLE[1:]) * mm + code
    return [code, *(w * mm if w else WIDTH - fixed for _, w, _ in TABLE[1:])]


def table_rows(rollup: Rollup) -> list[list[str]]:
    """The cells of the roll-up table, header first, as wrapped plain text (codes whole)."""
    widths = _widths(rollup)
    header = [_wrap(h, w - 5) for (h, _, _), w in zip(TABLE, widths, strict=True)]
    body = []
    for row in rollup.rows:
        cells = []
        for (_, _, text), width in zip(TABLE, widths, strict=True):
            shown = text(row)
            value = "" if shown is None else str(shown)
            # most cells are short: too few characters to overflow even at the widest glyph
            if len(value) * _widest() > width - CELL_PADDING and _text_width(value) > width - CELL_PADDING:
                value = _wrap(value, width - CELL_PADDING)
            cells.append(value)
        body.append(cells)
    return [header, *body]


def _cell_style(name: str, alignment: str = "LEFT") -> CellStyle:
    style = CellStyle(name)
    style.fontname, style.fontsize, style.leading = cjk_font(), FONT_SIZE, FONT_SIZE + 1.5
    style.valign, style.alignment = "MIDDLE", alignment  # type: ignore[assignment]
    style.topPadding = style.bottomPadding = 2
    style.leftPadding = style.rightPadding = CELL_PADDING / 2
    return style


def detail_table(rows: list[list[str]], widths: list[float]) -> Table:
    """The 分单位明细 table (header first) in the look of ``grid_table``, numbers right-aligned.

    Every body row shares one style per column: reportlab would make a style object per cell
    and set it once per style command (30,000 cells × 9 commands for 2,000 units). The rows'
    heights are given, counted from the lines of plain text as reportlab would, so that the
    table is not measured again at each of its page breaks (75 for 2,000 units)."""
    head = [_cell_style("head")] * len(widths)
    body = [_cell_style(f"column {j}", "RIGHT" if j in NUMBER_COLUMNS else "LEFT") for j in range(len(widths))]
    line, padding = head[0].leading, head[0].topPadding + head[0].bottomPadding
    heights = [max(cell.count("\n") for cell in row) * line + line + padding for row in rows]
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1, hAlign="LEFT",
                  cellStyles=[head, *([body] * (len(rows) - 1))])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID),
                               ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG)]))
    return table


def _overview(rollup: Rollup, styles: Styles, zone: dt.tzinfo | None) -> list[Flowable]:
    totals = rollup.totals()
    rows = []
    for key, label, unit in TOTAL_LABELS:
        value = totals.get(key)
        decimals = None if unit in ("个", "项") else (4 if "万元" in unit else 2)
        rows.append([Paragraph(esc(label), styles.cell),
                     Paragraph(fmt_number(value, decimals) if value is not None else "—",
                               styles.cell_right),
                     Paragraph(esc(unit), styles.small)])
    half = (len(rows) + 1) // 2
    left = grid_table(rows[:half], [50 * mm, 40 * mm, 25 * mm], key_value=True, header_rows=0)
    right = grid_table(rows[half:], [50 * mm, 40 * mm, 25 * mm], key_value=True, header_rows=0)
    pair = Table([[left, right]], colWidths=[WIDTH / 2, WIDTH / 2])
    pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("FONTNAME", (0, 0), (-1, -1), cjk_font())]))
    return [Paragraph(esc(rollup_title(rollup)), styles.title),
            Paragraph(esc(rollup_subtitle(rollup, zone)), styles.small), spacer(3),
            Paragraph("合计与统计", styles.h1), pair]


def _top_chart(rollup: Rollup) -> Flowable | None:
    ranked = sorted((r for r in rollup.reporting if r.total_tce), key=lambda r: (-(r.total_tce or 0), r.org_id))
    top = ranked[:TOP_N]
    if not top:
        return None
    return ranked_bars(f"综合能源消费量前 {len(top)} 名（吨标准煤）", [r.name for r in top],
                       [r.total_tce or 0 for r in top], WIDTH * 0.8, label_width=150)


def _missing(rollup: Rollup, styles: Styles) -> list[Flowable]:
    missing = rollup.missing
    out: list[Flowable] = [Paragraph(f"缺报单位（{len(missing)} 个：{rollup.year} 年既无年报也无月报）", styles.h1)]
    if not missing:
        out.append(Paragraph("无。", styles.body))
        return out
    names = "；".join(f"{r.name}（{r.org_id}）" for r in missing)
    out.append(Paragraph(esc(names), styles.body))
    return out


def rollup_pdf_bytes(rollup: Rollup, zone: dt.tzinfo | None = None) -> bytes:
    """The roll-up PDF as bytes, its times printed in ``zone`` (``None``: the local zone)."""
    styles = Styles()
    story: list[Flowable] = _overview(rollup, styles, zone)
    chart = _top_chart(rollup)
    if chart is not None:
        story += [KeepTogether([Paragraph("重点用能排名", styles.h1), chart])]
    story += _missing(rollup, styles)
    story += targets_section(rollup, styles, WIDTH)
    story += synergy_section(rollup.synergy, styles, WIDTH)
    story += datacentre_section(rollup, styles, WIDTH)
    story.append(PageBreak())
    table = detail_table(table_rows(rollup), _widths(rollup))
    story += signed_table_ending(styles, [Paragraph("分单位明细", styles.h1)], table,
                                 county_signoff({"contact_phone": rollup.contact_phone}))
    return build_pdf(story, title=rollup_title(rollup), subject=f"rollup {rollup.admin_code} {rollup.year}",
                     stamp=rollup.as_of, footer=rollup_title(rollup), pagesize=PAGE)


def write_rollup_pdf(rollup: Rollup, path: Path | str) -> Path:
    """Write the roll-up PDF atomically to ``path``."""
    atomic_write_bytes(path, rollup_pdf_bytes(rollup))
    return Path(path)
