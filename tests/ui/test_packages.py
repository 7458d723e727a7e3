"""Signed packages through the window: key, export, verify, import (many files, twice, a changed
key), the review queue with accept and return, and the decision package back at the enterprise.

Two offices, each with its own real database and its own ``LOWCARBON_DESK_HOME`` (key folder);
file dialogs are answered by a chooser on the service, actions are triggered directly, and the
tests wait on the controller's signals.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QPushButton

from lowcarbon_desk.cli.main import run
from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.packages.create import create_submission_package
from lowcarbon_desk.packages.keys import load_or_create_key
from lowcarbon_desk.packages.verify import verify_file
from lowcarbon_desk.reports.fingerprint import qr_payload
from lowcarbon_desk.storage import Store
from lowcarbon_desk.ui.models.import_results import ImportResultsModel
from lowcarbon_desk.ui.models.review_queue import COLUMN_OF as QUEUE_COLUMN
from lowcarbon_desk.ui.models.review_queue import ReviewFilterProxy, ReviewQueueModel
from lowcarbon_desk.ui.models.roles import ID_ROLE, SORT_ROLE
from lowcarbon_desk.ui.operations import TaskCancelled
from lowcarbon_desk.ui.operations import packages as package_ops
from lowcarbon_desk.ui.operations.packages import export_package_op
from lowcarbon_desk.ui.service import DeskService
from lowcarbon_desk.ui.settings import WindowSettings
from lowcarbon_desk.ui.submissions.tasks import (
    ALREADY,
    CANCELLED,
    IMPORTED,
    KEY_CHANGED,
    REFUSED,
    FileResult,
)

from .conftest import ENTERPRISE, ENTERPRISE_2, close_warning, loaded_review, org_rows, report_line, shown_window
from .pool import pool_held

MODE = QAbstractItemModelTester.FailureReportingMode.Fatal
TIMEOUT = 60_000


class Chooser:
    """Answers the window's file and folder questions without opening a dialog."""

    def __init__(self):
        self.folder: Path | None = None
        self.file: Path | None = None
        self.files: list[Path] = []
        self.asked: list[str] = []

    def directory(self, parent, title, start=""):
        self.asked.append(title)
        return self.folder

    def open_file(self, parent, title, filter_text):
        self.asked.append(title)
        return self.file

    def open_files(self, parent, title, filter_text):
        self.asked.append(title)
        return list(self.files)


def submitted_records(store: Store, org_id: str = ENTERPRISE) -> list[str]:
    """An annual energy report and a budget, warnings justified, submitted."""
    ids = [
        store.add_record("energy_report", org_id, {
            "period": "2025", "gross_output_10k_yuan": 15000, "value_added_10k_yuan": 5200,
            "lines": [report_line("raw_coal", 1000), report_line("electricity", 200)]}, "tester"),
        store.add_record("energy_budget", org_id, {
            "year": 2025, "basis": "equivalent", "baseline_year": 2024, "baseline_tce": 1000,
            "planned_value_added_10k_yuan": 5000, "budget_tce": 990}, "tester"),
    ]
    for record_id in ids:
        for issue in store.issues(record_id):
            if issue.severity == "warning" and not issue.justification:
                store.justify(record_id, issue.rule, "已核实", "tester", field=issue.field)
        store.submit(record_id, "tester")
    return ids


@pytest.fixture
def homes(tmp_path):
    folders = {name: tmp_path / f"{name}-home" for name in ("enterprise", "county", "reinstalled")}
    for folder in folders.values():
        folder.mkdir()
    return folders


@pytest.fixture
def chooser():
    return Chooser()


@pytest.fixture
def enterprise_window(window, chooser, homes, monkeypatch):
    """The ``window`` fixture's office is the enterprise (every organisation, two submitted records)."""
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(homes["enterprise"]))
    window.service.chooser = chooser
    window.sent_ids = submitted_records(window.service.store)
    window.service.store.add_record("energy_report", ENTERPRISE, {"period": "2025-03"}, "tester")  # a draft
    window.reload_records(synchronous=True)
    return window


@pytest.fixture
def county_window(qtbot, app_font, tmp_path, chooser):
    store = Store.open(tmp_path / "county.db")
    store.add_orgs([org_rows()[0]], "审核员")
    service = DeskService(store, "审核员", "zh")
    service.chooser = chooser
    settings = WindowSettings(QSettings(str(tmp_path / "county.ini"), QSettings.Format.IniFormat))
    win = shown_window(qtbot, service, settings)
    win.reload_records(synchronous=True)
    yield win
    win.close()
    store.close()


