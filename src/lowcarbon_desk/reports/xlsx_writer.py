"""openpyxl write-only helpers shared by the workbooks: column-styled sheets and reproducible files.

``styled_sheet``: a write-only sheet whose data rows are plain value lists; each column may
have one shared styled cell (number format, fill …) that every value of that column is written
through, instead of one ``WriteOnlyCell`` with its own style objects per value. openpyxl's own
path for a styled cell costs an object, a style look-up and a caught ``ValueError`` per value;
for the 2,000-row roll-up that was a third of the writing time.

Every cell holding text is written as text (``data_type = "s"``), never as a formula or an
error value: openpyxl would store ``=HYPERLINK(…)``, typed by a user into an audit's focus, as
a live formula, and ``#N/A`` as an error. Text starting with ``+``, ``-``, ``@``, tab or CR is
a string cell as well, which Excel and LibreOffice show as typed and never evaluate.

A data row of plain values (text and numbers) is written as the XML text openpyxl's own cell
writer makes for it (``_row_xml``), one string per row instead of an element tree serialised
per cell, which was two thirds of the roll-up workbook's writing; any other row (explicit
cells, other types, empty text) goes through openpyxl. ``tests/reports/test_xlsx_rows.py``
holds the two to the same bytes.

``save_workbook``: the same workbook content gives the same bytes, like the PDFs. openpyxl
stamps the wall clock into ``docProps/core.xml`` (created, modified) and into every ZIP
member's date; here both come from the data (the newest ``updated_at`` of what is written, or
1980-01-01, the earliest ZIP date, for a file without records), members keep openpyxl's fixed
order and get fixed permissions.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any, Literal, NoReturn
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell import _writer as _openpyxl_cell_writer
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer as _openpyxl_writer
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidationList
from openpyxl.worksheet.dimensions import ColumnDimension, DimensionHolder, RowDimension
from openpyxl.writer.excel import ExcelWriter

from ..domain.errors import InputError
from ..fileio import atomic_output

# openpyxl writes cells with the standard library's element tree (no lxml installed): the
# serialisation ``_row_xml`` reproduces; with lxml it writes other bytes, and every row goes
# through openpyxl
_ETREE_CELLS = (getattr(_openpyxl_cell_writer, "write_cell", None) is _openpyxl_cell_writer.etree_write_cell
                and getattr(_openpyxl_writer, "write_cell", None) is _openpyxl_cell_writer.etree_write_cell)
NO_DATA_STAMP = dt.datetime(1980, 1, 1)  # the earliest date a ZIP member can carry
MAX_CELL_TEXT = 32767  # characters: openpyxl refuses a longer text (its own message)


class _SharedCell(Cell):
    """A styled cell reused for a whole column: its style never changes once the rows start,
    so its style id is looked up once instead of once per value."""

    __slots__ = ("_style_id",)

    def __init__(self, sheet) -> None:
        super().__init__(sheet, row=1, column=1)
        self._style_id: int | None = None

    @property
    def style_id(self) -> int:
        if self._style_id is None:
            self._style_id = super().style_id
        return self._style_id

    @property
    def has_style(self) -> bool:
        return True


class StyledSheet(WriteOnlyWorksheet):
    """A write-only sheet with optional per-column styled cells for plain values.

    Cells passed explicitly (``WriteOnlyCell``) are written as given; a plain value in a column
    with a style in ``column_styles`` is written through that column's shared cell (so it gets
    its number format, font, fill); ``None`` is left empty, as openpyxl does.
    """

    column_styles: list[Cell | None]
    # set by Worksheet._setup, which WriteOnlyWorksheet.__init__ calls; types-openpyxl leaves
    # them out of WriteOnlyWorksheet
    row_dimensions: DimensionHolder[int, RowDimension]
    column_dimensions: DimensionHolder[str, ColumnDimension]
    data_validations: DataValidationList
    sheet_state: Literal["visible", "hidden", "veryHidden"]
    _writer: object  # openpyxl's WorksheetWriter, once the first row is written
    _already_saved: Callable[[], NoReturn]

    def __init__(self, parent: Workbook, title: str | None) -> None:
        super().__init__(parent, title)
        self.column_styles = []

    def declare_size(self, rows: int, columns: int) -> None:
        """Write ``<dimension ref="A1:…">`` for this many rows and columns (call before the
        first row). Without it a reader that wants the size (openpyxl's read-only mode, which
        the import uses) parses the whole sheet once more just to look for it."""
        ref = f"A1:{get_column_letter(max(columns, 1))}{max(rows, 1)}"
        self.calculate_dimension = lambda: ref  # what openpyxl's sheet writer asks for

    def styled_columns(self, styles: Iterable[Cell | None]) -> None:
        """Use these shared cells for the plain values of the following rows (None: unstyled)."""
        self.column_styles = list(styles)

    def shared_cell(self, *, font=None, fill=None, number_format: str | None = None,
                    alignment=None) -> Cell:
        """One styled cell to pass to ``styled_columns`` (shared by a whole column; set its
        style before the first row that uses it)."""
        cell = _SharedCell(self)
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if number_format:
            cell.number_format = number_format
        if alignment is not None:
            cell.alignment = alignment
        return cell

    def _write_rows(self) -> Generator[None, list[object] | tuple[object, ...], None]:
        # openpyxl's row loop (WriteOnlyWorksheet._write_rows), a plain row written as text
        writer: Any = self._writer
        try:
            xf = writer.xf.send(True)
        except StopIteration:
            self._already_saved()
        raw = getattr(xf, "_file", None) if FAST_ROWS and _ETREE_CELLS else None
        with xf.element("sheetData"):
            row_idx = 1
            try:
                while True:
                    values = yield
                    text = None if raw is None else self._row_xml(values, row_idx)
                    if raw is not None and text is not None:
                        raw(text)
                    else:
                        writer.write_row(xf, self._values_to_row(values, row_idx), row_idx)
                    row_idx += 1
            except GeneratorExit:
                pass
        writer.xf.send(None)

    def _row_xml(self, values, row_idx: int) -> str | None:
        """The ``<row>`` element openpyxl writes for a row of plain values (text, ``int`` and
        finite ``float``; ``None`` left out), or None for any other row (openpyxl writes it)."""
        if not isinstance(values, list | tuple) or row_idx in self.row_dimensions:
            return None
        styles = self.column_styles
        row = str(row_idx)
        parts = [f'<row r="{row}">']
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            kind = type(value)
            style = styles[col_idx - 1] if col_idx <= len(styles) else None
            s = f' s="{style.style_id}"' if style is not None and style.has_style else ""
            if kind is str:
                if not value or len(value) > MAX_CELL_TEXT:
                    return None
                _check_writable(value, self.title, col_idx, row_idx)
                stripped = value.strip()
                space = ' xml:space="preserve"' if stripped and stripped != value else ""
                parts.append(f'<c r="{_letter(col_idx)}{row}"{s} t="inlineStr"><is><t{space}>'
                             f'{_escape_text(value)}</t></is></c>')
            elif kind is float or kind is int:
                if value != value or value in (_INF, -_INF):
                    return None
                number = "%.16g" % value  # noqa: UP031  # openpyxl's safe_string, to the letter
                parts.append(f'<c r="{_letter(col_idx)}{row}"{s} t="n"><v>{number}</v></c>')
            else:
                return None
        if len(parts) == 1:
            return None
        parts.append("</row>")
        return "".join(parts)

    def _values_to_row(self, values, row_idx: int) -> Iterator[Cell]:
        # openpyxl's writer consumes each cell before asking for the next, so one cell per
        # column (and one for unstyled values) can carry every row's value in turn.
        plain = Cell(self, row=row_idx, column=1)
        styles = self.column_styles
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
                if isinstance(cell.value, str):
                    _check_writable(cell.value, self.title, col_idx, row_idx)
                    cell.data_type = "s"
            else:
                cell = (styles[col_idx - 1] if col_idx <= len(styles) else None) or plain
                _set_value(cell, value, self.title, col_idx, row_idx)
            cell.column = col_idx
            cell.row = row_idx
            yield cell


FAST_ROWS = True  # False: every row through openpyxl's cell writer (the tests compare the two)
_INF = float("inf")
_letter = get_column_letter  # openpyxl caches every column's letters


def _escape_text(text: str) -> str:
    # what the element tree's _escape_cdata does to an element's text
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _set_value(cell: Cell, value: object, sheet: str, column: int, row: int) -> None:
    """``cell.value = value`` for the plain values of a data row, text as text. A text checked
    here and a number need none of openpyxl's type dispatch and second character check (a
    fifth of the roll-up workbook's time); anything else goes through openpyxl."""
    kind = type(value)
    if kind is str and len(value) <= MAX_CELL_TEXT:  # type: ignore[arg-type]
        _check_writable(value, sheet, column, row)  # type: ignore[arg-type]
        cell._value, cell.data_type = value, "s"  # type: ignore[attr-defined]
    elif kind is float or kind is int:
        cell._value, cell.data_type = value, "n"  # type: ignore[attr-defined]
    else:
        if isinstance(value, str):
            _check_writable(value, sheet, column, row)
        cell.value = value  # type: ignore[assignment]  # openpyxl refuses what it cannot hold
        as_text(cell)


