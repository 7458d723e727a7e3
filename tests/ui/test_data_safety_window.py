"""First start, the File menu's database actions, a stale lock, a damaged database and the
unsaved edit kept across a killed window."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.autobackup import MANUAL, list_backups, make_backup
from lowcarbon_desk.ui import db_lock
from lowcarbon_desk.ui.backup_dialogs import RESTORE, RestoreDialog, UnusableDatabaseDialog
from lowcarbon_desk.ui.database_menu import NextStep, recent_databases
from lowcarbon_desk.ui.edit_journal import pending_recoveries, restore_into
from lowcarbon_desk.ui.launch import launch
from lowcarbon_desk.ui.settings import WindowSettings
from lowcarbon_desk.ui.welcome import (
    NEW_COUNTY,
    NEW_ENTERPRISE,
    NEW_PROVINCE,
    OPEN_DEMO,
    OPEN_FILE,
    WelcomeDialog,
    demo_database_path,
)

from .conftest import COUNTY, ENTERPRISE, TIMEOUT, close_warning

pytestmark = pytest.mark.gui

SRC = Path(__file__).resolve().parents[2] / "src"
SCRIPT = Path(__file__).resolve().parent / "scripts" / "type_then_wait.py"


def _counts(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT count(*) FROM organisations").fetchone()[0],
                conn.execute("SELECT count(*) FROM records").fetchone()[0])
    finally:
        conn.close()


FAILURES: list[BaseException] = []


def _when_shown(kind: type, act) -> None:
    """Act on the first visible top-level ``kind`` (a modal dialog) once it shows; a failed
    check closes everything (instead of leaving a modal loop waiting) and is raised later."""
    def attempt() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                try:
                    act(widget)
                except BaseException as exc:
                    FAILURES.append(exc)
                    for other in QApplication.topLevelWidgets():
                        other.close()
                return
        QTimer.singleShot(50, attempt)
    QTimer.singleShot(50, attempt)


def _raise_failures() -> None:
    if FAILURES:
        raise FAILURES.pop()


def test_first_start_writes_nothing_until_the_user_chooses(qapp, app_font, tmp_path: Path) -> None:
    db = tmp_path / "new" / "office.db"
    _when_shown(WelcomeDialog, lambda dialog: dialog.reject())
    assert launch(db, "tester", "zh", make_demo=True) == 0
    assert not db.exists()
    assert not db.parent.exists() or list(db.parent.iterdir()) == []


def test_first_start_for_a_county_creates_an_empty_database(qapp, app_font, tmp_path: Path) -> None:
    db = tmp_path / "county.db"

    def choose(dialog: WelcomeDialog) -> None:
        dialog.select(NEW_COUNTY, org_id="12345", name="某县")
        assert dialog.confirm() is False and dialog.error.text()  # a 5-digit code is refused
        assert not db.exists()
        dialog.select(NEW_COUNTY, org_id=COUNTY, name="测试县", contact_name="王工", contact_phone="13800138000")
        assert dialog.confirm() is True
        _when_shown(_MainWindow(), lambda window: window.close())

    _when_shown(WelcomeDialog, choose)
    assert launch(db, "tester", "zh", make_demo=True) == 0
    _raise_failures()
    assert _counts(db) == (1, 0)
    with Store.open(db) as store:
        assert store.get_org(COUNTY)["kind"] == "county"


def _MainWindow():
    from lowcarbon_desk.ui.main_window import MainWindow

    return MainWindow


def test_the_welcome_page_checks_the_enterprise_and_offers_the_demo(qapp, app_font, tmp_path: Path) -> None:
    dialog = WelcomeDialog(tmp_path / "x.db", "en")
    dialog.select(NEW_ENTERPRISE, org_id="not a code", name="A", admin_code=COUNTY)
    assert dialog.confirm() is False and "Credit code" in dialog.error.text()
    assert "org_id" not in dialog.error.text()  # the field by its label, and marked
    assert "b00020" in dialog.fields[f"{NEW_ENTERPRISE}.org_id"].styleSheet()
    dialog.select(NEW_ENTERPRISE, org_id=ENTERPRISE, name="测试钢铁", admin_code=COUNTY, industry_code="C3110",
                  contact_name="王工", contact_phone="13800138000")
    assert dialog.confirm() is True
    assert dialog.choice.org["org_id"] == ENTERPRISE and dialog.choice.path == tmp_path / "x.db"
    assert not (tmp_path / "x.db").exists()
    demo = WelcomeDialog(tmp_path / "x.db", "zh")
    demo.select(OPEN_DEMO)
    assert demo.confirm() is True
    assert demo.choice.path == demo_database_path() != tmp_path / "x.db"


def _existing_database(path: Path) -> str:
    """A database of this program at ``path`` with the county, an enterprise and one draft."""
    with Store.open(path) as store:
        store.add_orgs([{"org_id": COUNTY, "kind": "county", "name": "测试县", "admin_code": COUNTY,
                         "contact_name": "王工", "contact_phone": "13800138000"},
                        {"org_id": ENTERPRISE, "kind": "enterprise", "name": "测试钢铁有限公司",
                         "admin_code": COUNTY, "industry_code": "C3110", "contact_name": "王工",
                         "contact_phone": "13800138000"}], "tester")
        return store.add_record("energy_report", ENTERPRISE, {"period": "2025"}, "tester")


def test_the_welcome_page_opens_an_existing_database_file(qapp, app_font, tmp_path: Path, monkeypatch) -> None:
    existing = tmp_path / "kept" / "office.db"
    existing.parent.mkdir()
    record_id = _existing_database(existing)
    before = _counts(existing)
    asked: list[str] = []

    def get_open_file_name(parent, title, folder, filter_text):  # the user picks the file
        asked.append(title)
        return str(existing), filter_text.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open_file_name)
    first = tmp_path / "new" / "office.db"  # what a first start would have created
    opened = []

    def look_and_close(window, deadline: float) -> None:
        # the record list loads on a worker after the window shows: look once it is there
        listed = window.is_ready and window.list_model.row_of(record_id) >= 0
        if not listed and time.monotonic() < deadline:
            QTimer.singleShot(50, lambda: look_and_close(window, deadline))
            return
        opened.append((Path(window.service.db_path), listed, window.navigator_model.find_org(ENTERPRISE) is not None))
        window.close()

    def choose(dialog: WelcomeDialog) -> None:
        assert set(dialog.radios) == {NEW_ENTERPRISE, NEW_COUNTY, NEW_PROVINCE, OPEN_FILE, OPEN_DEMO}
        dialog.select(OPEN_FILE)
        assert dialog.confirm() is True and asked == ["打开数据库"]
        assert dialog.choice.action == OPEN_FILE and dialog.choice.path == existing
        _when_shown(_MainWindow(), lambda window: look_and_close(window, time.monotonic() + TIMEOUT / 1000))

    _when_shown(WelcomeDialog, choose)
    assert launch(first, "tester", "zh", make_demo=True) == 0
    _raise_failures()
    assert opened == [(existing.resolve(), True, True)]  # the window showed that file's organisations and record
    assert _counts(existing) == before
    assert not first.exists() and not first.parent.exists()


def test_opening_a_file_that_is_not_a_database_names_it_and_changes_nothing(qapp, app_font,
                                                                            tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("会议纪要：不是数据库\n" * 50, encoding="utf-8")
    foreign = tmp_path / "other-program.db"
    with sqlite3.connect(foreign) as conn:  # SQLite, but another program's
        conn.execute("CREATE TABLE songs (title TEXT)")
    conn.close()
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    cases = {notes: "不是 SQLite 数据库", foreign: str(foreign), empty: "不是已有的数据库文件",
             tmp_path / "missing.db": "不是已有的数据库文件", tmp_path: "不是已有的数据库文件"}
    before = {path: path.read_bytes() for path in (notes, foreign, empty)}
    listing = sorted(p.name for p in tmp_path.iterdir())
    dialog = WelcomeDialog(tmp_path / "x.db", "zh")
    dialog.select(OPEN_FILE)
    for path, expected in cases.items():
        assert dialog.confirm(path) is False and dialog.choice is None
        line = dialog.error.text()
        assert str(path) in line and expected in line and "\n" not in line and "Traceback" not in line, line
    english = WelcomeDialog(tmp_path / "x.db", "en")
    english.select(OPEN_FILE)
    assert english.confirm(notes) is False
    assert english.error.text() == f"database file {notes} is not an SQLite database; nothing was changed"
    assert {path: path.read_bytes() for path in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no -wal, -shm or new database
    assert not (tmp_path / "x.db").exists()


def test_file_open_database_refuses_a_file_that_is_not_one(qtbot, window, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database", encoding="utf-8")
    window.database_menu.open_database(notes)
    line = close_warning(qtbot)
    assert str(notes) in line and "\n" not in line
    assert window.next_step is None and window.isVisible()  # this window stays on its database
    assert notes.read_text(encoding="utf-8") == "not a database"


def test_the_demo_window_is_marked_and_the_file_menu_has_the_database_actions(qapp, app_font, settings,
                                                                              tmp_path: Path) -> None:
    from lowcarbon_desk.ui.main_window import MainWindow
    from lowcarbon_desk.ui.service import DeskService

    with Store.open(demo_database_path()) as store:
        window = MainWindow(DeskService(store, "tester", "zh"), settings)
        assert window.windowTitle().startswith("【示范数据】")
        names = {a.objectName() for a in window.findChildren(type(window.act_quit))}
        assert {"act_new_database", "act_open_database", "act_backup", "act_restore"} <= names
        window.set_language("en")
        assert window.windowTitle().startswith("[DEMO DATA]")
        window.close()
        window.deleteLater()


def test_back_up_now_and_the_restore_list(qtbot, window) -> None:
    with qtbot.waitSignal(window.operations.executed, timeout=TIMEOUT) as executed:
        window.database_menu.backup_now()
    changes = executed.args[0]
    assert not changes.database and len(changes.files) == 1  # a file written, the database unchanged
    copies = list_backups(window.service.db_path)
    assert [c.kind for c in copies] == [MANUAL]
    dialog = window.database_menu.restore()
    assert isinstance(dialog, RestoreDialog)
    assert dialog.model.rowCount() == 1 and dialog.model.index(0, 1).data() == "手动备份"
    dialog.reject()


def test_restore_from_the_menu_asks_launch_for_a_restore(qtbot, window, monkeypatch) -> None:
    make_backup(window.service.store, window.service.db_path, MANUAL)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = window.database_menu.restore()
    dialog.choose(0)
    assert window.next_step == NextStep("restore", Path(window.service.db_path), copy=dialog.chosen.path)


def test_a_damaged_database_offers_the_newest_intact_copy(qapp, app_font, tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    with Store.open(db) as store:
        store.add_orgs([{"org_id": COUNTY, "kind": "county", "name": "测试县", "admin_code": COUNTY,
                         "contact_name": "王工", "contact_phone": "13800138000"}], "t")
        good = make_backup(store, db, MANUAL)
    db.write_bytes(b"this is no database at all" * 100)
    damaged = db.read_bytes()

    def restore(dialog: UnusableDatabaseDialog) -> None:
        assert dialog.copy.path == good
        dialog.restore_button.click()
        _when_shown(_MainWindow(), lambda window: window.close())

    _when_shown(UnusableDatabaseDialog, restore)
    assert launch(db, "tester", "zh", make_demo=False) == 0
    _raise_failures()
    assert _counts(db) == (1, 0)
    kept = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert recent_databases(WindowSettings()) == [db.resolve()]


def test_unusable_dialog_answer(qapp, app_font) -> None:
    dialog = UnusableDatabaseDialog("x", None, "zh")
    assert dialog.restore_button is None
    dialog.open_button.click()
    assert dialog.answer == "open"
    assert RESTORE == "restore"


def _child(args: list[str], env_home: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(SRC), "LOWCARBON_DESK_HOME": str(env_home),
           "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def test_a_stale_lock_of_a_killed_window_is_cleared(tmp_path: Path, _isolated_home: Path) -> None:
    db = tmp_path / "office.db"
    holder = _child(["-c", "import sys, time; from pathlib import Path; from lowcarbon_desk.ui import db_lock;"
                           f"lock = db_lock.acquire(Path({str(db)!r})); print('held' if lock else 'no', flush=True);"
                           "time.sleep(120)"], _isolated_home)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert db_lock.acquire(db) is None  # a running window keeps it
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
    assert db_lock.lock_path(db).exists()  # the killed process left its lock file
    lock = db_lock.acquire(db)
    assert lock is not None
    lock.unlock()


def test_an_unsaved_edit_survives_a_killed_window(qtbot, window, _isolated_home: Path) -> None:
    record_id = window.service.create_record("energy_report", ENTERPRISE, {"period": "2025"})
    db = Path(window.service.db_path)
    child = _child([str(SCRIPT), str(db), record_id, "value_added_10k_yuan", "52345"], _isolated_home)
    try:
        line = child.stdout.readline().strip()
        assert line.startswith("kept "), child.stderr.read() if child.poll() is not None else line
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert window.service.record(record_id)["data"].get("value_added_10k_yuan") is None  # never saved
    recoveries = pending_recoveries(db)
    assert len(recoveries) == 1 and recoveries[0].record_id == record_id
    content = json.loads(recoveries[0].path.read_text(encoding="utf-8"))
    assert content["journal"] is True and content["data"]["value_added_10k_yuan"] in (52345, "52345")
    assert restore_into(window.pane, recoveries[0]) is True
    assert window.pane.dirty
    assert window.pane.save_now() is True
    assert window.service.record(record_id)["data"]["value_added_10k_yuan"] == 52345
    assert pending_recoveries(db) == []


def test_the_journal_follows_typing_and_goes_when_saved(qtbot, window) -> None:
    from lowcarbon_desk.ui.edit_journal import EditJournal

    record_id = window.service.create_record("energy_report", ENTERPRISE, {"period": "2025"})
    journal = EditJournal(window.pane, window.service.db_path, window)
    window.open_record(record_id)
    data = window.pane.editor.data()
    window.pane.editor.set_data({**data, "value_added_10k_yuan": "12a"})  # malformed: never saved
    window.pane.editor.edited.emit()
    qtbot.waitUntil(lambda: journal.path is not None and journal.path.exists(), timeout=TIMEOUT)
    assert window.pane.save_now() is True  # the draft is saved, the malformed value is not
    assert journal.path is not None and journal.path.exists()
    window.pane.editor.set_data({**data, "value_added_10k_yuan": 12})
    window.pane.editor.edited.emit()
    assert window.pane.save_now() is True
    assert journal.path is None
    assert pending_recoveries(Path(window.service.db_path)) == []





def test_new_database_from_the_file_menu_asks_launch_to_create_it(qtbot, window, tmp_path: Path) -> None:
    target = tmp_path / "second.db"
    dialog = window.database_menu.new_database(target)
    assert set(dialog.radios) == {NEW_ENTERPRISE, NEW_COUNTY, NEW_PROVINCE}  # no demo, no open: a new file
    dialog.select(NEW_COUNTY, org_id=COUNTY, name="另一个县", contact_name="王工", contact_phone="13800138000")
    assert dialog.confirm() is True
    assert window.next_step.action == "create" and window.next_step.path == target
    assert window.next_step.org["kind"] == "county"
    assert not target.exists()  # launch creates it after this window has closed
    other = tmp_path / "other.db"
    Store.open(other).close()
    window.database_menu.open_database(other)
    assert window.next_step == NextStep("open", other)


def test_the_window_makes_one_daily_copy_and_checks_on_a_worker(qtbot, window) -> None:
    from lowcarbon_desk.ui.db_care import DatabaseCare

    db = Path(window.service.db_path)
    care = DatabaseCare(db, "zh", window)
    task = care.daily_copy()
    qtbot.waitUntil(lambda: task.finished.is_set(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(list_backups(db)), timeout=TIMEOUT)
    assert [c.kind for c in list_backups(db)] == ["daily"]
    assert care.daily_copy() is None  # one a day
    check = care.check()
    qtbot.waitUntil(lambda: care.checked_seconds is not None, timeout=TIMEOUT)
    assert check.finished.is_set() and care.checked_seconds >= 0
