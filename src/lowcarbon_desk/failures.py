"""What the user reads when something fails: one line naming the file or field, and why.

``user_error`` turns the failures a desktop program must expect into a ``LowcarbonError``:
its own errors, SQLite conditions of the file or the machine (disk full, locked, read-only,
damaged, I/O), file-system errors, input nested too deeply to read, a number too large to
convert, malformed or unsafe XML in a workbook, a file that is not the ZIP it should be.
Anything else is a bug: the caller logs its traceback and says so in one line with the
log's path (``unexpected_message``). The command line and the window both use it.
"""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

from .domain.errors import InputError, LowcarbonError
from .fileio import file_error
from .logs import one_line
from .storage.connection import database_error, is_expected

# XML errors of libraries we do not import here, by where their class lives
_XML_ERROR_MODULES = ("defusedxml", "lxml")


def user_error(exc: BaseException, *, database: Path | str | None = None,
               inputs: Sequence[str] = ()) -> LowcarbonError | None:
    """The one-line error to show for ``exc``, or None when it is a bug.

    ``database`` is the database file in use (SQLite errors name it); ``inputs`` are the
    files the command reads (errors found while reading them name the file when it is one).
    """
    if isinstance(exc, LowcarbonError):
        return exc
    if isinstance(exc, sqlite3.Error):
        return database_error(exc, database) if is_expected(exc) else None
    if isinstance(exc, OSError):
        return file_error(exc)
    if isinstance(exc, RecursionError):
        return _input_error(inputs, "嵌套层次太深，无法读取", "is nested too deeply to read")
    if isinstance(exc, OverflowError):
        return _input_error(inputs, "含有一个太大的数字", "contains a number too large to use")
    if _is_xml_error(exc):
        return _input_error(inputs, f"含有错误或不安全的 XML（{one_line(exc, 120)}）",
                            f"contains malformed or unsafe XML ({one_line(exc, 120)})")
    if isinstance(exc, zipfile.BadZipFile):
        return _input_error(inputs, "已损坏或格式不对（不是有效的 ZIP 文件）",
                            "is damaged or of the wrong kind (not a valid ZIP file)")
    return None


def unexpected_message(exc: BaseException, log_path: Path | None, lang: str) -> str:
    """One line for a bug: what happened and where the details are."""
    what = one_line(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__, 160)
    if log_path is None:
        return (f"internal error ({what}); the log folder cannot be written, so no details were kept"
                if lang == "en" else f"程序内部错误（{what}）；日志文件夹不可写，未能记录详情")
    return (f"internal error ({what}); details are in the log {log_path}" if lang == "en"
            else f"程序内部错误（{what}）；详情已写入日志 {log_path}")


def _input_error(inputs: Sequence[str], zh: str, en: str) -> InputError:
    if len(inputs) == 1:
        return InputError(f"文件 {inputs[0]} {zh}", f"file {inputs[0]} {en}", subject=inputs[0])
    return InputError(f"输入{zh}", f"the input {en}")


def _is_xml_error(exc: BaseException) -> bool:
    if isinstance(exc, (ParseError, ExpatError)):
        return True
    return any(cls.__module__.split(".")[0] in _XML_ERROR_MODULES for cls in type(exc).__mro__)
