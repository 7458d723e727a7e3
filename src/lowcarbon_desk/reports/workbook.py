"""The standard workbook (openpyxl, write-only so large exports stay small in memory).

One sheet per record type present (Chinese names), the organisations they belong to, one
sheet per repeating list keyed by ``record_id``; a three-row header (labels, units, hidden
field ids), numbers as numbers with formats, dates as dates, enumerations in Chinese with
drop-downs, computed values shaded, frozen header, fitted widths, and the hidden ``_meta`` and
``_lists`` sheets. With no records it is the empty template for all five forms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..domain.forms import RECORD_FORMS, ComputedDef, FormDef, get_form
from ..domain.records import state_label
from ..domain.reference import ReferenceData
from ..storage import Store
from .display import LIST_SEPARATOR, YES_NO, computed_text, row_unit
from .print_setup import fit_columns
from .template import write_template
from .workbook_layout import (
    COMPUTED_PREFIX,
    FIRST_DATA_ROW,
    ID_ROW,
    INFO_PREFIX,
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
from .xlsx_writer import UnwritableText, data_stamp, save_workbook, styled_sheet, unwritable_char

HEAD_FILL = PatternFill("solid", fgColor="DCE6F0")
UNIT_FILL = PatternFill("solid", fgColor="EEF3F8")
READONLY_FILL = PatternFill("solid", fgColor="EDEDED")
HEAD_FONT = Font(bold=True)
UNIT_FONT = Font(color="52606D", size=9)
ID_FONT = Font(color="9AA5B1", size=8)


COMPUTED_MARK = "（计算值）"


def header_text(column: Column) -> str:
    """A column's header as the workbook writes it (computed columns marked 计算值)."""
    return column.label + (COMPUTED_MARK if column.kind == "computed" else "")


