"""Start-up: the window's frame shows before the storage layer and the views load, and is
filled on the next turn of the event loop (docs/benchmarks.md, "Start-up").

What runs before the frame shows is checked by module, not by clock (a loaded machine cannot
make it flaky); ``benchmarks/bench_startup.py`` has the timings.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from lowcarbon_desk import leftovers, logs
from lowcarbon_desk.storage import Store, health
from lowcarbon_desk.ui import db_lock, launch
from lowcarbon_desk.ui.database_menu import recent_databases
from lowcarbon_desk.ui.main_window import MainWindow
from lowcarbon_desk.ui.settings import WindowSettings
from lowcarbon_desk.ui.welcome import WelcomeDialog, demo_database_path

from .conftest import ENTERPRISE, TIMEOUT, org_rows

pytestmark = pytest.mark.gui

# the probes run this checkout's code, not whatever copy of the package the interpreter has
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}

MENUS = ["文件(&F)", "记录(&R)", "数据包(&P)", "汇总(&C)", "视图(&V)", "帮助(&H)"]
HEAVY = ("sqlite_utils", "reportlab", "openpyxl", "cryptography", "defusedxml")
# what the frame must not wait for: the storage layer, reports, packages, the demo, the views
LATER = ("lowcarbon_desk.storage", "lowcarbon_desk.reports", "lowcarbon_desk.packages",
         "lowcarbon_desk.demo", "lowcarbon_desk.failures", "lowcarbon_desk.domain.evaluate",
         "lowcarbon_desk.ui.record_pane", "lowcarbon_desk.ui.editor", "lowcarbon_desk.ui.service",
         "lowcarbon_desk.ui.workers", "lowcarbon_desk.ui.models.record_list", "lowcarbon_desk.ui.welcome",
         "lowcarbon_desk.ui.backup_dialogs", "lowcarbon_desk.ui.db_care", "lowcarbon_desk.ui.edit_journal",
         "lowcarbon_desk.ui.exception_dialog", "lowcarbon_desk.fileio", "lowcarbon_desk.leftovers",
         "logging.handlers", "importlib.resources", "lowcarbon_desk.domain.text",
         "lowcarbon_desk.ui.db_lock")

# Qt classes (2 ms) only needed once the window works: a message box, a file dialog
LATER_CLASSES = ("QMessageBox", "QFileDialog")

# Runs the program in a fresh interpreter up to the frame's show(), then reports what is loaded.
# Whether Qt's namespace (a hundred-odd enum classes, 20-40 ms) was touched can be seen only
# where PySide6 loads its classes lazily; "lazy" says whether it does.
PROBE = f"""
import os, sys
import PySide6.QtCore as QtCore
import PySide6.QtWidgets as QtWidgets
lazy = "Qt" not in vars(QtCore)
from PySide6.QtWidgets import QMainWindow
def show(self):
    print("DIALOGS:" + ",".join(c for c in {LATER_CLASSES!r} if lazy and c in vars(QtWidgets)))
    loaded = sorted(m for m in sys.modules
                    if m.split(".")[0] in {HEAVY!r} or m.startswith({LATER!r}))
    print("LOADED:" + ",".join(loaded))
    print("QT_NAMESPACE:" + str(lazy and "Qt" in vars(QtCore)))
    print("TITLE:" + self.windowTitle())
    print("LOCKED:" + str(os.path.exists(sys.argv[1] + ".lock")))
    sys.stdout.flush()
    os._exit(0)
