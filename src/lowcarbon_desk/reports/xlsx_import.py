"""Reading a standard workbook that a user filled or corrected in Excel or LibreOffice.

Columns are matched by field id (the hidden third header row, else the ``_meta`` order) and
sheets by name, else by their field ids, else by position, so renamed sheets, moved columns
and extra columns are fine. Every row is checked with ``domain.evaluate``; any error anywhere
(malformed value or rule error) stops the import and nothing is written. Otherwise, in one
transaction: unknown organisations are added, rows whose ``record_id`` is a stored draft
update it, rows whose ``record_id`` is unknown (or blank) become new drafts, and rows equal
to the stored record are left alone (so re-importing an export changes nothing).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.errors import InputError
from ..domain.evaluate import evaluate, evaluate_org
from ..domain.forms import MONTHS, FormDef, get_form, require_known_version
from ..storage import Store
from .workbook_layout import (
    FIRST_DATA_ROW,
    FORMAT,
    FORMAT_VERSION,
    ID_ROW,
    KEY,
    LISTS_SHEET,
    META_SHEET,
    Column,
    Sheet,
    group_sheet,
    header_sheet,
    org_sheet,
)

SET_SPLIT = re.compile(r"[；;,，、\n]+")
MAX_LISTED_ERRORS = 50
# Excel's built-in Chinese/Japanese date formats (ids 27-36, 50-58) that openpyxl reads as plain
# numbers: a number in a date column is an Excel serial date whatever its format says.
CJK_DATE_FORMAT_IDS = (*range(27, 37), *range(50, 59))


@dataclass
class ImportResult:
    """What an import did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    orgs_added: list[str] = field(default_factory=list)


@dataclass
class _Cell:
    value: object
    ref: str  # 能源消费明细!D7


@dataclass
class _Pending:
    form: FormDef
    key: str
    sheet_name: str
    data: dict
    org_id: str | None
    org_cell: str
    row_cell: str
    cells: dict[str, str] = field(default_factory=dict)  # field path -> cell reference


class _Errors:
    def __init__(self) -> None:
        self.zh: list[str] = []
        self.en: list[str] = []

    def add(self, where: str, zh: str, en: str) -> None:
        self.zh.append(f"{where}：{zh}")
        self.en.append(f"{where}: {en}")

    def raise_if_any(self, path: Path) -> None:
        if not self.zh:
            return
        count = len(self.zh)
        more_zh = f"\n……另有 {count - MAX_LISTED_ERRORS} 处错误" if count > MAX_LISTED_ERRORS else ""
        more_en = f"\n… and {count - MAX_LISTED_ERRORS} more" if count > MAX_LISTED_ERRORS else ""
        raise InputError(
            f"工作簿 {path.name} 有 {count} 处错误，未导入任何内容：\n"
            + "\n".join(self.zh[:MAX_LISTED_ERRORS]) + more_zh,
            f"workbook {path.name} has {count} error(s); nothing was imported:\n"
            + "\n".join(self.en[:MAX_LISTED_ERRORS]) + more_en,
            subject=str(path))


def _open(path: Path):
    if not path.exists():
        raise InputError(f"文件 {path} 不存在", f"file {path} does not exist", subject=str(path))
    try:
        return load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{path.name} 不是有效的 Excel 工作簿（.xlsx）：{exc}",
                         f"{path.name} is not a valid Excel workbook (.xlsx): {exc}",
                         subject=str(path)) from None


def _read_meta(wb, path: Path) -> list[tuple[int, str, str, str, int, str, list[str]]]:
    if META_SHEET not in wb.sheetnames:
        raise InputError(f"{path.name} 不是本程序的标准工作簿（缺少隐藏的 _meta 工作表）；请先用“导出模板”生成工作簿再填写",
                         f"{path.name} is not a standard lowcarbon-desk workbook (no hidden _meta sheet); "
                         "export a template and fill that", subject=str(path))
    info: dict[str, object] = {}
    sheets = []
    for row in wb[META_SHEET].iter_rows(values_only=True):
        if not row or row[0] is None:
            continue
        if row[0] == "sheet":
            ids = [str(v) for v in row[7:] if v is not None]
            sheets.append((int(row[1]), str(row[2]), str(row[3]), str(row[4]), int(row[5]),
                           str(row[6] or ""), ids))
        elif row[0] != "record":
            info[str(row[0])] = row[1]
    if info.get("format") != FORMAT:
        raise InputError(f"{path.name} 不是本程序的标准工作簿（格式标识为 {info.get('format')!r}）",
                         f"{path.name} is not a standard lowcarbon-desk workbook (format {info.get('format')!r})",
                         subject=str(path))
    version = info.get("format_version")
    if version != FORMAT_VERSION:
        raise InputError(
            f"{path.name} 的工作簿格式版本为 {version}，本程序只能读取版本 {FORMAT_VERSION}；"
            "请用本程序重新导出模板，把数据复制过去后再导入",
            f"{path.name} has workbook format version {version}; this program reads version "
            f"{FORMAT_VERSION} only. Export a new template, copy the data into it and import that",
            subject=str(path))
    return sorted(sheets)


