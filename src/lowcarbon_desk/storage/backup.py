"""``backup`` and ``restore``: consistent copies through SQLite's backup API.

Every SQLite failure is reported naming the file it concerns: the backup being written, the
backup being read, or the database being replaced.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from contextlib import closing, suppress
from pathlib import Path

import sqlite_utils

from ..domain.errors import InputError
from ..fileio import atomic_output, file_error
from . import connection
from .connection import check_is_sqlite, database_error, is_expected
from .migrations import LATEST_VERSION
from .package_copies import bring_package_files, inline_package_files
from .package_files import database_path, remove_unnamed
from .sqlite_uri import read_only_uri

KEEP_BEFORE_RESTORE = 5  # before-restore copies kept beside the database


def backup_to(db: sqlite_utils.Database, target: Path) -> None:
    """Copy the open database to ``target`` atomically (consistent even while others write)."""
    _copy_atomically(db.conn, Path(target))


def _copy_atomically(source: sqlite3.Connection, target: Path) -> None:
    with atomic_output(target) as temp:
        _copy(source, temp, target)


def _copy(source: sqlite3.Connection, temp: Path, shown_as: Path) -> None:
    """Copy ``source`` into the new database file ``temp``, with the package originals it keeps
    in files written into the copy; errors name ``shown_as``."""
    try:
        with closing(sqlite3.connect(str(temp))) as dest:
            copy_database(source, dest)
            inline_package_files(dest, database_path(source))
    except sqlite3.Error as exc:
        if not is_expected(exc):
            raise
        raise database_error(exc, shown_as) from None


def copy_database(source: sqlite3.Connection, dest: sqlite3.Connection) -> None:
    """SQLite's backup API, giving up after the busy timeout when a file stays locked.

    Python's ``Connection.backup`` retries a locked database for ever; its progress callback
    sees each busy step and stops it.
    """
    waited_since: list[float] = []

    def progress(status: int, remaining: int, total: int) -> None:
        if status not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            waited_since.clear()
            return
        now = time.monotonic()
        if not waited_since:
            waited_since.append(now)
        elif now - waited_since[0] >= connection.BUSY_TIMEOUT_MS / 1000:
            raise sqlite3.OperationalError("database is locked")

    source.backup(dest, progress=progress, sleep=0.05)


def check_backup(path: Path) -> int:
    """Refuse anything that is not an intact lowcarbon-desk database; return its schema version."""
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError as exc:
        raise file_error(exc, path) from None
    if not exists:
        raise InputError(f"备份文件 {path} 不存在", f"backup file {path} does not exist", subject=str(path))
    if is_dir:
        raise InputError(f"备份文件 {path} 是一个文件夹，不是文件", f"backup file {path} is a folder, not a file",
                         subject=str(path))
    check_is_sqlite(path)
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise database_error(exc, path) from None
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise InputError(f"备份文件 {path} 已损坏（完整性检查未通过）",
                             f"backup file {path} is damaged (integrity check failed)", subject=str(path))
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise InputError(f"备份文件 {path} 不是 lowcarbon-desk 数据库或已损坏（{exc}）",
                         f"backup file {path} is not a lowcarbon-desk database or is damaged ({exc})",
                         subject=str(path)) from None
    finally:
        conn.close()
    if not {"records", "organisations", "audit_log"} <= tables:
        raise InputError(f"{path} 不是 lowcarbon-desk 数据库", f"{path} is not a lowcarbon-desk database",
                         subject=str(path))
    if version > LATEST_VERSION:
        raise InputError(f"备份文件 {path} 来自更新版本的程序（结构版本 {version}）",
                         f"backup file {path} is from a newer program version (schema {version})",
                         subject=str(path))
    return version


def restore_from(source: Path, db_path: Path) -> Path | None:
    """Replace the database at ``db_path`` with ``source`` after checking it; keep the old copy."""
    check_backup(source)
    kept = None
    if db_path.exists():
        check_is_sqlite(db_path)
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        kept = db_path.with_name(f"{db_path.name}.before-restore-{stamp}.bak")
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
    except sqlite3.Error as exc:
        raise database_error(exc, source) from None
    with closing(src):
        try:
            live = sqlite3.connect(str(db_path), timeout=0)  # copy_database does the waiting
        except sqlite3.Error as exc:
            raise database_error(exc, db_path) from None
        with closing(live):
            if kept is not None:
                _copy_atomically(live, kept)
            # a copy of a database that keeps package files (not a backup): its files first
            bring_package_files(src, source, db_path)
            try:
                # one transaction on the live file: a failure or a kill leaves it as it was
                copy_database(src, live)
            except sqlite3.Error as exc:
                if not is_expected(exc):
                    raise
                raise database_error(exc, db_path) from None
            with suppress(sqlite3.Error):  # the replaced database's files; tried again at the next restore
                remove_unnamed(live, db_path)
    prune_before_restore_copies(db_path)
    return kept


def before_restore_copies(db_path: Path) -> list[Path]:
    """The copies ``restore_from`` kept beside ``db_path``, newest first (the stamp sorts)."""
    pattern = f"{db_path.name}.before-restore-*.bak"
    return sorted(db_path.parent.glob(pattern), key=lambda p: p.name, reverse=True)


def prune_before_restore_copies(db_path: Path, keep: int = KEEP_BEFORE_RESTORE) -> list[Path]:
    """Remove all but the ``keep`` newest before-restore copies; returns what was removed.

    Restoring again and again (trying one backup after another) would otherwise leave a full
    copy of the database behind each time; the newest few are what anyone goes back to.
    """
    removed = []
    for old in before_restore_copies(db_path)[keep:]:
        try:
            old.unlink()
        except OSError:
            continue  # kept if it cannot be removed now; tried again at the next restore
        removed.append(old)
    return removed
