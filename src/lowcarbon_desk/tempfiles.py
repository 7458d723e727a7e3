"""The temporaries of atomic writes: their names and the lock their writer holds.

Shared by ``fileio.atomic_output``, which makes them, and ``leftovers``, which removes those
an interrupted write left behind.
"""

from __future__ import annotations

import re

try:  # POSIX: the writer holds a lock on its temporary, so a sweep can tell it is in use
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted, which protects it instead
    fcntl = None  # type: ignore[assignment]

TEMP_SUFFIX = ".part"
# SQLite writes these beside a database it writes (a backup goes to a ``.part`` database)
SIDECAR_SUFFIXES = ("-journal", "-wal", "-shm")


def temp_name_pattern(target_name: str) -> re.Pattern[str]:
    """The names ``atomic_output`` gives the temporaries of ``target_name`` (and SQLite's
    journal files beside them); nothing else matches."""
    sidecars = "|".join(re.escape(s) for s in SIDECAR_SUFFIXES)
    # tempfile's random part: 8 characters of [a-z0-9_]
    return re.compile(rf"^\.{re.escape(target_name)}\.[a-z0-9_]{{8}}{re.escape(TEMP_SUFFIX)}({sidecars})?$")


def try_lock(handle: int) -> bool | None:
    """Take an exclusive lock on an open file without waiting: True when taken, False when
    another process holds it, None where there are no such locks (Windows, some shares)."""
    if fcntl is None:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return None
    return True


__all__ = ["SIDECAR_SUFFIXES", "TEMP_SUFFIX", "temp_name_pattern", "try_lock"]
