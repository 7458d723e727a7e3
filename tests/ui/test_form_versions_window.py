"""The window on an installation with the test's newer version of the energy report (``NEWER``,
the newest shipped version ``SHIPPED`` plus one): a record of the shipped version opens in an
editor generated from that version, a newer record in one from the newer version, and a new
record is of the newer version.
"""

from __future__ import annotations

import os
import re

import pytest
from PySide6.QtWidgets import QLabel

from fixtures.versions import (
    NEW_FIELD,
    NEW_LABEL_ZH,
    NEW_RULE,
    NEWER,
    OLD_LABEL_ZH,
    RELABELLED,
    SHIPPED,
    SHIPPED_FILE,
    use_newer,
)
from lowcarbon_desk.domain.forms import FORMS_DIR_ENV
from lowcarbon_desk.storage import Store

from .conftest import ENTERPRISE, TIMEOUT, close_warning, report_line


def report(**changes) -> dict:
    return {"period": "2025", "gross_output_10k_yuan": 150000, "value_added_10k_yuan": 52000,
            "lines": [report_line("raw_coal", 1000)], **changes}


@pytest.fixture
def store(tmp_path, monkeypatch):
    """This module's database, opened by an installation with the newer version too (overrides the
    conftest one)."""
    use_newer(monkeypatch)
    db = Store.open(tmp_path / "t.db")
    yield db
    db.close()


def label_of(window, field_id: str) -> str:
    labels = [w for w in window.pane.editor.findChildren(QLabel) if w.toolTip() == field_id]
    assert len(labels) == 1, field_id
    return labels[0].text().rstrip("*")


def test_each_record_opens_with_its_own_version(window, qtbot) -> None:
    service = window.service
    store = service.store
    old = store.add_record("energy_report", ENTERPRISE, report(gross_output_10k_yuan=40000), "tester",
                           version=SHIPPED)
    new = store.add_record("energy_report", ENTERPRISE, report(period="2025-06", **{NEW_FIELD: 340}), "tester")
    window.reload_records(synchronous=True)

    window.open_record(old)
    editor = window.pane.editor
    assert (editor.form.id, editor.form.version) == ("energy_report", SHIPPED)
    assert NEW_FIELD not in editor.bindings
    assert label_of(window, RELABELLED) == OLD_LABEL_ZH
    assert editor.bindings[RELABELLED].value() == "40000"
    assert NEW_RULE not in {i.rule for i in window.pane.issues.model.issues()}

    window.open_record(new)
    editor = window.pane.editor
    assert (editor.form.id, editor.form.version) == ("energy_report", NEWER)
    assert label_of(window, RELABELLED) == NEW_LABEL_ZH
    assert label_of(window, NEW_FIELD) == "年末从业人员"
    assert editor.bindings[NEW_FIELD].value() == "340"
    with qtbot.waitSignal(window.pane.saved, timeout=TIMEOUT):
        editor.bindings[NEW_FIELD].set_value("355")
        editor.edited.emit()
    assert service.record(new)["data"][NEW_FIELD] == 355
    with qtbot.waitSignal(window.pane.saved, timeout=TIMEOUT):
        editor.bindings["value_added_10k_yuan"].set_value("160000")
        editor.edited.emit()
    assert NEW_RULE in {i.rule for i in window.pane.issues.model.issues()}

    window.open_record(old)
    assert window.pane.editor.form.version == SHIPPED and store.get_record(old)["form_version"] == SHIPPED


def test_a_new_record_is_of_the_newest_version(window) -> None:
    dialog = window.new_record()
    dialog.choose("energy_report", ENTERPRISE, "2026")
    dialog.accept()
    assert dialog.record_id, dialog.error.text()
    assert window.pane.editor.form.version == NEWER and NEW_FIELD in window.pane.editor.bindings
    assert window.service.record(dialog.record_id)["form_version"] == NEWER


def submitted(store: Store, record_id: str) -> str:
    for issue in store.issues(record_id):
        if issue.severity == "warning" and not issue.justification:
            store.justify(record_id, issue.rule, "已核实", "tester", field=issue.field)
    store.submit(record_id, "tester")
    return record_id


