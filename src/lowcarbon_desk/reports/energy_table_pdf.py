"""The energy lines of an energy report as statistics form 205-1 prints them.

At the top of the page the paper form's header: 统一社会信用代码 in 18 boxes and 单位详细名称
on the left, the title and the period in the centre, and on the right the header block the
form file declares (``[[paper_header]]``: 表号, 制定机关, 文号, 有效期至). Then one band on a
landscape page: 甲 能源名称, 乙 计量单位, 丙 代码, then 1 期初（年初）库存量,
2-3 购进量 (实物量, 金额), 4-8 消费量 (合计, 1.工业生产消费, #用作原料、材料, 2.非工业生产消费,
合计中：运输工具消费), 9 期末（年末）库存量, 10 采用折标系数 and 丁 参考折标系数, with the code
row under the heads and 能源合计 (code 40) last. What the program adds (the factors it applied,
standard coal and CO2 per line) follows as a second table on the same page.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..domain.forms import FieldDef, FormDef
from ..domain.reference import ReferenceData
from .display import computed_text, energy_key, field_text, fmt_number, row_unit, with_unit
from .fonts import cjk_font
from .pdf_common import GRID, HEADER_BG, LANDSCAPE_WIDTH, PlainTable, Styles, esc, grid_table, spacer
from .plain_cells import cell

FORM_CODE = "205-1"
TOTAL_CODE = "40"
CREDIT_CODE_BOXES = 18
PADDING = 4  # points, left and right of a cell of the 205-1 table together
BLANK = "＿" * 8  # a header value the form file leaves empty: filled in by hand

# Row codes printed on the paper form; only those confirmed are printed (the others are left
# empty rather than guessed: docs/standard/outputs.md §1 says what was looked for).
ROW_CODES = {"raw_coal": "01", "washed_coal": "06", "coke": "09", "coke_oven_gas": "11"}
# the unit the paper form prints where it differs from the reference data's own name for the
# same unit (热力: 百万千焦, which is one GJ: the number is the same)
PAPER_UNITS = {"heat": "百万千焦"}

# (column code, group head, head, field id); the field's own label where the head is None
COLUMNS: tuple[tuple[str, str, str | None, str], ...] = (
    ("1", "", None, "opening_stock"),
    ("2", "购进量", "实物量", "purchase_qty"),
    ("3", "购进量", "金额（千元）", "purchase_value_k_yuan"),
    ("4", "消费量", "合计", "consumption_total"),
    ("5", "消费量", "1.工业生产消费", "industrial_use"),
    ("6", "消费量", "#用作原料、材料", "feedstock_use"),
    ("7", "消费量", "2.非工业生产消费", "non_industrial_use"),
    ("8", "消费量", "合计中：运输工具消费", "transport_use"),
    ("9", "", None, "closing_stock"),
    ("10", "", "采用折标系数", "coefficient"),
)
ANNUAL_HEADS = {"opening_stock": "年初库存量", "closing_stock": "年末库存量"}
PERIOD_HEADS = {"opening_stock": "期初库存量", "closing_stock": "期末库存量"}


def is_205_1(form: FormDef, spec: FieldDef) -> bool:
    """Whether ``spec`` is the energy-lines table of form 205-1."""
    return form.form_code == FORM_CODE and energy_key(spec) is not None


def _heads(form: FormDef, spec: FieldDef, annual: bool) -> list[tuple[str, str, str, str]]:
    known = {c.id for c in spec.columns}
    heads = []
    for code, group, head, field_id in COLUMNS:
        if field_id not in known:
            continue  # a form version without the column
        label = head or (ANNUAL_HEADS if annual else PERIOD_HEADS).get(field_id) \
            or spec.column(field_id).label()
        heads.append((code, group, label, field_id))
    return heads


def paper_order(items: list[dict], key: str, ref: ReferenceData) -> list[dict]:
    """The lines in the paper form's order: those with a known row code by code, then the
    others in the reference data's order (which follows the form's groups: coal, oil, gas,
    heat, electricity, other), entered order among equals."""
    order = {code: index for index, code in enumerate(ref.energy)}

    def rank(position: int) -> tuple[int, int, int]:
        energy = items[position].get(key)
        code = ROW_CODES.get(energy) if isinstance(energy, str) else None
        if code is not None:
            return (0, int(code), position)
        return (1, order.get(energy, len(order)) if isinstance(energy, str) else len(order), position)

    return [items[i] for i in sorted(range(len(items)), key=rank)]


def _cell_text(form: FormDef, spec: FieldDef, value: object, ref: ReferenceData) -> str:
    """An entered value as the standard workbook shows it: numbers with at least two decimals
    (``#,##0.00####``), others as ``field_text``."""
    if spec.type == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        text = fmt_number(value)
        whole, _, places = text.partition(".")
        return f"{whole}.{places.ljust(2, '0')}"
    return field_text(form, spec, value, ref)


def _table_205_1(form: FormDef, spec: FieldDef, items: list[dict], ref: ReferenceData,
                 annual: bool, total_tce: object, styles: Styles) -> Table:
    heads = _heads(form, spec, annual)
    key = energy_key(spec) or "energy"
    measured = next((c for c in spec.columns if c.unit_from), None)
    count = len(heads) + 4
    widths = [26 * mm, 17 * mm, 9 * mm]
    rest = LANDSCAPE_WIDTH - sum(widths)
    widths += [rest / (count - 3)] * (count - 3)
    width = widths[-1]

    def pr(text: str) -> object:
        return cell(text, styles.cell_right, width, PADDING)

    groups = ["能源名称", "计量单位", "代码"] + [g or label for _, g, label, _ in heads] + ["参考折标系数"]
    labels = ["", "", ""] + [label if g else "" for _, g, label, _ in heads] + [""]
    codes = ["甲", "乙", "丙"] + [code for code, _, _, _ in heads] + ["丁"]
    # heads without a group span the two head rows; a group spans its columns
    spans: list[tuple] = []
    top: list[object] = [""] * count  # a cell under another's span stays empty (it is not drawn)
    column = 0
    while column < count:
        group, label = groups[column], labels[column]
        end = column
        if label:
            while end + 1 < count and groups[end + 1] == group and labels[end + 1]:
                end += 1
        spans.append(("SPAN", (column, 0), (column, 1)) if not label else ("SPAN", (column, 0), (end, 0)))
        top[column] = cell(group, styles.head, sum(widths[column:end + 1]), PADDING)
        column = end + 1
    rows: list[list[object]] = [top, [cell(t, styles.head, w, PADDING) for t, w in zip(labels, widths, strict=True)],
                                [cell(t, styles.head, w, PADDING) for t, w in zip(codes, widths, strict=True)]]
    for item in paper_order(items, key, ref):
        energy = item.get(key)
        reference = ref.energy.get(energy) if isinstance(energy, str) else None
        unit = row_unit(spec, measured, item, ref) if measured else ""
        rows.append([cell(form.enum_label("@energy", energy, "zh", ref), styles.cell, widths[0], PADDING),
                     cell(PAPER_UNITS.get(energy, unit) if isinstance(energy, str) else unit, styles.cell, widths[1],
                          PADDING),
                     cell(ROW_CODES.get(energy or "", ""), styles.cell, widths[2], PADDING)]
                    + [pr(_cell_text(form, spec.column(f), item.get(f), ref)) for _, _, _, f in heads]
                    + [pr(fmt_number(reference.tce_per_unit) if reference else "")])
    total = [""] * len(heads)
    consumption = [i for i, (_, _, _, f) in enumerate(heads) if f == "consumption_total"]
    if consumption and isinstance(total_tce, (int, float)):
        total[consumption[0]] = fmt_number(total_tce, 2)
    rows.append([cell("能源合计", styles.cell, widths[0], PADDING), cell("吨标准煤", styles.cell, widths[1], PADDING),
                 cell(TOTAL_CODE, styles.cell, widths[2], PADDING)] + [pr(t) for t in total] + [pr("")])
    table = PlainTable(rows, colWidths=widths, repeatRows=3, hAlign="LEFT")
    commands: list[tuple] = [
        # every cell a plain string as a Paragraph of styles.head (the heads) or styles.cell: the
        # codes row on the left of its cells, where the Paragraphs printed them
        ("FONT", (0, 0), (-1, -1), cjk_font(), styles.cell.fontSize, styles.cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, 2), styles.head.textColor),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 2), HEADER_BG),
        ("ALIGN", (3, 3), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        *spans,
    ]
    table.setStyle(TableStyle(commands))
    return table