def export(window, qtbot, chooser, folder: Path, org_id: str | None = None, period: str = "2025"):
    """Trigger the export action, choose the period, answer the folder; return the outcome."""
    folder.mkdir(parents=True, exist_ok=True)
    chooser.folder = folder
    if org_id is None:
        window.navigator.setCurrentIndex(window.navigator_model.find_org(ENTERPRISE))
        window.act_export_package.trigger()
        dialog = window.packages.last_dialog
        assert dialog.org_id() == ENTERPRISE  # the selected organisation is the default
    else:
        dialog = window.packages.export_package()
        dialog.choose(org_id)
    dialog.period.setText(period)
    with qtbot.waitSignal(window.packages.exported, timeout=TIMEOUT) as blocker:
        dialog.accept()
    result_dialog = window.packages.last_dialog
    assert result_dialog.objectName() == "export_result_dialog" and result_dialog.isVisible()
    return blocker.args[0], result_dialog


def import_files(window, qtbot, chooser, paths: list[Path]) -> list[FileResult]:
    chooser.files = list(paths)
    with qtbot.waitSignal(window.packages.imported, timeout=TIMEOUT) as blocker:
        window.act_import_packages.trigger()
    dialog = window.packages.results_dialog
    assert dialog is not None and dialog.isVisible()
    return blocker.args[0]


def result_texts(window) -> list[tuple[str, str, str, str]]:
    model = window.packages.results_dialog.model
    return [tuple(model.index(row, column).data() for column in range(4)) for row in range(model.rowCount())]


def test_key_fingerprint_shown(enterprise_window, homes):
    dialog = enterprise_window.packages.show_key()
    expected = load_or_create_key(homes["enterprise"] / "keys").fingerprint
    assert dialog.fingerprint.text() == expected and len(expected.split()) == 16
    dialog.close()


