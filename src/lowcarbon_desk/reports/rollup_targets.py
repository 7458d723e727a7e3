"""目标进展 of the county roll-up: the workbook sheet and the PDF section, from one table.

Per target (division and target year) one row per indicator: base year, this year, change,
target, the linear path's expectation, progress, status and how it was computed; the PDF adds
a chart per intensity of the actual years against the linear target path.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from ..domain.targets import Indicator, Target, indicator_name, path_points, value_text
from ..storage.targets import DivisionProgress
from .pdf_common import Styles, esc, grid_table, spacer
from .target_chart import path_chart

SHEET = "目标进展"
HEADER = ("指标", "单位", "基准年", "本年", "变化", "目标", "线性路径应达", "进度", "状态", "计算说明")
UNIT_ZH = {"tCO2/10⁴ yuan": "吨CO2/万元", "tce/10⁴ yuan": "吨标准煤/万元", "tce": "吨标准煤", "%": "%"}
DECIMALS = {"co2_intensity": 4, "energy_intensity": 4, "total_energy": 2, "non_fossil_share": 2}


def target_heading(target: Target) -> str:
    """The line above a target's table: years and who set it."""
    return (f"{target.year} 年目标（基准年 {target.base_year}；设定：{target.set_by or '—'}，"
            f"{target.set_at[:10] or '—'}）")


def _pct(value: float | None) -> str:
    return value_text(value, 2) + ("" if value is None else "%")


def _target_text(ind: Indicator) -> str:
    if ind.key == "total_energy":
        return "上限 " + value_text(ind.target, 2) if ind.target is not None else "—"
    if ind.key == "non_fossil_share":
        if ind.target is None and ind.guidance is not None:
            return f"—（参考 {_pct(ind.guidance)}）"
        return _pct(ind.target)
    return "下降 " + _pct(ind.target) if ind.target is not None else "—"


def _change_text(ind: Indicator) -> str:
    if ind.change_pct is None:
        return "—"
    if ind.key == "non_fossil_share":
        return f"{ind.change_pct:+.2f} 个百分点"
    if ind.key == "total_energy":
        return f"{'+' if ind.change_pct >= 0 else ''}{value_text(ind.change_pct, 2)}%"
    return "下降 " + _pct(ind.change_pct)


def _expected_text(ind: Indicator) -> str:
    if ind.expected is None:
        return "—"
    return ("下降 " if ind.key in ("co2_intensity", "energy_intensity") else "") + _pct(ind.expected)


def indicator_row(ind: Indicator) -> list[str]:
    """The printed cells of one indicator, in ``HEADER``'s order."""
    places = DECIMALS[ind.key]
    return [indicator_name(ind.key), UNIT_ZH.get(ind.unit, ind.unit), value_text(ind.base, places),
            value_text(ind.now, places), _change_text(ind), _target_text(ind), _expected_text(ind),
            _pct(ind.progress_pct), ind.status_text(), ind.explanation()]


def target_tables(targets: list[DivisionProgress]) -> list[tuple[str, list[list[str]]]]:
    """Per target its heading and its rows (header first)."""
    return [(target_heading(dp.target), [list(HEADER), *(indicator_row(i) for i in dp.progress.indicators)])
            for dp in targets]


def no_targets_text(year: int) -> str:
    return f"本县未设定目标（{year} 年）：可在“汇总 ▸ 目标…”或命令行 target set 设定。"


