"""Opening the SQLite file: WAL, synchronous=FULL, foreign keys, and clear errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import sqlite_utils

from ..domain.errors import InputError, StorageError
from ..fileio import file_error

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

# primary result code -> (reason, Chinese, English); {path} is the database file
_SQLITE_REASONS: dict[int, tuple[str, str, str]] = {
    sqlite3.SQLITE_FULL: ("full", "数据库 {path} 无法写入：磁盘已满（或数据库已达到大小上限）",
                          "database {path} cannot be written: the disk is full (or the database has reached its size limit)"),
    sqlite3.SQLITE_BUSY: ("locked", "数据库 {path} 正被另一个程序写入，等待 {wait} 秒后仍未释放，请稍后再试",
                          "database {path} is locked by another program writing to it (waited {wait} s); try again later"),
    sqlite3.SQLITE_LOCKED: ("locked", "数据库 {path} 正被另一个程序写入，请稍后再试",
                            "database {path} is locked by another program writing to it; try again later"),
    sqlite3.SQLITE_READONLY: ("readonly", "数据库 {path} 是只读的（文件或所在文件夹不可写，或文件被设为不可更改）",
                              "database {path} is read-only (the file or its folder cannot be written, or the file is marked unchangeable)"),
    sqlite3.SQLITE_PERM: ("readonly", "数据库 {path} 没有写入权限", "database {path}: permission denied"),
    sqlite3.SQLITE_IOERR: ("io", "读写数据库 {path} 时发生磁盘错误", "disk input/output error on database {path}"),
    sqlite3.SQLITE_CORRUPT: ("damaged", "{path} 不是 lowcarbon-desk 数据库或已损坏",
                             "{path} is not a lowcarbon-desk database or is damaged"),
    sqlite3.SQLITE_NOTADB: ("damaged", "{path} 不是 lowcarbon-desk 数据库或已损坏",
                            "{path} is not a lowcarbon-desk database or is damaged"),
    sqlite3.SQLITE_CANTOPEN: ("cantopen", "无法打开数据库 {path}（所在文件夹不存在、不可写或没有权限）",
                              "cannot open database {path} (its folder is missing, cannot be written, or access is denied)"),
    sqlite3.SQLITE_NOMEM: ("other", "处理数据库 {path} 时内存不足", "out of memory while working on database {path}"),
    sqlite3.SQLITE_TOOBIG: ("other", "写入数据库 {path} 的内容太大", "a value is too large for database {path}"),
    sqlite3.SQLITE_PROTOCOL: ("locked", "数据库 {path} 正被另一个程序使用，请稍后再试",
                              "database {path} is in use by another program; try again later"),
}


def database_error(exc: sqlite3.Error, path: Path | str | None) -> StorageError:
    """One line naming the database file and why SQLite refused (disk full, locked, …)."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc)
    if primary is None:  # raised without a code: read SQLite's standard wording
        primary = next((c for c, words in _SQLITE_WORDS if words in text), None)
    name = str(path) if path is not None else "?"
    if primary in _SQLITE_REASONS:
        reason, zh, en = _SQLITE_REASONS[primary]
        wait = f"{BUSY_TIMEOUT_MS / 1000:g}"
        return StorageError(zh.format(path=name, wait=wait), en.format(path=name, wait=wait),
                            subject=name, reason=reason)
    return StorageError(f"数据库 {name} 出错：{text}", f"database {name}: {text}", subject=name)


_SQLITE_WORDS = (
    (sqlite3.SQLITE_FULL, "disk is full"),
    (sqlite3.SQLITE_BUSY, "database is locked"),
    (sqlite3.SQLITE_READONLY, "readonly database"),
    (sqlite3.SQLITE_IOERR, "disk I/O error"),
    (sqlite3.SQLITE_NOTADB, "file is not a database"),
    (sqlite3.SQLITE_CORRUPT, "malformed"),
    (sqlite3.SQLITE_CANTOPEN, "unable to open database file"),
)


def is_expected(exc: sqlite3.Error) -> bool:
    """Whether an SQLite error is a condition of the file or the machine (full, locked,
    read-only, damaged, I/O) rather than a mistake in the program (constraint, misuse)."""
    return not isinstance(exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError,
                                sqlite3.InterfaceError, sqlite3.NotSupportedError))


def check_is_sqlite(path: Path) -> None:
    """Refuse a file that exists but is not an SQLite database, before SQLite touches it."""
    try:
        if not path.exists():
            return
        if path.is_dir():
            raise InputError(f"数据库 {path} 是一个文件夹，不是数据库文件",
                             f"database {path} is a folder, not a database file", subject=str(path))
        if not path.is_file():
            raise InputError(f"数据库 {path} 不是普通文件（例如设备文件），不能用作数据库",
                             f"database {path} is not a regular file (a device, for example) and cannot be a database",
                             subject=str(path))
        if path.stat().st_size == 0:
            return
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise file_error(exc, path) from None
    if header != SQLITE_HEADER:
        raise InputError(f"数据库文件 {path} 不是 SQLite 数据库，未做任何改动",
                         f"database file {path} is not an SQLite database; nothing was changed",
                         subject=str(path))


def connect(path: Path, *, wal: bool = True) -> sqlite_utils.Database:
    """An sqlite-utils database on ``path`` with the pragmas our data needs.

    ``wal=False`` leaves the journal mode alone (switching to WAL writes the file header), so
    a file can be checked before anything in it changes; call ``enable_wal`` afterwards.
    """
    check_is_sqlite(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(f"数据库 {path}：{path.parent} 是一个文件，不是文件夹",
                         f"database {path}: {path.parent} is a file, not a folder", subject=str(path)) from None
    except OSError as exc:
        raise file_error(exc, path) from None
    conn = None
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if wal:
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise database_error(exc, path) from None
    return database(conn)


def database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils on ``conn`` without its plugins: an installed sqlite-utils plugin would be
    handed this program's connection (its ``prepare_connection`` hook) and could add SQL
    functions to it, and looking the plugins up reads every installed package's entry points
    (12 ms of each command's start)."""
    return sqlite_utils.Database(conn, execute_plugins=False)


def enable_wal(db: sqlite_utils.Database) -> None:
    """Switch the open database to write-ahead logging (persistent in the file)."""
    db.conn.execute("PRAGMA journal_mode=WAL")


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One transaction: everything inside commits together or not at all (nestable)."""
    conn = db.conn
    if conn.in_transaction:
        savepoint = f"sp_{id(object())}"
        conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield db
        except BaseException:
            conn.execute(f"ROLLBACK TO {savepoint}")
            conn.execute(f"RELEASE {savepoint}")
            raise
        conn.execute(f"RELEASE {savepoint}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
        conn.execute("COMMIT")
    except BaseException:
        # SQLite may already have rolled back (a failed COMMIT on a full disk does); a failing
        # ROLLBACK must not hide the error that brought us here
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
