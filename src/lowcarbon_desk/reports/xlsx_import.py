"""Reading a standard workbook that a user filled or corrected in Excel or LibreOffice.

Columns are matched by field id (the hidden third header row, else the ``_meta`` order) and
sheets by name, else by their field ids, else by position, so renamed sheets, moved columns
and extra columns are fine. Every row is checked with ``domain.evaluate``; any error anywhere
(malformed value or rule error) stops the import and nothing is written. Otherwise, in one
transaction: unknown organisations are added, rows whose ``record_id`` is a stored draft
update it, rows whose ``record_id`` is unknown (or blank) become new drafts, and rows equal
to the stored record are left alone (so re-importing an export changes nothing).

What is read is bounded and literal: the file is checked before parsing (``xlsx_guard``: size,
ZIP bombs, DTDs, giant sheets), sheets are streamed (openpyxl's read-only mode) up to
``MAX_DATA_ROWS`` rows, and a formula or error cell in a column the import reads is refused
naming its sheet and cell: the import never takes a formula's cached result, nor reads a
formula without one as empty.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet._read_only import ReadOnlyWorksheet as Worksheet

from ..domain.creditcode import full_width_reason, has_full_width
from ..domain.errors import InputError, LowcarbonError
from ..domain.evaluate import evaluate, evaluate_org
from ..domain.forms import MONTHS, FormDef, form_versions, get_form, require_known_version
from ..domain.issues import WARNING
from ..domain.text import shown
from ..storage import Store
from ..storage.imported import record_identity
from .workbook_layout import (
    EXAMPLE_MARK,
    FIRST_DATA_ROW,
    FORMAT,
    FORMAT_VERSION,
    GUIDE_SHEET,
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
from .xlsx_guard import check_workbook_file

SET_SPLIT = re.compile(r"[；;,，、\n]+")
MAX_LISTED_ERRORS = 50
MAX_DATA_ROWS = 200_000  # non-blank data rows on one sheet
MAX_COLUMNS = 1_000  # columns looked at for the field ids and the _meta rows
MAX_META_SHEETS = 200
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
    # added or updated drafts with warnings still to justify: record id -> how many
    to_justify: dict[str, int] = field(default_factory=dict)


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
    broken: bool = False  # a cell of it was refused (formula, error value): not checked further


class _Errors:
    def __init__(self) -> None:
        self.zh: list[str] = []
        self.en: list[str] = []
        self.reported_orgs: set[str] = set()  # org ids whose row on the org sheet was refused

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


def _chain(exc: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in found:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


def _damaged(path: Path, exc: BaseException, where: str = "") -> InputError:
    chain = _chain(exc)
    at_zh, at_en = (f"（{where}）", f" ({where})") if where else ("", "")
    defused = next((e for e in chain if type(e).__module__.startswith("defusedxml")), None)
    if defused is not None:  # openpyxl parses through defusedxml: an entity bomb or external entity
        name = type(defused).__name__
        return InputError(f"工作簿 {path.name} 含有 XML 实体声明（{name}），可能是 XML 炸弹或外部实体{at_zh}，已拒绝导入",
                          f"workbook {path.name} holds XML entity declarations ({name}): an entity bomb or "
                          f"external entity{at_en}; refused", subject=str(path))
    root = chain[-1]
    detail = shown(f"{type(root).__name__}: {root}", 160)
    return InputError(f"{path.name} 不是有效的 Excel 工作簿（.xlsx）{at_zh}：{detail}",
                      f"{path.name} is not a valid Excel workbook (.xlsx){at_en}: {detail}",
                      subject=str(path))


ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .et)


def other_spreadsheet(path: Path) -> tuple[str, str] | None:
    """What another spreadsheet format ``path`` holds (by its first bytes, whatever its name
    says), as (Chinese, English) words; ``None`` when it is not one we recognise."""
    with path.open("rb") as stream:
        head = stream.read(128)
    # an OpenDocument package stores its uncompressed "mimetype" member first (ODF 1.2 §3.3)
    if head.startswith(b"PK\x03\x04") and head[30:38] == b"mimetype" and ODS_MIMETYPE in head:
        return "OpenDocument 表格（.ods）", "an OpenDocument spreadsheet (.ods)"
    if head.startswith(OLE_MAGIC):
        return "旧版 Excel 97-2003 工作簿（.xls）", "an old Excel 97-2003 workbook (.xls)"
    if path.suffix.lower() in (".ods", ".fods"):
        return "OpenDocument 表格（.ods）", "an OpenDocument spreadsheet (.ods)"
    return None


def _open(path: Path):
    if not path.exists():
        raise InputError(f"文件 {path} 不存在", f"file {path} does not exist", subject=str(path))
    if not path.is_file():
        raise InputError(f"{path} 不是文件", f"{path} is not a file", subject=str(path))
    other = other_spreadsheet(path)
    if other is not None:
        raise InputError(f"{path.name} 是{other[0]}，本程序只读取 Excel 工作簿：请在表格软件中“另存为” .xlsx 格式后再导入",
                         f"{path.name} is {other[1]}; this program reads Excel workbooks only: save it as "
                         ".xlsx in the spreadsheet program and import that", subject=str(path))
    check_workbook_file(path)
    try:
        # formulas as written (data_only=False): a formula cell is refused, never read through
        # its cached value or as empty; read-only streams the sheets instead of loading them
        return load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # a hostile file makes openpyxl raise almost anything
        raise _damaged(path, exc) from None


class _Sheets:
    """The open workbook's sheets, read as rows of cells with any parse failure named."""

    def __init__(self, wb, path: Path):
        self.wb, self.path = wb, path

    def rows(self, ws: Worksheet, min_row: int = 1, max_row: int | None = None,
             max_col: int | None = None):
        """Yield (row number, cells) from ``min_row``; a parse error names the sheet and row.

        Without ``max_col`` a row holds the cells up to its last one written.
        """
        # the <dimension> a file declares may lie: "A1" would hide every row, "A1:XFD1048576"
        # would make every row 16,384 cells and pad a million empty rows
        ws.reset_dimensions()
        number = min_row
        try:
            # types-openpyxl borrows Worksheet.iter_rows for ReadOnlyWorksheet, self type and all
            rows = ws.iter_rows(min_row=min_row, max_row=max_row, max_col=max_col)  # type: ignore[misc]
            for number, cells in enumerate(rows, start=min_row):
                yield number, cells
        except LowcarbonError:
            raise
        except Exception as exc:
            raise _damaged(self.path, exc, f"{ws.title} 第 {number} 行附近 / near row {number}") from None

    def row(self, ws: Worksheet, number: int) -> tuple:
        return next((cells for _, cells in self.rows(ws, number, number)), ())


