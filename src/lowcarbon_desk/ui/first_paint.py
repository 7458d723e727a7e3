"""Run the slow half of start-up once the window's frame is on the screen.

A window is drawn when the display server says it is exposed, which comes after it is
mapped: work queued with a zero timer right after ``show()`` runs before that, and the user
looks at an empty window until it is done (a 2,000-enterprise database: seconds).
``after_first_paint`` waits for the first expose (Qt paints and flushes the window while
handling it), then runs the work on the next turn of the event loop; a window that is never
exposed (started minimised, a platform without expose events) gets it after ``WAIT_MS``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:  # QEvent's types (a 180-value enum) load once the frame has been shown
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QWidget

WAIT_MS = 500


class _FirstExpose(QObject):
    """Watches one window for its first expose; calls ``work`` once."""

    def __init__(self, widget: QWidget, work: Callable[[], None]):
        from PySide6.QtCore import QEvent

        super().__init__(widget)
        self.expose = QEvent.Type.Expose
        self.work: Callable[[], None] | None = work
        self.handle = widget.windowHandle()
        # one timer: the wait for a window never exposed, brought forward to 0 by the expose
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._run)
        if self.handle is None or self.handle.isExposed():  # no window, or drawn during show()
            self.timer.start(0)
            return
        self.handle.installEventFilter(self)
        self.timer.start(WAIT_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.handle and event.type() == self.expose and self.handle.isExposed():
            self.handle.removeEventFilter(self)
            self.timer.start(0)  # after Qt has drawn the frame for this expose
        return False

    def _run(self) -> None:
        if self.handle is not None:
            self.handle.removeEventFilter(self)
        work, self.work = self.work, None
        if work is not None:
            work()


def after_first_paint(widget: QWidget, work: Callable[[], None]) -> None:
    """Call ``work`` once the shown top-level ``widget`` has been drawn (or after ``WAIT_MS``)."""
    _FirstExpose(widget, work)