def test_revise_onto_the_newest_version_after_a_confirmation(window, qtbot) -> None:
    service = window.service
    store = service.store
    old = submitted(store, store.add_record("energy_report", ENTERPRISE, report(gross_output_10k_yuan=40000),
                                            "tester", version=SHIPPED))
    current = submitted(store, store.add_record("energy_report", ENTERPRISE, report(period="2025-06"), "tester"))
    window.reload_records(synchronous=True)
    pane = window.pane
    window.open_record(current)  # already on the newest version: only the plain revision is offered
    assert pane.revise_button.isVisible() and not pane.latest_button.isVisible()
    assert not window.act_revise_latest.isEnabled() and pane.revise_to_latest() is None

    window.open_record(old)
    assert pane.latest_button.isVisible() and window.act_revise_latest.isEnabled()
    box = pane.revise_to_latest()
    assert box.objectName() == "revise_latest_confirm" and box.isVisible()
    assert f"第 {SHIPPED} 版" in box.text() and f"第 {NEWER} 版" in box.text()  # both versions named
    assert NEW_LABEL_ZH in box.informativeText() and "年末从业人员" in box.informativeText()
    box.close()  # cancelled: nothing stored
    assert [r["record_id"] for r in store.revisions(old)] == [old]
    box = pane.revise_to_latest()
    confirm = next(b for b in box.buttons() if b.objectName() == "revise_latest_ok")
    assert confirm.text() == f"修订为第 {NEWER} 版"
    confirm.click()
    new_id = pane.record_id
    assert new_id != old
    moved = store.get_record(new_id)
    assert (moved["form_version"], moved["revision"], moved["state"]) == (NEWER, 2, "draft")
    assert moved["previous_record_id"] == old and moved["data"][RELABELLED] == 40000
    assert store.get_record(old)["form_version"] == SHIPPED and store.get_record(old)["state"] == "submitted"
    assert pane.editor.form.version == NEWER and NEW_FIELD in pane.editor.bindings
    assert label_of(window, RELABELLED) == NEW_LABEL_ZH
    assert not pane.latest_button.isVisible() and not window.act_revise_latest.isEnabled()
    assert window.list_model.row_of(new_id) >= 0
    assert f"第 {NEWER} 版" in window.statusBar().currentMessage()
    assert any(e["action"] == "record.revise" for e in store.audit_log(new_id))


def test_revise_onto_the_newest_version_in_english(window) -> None:
    store = window.service.store
    old = submitted(store, store.add_record("energy_report", ENTERPRISE, report(), "tester", version=SHIPPED))
    window.reload_records(synchronous=True)
    window.set_language("en")
    window.open_record(old)
    assert window.pane.latest_button.text() == "Revise onto the newest form version…"
    box = window.pane.revise_to_latest()
    assert f"version {SHIPPED}" in box.text() and f"version {NEWER}" in box.text()
    assert "New fields: Employees at year end" in box.informativeText()
    box.close()
    window.set_language("zh")


def test_values_the_newest_version_has_no_field_for_are_named_by_label(window, qtbot, tmp_path, monkeypatch):
    """A version above the newer one (written here) without the grid factor: the value left behind
    is reported by its field's label, and the old revision keeps it."""
    store = window.service.store
    factor = store.reference().default_grid_factor
    old = submitted(store, store.add_record("energy_report", ENTERPRISE, report(grid_factor_id=factor), "tester",
                                            version=SHIPPED))
    latest = NEWER + 1
    v3 = re.sub(r"^version = \d+$", f"version = {latest}", SHIPPED_FILE.read_text(encoding="utf-8"), count=1,
                flags=re.M)
    start = v3.index('[[section.field]]\nid = "grid_factor_id"')
    v3 = v3[:start] + v3[v3.index("[[section]]", start):]
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / f"energy_report.v{latest}.toml").write_text(v3, encoding="utf-8")
    monkeypatch.setenv(FORMS_DIR_ENV, os.pathsep.join([os.environ[FORMS_DIR_ENV], str(folder)]))
    window.reload_records(synchronous=True)
    window.open_record(old)
    box = window.pane.revise_to_latest()
    assert f"第 {SHIPPED} 版" in box.text() and f"第 {latest} 版" in box.text()
    assert "删除的字段（值不再带入）：电力排放因子" in box.informativeText()
    assert "grid_factor_id" not in box.informativeText() and "grid_factor_id" in box.detailedText()
    next(b for b in box.buttons() if b.objectName() == "revise_latest_ok").click()
    moved = store.get_record(window.pane.record_id)
    assert moved["form_version"] == latest and "grid_factor_id" not in moved["data"]
    assert store.get_record(old)["data"]["grid_factor_id"] == factor
    text = close_warning(qtbot)
    assert f"电力排放因子：{factor}" in text and "grid_factor_id" not in text


def test_revise_onto_the_newest_version_when_the_pane_was_cleared_meanwhile(window) -> None:
    """The confirmation answered after the pane let go of the record (another database opened,
    the record deleted elsewhere): the old form comes from the move, not from the pane."""
    store = window.service.store
    old = submitted(store, store.add_record("energy_report", ENTERPRISE, report(), "tester", version=SHIPPED))
    window.reload_records(synchronous=True)
    window.open_record(old)
    box = window.pane.revise_to_latest()
    box.close()
    window.pane.clear()
    new_id = window.pane.revise_to_latest_confirmed(old)
    assert new_id is not None and store.get_record(new_id)["form_version"] == NEWER
    assert window.pane.record_id == new_id