def _formula_problem(cell) -> tuple[str, str] | None:
    """Why a cell that the import reads cannot be taken: a formula or an error value."""
    if cell.data_type == "f":
        text = shown(str(cell.value), 40)
        return (f"单元格含有公式 {text}，导入只接受数值或文本（请复制后“选择性粘贴为数值”）",
                f"the cell holds the formula {text}; the import takes values and text only "
                "(copy and paste as values)")
    if cell.data_type == "e":
        text = shown(str(cell.value), 20)
        return (f"单元格是错误值 {text}", f"the cell holds the error value {text}")
    return None


@dataclass(frozen=True)
class _MetaSheet:
    position: int
    name: str
    kind: str
    form: str
    version: int
    group: str
    ids: list[str]


@dataclass(frozen=True)
class _MetaCell:
    value: object
    data_type: str
    coordinate: str


def _meta_cells(row: tuple, number: int, least: int) -> list[_MetaCell]:
    """A ``_meta`` row's cells (at least ``least``, blanks included) with their coordinates."""
    return [_MetaCell(row[i].value if i < len(row) else None, row[i].data_type if i < len(row) else "n",
                      f"{get_column_letter(i + 1)}{number}") for i in range(min(max(len(row), least), MAX_COLUMNS))]


class _MetaReader:
    """The hidden ``_meta`` sheet read cell by cell: anything edited into something else is
    refused naming the cell (``_meta!B5``) and what it should hold."""

    def __init__(self, path: Path):
        self.path = path

    def refuse(self, cell: _MetaCell, zh: str, en: str) -> InputError:
        where = f"{META_SHEET}!{cell.coordinate}"
        return InputError(
            f"{self.path.name} 的隐藏工作表 {where} {zh}；该表由本程序写入，请勿修改，或重新导出模板",
            f"{self.path.name}: the hidden sheet cell {where} {en}; the program writes that sheet, do "
            "not edit it (or export a new template)", subject=str(self.path))

    def value(self, cell) -> object:
        problem = _formula_problem(cell)
        if problem is not None:
            raise self.refuse(cell, problem[0], problem[1])
        return cell.value

    def whole(self, cell, what_zh: str, what_en: str) -> int:
        value = self.value(cell)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000:
            return value
        raise self.refuse(cell, f"应为{what_zh}（整数），现为 {_said(value)}",
                          f"should hold {what_en} (a whole number), not {_said(value)}")

    def text(self, cell, what_zh: str, what_en: str, allowed: tuple[str, ...] = ()) -> str:
        value = self.value(cell)
        if isinstance(value, str) and 0 < len(value) <= 200 and (not allowed or value in allowed):
            return value
        expected_zh = f"{what_zh}（{'、'.join(allowed)}）" if allowed else what_zh
        expected_en = f"{what_en} ({', '.join(allowed)})" if allowed else what_en
        raise self.refuse(cell, f"应为{expected_zh}，现为 {_said(value)}",
                          f"should hold {expected_en}, not {_said(value)}")


