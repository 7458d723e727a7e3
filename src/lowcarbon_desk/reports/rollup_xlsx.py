"""The county roll-up as a workbook (openpyxl write-only): table, totals, missing reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .datacentre_xlsx import write_datacentre_sheet
from .dates import local_time_text
from .display import number_format
from .print_setup import fit_columns
from .rollup_columns import COLUMNS, TOTAL_LABELS, row_values, source_text
from .rollup_data import Rollup
from .rollup_targets import write_targets_sheet
from .synergy_xlsx import write_synergy_sheet
from .workbook_layout import text_width
from .xlsx_writer import data_stamp, save_workbook, styled_cell, styled_sheet

HEAD_FILL = PatternFill("solid", fgColor="DCE6F0")
TITLE_FONT = Font(bold=True, size=14)
HEAD_FONT = Font(bold=True)
TABLE_FIRST_ROW = 6  # title, subtitle, blank, labels, units, then data


def rollup_title(rollup: Rollup) -> str:
    return f"{rollup.county_name}（{rollup.admin_code}）{rollup.year} 年度低碳工作汇总表"


def rollup_subtitle(rollup: Rollup, zone: dt.tzinfo | None = None) -> str:
    """What the roll-up rests on; the time in ``zone`` (``None``: the local zone), never ISO."""
    return (f"数据截至（所用记录最后修改时间）：{local_time_text(rollup.as_of, zone) or '—'}；参考数据版本：{rollup.reference_version}；"
            "能源数据有年报用年报，否则用当年月报合计；每条记录取最新的非草稿版本，无则取草稿并标明")


def _content_width(column: tuple[object, ...]) -> int:
    """The widest cell of a column: each distinct text measured once, and numbers by their
    extremes (the width of ``f"{v:,.2f}"`` never shrinks as ``|v|`` grows)."""
    numbers = [v for v in column if isinstance(v, float)]
    texts = {v for v in column if v is not None and not isinstance(v, float)}
    width = max((text_width(v) for v in texts), default=0)
    if numbers:
        width = max(width, *(text_width(f"{v:,.2f}") for v in (min(numbers), max(numbers))))
    return width


def write_rollup_xlsx(rollup: Rollup, path: Path | str) -> Path:
    """Write the roll-up workbook atomically to ``path`` (same roll-up, same bytes: dated
    ``rollup.as_of``, the newest change among the records used)."""
    wb = Workbook(write_only=True)
    ws = styled_sheet(wb, "县域汇总")
    values = [row_values(r) for r in rollup.rows]
    ws.declare_size(TABLE_FIRST_ROW - 1 + len(values), len(COLUMNS))
    sample = list(zip(*values[:500], strict=True)) or [()] * len(COLUMNS)  # a sample will do
    widths = [max(text_width(c.label), text_width(c.unit), 6, _content_width(v))
              for c, v in zip(COLUMNS, sample, strict=True)]
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = min(w + 2, 60)
    ws.freeze_panes = f"C{TABLE_FIRST_ROW}"
    # 23 columns do not fit one A4 width readably: blocks of columns, code and name on each
    fit_columns(ws, [min(w + 2, 60) for w in widths], title_rows=f"{TABLE_FIRST_ROW - 2}:{TABLE_FIRST_ROW - 1}",
                key_columns=2)

    ws.append([styled_cell(ws, rollup_title(rollup), TITLE_FONT)])
    ws.append([rollup_subtitle(rollup)])
    ws.append([])
    ws.append([styled_cell(ws, c.label, HEAD_FONT, HEAD_FILL) for c in COLUMNS])
    ws.append([styled_cell(ws, c.unit, None, HEAD_FILL) for c in COLUMNS])
    # one shared styled cell per number column carries that column's values (number format)
    ws.styled_columns(ws.shared_cell(number_format=number_format(c.decimals)) if c.kind == "number"
                      else ws.shared_cell(number_format="0") if c.kind == "int" else None
                      for c in COLUMNS)
    for row in values:
        ws.append(row)

    totals = rollup.totals()
    ts = styled_sheet(wb, "合计与统计")
    ts.column_dimensions["A"].width = 32
    ts.column_dimensions["B"].width = 20
    ts.column_dimensions["C"].width = 16
    fit_columns(ts, [32, 20, 16], orientation="portrait", title_rows="2:2")
    ts.append([styled_cell(ts, rollup_title(rollup), TITLE_FONT)])
    ts.append([styled_cell(ts, "项目", HEAD_FONT, HEAD_FILL), styled_cell(ts, "数值", HEAD_FONT, HEAD_FILL),
               styled_cell(ts, "单位", HEAD_FONT, HEAD_FILL)])
    for key, label, unit in TOTAL_LABELS:
        value = totals.get(key)
        fmt = "#,##0" if unit in ("个", "项") else ("#,##0.0000" if "万元" in unit else "#,##0.00")
        ts.append([label, styled_cell(ts, value, fmt=fmt) if value is not None else None, unit])

    ms = styled_sheet(wb, "缺报单位")
    ms.column_dimensions["A"].width = 22
    ms.column_dimensions["B"].width = 40
    ms.column_dimensions["C"].width = 12
    fit_columns(ms, [22, 40, 12], orientation="portrait", title_rows="1:1")
    ms.append([styled_cell(ms, c, HEAD_FONT, HEAD_FILL) for c in ("单位代码", "单位名称", "状态")])
    for missing in rollup.missing:
        ms.append([missing.org_id, missing.name, source_text(missing)])
    write_targets_sheet(wb, rollup, rollup_title(rollup))
    if rollup.synergy is not None:
        write_synergy_sheet(wb, rollup.synergy, rollup_title(rollup))
    write_datacentre_sheet(wb, rollup, rollup_title(rollup))
    return save_workbook(wb, path, data_stamp([rollup.as_of]))
