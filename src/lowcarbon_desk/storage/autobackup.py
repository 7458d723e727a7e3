"""Automatic backups: consistent copies of a database kept in the user data folder.

Each database gets its own folder, ``backups/<name>-<hash of its full path>/`` under the
user data folder, so the copies survive the user deleting (or losing) the database file
and two offices' databases never share copies. A copy is made with SQLite's online backup
API (consistent while others write), written atomically, and named
``<name>.<kind>-<time>.db``. Kinds:

- ``daily``: the window's copy once a day; kept by ``RETENTION`` (7 daily + 4 weekly);
- ``before-package-import``, ``before-workbook-import``: made just before the import; the
  newest ``RETENTION.events`` of each kind are kept;
- ``manual``: the user's "back up now"; never removed by the program.

The migration copies (``<db>.before-v<N>-<time>.bak``, ``<db>.before-forms-…``) and the
database kept by ``restore`` (``<db>.before-restore-…``) stay beside the database as before;
``list_backups`` shows them too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from ..domain.errors import InputError, LowcarbonError
from ..domain.jsontypes import JsonObject
from ..fileio import atomic_write_bytes, file_error
from ..paths import user_data_path
from .backup import backup_to, check_backup
from .health import check_database, damaged_error

if TYPE_CHECKING:
    from .base import StoreBase

BACKUPS_FOLDER = "backups"
DAILY = "daily"
MANUAL = "manual"
BEFORE_PACKAGE_IMPORT = "before-package-import"
BEFORE_WORKBOOK_IMPORT = "before-workbook-import"
EVENT_KINDS = (BEFORE_PACKAGE_IMPORT, BEFORE_WORKBOOK_IMPORT)
STAMP_FORMAT = "%Y%m%dT%H%M%S%f"
_NAME = re.compile(r"^(?P<db>.+)\.(?P<kind>[a-z0-9-]+?)-(?P<stamp>\d{8}T\d{6}\d{0,6})\.(?:db|bak)$")


@dataclass(frozen=True)
class Retention:
    """How many automatic copies are kept (the one place to change it)."""

    daily: int = 7    # the newest copy of each of the last N days that have one
    weekly: int = 4   # and of each of the N ISO weeks before those
    events: int = 10  # the newest N copies of each "before …" kind


RETENTION = Retention()


@dataclass(frozen=True)
class BackupCopy:
    """One copy of the database: where, when, what kind, how big."""

    path: Path
    kind: str
    made_at: dt.datetime
    size: int
    managed: bool  # in the backups folder (False: a migration or restore copy beside the db)

    def as_json(self) -> JsonObject:
        return {"path": str(self.path), "kind": self.kind, "made_at": self.made_at.isoformat(timespec="seconds"),
                "size": self.size}


def backups_dir(db_path: Path) -> Path:
    """The folder of ``db_path``'s automatic copies (not created)."""
    resolved = Path(db_path).resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:10]
    return user_data_path() / BACKUPS_FOLDER / f"{resolved.stem}-{digest}"


def copy_to(store: StoreBase, target: Path) -> None:
    """Copy the open database to ``target`` atomically (consistent even while others write)."""
    backup_to(store.db, target)


def make_backup(store: StoreBase, db_path: Path, kind: str, *,
                retention: Retention = RETENTION, now: dt.datetime | None = None) -> Path:
    """Copy the open database into its backups folder as a ``kind`` copy; apply retention."""
    now = now or dt.datetime.now()
    folder = backups_dir(db_path)
    target = folder / f"{Path(db_path).name}.{kind}-{now.strftime(STAMP_FORMAT)}.db"
    backup_to(store.db, target)
    try:  # a copy of a damaged database must not push a good copy out of retention
        check_database(target)
    except LowcarbonError:
        with suppress(OSError):
            target.unlink()
        raise damaged_error(Path(db_path), "its copy failed the check") from None
    _write_origin(folder, db_path)
    prune(db_path, retention)
    return target


def backup_before(store: StoreBase, db_path: Path | None, kind: str) -> Path | None:
    """The copy made just before a change (a package or workbook import).

    A database that has no file (in memory) or no records yet gets none.
    """
    if db_path is None or not _holds_data(store.db):
        return None
    return make_backup(store, db_path, kind)


