"""Python's garbage collector runs only on the GUI thread.

The cyclic collector runs in whichever thread happens to allocate when a threshold is crossed.
When that is a worker thread (exports, imports, packages run off the GUI thread) and the cycle
holds Qt wrappers left by the window, their C++ objects are destroyed on the wrong thread and
the process can crash (seen here as segmentation faults inside unrelated Python code). So
automatic collection is switched off while the window runs, and a timer on the GUI thread
collects with the same thresholds instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 500


class GuiThreadGarbageCollector(QObject):
    """Owns the collector while it lives: collects on the GUI thread's timer."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect the youngest generation whose threshold is crossed, like the automatic GC."""
        counts = gc.get_count()
        generation = -1
        for level in range(3):
            if counts[level] > self.threshold[level]:
                generation = level
            else:
                break
        if generation >= 0:
            gc.collect(generation)

    def stop(self) -> None:
        """Hand collection back to Python."""
        self.timer.stop()
        gc.enable()


def install(app: QObject) -> GuiThreadGarbageCollector:
    """Install once per application (further calls return the same collector)."""
    existing = app.findChild(GuiThreadGarbageCollector)
    return existing if existing is not None else GuiThreadGarbageCollector(app)