def test_export_verify_import_review_and_decisions_back(enterprise_window, county_window, qtbot, chooser,
                                                        homes, tmp_path, monkeypatch):
    ent, county = enterprise_window, county_window
    fingerprint = load_or_create_key(homes["enterprise"] / "keys").fingerprint
    # --- enterprise: export --------------------------------------------------------------
    outcome, dialog = export(ent, qtbot, chooser, tmp_path / "usb")
    made = outcome.created
    assert made.path.parent == tmp_path / "usb" and made.path.name.startswith(f"{ENTERPRISE}_2025_")
    assert sorted(made.record_ids) == sorted(ent.sent_ids) and made.fingerprint == fingerprint
    assert made.path.name in dialog.headline.text()
    assert dialog.included.rowCount() == 2
    assert [r["state"] for r in outcome.left_out] == ["draft"] and dialog.left_out.rowCount() == 1
    dialog.close()
    # nothing submitted: a clear message, no file
    empty, dialog = export(ent, qtbot, chooser, tmp_path / "empty", org_id=ENTERPRISE_2)
    assert empty.created is None and "没有已提交的记录" in dialog.headline.text()
    assert not list((tmp_path / "empty").iterdir())
    dialog.close()
    # --- verify (no database needed) -----------------------------------------------------
    chooser.file = made.path
    with qtbot.waitSignal(ent.packages.verified, timeout=TIMEOUT) as blocker:
        ent.act_verify_package.trigger()
    dialog = ent.packages.last_dialog
    assert blocker.args[0].package is not None
    assert "测试钢铁有限公司" in dialog.sender_label.text() and dialog.fingerprint.text() == fingerprint
    assert dialog.records.rowCount() == 2
    # each record's content fingerprint, as printed under its PDF's QR code (and by `package verify`)
    QAbstractItemModelTester(dialog.records, MODE)
    column = dialog.records.columnCount() - 1
    assert "SHA-256" in dialog.records.headerData(column, Qt.Orientation.Horizontal)
    shown = {dialog.records.index(row, column).data(ID_ROLE): dialog.records.index(row, column).data()
             for row in range(2)}
    assert shown == {record_id: qr_payload(ent.service.record(record_id)).split("|")[-1]
                     for record_id in ent.sent_ids}
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    assert dialog.records.index(0, column).data(Qt.ItemDataRole.FontRole).family() == mono.family()
    dialog.close()
    broken = tmp_path / "broken.lcpkg"
    content = bytearray(made.path.read_bytes())
    content[len(content) // 2] ^= 0xFF
    broken.write_bytes(bytes(content))
    chooser.file = broken
    with qtbot.waitSignal(ent.packages.verified, timeout=TIMEOUT) as blocker:
        ent.act_verify_package.trigger()
    assert blocker.args[0].package is None and blocker.args[0].error
    assert "未通过校验" in ent.packages.last_dialog.headline.text()
    ent.packages.last_dialog.close()
    # --- county: import many files at once -----------------------------------------------
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(homes["county"]))
    results = import_files(county, qtbot, chooser, [made.path, broken])
    assert [r.status for r in results] == [IMPORTED, REFUSED]
    texts = result_texts(county)
    assert texts[0][:3] == (made.path.name, f"测试钢铁有限公司（{ENTERPRISE}）", "2") and texts[0][3] == "已导入"
    assert texts[1][3] == "已拒绝" and results[1].message
    QAbstractItemModelTester(county.packages.results_dialog.model, MODE)
    qtbot.waitUntil(lambda: county.list_model.rowCount() == 2, timeout=TIMEOUT)  # reloaded on a worker
    county.packages.results_dialog.close()
    # again: already imported, nothing changed
    results = import_files(county, qtbot, chooser, [made.path])
    assert [r.status for r in results] == [ALREADY] and result_texts(county)[0][3] == "已导入过"
    county.packages.results_dialog.close()
    # --- county: review queue ------------------------------------------------------------
    review = loaded_review(county, qtbot)
    assert county.pages.currentIndex() == 2
    QAbstractItemModelTester(review.model, MODE)
    QAbstractItemModelTester(review.proxy, MODE)
    assert sorted(review.model.record_ids()) == sorted(ent.sent_ids)
    assert review.proxy.index(0, QUEUE_COLUMN["package_file"]).data() == made.path.name
    annual, budget = ent.sent_ids
    review.select_records([annual])
    confirmation = review.accept_selected()
    assert [s.record_id for s in confirmation.summaries] == [annual]
    confirmation.accept()
    assert county.service.record(annual)["state"] == "accepted"
    assert review.model.record_ids() == [budget]
    review.select_records([budget])
    review.write_package.setChecked(True)
    chooser.folder = tmp_path / "decisions"
    chooser.folder.mkdir()
    dialog = review.return_selected()
    assert not dialog.ok.isEnabled()
    dialog.accept()  # no comment: refused, the dialog stays
    assert dialog.isVisible() and dialog.error.text()
    dialog.comment.setPlainText("预算基准年数据与上年年报不一致，请核对后重报")
    with qtbot.waitSignal(review.decided, timeout=TIMEOUT) as blocker:
        dialog.accept()
    record = county.service.record(budget)
    assert record["state"] == "returned" and record["decision_comment"].startswith("预算基准年")
    assert review.model.rowCount() == 0
    decision_file = Path(blocker.args[2][0])
    assert decision_file.parent == chooser.folder and verify_file(decision_file).kind == "decision"
    # --- enterprise: the decisions come back ---------------------------------------------
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(homes["enterprise"]))
    results = import_files(ent, qtbot, chooser, [decision_file])
    assert [r.status for r in results] == [IMPORTED]
    assert result_texts(ent)[0][3] == "已导入"
    assert "1 条审核结论生效" in ent.packages.results_dialog.model.index(0, 4).data()
    assert ent.service.record(budget)["state"] == "returned"
    ent.packages.results_dialog.close()


def test_changed_key_needs_the_officers_explicit_acceptance(enterprise_window, county_window, qtbot,
                                                            chooser, homes, tmp_path, monkeypatch):
    ent, county = enterprise_window, county_window
    first, dialog = export(ent, qtbot, chooser, tmp_path / "first")
    dialog.close()
    old_fingerprint = first.created.fingerprint
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(homes["county"]))
    assert [r.status for r in import_files(county, qtbot, chooser, [first.created.path])] == [IMPORTED]
    county.packages.results_dialog.close()
    # the enterprise reinstalled its computer: a new key
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(homes["reinstalled"]))
    second, dialog = export(ent, qtbot, chooser, tmp_path / "second")
    dialog.close()
    new_fingerprint = second.created.fingerprint
    assert new_fingerprint != old_fingerprint
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(homes["county"]))
    results = import_files(county, qtbot, chooser, [second.created.path])
    assert [r.status for r in results] == [KEY_CHANGED]
    assert result_texts(county)[0][3] == "已拒绝：密钥已更换"
    ask = county.packages.key_change_dialog
    assert ask is not None and ask.isVisible()
    old_label, new_label = ask.fingerprint_labels[0]
    assert (old_label.text(), new_label.text()) == (old_fingerprint, new_fingerprint)
    assert not ask.accept_button.isEnabled()
    ask.accept()  # not confirmed: nothing happens
    assert ask.isVisible()
    ask.confirm.setChecked(True)
    with qtbot.waitSignal(county.packages.imported, timeout=TIMEOUT) as blocker:
        ask.accept()
    assert [r.status for r in blocker.args[0]] == [IMPORTED]
    assert blocker.args[0][0].result.key_status == "accepted_new"
    assert result_texts(county)[0][3] == "已导入"
    assert "已接受新密钥" in county.packages.results_dialog.model.index(0, 4).data()
    logged = county.service.store.db.conn.execute(
        "SELECT COUNT(*) FROM audit_log WHERE new_value LIKE ?", [f"%{new_fingerprint}%"]).fetchone()[0]
    assert logged >= 1
    county.packages.results_dialog.close()


