"""One write path: every write of the window is an Operation whose Changes the service's hub
announces, and the views follow the hub themselves (no window reloads them by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.ui.operations import Changes
from lowcarbon_desk.ui.service import DeskService

from .conftest import COUNTY, ENTERPRISE, ENTERPRISE_2, TIMEOUT, loaded_review, report_line
from .test_confirm_and_review import received_county

OPERATIONS = Path(__file__).parents[2] / "src" / "lowcarbon_desk" / "ui" / "operations"


def announced(service: DeskService) -> list[Changes]:
    """The Changes the service's hub announces from now on."""
    seen: list[Changes] = []
    service.hub.executed.connect(lambda changes, _operation: seen.append(changes))
    return seen


def test_every_write_of_the_service_announces_what_it_changed(service, tmp_path):
    seen = announced(service)
    org_id = service.add_org({
        "org_id": make_credit_code(COUNTY, "ENT000009"), "kind": "enterprise", "name": "新建化工有限公司",
        "admin_code": COUNTY, "industry_code": "C2611", "contact_name": "李工", "contact_phone": "13900139000"})
    assert seen[-1] == Changes(orgs=(org_id,))
    record_id = service.create_record("energy_budget", ENTERPRISE, {
        "year": 2025, "basis": "equivalent", "baseline_year": 2024, "baseline_tce": 1000,
        "planned_value_added_10k_yuan": 5000, "budget_tce": 1200})
    assert seen[-1] == Changes(records=(record_id,))
    doc = service.save_draft(record_id, {**service.record(record_id)["data"], "budget_tce": 1250})
    assert doc["data"]["budget_tce"] == 1250 and seen[-1] == Changes(records=(record_id,))
    warning = next(i for i in service.stored_issues(record_id) if i.severity == "warning")
    assert service.justify(record_id, warning.rule, warning.field, "新建产线") >= 1
    assert seen[-1] == Changes(records=(record_id,))
    pilot = service.create_record("pilot_application", ENTERPRISE, {"baseline_year": 2024})
    proof = tmp_path / "方案.pdf"
    proof.write_bytes(b"%PDF-1.4 proof")
    service.add_attachment(pilot, proof)
    service.remove_attachment(pilot, 0)
    assert seen[-2:] == [Changes(records=(pilot,))] * 2
    service.submit(record_id)
    assert seen[-1] == Changes(records=(record_id,))
    new_id = service.revise(record_id)
    assert seen[-1] == Changes(records=(record_id, new_id))
    service.delete_draft(pilot)  # never submitted
    assert seen[-1] == Changes(records=(pilot,)) and len(seen) == 10
    assert all(changes.database for changes in seen)


def test_a_failed_write_announces_nothing(service):
    seen = announced(service)
    record_id = service.create_record("energy_report", ENTERPRISE, {"period": "2025"})
    with pytest.raises(Exception, match=r"草稿|draft|submitted|已提交|状态"):
        service.revise(record_id)  # a draft cannot be revised: refused, nothing changed
    assert seen == [Changes(records=(record_id,))]


def test_writes_run_at_once_are_not_kept(service):
    from lowcarbon_desk.ui.operations import Operation

    record_id = service.create_record("energy_report", ENTERPRISE, {"period": "2025"})
    for value in range(20):  # as autosave does while the user types
        service.save_draft(record_id, {"period": "2025", "value_added_10k_yuan": value})
    assert service.hub.findChildren(Operation) == []


@pytest.fixture
def county(qtbot, app_font, tmp_path, filled_store):
    """A county window that received the enterprise's annual report and budget in a package."""
    yield from received_county(qtbot, tmp_path, filled_store)


def test_the_pane_and_the_list_follow_a_decision_taken_in_the_review_queue(county, qtbot):
    annual = county.sent[0]
    county.open_record(annual)
    assert county.pane.can_decide
    review = loaded_review(county, qtbot)
    assert review.decide([annual], "accepted")
    # nobody told the pane or the list: they followed the hub
    assert county.pane.doc["state"] == "accepted" and not county.pane.can_decide
    row = county.list_model.row_of(annual)
    assert county.list_model.rows[row][0] == annual and "accepted" in county.list_model.rows[row]


def test_a_write_while_the_overview_shows_reads_its_figures_again(window, qtbot):
    window.service.create_record("energy_report", ENTERPRISE, {
        "period": "2024", "value_added_10k_yuan": 10_000, "lines": [report_line("raw_coal", 100)]})
    with qtbot.waitSignal(window.overview.loaded, timeout=TIMEOUT):
        window.pages.setCurrentIndex(1)
    before = window.overview.overview
    with qtbot.waitSignal(window.overview.loaded, timeout=TIMEOUT):
        window.service.create_record("energy_report", ENTERPRISE_2, {
            "period": "2024", "value_added_10k_yuan": 8_000, "lines": [report_line("raw_coal", 50)]})
    assert window.overview.overview is not before


def test_a_deleted_draft_leaves_the_pane_and_the_list(window):
    from PySide6.QtWidgets import QMessageBox

    record_id = window.service.create_record("energy_report", ENTERPRISE, {"period": "2025"})
    window.open_record(record_id)
    box = window.delete_draft()
    assert "测试钢铁有限公司" in box.text() and "2025" in box.text()  # it names the draft
    box.button(QMessageBox.StandardButton.Yes).click()
    assert window.pane.doc is None and window.list_model.row_of(record_id) < 0


def test_operations_are_typed_without_ignores():
    for source in OPERATIONS.glob("*.py"):
        assert "type: ignore" not in source.read_text(encoding="utf-8"), source.name
