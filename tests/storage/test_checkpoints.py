"""Checkpoints in a thread while a long import writes (``storage.checkpoints``): the writer's
own checkpoints are off only inside the body, the thread copies the committed log into the
database file beside the writer, and a thread that cannot work leaves the writer as before."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from lowcarbon_desk.storage.checkpoints import LogLimit, background_checkpoints, roomy_page_cache


def _writer(path: Path, journal: str = "WAL") -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA journal_mode={journal}")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (n INTEGER, b BLOB)")
    return conn


def _commit_rows(conn: sqlite3.Connection, start: int, count: int) -> None:
    for n in range(start, start + count):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?, ?)", (n, os.urandom(64 * 1024)))
        conn.execute("COMMIT")


def test_the_thread_copies_the_log_while_the_writer_commits(tmp_path) -> None:
    path = tmp_path / "a.db"
    conn = _writer(path)
    with background_checkpoints(conn, path) as thread:
        assert thread is not None
        assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        _commit_rows(conn, 0, 40)
        waited = 0.0
        while thread.checkpoints < 2 and waited < 10:
            time.sleep(0.05)
            waited += 0.05
        size_during = path.stat().st_size
    assert thread.failure is None and thread.checkpoints >= 2
    assert size_during > 40 * 64 * 1024  # the rows reached the database file, not only the log
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    _commit_rows(conn, 40, 5)
    conn.close()
    reader = sqlite3.connect(path)
    assert reader.execute("SELECT COUNT(*), SUM(n) FROM t").fetchone() == (45, sum(range(45)))
    assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reader.close()


def test_a_file_not_in_wal_mode_is_left_alone(tmp_path) -> None:
    path = tmp_path / "b.db"
    conn = _writer(path, journal="DELETE")
    with background_checkpoints(conn, path) as thread:
        assert thread is None
        _commit_rows(conn, 0, 3)
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    conn.close()


def test_a_thread_that_cannot_open_the_file_leaves_the_writer_working(tmp_path) -> None:
    path = tmp_path / "c.db"
    conn = _writer(path)
    with background_checkpoints(conn, tmp_path / "elsewhere" / "c.db") as thread:
        _commit_rows(conn, 0, 3)
        thread.join(timeout=5)
    assert thread.failure is not None and thread.checkpoints == 0
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    assert conn.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 3
    conn.close()


def test_the_page_cache_is_roomy_only_inside(tmp_path) -> None:
    conn = _writer(tmp_path / "d.db")
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    with roomy_page_cache(conn, 8192):
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == -8192
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == before
    conn.close()


def test_the_log_is_emptied_between_commits_once_over_its_limit(tmp_path) -> None:
    """Commits following each other never let the thread's checkpoints start the log over:
    ``after_commit`` empties it once it is over the limit, and not inside a transaction."""
    path = tmp_path / "e.db"
    conn = _writer(path)
    log = tmp_path / "e.db-wal"
    limit = LogLimit(conn, path, limit=256 * 1024)
    with background_checkpoints(conn, path):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?, ?)", (0, os.urandom(512 * 1024)))
        limit.after_commit()  # inside a transaction: nothing
        assert limit.emptied == 0
        conn.execute("COMMIT")
        largest = 0
        for start in range(1, 40, 4):
            _commit_rows(conn, start, 4)
            largest = max(largest, log.stat().st_size)
            limit.after_commit()
            assert log.stat().st_size <= limit.limit
    assert limit.emptied >= 2 and largest > limit.limit
    conn.close()
    reader = sqlite3.connect(path)
    assert reader.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 41
    assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reader.close()
