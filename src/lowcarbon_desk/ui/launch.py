"""Start the desktop window: font, language, the welcome page on first start, one-window lock,
the database check (and the way back from a damaged file), main window; then the next database
the File menu asked for.

The window shows first, as a frame (``MainWindow.opening``: title, menus, size); the window
lock of an existing database, the database check, the storage layer, the views and the record
list follow once the frame is drawn (``WindowOpening``, ``first_paint``). So this module
imports only Qt and small modules at the top; the rest is imported where it is used
(``tests/ui/test_startup.py`` keeps it so).
"""

from __future__ import annotations

import pathlib
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from .. import APP_NAME, logs
from ..domain.errors import LowcarbonError, StorageError
from ..paths import resources_dir
from . import gc_guard, i18n
from .database_menu import NextStep, remember_database
from .first_paint import after_first_paint
from .fonts import install_font
from .main_window import MainWindow
from .settings import WindowSettings

if TYPE_CHECKING:  # imported when the database opens, after the frame shows
    from PySide6.QtCore import QLockFile

    from ..storage import Store
    from .db_lock import LockRefused
    from .edit_journal import EditJournal
    from .exception_dialog import ExceptionReporter

DEMO_COUNTY = "410199"
DEMO_ENTERPRISES = 60
DEMO_SEED = 2025
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The application icon at every drawn size (title bar, taskbar, task switcher) up to
    256 pixels: Qt scales a larger window icon down to 256 on X11, and decoding the 512 one
    costs more start-up time than the rest of the icon."""
    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in ICON_SIZES:
        png = folder / f"app-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    return icon


def application() -> QApplication:
    """The one QApplication, created high-DPI safe with the bundled font."""
    existing = QApplication.instance()
    # high-DPI: Qt 6 passes fractional scale factors through by default (rounding policy
    # PassThrough); setting it here would import Qt's namespace before the window shows
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    app.setWindowIcon(app_icon())
    install_font(app)
    return app


def start_of_run() -> None:
    """What the command line does before every command, done once by the window: once the
    user has chosen on the welcome page (before the choice nothing is written), or once the
    first frame shows (not before: cryptography alone takes 50-120 ms to import). This installation's key pair on first start (package.md; a folder that
    cannot be written is logged, the window starts anyway), and the temporaries of writes a
    previous run did not finish removed (``leftovers.py``) before the database opens. Not for
    a later window of the same run: a write of the closed one may still be going on."""
    from ..leftovers import sweep
    from ..packages.keys import ensure_key

    try:
        ensure_key()
    except OSError as exc:
        logs.logger.warning("cannot make this installation's signing key: %s", exc)
    for path in sweep():
        logs.logger.info("removed the leftover of an interrupted write: %s", path)


def guard_garbage_collection() -> None:
    """From here on the garbage collector runs on the GUI thread only (``gc_guard``): called
    before the first worker starts, after the window shows (its set-up costs 10 ms)."""
    app = QCoreApplication.instance()
    if app is not None:
        gc_guard.install(app)


def choose_language(requested: str, settings: WindowSettings) -> str:
    """English when asked for on the command line or chosen in the settings; else Chinese."""
    if requested == "en":
        return "en"
    return settings.lang or "zh"


def build_demo_database(db_path: pathlib.Path, lang: str, parent=None) -> bool:
    """Fill a new database with the demo county on a worker, with a cancellable progress dialog."""
    from PySide6.QtWidgets import QMessageBox

    from ..demo import build_demo
    from .workers import run_task

    guard_garbage_collection()
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
    """Open the window on ``db_path``; returns the exit status of the event loop.

    ``make_demo`` (the database file does not exist yet) shows the welcome page instead: the
    user chooses an empty database for an enterprise or a county, another file, or the demo
    county in its own file. Nothing is written before that choice: not the key, not the log
    (held in memory until then; dropped if the user closes the page).
    """
    if logs.log_file() is None:  # started without the command line's run()
        logs.start("window", hold=True)
    # an existing database: the log is written from when the frame is drawn (WindowOpening)
    app = application()
    settings = WindowSettings()
    lang = choose_language(lang, settings)
    i18n.install(lang)
    db_path = pathlib.Path(db_path).resolve()
    step: NextStep | None = NextStep("welcome" if make_demo else "open", db_path)
    status = 0
    first = True
    try:
        while step is not None:
            db_path = step.path
            # the run's start-up work waits for the first step that opens a database
            asked = step.action in ("welcome", "choose")
            step, status = _run_step(app, step, operator, lang, settings, first=first)
            first = first and asked
        return status
    except Exception as exc:  # the window could not start: say so where the user looks
        show_startup_failure(exc, lang, db_path)
        return 1


def _run_step(app: QApplication, step: NextStep, operator: str, lang: str,
              settings: WindowSettings, *, first: bool = False) -> tuple[NextStep | None, int]:
    """Do one step (welcome page, create, restore, open); returns the next one and a status."""
    if step.action == "welcome":
        from .welcome import NEW_DATABASES, OPEN_DEMO, WelcomeDialog

        dialog = WelcomeDialog(step.path, lang)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
            return None, 0
        logs.release()
        choice = dialog.choice
        if choice.action in NEW_DATABASES:
            return NextStep("create", choice.path, choice.org), 0
        if choice.action == OPEN_DEMO:
            return NextStep("demo", choice.path), 0
        return NextStep("open", choice.path), 0
    if step.action == "choose":
        from PySide6.QtWidgets import QFileDialog  # message boxes and file dialogs: not before the frame

        chosen, _ = QFileDialog.getOpenFileName(None, QCoreApplication.translate("launch", "打开数据库"), str(step.path.parent),
                                                QCoreApplication.translate("launch", "数据库 (*.db *.sqlite);;所有文件 (*)"))
        return (NextStep("open", pathlib.Path(chosen).resolve()) if chosen else None), 0
    if step.action == "open":  # an existing file: the window's frame shows first, then the lock
        return _open_window(app, step.path, operator, lang, settings, first=first)
    # a file this step writes (new, demo, restored) is locked before it is written
    from . import db_lock

    lock = db_lock.try_acquire(step.path)
    if isinstance(lock, db_lock.LockRefused):
        refuse_lock(lock, lang)
        return None, 1
    try:
        if first:  # a new or restored file: key and sweep first
            start_of_run()
            first = False
        if step.action == "create":
            from .welcome import create_database

            create_database(step.path, step.org or {}, operator)
        elif step.action == "demo" and not step.path.exists():
            build_demo_database(step.path, lang)
        elif step.action == "restore" and step.copy is not None:
            _restore(step.copy, step.path)
        return _open_window(app, step.path, operator, lang, settings, first=first, lock=lock)
    finally:
        lock.unlock()


def refuse_lock(lock: LockRefused, lang: str) -> None:
    """Another window has the database, or its folder or file cannot be written: say which."""
    from PySide6.QtWidgets import QMessageBox

    title = (QCoreApplication.translate("launch", "数据库已打开") if lock.reason == "open_elsewhere"
             else QCoreApplication.translate("launch", "无法打开数据库"))
    QMessageBox.critical(None, title, lock.message(lang))


def _restore(copy: pathlib.Path, db_path: pathlib.Path) -> None:
    """Put ``copy`` in place of the database (a damaged one is kept aside untouched)."""
    from PySide6.QtCore import Qt

    from ..storage.backup import restore_from
    from ..storage.health import check_database, is_unusable, replace_damaged

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        try:
            check_database(db_path, quick=False)
        except StorageError as exc:
            if not is_unusable(exc):
                raise
            kept = replace_damaged(copy, db_path)
        else:
            kept = restore_from(copy, db_path)
        logs.logger.info("restored %s from %s; kept %s", db_path, copy, kept)
    finally:
        QApplication.restoreOverrideCursor()


def _unusable(message: str, db_path: pathlib.Path, lang: str) -> NextStep | None:
    """The dialog for a database that cannot be used: restore the newest intact copy (checked
    before it is offered), open another file, or quit."""
    from PySide6.QtCore import Qt

    from ..storage.autobackup import newest_good_backup
    from .backup_dialogs import OPEN_OTHER, RESTORE, UnusableDatabaseDialog

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        copy = newest_good_backup(db_path)
    finally:
        QApplication.restoreOverrideCursor()
    dialog = UnusableDatabaseDialog(message, copy, lang)
    dialog.exec()
    if dialog.answer == RESTORE and copy is not None:
        return NextStep("restore", db_path, copy=copy.path)
    if dialog.answer == OPEN_OTHER:
        return NextStep("choose", db_path)
    return None


def _open_window(app: QApplication, db_path: pathlib.Path, operator: str, lang: str,
                 settings: WindowSettings, *, first: bool = False,
                 lock: QLockFile | None = None) -> tuple[NextStep | None, int]:
    """Show the window's frame at once, fill it once it is drawn, run it. Without ``lock``
    (held by the caller) the opening takes the database's window lock itself."""
    window = MainWindow.opening(db_path, settings)
    window.show()
    opening = WindowOpening(window, db_path, operator, lang, settings, first=first, lock=lock)
    # not a zero timer: that would run before the frame is drawn (first_paint.py)
    after_first_paint(window, lambda: opening.run())
    try:
        status = app.exec()
    finally:
        opening.close()
    if opening.failed is not None:
        return opening.failed
    if window.is_ready and not window.pane.dirty and opening.journal is not None:  # closing saved the draft
        opening.journal.discard()  # (a failed save keeps the file)
    return window.next_step, status


