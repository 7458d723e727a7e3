"""The window step of ``lowcarbon-desk --self-test``: open the main window on a store, check
that it shows, lists the records and carries the icon, then close it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDeadlineTimer, QEventLoop
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ..storage import Store
from . import i18n
from .launch import application
from .main_window import MainWindow
from .service import DeskService
from .settings import WindowSettings

EXPOSE_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class WindowCheck:
    """What the window showed."""

    platform: str
    rows: int
    has_icon: bool
    width: int
    height: int


def _process_events_until(condition, timeout_ms: int) -> bool:
    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            return False
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return True


def open_and_close(store: Store, operator: str, lang: str) -> WindowCheck:
    """Show the main window on ``store`` (records loaded on the GUI thread), grab it, close it.

    Raises ``RuntimeError`` when the window does not appear or paints nothing.
    """
    app = application()
    i18n.install(lang)
    window = MainWindow(DeskService(store, operator, lang), WindowSettings())
    try:
        window.resize(1200, 800)
        window.show()
        if not _process_events_until(lambda: window.windowHandle() is not None
                                     and window.windowHandle().isExposed(), EXPOSE_TIMEOUT_MS):
            raise RuntimeError(f"the window did not appear within {EXPOSE_TIMEOUT_MS / 1000:.0f} s")
        window.reload_records(synchronous=True)
        image = window.grab().toImage()
        if image.isNull() or image.width() < 100:
            raise RuntimeError("the window painted nothing")
        return WindowCheck(QGuiApplication.platformName(), len(window.rows),
                           not app.windowIcon().isNull() and not window.windowIcon().isNull(),
                           image.width(), image.height())
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()