def _layout(kind: str, form_id: str, version: int, group: str, name: str) -> tuple[FormDef, Sheet]:
    form = get_form(form_id, version)
    if kind == "org":
        return form, org_sheet()
    if kind == "header":
        return form, header_sheet(form)
    return form, group_sheet(form, form.field(group), name)


def _resolve_sheets(wb, entries) -> dict[int, Worksheet | None]:
    data_sheets = [ws for ws in wb.worksheets if ws.title not in (META_SHEET, LISTS_SHEET)]
    claimed: dict[int, Worksheet | None] = {}
    taken: set[str] = set()
    for position, name, *_ in entries:
        if name in wb.sheetnames:
            claimed[position] = wb[name]
            taken.add(name)
    for position, _name, _kind, _form, _v, _group, ids in entries:
        if position in claimed:
            continue
        for ws in data_sheets:
            if ws.title in taken:
                continue
            found = {str(c.value) for c in ws[ID_ROW] if c.value is not None}
            if found and found == set(ids):
                claimed[position] = ws
                taken.add(ws.title)
                break
    for position, *_ in entries:
        if position not in claimed and position < len(data_sheets) \
                and data_sheets[position].title not in taken:
            claimed[position] = data_sheets[position]
            taken.add(data_sheets[position].title)
    return claimed


def _column_map(ws: Worksheet, sheet: Sheet, meta_ids: list[str]) -> dict[int, str]:
    """Column number → column id, from the hidden id row, else the order kept in ``_meta``."""
    known = set(sheet.ids)
    mapping = {c.column: str(c.value) for c in ws[ID_ROW] if str(c.value) in known}
    if not mapping:  # the id row was deleted: fall back to the exported order
        mapping = {i + 1: field_id for i, field_id in enumerate(meta_ids) if field_id in known}
    return mapping


def _convert(column: Column, cell) -> object:
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = column.type
    if isinstance(value, dt.datetime) and kind != "date":
        if kind == "period":
            return f"{value.year}-{value.month:02d}"
        value = value.date()
    if kind == "date":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            # built-in CJK date formats (ids 31, 57, 58 …) come back as serial numbers
            return from_excel(value).date()
        if isinstance(value, dt.datetime):
            return value.date()
        return value
    if kind in ("text", "period", "enum"):
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        return value
    if kind == "set":
        return [part.strip() for part in SET_SPLIT.split(str(value)) if part.strip()]
    if kind == "bool":
        text = str(value).strip()
        return {"是": True, "否": False, "true": True, "false": False}.get(text.lower(), value)
    return value


def _rows(ws: Worksheet, sheet: Sheet, mapping: dict[int, str]):
    """Yield (row number, {column id: _Cell}) for every non-blank data row."""
    columns = {c.id: c for c in sheet.columns}
    editable = {c.id for c in sheet.columns if not c.readonly}
    for row in ws.iter_rows(min_row=FIRST_DATA_ROW):
        cells: dict[str, _Cell] = {}
        for cell in row:
            column_id = mapping.get(cell.column)
            if column_id is None:
                continue
            cells[column_id] = _Cell(_convert(columns[column_id], cell),
                                     f"{ws.title}!{get_column_letter(cell.column)}{cell.row}")
        if any(cells[c].value is not None for c in cells if c in editable):
            yield row[0].row, cells


def _cell_for(path: str, pending: _Pending) -> str:
    candidate = path
    while candidate:
        if candidate in pending.cells:
            return pending.cells[candidate]
        candidate = re.sub(r"(\.\w+|\[\d+\])$", "", candidate) if re.search(r"(\.\w+|\[\d+\])$", candidate) else ""
    return pending.row_cell


