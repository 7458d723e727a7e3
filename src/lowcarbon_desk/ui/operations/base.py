"""One window action as one small object: a function over the database that says what it changed.

An ``Operation[T]`` is built from ``fn(store, progress) -> Done[T]``. Every write of the window
is one; it runs either

- in the background (``run_in_background``): on a pool thread with its own ``Store``
  (``workers.Task``), with a cancellable progress dialog when asked; it comes back on the GUI
  thread: the success callbacks get the value, a failure is shown as the one line of
  ``failures.user_error`` (a bug: the line naming the log), a cancel is quiet; or
- at once (``run_now``): on the GUI thread's ``Store`` (the ``DeskService``'s), for the short
  single-transaction writes the user waits on while typing or clicking (save a draft, justify,
  submit…), where a worker and a progress dialog would only get in the way; a
  ``LowcarbonError`` is raised to the caller, which says it where the user is looking.

Either way what the function changed travels with its value (``Done(value, changes)``); after
the success callbacks the operation announces ``changes`` on its ``OperationHub``
(``executed``). Each view is connected to that signal and reloads what concerns it; nothing
reloads by hand after a write.

    Operation(hub, fn, title=…, label=…).success(show).run_in_background()
    value = Operation(hub, fn, origin=self).run_now()
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..workers import Task, TaskCancelled

if TYPE_CHECKING:
    from ...storage import Store

T = TypeVar("T")
U = TypeVar("U")

# progress(done, total) -> False once the user cancelled: stop at the next safe point
Progress = Callable[[int, int], bool]

__all__ = ["Changes", "Done", "Operation", "OperationFunction", "OperationHub", "Progress", "Session",
           "TaskCancelled", "go_on", "reading"]


def go_on(progress: Progress, done: int, total: int) -> None:
    """Report progress from an operation function; stop (``TaskCancelled``) once the user cancelled."""
    if not progress(done, total):
        raise TaskCancelled()


@dataclass(frozen=True)
class Changes:
    """What an operation changed: views reload what concerns them."""

    records: tuple[str, ...] = ()  # record ids added, changed (values, state, decision, attachments) or deleted
    orgs: tuple[str, ...] = ()  # organisations added or changed
    keys: bool = False  # pinned keys or this installation's key
    packages: tuple[Path, ...] = ()  # packages written (submission or decision)
    files: tuple[Path, ...] = ()  # other files written: PDFs, workbooks, backup copies

    @property
    def database(self) -> bool:
        """Whether anything stored in the database changed."""
        return bool(self.records or self.orgs or self.keys)


@dataclass
class Done(Generic[T]):
    """An operation function's value together with what it changed."""

    value: T
    changes: Changes = field(default_factory=Changes)


# fn(store, progress) -> Done[T]; store is None for an operation that uses no database
OperationFunction = Callable[[Any, Progress], Done[T]]


def reading(fn: Callable[[Any, Progress], U]) -> OperationFunction[U]:
    """A function that only reads (it changes nothing) as an operation function."""

    def work(store: Any, progress: Progress) -> Done[U]:
        return Done(fn(store, progress))

    return work


class Session(Protocol):
    """The database and language operations run with (the ``DeskService``); read at each start,
    so a language switch applies to the next operation. ``store`` is the GUI thread's
    connection, which ``run_now`` uses."""

    @property
    def db_path(self) -> Path | None: ...

    @property
    def store(self) -> Store: ...

    lang: str


class OperationHub(QObject):
    """Where a window's operations start and announce what they changed.

    ``executed(changes, operation)`` fires on the GUI thread after an operation's success
    callbacks — the one signal views follow to stay current; ``failed(message)`` after a
    failure was shown. ``window`` parents the failure boxes and progress dialogs (the main
    window sets itself when it attaches to the service owning the hub).
    """

    executed = Signal(object, object)
    failed = Signal(str)

    def __init__(self, session: Session, window: QWidget | None = None, parent: QObject | None = None):
        super().__init__(parent if parent is not None else window)
        self.session = session
        self.window = window
        self.running: set[Operation[Any]] = set()

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


class Operation(QObject, Generic[T]):
    """A function over the database, run on a worker (with progress and cancel) or at once.

    ``succeeded(value)``, ``failed(message)`` and ``cancelled()`` fire on the GUI thread;
    ``finished()`` after any of them. Tests wait on these signals. ``origin``: the object that
    started it — a view that has already shown its own change may skip it when announced.
    """

    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, hub: OperationHub, fn: OperationFunction[T], *, title: str = "", label: str = "",
                 cancellable: bool = True, show_progress: bool = True, uses_database: bool = True,
                 origin: object = None):
        super().__init__(hub)
        self.hub = hub
        self.fn = fn
        self.title = title
        self.label = label
        self.cancellable = cancellable
        self.show_progress = show_progress
        self.uses_database = uses_database
        self.origin = origin
        self.task: Task | None = None
        self.dialog: QProgressDialog | None = None
        self._on_success: list[Callable[[T], None]] = []
        self._on_failure: list[Callable[[str], None]] = []
        self.changes = Changes()

    # --- building ------------------------------------------------------------------------
    def success(self, callback: Callable[[T], None]) -> Operation[T]:
        """Call ``callback(value)`` on the GUI thread when the function returned."""
        self._on_success.append(callback)
        return self

    def failure(self, callback: Callable[[str], None]) -> Operation[T]:
        """Call ``callback(message)`` instead of showing the failure box."""
        self._on_failure.append(callback)
        return self

    # --- running -------------------------------------------------------------------------
    def run_now(self) -> T:
        """Run the function here, on the GUI thread's ``Store``, and return its value (after the
        success callbacks and ``executed``). A failure is raised to the caller, unannounced:
        the caller says it where the user is looking (the pane, the dialog)."""
        store = self.hub.session.store if self.uses_database else None
        try:
            done = self.fn(store, _never_cancelled)
            self._succeed(done)
        finally:
            # nothing waits on it any more: freed with its last reference, not kept by the hub
            # (autosave alone runs thousands in a day)
            self.setParent(None)
        return done.value

    def run_in_background(self) -> Operation[T]:
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
        if not isinstance(result, Done):
            raise TypeError(f"an operation function returns Done, not {type(result).__name__}")
        self._succeed(result)

    def _succeed(self, done: Done[T]) -> None:
        self.changes = done.changes
        for callback in self._on_success:
            callback(done.value)
        self.succeeded.emit(done.value)
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


def _never_cancelled(_done: int, _total: int) -> bool:
    return True  # run_now shows no progress and offers no cancel
