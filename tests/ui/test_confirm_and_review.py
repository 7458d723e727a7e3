"""Submitting and accepting ask first, showing the totals and the justified warnings; the review
queue shows energy, CO2 and warnings; a received record offers accept / return, not revise."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from lowcarbon_desk.domain.labels import unit_text
from lowcarbon_desk.packages.create import create_submission_package
from lowcarbon_desk.packages.importer import import_packages
from lowcarbon_desk.packages.keys import InstallationKey
from lowcarbon_desk.packages.verify import verify_file
from lowcarbon_desk.storage import Store
from lowcarbon_desk.ui.confirm_dialog import ConfirmRecordsDialog
from lowcarbon_desk.ui.formatting import fmt_number
from lowcarbon_desk.ui.models.review_queue import COLUMN_OF
from lowcarbon_desk.ui.service import DeskService
from lowcarbon_desk.ui.settings import WindowSettings

from .conftest import ENTERPRISE, TIMEOUT, loaded_review, org_rows, shown_window
from .pool import pool_held
from .test_packages import Chooser, submitted_records

H = Qt.Orientation.Horizontal


def test_ctrl_enter_asks_before_a_record_is_frozen(window, qtbot):
    record_id = window.service.create_record("energy_budget", ENTERPRISE, {
        "year": 2025, "basis": "equivalent", "baseline_year": 2024, "baseline_tce": 1000,
        "planned_value_added_10k_yuan": 5000, "budget_tce": 1200})
    window.open_record(record_id)
    warning = next(i for i in window.pane.issues.model.issues() if i.severity == "warning")
    window.service.justify(record_id, warning.rule, warning.field, "新建产线，经县发改局批准")
    window.open_record(record_id)
    window.act_submit.trigger()  # Ctrl+Enter
    dialog = window.pane.findChild(ConfirmRecordsDialog, "confirm_records")
    assert dialog is not None and dialog.isVisible()
    assert window.service.record(record_id)["state"] == "draft"  # nothing frozen yet
    computed = window.service.record(record_id)["computed"]
    shown = dialog.total_labels[(record_id, "effective_budget_tce")].text()
    assert shown == f"{computed['effective_budget_tce']:,.2f} 吨标准煤"
    texts = " ".join(label.text() for label in dialog.warning_labels)
    assert "新建产线，经县发改局批准" in texts and "用能预算" in texts and "budget_tce" not in texts
    dialog.reject()  # Cancel: still a draft
    assert window.service.record(record_id)["state"] == "draft"
    dialog = window.submit()
    dialog.confirm_button.click()
    assert window.service.record(record_id)["state"] == "submitted"
    assert window.pane.read_only and not window.act_submit.isEnabled()


def test_a_record_without_warnings_shows_its_totals(window):
    record_id = window.service.create_record("energy_report", ENTERPRISE, {
        "period": "2025-02", "lines": [{"energy": "raw_coal", "consumption_total": 10, "industrial_use": 10}]})
    window.open_record(record_id)
    dialog = window.submit()
    assert dialog is not None
    summary = dialog.summaries[0]
    assert summary.totals[0].id == "total_tce" and summary.warnings == []
    assert summary.heading.startswith("2025-02 能源购进、消费与库存")
    dialog.reject()


def received_county(qtbot, tmp_path, filled_store):
    """A county office's window that received the enterprise's annual report and budget in a
    package (their ids in ``window.sent``), yielded, then closed with its store."""
    sent = submitted_records(filled_store)
    made = create_submission_package(filled_store, ENTERPRISE, tmp_path / "usb", operator="王工",
                                     period="2025", key=InstallationKey.generate())
    store = Store.open(tmp_path / "county.db")
    store.add_orgs([org_rows()[0]], "审核员")
    import_packages(store, [made.path], "审核员")
    settings = WindowSettings(QSettings(str(tmp_path / "county.ini"), QSettings.Format.IniFormat))
    window = shown_window(qtbot, DeskService(store, "审核员", "zh"), settings)
    window.reload_records(synchronous=True)
    window.sent = sent
    yield window
    window.close()
    store.close()


@pytest.fixture
def county(qtbot, app_font, tmp_path, filled_store):
    """A county office that received the enterprise's annual report and budget in a package."""
    yield from received_county(qtbot, tmp_path, filled_store)


def test_review_queue_shows_energy_co2_and_warnings(county, qtbot):
    review = loaded_review(county, qtbot)
    model = review.model
    headers = [model.headerData(c, H) for c in range(model.columnCount())]
    assert headers[:3] == ["期间", "表单", "单位"]
    assert {"综合能耗\n（吨标准煤）", "二氧化碳\n（吨）", "警告"} <= set(headers)
    rows = {model.row_dict(r)["record_id"]: r for r in range(model.rowCount())}
    annual, budget = county.sent
    computed = county.service.record(annual)["computed"]
    assert model.index(rows[annual], COLUMN_OF["total_tce"]).data() == fmt_number(computed["total_tce"], 2)
    assert model.index(rows[annual], COLUMN_OF["total_co2_t"]).data() == fmt_number(computed["total_co2_t"], 2)
    for record_id, row in rows.items():
        warnings = [i for i in county.service.stored_issues(record_id) if i.severity == "warning"]
        assert model.index(row, COLUMN_OF["warnings"]).data() == str(len(warnings))
    assert model.index(rows[budget], COLUMN_OF["total_tce"]).data() == ""  # a budget has no such total
    assert model.index(rows[annual], COLUMN_OF["warnings"]).data(Qt.ItemDataRole.ToolTipRole)