def test_import_cancelled_between_files_keeps_what_was_done(filled_store, tmp_path):
    paths = [tmp_path / f"p{i}.lcpkg" for i in range(3)]
    for path in paths:
        path.write_bytes(b"not a zip")
    answers = iter([True, False])
    results = package_ops.import_files(filled_store, paths, "审核员", "zh", lambda done, total: next(answers, False))
    assert [r.status for r in results] == [REFUSED, CANCELLED, CANCELLED]


def test_result_and_queue_models(qapp, tmp_path):
    results = ImportResultsModel()
    QAbstractItemModelTester(results, MODE)
    rows = [FileResult(tmp_path / "a.lcpkg", IMPORTED, sender_org_id="X", sender_name="甲", records=3),
            FileResult(tmp_path / "b.lcpkg", REFUSED, message="坏包\n第二行")]
    results.set_rows(rows)
    results.replace(FileResult(tmp_path / "b.lcpkg", ALREADY, records=1))
    assert results.index(1, 3).data() == "已导入过" and results.index(1, 2).data() == "1"
    queue = ReviewQueueModel("zh")
    proxy = ReviewFilterProxy()
    proxy.setSourceModel(queue)
    QAbstractItemModelTester(queue, MODE)
    QAbstractItemModelTester(proxy, MODE)
    queue.set_rows([{"record_id": f"r{i}", "form": "energy_report", "form_version": 1,
                     "org_id": f"O{i % 3}", "org_name": f"单位{i % 3}", "period": f"2025-{i + 1:02d}",
                     "revision": 12 - i if i % 4 else None, "submitted_at": "2025-03-01T10:00:00",
                     "package_file": f"O{i % 3}.lcpkg", "imported_at": None, "fingerprint": "ab"}
                    for i in range(12)])
    proxy.sort(QUEUE_COLUMN["revision"], Qt.SortOrder.AscendingOrder)
    values = [proxy.index(r, QUEUE_COLUMN["revision"]).data(SORT_ROLE) for r in range(proxy.rowCount())]
    present = [v for v in values if v is not None]
    assert present == sorted(present) and values[len(present):] == [None] * 3
    assert values.index(9) < values.index(10)  # numbers, not text
    proxy.set_text("单位1")
    assert proxy.rowCount() == 4
    queue.remove_records(["r1", "r4"])
    assert proxy.rowCount() == 2 and queue.rowCount() == 10  # r1 and r4 were 单位1's
    assert queue.index(0, QUEUE_COLUMN["form"]).data() == get_form("energy_report").title("zh")


def test_package_actions_in_english(enterprise_window):
    window = enterprise_window
    window.set_language("en")
    assert window.act_import_packages.text() == "Import packages…"
    assert window.act_export_package.text() == "Export submission package…"
    assert window.pages.tabText(2) == "Review"
    assert window.review.model.headerData(QUEUE_COLUMN["package_file"], Qt.Orientation.Horizontal) == "Package"
    results = ImportResultsModel([FileResult(Path("a.lcpkg"), KEY_CHANGED, previous_fingerprint="aa",
                                             fingerprint="bb")])
    assert results.headerData(3, Qt.Orientation.Horizontal) == "Result"
    assert results.index(0, 3).data() == "Refused: the key has changed"
    assert results.index(0, 4).data().startswith("Signed by another key")
    dialog = window.packages.show_key()
    assert dialog.windowTitle() == "This installation's key"
    dialog.close()
    window.set_language("zh")
    assert window.pages.tabText(2) == "待审核"