# what an XML 1.0 document cannot hold (tab, LF and CR it can); the domain refuses all of it
# on input, but a database written by an older version may still hold some
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class UnwritableText(InputError):
    """A text holds a character a workbook cannot store; nothing was written."""


def unwritable_char(text: str) -> str | None:
    """The first character of ``text`` a workbook cannot hold, as ``U+XXXX``, or None."""
    match = UNWRITABLE.search(text)
    return None if match is None else f"U+{ord(match.group()):04X}"


def _check_writable(text: str, sheet: str, column: int, row: int) -> None:
    code = unwritable_char(text)
    if code is not None:
        where = f"{sheet}!{get_column_letter(column)}{row}"
        raise UnwritableText(f"单元格 {where} 的文本含有控制字符 {code}，工作簿无法保存它；未写出文件",
                             f"cell {where} holds the control character {code}, which a workbook cannot "
                             "store; no file was written", subject=where)


def as_text(cell: Cell) -> Cell:
    """Make a cell holding a ``str`` a string cell: openpyxl types text starting with ``=`` as a
    formula and ``#N/A``-like text as an error value; a user's text is neither."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell



def styled_sheet(wb: Workbook, title: str) -> StyledSheet:
    """Add a ``StyledSheet`` to a write-only workbook."""
    ws = StyledSheet(wb, title)
    # a sheet of our own class can only be added through this private method (not in the stubs)
    wb._add_sheet(ws)  # type: ignore[attr-defined]
    return ws


def styled_cell(sheet: WriteOnlyWorksheet, value: object, font: Font | None = None,
                fill: PatternFill | None = None, fmt: str | None = None) -> Cell:
    """One cell of a write-only sheet with its own font, fill and number format (titles, heads)."""
    # types-openpyxl takes fewer value types here than openpyxl does (dates, Decimal, bool)
    cell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    if fmt:
        cell.number_format = fmt
    return cell


def data_stamp(stamps: Iterable[str | None]) -> dt.datetime:
    """The newest of ISO timestamps as naive UTC (what core.xml holds), else ``NO_DATA_STAMP``."""
    newest: dt.datetime | None = None
    for text in stamps:
        if not text:
            continue
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            continue
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        if newest is None or moment > newest:
            newest = moment
    if newest is None or newest < NO_DATA_STAMP:
        return NO_DATA_STAMP
    return newest.replace(microsecond=0)


class _FixedDateZip(ZipFile):
    """A ZIP whose members all carry one date and the same permissions."""

    def __init__(self, file, stamp: dt.datetime) -> None:
        super().__init__(file, "w", ZIP_DEFLATED, allowZip64=True)
        self.stamp = stamp.timetuple()[:6]

    def _member(self, name: str, size: int = 0) -> ZipInfo:
        info = ZipInfo(name, date_time=self.stamp)
        info.compress_type = self.compression
        info.create_system = 3
        info.external_attr = 0o600 << 16
        info.file_size = size
        return info

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None) -> None:
        if not isinstance(zinfo_or_arcname, ZipInfo):
            zinfo_or_arcname = self._member(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None) -> None:
        # a write-only sheet's XML is a temporary file: stream it in, without its file date
        info = self._member(arcname or os.path.basename(filename), os.path.getsize(filename))
        with open(filename, "rb") as source, self.open(info, "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)


def save_workbook(wb: Workbook, path: Path | str, stamp: dt.datetime) -> Path:
    """Save ``wb`` atomically to ``path`` with ``stamp`` as its created/modified date and as the
    date of every ZIP member (``Workbook.save`` would use the wall clock)."""
    wb.properties.created = stamp
    wb.properties.modified = stamp
    try:
        with atomic_output(path) as temp:
            archive = _FixedDateZip(temp, stamp)
            try:
                ExcelWriter(wb, archive).save()  # what Workbook.save does, minus modified = now
            finally:
                archive.close()
    except BaseException:
        discard_sheet_files(wb)
        raise
    return Path(path)


def discard_sheet_files(wb: Workbook) -> None:
    """Remove the temporary files a write-only workbook's sheets hold their rows in: openpyxl
    removes one when it saves the sheet, and the rest only when the program ends, so a failed
    save would leave them in the temporary folder for as long as the window runs."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None or writer.out not in _openpyxl_writer.ALL_TEMP_FILES:
            continue
        if not ws.closed:
            with suppress(Exception):
                ws.close()  # ends the sheet's row stream and closes the file it holds open
        with suppress(OSError):
            writer.cleanup()
