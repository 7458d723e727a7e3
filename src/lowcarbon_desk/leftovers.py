"""Temporary files of interrupted writes, removed at the next start.

Before ``atomic_output`` makes a temporary beside its target it notes the target in
``pending-writes/`` of the user data folder, and removes the note when the write ends
(finished or failed). A write that is killed leaves both behind. At the next start
``sweep`` looks only at the folders those notes name, and there only at names made for the
noted target (``.NAME.XXXXXXXX.part`` and SQLite's ``-journal``/``-wal``/``-shm`` beside it).
Such a file is removed when it is provably not in use: every writer holds a lock on its
temporary while it writes (a killed process loses it); where the file system has no such
locks (Windows, some network shares), the file must not have changed for an hour. Notes whose
leftovers are all gone are removed.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .paths import user_data_dir
from .tempfiles import SIDECAR_SUFFIXES, TEMP_SUFFIX, temp_name_pattern, try_lock

PENDING_FOLDER = "pending-writes"
# Younger files are left alone even when unlocked: the lock is taken a moment after the
# temporary is created. Without locks, age is the only proof of a dead writer.
GRACE_SECONDS = 10.0
LOCKLESS_AGE_SECONDS = 3600.0


def pending_folder() -> Path:
    return user_data_dir() / PENDING_FOLDER


@contextmanager
def pending_write(target: Path) -> Iterator[None]:
    """Note that a temporary for ``target`` is about to be written, for the body's duration.

    The note is best effort: a user data folder that cannot be written does not stop the
    export, it only means a killed write's leftover is not swept.
    """
    note: Path | None = None
    try:
        folder = pending_folder()
        folder.mkdir(exist_ok=True)
        note = folder / f"{os.getpid()}-{secrets.token_hex(6)}.txt"
        note.write_text(str(target.absolute()), encoding="utf-8")
    except OSError:
        note = None
    try:
        yield
    finally:
        if note is not None:
            with suppress(OSError):
                note.unlink()


def sweep(now: float | None = None) -> list[Path]:
    """Remove the leftovers of interrupted writes; returns the files removed."""
    now = time.time() if now is None else now
    try:
        notes = sorted(pending_folder().glob("*.txt"))
    except OSError:
        return []
    removed: list[Path] = []
    for note in notes:
        try:
            target = Path(note.read_text(encoding="utf-8").strip())
        except (OSError, UnicodeError):
            continue
        if not target.is_absolute():
            continue
        gone, left = sweep_target(target, now)
        removed.extend(gone)
        # a note younger than the grace time may belong to a write that has not yet made its
        # temporary
        if not left and _age(note, now) > GRACE_SECONDS:
            with suppress(OSError):
                note.unlink()
    return removed


def sweep_target(target: Path, now: float | None = None) -> tuple[list[Path], list[Path]]:
    """Remove the unused temporaries of ``target``; returns (removed, still there)."""
    now = time.time() if now is None else now
    pattern = temp_name_pattern(target.name)
    try:
        names = sorted(n for n in os.listdir(target.parent) if pattern.match(n))
    except OSError:
        return [], []
    removed: list[Path] = []
    left: list[Path] = []
    bases = [n for n in names if n.endswith(TEMP_SUFFIX)]
    for name in bases:
        path = target.parent / name
        (removed if _remove_if_unused(path, now) else left).append(path)
    kept_bases = {p.name for p in left}
    for name in names:
        if name in bases:
            continue
        path = target.parent / name
        base = name[: -len(next(s for s in SIDECAR_SUFFIXES if name.endswith(s)))]
        if base in kept_bases:
            left.append(path)  # its database is still being written
            continue
        if base not in bases and _age(path, now) <= GRACE_SECONDS:
            left.append(path)
            continue
        (removed if _unlink(path) else left).append(path)
    return removed, left


def _remove_if_unused(path: Path, now: float) -> bool:
    age = _age(path, now)
    if age <= GRACE_SECONDS:
        return False
    try:
        handle = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        locked = try_lock(handle)
    finally:
        os.close(handle)  # before unlinking: Windows does not delete an open file
    if locked is False:
        return False  # a live writer holds it
    if locked is None and age <= LOCKLESS_AGE_SECONDS:
        return False
    return _unlink(path)  # Windows also refuses while a writer has it open


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        return False
    return True


def _age(path: Path, now: float) -> float:
    try:
        return now - path.stat().st_mtime
    except OSError:
        return 0.0
