"""The 协同效应 table of an audit's or pilot application's record PDF (form version 2 on):
per measure its name, CO2 cut, pollutant cuts, equivalents cut, synergy class and co-control
ratio, then the record's totals and its count of measures per class (data-standard §8)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from ..domain.forms import FormDef
from ..domain.reference import ReferenceData
from ..domain.synergy import CLASSES, MEASURES, POLLUTANT_NAMES, SYNERGY_SINCE, class_label
from .display import computed_text, field_text
from .pdf_common import FRAME_WIDTH, Styles, esc, grid_table

TITLE = "协同效应（减污降碳）"


def has_synergy(form: FormDef) -> bool:
    """Whether records of this form version carry co-benefits."""
    return form.id in SYNERGY_SINCE and form.version >= SYNERGY_SINCE[form.id]


def synergy_flowables(form: FormDef, doc: dict, ref: ReferenceData, styles: Styles) -> list[Flowable]:
    """The heading, the table and the class counts; nothing for a form version without them."""
    if not has_synergy(form):
        return []
    columns = MEASURES[form.id]
    data, computed = doc.get("data") or {}, doc.get("computed") or {}
    items = data.get(columns.group) or []
    per_item = computed.get(columns.group) or []
    group = form.field(columns.group)
    column_of = {c.id: c for c in group.columns}
    spec_of = {c.id: c for c in form.computed}
    scope = "已实施的方案" if columns.counted_status else "全部项目"
    out: list[Flowable] = [Paragraph(TITLE, styles.h1),
                           Paragraph(esc(f"列示{scope}；污染当量削减量 = Σ 削减量（千克）÷ 污染当量值，"
                                         "挥发性有机物不折算；协同控制比 = 二氧化碳减排量（吨）÷ 污染当量削减量。"),
                                     styles.small)]
    header = ["序号", "名称", "二氧化碳减排量（吨/年）",
              *(f"{POLLUTANT_NAMES[p][0]}削减量（吨/年）" for p in columns.pollutants),
              "污染当量削减量（当量/年）", "协同类别", "协同控制比（吨CO2/当量）"]
    rows = [[Paragraph(esc(h), styles.head) for h in header]]
    for index, item in enumerate(items):
        if not columns.counts(item):
            continue
        values = per_item[index] if index < len(per_item) else {}
        cells = [str(index + 1), str(item.get(columns.name) or ""),
                 field_text(form, column_of[columns.co2], item.get(columns.co2), ref),
                 *(field_text(form, column_of[c], item.get(c), ref) for c in columns.pollutants.values()),
                 computed_text(form, spec_of["equivalents_cut"], values.get("equivalents_cut"), ref),
                 class_label(values.get("synergy_class")),
                 computed_text(form, spec_of["co_control_ratio"], values.get("co_control_ratio"), ref)]
        rows.append(_row(cells, styles))
    if len(rows) == 1:
        out.append(Paragraph(f"（无{scope}）", styles.body))
        return out
    totals = ["", "合计",
              computed_text(form, spec_of[columns.co2_total], computed.get(columns.co2_total), ref),
              *(computed_text(form, spec_of[columns.pollutant_total(p)],
                              computed.get(columns.pollutant_total(p)), ref) for p in columns.pollutants),
              computed_text(form, spec_of[columns.equivalents_total],
                            computed.get(columns.equivalents_total), ref), "", ""]
    rows.append(_row(totals, styles))
    weights = [0.6, 2.4, 1.2, *([1.0] * len(columns.pollutants)), 1.2, 1.0, 1.1]
    widths = [FRAME_WIDTH * w / sum(weights) for w in weights]
    table = grid_table(rows, widths, shaded_columns=(len(header) - 3, len(header) - 2, len(header) - 1))
    counts = "，".join(f"{class_label(c)} {computed.get(f'synergy_count_{c}') or 0} 项" for c in CLASSES)
    out += [table, Paragraph(esc(f"按协同类别：{counts}。"), styles.body)]
    return out


def _row(cells: list[str], styles: Styles) -> list[Paragraph]:
    """Name and class left, numbers right."""
    return [Paragraph(esc(text), styles.cell if i in (1, len(cells) - 2) else styles.cell_right)
            for i, text in enumerate(cells)]
