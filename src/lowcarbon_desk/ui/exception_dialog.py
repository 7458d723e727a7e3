"""An unexpected exception in the window: a dialog instead of a program that vanishes.

``ExceptionReporter`` becomes ``sys.excepthook`` (PySide6 hands exceptions raised in slots to
it) and ``threading.excepthook``. It logs the traceback (``logs.py``), keeps the open record's
unsaved edit (saved as the draft, else written to a recovery file in the user data folder;
the editor keeps it either way), and shows what happened and the log's path. Expected
failures (a full disk, a locked database, a file that cannot be written) get their one-line
message instead. The program keeps running.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import logs
from ..domain.errors import StorageError
from ..failures import unexpected_message, user_error
from ..fileio import atomic_write_bytes
from ..paths import user_data_dir

RECOVERED_FOLDER = "recovered"
# keep_edit(exception) -> (zh, en) sentence about the unsaved edit, or None when there was none
KeepEdit = Callable[[BaseException], "tuple[str, str] | None"]


class ExceptionReporter(QObject):
    """Logs an unexpected exception, keeps the unsaved edit, and shows a dialog."""

    # an exception from another thread and its message (None: a bug), shown on the GUI thread
    _forward = Signal(object, object)

    def __init__(self, lang: str, database: Path | None = None, keep_edit: KeepEdit | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.database = database
        self.keep_edit = keep_edit
        self.parent_widget = parent
        self.dialog: QMessageBox | None = None
        self._previous: tuple | None = None
        self._forward.connect(self._show)

    def install(self) -> None:
        """Become the handler of uncaught exceptions (until ``uninstall``)."""
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb) -> QMessageBox | None:
        """``sys.excepthook``: returns the dialog shown (None when one is already open, or
        when the exception came from another thread and is shown later)."""
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return None
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        message = self._log(exc, "the window")
        app = QApplication.instance()
        if app is not None and QThread.currentThread() is not app.thread():
            self._forward.emit(exc, message)
            return None
        return self._show(exc, message)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        message = self._log(args.exc_value, f"thread {getattr(args.thread, 'name', '?')}")
        self._forward.emit(args.exc_value, message)

    def _log(self, exc: BaseException, where: str) -> str | None:
        """Log ``exc``; returns its one-line message when it is an expected failure."""
        if logs.log_file() is None:
            logs.start("window (after an exception)")
        error = user_error(exc, database=self.database)
        if error is None:
            logs.unexpected(exc, where)
            return None
        logs.logger.warning("window: %s", logs.one_line(error.message("en"), 2000))
        return error.message(self.lang)

    def _show(self, exc: BaseException, message: str | None) -> QMessageBox | None:
        if self.dialog is not None:
            return None  # one dialog at a time: a failure repeating on every keystroke is only logged
        lines = [message] if message is not None else [
            self._t("程序遇到了一个意外错误，但仍在运行，您可以继续工作。",
                    "The program met an unexpected error; it is still running and you can go on working."),
            unexpected_message(exc, logs.log_file(), self.lang)]
        kept = self._keep_edit(exc)
        if kept is not None:
            lines.append(self._t(*kept))
        box = QMessageBox(QMessageBox.Icon.Critical, self._t("出错了", "Something went wrong"),
                          "\n\n".join(lines), QMessageBox.StandardButton.Ok, self.parent_widget)
        box.setObjectName("exception_dialog")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.finished.connect(self._closed)
        self.dialog = box
        box.open()
        return box

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _keep_edit(self, exc: BaseException) -> tuple[str, str] | None:
        if self.keep_edit is None:
            return None
        try:
            return self.keep_edit(exc)
        except Exception as exc:  # the dialog must appear even when keeping the edit fails
            logs.unexpected(exc, "keeping the unsaved edit")
            return ("未能另存您的修改；它们仍在编辑区中，关闭程序前请先复制重要内容。",
                    "Your changes could not be kept elsewhere; they are still in the editor: "
                    "copy what matters before closing the program.")

    def _t(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh


def keep_unsaved_edit(pane, exc: BaseException | None = None) -> tuple[str, str] | None:
    """Keep the open record's unsaved edit: save it as the draft; if that fails (or ``exc``,
    the exception being reported, says the database cannot take it now), write what the
    editor holds to a recovery file. The editor keeps it in both cases."""
    if pane.doc is None or pane.editor is None or not pane.dirty or pane.read_only:
        return None
    record_id = pane.doc["record_id"]
    # a database that just failed (locked: another 5 s wait on the GUI thread) is not retried
    database_failed = isinstance(exc, (sqlite3.Error, StorageError))
    try:
        if not database_failed and pane.save_now():
            return (f"您未保存的修改已保存到草稿 {record_id}。",
                    f"Your unsaved changes were saved to the draft {record_id}.")
    except Exception as error:
        logs.unexpected(error, "saving the draft after an exception")
    path = write_recovery_file(record_id, pane.doc.get("form", ""), pane.editor.data())
    return (f"未能保存草稿；您的修改仍在编辑区中，并已另存到 {path}。",
            f"The draft could not be saved; your changes are still in the editor and were also "
            f"written to {path}.")


def write_recovery_file(record_id: str, form: str, data: dict) -> Path:
    """Write an editor's data as JSON in the user data folder's ``recovered/``."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    path = user_data_dir() / RECOVERED_FOLDER / f"{record_id}-{stamp}.json"
    content = {"record_id": record_id, "form": form, "kept_at": dt.datetime.now().isoformat(timespec="seconds"),
               "data": data}
    atomic_write_bytes(path, json.dumps(content, ensure_ascii=False, indent=2, default=str).encode("utf-8"))
    return path