def import_workbook(store: Store, path: Path | str, operator: str) -> ImportResult:
    """Import a standard workbook: all or nothing; raises ``InputError`` naming each cell."""
    path = Path(path)
    wb = _open(path)
    entries = _read_meta(wb, path)
    resolved = _resolve_sheets(wb, entries)
    errors = _Errors()
    new_orgs: dict[str, dict] = {}
    headers: dict[tuple[str, int], dict[str, _Pending]] = {}
    groups: list[tuple[FormDef, Sheet, Worksheet, dict[int, str]]] = []
    for position, name, kind, form_id, version, group, ids in entries:
        ws = resolved.get(position)
        if ws is None:
            continue
        require_known_version(form_id, version, f"{path.name} [{name}]")  # a newer program's form version
        form, sheet = _layout(kind, form_id, version, group, name)
        mapping = _column_map(ws, sheet, ids)
        if kind == "org":
            _read_orgs(store, ws, sheet, mapping, new_orgs, errors)
        elif kind == "header":
            headers[(form.id, form.version)] = _read_headers(ws, form, sheet, mapping, errors)
        else:
            groups.append((form, sheet, ws, mapping))
    for form, sheet, ws, mapping in groups:
        if form.field(sheet.group).type == "attachments":
            continue  # shown for information; attachments travel in the database, not here
        _read_group(ws, form, sheet, mapping, headers.get((form.id, form.version), {}), errors)
    plan = _check_records(store, headers, new_orgs, errors)
    errors.raise_if_any(path)
    return _apply(store, plan, new_orgs, operator)


def _read_orgs(store: Store, ws: Worksheet, sheet: Sheet, mapping: dict[int, str],
               new_orgs: dict[str, dict], errors: _Errors) -> None:
    for _row, cells in _rows(ws, sheet, mapping):
        raw = {k: c.value for k, c in cells.items()}
        org_id = str(raw.get("org_id") or "").strip()
        if org_id and (store.get_org(org_id) is not None or org_id in new_orgs):
            continue
        result = evaluate_org(raw)
        if result.errors:
            for issue in result.errors:
                where = cells.get(issue.field.split("[")[0], next(iter(cells.values()))).ref
                errors.add(where, issue.message_zh, issue.message_en)
            continue
        new_orgs[result.data["org_id"]] = result.data


def _read_headers(ws: Worksheet, form: FormDef, sheet: Sheet, mapping: dict[int, str],
                  errors: _Errors) -> dict[str, _Pending]:
    pending: dict[str, _Pending] = {}
    columns = {c.id: c for c in sheet.columns}
    for row, cells in _rows(ws, sheet, mapping):
        key_cell = cells.get(KEY)
        key = str(key_cell.value).strip() if key_cell and key_cell.value is not None else f"@row{row}"
        first = next(iter(cells.values())).ref
        if key in pending:
            errors.add(key_cell.ref if key_cell else first, f"记录编号 {key} 重复（与 {pending[key].row_cell} 同号）",
                       f"record id {key} repeats {pending[key].row_cell}")
            continue
        data: dict = {}
        item = _Pending(form, key, ws.title, data, None, "", key_cell.ref if key_cell else first)
        months: dict[str, list] = {}
        for column_id, cell in cells.items():
            column = columns[column_id]
            if column.readonly or column_id == KEY:
                continue
            if column_id == "org_id":
                item.org_id = None if cell.value is None else str(cell.value).strip()
                item.org_cell = cell.ref
                continue
            if "[" in column_id:
                name, index = column_id[:-1].split("[")
                months.setdefault(name, [None] * MONTHS)[int(index)] = cell.value
                item.cells[f"{name}[{index}]"] = cell.ref
                continue
            data[column_id] = cell.value
            item.cells[column_id] = cell.ref
        data.update(months)
        item.cells.setdefault("", item.row_cell)
        pending[key] = item
    return pending


