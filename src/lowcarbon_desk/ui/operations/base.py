"""One window action as one small object: a function over the database, run off the GUI thread.

An ``Operation`` is built from ``fn(store, progress)``; it runs on a pool thread with its own
``Store`` (``workers.Task``), shows a cancellable progress dialog when asked, and comes back
on the GUI thread: the success callbacks get the function's value, a failure is shown as the
one line of ``failures.user_error`` (a bug: the line naming the log), a cancel is quiet.

What the function changed travels with its value (``Done(value, changes)``); after the
success callbacks the operation announces ``changes`` on its ``OperationHub``, which the main
window forwards to its views — each view decides whether the change concerns it. Nothing
reloads by hand after an operation.

    Operation(hub, fn, title=…, label=…).success(show).run_in_background()
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..workers import Task, TaskCancelled

# progress(done, total) -> False once the user cancelled: stop at the next safe point
Progress = Callable[[int, int], bool]
OperationFunction = Callable[..., object]

__all__ = ["Changes", "Done", "Operation", "OperationHub", "Progress", "Session", "TaskCancelled", "go_on"]


def go_on(progress: Progress, done: int, total: int) -> None:
    """Report progress from an operation function; stop (``TaskCancelled``) once the user cancelled."""
    if not progress(done, total):
        raise TaskCancelled()


@dataclass(frozen=True)
class Changes:
    """What an operation changed: views reload what concerns them."""

    records: tuple[str, ...] = ()  # record ids whose rows, states or decisions changed
    orgs: bool = False  # organisations added or changed
    keys: bool = False  # pinned keys or this installation's key
    files: tuple[Path, ...] = ()  # files written (no view shows them; for the status line and tests)

    @property
    def database(self) -> bool:
        """Whether anything stored in the database changed."""
        return bool(self.records or self.orgs or self.keys)


@dataclass
class Done:
    """An operation function's value together with what it changed."""

    value: object = None
    changes: Changes = field(default_factory=Changes)


class Session(Protocol):
    """The database and language operations run with (the ``DeskService``); read at each start,
    so a language switch applies to the next operation."""

    @property
    def db_path(self) -> Path | None: ...

    lang: str


class OperationHub(QObject):
    """Where a window's operations start and announce what they changed.

    ``executed(changes, operation)`` fires on the GUI thread after an operation's success
    callbacks; ``failed(message)`` after a failure was shown.
    """

    executed = Signal(object, object)
    failed = Signal(str)

    def __init__(self, session: Session, window: QWidget | None = None):
        super().__init__(window)
        self.session = session
        self.window = window
        self.running: set[Operation] = set()

    @property
    def db_path(self) -> Path | None:
        return self.session.db_path

    @property
    def lang(self) -> str:
        return self.session.lang

    def show_failure(self, message: str) -> None:
        """The one line, in a warning box that does not block (the window keeps running)."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("操作失败"), message,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("operation_failed")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.failed.emit(message)


class Operation(QObject):
    """A function run on a worker with its own connection, progress and cancel.

    ``succeeded(value)``, ``failed(message)`` and ``cancelled()`` fire on the GUI thread;
    ``finished()`` after any of them. Tests wait on these signals.
    """

    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, hub: OperationHub, fn: OperationFunction, *, title: str = "", label: str = "",
                 cancellable: bool = True, show_progress: bool = True, uses_database: bool = True):
        super().__init__(hub)
        self.hub = hub
        self.fn = fn
        self.title = title
        self.label = label
        self.cancellable = cancellable
        self.show_progress = show_progress
        self.uses_database = uses_database
        self.task: Task | None = None
        self.dialog: QProgressDialog | None = None
        self._on_success: list[Callable[[object], None]] = []
        self._on_failure: list[Callable[[str], None]] = []
        self.changes = Changes()

    # --- building ------------------------------------------------------------------------
    def success(self, callback: Callable[[object], None]) -> Operation:
        """Call ``callback(value)`` on the GUI thread when the function returned."""
        self._on_success.append(callback)
        return self

    def failure(self, callback: Callable[[str], None]) -> Operation:
        """Call ``callback(message)`` instead of showing the failure box."""
        self._on_failure.append(callback)
        return self

    # --- running -------------------------------------------------------------------------
    def run_in_background(self) -> Operation:
        """Start the function on the global thread pool; returns at once."""
        # a function that returns has finished its work (it raises TaskCancelled at a progress
        # call to stop), so its value counts even when a cancel arrived meanwhile
        task = Task(self.hub.db_path if self.uses_database else None, self.fn, self.hub.lang,
                    partial_on_cancel=True)
        self.task = task
        self.hub.running.add(self)
        if self.show_progress:
            self.dialog = self._progress_dialog()
        task.signals.done.connect(self._done)
        task.signals.failed.connect(self._failed)
        task.signals.cancelled.connect(self._cancelled)
        QThreadPool.globalInstance().start(task)
        return self

    def cancel(self) -> None:
        """Ask the function to stop at its next progress call (it writes nothing then)."""
        if self.task is not None:
            self.task.cancel()

    @property
    def is_running(self) -> bool:
        return self in self.hub.running

    def _progress_dialog(self) -> QProgressDialog:
        cancel_text = self.tr("取消") if self.cancellable else None
        dialog = QProgressDialog(self.label, cancel_text, 0, 0, self.hub.window)
        dialog.setObjectName("operation_progress")
        dialog.setWindowTitle(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        assert self.task is not None
        self.task.signals.progress.connect(self._show_progress)
        return dialog

    def _show_progress(self, done: int, total: int) -> None:
        if self.dialog is not None and total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _finish(self) -> None:
        self.hub.running.discard(self)
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _done(self, result: object) -> None:
        self._finish()
        value = result
        if isinstance(result, Done):
            value, self.changes = result.value, result.changes
        for callback in self._on_success:
            callback(value)
        self.succeeded.emit(value)
        self.hub.executed.emit(self.changes, self)
        self.finished.emit()

    def _failed(self, message: str) -> None:
        self._finish()
        if self._on_failure:
            for callback in self._on_failure:
                callback(message)
        else:
            self.hub.show_failure(message)
        self.failed.emit(message)
        self.finished.emit()

    def _cancelled(self) -> None:
        self._finish()
        self.cancelled.emit()
        self.finished.emit()
