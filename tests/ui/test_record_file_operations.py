"""The record files through the window as operations: a record's PDF, the list's workbook and a
workbook import (File menu), each on a worker with progress and cancel.

The tests call the actions with a path (as the file dialog would answer), wait on the
operation's signals and read the written files back (pypdf, openpyxl, a second database).
A cancel at any step leaves no file and no row; a failure is one line; the ``Changes`` an
operation reports reach the list, the open record and the overview.
"""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader

from lowcarbon_desk.reports.record_pdf import record_pdf
from lowcarbon_desk.reports.workbook import export_workbook
from lowcarbon_desk.reports.workbook_layout import FIRST_DATA_ROW, ID_ROW
from lowcarbon_desk.reports.xlsx_import import import_workbook
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.autobackup import list_backups
from lowcarbon_desk.ui.operations import TaskCancelled
from lowcarbon_desk.ui.operations.records import record_pdf_op, records_workbook_op, workbook_import_op

from .conftest import ENTERPRISE, ENTERPRISE_2, close_warning, org_rows, report_line
from .pool import pool_held

TIMEOUT = 60_000


def budget(store: Store, org_id: str = ENTERPRISE, budget_tce: float = 990) -> str:
    return store.add_record("energy_budget", org_id, {
        "year": 2025, "basis": "equivalent", "baseline_year": 2024, "baseline_tce": 1000,
        "planned_value_added_10k_yuan": 5000, "budget_tce": budget_tce}, "tester")


def annual(store: Store, org_id: str = ENTERPRISE_2) -> str:
    return store.add_record("energy_report", org_id, {
        "period": "2025", "gross_output_10k_yuan": 15000, "value_added_10k_yuan": 5200,
        "lines": [report_line("raw_coal", 1000)]}, "tester")


@pytest.fixture
def desk(window, tmp_path):
    """The window with two drafts listed and an empty output folder."""
    store = window.service.store
    window.budget_id = budget(store)
    window.annual_id = annual(store)
    window.reload_records(synchronous=True)
    (tmp_path / "out").mkdir()
    return window


def audit_count(store: Store) -> int:
    return store.db.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]


def column(ws, field_id: str) -> int:
    return next(c.column for c in ws[ID_ROW] if c.value == field_id)


def stopping_after(calls: int):
    """A progress callback that answers "cancelled" from its ``calls + 1``-th call on."""
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return len(seen) <= calls

    return progress


# --- a record's PDF ----------------------------------------------------------------------------
def test_record_pdf_written_on_a_worker(desk, qtbot, tmp_path):
    window, target = desk, tmp_path / "out" / "预算.pdf"
    window.open_record(window.budget_id)
    with qtbot.waitSignal(window.operations.executed, timeout=TIMEOUT) as blocker:
        op = window.export(target)
    changes = blocker.args[0]
    assert blocker.args[1] is op and changes.files == (target,) and not changes.database
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary left
    assert target.read_bytes() == record_pdf(window.service.store, window.budget_id)  # as `export pdf`
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "测试钢铁有限公司" in text
    assert str(target) in window.statusBar().currentMessage()


def test_record_pdf_with_the_appendix_from_the_menu(desk, qtbot, tmp_path):
    """File ▸ 导出当前记录 PDF（附计算说明）…: the same bytes as ``export pdf --explain`` in the
    window's language."""
    window = desk
    window.open_record(window.budget_id)
    assert window.act_export_explained.text() == "导出当前记录 PDF（附计算说明）…"
    target = tmp_path / "预算-说明.pdf"
    with qtbot.waitSignal(window.operations.executed, timeout=TIMEOUT):
        window.export(target, explain=True)
    assert target.read_bytes() == record_pdf(window.service.store, window.budget_id, window.service.lang)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "计算说明" in text


def test_record_pdf_needs_an_open_record(desk):
    assert desk.export(desk.service.db_path.parent / "x.pdf") is None
    assert desk.statusBar().currentMessage() == "请先打开一条记录"