def test_the_queue_is_read_on_a_worker_and_shown_when_ready(county, qtbot):
    review = county.review
    assert review.model.rowCount() == 0  # read when the page is first shown
    with pool_held():  # no worker runs: what the page shows meanwhile, the GUI thread read
        assert county.show_review() is review and county.pages.currentIndex() == 2
        assert review.model.rowCount() == 0 and review.pending is not None
        assert review.count.text() == "正在读取待审核记录…"
    with qtbot.waitSignal(review.loaded, timeout=TIMEOUT):
        pass
    assert sorted(review.model.record_ids()) == sorted(county.sent) and review.pending is None
    assert review.count.text() == "待审核 2 条"
    assert review.model.row_dict(0)["warnings"] is not None  # with its figures


def test_a_read_overtaken_by_a_decision_is_dropped(county, qtbot):
    review = loaded_review(county, qtbot)
    annual, budget = county.sent
    stale = review.refresh()
    read: list[list[str]] = []
    stale.succeeded.connect(lambda rows: read.append([r["record_id"] for r in rows]))
    # the worker has read the queue; its rows wait for the event loop, which has not run since
    assert stale.task.finished.wait(TIMEOUT / 1000)
    shown: list[bool] = []
    review.loaded.connect(lambda: shown.append(True))
    assert review.decide([annual], "accepted", write_package=False)
    fresh = review.pending  # the decision asked for a newer read
    assert fresh is not None and fresh is not stale
    with qtbot.waitSignal(fresh.finished, timeout=TIMEOUT):
        pass
    assert sorted(read[0]) == sorted([annual, budget])  # the old read still held the decided record
    assert review.model.record_ids() == [budget] and shown == [True]  # only the newer read was shown


def test_a_read_arriving_after_the_view_was_rebuilt_is_dropped(county, qtbot):
    old = loaded_review(county, qtbot)
    with pool_held():
        op = old.refresh()
        county.set_language("en")  # the window's views are built again; the old view goes
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        pass
    qtbot.waitUntil(lambda: county.review.pending is None, timeout=TIMEOUT)
    assert county.review is not old and sorted(county.review.model.record_ids()) == sorted(county.sent)
    county.set_language("zh")


def test_a_received_record_is_accepted_or_returned_in_the_pane_never_revised(county, qtbot, tmp_path):
    annual, budget = county.sent
    county.open_record(annual)
    pane = county.pane
    assert pane.received and pane.can_decide
    assert pane.accept_button.isVisible() and pane.return_button.isVisible()
    assert not pane.revise_button.isVisible() and not county.act_revise.isEnabled()
    assert county.revise() is None
    dialog = pane.accept_record()
    totals = {t.id: t for t in dialog.summaries[0].totals}
    computed = county.service.record(annual)["computed"]
    assert dialog.total_labels[(annual, "total_co2_t")].text() == \
        f"{computed['total_co2_t']:,.2f} {unit_text(totals['total_co2_t'].unit)}"
    assert county.service.record(annual)["state"] == "submitted"
    with qtbot.waitSignal(pane.decided, timeout=TIMEOUT):
        dialog.confirm_button.click()
    assert county.service.record(annual)["state"] == "accepted"
    assert not pane.accept_button.isVisible() and not pane.revise_button.isVisible()
    county.open_record(budget)
    chooser = Chooser()
    chooser.folder = tmp_path / "decisions"
    chooser.folder.mkdir()
    county.service.chooser = chooser
    returning = pane.return_record()
    assert returning.writes_package()  # on by default: the enterprise learns why
    returning.comment.setPlainText("基准年数据与年报不一致")
    returning.accept()
    written = list(chooser.folder.iterdir())
    assert len(written) == 1 and verify_file(written[0]).kind == "decision"
    record = county.service.record(budget)
    assert record["state"] == "returned" and record["decision_comment"] == "基准年数据与年报不一致"
    assert "基准年数据与年报不一致" in pane.banner_text.text()
    assert loaded_review(county, qtbot).model.rowCount() == 0


def test_overview_counts_annual_monthly_and_to_review_apart(county):
    county.overview.set_year(2025)
    county.overview.refresh(synchronous=True)
    figure = county.overview.figure
    assert (figure("annual_reports").value, figure("monthly_reports").value, figure("to_review").value) == (1, 0, 2)
    assert "待审核" in county.overview.figure_buttons["to_review"].text()
    county.overview.open_figure("to_review")
    shown = {county.proxy.record_id_at(r) for r in range(county.proxy.rowCount())}
    assert shown == set(county.sent)
