"""Windows and dialogs that fit the screen they open on.

A 1024×700 laptop must see every button: the main window starts at its designed size only
where that fits the screen's available area (``QScreen.availableGeometry``, without task bar);
a saved geometry is restored only when it still fits (the screen may have changed since, or a
maximised window saved a useless normal size); every dialog of the program is shrunk and moved
onto the screen as it shows (``FitsScreen``). Qt keeps its message boxes on the screen itself.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

DESIGNED = QSize(1600, 960)  # the main window's size on a large screen
SMALLEST = QSize(640, 420)  # a restored window smaller than this is not worth keeping
FRAME = QSize(16, 40)  # room for the window manager's frame and title bar, before it is known


def available_rect(widget: QWidget | None = None) -> QRect:
    """The available area (without task bar or docks) of the screen ``widget`` is on, else
    of the primary screen; a huge rectangle when there is no screen at all. (Found by the
    widget's position: ``QWidget.screen()`` on a window not shown yet has crashed PySide.)"""
    screen = None
    if widget is not None:
        window = widget.window()
        centre = window.frameGeometry().center() if window.isVisible() else window.geometry().center()
        screen = QGuiApplication.screenAt(centre)
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 100_000, 100_000)


def fitted_size(wanted: QSize, available: QRect) -> QSize:
    """``wanted`` shrunk, if need be, so that it and its frame fit ``available``."""
    return QSize(min(wanted.width(), available.width() - FRAME.width()),
                 min(wanted.height(), available.height() - FRAME.height()))


def fitted_rect(rect: QRect, available: QRect) -> QRect:
    """``rect`` shrunk to fit ``available`` and moved (as little as possible) into it."""
    size = fitted_size(rect.size(), available)
    x = min(max(rect.x(), available.left()), available.left() + available.width() - size.width() - FRAME.width())
    y = min(max(rect.y(), available.top()), available.top() + available.height() - size.height() - FRAME.height())
    return QRect(max(x, available.left()), max(y, available.top()), size.width(), size.height())


def centred_rect(size: QSize, available: QRect) -> QRect:
    """A rectangle of ``size`` (fitted) in the middle of ``available``."""
    size = fitted_size(size, available)
    centre = available.center()
    return QRect(centre.x() - size.width() // 2, centre.y() - size.height() // 2, size.width(), size.height())


def usable(rect: QRect, available: QRect) -> bool:
    """Whether a restored (normal) geometry is worth keeping: large enough and wholly on the
    screen."""
    return (rect.width() >= SMALLEST.width() and rect.height() >= SMALLEST.height()
            and available.contains(rect))


def screen_area_at(point: QPoint, fallback: QRect) -> QRect:
    """The available area of the screen at ``point`` (another monitor, say), else ``fallback``."""
    screen = QGuiApplication.screenAt(point)
    return screen.availableGeometry() if screen is not None else fallback


def restore_window(window: QMainWindow, saved: QByteArray | None) -> None:
    """The main window's saved geometry if it fits the available screen, else its designed
    size fitted to the screen and centred. A window saved maximised opens maximised, with a
    normal geometry that fits (what "restore down" returns to)."""
    available = available_rect(None)  # a window not shown yet opens on the primary screen
    if saved is not None and window.restoreGeometry(saved):
        normal = window.normalGeometry() if window.isMaximized() else window.geometry()
        if usable(normal, screen_area_at(normal.center(), available)):
            return
        replacement = centred_rect(DESIGNED, available)
        from PySide6.QtCore import Qt  # here only: the frame at start-up must not load Qt's namespace

        maximised = window.isMaximized()
        if maximised:  # only a normal window takes a normal geometry
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMaximized)
        window.setGeometry(replacement)
        if maximised:
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return
    window.setGeometry(centred_rect(DESIGNED, available))


def fit_widget(widget: QWidget) -> bool:
    """Shrink and move a top-level ``widget`` onto its screen's available area; whether it
    had to change."""
    parent = widget.parentWidget()
    available = available_rect(parent or widget)
    geometry = widget.geometry()
    if parent is not None and not geometry.intersects(available):
        geometry.moveCenter(parent.window().geometry().center())
    fitted = fitted_rect(geometry, available)
    if fitted == geometry:
        return False
    widget.setGeometry(fitted)
    return True


class FitsScreen:
    """A dialog's mixin (``class X(FitsScreen, QDialog)``): as it shows, the dialog is shrunk
    and moved onto its screen's available area. (Not an application-wide event filter: that
    would run Python for every event of every widget, and PySide may crash wrapping a widget
    still being constructed.)"""

    def showEvent(self, event) -> None:
        super().showEvent(event)  # type: ignore[misc]
        fit_widget(self)  # type: ignore[arg-type]
