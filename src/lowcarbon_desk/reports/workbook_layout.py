"""The layout of the standard workbook, shared by the export and the import.

Every data sheet has a three-row header block: row 1 the labels, row 2 the units, row 3
(hidden) the field ids; data start on row 4. The hidden sheet ``_meta`` records the format
and version, one row per sheet (its position, name, kind, form and version) with the field
ids of its columns, and one row per exported record (id, revision, form, organisation). The
import matches sheets by name, else by their field ids, else by their position, and columns
by field id (row 3, else the ``_meta`` order), so renamed sheets, moved or extra columns do
not break it.

Column ids: entered fields use their field id (``period``, ``lines``' columns ``energy`` …),
the twelve months of a ``months`` field are ``monthly_actual_tce[0]`` … ``[11]``, computed
values are ``computed:<id>`` and columns shown for information only are ``info:<name>``;
``record_id`` links a record's header row to the rows of its lists.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .. import __version__
from ..domain.forms import MONTHS, ComputedDef, FieldDef, FormDef, get_form
from .display import column_unit, energy_key, number_format

FORMAT = "lowcarbon-desk-workbook"
FORMAT_VERSION = 1
META_SHEET = "_meta"
LISTS_SHEET = "_lists"
LABEL_ROW, UNIT_ROW, ID_ROW = 1, 2, 3
FIRST_DATA_ROW = 4
TEMPLATE_ROWS = 500  # rows that get drop-downs in an empty sheet
GUIDE_SHEET = "填报说明"  # the template's instructions, first; never data
# the example row of a template sheet: its 记录编号 (or 单位代码) says so, and the import skips it
EXAMPLE_MARK = "示例（导入时忽略）"
KEY = "record_id"
COMPUTED_PREFIX = "computed:"
INFO_PREFIX = "info:"


@dataclass(frozen=True)
class Column:
    """One column of a data sheet."""

    id: str
    label: str
    unit: str = ""
    kind: str = "field"  # key | field | computed | info
    type: str = "text"  # text number int year period date enum set bool
    enum: str = ""
    number_format: str = "General"
    spec: FieldDef | ComputedDef | None = None

    @property
    def readonly(self) -> bool:
        return self.kind in ("computed", "info")


@dataclass(frozen=True)
class Sheet:
    """One data sheet: the organisations, a form's header rows, or one list of a form."""

    name: str
    kind: str  # org | header | group
    form: str
    form_version: int
    group: str = ""
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.columns]


def _field_column(spec: FieldDef, *, unit: str | None = None) -> Column:
    kind = spec.type
    decimals = None
    fmt = "General"
    if kind == "number":
        fmt = number_format(decimals)
    elif kind in ("int", "year"):
        fmt = number_format(None, kind)
    elif kind == "date":
        fmt = "yyyy-mm-dd"
    elif kind == "period":
        fmt = "@"
    return Column(spec.id, spec.label(), spec.unit() if unit is None else unit, "field", kind,
                  spec.enum, fmt, spec)


def _computed_column(spec: ComputedDef) -> Column:
    fmt = "General"
    if spec.type == "number" and spec.exact:
        fmt = "General"  # a coefficient as applied (0.03412), as the PDF shows it
    elif spec.type == "number":
        fmt = number_format(spec.decimals)
    elif spec.type == "int":
        fmt = number_format(None, "int")
    return Column(COMPUTED_PREFIX + spec.id, spec.label(), spec.unit(), "computed", spec.type,
                  spec.enum, fmt, spec)


def org_sheet() -> Sheet:
    form = get_form("org")
    return Sheet(form.title(), "org", form.id, form.version,
                 columns=tuple(_field_column(f) for f in form.scalar_fields()))


