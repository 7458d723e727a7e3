"""``failures.user_error``: which exceptions become one line for the user, and which are bugs."""

from __future__ import annotations

import errno
import sqlite3
import zipfile
from xml.etree.ElementTree import ParseError, fromstring
from xml.parsers.expat import ExpatError

import pytest

from lowcarbon_desk.domain.errors import FileError, InputError, NotFoundError, StorageError
from lowcarbon_desk.failures import unexpected_message, user_error


def raised(action) -> BaseException:
    with pytest.raises(BaseException) as info:
        action()
    return info.value


def test_the_programs_own_error_passes_through():
    error = NotFoundError("记录 x 不存在", "record x does not exist")
    assert user_error(error) is error


def test_sqlite_conditions_name_the_database(tmp_path):
    db = tmp_path / "office.db"
    error = user_error(sqlite3.OperationalError("database is locked"), database=db)
    assert isinstance(error, StorageError) and error.reason == "locked" and str(db) in error.message("en")


def test_sqlite_misuse_and_constraints_are_bugs():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x UNIQUE)")
    conn.execute("INSERT INTO t VALUES (1)")
    assert user_error(raised(lambda: conn.execute("INSERT INTO t VALUES (1)"))) is None
    conn.close()
    assert user_error(raised(lambda: conn.execute("SELECT 1"))) is None  # closed: ProgrammingError


def test_os_errors_name_their_file(tmp_path):
    missing = tmp_path / "nope.json"
    error = user_error(raised(missing.read_bytes))
    assert isinstance(error, FileError)
    assert error.message("en") == f"file {missing}: no such file or folder"
    full = user_error(OSError(errno.ENOSPC, "No space left on device"))
    assert full.message("en") == "file operation failed: the disk is full"


def test_input_errors_name_the_single_input_file():
    broken = raised(lambda: fromstring("<a>" * 10 + "</a>"))
    assert isinstance(broken, ParseError)
    error = user_error(broken, inputs=["book.xlsx"])
    assert isinstance(error, InputError)
    assert error.message("en").startswith("file book.xlsx contains malformed or unsafe XML (")
    assert user_error(RecursionError("maximum recursion depth exceeded"), inputs=["r.json"]).message("en") == \
        "file r.json is nested too deeply to read"
    assert user_error(OverflowError("int too large to convert to float"), inputs=["a", "b"]).message("en") == \
        "the input contains a number too large to use"
    assert user_error(ExpatError("syntax error"), inputs=["x.xlsx"]).message("zh").startswith(
        "文件 x.xlsx 含有错误或不安全的 XML")
    assert "not a valid ZIP file" in user_error(zipfile.BadZipFile("File is not a zip file"),
                                                inputs=["p.lcpkg"]).message("en")


def test_xml_errors_of_defusedxml_and_lxml_by_their_module():
    entities = type("EntitiesForbidden", (ValueError,), {"__module__": "defusedxml.common"})
    error = user_error(entities("entity declaration forbidden"), inputs=["bomb.xlsx"])
    assert error is not None and "bomb.xlsx" in error.message("en")
    syntax = type("XMLSyntaxError", (SyntaxError,), {"__module__": "lxml.etree"})
    assert user_error(syntax("bad"), inputs=["x.xlsx"]) is not None


@pytest.mark.parametrize("exc", [ValueError("x"), KeyError("k"), TypeError("t"), SyntaxError("s"),
                                 AttributeError("a"), MemoryError()])
def test_everything_else_is_a_bug(exc):
    assert user_error(exc) is None


def test_the_bug_line(tmp_path):
    log = tmp_path / "lowcarbon-desk.log"
    assert unexpected_message(KeyError("k"), log, "en") == f"internal error (KeyError: 'k'); details are in the log {log}"
    assert unexpected_message(MemoryError(), log, "zh") == f"程序内部错误（MemoryError）；详情已写入日志 {log}"
    long = unexpected_message(ValueError("line one\nline two " + "x" * 500), None, "en")
    assert "\n" not in long and len(long) < 300 and "no details were kept" in long
