"""``backup`` and ``restore``: consistent copies through SQLite's backup API."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import sqlite_utils

from ..domain.errors import InputError
from .connection import check_is_sqlite
from .migrations import LATEST_VERSION


def backup_to(db: sqlite_utils.Database, target: Path) -> None:
    """Copy the open database to ``target`` (consistent even while others write)."""
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()


def check_backup(path: Path) -> int:
    """Refuse anything that is not an intact lowcarbon-desk database; return its schema version."""
    if not path.exists():
        raise InputError(f"备份文件 {path} 不存在", f"backup file {path} does not exist", subject=str(path))
    check_is_sqlite(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise InputError(f"备份文件 {path} 已损坏（完整性检查未通过）",
                             f"backup file {path} is damaged (integrity check failed)", subject=str(path))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise InputError(f"备份文件 {path} 无法读取：{exc}", f"backup file {path} cannot be read: {exc}",
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
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        kept = db_path.with_name(f"{db_path.name}.before-restore-{stamp}.bak")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        if kept is not None:
            live = sqlite3.connect(str(db_path))
            try:
                keep = sqlite3.connect(str(kept))
                live.backup(keep)
                keep.close()
                src.backup(live)
            finally:
                live.close()
        else:
            live = sqlite3.connect(str(db_path))
            try:
                src.backup(live)
            finally:
                live.close()
    finally:
        src.close()
    return kept
