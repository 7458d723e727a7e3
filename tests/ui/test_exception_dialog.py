"""An unexpected exception in the window: a dialog with what happened and the log's path, the
traceback in the log, the unsaved edit kept, the program still running."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from lowcarbon_desk import logs
from lowcarbon_desk.ui.exception_dialog import RECOVERED_FOLDER, ExceptionReporter, keep_unsaved_edit
from lowcarbon_desk.ui.workers import Task

from .conftest import ENTERPRISE, TIMEOUT
from .test_window import new_record, type_into


@pytest.fixture
def log_file(_isolated_home):
    path = logs.start("window tests")
    yield path
    logs.stop()


@pytest.fixture
def reporter(window, log_file):
    reporter = ExceptionReporter("en", window.service.db_path, lambda exc: keep_unsaved_edit(window.pane, exc),
                                window)
    reporter.install()
    yield reporter
    reporter.uninstall()
    if reporter.dialog is not None:
        reporter.dialog.close()


def raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:
        return caught


def call_hook(exc: BaseException):
    exc = raised(exc)
    import sys

    return sys.excepthook(type(exc), exc, exc.__traceback__)


def close(box) -> str:
    text = box.text()
    box.close()
    return text


def test_a_bug_shows_what_happened_and_the_log(reporter, log_file, window):
    box = call_hook(ZeroDivisionError("division by zero"))
    assert box is not None and box.isVisible() and box.objectName() == "exception_dialog"
    text = close(box)
    assert "The program met an unexpected error; it is still running" in text
    assert f"internal error (ZeroDivisionError: division by zero); details are in the log {log_file}" in text
    assert "Traceback" not in text
    logged = log_file.read_text(encoding="utf-8")
    assert "unexpected ZeroDivisionError in the window" in logged and "Traceback (most recent call last)" in logged
    assert window.isVisible()


def test_an_exception_in_a_slot_reaches_the_dialog(reporter, qtbot, log_file):
    def broken_slot() -> None:
        raise KeyError("missing")
    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=TIMEOUT)
    assert "KeyError: 'missing'" in close(reporter.dialog)
    assert "broken_slot" in log_file.read_text(encoding="utf-8")


def test_an_exception_in_a_thread_is_shown_on_the_gui_thread(reporter, qtbot, log_file):
    worker = threading.Thread(target=lambda: [][1], name="helper")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=TIMEOUT)
    assert "IndexError: list index out of range" in close(reporter.dialog)
    assert "unexpected IndexError in thread helper" in log_file.read_text(encoding="utf-8")


def test_an_expected_failure_gets_its_one_line(reporter, window):
    db = window.service.db_path
    text = close(call_hook(sqlite3.OperationalError("database or disk is full")))
    assert text == f"database {db} cannot be written: the disk is full (or the database has reached its size limit)"


def test_one_dialog_at_a_time(reporter, log_file):
    first = call_hook(ValueError("first"))
    assert call_hook(ValueError("second")) is None
    assert "ValueError: first" in close(first)
    logged = log_file.read_text(encoding="utf-8")
    assert "ValueError: first" in logged and "ValueError: second" in logged
    close(call_hook(ValueError("third")))  # the next one shows again


def test_the_unsaved_edit_is_saved_as_the_draft(reporter, window):
    record_id = new_record(window, "energy_budget", ENTERPRISE, "2025")
    type_into(window, "budget_tce", "900")
    assert window.pane.dirty
    text = close(call_hook(RuntimeError("bug elsewhere")))
    assert f"Your unsaved changes were saved to the draft {record_id}." in text
    assert window.service.record(record_id)["data"]["budget_tce"] == 900
    assert not window.pane.dirty


def test_an_edit_that_cannot_be_saved_goes_to_a_recovery_file(reporter, window, _isolated_home):
    record_id = new_record(window, "energy_budget", ENTERPRISE, "2025")
    type_into(window, "budget_tce", "1,234")
    store_conn = window.service.store.db.conn
    store_conn.execute("PRAGMA busy_timeout = 100")  # the window's 5 s wait, shortened
    other = sqlite3.connect(window.service.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is writing: the draft cannot be saved
    try:
        text = close(call_hook(RuntimeError("bug elsewhere")))
    finally:
        other.execute("ROLLBACK")
        other.close()
    recovered = sorted((_isolated_home / RECOVERED_FOLDER).glob(f"{record_id}-*.json"))
    assert len(recovered) == 1
    assert f"your changes are still in the editor and were also written to {recovered[0]}" in text
    kept = json.loads(recovered[0].read_text(encoding="utf-8"))
    assert kept["record_id"] == record_id and kept["form"] == "energy_budget"
    assert kept["data"]["budget_tce"] == "1,234"
    # the editor still holds it, and it is saved once the database is free
    assert window.pane.dirty and window.pane.editor.bindings["budget_tce"].value() == "1,234"
    store_conn.execute("PRAGMA busy_timeout = 5000")
    assert window.pane.save_now()
    assert window.service.record(record_id)["data"]["budget_tce"] == 1234


def test_a_failed_autosave_is_reported_and_kept(reporter, window, qtbot):
    """The autosave timer's slot meets a locked database: the dialog names it, the edit stays."""
    record_id = new_record(window, "energy_budget", ENTERPRISE, "2025")
    window.service.store.db.conn.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(window.service.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        type_into(window, "budget_tce", "777")
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=TIMEOUT)
        text = close(reporter.dialog)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert f"database {window.service.db_path} is locked by another program" in text
    assert "your changes are still in the editor and were also written to" in text
    assert window.pane.dirty and window.pane.editor.bindings["budget_tce"].value() == "777"
    window.service.store.db.conn.execute("PRAGMA busy_timeout = 5000")
    assert window.pane.save_now()
    assert window.service.record(record_id)["data"]["budget_tce"] == 777


def test_a_bug_in_a_background_task_is_one_line_with_the_log(qapp, log_file):
    task = Task(None, lambda store, progress: {}["no such key"], lang="en")
    failures: list[str] = []
    task.signals.failed.connect(failures.append)
    task.run()
    assert failures == [f"internal error (KeyError: 'no such key'); details are in the log {log_file}"]
    assert "unexpected KeyError in a background task" in log_file.read_text(encoding="utf-8")


def test_a_failure_before_the_window_shows_is_a_dialog(qapp, log_file, monkeypatch, tmp_path):
    from lowcarbon_desk.ui import launch

    shown: list[tuple[str, str]] = []
    # QMessageBox.critical blocks in its own event loop; record what it would show
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    launch.show_startup_failure(KeyError("pane"), "en", tmp_path / "office.db")
    launch.show_startup_failure(sqlite3.OperationalError("database is locked"), "zh", tmp_path / "office.db")
    assert shown[0] == ("Cannot start", f"internal error (KeyError: 'pane'); details are in the log {log_file}")
    assert shown[1][0] == "无法启动" and shown[1][1].startswith(f"数据库 {tmp_path / 'office.db'} 正被另一个程序写入")
    assert "unexpected KeyError in starting the window" in log_file.read_text(encoding="utf-8")