QMainWindow.show = show
from pathlib import Path
from lowcarbon_desk.app import main  # as the program starts: the command line, then the window
main(["--db", sys.argv[1], "--operator", "tester", "--lang", "zh"])
"""


def _probe(db: Path) -> dict[str, str]:
    done = subprocess.run([sys.executable, "-c", PROBE, str(db)], capture_output=True, text=True, timeout=120,
                          env=ENV)
    lines = dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)
    assert "LOADED" in lines, done.stderr[-2000:]
    return lines


def test_importing_launch_loads_no_storage_and_no_heavy_library():
    probe = ("import sys\n"
             "import lowcarbon_desk.ui.launch\n"
             f"print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r} "
             f"or m.startswith({LATER!r}))))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, env=ENV)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "", f"importing ui.launch loads {done.stdout.strip()}"


def test_the_frame_shows_before_storage_the_views_and_qt_namespace_load(store, tmp_path):
    store.add_orgs(org_rows(), "tester")
    db = Path(store.path)
    lines = _probe(db)
    assert lines["LOADED"] == "", f"loaded before the window showed: {lines['LOADED']}"
    assert lines["QT_NAMESPACE"] == "False", "Qt's namespace was imported before the window showed"
    assert lines["DIALOGS"] == "", f"imported before the window showed: {lines['DIALOGS']}"
    assert lines["TITLE"] == f"低碳填报助手 — {db.resolve()}"
    assert lines["LOCKED"] == "False", "the window lock (a file synced to disk) was taken before the frame showed"


# what the welcome page must not wait for: what only a chosen database needs
WELCOME_LATER = ("lowcarbon_desk.storage", "lowcarbon_desk.reports", "lowcarbon_desk.packages",
                 "lowcarbon_desk.demo", "lowcarbon_desk.domain.evaluate", "lowcarbon_desk.ui.record_pane",
                 "lowcarbon_desk.ui.editor", "lowcarbon_desk.ui.service", "lowcarbon_desk.ui.workers",
                 "logging.handlers", "importlib.resources", "lowcarbon_desk.domain.text")

# Runs launch() in a fresh interpreter with a fresh user folder holding the note of an
# interrupted write, on a database file that does not exist, and reports when the welcome
# page shows what is loaded, whether Qt's namespace was touched and whether the leftover is
# still there.
WELCOME_PROBE = f"""
import os, sys
from pathlib import Path
home, db = Path(sys.argv[1]), Path(sys.argv[2])
os.environ["LOWCARBON_DESK_HOME"] = str(home)
from lowcarbon_desk import leftovers
leftover = db.with_name(".export.xlsx.abcd1234.part")
leftover.write_bytes(b"half a workbook")
os.utime(leftover, (0, 0))
leftovers.pending_folder().mkdir(parents=True, exist_ok=True)
(leftovers.pending_folder() / "1-abcdef012345.txt").write_text(str(db.with_name("export.xlsx")))
import PySide6.QtCore as QtCore
import PySide6.QtWidgets as QtWidgets
lazy = "Qt" not in vars(QtCore)
def report(self):
    self.show()  # as exec() does: the dialog's show event (its focus) runs too
    print("DIALOGS:" + ",".join(c for c in {LATER_CLASSES!r} if lazy and c in vars(QtWidgets)))
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r}
                    or m.startswith({WELCOME_LATER!r}))
    print("LOADED:" + ",".join(loaded))
    print("QT_NAMESPACE:" + str(lazy and "Qt" in vars(QtCore)))
    print("LEFTOVER:" + str(leftover.exists()))
    sys.stdout.flush()
    os._exit(0)
