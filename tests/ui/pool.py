"""Holding the global thread pool, so that a test can cancel an operation before its worker runs.

Without it, a cancel right after the start races the worker: on a busy machine the GUI thread
can be descheduled long enough for a short operation to finish first.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRunnable, QThreadPool


class _Blocker(QRunnable):
    def __init__(self, started: threading.Semaphore, release: threading.Event):
        super().__init__()
        self.started = started
        self.release = release

    def run(self) -> None:
        self.started.release()
        self.release.wait(30)


@contextmanager
def pool_held() -> Iterator[None]:
    """Every thread of the global pool busy until the block ends: work started inside waits."""
    pool = QThreadPool.globalInstance()
    started, release = threading.Semaphore(0), threading.Event()
    count = pool.maxThreadCount()
    blockers = [_Blocker(started, release) for _ in range(count)]
    for blocker in blockers:
        pool.start(blocker)
    for _ in range(count):
        assert started.acquire(timeout=30), "the thread pool did not start the blockers"
    try:
        yield
    finally:
        release.set()