def write_targets_sheet(wb, rollup, title: str) -> None:
    """Add the sheet 目标进展 to a write-only workbook."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Font, PatternFill

    from .display import number_format
    from .print_setup import fit_columns
    from .xlsx_writer import styled_sheet

    ws = styled_sheet(wb, SHEET)
    widths = (16, 14, 12, 12, 16, 16, 16, 10, 14, 90)
    for letter, width in zip("ABCDEFGHIJ", widths, strict=True):
        ws.column_dimensions[letter].width = width
    fit_columns(ws, widths, key_columns=1)  # the indicator's name on every printed block

    def bold(text: str, fill: bool = False) -> Cell:
        c = WriteOnlyCell(ws, value=text)
        c.font = Font(bold=True, size=14 if not fill else 11)
        if fill:
            c.fill = PatternFill("solid", fgColor="DCE6F0")
            c.font = Font(bold=True)
        return c

    ws.append([bold(title)])
    ws.append([f"{rollup.year} 年相对基准年的进展；强度 = Σ 排放或能耗 ÷ Σ 工业增加值，取计入汇总的能源报表"])
    if not rollup.targets:
        ws.append([no_targets_text(rollup.year)])
        return
    for (heading, rows), dp in zip(target_tables(rollup.targets), rollup.targets, strict=True):
        ws.append([])
        ws.append([bold(heading, fill=False)])
        ws.append([bold(h, fill=True) for h in rows[0]])
        for row, ind in zip(rows[1:], dp.progress.indicators, strict=True):
            cells = []
            for index, value in enumerate(row):
                # base year and this year stay numbers, shown with the printed decimals
                number = (ind.base, ind.now)[index - 2] if index in (2, 3) else None
                c = WriteOnlyCell(ws, value=number if number is not None else value)
                if number is not None:
                    c.number_format = number_format(DECIMALS[ind.key])
                if index == len(row) - 1:
                    c.alignment = Alignment(wrap_text=True, vertical="top")
                cells.append(c)
            ws.append(cells)
    ws.append([])
    ws.append([bold("历年实际与目标路径", fill=False)])
    for dp in rollup.targets:
        ws.append([bold(f"{dp.target.year} 年目标", fill=True), bold("碳排放强度", fill=True),
                   bold("碳排放强度目标路径", fill=True), bold("能耗强度", fill=True),
                   bold("能耗强度目标路径", fill=True), bold("能源消费总量", fill=True),
                   bold("非化石能源占比（%）", fill=True)])
        for year, co2, co2_path, energy, energy_path, tce, share in path_rows(dp):
            ws.append([year, co2, co2_path, energy, energy_path, tce, share])


def path_rows(dp: DivisionProgress) -> list[tuple]:
    """Per year from the base year: actual and linear-path intensities (numbers, None blank)."""
    target = dp.target
    co2 = dict(dp.series("co2_intensity"))
    energy = dict(dp.series("energy_intensity"))
    tce = dict(dp.series("total_tce"))
    share = dict(dp.series("non_fossil_share_pct"))
    years = sorted(co2)
    base_co2 = dp.progress.indicator("co2_intensity").base
    base_energy = dp.progress.indicator("energy_intensity").base
    co2_path = dict(path_points(target, target.co2_intensity_cut_pct, base_co2, years))
    energy_path = dict(path_points(target, target.energy_intensity_cut_pct, base_energy, years))
    return [(y, co2.get(y), co2_path.get(y), energy.get(y), energy_path.get(y), tce.get(y), share.get(y))
            for y in years]


def targets_section(rollup, styles: Styles, width: float) -> list[Flowable]:
    """The PDF section 目标进展: per target its table and the two path charts."""
    out: list[Flowable] = [Paragraph("目标进展", styles.h1)]
    if not rollup.targets:
        return [*out, Paragraph(esc(no_targets_text(rollup.year)), styles.body)]
    widths = [w * mm for w in (20, 20, 18, 18, 22, 24, 22, 14, 18)]
    widths.append(width - sum(widths))
    for (heading, rows), dp in zip(target_tables(rollup.targets), rollup.targets, strict=True):
        cells = [[Paragraph(esc(c), styles.small) for c in row] for row in rows]
        block: list[Flowable] = [Paragraph(esc(heading), styles.caption), grid_table(cells, widths)]
        charts = []
        for key, cut in (("co2_intensity", dp.target.co2_intensity_cut_pct),
                         ("energy_intensity", dp.target.energy_intensity_cut_pct)):
            ind = dp.progress.indicator(key)
            charts.append(path_chart(f"{indicator_name(key)}：实际与目标路径（{UNIT_ZH[ind.unit]}）",
                                     dp.series(key), dp.target, cut, ind.base, width / 2 - 4))
        from reportlab.platypus import Table

        block += [spacer(2), Table([charts], colWidths=[width / 2, width / 2], hAlign="LEFT")]
        out += [KeepTogether(block[:2]), *block[2:], spacer(3)]
    return out