def daily_backup_due(db_path: Path, today: dt.date | None = None) -> bool:
    """Whether no daily copy of ``db_path`` was made today."""
    today = today or dt.date.today()
    return not any(c.kind == DAILY and c.made_at.date() == today for c in list_backups(db_path))


def list_backups(db_path: Path) -> list[BackupCopy]:
    """Every copy of ``db_path``, newest first: its backups folder and the copies beside it."""
    db_path = Path(db_path)
    found: list[BackupCopy] = []
    for folder, managed in ((backups_dir(db_path), True), (db_path.resolve().parent, False)):
        try:
            names = list(folder.iterdir()) if folder.is_dir() else []
        except OSError as exc:
            raise file_error(exc, folder) from None
        for path in names:
            match = _NAME.match(path.name)
            if match is None or match["db"] != db_path.name:
                continue
            if not managed and not path.name.endswith(".bak"):
                continue
            try:
                made_at = dt.datetime.strptime(match["stamp"].ljust(21, "0"), STAMP_FORMAT)
                size = path.stat().st_size
            except (ValueError, OSError):
                continue
            found.append(BackupCopy(path, match["kind"], made_at, size, managed))
    found.sort(key=lambda c: c.made_at, reverse=True)
    return found


def newest_good_backup(db_path: Path) -> BackupCopy | None:
    """The newest copy that passes the full integrity check (``check_backup``)."""
    for copy in list_backups(db_path):
        try:
            check_backup(copy.path)
        except LowcarbonError:
            continue
        return copy
    return None


def require_latest(db_path: Path) -> BackupCopy:
    """``restore --latest``: the newest intact copy, or an error saying there is none."""
    copy = newest_good_backup(db_path)
    if copy is None:
        folder = backups_dir(db_path)
        raise InputError(f"数据库 {db_path} 没有完好的备份（备份文件夹 {folder}）",
                         f"database {db_path} has no intact backup (backups folder {folder})",
                         subject=str(db_path))
    return copy


def prune(db_path: Path, retention: Retention = RETENTION) -> list[Path]:
    """Remove the automatic copies retention no longer keeps; returns what was removed."""
    copies = [c for c in list_backups(db_path) if c.managed]
    keep = kept_by_retention(copies, retention)
    removed = []
    for copy in copies:
        if copy.kind == MANUAL or copy.kind not in (DAILY, *EVENT_KINDS) or copy.path in keep:
            continue
        try:
            copy.path.unlink()
        except OSError:
            continue  # tried again after the next copy
        removed.append(copy.path)
    return removed


def kept_by_retention(copies: list[BackupCopy], retention: Retention = RETENTION) -> set[Path]:
    """Which automatic copies to keep: daily ones grandfather-father style, events by count."""
    keep: set[Path] = set()
    newest_first = sorted(copies, key=lambda c: c.made_at, reverse=True)
    daily = [c for c in newest_first if c.kind == DAILY]
    days: dict[dt.date, BackupCopy] = {}
    for copy in daily:
        days.setdefault(copy.made_at.date(), copy)
    day_list = list(days.values())
    keep.update(c.path for c in day_list[:retention.daily])
    weeks: dict[tuple[int, int], BackupCopy] = {}
    for copy in day_list[retention.daily:]:
        week = copy.made_at.isocalendar()[:2]
        if any(c.made_at.isocalendar()[:2] == week for c in day_list[:retention.daily]):
            continue  # that week already has a daily copy kept
        weeks.setdefault(week, copy)
    keep.update(c.path for c in list(weeks.values())[:retention.weekly])
    for kind in EVENT_KINDS:
        keep.update(c.path for c in [c for c in newest_first if c.kind == kind][:retention.events])
    return keep


def _holds_data(db: sqlite_utils.Database) -> bool:
    tables = set(db.table_names())
    if "records" not in tables:
        return False
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM organisations)").fetchone()[0])


def _write_origin(folder: Path, db_path: Path) -> None:
    """A note in the folder naming the database its copies are of (for a person looking)."""
    note = folder / "database.json"
    content = json.dumps({"database": str(Path(db_path).resolve())}, ensure_ascii=False).encode("utf-8")
    try:
        if note.is_file() and note.read_bytes() == content:
            return
        atomic_write_bytes(note, content)
    except (OSError, LowcarbonError):
        pass  # only a convenience