def fit_to_width(ws) -> None:
    """Print landscape, all columns on one page width, header rows repeated."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def cell_value(form: FormDef, column: Column, value: object, ref: ReferenceData) -> object:
    """A stored value as the workbook holds it (typed; enumerations as Chinese labels)."""
    if value is None:
        return None
    if column.kind == "computed":
        if column.type in ("number", "int") or not isinstance(column.spec, ComputedDef):
            return value
        return computed_text(form, column.spec, value, ref)
    kind = column.type
    if kind == "date":
        return dt.date.fromisoformat(str(value))
    if kind == "enum":
        return form.enum_label(column.enum, value, "zh", ref)
    if kind == "set":
        return LIST_SEPARATOR.join(form.enum_label(column.enum, v, "zh", ref)
                                   for v in (value if isinstance(value, list) else [value]))
    if kind == "bool":
        return YES_NO["zh"][0 if value else 1]
    if kind == "period":
        return str(value)
    return value


def _header_rows(doc: dict, org: dict | None, form: FormDef, sheet: Sheet,
                 ref: ReferenceData) -> list[list[object]]:
    data, computed = doc.get("data") or {}, doc.get("computed") or {}
    row: list[object] = []
    for column in sheet.columns:
        if column.id == KEY:
            row.append(doc["record_id"])
        elif column.id == INFO_PREFIX + "revision":
            row.append(doc.get("revision"))
        elif column.id == INFO_PREFIX + "state":
            row.append(state_label(doc.get("state") or ""))
        elif column.id == INFO_PREFIX + "org_name":
            row.append((org or {}).get("name"))
        elif column.id == "org_id":
            row.append(doc.get("org_id"))
        elif column.id.startswith(COMPUTED_PREFIX):
            row.append(cell_value(form, column, computed.get(column.id[len(COMPUTED_PREFIX):]), ref))
        elif "[" in column.id:
            name, index = column.id[:-1].split("[")
            months = data.get(name) or []
            value = months[int(index)] if int(index) < len(months) else None
            row.append(value)
        else:
            row.append(cell_value(form, column, data.get(column.id), ref))
    return [row]


def _group_rows(doc: dict, form: FormDef, sheet: Sheet, ref: ReferenceData) -> list[list[object]]:
    spec = form.field(sheet.group)
    items = (doc.get("data") or {}).get(sheet.group) or []
    computed_items = (doc.get("computed") or {}).get(sheet.group) or []
    rows = []
    for index, item in enumerate(items):
        comp = computed_items[index] if index < len(computed_items) else {}
        row: list[object] = []
        for column in sheet.columns:
            if column.id == KEY:
                row.append(doc["record_id"])
            elif column.id == INFO_PREFIX + "unit":
                measured = next((c for c in spec.columns if c.unit_from), None)
                row.append(row_unit(spec, measured, item, ref) if measured else "")
            elif column.id.startswith(INFO_PREFIX):
                row.append(item.get(column.id[len(INFO_PREFIX):]))
            elif column.id.startswith(COMPUTED_PREFIX):
                row.append(cell_value(form, column, comp.get(column.id[len(COMPUTED_PREFIX):]), ref))
            else:
                row.append(cell_value(form, column, item.get(column.id), ref))
        rows.append(row)
    return rows


def _org_row(org: dict, sheet: Sheet, ref: ReferenceData) -> list[object]:
    form = get_form("org")
    return [cell_value(form, c, org.get(c.id), ref) for c in sheet.columns]


def _enum_options(form: FormDef, column: Column, ref: ReferenceData) -> list[str]:
    return [o.zh for o in form.enum_options(column.enum, ref)]


class _Lists:
    """The hidden sheet of drop-down lists: one column per enumeration."""

    def __init__(self) -> None:
        self.columns: list[list[str]] = []
        self._index: dict[tuple[str, ...], int] = {}

    def range_for(self, options: list[str]) -> str:
        key = tuple(options)
        if key not in self._index:
            self._index[key] = len(self.columns)
            self.columns.append(options)
        letter = get_column_letter(self._index[key] + 1)
        return f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(options)}"


def _write_sheet(wb: Workbook, sheet: Sheet, rows: list[list[object]], form: FormDef,
                 ref: ReferenceData, lists: _Lists) -> None:
    ws = styled_sheet(wb, sheet.name)
    ws.declare_size(ID_ROW + len(rows), len(sheet.columns))
    heads = [header_text(c) for c in sheet.columns]
    # the header as written (a computed column's label with （计算值）), bold: never clipped
    widths = [max(text_width(head) + 1, text_width(c.unit), 6) for head, c in zip(heads, sheet.columns, strict=True)]
    for row in rows[:2000]:
        for i, value in enumerate(row):
            if value is not None:
                widths[i] = max(widths[i], text_width(value))
    shown = [min(width + 2, 60) for width in widths]
    for i, width in enumerate(shown):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.row_dimensions[ID_ROW].hidden = True
    # labels and units repeat on every page; the record id column on every block of columns
    fit_columns(ws, shown, title_rows=f"1:{ID_ROW - 1}", key_columns=1)
    ws.freeze_panes = f"B{FIRST_DATA_ROW}"
    last_row = FIRST_DATA_ROW + max(len(rows), TEMPLATE_ROWS) - 1
    for i, column in enumerate(sheet.columns):
        if column.readonly or column.type not in ("enum", "bool") or not column.enum:
            continue
        letter = get_column_letter(i + 1)
        dv = DataValidation(type="list", formula1=lists.range_for(_enum_options(form, column, ref)),
                            allow_blank=True, showErrorMessage=True,
                            errorTitle="取值不在列表中", error="请从下拉列表中选择")
        dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        ws.data_validations.append(dv)

    def styled(value: object, font: Font | None = None, fill: PatternFill | None = None,
               fmt: str | None = None, wrap: bool = False) -> Cell:
        # types-openpyxl takes fewer value types here than openpyxl does (dates, Decimal, bool)
        cell = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if fmt:
            cell.number_format = fmt
        if wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        return cell

    ws.append([styled(head, HEAD_FONT, READONLY_FILL if c.readonly else HEAD_FILL)
               for head, c in zip(heads, sheet.columns, strict=True)])
    ws.append([styled(c.unit, UNIT_FONT, UNIT_FILL) for c in sheet.columns])
    ws.append([styled(c.id, ID_FONT) for c in sheet.columns])
    formats = [c.number_format if c.number_format != "General" else None for c in sheet.columns]
    readonly = [c.readonly for c in sheet.columns]
    for row in rows:
        ws.append([styled(v, fill=READONLY_FILL if readonly[i] else None, fmt=formats[i])
                   if (formats[i] or readonly[i]) else v for i, v in enumerate(row)])


def _write_meta(wb: Workbook, sheets: list[Sheet], docs: list[dict]) -> None:
    ws = styled_sheet(wb, META_SHEET)
    ws.sheet_state = "hidden"
    for row in meta_rows(sheets, docs):
        ws.append(row)


def _strings(value: object, path: str) -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def refuse_unwritable(docs: list[dict], orgs: Iterable[dict]) -> None:
    """Name the record or organisation whose text a workbook cannot hold (written by an older
    version, before input refused control characters), before anything is written."""
    for doc in docs:
        for path, text in _strings(doc.get("data"), ""):
            code = unwritable_char(text)
            if code is not None:
                raise UnwritableText(
                    f"记录 {doc['record_id']} 的 {path} 含有控制字符 {code}，工作簿无法保存它；"
                    "请修改该记录（已提交的记录请先修订），未写出文件",
                    f"record {doc['record_id']}: {path} holds the control character {code}, which a "
                    "workbook cannot store; correct the record (revise it if it was submitted). No file "
                    "was written", subject=doc["record_id"])
    for org in orgs:
        for key, text in _strings(org, ""):
            code = unwritable_char(text)
            if code is not None:
                raise UnwritableText(
                    f"单位 {org.get('org_id')} 的 {key} 含有控制字符 {code}，工作簿无法保存它；请修改单位信息，未写出文件",
                    f"organisation {org.get('org_id')}: {key} holds the control character {code}, which a "
                    "workbook cannot store; correct the profile. No file was written", subject=key)


def write_workbook(docs: list[dict], orgs: dict[str, dict], path: Path | str,
                   reference: Callable[[str | None], ReferenceData]) -> Path:
    """Write the standard workbook of ``docs`` (record documents) atomically to ``path``.

    ``orgs`` maps org ids to profiles; ``reference(version)`` gives a reference set. With no
    documents the result is the blank template of every record form (``template``). The file is dated by the
    newest ``updated_at`` of the records and organisations written (the template: 1980-01-01),
    so the same records give the same bytes.
    """
    if not docs:
        return write_template(path, reference(None))
    present = sorted({(d["form"], d.get("form_version")) for d in docs},
                     key=lambda fv: (RECORD_FORMS.index(fv[0]), fv[1]))
    forms = [get_form(f, v) for f, v in present]
    sheets = workbook_sheets(forms)
    used_orgs = sorted({d["org_id"] for d in docs if d.get("org_id") in orgs})
    refuse_unwritable(docs, [orgs[o] for o in used_orgs])
    latest = reference(None)
    wb = Workbook(write_only=True)
    lists = _Lists()
    by_form: dict[tuple[str, int | None], list[dict]] = {}
    for doc in docs:
        by_form.setdefault((doc["form"], doc.get("form_version")), []).append(doc)
    for sheet in sheets:
        form = get_form(sheet.form, sheet.form_version)
        rows: list[list[object]] = []
        if sheet.kind == "org":
            rows = [_org_row(orgs[o], sheet, latest) for o in used_orgs]
        else:
            for doc in by_form.get((sheet.form, sheet.form_version), []):
                ref = reference(doc.get("reference_data_version"))
                if sheet.kind == "header":
                    rows += _header_rows(doc, orgs.get(doc.get("org_id", "")), form, sheet, ref)
                else:
                    rows += _group_rows(doc, form, sheet, ref)
        _write_sheet(wb, sheet, rows, form, latest, lists)
    lists_ws = styled_sheet(wb, LISTS_SHEET)
    lists_ws.sheet_state = "hidden"
    depth = max((len(c) for c in lists.columns), default=0)
    for i in range(depth):
        lists_ws.append([c[i] if i < len(c) else None for c in lists.columns])
    _write_meta(wb, sheets, docs)
    # same records, same bytes: dated by the newest change written, not the wall clock
    stamp = data_stamp([d.get("updated_at") for d in docs]
                       + [orgs[o].get("updated_at") for o in used_orgs])
    return save_workbook(wb, path, stamp)


def has_records(store: Store) -> int:
    """How many records the database holds (latest revisions)."""
    return len(store.list_records(latest_only=True))


def select_records(store: Store, *, org_id: str | None = None, period: str | None = None,
                   record_ids: Iterable[str] | None = None) -> list[dict]:
    """Record documents to export: the given ids, else the latest revision of every lineage
    matching the organisation and period filters (none given and no records: empty list)."""
    if record_ids is not None:
        return [store.get_record(r) for r in record_ids]
    rows = store.list_records(org_id=org_id, period=period, latest_only=True)
    rows.sort(key=lambda r: (RECORD_FORMS.index(r["form"]), r["org_id"], r["period"] or "",
                             r["record_id"]))
    return [store.get_record(r["record_id"]) for r in rows]


def export_workbook(store: Store, path: Path | str, *, org_id: str | None = None,
                    period: str | None = None, record_ids: Iterable[str] | None = None) -> int:
    """Write the standard workbook of the selected records (none: the blank template);
    returns how many were written."""
    if org_id:
        store.require_org(org_id)
    docs = select_records(store, org_id=org_id, period=period, record_ids=record_ids)
    orgs = {o["org_id"]: o for o in store.list_orgs()}
    write_workbook(docs, orgs, path, store.reference_for)
    return len(docs)
