"""The standard PDF of one record (any of the five record forms), generic over its FormDef.

Layout: title block with a QR code (record id, revision, fingerprint), the organisation
profile, every section of the form with its entered values and units, the computed values,
charts where they help, every warning with its justification, and the sign-off block.

Deterministic: the "generation time" printed in the title block and written as the PDF's
creation date is the record's ``updated_at``, not the wall clock, so the same record and
reference data always give the same bytes (and a PDF's hash means something).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from ..domain.forms import FieldDef, FormDef, get_form
from ..domain.issues import SEVERITY_LABELS, Issue
from ..domain.labels import field_label, issue_reason
from ..domain.records import state_label
from ..domain.reference import ReferenceData
from ..fileio import atomic_output
from ..storage import Store
from .charts import grouped_bars, ranked_bars
from .dates import local_date_text, local_time_text
from .display import (
    computed_text,
    energy_key,
    field_text,
    fmt_number,
    row_unit,
    with_unit,
)
from .energy_table_pdf import energy_lines_flowables, is_205_1
from .explain_pdf import appendix_flowables
from .fingerprint import qr_payload, record_fingerprint
from .fonts import cjk_font
from .pdf_common import (
    FRAME_WIDTH,
    QrCode,
    Styles,
    build_pdf,
    esc,
    grid_table,
    landscape_pages,
    record_signoff,
    signed_ending,
    spacer,
)
from .plain_cells import cell
from .record_computed import budget_rows, duty_row, listed, section_rows
from .synergy_pdf import synergy_flowables
from .trend_pdf import OrgTrend, record_trend, trend_flowables

MAX_GROUP_COLUMNS = 8  # data columns per table before a wide group is split
MONTH_NAMES = [f"{m}月" for m in range(1, 13)]


class _Column:
    """One column of a group table: header, how to get the cell text, alignment, shading."""

    def __init__(self, header: str, text: Callable[[int, dict], str], *, numeric: bool = False,
                 computed: bool = False, weight: float = 1.0):
        self.header, self.text, self.numeric, self.computed = header, text, numeric, computed
        self.weight = weight


def _kv_table(rows: list[tuple[str, str, str]], styles: Styles,
              shaded: bool = False) -> Table:
    """Label | value | unit rows in two side-by-side pairs when short, else one per line."""
    widths = [FRAME_WIDTH * 0.36, FRAME_WIDTH * 0.44, FRAME_WIDTH * 0.20]
    body = [[cell(label, styles.cell, widths[0]), cell(value, styles.cell, widths[1]),
             cell(unit, styles.small, widths[2])] for label, value, unit in rows]
    return grid_table(body, widths, key_value=True, header_rows=0, plain=True, small_columns=(2,),
                      shaded_columns=(1,) if shaded else ())


def _group_columns(form: FormDef, spec: FieldDef, computed_rows: list[dict],
                   ref: ReferenceData) -> list[_Column]:
    columns: list[_Column] = []
    key = energy_key(spec)
    for column in spec.columns:
        numeric = column.type in ("number", "int")

        def text(i: int, row: dict, c: FieldDef = column) -> str:
            return field_text(form, c, row.get(c.id), ref)

        unit = "" if column.unit_from else column.unit()
        columns.append(_Column(with_unit(column.label(), unit), text, numeric=numeric,
                               weight=2.0 if column.type == "text" else 1.0))
        if key and column.id == key:
            measured = next(c for c in spec.columns if c.unit_from)

            def unit_text(i: int, row: dict, m: FieldDef = measured) -> str:
                return row_unit(spec, m, row, ref)

            columns.append(_Column("计量单位", unit_text, weight=0.9))
    for cdef in form.computed_for(spec.id):
        def ctext(i: int, row: dict, c=cdef) -> str:
            item = computed_rows[i] if i < len(computed_rows) else {}
            return computed_text(form, c, item.get(c.id), ref)

        columns.append(_Column(with_unit(cdef.label(), cdef.unit()), ctext, numeric=True,
                               computed=True))
    return columns


def _group_tables(form: FormDef, spec: FieldDef, items: list[dict], computed_rows: list[dict],
                  ref: ReferenceData, styles: Styles) -> list[Flowable]:
    """The group as one table, or several when wide (序号 and the first column repeat)."""
    if not items:
        return [Paragraph("（无）", styles.body)]
    columns = _group_columns(form, spec, computed_rows, ref)
    key_columns = columns[:1]
    rest = columns[1:]
    if key_columns and energy_key(spec) and rest and rest[0].header == "计量单位":
        key_columns, rest = columns[:2], columns[2:]
    per_chunk = max(1, MAX_GROUP_COLUMNS - len(key_columns))
    count = max(1, -(-len(rest) // per_chunk))
    size = -(-len(rest) // count) if rest else 0
    chunks = [rest[i:i + size] for i in range(0, len(rest), size)] if size else [[]]
    out: list[Flowable] = []
    for number, chunk in enumerate(chunks):
        cols = key_columns + chunk
        weights = [c.weight for c in cols]
        usable = FRAME_WIDTH - 9 * mm
        widths = [9 * mm] + [usable * w / sum(weights) for w in weights]
        header = [cell("序号", styles.head, widths[0])] + [cell(c.header, styles.head, width)
                                                          for c, width in zip(cols, widths[1:], strict=True)]
        body = []
        for i, item in enumerate(items):
            body.append([cell(i + 1, styles.cell, widths[0])] + [
                cell(c.text(i, item), styles.cell_right if c.numeric else styles.cell, width)
                for c, width in zip(cols, widths[1:], strict=True)])
        shaded = [index + 1 for index, c in enumerate(cols) if c.computed]
        right = [index + 1 for index, c in enumerate(cols) if c.numeric]
        if len(chunks) > 1:
            out.append(Paragraph(f"（续表 {number + 1}/{len(chunks)}）" if number else
                                 f"（本表分 {len(chunks)} 段列示，序号与首列重复）", styles.caption))
        out.append(grid_table([header, *body], widths, header_rows=1, shaded_columns=shaded, plain=True,
                              right_columns=right))
        out.append(spacer(2))
    return out


def _months_table(form: FormDef, spec: FieldDef, values: list, styles: Styles) -> Table:
    numbers = [v for v in values if v is not None]
    header = [Paragraph(m, styles.head) for m in MONTH_NAMES] + [Paragraph("合计", styles.head)]
    row = [Paragraph(fmt_number(v), styles.cell_right) for v in values]
    row.append(Paragraph(fmt_number(sum(numbers)) if numbers else "", styles.cell_right))
    half = 7
    top = [header[:half], row[:half]]
    bottom = [header[half:], row[half:]]
    width = FRAME_WIDTH / half
    outer = Table([[grid_table(top, [width] * half)], [grid_table(bottom, [width] * half)]],
                  colWidths=[FRAME_WIDTH])
    outer.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("FONTNAME", (0, 0), (-1, -1), cjk_font())]))
    return outer


def _attachments_table(items: list[dict], styles: Styles) -> Flowable:
    if not items:
        return Paragraph("（无）", styles.body)
    header = [Paragraph(t, styles.head) for t in ("序号", "文件名", "大小（字节）", "SHA-256")]
    body = [[Paragraph(str(i + 1), styles.cell), Paragraph(esc(a.get("name", "")), styles.cell),
             Paragraph(fmt_number(a.get("size")), styles.cell_right),
             Paragraph(esc(a.get("sha256", "")), styles.small)] for i, a in enumerate(items)]
    return grid_table([header, *body], [9 * mm, 55 * mm, 22 * mm, FRAME_WIDTH - 86 * mm])


def _section_flowables(form: FormDef, doc: dict, org: dict | None, ref: ReferenceData,
                       styles: Styles) -> list[Flowable]:
    data, computed = doc.get("data") or {}, doc.get("computed") or {}
    out: list[Flowable] = []
    for section in form.sections:
        wide = [spec for spec in section.fields if spec.type == "group" and is_205_1(form, spec)]
        if wide and len(section.fields) == 1:
            # form 205-1's table: one band on a landscape page under the paper form's header
            out += landscape_pages(energy_lines_flowables(
                form, wide[0], data.get(wide[0].id) or [], computed, doc.get("period"), ref, styles,
                org=org, org_id=doc.get("org_id") or ""))
            continue
        out.append(Paragraph(esc(section.label()), styles.h1))
        scalars: list[tuple[str, str, str]] = []
        for spec in section.fields:
            value = data.get(spec.id)
            if not spec.is_container or spec.type == "set":
                scalars.append((spec.label(), field_text(form, spec, value, ref), spec.unit()))
                continue
            if scalars:
                out.append(_kv_table(scalars, styles))
                scalars = []
            if spec.type == "group":
                if len(section.fields) > 1 or spec.label() != section.label():
                    out.append(Paragraph(esc(spec.label()), styles.h2))
                out.extend(_group_tables(form, spec, value or [], computed.get(spec.id) or [],
                                         ref, styles))
            elif spec.type == "months":
                out.append(Paragraph(esc(with_unit(spec.label(), spec.unit())), styles.h2))
                out.append(_months_table(form, spec, value or [None] * 12, styles))
            else:
                out.append(_attachments_table(value or [], styles))
        if scalars:
            out.append(_kv_table(scalars, styles))
        placed = section_rows(form, section.id, computed, ref)
        if placed:
            out.append(_kv_table(placed, styles, shaded=True))
    return out


def _computed_flowables(form: FormDef, doc: dict, org: dict | None, ref: ReferenceData,
                        styles: Styles, extra_rows: list[tuple[str, str, str]]) -> list[Flowable]:
    computed = doc.get("computed") or {}
    rows = [duty_row(doc, org, ref) if c.id == "key_emitting_unit"
            else (c.label(), computed_text(form, c, computed.get(c.id), ref), c.unit()) for c in listed(form)]
    rows += extra_rows
    if not rows:
        return []
    return [Paragraph("计算结果（程序计算，不可填写）", styles.h1), _kv_table(rows, styles, shaded=True)]


# --- charts --------------------------------------------------------------------------------

def _budget_chart(form: FormDef, doc: dict, ref: ReferenceData) -> Flowable | None:
    months = (doc.get("data") or {}).get("monthly_actual_tce") or []
    effective = (doc.get("computed") or {}).get("effective_budget_tce")
    if not any(v is not None for v in months) or not effective:
        return None
    share = effective / 12
    return grouped_bars("逐月实际用能与预算（吨标准煤）", MONTH_NAMES,
                        [months, [share] * 12], ["实际用能", "预算月均（有效预算÷12）"],
                        FRAME_WIDTH)


def _energy_mix_chart(form: FormDef, doc: dict, ref: ReferenceData) -> Flowable | None:
    lines = (doc.get("data") or {}).get("lines") or []
    computed_lines = (doc.get("computed") or {}).get("lines") or []
    pairs = []
    for line, comp in zip(lines, computed_lines, strict=False):
        tce = comp.get("line_tce")
        if isinstance(tce, (int, float)) and tce > 0:
            pairs.append((form.enum_label("@energy", line.get("energy"), "zh", ref), float(tce)))
    if not pairs:
        return None
    pairs.sort(key=lambda p: (-p[1], p[0]))
    total = sum(v for _, v in pairs)
    labels = [f"{name}（{fmt_number(v / total * 100, 1)}%）" for name, v in pairs]
    return ranked_bars("能源消费结构（折标准煤，吨）", labels, [v for _, v in pairs], FRAME_WIDTH,
                       label_width=120)


def _audit_options_chart(form: FormDef, doc: dict, ref: ReferenceData) -> Flowable | None:
    options = (doc.get("data") or {}).get("options") or []
    if not options:
        return None
    categories = form.enum_options("option_category")
    labels = [o.zh for o in categories]
    all_counts = [sum(1 for x in options if x.get("category") == o.value) for o in categories]
    done = [sum(1 for x in options if x.get("category") == o.value
                and x.get("status") == "implemented") for o in categories]
    return grouped_bars("清洁生产方案按类别（个）", labels, [all_counts, done],
                        ["方案总数", "已实施"], FRAME_WIDTH)


# The chart a form file names (``chart = "…"``); a form without one has no chart.
CHART_KINDS: dict[str, Callable[[FormDef, dict, ReferenceData], Flowable | None]] = {
    "budget_months": _budget_chart,
    "energy_mix": _energy_mix_chart,
    "options_by_category": _audit_options_chart,
}


# --- the document --------------------------------------------------------------------------

def _title_block(form: FormDef, doc: dict, org: dict | None, ref: ReferenceData,
                 styles: Styles, zone: dt.tzinfo | None = None) -> list[Flowable]:
    code = f"（表号 {form.form_code}）" if form.form_code else ""
    rows = [
        ("表单", f"{form.title()}（第 {form.version} 版）"),
        ("单位名称", (org or {}).get("name") or ""),
        ("单位代码", doc.get("org_id") or ""),
        ("报告期", doc.get("period") or ""),
        ("记录编号", doc.get("record_id") or ""),
        ("修订版本", f"第 {doc.get('revision')} 版"),
        ("状态", state_label(doc.get("state") or "")
         + (f"（{doc['decision_comment']}）" if doc.get("decision_comment") else "")),
        ("生成时间", f"{local_time_text(doc.get('updated_at'), zone)}（记录最后修改时间）"),
        ("参考数据版本", doc.get("reference_data_version") or ref.version),
    ]
    widths = [26 * mm, FRAME_WIDTH - 26 * mm - 40 * mm]
    table_rows = [[cell(k, styles.cell, widths[0]), cell(v, styles.cell, widths[1])] for k, v in rows]
    left = grid_table(table_rows, widths, key_value=True, header_rows=0, plain=True)
    qr = Table([[QrCode(qr_payload(doc), 34 * mm)],
                [Paragraph("扫码核对：记录编号、版本、数据指纹", styles.small)]],
               colWidths=[40 * mm])
    qr.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"),
                            ("FONTNAME", (0, 0), (-1, -1), cjk_font())]))
    block = Table([[left, qr]], colWidths=[FRAME_WIDTH - 40 * mm, 40 * mm])
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("FONTNAME", (0, 0), (-1, -1), cjk_font())]))
    fingerprint = record_fingerprint(doc)
    return [Paragraph(esc(form.title() + code), styles.title),
            Paragraph(esc((org or {}).get("name") or doc.get("org_id") or ""), styles.subtitle),
            block,
            Paragraph(f"数据指纹（SHA-256）：{fingerprint}", styles.small)]


def _org_flowables(org: dict | None, ref: ReferenceData, styles: Styles) -> list[Flowable]:
    org_form = get_form("org")
    if org is None:
        return []
    rows = [(spec.label(), field_text(org_form, spec, org.get(spec.id), ref), spec.unit())
            for spec in org_form.scalar_fields()]
    return [Paragraph(esc(org_form.title()), styles.h1), _kv_table(rows, styles)]


def _issue_text(form: FormDef, doc: dict, issue: dict, ref: ReferenceData) -> str:
    """Where (the field's label, never its path) and what an issue says."""
    found = Issue(issue.get("rule") or "", issue.get("severity") or "", issue.get("field") or "",
                  issue.get("message_zh") or issue.get("message") or "", issue.get("message_en") or "")
    reason = issue_reason(form, found)
    if not found.field:
        return reason
    return f"{field_label(form, found.field, data=doc.get('data'), ref=ref)}：{reason}"


def _issue_flowables(form: FormDef, doc: dict, ref: ReferenceData,
                     styles: Styles) -> list[Flowable]:
    issues = doc.get("issues") or []
    out: list[Flowable] = [Paragraph("校验结果与说明", styles.h1)]
    if not issues:
        out.append(Paragraph("无错误、警告或提示。", styles.body))
        return out
    widths = [12 * mm, FRAME_WIDTH * 0.55, FRAME_WIDTH * 0.45 - 12 * mm]
    header = [cell(t, styles.head, w) for t, w in zip(("级别", "问题", "填报单位说明"), widths, strict=True)]
    body = []
    for issue in issues:
        label = SEVERITY_LABELS.get(issue.get("severity"), (issue.get("severity"), ""))[0]
        justification = issue.get("justification") or (
            "（未说明）" if issue.get("severity") == "warning" else "")
        texts = (label, _issue_text(form, doc, issue, ref), justification)
        body.append([cell(t, styles.cell, w) for t, w in zip(texts, widths, strict=True)])
    out.append(grid_table([header, *body], widths, plain=True))
    return out


def record_pdf_bytes(doc: dict, org: dict | None, ref: ReferenceData, explain: str | None = None, *,
                     trend: OrgTrend | None = None, zone: dt.tzinfo | None = None,
                     extra_rows: list[tuple[str, str, str]] | None = None) -> bytes:
    """The standard PDF of the record document ``doc`` (as from ``Store.get_record``); with
    ``explain`` ("zh" or "en") the appendix 计算说明 in that language follows the sign-off;
    ``trend``: the organisation's years (``trend_pdf.record_trend``) for 历年趋势; times printed
    in ``zone`` (``None``: the machine's local zone); ``extra_rows``: computed rows read from other
    records (a budget's renewable energy left out)."""
    form = get_form(doc["form"], doc.get("form_version"))
    styles = Styles()
    story: list[Flowable] = []
    story += _title_block(form, doc, org, ref, styles, zone)
    story += _org_flowables(org, ref, styles)
    story += _section_flowables(form, doc, org, ref, styles)
    story += _computed_flowables(form, doc, org, ref, styles, extra_rows or [])
    story += synergy_flowables(form, doc, ref, styles)
    chart = CHART_KINDS[form.chart](form, doc, ref) if form.chart in CHART_KINDS else None
    if chart is not None:
        story += [KeepTogether([Paragraph("图表", styles.h1), chart])]
    story += trend_flowables(doc, trend, styles)
    # 报出日期: when the record was submitted (blank on a draft, to be filled by hand)
    signoff = record_signoff(org, local_date_text(doc.get("submitted_at"), zone))
    story += signed_ending(styles, _issue_flowables(form, doc, ref, styles), signoff)
    if explain:
        story += appendix_flowables(doc, ref, styles, explain)
    footer = f"{form.title()} · {doc.get('org_id')} · {doc.get('period')} · {doc['record_id']} 第 {doc['revision']} 版"
    return build_pdf(story, title=f"{form.title()} {doc.get('period') or ''}",
                     subject=f"{doc['record_id']} r{doc['revision']}", stamp=doc.get("updated_at"),
                     footer=footer)


@dataclass(frozen=True)
class RecordPdfInput:
    """Everything the PDF of a stored record is made from, read from the database beforehand:
    rendering it needs no database, so it can run in another process (``pdf_pool``)."""

    doc: dict
    org: dict | None
    ref: ReferenceData
    explain: str | None = None
    trend: OrgTrend | None = None
    zone: dt.tzinfo | None = None
    extra_rows: list[tuple[str, str, str]] = field(default_factory=list)

    def render(self) -> bytes:
        """The PDF's bytes (``record_pdf_bytes``)."""
        return record_pdf_bytes(self.doc, self.org, self.ref, self.explain, trend=self.trend,
                                zone=self.zone, extra_rows=self.extra_rows)


def record_pdf_input(store: Store, record_id: str, explain: str | None = None, *,
                     zone: dt.tzinfo | None = None) -> RecordPdfInput:
    """What the PDF of a stored record is made from (``explain``: the appendix's language, if
    any; times in ``zone``, else the local zone)."""
    doc = store.get_record(record_id)
    org = store.get_org(doc["org_id"])
    ref = store.reference_for(doc.get("reference_data_version"))
    return RecordPdfInput(doc, org, ref, explain, record_trend(store, doc), zone, budget_rows(store, doc))


def record_pdf(store: Store, record_id: str, explain: str | None = None, *,
               zone: dt.tzinfo | None = None) -> bytes:
    """The standard PDF of a stored record (``explain``: the appendix's language, if any; times
    in ``zone``, else the local zone)."""
    return record_pdf_input(store, record_id, explain, zone=zone).render()


def write_record_pdf(store: Store, record_id: str, path: Path | str, explain: str | None = None) -> Path:
    """Write the record's PDF atomically to ``path``."""
    content = record_pdf(store, record_id, explain)
    with atomic_output(path) as temp:
        temp.write_bytes(content)
    return Path(path)