def _computed_table(form: FormDef, spec: FieldDef, items: list[dict], computed_rows: list[dict],
                    ref: ReferenceData, styles: Styles) -> Table:
    key = energy_key(spec) or "energy"
    entered = [c for c in spec.columns if c.id in ("co2_factor", "co2_factor_source")]
    computed = list(form.computed_for(spec.id))
    head = ["能源名称"] + [with_unit(c.label(), c.unit()) for c in entered] \
        + [with_unit(c.label(), c.unit()) for c in computed]
    weights = [1.6] + [1.6 if c.type == "text" else 1.0 for c in entered] \
        + [1.4 if c.type == "text" else 1.0 for c in computed]
    widths = [LANDSCAPE_WIDTH * w / sum(weights) for w in weights]
    rows: list[list[object]] = [[cell(t, styles.head, w) for t, w in zip(head, widths, strict=True)]]
    first = 1 + len(entered)  # the first computed column
    for i, item in enumerate(items):
        values = computed_rows[i] if i < len(computed_rows) else {}
        texts = [form.enum_label("@energy", item.get(key), "zh", ref)] \
            + [field_text(form, c, item.get(c.id), ref) for c in entered] \
            + [computed_text(form, c, values.get(c.id), ref) for c in computed]
        rows.append([cell(t, styles.cell, w) for t, w in zip(texts, widths, strict=True)])
    shaded = list(range(first, len(head)))
    right = [first + n for n, c in enumerate(computed) if c.type != "text"]
    return grid_table(rows, widths, header_rows=1, shaded_columns=shaded, plain=True, right_columns=right)