def header_sheet(form: FormDef) -> Sheet:
    columns = [Column(KEY, "记录编号", "", "key"),
               Column(INFO_PREFIX + "revision", "修订版本", "", "info", "int", number_format="0"),
               Column(INFO_PREFIX + "state", "状态", "", "info"),
               Column("org_id", "统一社会信用代码 / 行政区划代码", "", "field"),
               Column(INFO_PREFIX + "org_name", "单位名称", "", "info")]
    for spec in form.fields:
        if spec.type == "months":
            for month in range(MONTHS):
                columns.append(Column(f"{spec.id}[{month}]", f"{spec.label()} {month + 1}月",
                                      spec.unit(), "field", "number", "",
                                      number_format(None), spec))
        elif not spec.is_container or spec.type == "set":
            columns.append(_field_column(spec))
    columns += [_computed_column(c) for c in form.computed_for("record")]
    return Sheet(form.title(), "header", form.id, form.version, columns=tuple(columns))


def group_sheet(form: FormDef, spec: FieldDef, name: str) -> Sheet:
    columns = [Column(KEY, "记录编号", "", "key")]
    key = energy_key(spec)
    if spec.type == "attachments":
        columns += [Column(INFO_PREFIX + n, label, "", "info", t, number_format=fmt)
                    for n, label, t, fmt in (("name", "文件名", "text", "General"),
                                             ("size", "大小（字节）", "int", "#,##0"),
                                             ("sha256", "SHA-256", "text", "General"))]
        return Sheet(name, "group", form.id, form.version, spec.id, tuple(columns))
    for column in spec.columns:
        columns.append(_field_column(column, unit=column_unit(column)))
        if key and column.id == key:
            columns.append(Column(INFO_PREFIX + "unit", "计量单位", "", "info"))
    columns += [_computed_column(c) for c in form.computed_for(spec.id)]
    return Sheet(name, "group", form.id, form.version, spec.id, tuple(columns))


def _group_name(form: FormDef, spec: FieldDef) -> str:
    for section in form.sections:
        if spec in section.fields and len(section.fields) == 1:
            return section.label()
    return spec.label()


def _safe_name(name: str, used: set[str]) -> str:
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:28]
    candidate, n = clean, 2
    while candidate in used or candidate.startswith("_"):
        candidate = f"{clean}{n}"
        n += 1
    used.add(candidate)
    return candidate


def workbook_sheets(forms: list[FormDef]) -> list[Sheet]:
    """The data sheets for these forms: organisations first, then each form's sheets."""
    used: set[str] = set()
    first = org_sheet()
    sheets = [Sheet(_safe_name(first.name, used), first.kind, first.form, first.form_version,
                    columns=first.columns)]
    for form in forms:
        head = header_sheet(form)
        sheets.append(Sheet(_safe_name(head.name, used), "header", form.id, form.version,
                            columns=head.columns))
        for spec in form.container_fields():
            if spec.type in ("group", "attachments"):
                sheets.append(group_sheet(form, spec, _safe_name(_group_name(form, spec), used)))
    return sheets


_WIDE = re.compile("[\u2e80-\U0010ffff]")


def text_width(value: object) -> int:
    """Display width of a cell's text: CJK characters (U+2E80 on) count double."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return len(text) + len(_WIDE.findall(text))


def meta_rows(sheets: list[Sheet], docs: list[dict]) -> list[list[object]]:
    """The rows of the hidden ``_meta`` sheet (format, layout of every data sheet, records)."""
    rows: list[list[object]] = [["format", FORMAT], ["format_version", FORMAT_VERSION],
                                ["app_version", __version__],
                                ["header_rows", ID_ROW, "first_data_row", FIRST_DATA_ROW]]
    for position, sheet in enumerate(sheets):
        rows.append(["sheet", position, sheet.name, sheet.kind, sheet.form, sheet.form_version,
                     sheet.group, *sheet.ids])
    for doc in docs:
        rows.append(["record", doc["record_id"], doc.get("revision"), doc["form"],
                     doc.get("form_version"), doc.get("org_id"), doc.get("state")])
    return rows