def _read_group(ws: Worksheet, form: FormDef, sheet: Sheet, mapping: dict[int, str],
                pending: dict[str, _Pending], errors: _Errors) -> None:
    columns = {c.id: c for c in sheet.columns}
    header_name = form.title()
    for _row, cells in _rows(ws, sheet, mapping):
        key_cell = cells.get(KEY)
        key = str(key_cell.value).strip() if key_cell and key_cell.value is not None else ""
        first = next(iter(cells.values())).ref
        owner = pending.get(key)
        if owner is None:
            errors.add(key_cell.ref if key_cell else first,
                       f"记录编号“{key}”在工作表“{header_name}”中不存在（明细行须用所属记录的记录编号）",
                       f"record id {key!r} is not on the sheet {header_name!r} "
                       "(list rows need the record id of their record)")
            continue
        items = owner.data.setdefault(sheet.group, [])
        index = len(items)
        item: dict = {}
        for column_id, cell in cells.items():
            if columns[column_id].readonly or column_id == KEY:
                continue
            item[column_id] = cell.value
            owner.cells[f"{sheet.group}[{index}].{column_id}"] = cell.ref
        owner.cells[f"{sheet.group}[{index}]"] = (key_cell or next(iter(cells.values()))).ref
        items.append(item)


@dataclass
class _Planned:
    pending: _Pending
    action: str  # add | update | unchanged
    record_id: str | None
    data: dict


def _check_records(store: Store, headers: dict[tuple[str, int], dict[str, _Pending]],
                   new_orgs: dict[str, dict], errors: _Errors) -> list[_Planned]:
    plan: list[_Planned] = []
    for (_form_id, _version), pending in headers.items():
        for item in pending.values():
            form = item.form
            org = store.get_org(item.org_id) if item.org_id else None
            org = org or new_orgs.get(item.org_id or "")
            if org is None:
                errors.add(item.org_cell or item.row_cell,
                           f"单位 {item.org_id or '（空）'} 不存在，工作簿的“单位基本信息”表中也没有",
                           f"organisation {item.org_id or '(blank)'} does not exist and is not on the organisations sheet")
                continue
            existing = None
            if not item.key.startswith("@row"):
                rows = list(store.db.query("SELECT record_id, form, state, reference_data_version "
                                           "FROM records WHERE record_id = ?", [item.key]))
                existing = rows[0] if rows else None
            if existing is not None and existing["form"] != form.id:
                errors.add(item.row_cell, f"记录 {item.key} 是{get_form(existing['form']).title()}，不能放在本表",
                           f"record {item.key} is a {existing['form']}, not a {form.id}")
                continue
            stored = store.get_record(item.key) if existing else None
            if stored is not None and form.has_field("attachments"):
                item.data["attachments"] = stored["data"].get("attachments") or []
            version = existing["reference_data_version"] if existing else None
            ref = store.reference_for(version) if existing else store.reference()
            result = evaluate(form.id, item.data, org=org, ref=ref, version=form.version)
            for issue in result.errors:
                errors.add(_cell_for(issue.field, item), issue.message_zh, issue.message_en)
            if result.errors:
                continue
            if stored is None:
                plan.append(_Planned(item, "add", None, result.data))
            elif stored["data"] == result.data and stored["org_id"] == org["org_id"]:
                plan.append(_Planned(item, "unchanged", item.key, result.data))
            elif stored["org_id"] != org["org_id"]:
                errors.add(item.org_cell, f"记录 {item.key} 属于单位 {stored['org_id']}，不能改为 {org['org_id']}",
                           f"record {item.key} belongs to {stored['org_id']}; it cannot move to {org['org_id']}")
            elif stored["state"] != "draft":
                errors.add(item.row_cell, f"记录 {item.key} 已{'提交' if stored['state'] == 'submitted' else '处理'}，只读；"
                           "如需修改请先在程序中“修订”生成新版本，再导出填写",
                           f"record {item.key} is {stored['state']} and read-only; revise it first, "
                           "then export and fill the new draft")
            else:
                plan.append(_Planned(item, "update", item.key, result.data))
    return plan


def _apply(store: Store, plan: list[_Planned], new_orgs: dict[str, dict],
           operator: str) -> ImportResult:
    result = ImportResult()
    with store.transaction():
        if new_orgs:
            result.orgs_added = store.add_orgs(list(new_orgs.values()), operator)
        for item in plan:
            if item.action == "add":
                org_id = item.pending.org_id or ""
                result.added.append(store.add_record(item.pending.form.id, org_id, item.data,
                                                     operator, version=item.pending.form.version))
            elif item.action == "update":
                store.update_record(item.record_id or "", item.data, operator, version=item.pending.form.version)
                result.updated.append(item.record_id or "")
            else:
                result.unchanged.append(item.record_id or "")
    return result