def _said(value: object) -> str:
    return "空白 / blank" if value is None else repr(shown(str(value), 40))


def _read_meta(wb, path: Path, sheets: _Sheets) -> list[_MetaSheet]:
    if META_SHEET not in wb.sheetnames:
        raise InputError(f"{path.name} 不是本程序的标准工作簿（缺少隐藏的 _meta 工作表）；请先用“导出模板”生成工作簿再填写",
                         f"{path.name} is not a standard lowcarbon-desk workbook (no hidden _meta sheet); "
                         "export a template and fill that", subject=str(path))
    meta = _MetaReader(path)
    info: dict[str, _MetaCell] = {}
    entries: list[_MetaSheet] = []
    for number, row in sheets.rows(wb[META_SHEET]):
        if not row or row[0].value is None:
            continue
        cells = _meta_cells(row, number, 7)
        label = meta.value(cells[0])
        if label == "sheet":
            kind = meta.text(cells[3], "工作表类型", "the sheet kind", ("org", "header", "group"))
            entry = _MetaSheet(meta.whole(cells[1], "工作表序号", "the sheet position"),
                               meta.text(cells[2], "工作表名称", "the sheet name"), kind,
                               meta.text(cells[4], "表单代码", "the form id"),
                               meta.whole(cells[5], "表单版本", "the form version"),
                               "" if kind != "group" else meta.text(cells[6], "明细字段代码", "the list's field id"),
                               [str(meta.value(c)) for c in cells[7:] if c.value is not None])
            _check_layout(meta, cells, entry, f"{path.name} [{entry.name}]")
            if any(e.position == entry.position for e in entries) or len(entries) >= MAX_META_SHEETS:
                raise meta.refuse(cells[1], "的工作表序号重复或过多", "repeats a sheet position (or lists too many)")
            entries.append(entry)
        elif label in ("format", "format_version"):
            meta.value(cells[1])
            info[label] = cells[1]
    found = info.get("format")
    if found is None or found.value != FORMAT:
        where = f"，{META_SHEET}!{found.coordinate}" if found else ""
        where_en = f", {META_SHEET}!{found.coordinate}" if found else ""
        raise InputError(f"{path.name} 不是本程序的标准工作簿（格式标识为 {_said(found and found.value)}{where}）",
                         f"{path.name} is not a standard lowcarbon-desk workbook (format "
                         f"{_said(found and found.value)}{where_en})", subject=str(path))
    cell = info.get("format_version")
    version = cell.value if cell else None
    if isinstance(version, float) and version.is_integer():
        version = int(version)
    if version != FORMAT_VERSION:
        where = f"{META_SHEET}!{cell.coordinate}" if cell else META_SHEET
        raise InputError(
            f"{path.name} 的工作簿格式版本为 {shown(str(version), 20)}（{where}），本程序只能读取版本 {FORMAT_VERSION}；"
            "请用本程序重新导出模板，把数据复制过去后再导入",
            f"{path.name} has workbook format version {shown(str(version), 20)} ({where}); this program reads "
            f"version {FORMAT_VERSION} only. Export a new template, copy the data into it and import that",
            subject=str(path))
    return sorted(entries, key=lambda e: e.position)


