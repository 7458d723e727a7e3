"""What the screenshot scripts share: the command line, a temporary work folder with the
program's home in it, Qt's offscreen platform, a demo database, the window at a size, and
grabbing a widget (or the window with a dialog drawn over it) into a PNG.

Imported by ``scripts/*screenshots.py`` (run from the repository as ``python scripts/….py``);
it puts ``src/`` first on ``sys.path``. The program's modules are imported inside the functions,
after ``start`` has pointed ``LOWCARBON_DESK_HOME`` into the work folder.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
SMALL = (1024, 700)


def offscreen_screen(size: tuple[int, int] | None = None) -> None:
    """Qt's offscreen platform unless ``QT_QPA_PLATFORM`` says otherwise (``xcb`` under Xvfb
    works too); with ``size``, one screen of that size instead of its own 800×800, so that the
    window and its dialogs fit the screen they open on."""
    if "QT_QPA_PLATFORM" in os.environ:
        return
    if size is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return
    config = Path(tempfile.mkdtemp(prefix="lowcarbon-screen-")) / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "shots", "x": 0, "y": 0, "width": size[0],
                                               "height": size[1], "logicalDpiX": 96, "logicalDpiY": 96,
                                               "dpr": 1}]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def parser(description: str | None) -> argparse.ArgumentParser:
    """The command line every script takes: ``--out FOLDER`` (default docs/screenshots)."""
    result = argparse.ArgumentParser(description=description)
    result.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    return result


def work_folder(name: str) -> Path:
    """A new temporary folder ``lowcarbon-<name>-shots-…`` holding the program's home."""
    work = Path(tempfile.mkdtemp(prefix=f"lowcarbon-{name}-shots-"))
    os.environ.setdefault("LOWCARBON_DESK_HOME", str(work / "home"))
    return work


def start(description: str | None, name: str, argv: list[str] | None,
          screen: tuple[int, int] | None = None) -> tuple[Path, Path]:
    """Parse the command line, make the output and the work folder, choose the platform;
    returns (output folder, work folder)."""
    args = parser(description).parse_args(argv)
    work = work_folder(name)
    offscreen_screen(screen)
    args.out.mkdir(parents=True, exist_ok=True)
    return args.out, work


@functools.cache  # kept here: a QApplication nobody refers to may be deleted
def application():
    """The program's ``QApplication`` (its fonts and style), made once."""
    from lowcarbon_desk.ui.launch import application as make

    return make()


def settle(rounds: int = 10) -> None:
    """Let Qt lay out and paint what has changed."""
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):
        QApplication.processEvents()


def demo_store(path: Path, enterprises: int, county: str = "410199"):
    """A new database at ``path`` holding the demo county of 2025; open (the caller closes it)."""
    from lowcarbon_desk.demo import build_demo
    from lowcarbon_desk.storage import open_store

    store = open_store(path)
    build_demo(store, county=county, enterprises=enterprises, seed=2025)
    return store


def main_window(store, operator: str, lang: str, settings: Path, size: tuple[int, int]):
    """The main window on ``store`` in ``lang`` (its settings in the INI file ``settings``),
    resized and shown."""
    from PySide6.QtCore import QSettings

    from lowcarbon_desk.ui.main_window import MainWindow
    from lowcarbon_desk.ui.service import DeskService
    from lowcarbon_desk.ui.settings import WindowSettings

    window = MainWindow(DeskService(store, operator, lang),
                        WindowSettings(QSettings(str(settings), QSettings.Format.IniFormat)))
    window.resize(*size)
    window.show()
    return window


@contextmanager
def window_on(database: Path, operator: str, lang: str, settings: Path, size: tuple[int, int]) -> Iterator:
    """``main_window`` on the database file opened here; the window and the database are
    closed afterwards."""
    from lowcarbon_desk.storage import open_store

    store = open_store(database)
    window = main_window(store, operator, lang, settings, size)
    try:
        yield window
    finally:
        window.close()
        store.close()
        settle()


def show_overview(window, year: int) -> None:
    """Switch the window to its overview page showing ``year``."""
    window.pages.setCurrentIndex(1)
    window.overview.fill_years()
    window.overview.set_year(year)
    window.overview.refresh(synchronous=True)
    settle()


def scroll_to(panel) -> None:
    """Scroll the overview so that ``panel`` is at the top."""
    scroll = panel.parentWidget().parentWidget().parentWidget()
    scroll.verticalScrollBar().setValue(panel.y())
    settle()


def with_dialog(window, dialog, centred: bool = False):
    """The window's picture with ``dialog`` drawn over it: where it opened, or (offscreen
    windows have no frame or place) ``centred`` as a window manager would place it."""
    from PySide6.QtGui import QPainter

    picture = window.grab()
    shot = dialog.grab()
    painter = QPainter(picture)
    if centred:
        painter.drawPixmap((picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 3, shot)
    else:
        painter.drawPixmap(dialog.mapToGlobal(dialog.rect().topLeft()) - window.mapToGlobal(window.rect().topLeft()),
                           shot)
    painter.end()
    return picture


def save(picture, path: Path) -> None:
    """Save a widget's grab (or a picture) as PNG at ``path`` and print the path."""
    (picture.grab() if hasattr(picture, "grab") else picture).save(str(path))
    print(path)


def wait_for(signal, seconds: int = 300) -> None:
    """Run the event loop until ``signal`` fires (or the time is up)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(seconds * 1000, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def wait_until(condition, seconds: float = 30) -> None:
    """Run the event loop until ``condition()`` holds (or the time is up)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: condition() and loop.quit())
    timer.start(20)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()
