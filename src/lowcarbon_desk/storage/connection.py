"""Opening the SQLite file: WAL, synchronous=FULL, foreign keys, and clear errors."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from ..domain.errors import InputError

SQLITE_HEADER = b"SQLite format 3\x00"


def check_is_sqlite(path: Path) -> None:
    """Refuse a file that exists but is not an SQLite database, before SQLite touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(16)
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
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        if wal:
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
    except sqlite3.DatabaseError as exc:
        raise InputError(f"无法打开数据库 {path}：{exc}", f"cannot open database {path}: {exc}",
                         subject=str(path)) from None
    return sqlite_utils.Database(conn)


def enable_wal(db: sqlite_utils.Database) -> None:
    """Switch the open database to write-ahead logging (persistent in the file)."""
    db.conn.execute("PRAGMA journal_mode=WAL")


@contextmanager
def transaction(db: sqlite_utils.Database):
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
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
