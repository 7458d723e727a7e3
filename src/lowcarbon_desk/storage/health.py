"""Is the database file usable? The start-up check, and replacing a damaged file from a copy.

``check_database`` reads only (a read-only connection): a file that is not SQLite, is cut
short or damaged (``PRAGMA quick_check``), belongs to another program or to a newer version of
this one is named in one line and left exactly as it was. ``replace_damaged`` puts a checked
copy in its place and keeps the damaged file, under a name that says so, beside it.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from contextlib import closing, suppress
from pathlib import Path

from ..domain.errors import InputError, LowcarbonError, StorageError
from ..fileio import atomic_output, file_error
from ..tempfiles import SIDECAR_SUFFIXES
from .backup import check_backup, copy_database
from .connection import BUSY_TIMEOUT_MS, check_is_sqlite, database, database_error, is_expected
from .migrations import LATEST_VERSION, check_openable
from .package_copies import bring_package_files
from .sqlite_uri import read_only_uri

DAMAGED_LABEL = "damaged"


def damaged_error(path: Path, detail: str = "") -> StorageError:
    """The one line for a database SQLite finds damaged or cut short."""
    more_zh, more_en = (f"（{detail}）", f" ({detail})") if detail else ("", "")
    return StorageError(f"数据库 {path} 已损坏或不完整{more_zh}；未做任何改动，可从备份恢复",
                        f"database {path} is damaged or incomplete{more_en}; nothing was changed; "
                        "it can be restored from a backup", subject=str(path), reason="damaged")


UNUSABLE_REASONS = ("damaged", "notadb", "foreign", "newer")


def check_database(path: Path, *, quick: bool = True) -> float:
    """Refuse a database file that cannot be used, touching nothing; returns the seconds spent.

    A missing or empty file passes (it becomes a new database). ``quick=False`` leaves out
    ``PRAGMA quick_check`` (header, schema version and the tables only). The error's
    ``reason`` is one of ``UNUSABLE_REASONS`` when the file itself is the problem.
    """
    started = time.monotonic()
    path = Path(path)
    try:
        check_is_sqlite(path)
    except InputError as exc:
        raise _unusable(exc, "notadb") from None
    try:
        if not path.exists() or path.stat().st_size == 0:
            return 0.0
        size = path.stat().st_size
    except OSError as exc:
        raise file_error(exc, path) from None
    if size < 512 or size % 512:
        raise damaged_error(path, f"{size} bytes")
    try:
        # read-only, but not immutable: a WAL beside the file holds committed changes
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise database_error(exc, path) from None
    with closing(conn):
        try:
            try:
                check_openable(database(conn), path)
            except InputError as exc:
                newer = conn.execute("PRAGMA user_version").fetchone()[0] > LATEST_VERSION
                raise _unusable(exc, "newer" if newer else "foreign") from None
            if quick:
                result = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
                if result != ["ok"]:
                    raise damaged_error(path, " ".join(" ".join(result).split())[:200])
        except sqlite3.Error as exc:
            if not is_expected(exc):
                raise
            error = database_error(exc, path)
            if error.reason == "damaged":
                raise damaged_error(path) from None
            raise error from None
    return time.monotonic() - started


def _unusable(exc: LowcarbonError, reason: str) -> StorageError:
    return StorageError(exc.message("zh"), exc.message("en"), subject=exc.subject, reason=reason)


def is_unusable(error: BaseException) -> bool:
    """Whether an error from ``check_database`` means the file itself cannot be used (a copy
    is the way out), rather than locked or unreadable for now."""
    return isinstance(error, StorageError) and error.reason in UNUSABLE_REASONS


def aside_name(db_path: Path, label: str = DAMAGED_LABEL) -> Path:
    """``<name>.damaged-<time>``: where a damaged database is kept."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    return db_path.with_name(f"{db_path.name}.{label}-{stamp}")


def replace_damaged(source: Path, db_path: Path) -> Path | None:
    """Put the checked copy ``source`` at ``db_path``; the file that was there is kept as
    ``<name>.damaged-<time>`` (its ``-wal`` beside it). Returns where it was kept.

    The damaged file is never opened for writing: it gets a second name (a hard link, else a
    byte copy) before the new database replaces it atomically, so there is no moment without
    a database file.
    """
    check_backup(source)
    db_path = Path(db_path)
    kept = None
    if db_path.exists():
        kept = aside_name(db_path)
        try:
            try:
                os.link(db_path, kept)
            except OSError:
                _copy_bytes(db_path, kept)
        except OSError as exc:
            raise file_error(exc, kept) from None
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
    except sqlite3.Error as exc:
        raise database_error(exc, source) from None
    with closing(src), atomic_output(db_path) as temp:
        bring_package_files(src, source, db_path)  # a copy that keeps package files: those first
        try:
            with closing(sqlite3.connect(str(temp))) as dest:
                copy_database(src, dest)
                dest.execute("PRAGMA journal_mode=WAL")
        except sqlite3.Error as exc:
            if not is_expected(exc):
                raise
            raise database_error(exc, db_path) from None
        # the old write-ahead log belongs to the damaged file: SQLite would replay it into the
        # new one. It goes aside with the damaged file, before the new file takes the name.
        for suffix in SIDECAR_SUFFIXES:
            sidecar = Path(str(db_path) + suffix)
            if sidecar.exists():
                if suffix == "-shm" or kept is None:
                    with suppress(OSError):
                        sidecar.unlink()
                else:
                    sidecar.replace(Path(str(kept) + suffix))
    return kept


def _copy_bytes(source: Path, target: Path) -> None:
    with source.open("rb") as src, target.open("xb") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
