"""The blank template an enterprise fills by hand in Excel or WPS, and imports with ``import xlsx``.

Beside the data sheets of the standard workbook (same names, same three-row header, same
``_meta``, so the import reads it as any other workbook) it has what a person filling it needs:

- a 填报说明 sheet first: the forms and their numbers, the duty to report truthfully, numbered
  rules, a colour key, units, the checks of form 205-1, every sheet with what to fill, the
  code lists (energy names with their units and reference coefficients) and contact lines;
- one example row per sheet (grey, its 记录编号 or 单位代码 reading ``示例（导入时忽略）``),
  which the import skips;
- only input columns: computed values and bookkeeping (revision, state) are left out; the
  input cells are shaded and unlocked, everything else locked (sheet protection without a
  password, so a user who must can lift it);
- data validation on every enumeration (drop-down), yes/no, number (range), year and date;
- print setup: A4 landscape, one page wide, the label and unit rows repeated on every page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.creditcode import make_credit_code
from ..domain.forms import RECORD_FORMS, FieldDef, FormDef, get_form
from ..domain.reference import ReferenceData
from ..domain.rounding import format_number
from .display import column_unit
from .print_setup import fit_columns, wrapped_height
from .workbook_layout import (
    EXAMPLE_MARK,
    FIRST_DATA_ROW,
    GUIDE_SHEET,
    ID_ROW,
    KEY,
    LISTS_SHEET,
    META_SHEET,
    TEMPLATE_ROWS,
    Column,
    Sheet,
    meta_rows,
    text_width,
    workbook_sheets,
)
from .xlsx_writer import NO_DATA_STAMP, save_workbook

EXAMPLE_ROW = FIRST_DATA_ROW
INPUT_FILL = PatternFill("solid", fgColor="FFF7D6")  # 填写区：浅黄
HEAD_FILL = PatternFill("solid", fgColor="DCE6F0")
UNIT_FILL = PatternFill("solid", fgColor="EEF3F8")
LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
EXAMPLE_FONT = Font(italic=True, color="7B8794")
HEAD_FONT = Font(bold=True)
UNIT_FONT = Font(color="52606D", size=9)
ID_FONT = Font(color="9AA5B1", size=8)
UNLOCKED = Protection(locked=False)
NUMBER_LIMIT = 1e15  # the range a number cell accepts where the form sets none

# example values people recognise on form 205-1 (they satisfy its checks: 4 = 5 + 7, 9 = 1 + 2 − 4)
ENERGY_EXAMPLE = {"opening_stock": 100, "purchase_qty": 1200, "purchase_value_k_yuan": 960,
                  "consumption_total": 1200, "industrial_use": 1100, "feedstock_use": 0,
                  "non_industrial_use": 100, "transport_use": 20, "closing_stock": 100}


def template_sheets(forms: list[FormDef]) -> list[Sheet]:
    """The standard workbook's sheets for ``forms`` with input columns only (sheets with
    nothing to type, such as attachments, left out)."""
    out = []
    for sheet in workbook_sheets(forms):
        columns = tuple(c for c in sheet.columns if not c.readonly)
        if all(c.id == KEY for c in columns):
            continue
        out.append(Sheet(sheet.name, sheet.kind, sheet.form, sheet.form_version, sheet.group, columns))
    return out


ORG_EXAMPLE = {"name": "示例能源科技有限公司", "admin_code": "430124", "industry_code": "C3011",
               "contact_name": "张三", "contact_phone": "0731-88888888", "address": "示例路 1 号"}


# examples of text fields with a pattern (energy report v2's permit number: credit code + 001 + P)
PATTERN_EXAMPLES = {"permit_no": make_credit_code("430124", "MA4L00001") + "001P"}

# the example line's coefficient and factor are the reference's own (a made-up 100 taught
# people to type factors 50 times too large)
REFERENCE_EXAMPLE = ("coefficient", "co2_factor")


def _reference_example(form: FormDef, sheet: Sheet, column_id: str, ref: ReferenceData) -> float | None:
    """The reference coefficient or CO2 factor of the energy the example row shows."""
    energy_column = next((c for c in sheet.columns if c.id == "energy" and c.enum), None)
    options = form.enum_options(energy_column.enum, ref) if energy_column and energy_column.enum else []
    energy = ref.energy.get(str(options[0].value)) if options else None
    if energy is None:
        return None
    if column_id == "coefficient":
        return energy.tce_per_unit
    combustion = ref.combustion.get(energy.code)
    return combustion.tco2_per_unit if combustion is not None else None


def _example(form: FormDef, sheet: Sheet, column: Column, ref: ReferenceData, year: int) -> object:
    if column.id == KEY or (sheet.kind == "org" and column.id == "org_id"):
        return EXAMPLE_MARK
    if column.id == "org_id":
        return make_credit_code("430124", "MA4L00001")
    if sheet.kind == "org" and column.id in ORG_EXAMPLE:
        return ORG_EXAMPLE[column.id]
    if column.id in ENERGY_EXAMPLE:
        return ENERGY_EXAMPLE[column.id]
    if column.id in REFERENCE_EXAMPLE:
        return _reference_example(form, sheet, column.id, ref)
    spec = column.spec if isinstance(column.spec, FieldDef) else None
    kind = column.type
    if column.enum and kind in ("enum", "set"):
        options = form.enum_options(column.enum, ref)
        return options[0].zh if options else None
    if kind == "bool":
        return "是"
    if kind == "year":
        return year
    if kind == "period":
        return str(year)
    if kind == "date":
        return dt.date(year, 6, 30)
    if kind == "int":
        return int(spec.min) if spec and spec.min is not None and spec.min > 0 else 10
    if kind == "number":
        low = spec.min if spec and spec.min is not None else 0
        high = spec.max if spec and spec.max is not None else None
        value = 100.0 if high is None or high >= 100 else round((low + high) / 2, 2)
        return max(value, low)
    if kind == "text" and spec is not None and spec.pattern:
        # a made-up text would break the pattern when a user types over the example row; a field
        # filled from the organisation (from_org) is best left empty
        return None if spec.from_org else PATTERN_EXAMPLES.get(column.id)
    return f"示例{column.label}"[:20]


def _validation(form: FormDef, column: Column, ref: ReferenceData, lists: dict[tuple, str],
                year_range: tuple[int, int]) -> DataValidation | None:
    kind = column.type
    spec = column.spec if isinstance(column.spec, FieldDef) else None
    where = column.label
    if column.enum and kind == "enum":
        options = tuple(o.zh for o in form.enum_options(column.enum, ref))
        return DataValidation(type="list", formula1=lists[options], allow_blank=True,
                              showErrorMessage=True, errorTitle="取值不在列表中",
                              error=f"{where}：请从下拉列表中选择")
    if kind == "bool":
        return DataValidation(type="list", formula1='"是,否"', allow_blank=True, showErrorMessage=True,
                              errorTitle="请填是或否", error=f"{where}：请填“是”或“否”")
    if kind in ("number", "int"):
        low = spec.min if spec and spec.min is not None else (
            spec.gt if spec and spec.gt is not None else (-NUMBER_LIMIT if spec and spec.signed else 0))
        high = spec.max if spec and spec.max is not None else NUMBER_LIMIT
        return DataValidation(type="decimal" if kind == "number" else "whole", operator="between",
                              formula1=format_number(low, None, grouping=False),
                              formula2=format_number(high, None, grouping=False),
                              allow_blank=True, showErrorMessage=True, errorTitle="数值超出范围",
                              error=f"{where}：请填 {format_number(low)} 至 {format_number(high)} 之间的数")
    if kind == "year":
        low, high = year_range
        return DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high),
                              allow_blank=True, showErrorMessage=True, errorTitle="年份不对",
                              error=f"{where}：请填 {low}～{high} 的四位年份")
    if kind == "date":
        return DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                              formula2="DATE(2100,12,31)", allow_blank=True, showErrorMessage=True,
                              errorTitle="日期不对", error=f"{where}：请填日期，如 2025-06-30")
    return None


GUIDE_TEXT_WIDTH = 90
PRINTED_BLANK_ROWS = 20


def _guide(wb: Workbook, forms: list[FormDef], sheets: list[Sheet], ref: ReferenceData) -> None:
    ws = wb.create_sheet(GUIDE_SHEET)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = GUIDE_TEXT_WIDTH
    bold = Font(bold=True)
    titles = "、".join(f"{f.title()}" + (f"（{f.form_code}表）" if f.form_code else "") for f in forms)
    lines: list[tuple[object, object, object]] = [
        ("低碳工作报表填报模板", None, Font(bold=True, size=14)),
        ("包含表单", titles, None),
        ("依据", "《中华人民共和国统计法》：统计调查对象应当真实、准确、完整、及时地提供统计资料，"
                 "不得提供不真实或者不完整的统计资料，不得迟报、拒报。", None),
        ("参考数据", f"折标系数与排放因子采用参考数据 {ref.version}。", None),
        (None, None, None),
        ("填报规则", None, bold),
        ("1", "只在浅黄色单元格中填写；灰色的列与表头已锁定（工作表保护未设密码）。", None),
        ("2", f"每张工作表第 {EXAMPLE_ROW} 行是示例（灰色斜体，编号为“{EXAMPLE_MARK}”），"
              "导入时忽略；可以保留，也可以删除。", None),
        ("3", "“记录编号”：新记录填任意编号（如 A1），同一记录的明细行（能源品种、调整、方案等）"
              "填同一编号，导入时据此归并为一条记录。", None),
        ("4", "“单位基本信息”：填本单位的统一社会信用代码（18 位）和名称；各表的单位代码须与之一致。", None),
        ("5", "数字直接填数值，不要带单位或文字；日期填 2025-06-30 这样的格式；有下拉箭头的单元格"
              "请从列表中选择。", None),
        ("6", "折标准煤、二氧化碳排放、强度等计算值不必填写，导入后由程序按参考数据计算。", None),
        ("7", "第 3 行（已隐藏）是字段代码，请勿修改或删除；列的顺序可以调整。", None),
        (None, None, None),
        ("颜色说明", None, bold),
        ("浅黄色", "填写区（未锁定）", INPUT_FILL),
        ("灰色", "示例行、已锁定的单元格", LOCKED_FILL),
        ("蓝色", "表头：第 1 行名称，第 2 行计量单位", HEAD_FILL),
        (None, None, None),
        ("计量单位", None, bold),
        ("热力", "百万千焦 = 吉焦（GJ）", None),
        ("电力", "万千瓦时", None),
        ("金额", "千元（购进金额）；万元（产值、增加值、投资）", None),
        ("天然气等气体", "万立方米", None),
        (None, None, None),
        ("205-1 表的平衡关系", None, bold),
        ("4 = 5 + 7", "消费量合计 = 工业生产消费 + 非工业生产消费", None),
        ("6 ≤ 5", "用作原料、材料 不大于 工业生产消费", None),
        ("8 ≤ 4", "运输工具消费 不大于 消费量合计", None),
        ("9 = 1 + 2 − 4", "期末库存量 = 期初库存量 + 购进量 − 消费量合计（相差超过 1% 须说明）", None),
        (None, None, None),
        ("工作表", None, bold),
    ]
    for sheet in sheets:
        form = get_form(sheet.form, sheet.form_version)
        what = {"org": "每个单位一行", "header": f"{form.title()}：每条记录一行",
                "group": f"{form.title()}的明细：每行一项，用“记录编号”关联"}[sheet.kind]
        lines.append((sheet.name, what, None))
    energy_names = [f"{e.name_zh}（{e.unit_zh}，参考折标系数 {format_number(e.tce_per_unit)}）"
                    for e in ref.energy.values()]
    lines += [(None, None, None), ("代码表", None, bold),
              ("能源品种", "；".join(energy_names), None)]
    seen: set[str] = set()
    for form in forms:
        for field in [*form.fields, *(c for f in form.fields for c in f.columns)]:
            if field.enum and field.enum not in seen and not field.enum.startswith("@"):
                seen.add(field.enum)
                options = "；".join(o.zh for o in form.enum_options(field.enum, ref))
                lines.append((field.label(), options, None))
    lines += [(None, None, None), ("联系", None, bold),
              ("填报单位联系人", "＿＿＿＿＿＿　联系电话：＿＿＿＿＿＿", None),
              ("有疑问请联系", "县（市、区）发展和改革局　联系电话：＿＿＿＿＿＿", None)]
    for number, (label, text, style) in enumerate(lines, start=1):
        a, b = ws.cell(number, 1, label), ws.cell(number, 2, text)
        b.alignment = Alignment(wrap_text=True, vertical="top")
        a.alignment = Alignment(vertical="top")
        if isinstance(style, Font):
            a.font = style
        elif isinstance(style, PatternFill):
            a.fill = style
        # LibreOffice does not grow a row for wrapped text it did not lay out: say the height
        height = wrapped_height([(str(text or ""), GUIDE_TEXT_WIDTH)], text_width)
        if height is not None:
            ws.row_dimensions[number].height = height
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = "9"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.protection.sheet = True


def _data_sheet(wb: Workbook, sheet: Sheet, ref: ReferenceData, lists: dict[tuple, str],
                year: int) -> None:
    form = get_form(sheet.form, sheet.form_version)
    ws = wb.create_sheet(sheet.name)
    last_row = FIRST_DATA_ROW + TEMPLATE_ROWS - 1
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        unit = column.unit or (column_unit(column.spec) if isinstance(column.spec, FieldDef) else "")
        for row, value, font, fill in ((1, column.label, HEAD_FONT, HEAD_FILL),
                                       (2, unit, UNIT_FONT, UNIT_FILL), (ID_ROW, column.id, ID_FONT, None)):
            cell = ws.cell(row, index, value or None)
            cell.font = font
            if fill is not None:
                cell.fill = fill
            if row == 1:
                cell.alignment = Alignment(wrap_text=True, vertical="center")
        example = ws.cell(EXAMPLE_ROW, index, _example(form, sheet, column, ref, year))
        example.font, example.fill = EXAMPLE_FONT, LOCKED_FILL
        number_format = column.number_format if column.number_format != "General" else None
        if column.type == "period":
            number_format = "@"
        if number_format:
            example.number_format = number_format
        for row in range(EXAMPLE_ROW + 1, last_row + 1):
            cell = ws.cell(row, index)
            cell.fill, cell.protection = INPUT_FILL, UNLOCKED
            if number_format:
                cell.number_format = number_format
        validation = _validation(form, column, ref, lists, (2000, 2100))
        if validation is not None:
            validation.add(f"{letter}{EXAMPLE_ROW + 1}:{letter}{last_row}")
            ws.add_data_validation(validation)
        width = max(text_width(column.label), text_width(unit), text_width(example.value or ""), 8)
        ws.column_dimensions[letter].width = min(width + 2, 40)
    ws.row_dimensions[1].height = 30
    ws.row_dimensions[ID_ROW].hidden = True
    ws.freeze_panes = f"B{FIRST_DATA_ROW}"
    widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, len(sheet.columns) + 1)]
    fit_columns(ws, widths, title_rows="1:2", key_columns=1)
    # the 500 rows with drop-downs are not printed: the header, the example and a page of
    # blank rows to fill by hand (an empty sheet prints one page, not twenty)
    ws.print_area = f"A1:{get_column_letter(len(sheet.columns))}{EXAMPLE_ROW + PRINTED_BLANK_ROWS}"
    ws.protection.sheet = True
    # a protected sheet still lets people widen columns, resize rows and filter
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False


def _list_ranges(sheets: list[Sheet], ref: ReferenceData) -> dict[tuple, str]:
    """Each drop-down's options and its range on the hidden ``_lists`` sheet."""
    ranges: dict[tuple, str] = {}
    for sheet in sheets:
        form = get_form(sheet.form, sheet.form_version)
        for column in sheet.columns:
            if column.enum and column.type == "enum":
                options = tuple(o.zh for o in form.enum_options(column.enum, ref))
                if options and options not in ranges:
                    letter = get_column_letter(len(ranges) + 1)
                    ranges[options] = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(options)}"
    return ranges


def _write_lists(wb: Workbook, ranges: dict[tuple, str]) -> None:
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    for index, options in enumerate(ranges, start=1):
        for row, text in enumerate(options, start=1):
            ws.cell(row, index, text).data_type = "s"


def write_template(path: Path | str, ref: ReferenceData, form_id: str | None = None,
                   year: int = 2025) -> Path:
    """Write the blank template of every record form (or of ``form_id``) to ``path``;
    ``year`` is the example rows' period."""
    forms = [get_form(form_id)] if form_id else [get_form(f) for f in RECORD_FORMS]
    sheets = template_sheets(forms)
    wb = Workbook()
    default = wb.active  # the empty sheet a new workbook starts with
    if isinstance(default, Worksheet):
        wb.remove(default)
    lists = _list_ranges(sheets, ref)
    _guide(wb, forms, sheets, ref)
    for sheet in sheets:
        _data_sheet(wb, sheet, ref, lists, year)
    _write_lists(wb, lists)
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    for row in meta_rows(sheets, []):
        meta.append(row)
    wb.active = 0
    return save_workbook(wb, path, NO_DATA_STAMP)
