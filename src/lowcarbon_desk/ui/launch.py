"""Start the desktop window: font, language, one-window lock, demo on first start, main window."""

from __future__ import annotations

import contextlib
import pathlib
import sys

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_NAME, logs
from ..domain.errors import LowcarbonError
from ..failures import unexpected_message, user_error
from ..packages.keys import ensure_key
from ..paths import resources_dir
from ..storage import open_store
from . import db_lock, gc_guard, i18n
from .exception_dialog import ExceptionReporter, keep_unsaved_edit
from .fonts import install_font
from .main_window import MainWindow
from .service import DeskService
from .settings import WindowSettings
from .workers import run_task

DEMO_COUNTY = "350999"
DEMO_ENTERPRISES = 60
DEMO_SEED = 2025


def app_icon() -> QIcon:
    """The application icon at every drawn size (title bar, taskbar, task switcher)."""
    icon = QIcon()
    for png in sorted((resources_dir() / "icons").glob("app-*.png")):
        icon.addFile(str(png))
    return icon


def application() -> QApplication:
    """The one QApplication, created high-DPI safe with the bundled font."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    app.setWindowIcon(app_icon())
    install_font(app)  # type: ignore[arg-type]
    gc_guard.install(app)
    return app  # type: ignore[return-value]


def choose_language(requested: str, settings: WindowSettings) -> str:
    """English when asked for on the command line or chosen in the settings; else Chinese."""
    if requested == "en":
        return "en"
    return settings.lang or "zh"


def build_demo_database(db_path: pathlib.Path, lang: str, parent=None) -> bool:
    """Fill a new database with the demo county on a worker, with a cancellable progress dialog."""
    from ..demo import build_demo

    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def work(store, progress):
        return build_demo(store, county=DEMO_COUNTY, enterprises=DEMO_ENTERPRISES, seed=DEMO_SEED,
                          progress=progress)

    def done(result: object) -> None:
        outcome["ok"] = result
        loop.quit()

    def failed(message: str) -> None:
        outcome["error"] = message
        loop.quit()

    task = run_task(parent, QCoreApplication.translate("launch", "示范数据"),
                    QCoreApplication.translate("launch", "正在生成示范县数据，请稍候…"), db_path, work,
                    done, failed, lang=lang,
                    cancel_text=QCoreApplication.translate("launch", "取消"))
    task.signals.cancelled.connect(loop.quit)
    loop.exec()
    if "error" in outcome:
        QMessageBox.warning(None, QCoreApplication.translate("launch", "示范数据"), str(outcome["error"]))
    return "ok" in outcome


def launch(db_path: pathlib.Path, operator: str, lang: str, make_demo: bool) -> int:
    """Open the window on ``db_path``; returns the exit status of the event loop."""
    if logs.log_file() is None:  # started without the command line's run()
        logs.start("window")
    with contextlib.suppress(OSError):  # first start: this installation's key pair (package.md)
        ensure_key()
    app = application()
    settings = WindowSettings()
    lang = choose_language(lang, settings)
    i18n.install(lang)
    db_path = pathlib.Path(db_path).resolve()
    try:
        return _open_window(app, db_path, operator, lang, make_demo, settings)
    except Exception as exc:  # the window could not start: say so where the user looks
        show_startup_failure(exc, lang, db_path)
        return 1


def _open_window(app: QApplication, db_path: pathlib.Path, operator: str, lang: str, make_demo: bool,
                 settings: WindowSettings) -> int:
    lock = db_lock.acquire(db_path)
    if lock is None:
        QMessageBox.critical(None, QCoreApplication.translate("launch", "数据库已打开"),
                             QCoreApplication.translate(
                                 "launch", "数据库 %1 已在另一个窗口中打开。请切换到那个窗口，"
                                 "或先关闭它再打开。").replace("%1", str(db_path)))
        return 1
    try:
        if make_demo:
            build_demo_database(db_path, lang)
        try:
            store = open_store(db_path)
        except LowcarbonError as exc:
            QMessageBox.critical(None, QCoreApplication.translate("launch", "无法打开数据库"),
                                 exc.message(lang))
            return 1
        # from here on an exception in a slot gets a dialog, and the open draft is kept
        reporter = ExceptionReporter(lang, db_path)
        reporter.install()
        try:
            service = DeskService(store, operator, lang)
            window = MainWindow(service, settings)
            reporter.setParent(window)
            reporter.parent_widget = window
            reporter.keep_edit = lambda exc: keep_unsaved_edit(window.pane, exc)
            window.show()
            window.reload_records()
            return app.exec()
        finally:
            reporter.uninstall()
            store.close()
    finally:
        lock.unlock()


def show_startup_failure(exc: Exception, lang: str, db_path: pathlib.Path) -> None:
    """A failure before the window could show (started from an icon, no terminal to read)."""
    error = user_error(exc, database=db_path)
    if error is None:
        logs.unexpected(exc, "starting the window")
        text = unexpected_message(exc, logs.log_file(), lang)
    else:
        text = error.message(lang)
    QMessageBox.critical(None, "Cannot start" if lang == "en" else "无法启动", text)
