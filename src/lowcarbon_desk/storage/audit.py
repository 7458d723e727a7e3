"""The append-only audit log: who changed which stored value, when, from what to what."""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from .record_io import to_text
from .rows import DbRow


def now_iso() -> str:
    """The current local time, ISO 8601 with offset, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def diff_paths(old: object, new: object, path: str = "") -> list[tuple[str, object, object]]:
    """Every leaf path whose value differs between ``old`` and ``new``."""
    if isinstance(old, dict) and isinstance(new, dict):
        changes = []
        for key in sorted(set(old) | set(new)):
            sub = f"{path}.{key}" if path else key
            changes.extend(diff_paths(old.get(key), new.get(key), sub))
        return changes
    if isinstance(old, list) and isinstance(new, list) and (
            all(isinstance(x, dict) for x in old + new)):
        changes = []
        for index in range(max(len(old), len(new))):
            changes.extend(diff_paths(old[index] if index < len(old) else None,
                                      new[index] if index < len(new) else None,
                                      f"{path}[{index}]"))
        return changes
    if isinstance(old, dict) and new is None:
        return [c for k in sorted(old) for c in diff_paths(old[k], None, f"{path}.{k}")]
    if isinstance(new, dict) and old is None:
        return [c for k in sorted(new) for c in diff_paths(None, new[k], f"{path}.{k}")]
    return [] if old == new else [(path, old, new)]


def log(db: sqlite_utils.Database, *, operator: str, action: str, record_id: str | None = None,
        org_id: str | None = None, changes: list[tuple[str, object, object]] | None = None,
        at: str | None = None) -> None:
    """Append entries: one per changed path, or one for the action when there is no change list."""
    db.conn.executemany(
        "INSERT INTO audit_log (at, operator, record_id, org_id, action, field_path, old_value, new_value)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        entry_rows(operator=operator, action=action, record_id=record_id, org_id=org_id, changes=changes, at=at))


def entry_rows(*, operator: str, action: str, record_id: str | None = None, org_id: str | None = None,
               changes: list[tuple[str, object, object]] | None = None,
               at: str | None = None) -> list[tuple[object, ...]]:
    """The ``audit_log`` rows ``log`` inserts (for a caller that inserts many entries at once)."""
    at = at or now_iso()
    return [(at, operator, record_id, org_id, action, p, to_text(o), to_text(n))
            for p, o, n in (changes or [("", None, None)])]


def entries(db: sqlite_utils.Database, record_id: str) -> list[DbRow]:
    """A record's log, oldest first."""
    cursor = db.conn.execute(
        "SELECT id, at, operator, record_id, org_id, action, field_path, old_value, new_value "
        "FROM audit_log WHERE record_id = ? ORDER BY id", [record_id])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
