"""What a person reads where the program stores an id: field paths, computed values, totals.

``lines[0].closing_stock`` becomes "第 1 行 原煤 · 期末库存量" ("Row 1 Raw coal · Closing
stock"), ``value_added_10k_yuan`` "工业增加值", the stored grid factor ``mee_2023_2025`` the
label its drop-down shows. Headless, generic over the form definitions: the window's issues and
computed panels use it, printed outputs can. The ids themselves belong in tooltips only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .forms import ComputedDef, FieldDef, FormDef
from .issues import WARNING, Issue
from .jsontypes import Computed, RecordData, Row
from .reference import ReferenceData
from .rounding import format_number

PATH = re.compile(r"^(\w+)(?:\[(\d+)\](?:\.(\w+))?)?$")
YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}
SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
POWER = re.compile(r"\^(-?\d+)")
UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
MAX_STEM = 120


def unit_text(unit: str) -> str:
    """A unit as printed rather than typed: ``10^4 kWh`` → ``10⁴ kWh``, ``m^3`` → ``m³``."""
    return POWER.sub(lambda m: m.group(1).translate(SUPERSCRIPTS), unit or "")


def parse_path(path: str) -> tuple[str, int | None, str | None]:
    """``lines[1].feedstock_use`` → ``("lines", 1, "feedstock_use")``; unknown shapes → ``("", None, None)``."""
    match = PATH.match(path or "")
    if not match:
        return "", None, None
    name, index, column = match.groups()
    return name, (int(index) if index is not None else None), column


def _en(lang: str) -> bool:
    return lang == "en"


def row_key_column(group: FieldDef) -> FieldDef | None:
    """The column that names a row of ``group`` for a reader: its fixed key, its unique column,
    its first enumeration, else its first text column."""
    for wanted in (group.fixed_key, group.unique):
        if wanted:
            try:
                return group.column(wanted)
            except KeyError:
                pass
    for column in group.columns:
        if column.type == "enum":
            return column
    for column in group.columns:
        if column.type == "text":
            return column
    return None


def row_name(form: FormDef, group: FieldDef, item: Row | None, lang: str = "zh",
             ref: ReferenceData | None = None) -> str:
    """The name a row goes by (the energy "原煤", an option's code…), or "" when not filled in."""
    column = row_key_column(group)
    if column is None or not isinstance(item, dict):
        return ""
    value = item.get(column.id)
    if value is None or value == "":
        return ""
    if column.enum:
        try:
            return form.enum_label(column.enum, value, lang, ref)
        except (KeyError, ValueError):
            return str(value)
    return str(value)


def _item(data: RecordData | None, name: str, index: int) -> Row | None:
    items = (data or {}).get(name)
    if isinstance(items, list) and 0 <= index < len(items) and isinstance(items[index], dict):
        item: Row = items[index]
        return item
    return None


def _groups(form: FormDef) -> list[FieldDef]:
    return [f for f in form.fields if f.type == "group"]


def field_label(form: FormDef, path: str, lang: str = "zh", data: RecordData | None = None,
                ref: ReferenceData | None = None) -> str:
    """The label of a field path, as the editor shows it; the record's ``data`` names rows.

    ``value_added_10k_yuan`` → 工业增加值; ``lines[0].closing_stock`` → 第 1 行 原煤 · 期末库存量
    (a form with several tables puts the table's label first); ``monthly_actual_tce[2]`` →
    月度实际用能 · 3月; a computed value → its label; an empty path → the form's title; a path
    the form does not know → the path itself.
    """
    if not path:
        return form.title(lang)
    name, index, column = parse_path(path)
    if not name:
        return path
    try:
        top = form.field(name)
    except KeyError:
        try:
            return form.computed_def(name).label(lang)
        except KeyError:
            return path
    if index is None:
        return top.label(lang)
    number = index + 1
    if top.type == "months":
        return f"{top.label(lang)} · " + (f"month {number}" if _en(lang) else f"{number}月")
    if top.type != "group":
        return f"{top.label(lang)} · " + (f"item {number}" if _en(lang) else f"第 {number} 项")
    row = f"Row {number}" if _en(lang) else f"第 {number} 行"
    named = row_name(form, top, _item(data, name, index), lang, ref)
    if named:
        row = f"{row} {named}"
    if len(_groups(form)) > 1:
        row = f"{top.label(lang)}, {row[0].lower()}{row[1:]}" if _en(lang) else f"{top.label(lang)} {row}"
    if not column:
        return row
    try:
        column_label = top.column(column).label(lang)
    except KeyError:
        computed = [c for c in form.computed_for(name) if c.id == column]
        column_label = computed[0].label(lang) if computed else column
    return f"{row} · {column_label}"


def computed_text(form: FormDef, spec: ComputedDef, value: object, lang: str = "zh",
                  ref: ReferenceData | None = None, decimals: int | None = None) -> str:
    """A computed value as a reader sees it, without its unit: yes/no, an enumeration's label,
    a grid factor set's label (never its id), a number with separators and the form's decimals."""
    if value is None:
        return ""
    if spec.type == "bool":
        yes, no = YES_NO["en" if _en(lang) else "zh"]
        return yes if value else no
    if spec.enum:
        return form.enum_label(spec.enum, value, lang, ref)
    if spec.type == "text":
        if ref is not None and isinstance(value, str) and value in ref.grid:
            return ref.grid[value].label(lang)
        return str(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if spec.type == "int" or (isinstance(value, int) and decimals is None and spec.decimals == 0):
        return f"{int(value):,}"
    return format_number(value, spec.shown_decimals if decimals is None else decimals)


@dataclass(frozen=True)
class Total:
    """One of a record's totals (energy, CO2) as a confirmation shows it."""

    id: str
    label: str
    text: str
    unit: str


def record_totals(form: FormDef, computed: Computed, lang: str = "zh",
                  ref: ReferenceData | None = None) -> list[Total]:
    """The record's key figures as the form version declares them (``headline`` in its file), in
    that order: an energy report's total energy and CO2, a budget's figures; none for a form
    that declares none."""
    totals = []
    for spec in form.headline_defs():
        value = (computed or {}).get(spec.id)
        text = computed_text(form, spec, value, lang, ref) if value is not None else "—"
        totals.append(Total(spec.id, spec.label(lang), text, spec.unit(lang)))
    return totals


def issue_reason(form: FormDef, issue: Issue, lang: str = "zh") -> str:
    """What an issue says, without the field description its message starts with (the field is
    shown by its label beside it)."""
    message = issue.message(lang)
    where = form.describe(issue.field, lang) if issue.field else form.title(lang)
    for separator in ("：", ": "):
        if where and message.startswith(where + separator):
            return message[len(where) + len(separator):]
    return message


@dataclass(frozen=True)
class JustifiedWarning:
    """A warning that lets a record through, with the reason given for it."""

    where: str
    reason: str
    justification: str


def justified_warnings(form: FormDef, issues: list[Issue], data: RecordData | None = None,
                       lang: str = "zh", ref: ReferenceData | None = None) -> list[JustifiedWarning]:
    """The record's warnings that carry a justification, each with its field's label."""
    return [JustifiedWarning(field_label(form, i.field, lang, data, ref), issue_reason(form, i, lang),
                             i.justification or "")
            for i in issues if i.severity == WARNING and (i.justification or "").strip()]


def record_file_name(form: FormDef, org_name: str, period: str | None, revision: int = 1,
                     lang: str = "zh", suffix: str = ".pdf") -> str:
    """A file name people recognise for a record: organisation, form, period (and the revision
    after the first), e.g. ``新丰造纸有限公司_能源购进、消费与库存_2025-03.pdf``; characters that
    file systems refuse become ``-``."""
    parts = [org_name, form.title(lang), period or ""]
    if revision > 1:
        parts.append(f"rev{revision}" if _en(lang) else f"第{revision}版")
    cleaned = [UNSAFE_IN_FILE_NAMES.sub("-", part).strip(" .") for part in parts]
    stem = "_".join(part for part in cleaned if part)[:MAX_STEM].strip(" .")
    return f"{stem or 'record'}{suffix}"


def without_field_ids(text: str, ids: Iterable[str]) -> str:
    """``text`` without the ``(field_id)`` a message names its field by after its label: a
    form shows the label, the id is for the command line and the log."""
    for field_id in ids:
        text = text.replace(f" ({field_id})", "").replace(f"({field_id})", "")
    return text