from lowcarbon_desk.ui.welcome import WelcomeDialog
WelcomeDialog.exec = report
from lowcarbon_desk.ui.launch import launch
launch(db, "tester", "zh", make_demo=True)
"""


def _welcome_probe(home: Path, db: Path) -> dict[str, str]:
    env = {**ENV, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", WELCOME_PROBE, str(home), str(db)],
                          capture_output=True, text=True, timeout=120, env=env)
    lines = dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)
    assert "LOADED" in lines, done.stderr[-2000:]
    return lines


def test_the_welcome_page_shows_before_cryptography_and_the_sweep(tmp_path):
    lines = _welcome_probe(tmp_path / "home", tmp_path / "new.db")
    assert lines["LOADED"] == "", f"loaded before the welcome page showed: {lines['LOADED']}"
    assert lines["QT_NAMESPACE"] == "False", "Qt's namespace was imported before the welcome page showed"
    assert lines["DIALOGS"] == "", f"imported before the welcome page showed: {lines['DIALOGS']}"
    assert lines["LEFTOVER"] == "True"  # swept only once the user has chosen


def test_launch_shows_the_frame_then_fills_it(qapp, app_font, tmp_path, monkeypatch, _isolated_home):
    db = tmp_path / "office.db"
    with Store.open(db) as store:
        store.add_orgs(org_rows(), "tester")
        record_id = store.add_record("energy_report", ENTERPRISE, {"period": "2025"}, "tester")
    key = _isolated_home / "keys" / "installation_ed25519.pem"
    # the temporary of a write killed an hour ago, noted as the program notes its writes
    target = tmp_path / "export.xlsx"
    leftover = tmp_path / ".export.xlsx.abcd1234.part"
    leftover.write_bytes(b"half a workbook")
    os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    leftovers.pending_folder().mkdir(parents=True, exist_ok=True)
    (leftovers.pending_folder() / "1-abcdef012345.txt").write_text(str(target), encoding="utf-8")
    seen: dict[str, object] = {}
    fill = launch.WindowOpening.run

    def run(opening: launch.WindowOpening) -> None:
        window = opening.window
        seen["frame"] = (window.isVisible(), window.is_ready, window.windowTitle(),
                         [a.text() for a in window.menuBar().actions()],
                         [a.isEnabled() for a in window.menuBar().actions()], key.exists(), leftover.exists())
        # the frame has been drawn (exposed) before the slow half starts, and is not locked yet
        seen["drawn"] = (window.windowHandle().isExposed(), db_lock.lock_path(db).exists())
        window.ready.connect(lambda: seen.setdefault("locked", db_lock.lock_path(db).exists()))
        window.ready.connect(lambda: seen.setdefault("ready", window.is_ready))
        window.listLoaded.connect(lambda: (seen.setdefault("rows", [r[0] for r in window.rows]), window.close()))
        fill(opening)

    monkeypatch.setattr(launch.WindowOpening, "run", run)
    assert launch.launch(db, "tester", "zh", make_demo=False) == 0
    assert seen["frame"] == (True, False, f"低碳填报助手 — {db.resolve()}", MENUS, [False] * 6, False, True)
    assert seen["drawn"] == (True, False)
    assert seen["ready"] is True and seen["locked"] is True
    assert not db_lock.lock_path(db).exists()  # released when the window closed
    assert seen["rows"] == [record_id]  # the record list loaded on a worker, after the frame
    assert key.exists()  # first start: the key is made once the frame shows
    assert not leftover.exists()  # and the leftovers of interrupted writes are swept
    assert recent_databases(WindowSettings()) == [db.resolve()]


def _critical_boxes(monkeypatch) -> list[tuple[str, str, list[bool]]]:
    """The critical message boxes the program shows (title, text, and whether each main window
    was visible then), captured instead of shown."""
    shown: list[tuple[str, str, list[bool]]] = []

    def critical(parent, title, text):
        frames = [w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        shown.append((title, text, frames))

    monkeypatch.setattr(QMessageBox, "critical", critical)
    return shown


def test_a_locked_database_is_the_same_one_line_message_and_the_frame_closes(qapp, app_font, tmp_path,
                                                                             monkeypatch):
    db = tmp_path / "office.db"
    with Store.open(db) as store:
        store.add_orgs(org_rows(), "tester")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(health, "BUSY_TIMEOUT_MS", 200)
    shown = _critical_boxes(monkeypatch)
    try:
        assert launch.launch(db, "tester", "zh", make_demo=False) == 1
    finally:
        holder.close()
    assert len(shown) == 1
    title, text, frames = shown[0]
    assert title == "无法打开数据库"
    assert text.startswith(f"数据库 {db.resolve()} 正被另一个程序写入") and "\n" not in text
    assert True in frames  # the message comes over the frame ...
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_a_database_open_in_another_window_is_said_over_the_frame_which_closes(qapp, app_font, tmp_path,
                                                                             monkeypatch):
    db = tmp_path / "office.db"
    with Store.open(db) as store:
        store.add_orgs(org_rows(), "tester")
    other = db_lock.try_acquire(db)  # the other window's lock
    assert not isinstance(other, db_lock.LockRefused)
    shown = _critical_boxes(monkeypatch)
    try:
        assert launch.launch(db, "tester", "zh", make_demo=False) == 1
    finally:
        other.unlock()
    assert [(title, text) for title, text, _ in shown] == [
        ("数据库已打开", f"数据库 {db.resolve()} 已在另一个窗口中打开。请切换到那个窗口，或先关闭它再打开。")]
    assert True in shown[0][2]  # over the frame
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    assert recent_databases(WindowSettings()) == []  # not opened, not remembered


def test_a_close_while_opening_happens_once_the_window_is_ready(qtbot, app_font, service, settings):
    window = MainWindow.opening(Path(service.db_path), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert not window.is_ready and window.centralWidget() is not None
    assert window.statusBar().currentMessage() == "正在读取记录列表…"
    window.close()
    assert window.isVisible()  # nothing to save yet: it closes when the views are there
    with qtbot.waitSignal(window.ready, timeout=TIMEOUT):
        window.attach(service)
    assert window.is_ready and [a.text() for a in window.menuBar().actions()] == MENUS
    assert all(a.isEnabled() for a in window.menuBar().actions())
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)


def test_the_demo_frame_carries_the_demo_mark(qtbot, app_font, settings):
    window = MainWindow.opening(demo_database_path(), settings)
    qtbot.addWidget(window)
    assert window.windowTitle() == f"【示范数据】 低碳填报助手 — {demo_database_path()}"
    window.close_unopened()
    assert not window.isVisible()


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _on_welcome(act) -> None:
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, WelcomeDialog) and w.isVisible()]
    if not dialogs:
        QTimer.singleShot(20, lambda: _on_welcome(act))
        return
    act(dialogs[0])


def test_the_welcome_page_writes_no_key_and_no_log(qapp, app_font, tmp_path, monkeypatch):
    home = tmp_path / "fresh-home"
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(home))
    logs.stop()  # as a new run: no log open yet
    seen: list[list[str]] = []

    def look_and_close(dialog: WelcomeDialog) -> None:
        seen.append(["(the folder)"] if home.exists() else [])  # not even the folder
        dialog.reject()

    QTimer.singleShot(20, lambda: _on_welcome(look_and_close))
    try:
        assert launch.launch(tmp_path / "new.db", "tester", "zh", make_demo=True) == 0
    finally:
        logs.stop()
    assert seen == [[]]  # while the page shows: no key, no log, nothing
    assert not home.exists() and not (tmp_path / "new.db").exists()  # closed without a choice


def test_after_the_welcome_choice_the_key_and_the_log_are_written(qapp, app_font, tmp_path, monkeypatch):
    from lowcarbon_desk.ui.welcome import NEW_COUNTY

    home = tmp_path / "fresh-home"
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(home))
    logs.stop()
    seen: list[list[str]] = []

    def choose(dialog: WelcomeDialog) -> None:
        seen.append(_files(home))
        dialog.select(NEW_COUNTY, org_id="350100", name="测试县", contact_name="王工",
                      contact_phone="13800138000")
        assert dialog.confirm() is True
        QTimer.singleShot(20, close_window)

    def close_window() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.is_ready
                   and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, close_window)
            return
        windows[0].close()

    QTimer.singleShot(20, lambda: _on_welcome(choose))
    try:
        assert launch.launch(tmp_path / "new.db", "tester", "zh", make_demo=True) == 0
    finally:
        logs.stop()
    assert seen == [[]]
    files = _files(home)
    assert "keys/installation_ed25519.pem" in files and "logs/lowcarbon-desk.log" in files
    log = (home / "logs" / "lowcarbon-desk.log").read_text(encoding="utf-8")
    assert "start window" in log  # the held start line was kept, not dropped


# Builds the whole window on a database in a fresh interpreter and reports which output
# libraries that loaded: they belong to the work that writes a PDF or a workbook, on its worker.
BUILT_PROBE = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from lowcarbon_desk.storage import Store
from lowcarbon_desk.ui import i18n
from lowcarbon_desk.ui.launch import application
from lowcarbon_desk.ui.main_window import MainWindow
from lowcarbon_desk.ui.service import DeskService
from lowcarbon_desk.ui.settings import WindowSettings
app = application()
i18n.install("zh")
service = DeskService(Store.open(sys.argv[1]), "tester", "zh")
window = MainWindow(service, WindowSettings(QSettings(sys.argv[2], QSettings.Format.IniFormat)))
window.show()
QTest.qWaitForWindowExposed(window)
app.processEvents()
print("OUTPUTS:" + ",".join(sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in ("reportlab", "openpyxl")})))
sys.stdout.flush()
"""


def test_the_built_window_has_not_loaded_reportlab_or_openpyxl(store, tmp_path):
    store.add_orgs(org_rows(), "tester")
    done = subprocess.run([sys.executable, "-c", BUILT_PROBE, str(store.path), str(tmp_path / "window.ini")],
                          capture_output=True, text=True, timeout=120,
                          env={**ENV, "QT_QPA_PLATFORM": "offscreen", "LOWCARBON_DESK_HOME": str(tmp_path / "home")})
    lines = dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)
    assert "OUTPUTS" in lines, done.stderr[-2000:]
    assert lines["OUTPUTS"] == "", f"building the window loaded {lines['OUTPUTS']}"