@pytest.mark.parametrize("stop_at", [0, 1, 2])
def test_record_pdf_cancelled_at_any_step_writes_nothing(filled_store, tmp_path, stop_at):
    record_id = budget(filled_store)
    old = tmp_path / "old.pdf"
    old.write_bytes(b"an older PDF")  # a file being replaced stays as it was
    with pytest.raises(TaskCancelled):
        record_pdf_op(record_id, old)(filled_store, stopping_after(stop_at))
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == ["old.pdf"]
    assert old.read_bytes() == b"an older PDF"


def test_record_pdf_cancelled_in_the_window(desk, qtbot, tmp_path):
    window, out = desk, tmp_path / "out"
    window.open_record(window.budget_id)
    with pool_held():  # the worker starts only after the cancel
        op = window.export(out / "a.pdf")
        op.cancel()
    with qtbot.waitSignal(op.cancelled, timeout=TIMEOUT):
        pass
    assert list(out.iterdir()) == [] and not op.is_running


def test_record_pdf_failure_is_one_line(desk, qtbot, tmp_path):
    window = desk
    window.open_record(window.budget_id)
    (tmp_path / "a-file").write_text("x")
    with qtbot.waitSignal(window.operations.failed, timeout=TIMEOUT) as blocker:
        window.export(tmp_path / "a-file" / "r.pdf")
    message = blocker.args[0]
    assert "\n" not in message and "a-file" in message and "Traceback" not in message
    assert close_warning(qtbot) == message


# --- the list's workbook -----------------------------------------------------------------------
def test_workbook_of_the_listed_records(desk, qtbot, tmp_path):
    window, target = desk, tmp_path / "out" / "records.xlsx"
    window.list_view.search.setText("钢铁")  # only the steel works' budget is listed
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1, timeout=TIMEOUT)
    with qtbot.waitSignal(window.operations.executed, timeout=TIMEOUT) as blocker:
        op = window.export_workbook(target)
    assert blocker.args[1] is op and blocker.args[0].files == (target,)
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    sheet = openpyxl.load_workbook(target)["用能预算"]
    ids = [sheet.cell(row, column(sheet, "record_id")).value for row in range(FIRST_DATA_ROW, sheet.max_row + 1)]
    assert [i for i in ids if i] == [window.budget_id]
    assert sheet.cell(FIRST_DATA_ROW, column(sheet, "budget_tce")).value == 990
    assert "已导出 1 条记录" in window.statusBar().currentMessage()
    other = Store.open(tmp_path / "other.db")  # the workbook reads back as the same record
    try:
        added = import_workbook(other, target, "tester").added
        assert len(added) == 1 and other.get_record(added[0])["data"]["budget_tce"] == 990
    finally:
        other.close()


@pytest.mark.parametrize("stop_at", [0, 1, 2])
def test_workbook_cancelled_at_any_step_writes_nothing(filled_store, tmp_path, stop_at):
    ids = [budget(filled_store), annual(filled_store)]
    with pytest.raises(TaskCancelled):
        records_workbook_op(ids, tmp_path / "a.xlsx")(filled_store, stopping_after(stop_at))
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".xlsx"]


# --- importing a workbook ----------------------------------------------------------------------
def edited_workbook(window, qtbot, path, budget_tce: float):
    """The window's workbook of its listed records with the budget draft's total changed."""
    with qtbot.waitSignal(window.operations.executed, timeout=TIMEOUT):
        window.export_workbook(path)
    wb = openpyxl.load_workbook(path)
    sheet = wb["用能预算"]
    sheet.cell(FIRST_DATA_ROW, column(sheet, "budget_tce"), budget_tce)
    wb.save(path)
    return path


def test_workbook_import_updates_the_list_and_the_open_draft(desk, qtbot, tmp_path):
    window = desk
    path = edited_workbook(window, qtbot, tmp_path / "out" / "records.xlsx", 1234)
    window.open_record(window.budget_id)
    assert window.pane.editor.bindings["budget_tce"].value() == "990"
    before_audit = audit_count(window.service.store)
    with qtbot.waitSignal(window.operations.executed, timeout=TIMEOUT) as blocker:
        window.import_workbook(path)
    changes = blocker.args[0]
    assert changes.records == (window.budget_id,) and not changes.orgs
    assert window.service.record(window.budget_id)["data"]["budget_tce"] == 1234
    assert audit_count(window.service.store) > before_audit
    # the open draft shows what is stored now (its next autosave must not write the old value back)
    assert window.pane.record_id == window.budget_id
    assert window.pane.editor.bindings["budget_tce"].value() == "1234" and not window.pane.dirty
    assert "更新 1 条" in window.statusBar().currentMessage()
    assert list_backups(window.service.db_path)  # a copy was made before the import


