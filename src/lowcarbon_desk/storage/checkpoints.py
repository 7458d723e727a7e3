"""Checkpoints in a thread of their own while a long import writes.

In WAL mode every committed page is written twice: into the write-ahead log at the commit and
into the database file at the next checkpoint. SQLite runs that checkpoint in the connection
that committed, so the import waited for it, and for the database file's fsync, after every few
packages. ``background_checkpoints`` turns the connection's automatic checkpoints off and copies
the log into the database from a second connection in a thread, which SQLite lets run beside
the writer (a PASSIVE checkpoint takes no lock the writer needs, and the thread waits on the
disk without holding the interpreter). Committing stays as durable as before: each commit still
syncs the log, and a checkpoint syncs the log before and the database after. On the 2-core
project machine, inserting 2,000 packages of 1.5 MB in groups of 20 beside 10 ms of other work
each took 23.2 s instead of 28.9 s.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .connection import BUSY_TIMEOUT_MS

EVERY_SECONDS = 0.05  # a 1.5 MB package takes a few milliseconds to write: a few packages a turn
# SQLite's page cache while an import writes (2 MB otherwise): larger than a commit group
# (packages/commit_groups.py, 32 MB), so an index page a group changes again and again is
# written to the log once at its commit instead of each time the cache spills. Importing
# 1,000 enterprise packages serially: 928,537 page writes and 368,922 reads for 300 packages
# fell to 541,143 and 141,020, and the import's CPU by 5 % (system time 7.3 s → 4.8 s).
BULK_CACHE_KIB = 64 * 1024
# The thread's checkpoints copy the log but cannot start it over: only a writer finding it all
# copied does, and commits that follow each other never find that. So the log grew as large as
# the import (6 GB after 2,750 packages), out of the page cache, the checkpoints reading it back
# from the disk. Past this size the writer copies what is left and empties it between commits.
LOG_LIMIT_BYTES = 128 << 20


class _Checkpointer(threading.Thread):
    def __init__(self, path: Path):
        super().__init__(name="lowcarbon-desk checkpoints", daemon=True)
        self.path = path
        self.stopping = threading.Event()
        self.failure: sqlite3.Error | None = None
        self.checkpoints = 0

    def run(self) -> None:
        try:
            # a plain path, not a file: URI (a Windows path does not read as one); the writer
            # holds the file open, so this opens it and never makes a new one
            conn = sqlite3.connect(str(self.path), isolation_level=None)
        except sqlite3.Error as exc:
            self.failure = exc
            return
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA synchronous=FULL")
            while not self.stopping.wait(EVERY_SECONDS):
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                    continue  # another checkpoint holds its lock: the next turn goes on
                self.checkpoints += 1
        except sqlite3.Error as exc:  # the writer's connection checkpoints again (see below)
            self.failure = exc
        finally:
            conn.close()


class LogLimit:
    """``after_commit`` keeps a write-ahead log that a checkpointing thread copies from growing
    without end (``LOG_LIMIT_BYTES``)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, limit: int = LOG_LIMIT_BYTES):
        self.conn = conn
        self.log = None if path is None else path.with_name(path.name + "-wal")
        self.limit = limit
        self.emptied = 0

    def after_commit(self) -> None:
        """Between transactions: when the log is over the limit, copy what the thread has not
        and truncate it, so the next commit writes it from its beginning again."""
        if self.log is None or self.conn.in_transaction:
            return
        try:
            size = self.log.stat().st_size
        except OSError:
            return
        if size > self.limit:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            self.emptied += 1


@contextmanager
def background_checkpoints(conn: sqlite3.Connection, path: Path) -> Iterator[_Checkpointer | None]:
    """While the body runs, ``conn`` (in WAL mode, on the file ``path``) leaves its checkpoints
    to a thread; afterwards it checkpoints itself again as before. Yields the thread, or None
    when the file is not in WAL mode (nothing changes then). If the thread fails (a full disk,
    say) it stops; nothing is lost (the log holds every commit) and the writer's next commit after the body checkpoints as usual."""
    if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        yield None
        return
    saved = int(conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
    conn.execute("PRAGMA wal_autocheckpoint=0")
    checkpointer = _Checkpointer(path)
    checkpointer.start()
    try:
        yield checkpointer
    finally:
        checkpointer.stopping.set()
        checkpointer.join()
        with suppress(sqlite3.Error):  # a connection that failed meanwhile reports it at its next use
            conn.execute(f"PRAGMA wal_autocheckpoint={saved}")


@contextmanager
def roomy_page_cache(conn: sqlite3.Connection, kib: int = BULK_CACHE_KIB) -> Iterator[None]:
    """``conn``'s page cache at ``kib`` KiB while the body runs, as it was afterwards."""
    saved = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size=-{int(kib)}")
    try:
        yield
    finally:
        with suppress(sqlite3.Error):
            conn.execute(f"PRAGMA cache_size={saved}")


__all__ = ["BULK_CACHE_KIB", "EVERY_SECONDS", "LOG_LIMIT_BYTES", "LogLimit", "background_checkpoints",
           "roomy_page_cache"]