def test_cancelled_task_can_deliver_its_partial_result(qapp, filled_store, tmp_path):
    from lowcarbon_desk.ui.workers import Task

    paths = [tmp_path / f"p{i}.lcpkg" for i in range(3)]
    for path in paths:
        path.write_bytes(b"not a zip")
    task = Task(filled_store.path,
                lambda store, progress: (task.cancel(), package_ops.import_files(store, paths, "审核员", "zh", progress))[1],
                partial_on_cancel=True)
    delivered, cancelled = [], []
    task.signals.done.connect(delivered.append)
    task.signals.cancelled.connect(lambda: cancelled.append(True))
    task.run()  # on this thread: the cancel is seen before the first file
    assert not cancelled and [r.status for r in delivered[0]] == [CANCELLED] * 3


def test_first_import_shows_the_senders_fingerprint_to_copy(enterprise_window, county_window, qtbot, chooser,
                                                            homes, tmp_path, monkeypatch, capsys):
    ent, county = enterprise_window, county_window
    outcome, dialog = export(ent, qtbot, chooser, tmp_path / "usb")
    dialog.close()
    package = outcome.created.path
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(homes["county"]))
    chooser.files = [package]
    with qtbot.waitSignal(county.operations.executed, timeout=TIMEOUT) as blocker:
        county.act_import_packages.trigger()
    changes = blocker.args[0]  # the views follow: records, the new organisation, the pinned key
    assert sorted(changes.records) == sorted(ent.sent_ids) and changes.orgs and changes.keys
    assert county.list_model.row_of(ent.sent_ids[0]) >= 0
    results = county.packages.results_dialog
    assert results.keys_box.isVisible() and list(results.key_labels) == [ENTERPRISE]
    label = results.key_labels[ENTERPRISE]
    assert label.text() == outcome.created.fingerprint
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    # the fingerprint `package import` prints on a first import of the same file
    copy_db = tmp_path / "cli-county.db"
    Store.open(copy_db).close()
    assert run(["--db", str(copy_db), "--lang", "zh", "package", "import", str(package)]) == 0
    printed = capsys.readouterr().out
    assert f"首次收到该单位的数据包，已登记其密钥指纹 {label.text()}（请与对方核对）" in printed
    copy = next(b for b in results.keys_box.findChildren(QPushButton) if b.text() == "复制指纹")
    copy.click()
    assert QGuiApplication.clipboard().text() == outcome.created.fingerprint
    results.close()
    # the same file again: nothing newly registered, nothing to compare
    import_files(county, qtbot, chooser, [package])
    assert not county.packages.results_dialog.keys_box.isVisible()
    county.packages.results_dialog.close()


@pytest.mark.parametrize("stop_at", [0, 1, 2, 3])
def test_package_export_cancelled_at_any_step_writes_nothing(filled_store, homes, tmp_path, monkeypatch, stop_at):
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(homes["enterprise"]))
    submitted_records(filled_store)
    folder = tmp_path / "usb"
    folder.mkdir()
    calls: list[int] = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return len(calls) <= stop_at

    with pytest.raises(TaskCancelled):
        export_package_op(ENTERPRISE, "2025", folder, "tester", "zh")(filled_store, progress)
    assert list(folder.iterdir()) == []


def test_package_export_and_verify_cancelled_in_the_window(enterprise_window, qtbot, chooser, tmp_path):
    window, folder = enterprise_window, tmp_path / "usb"
    folder.mkdir()
    with pool_held():  # the worker starts only after the cancel
        op = window.packages.export_to_folder(ENTERPRISE, "2025", folder)
        op.cancel()
    with qtbot.waitSignal(op.cancelled, timeout=TIMEOUT):
        pass
    assert list(folder.iterdir()) == [] and window.packages.last_dialog is None
    made = create_submission_package(window.service.store, ENTERPRISE, folder, operator="tester", period="2025")
    with pool_held():
        op = window.packages.verify_package(made.path)
        op.cancel()  # the officer stopped waiting: no result dialog
    with qtbot.waitSignal(op.cancelled, timeout=TIMEOUT):
        pass
    assert window.packages.last_dialog is None


def test_package_export_failure_is_one_line(enterprise_window, qtbot, tmp_path):
    window = enterprise_window
    (tmp_path / "a-file").write_text("x")
    with qtbot.waitSignal(window.operations.failed, timeout=TIMEOUT) as blocker:
        window.packages.export_to_folder(ENTERPRISE, "2025", tmp_path / "a-file" / "usb")
    message = blocker.args[0]
    assert "\n" not in message and "a-file" in message and "Traceback" not in message
    assert close_warning(qtbot) == message
