"""The province roll-up as a workbook: the county table with the province's totals, every
county's enterprises (one detail sheet, the county roll-up's columns after the county), the
missing reports, the province's targets and the intensity outliers among the province's peers."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from .display import number_format
from .province_rollup_columns import COUNTY_COLUMNS, county_values
from .province_rollup_data import NO_VALUE, ProvinceRollup
from .rollup_columns import COLUMNS, row_values, source_text
from .rollup_targets import write_targets_sheet
from .xlsx_writer import data_stamp, save_workbook, styled_cell, styled_sheet

HEAD_FILL = PatternFill("solid", fgColor="DCE6F0")
TITLE_FONT = Font(bold=True, size=14)
HEAD_FONT = Font(bold=True)
SHEETS = ("全省汇总", "各县企业明细", "缺报单位", "目标进展", "能耗强度异常")


def province_title(rollup: ProvinceRollup) -> str:
    """The title of the province roll-up."""
    return f"{rollup.name}（{rollup.code}）{rollup.year} 年度低碳工作全省汇总表"


def province_subtitle(rollup: ProvinceRollup) -> str:
    """What the province roll-up rests on."""
    return (f"共 {len(rollup.counties)} 个县；每个县的数字按该县报来的数据包中的记录、以县级汇总的同一规则计算；"
            f"参考数据版本：{rollup.reference_version}；减污降碳协同在记录含污染物当量之前显示为“{NO_VALUE}”")


def _fmt(kind: str, decimals: int) -> str | None:
    return number_format(decimals) if kind == "number" else "0" if kind == "int" else None


def _counties_sheet(wb: Workbook, rollup: ProvinceRollup) -> None:
    ws = styled_sheet(wb, SHEETS[0])
    for index, column in enumerate(COUNTY_COLUMNS):
        ws.column_dimensions[chr(ord("A") + index)].width = max(12, min(len(column.label) * 2 + 2, 28))
    ws.append([styled_cell(ws, province_title(rollup), TITLE_FONT)])
    ws.append([province_subtitle(rollup)])
    ws.append([])
    ws.append([styled_cell(ws, c.label, HEAD_FONT, HEAD_FILL) for c in COUNTY_COLUMNS])
    ws.append([styled_cell(ws, c.unit, None, HEAD_FILL) for c in COUNTY_COLUMNS])
    for row in rollup.counties:
        ws.append([styled_cell(ws, v, fmt=_fmt(c.kind, c.decimals) if v != NO_VALUE else None)
                   for c, v in zip(COUNTY_COLUMNS, county_values(row), strict=True)])
    totals = rollup.totals()
    shown = {"县代码": rollup.code, "县名称": "全省合计", "企业数": totals["enterprises"], "已报": totals["reported"],
             "缺报": totals["missing"], "综合能源消费量": totals["total_tce"], "二氧化碳排放": totals["total_co2_t"],
             "工业增加值": totals["value_added_10k_yuan"], "单位增加值能耗": totals["energy_intensity"],
             "单位增加值碳排放": totals["carbon_intensity"], "重点用能单位": totals["key_energy_units"],
             "须报告温室气体排放单位": totals["must_report_ghg_units"], "目标状态（碳排放强度）": None,
             "减污降碳协同（污染物当量）": NO_VALUE if totals["synergy_equivalents"] is None else totals["synergy_equivalents"],
             "采用草稿的单位": totals["drafts_used"]}
    ws.append([styled_cell(ws, shown[c.label], HEAD_FONT, fmt=_fmt(c.kind, c.decimals) if shown[c.label] != NO_VALUE else None)
               for c in COUNTY_COLUMNS])


def _detail_sheet(wb: Workbook, rollup: ProvinceRollup) -> None:
    ws = styled_sheet(wb, SHEETS[1])
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 22
    ws.column_dimensions["D"].width = 36
    ws.append([styled_cell(ws, "县代码", HEAD_FONT, HEAD_FILL), styled_cell(ws, "县名称", HEAD_FONT, HEAD_FILL),
               *(styled_cell(ws, c.label + (f"（{c.unit}）" if c.unit else ""), HEAD_FONT, HEAD_FILL) for c in COLUMNS)])
    formats = [_fmt(c.kind, c.decimals) for c in COLUMNS]
    for county in rollup.counties:
        for org in county.rollup.rows:
            ws.append([county.code, county.name,
                       *(styled_cell(ws, v, fmt=f) if v is not None and f else v
                         for v, f in zip(row_values(org), formats, strict=True))])


def _missing_sheet(wb: Workbook, rollup: ProvinceRollup) -> None:
    ws = styled_sheet(wb, SHEETS[2])
    for letter, width in zip("ABCDE", (10, 12, 22, 40, 10), strict=True):
        ws.column_dimensions[letter].width = width
    ws.append([styled_cell(ws, h, HEAD_FONT, HEAD_FILL) for h in ("县代码", "县名称", "单位代码", "单位名称", "状态")])
    for county in rollup.counties:
        for org in county.rollup.missing:
            ws.append([county.code, county.name, org.org_id, org.name, source_text(org)])


def _outlier_sheet(wb: Workbook, rollup: ProvinceRollup) -> None:
    ws = styled_sheet(wb, SHEETS[4])
    for letter, width in zip("ABCDEFGH", (22, 36, 10, 10, 16, 16, 12, 10), strict=True):
        ws.column_dimensions[letter].width = width
    ws.append([f"{rollup.year} 年能耗强度与全省同行业（行业中类）比较：偏离中位数超过阈值的企业"])
    ws.append([styled_cell(ws, h, HEAD_FONT, HEAD_FILL) for h in (
        "单位代码", "单位名称", "县代码", "行业类别", "能耗强度（吨标准煤/万元）", "同行业中位数", "偏离（σ）", "同行业家数")])
    codes = {org.org_id: county.code for county in rollup.counties for org in county.rollup.rows}
    for p in rollup.outliers:
        ws.append([p.org_id, rollup.names.get(p.org_id, p.org_id), codes.get(p.org_id, ""), p.industry_class,
                   styled_cell(ws, p.intensity, fmt=number_format(4)), styled_cell(ws, p.median, fmt=number_format(4)),
                   styled_cell(ws, p.distance_sd, fmt=number_format(2)), p.peers])
    if not rollup.outliers:
        ws.append([f"无（可比较的企业 {len(rollup.positions)} 家）"])


def write_province_rollup_xlsx(rollup: ProvinceRollup, path: Path | str) -> Path:
    """Write the province roll-up workbook atomically to ``path`` (dated by its data)."""
    wb = Workbook(write_only=True)
    _counties_sheet(wb, rollup)
    _detail_sheet(wb, rollup)
    _missing_sheet(wb, rollup)
    if rollup.targets:
        write_targets_sheet(wb, rollup, province_title(rollup))
    else:
        ws = styled_sheet(wb, SHEETS[3])
        ws.append([f"本省未设定目标（{rollup.year} 年）：可在“汇总”菜单的“目标…”或命令行 target set 设定。"])
    _outlier_sheet(wb, rollup)
    return save_workbook(wb, path, data_stamp([rollup.as_of]))


__all__ = ["SHEETS", "province_subtitle", "province_title", "write_province_rollup_xlsx"]