class WindowOpening:
    """The heavy half of start-up, run inside the event loop once the frame is drawn: take
    the window lock (its file is synced to disk, milliseconds to tens of them), check and
    open the database, build the views on it, load the record list, start the background
    check, offer the edits a crash left. A database that is open in another window or cannot
    be opened gets the same message or restore offer as before the window existed, and the
    frame closes."""

    def __init__(self, window: MainWindow, db_path: pathlib.Path, operator: str, lang: str,
                 settings: WindowSettings, *, first: bool = False, lock: QLockFile | None = None):
        self.window = window
        self.lock = lock
        self.owns_lock = lock is None  # taken (and released) here
        self.first = first  # the run's first window: the key and the leftovers come first
        self.db_path = db_path
        self.operator = operator
        self.lang = lang
        self.settings = settings
        self.store: Store | None = None
        self.reporter: ExceptionReporter | None = None
        self.journal: EditJournal | None = None
        self.failed: tuple[NextStep | None, int] | None = None  # (next step, status) when it did not open

    def run(self) -> None:
        """Open and fill; any failure ends as a dialog and closes the frame."""
        logs.release()  # opening the log file loads logging.handlers: not before the frame
        guard_garbage_collection()
        try:
            if self.lock is None:
                from . import db_lock

                lock = db_lock.try_acquire(self.db_path)
                if isinstance(lock, db_lock.LockRefused):
                    refuse_lock(lock, self.lang)
                    self._give_up(None)
                    return
                self.lock = lock
            if self.first:
                start_of_run()
            self._open()
        except Exception as exc:  # the window could not start: say so where the user looks
            show_startup_failure(exc, self.lang, self.db_path)
            self._give_up(None)

    def _open(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from ..storage import open_store
        from ..storage.health import check_database, is_unusable
        from .db_care import DatabaseCare
        from .edit_journal import EditJournal
        from .exception_dialog import ExceptionReporter, keep_unsaved_edit
        from .service import DeskService

        window, db_path, lang = self.window, self.db_path, self.lang
        try:
            check_database(db_path, quick=False)  # header, owner, schema version: cheap
            self.store = store = open_store(db_path)
        except LowcarbonError as exc:
            if is_unusable(exc):
                self._give_up(_unusable(exc.message(lang), db_path, lang))
                return
            QMessageBox.critical(None, QCoreApplication.translate("launch", "无法打开数据库"), exc.message(lang))
            self._give_up(None)
            return
        remember_database(self.settings, db_path)
        # from here on an exception in a slot gets a dialog, and the open draft is kept
        reporter = ExceptionReporter(lang, db_path)
        reporter.install()
        self.reporter = reporter
        window.attach(DeskService(store, self.operator, lang))
        reporter.setParent(window)
        reporter.parent_widget = window
        reporter.keep_edit = lambda exc: keep_unsaved_edit(window.pane, exc)
        self.journal = EditJournal(window.pane, db_path, window)
        window.reload_records()
        care = DatabaseCare(db_path, lang, window)
        care.unusable.connect(lambda message: _damaged_while_open(window, message, db_path, lang))
        care.start()
        offer_recoveries(window, db_path)

    def _give_up(self, step: NextStep | None) -> None:
        self.failed = (step, 1)
        self.window.close_unopened()

    def close(self) -> None:
        """After the event loop: the exception dialog goes, the database closes."""
        if self.reporter is not None:
            self.reporter.uninstall()
        if self.store is not None:
            self.store.close()
        if self.owns_lock and self.lock is not None:
            self.lock.unlock()
            self.lock = None


def _damaged_while_open(window: MainWindow, message: str, db_path: pathlib.Path, lang: str) -> None:
    """The background check found damage: offer the copy; the window closes for the restore."""
    step = _unusable(message, db_path, lang)
    if step is not None:
        window.next_step = step
        window.close()


def offer_recoveries(window: MainWindow, db_path: pathlib.Path) -> list[str]:
    """After a crash: offer to put each kept unsaved edit back into the editor."""
    from PySide6.QtWidgets import QMessageBox

    from .edit_journal import pending_recoveries, restore_into, set_aside

    restored = []
    for recovery in pending_recoveries(db_path):
        answer = QMessageBox.question(
            window, QCoreApplication.translate("launch", "恢复未保存的修改"),
            QCoreApplication.translate("launch", "上次关闭前，记录 %1 有未保存的修改（%2）。要恢复到编辑区吗？").replace(
                "%1", recovery.record_id).replace("%2", recovery.kept_at.replace("T", " ")))
        if answer != QMessageBox.StandardButton.Yes:
            set_aside(recovery)
            continue
        try:
            if restore_into(window.pane, recovery):
                restored.append(recovery.record_id)
        except LowcarbonError as exc:  # the record is gone: keep the file for the user
            set_aside(recovery)
            window.show_message(exc.message(window.service.lang))
        break  # one record can be open at a time; later files are offered at the next start
    return restored


def show_startup_failure(exc: Exception, lang: str, db_path: pathlib.Path) -> None:
    """A failure before the window could work (started from an icon, no terminal to read)."""
    from PySide6.QtWidgets import QMessageBox

    from ..failures import unexpected_message, user_error

    error = user_error(exc, database=db_path)
    if error is None:
        logs.unexpected(exc, "starting the window")
        text = unexpected_message(exc, logs.log_file(), lang)
    else:
        text = error.message(lang)
    QMessageBox.critical(None, "Cannot start" if lang == "en" else "无法启动", text)