def _check_layout(meta: _MetaReader, cells: list, entry: _MetaSheet, where: str) -> None:
    """The form, version and list field a ``sheet`` row names must exist in this program (a
    version it does not know yet comes from a newer program: "update the program")."""
    if not form_versions(entry.form):
        raise meta.refuse(cells[4], f"应为表单代码，现为 {_said(entry.form)}",
                          f"should hold the form id, not {_said(entry.form)}")
    form = require_known_version(entry.form, entry.version, where)
    if (entry.kind == "org") != (entry.form == "org"):
        raise meta.refuse(cells[3], "的工作表类型与表单不符", "has a sheet kind that does not match the form")
    if entry.kind == "group":
        spec = next((f for f in form.fields if f.id == entry.group), None)
        if spec is None or spec.type not in ("group", "attachments"):
            raise meta.refuse(cells[6], f"的明细字段 {shown(entry.group, 40)} 在表单 {form.id} 中不存在",
                              f"names a list {shown(entry.group, 40)} that form {form.id} does not have")


def _layout(kind: str, form_id: str, version: int, group: str, name: str) -> tuple[FormDef, Sheet]:
    form = get_form(form_id, version)
    if kind == "org":
        return form, org_sheet()
    if kind == "header":
        return form, header_sheet(form)
    return form, group_sheet(form, form.field(group), name)


def _id_row(sheets: _Sheets, ws: Worksheet) -> dict[int, str]:
    """Column number → text of the hidden field-id row (formulas there are not ids)."""
    row = sheets.row(ws, ID_ROW)[:MAX_COLUMNS]
    return {i + 1: str(c.value) for i, c in enumerate(row)
            if c.value is not None and c.data_type in ("s", "n", "inlineStr")}


def _resolve_sheets(wb, entries: list[_MetaSheet], sheets: _Sheets) -> dict[int, Worksheet | None]:
    data_sheets = [ws for ws in wb.worksheets if ws.title not in (META_SHEET, LISTS_SHEET, GUIDE_SHEET)]
    claimed: dict[int, Worksheet | None] = {}
    taken: set[str] = set()
    for entry in entries:
        if entry.name in wb.sheetnames and entry.name not in taken:
            claimed[entry.position] = wb[entry.name]
            taken.add(entry.name)
    for entry in entries:
        if entry.position in claimed:
            continue
        for ws in data_sheets:
            if ws.title in taken:
                continue
            found = set(_id_row(sheets, ws).values())
            if found and found == set(entry.ids):
                claimed[entry.position] = ws
                taken.add(ws.title)
                break
    for entry in entries:
        position = entry.position
        if position not in claimed and position < len(data_sheets) \
                and data_sheets[position].title not in taken:
            claimed[position] = data_sheets[position]
            taken.add(data_sheets[position].title)
    return claimed