def _code_boxes(code: str) -> Table:
    """The credit code one character a box, as the paper form's 18 boxes."""
    cells = list(code) if len(code) == CREDIT_CODE_BOXES else [code]
    cells += [""] * (CREDIT_CODE_BOXES - len(cells)) if len(cells) > 1 else []
    width = 4.4 * mm
    widths = [width] * len(cells) if len(cells) > 1 else [width * CREDIT_CODE_BOXES]
    boxes = Table([cells], colWidths=widths, rowHeights=[5.5 * mm], hAlign="LEFT")
    boxes.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), cjk_font()),
                               ("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                               ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return boxes


def period_text(period: str | None) -> str:
    """The period as the paper form prints it: ``2025 年`` or ``2025 年 3 月``."""
    text = str(period or "")
    year, _, month = text.partition("-")
    if not year.isdigit():
        return text
    return f"{year} 年 {int(month)} 月" if month.isdigit() else f"{year} 年"


def paper_header(form: FormDef, org: dict | None, org_id: str, period: str | None,
                 styles: Styles) -> Table:
    """The head of the paper form: who (credit code boxes, name), what (title, period) and
    the form's own header block from its form file, top right."""
    left = Table([[Paragraph("统一社会信用代码：", styles.cell), _code_boxes(org_id)],
                  [Paragraph("单位详细名称：", styles.cell),
                   Paragraph(esc((org or {}).get("name") or ""), styles.cell)]],
                 colWidths=[31 * mm, 80 * mm], hAlign="LEFT")
    left.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("FONTNAME", (0, 0), (-1, -1), cjk_font())]))
    centre = [Paragraph(esc(form.title()), styles.title),
              Paragraph(esc(period_text(period)), styles.subtitle)]
    # plain strings, not Paragraphs: a Paragraph would fold the ideographic spaces that
    # spread "表　　号" to the width of "制定机关"
    right = Table([[f"{label}：", value or BLANK] for label, value in form.paper_header] or [[""]],
                  colWidths=[16 * mm, 46 * mm], hAlign="LEFT")
    right.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), cjk_font()),
                               ("FONTSIZE", (0, 0), (-1, -1), 8),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    widths = [111 * mm, LANDSCAPE_WIDTH - 111 * mm - 62 * mm, 62 * mm]
    block = Table([[left, centre, right]], colWidths=widths, hAlign="LEFT")
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("FONTNAME", (0, 0), (-1, -1), cjk_font())]))
    return block


def energy_lines_flowables(form: FormDef, spec: FieldDef, items: list[dict],
                           computed: dict, period: str | None, ref: ReferenceData,
                           styles: Styles, org: dict | None = None,
                           org_id: str = "") -> list[Flowable]:
    """The paper form's header, form 205-1's table, its checks, and the program's
    computation per line."""
    annual = len(str(period or "")) == 4
    out: list[Flowable] = [
        paper_header(form, org, org_id or (org or {}).get("org_id") or "", period, styles),
        spacer(2),
        _table_205_1(form, spec, items, ref, annual, computed.get("total_tce"), styles),
        Paragraph("说明：4 = 5 + 7；6 ≤ 5；8 ≤ 4；9 = 1 + 2 − 4。丁 为参考数据的折标系数；"
                  "10 留空时按丁计算。", styles.small),
        spacer(3),
        Paragraph("折标准煤与二氧化碳（程序计算，不可填写）", styles.h2),
        _computed_table(form, spec, items, computed.get(spec.id) or [], ref, styles),
    ]
    return out