def test_workbook_import_summary_names_the_drafts_with_warnings_to_justify(desk, qtbot, tmp_path):
    # as `import xlsx` prints: a budget above its baseline is a warning to justify before submitting
    window = desk
    for lang, budget_tce, expected in (("zh", 1234, "1 条草稿有警告须说明理由后才能提交"),
                                       ("en", 1300, "1 draft(s) have warnings to justify before they can be submitted")):
        window.set_language(lang)
        path = edited_workbook(window, qtbot, tmp_path / "out" / f"records-{lang}.xlsx", budget_tce)
        with qtbot.waitSignal(window.operations.executed, timeout=TIMEOUT):
            window.import_workbook(path)
        text = window.statusBar().currentMessage() + window.statusBar().toolTip()
        doc = window.service.record(window.budget_id)
        count = sum(1 for i in doc["issues"] if i["severity"] == "warning" and not i.get("justification"))
        assert count >= 1 and expected in text
        warnings = f"（{count} 条警告）" if lang == "zh" else f" ({count} warning(s))"
        assert f"{window.service.org(doc['org_id'])['name']}{warnings}" in text


def test_workbook_import_refreshes_the_overview_on_screen(desk, qtbot, tmp_path):
    window = desk
    other = Store.open(tmp_path / "other.db")  # a new record of the county's, made elsewhere
    try:
        other.add_orgs(org_rows(), "tester")
        export_workbook(other, tmp_path / "out" / "new.xlsx", record_ids=[annual(other, ENTERPRISE)])
    finally:
        other.close()
    with qtbot.waitSignal(window.overview.loaded, timeout=TIMEOUT):
        window.pages.setCurrentIndex(1)  # computed by an operation on a worker
    assert window.overview.overview is not None
    loaded: list = []
    window.overview.loaded.connect(lambda: loaded.append(window.overview.overview))
    with qtbot.waitSignal(window.operations.executed, timeout=TIMEOUT) as blocker:
        window.import_workbook(tmp_path / "out" / "new.xlsx")
    (new_id,) = blocker.args[0].records  # a record unknown here becomes a new draft
    assert window.list_model.row_of(new_id) >= 0
    qtbot.waitUntil(lambda: len(loaded) == 1, timeout=TIMEOUT)  # recomputed, as the page is on screen
    assert new_id in window.overview.figure("annual_reports").record_ids


@pytest.mark.parametrize("stop_at", [0, 1, 2])
def test_workbook_import_cancelled_at_any_step_changes_nothing(desk, qtbot, tmp_path, stop_at):
    window = desk
    path = edited_workbook(window, qtbot, tmp_path / "out" / "records.xlsx", 1234)
    store = window.service.store
    before = (audit_count(store), store.get_record(window.budget_id)["data"])
    with pytest.raises(TaskCancelled):
        workbook_import_op(path, "tester")(store, stopping_after(stop_at))
    assert (audit_count(store), store.get_record(window.budget_id)["data"]) == before
    assert not store.db.conn.in_transaction


def test_workbook_import_failure_is_one_line_and_changes_nothing(desk, qtbot, tmp_path):
    window = desk
    bad = tmp_path / "out" / "not-a-workbook.xlsx"
    bad.write_bytes(b"not a zip")
    before = audit_count(window.service.store)
    with qtbot.waitSignal(window.operations.failed, timeout=TIMEOUT) as blocker:
        window.import_workbook(bad)
    message = blocker.args[0]
    assert "\n" not in message and "not-a-workbook.xlsx" in message and "Traceback" not in message
    assert close_warning(qtbot) == message
    assert audit_count(window.service.store) == before
