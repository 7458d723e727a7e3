"""The province roll-up as a PDF (A4 landscape): the county table with the province's totals,
missing reports per county, the province's targets, intensity outliers among the province's
peers, and each county's enterprises. Dated by its data (``ProvinceRollup.as_of``)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, TableStyle

from ..fileio import atomic_write_bytes
from .display import fmt_number
from .pdf_common import (
    MARGIN,
    Styles,
    build_pdf,
    county_signoff,
    esc,
    grid_table,
    signed_ending,
    signed_table_ending,
    spacer,
)
from .province_rollup_columns import COUNTY_COLUMNS, county_values
from .province_rollup_data import NO_VALUE, ProvinceRollup
from .province_rollup_xlsx import province_subtitle, province_title
from .rollup_columns import source_text
from .rollup_pdf import PAGE
from .rollup_targets import targets_section
from .table_ends import TableWithEnds

WIDTH = PAGE[0] - 2 * MARGIN
FONT_SIZE = 7


def _shown(value: object, kind: str, decimals: int) -> str:
    if value is None:
        return ""
    if value == NO_VALUE or kind == "text":
        return str(value)
    return fmt_number(value, 0 if kind == "int" else decimals)


def county_table_rows(rollup: ProvinceRollup, styles: Styles) -> list[list[Paragraph]]:
    """The county table's cells, header first and the province's totals last."""
    header = [Paragraph(esc(c.label + (f"（{c.unit}）" if c.unit else "")), styles.small) for c in COUNTY_COLUMNS]
    def cell(column, value: object) -> Paragraph:
        return Paragraph(esc(_shown(value, column.kind, column.decimals)),
                         styles.small if column.kind == "text" else styles.cell_right)

    body = [[cell(c, v) for c, v in zip(COUNTY_COLUMNS, county_values(row), strict=True)] for row in rollup.counties]
    t = rollup.totals()
    total = [rollup.code, "全省合计", t["enterprises"], t["reported"], t["missing"], t["total_tce"], t["total_co2_t"],
             t["value_added_10k_yuan"], t["energy_intensity"], t["carbon_intensity"], t["key_energy_units"],
             t["must_report_ghg_units"], "", NO_VALUE if t["synergy_equivalents"] is None else t["synergy_equivalents"],
             t["drafts_used"]]
    last = [cell(c, v) for c, v in zip(COUNTY_COLUMNS, total, strict=True)]
    return [header, *body, last]


def _widths() -> list[float]:
    widths = [13, 16, 11, 10, 10, 20, 20, 20, 16, 16, 12, 12, 28, 22, 12]
    scale = (WIDTH / mm) / sum(widths)
    return [w * scale * mm for w in widths]


def _missing(rollup: ProvinceRollup, styles: Styles) -> list[Flowable]:
    total = sum(c.missing for c in rollup.counties)
    out: list[Flowable] = [Paragraph(f"缺报单位（{total} 个：{rollup.year} 年既无年报也无月报）", styles.h1)]
    for county in rollup.counties:
        names = "；".join(f"{r.name}（{r.org_id}）" for r in county.rollup.missing) or "无。"
        out.append(Paragraph(esc(f"{county.name}（{county.code}）：{names}"), styles.body))
    return out


def _outliers(rollup: ProvinceRollup, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("能耗强度与全省同行业比较", styles.h1),
                           Paragraph(esc(f"可比较的企业 {len(rollup.positions)} 家，偏离同行业中位数超过阈值的 "
                                         f"{len(rollup.outliers)} 家"), styles.body)]
    if rollup.outliers:
        rows = [["单位名称", "单位代码", "行业类别", "能耗强度（吨标准煤/万元）", "同行业中位数", "偏离（σ）", "同行业家数"]]
        rows += [[rollup.names.get(p.org_id, p.org_id), p.org_id, p.industry_class, fmt_number(p.intensity, 4),
                  fmt_number(p.median, 4), fmt_number(p.distance_sd, 2), str(p.peers)] for p in rollup.outliers]
        cells = [[Paragraph(esc(c), styles.small) for c in row] for row in rows]
        out.append(grid_table(cells, [w * mm for w in (70, 45, 20, 35, 30, 20, 20)]))
    return out


def _county_detail(rollup: ProvinceRollup, styles: Styles) -> list[Flowable]:
    """Each county's enterprises, then the sign-off: the section heading and each county's
    caption travel with the first rows of its table, the sign-off with the last county's last rows."""
    out: list[Flowable] = [PageBreak()]
    heading: list[Flowable] = [Paragraph("各县企业明细", styles.h1)]
    widths = [w * mm for w in (45, 75, 30, 35, 35, 30, 30)]
    signoff = county_signoff(None)
    for index, county in enumerate(rollup.counties):
        rows = [["单位代码", "单位名称", "能源数据来源", "综合能源消费量（吨标准煤）", "二氧化碳排放（吨CO2）",
                 "能耗强度", "碳排放强度"]]
        rows += [[r.org_id, r.name, source_text(r), fmt_number(r.total_tce, 2), fmt_number(r.total_co2_t, 2),
                  fmt_number(r.energy_intensity, 4), fmt_number(r.carbon_intensity, 4)] for r in county.rollup.reporting]
        cells = [[Paragraph(esc(c), styles.small) for c in row] for row in rows]
        before = [*heading, Paragraph(esc(f"{county.name}（{county.code}）"), styles.caption)]
        heading = []
        table = grid_table(cells, widths)
        if index == len(rollup.counties) - 1:
            return out + signed_table_ending(styles, before, table, signoff)
        out += [TableWithEnds(before, table, []), spacer(3)]
    return out + heading + signed_ending(styles, [], signoff)


def province_rollup_pdf_bytes(rollup: ProvinceRollup) -> bytes:
    """The province roll-up PDF as bytes."""
    styles = Styles()
    table = grid_table(county_table_rows(rollup, styles), _widths(), header_rows=1)
    table.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), FONT_SIZE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story: list[Flowable] = [Paragraph(esc(province_title(rollup)), styles.title),
                             Paragraph(esc(province_subtitle(rollup)), styles.small), spacer(3),
                             Paragraph("各县汇总", styles.h1), table]
    story += _missing(rollup, styles)
    if rollup.targets:
        story += targets_section(rollup, styles, WIDTH)
    else:
        story += [Paragraph("目标进展", styles.h1),
                  Paragraph(esc(f"本省未设定目标（{rollup.year} 年）：可在“汇总”菜单的“目标…”或命令行 target set 设定。"), styles.body)]
    story += _outliers(rollup, styles)
    story += _county_detail(rollup, styles)
    return build_pdf(story, title=province_title(rollup), subject=f"province rollup {rollup.code} {rollup.year}",
                     stamp=rollup.as_of, footer=province_title(rollup), pagesize=PAGE)


def write_province_rollup_pdf(rollup: ProvinceRollup, path: Path | str) -> Path:
    """Write the province roll-up PDF atomically to ``path``."""
    atomic_write_bytes(path, province_rollup_pdf_bytes(rollup))
    return Path(path)


__all__ = ["county_table_rows", "province_rollup_pdf_bytes", "write_province_rollup_pdf"]
