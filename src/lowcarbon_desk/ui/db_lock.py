"""One window per database: a ``QLockFile`` beside the database file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def acquire(db_path: Path) -> QLockFile | None:
    """The held lock, or None when another window (still running) holds it."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(lock_path(db_path)))
    lock.setStaleLockTime(0)  # only a lock whose process is gone counts as stale
    if lock.tryLock(100):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError and lock.removeStaleLockFile() and lock.tryLock(100):
        return lock
    return None