def _column_map(sheets: _Sheets, ws: Worksheet, sheet: Sheet, meta_ids: list[str]) -> dict[int, str]:
    """Column number → column id, from the hidden id row, else the order kept in ``_meta``."""
    known = set(sheet.ids)
    mapping = {column: text for column, text in _id_row(sheets, ws).items() if text in known}
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


def _rows(sheets: _Sheets, ws: Worksheet, sheet: Sheet, mapping: dict[int, str], errors: _Errors):
    """Yield (row number, {column id: _Cell}, refused) for every non-blank data row.

    A formula or error cell in a column the import reads is an error naming the cell; the
    row comes with ``refused`` set, so its record is reported once and not checked as if the
    cell were empty.
    """
    columns = {c.id: c for c in sheet.columns}
    editable = {c.id for c in sheet.columns if not c.readonly}
    read = {column: column_id for column, column_id in mapping.items()
            if column_id in editable or column_id == KEY}
    if not mapping:
        return
    taken = 0
    for number, row in sheets.rows(ws, FIRST_DATA_ROW, max_col=max(mapping)):
        cells: dict[str, _Cell] = {}
        refused = False
        for index, cell in enumerate(row):
            column_id = mapping.get(index + 1)
            if column_id is None or cell.value is None:
                continue
            ref = f"{ws.title}!{get_column_letter(index + 1)}{number}"
            problem = _formula_problem(cell) if index + 1 in read else None
            if problem is not None:
                errors.add(ref, problem[0], problem[1])
                refused = True
                continue
            cells[column_id] = _Cell(_convert(columns[column_id], cell), ref)
        if any(c in cells and cells[c].value == EXAMPLE_MARK for c in (KEY, "org_id")):
            continue  # a template's example row
        if refused or any(cells[c].value is not None for c in cells if c in editable):
            taken += 1
            if taken > MAX_DATA_ROWS:
                raise InputError(f"工作表 {ws.title} 的数据超过 {MAX_DATA_ROWS:,} 行，请分成几个工作簿导入",
                                 f"sheet {ws.title} has more than {MAX_DATA_ROWS:,} data rows; import it in "
                                 "several workbooks", subject=ws.title)
            if cells:
                yield number, cells, refused


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
    try:
        plan, new_orgs = _read_workbook(store, wb, path)
    finally:
        wb.close()
    return _apply(store, plan, new_orgs, operator)


def _read_workbook(store: Store, wb, path: Path) -> tuple[list[_Planned], dict[str, dict]]:
    sheets = _Sheets(wb, path)
    entries = _read_meta(wb, path, sheets)
    resolved = _resolve_sheets(wb, entries, sheets)
    errors = _Errors()
    new_orgs: dict[str, dict] = {}
    headers: dict[tuple[str, int], dict[str, _Pending]] = {}
    groups: list[tuple[FormDef, Sheet, Worksheet, dict[int, str]]] = []
    for entry in entries:
        ws = resolved.get(entry.position)
        if ws is None:
            continue
        form, sheet = _layout(entry.kind, entry.form, entry.version, entry.group, entry.name)
        mapping = _column_map(sheets, ws, sheet, entry.ids)
        rows = _rows(sheets, ws, sheet, mapping, errors)
        if entry.kind == "org":
            _read_orgs(store, rows, new_orgs, errors)
        elif entry.kind == "header":
            headers[(form.id, form.version)] = _read_headers(rows, ws, form, sheet, errors)
        else:
            groups.append((form, sheet, ws, mapping))
    for form, sheet, ws, mapping in groups:
        if form.field(sheet.group).type == "attachments":
            continue  # shown for information; attachments travel in the database, not here
        _read_group(_rows(sheets, ws, sheet, mapping, errors), form, sheet,
                    headers.get((form.id, form.version), {}), errors)
    plan = _check_records(store, headers, new_orgs, errors)
    errors.raise_if_any(path)
    return plan, new_orgs


