"""Long work off the GUI thread: ``Task``, the worker every background job runs on.

A ``Task`` runs its function in the global thread pool with its OWN ``Store`` (SQLite
connections never cross threads; ``None`` when the task needs no database, such as verifying
a package), reports progress through a callback, and its result or error comes back on the
GUI thread. Nothing in the worker touches widgets.

The window's writes are ``operations.Operation`` objects built on ``Task``. ``run_task`` is
the older plain helper, kept for work that happens before or beside the window and writes
nothing the views show: the start-up (``launch.py``: the demo county, before the window
exists; ``db_care.py``: the quick check and the daily copy) and the record list's first read.

A task that stops at a safe point when cancelled (between files of an import) may ask for
its partial result to be delivered anyway (``partial_on_cancel``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from .. import logs
from ..domain.errors import LowcarbonError
from ..failures import unexpected_message, user_error
from ..storage import open_store

# fn(store, progress) -> result; progress(done, total) returns False once cancelled
TaskFunction = Callable[..., object]


class TaskCancelled(Exception):
    """Raised inside a task when the user cancelled."""


class TaskSignals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Task(QRunnable):
    """Runs ``fn(store, progress)`` on a pool thread with a fresh connection to ``db_path``."""

    def __init__(self, db_path: Path | None, fn: TaskFunction, lang: str = "zh",
                 partial_on_cancel: bool = False):
        super().__init__()
        self.setAutoDelete(False)
        self.db_path = Path(db_path) if db_path is not None else None
        self.fn = fn
        self.lang = lang
        self.partial_on_cancel = partial_on_cancel
        self.signals = TaskSignals()
        self.finished = threading.Event()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(int(done), int(total))
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            if self.db_path is None:
                result = self.fn(None, self._progress)
            else:
                store = open_store(self.db_path)
                try:
                    result = self.fn(store, self._progress)
                finally:
                    store.close()
        except LowcarbonError as exc:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(exc.message(self.lang))
        except TaskCancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # a full disk, a locked database… or a bug (logged, not lost)
            error = user_error(exc, database=self.db_path)
            if error is None:
                logs.unexpected(exc, "a background task")
                self.signals.failed.emit(unexpected_message(exc, logs.log_file(), self.lang))
            else:
                self.signals.failed.emit(error.message(self.lang))
        else:
            if self._cancel.is_set() and not self.partial_on_cancel:
                self.signals.cancelled.emit()
            else:
                self.signals.done.emit(result)
        finally:
            self.finished.set()


_RUNNING: set[Task] = set()


def run_task(parent: QWidget | None, title: str, label: str, db_path: Path | None, fn: TaskFunction,
             on_done: Callable[[object], None], on_failed: Callable[[str], None] | None = None,
             lang: str = "zh", show_progress: bool = True, cancel_text: str = "",
             partial_on_cancel: bool = False) -> Task:
    """Start ``fn`` in the pool; a progress dialog (when asked) can cancel it."""
    task = Task(db_path, fn, lang, partial_on_cancel)
    _RUNNING.add(task)
    dialog: QProgressDialog | None = None
    if show_progress:
        dialog = QProgressDialog(label, cancel_text or None, 0, 0, parent)
        dialog.setObjectName("progress_dialog")
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)

        def show_progress_value(done: int, total: int) -> None:
            if dialog is not None and total > 0:
                dialog.setMaximum(total)
                dialog.setValue(min(done, total))

        task.signals.progress.connect(show_progress_value)

    def finish() -> None:
        _RUNNING.discard(task)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()

    def done(result: object) -> None:
        finish()
        on_done(result)

    def failed(message: str) -> None:
        finish()
        if on_failed is not None:
            on_failed(message)

    task.signals.done.connect(done)
    task.signals.failed.connect(failed)
    task.signals.cancelled.connect(finish)
    QThreadPool.globalInstance().start(task)
    return task


def running_tasks() -> list[Task]:
    return list(_RUNNING)