def _read_orgs(store: Store, rows, new_orgs: dict[str, dict], errors: _Errors) -> None:
    for _row, cells, refused in rows:
        raw = {k: c.value for k, c in cells.items()}
        org_id = str(raw.get("org_id") or "").strip()
        if refused:
            errors.reported_orgs.add(org_id)
            continue
        if org_id and (store.get_org(org_id) is not None or org_id in new_orgs):
            continue
        result = evaluate_org(raw)
        if result.errors:
            # its records are not told "does not exist" a second time
            errors.reported_orgs.add(org_id)
            for issue in result.errors:
                where = cells.get(issue.field.split("[")[0], next(iter(cells.values()))).ref
                errors.add(where, issue.message_zh, issue.message_en)
            continue
        new_orgs[result.data["org_id"]] = result.data


def _read_headers(rows, ws: Worksheet, form: FormDef, sheet: Sheet,
                  errors: _Errors) -> dict[str, _Pending]:
    pending: dict[str, _Pending] = {}
    columns = {c.id: c for c in sheet.columns}
    for row, cells, refused in rows:
        key_cell = cells.get(KEY)
        key = str(key_cell.value).strip() if key_cell and key_cell.value is not None else f"@row{row}"
        first = next(iter(cells.values())).ref
        if key in pending:
            errors.add(key_cell.ref if key_cell else first,
                       f"记录编号 {shown(key)} 重复（与 {pending[key].row_cell} 同号）",
                       f"record id {shown(key)} repeats {pending[key].row_cell}")
            continue
        data: dict = {}
        item = _Pending(form, key, ws.title, data, None, "", key_cell.ref if key_cell else first,
                        broken=refused)
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


def _read_group(rows, form: FormDef, sheet: Sheet, pending: dict[str, _Pending],
                errors: _Errors) -> None:
    columns = {c.id: c for c in sheet.columns}
    header_name = form.title()
    for _row, cells, refused in rows:
        key_cell = cells.get(KEY)
        key = str(key_cell.value).strip() if key_cell and key_cell.value is not None else ""
        first = next(iter(cells.values())).ref
        owner = pending.get(key)
        if owner is not None and refused:
            owner.broken = True
        if owner is None and not refused:
            errors.add(key_cell.ref if key_cell else first,
                       f"记录编号“{shown(key)}”在工作表“{header_name}”中不存在（明细行须用所属记录的记录编号）",
                       f"record id {shown(key)!r} is not on the sheet {header_name!r} "
                       "(list rows need the record id of their record)")
        if owner is None:
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
            if item.broken:
                continue  # its refused cells are reported; a check without them would mislead
            form = item.form
            org = store.get_org(item.org_id) if item.org_id else None
            org = org or new_orgs.get(item.org_id or "")
            if org is None and has_full_width(item.org_id):
                errors.add(item.org_cell or item.row_cell, *full_width_reason(item.org_id or ""))
                continue
            if org is None and (item.org_id or "") in errors.reported_orgs:
                continue  # its row on the organisations sheet is already reported
            if org is None:
                errors.add(item.org_cell or item.row_cell,
                           f"单位 {item.org_id or '（空）'} 不存在，工作簿的“单位基本信息”表中也没有",
                           f"organisation {item.org_id or '(blank)'} does not exist and is not on the organisations sheet")
                continue
            existing = None
            if not item.key.startswith("@row"):
                existing = record_identity(store, item.key)
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
    for record_id in (*result.added, *result.updated):
        # as stored: with the database's history, so plausibility warnings count too
        issues = store.get_record(record_id).get("issues") or []
        count = sum(1 for i in issues if i.get("severity") == WARNING and not (i.get("justification") or "").strip())
        if count:
            result.to_justify[record_id] = count
    return result
