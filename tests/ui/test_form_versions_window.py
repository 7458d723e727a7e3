"""The window on an installation with the test version 2 of the energy report: a version-1 record
opens in an editor generated from version 1, a version-2 record in one from version 2, and a
new record is of version 2.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from fixtures.versions import NEW_FIELD, NEW_LABEL_ZH, NEW_RULE, OLD_LABEL_ZH, RELABELLED, use_v2
from lowcarbon_desk.storage import Store

from .conftest import ENTERPRISE, report_line


def report(**changes) -> dict:
    return {"period": "2025", "gross_output_10k_yuan": 150000, "value_added_10k_yuan": 52000,
            "lines": [report_line("raw_coal", 1000)], **changes}


@pytest.fixture
def store(tmp_path, monkeypatch):
    """This module's database, opened by a v1+v2 installation (overrides the conftest one)."""
    use_v2(monkeypatch)
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
    old = store.add_record("energy_report", ENTERPRISE, report(gross_output_10k_yuan=40000), "tester", version=1)
    new = store.add_record("energy_report", ENTERPRISE, report(period="2025-06", **{NEW_FIELD: 340}), "tester")
    window.reload_records(synchronous=True)

    window.open_record(old)
    editor = window.pane.editor
    assert (editor.form.id, editor.form.version) == ("energy_report", 1)
    assert NEW_FIELD not in editor.bindings
    assert label_of(window, RELABELLED) == OLD_LABEL_ZH
    assert editor.bindings[RELABELLED].value() == "40000"
    assert NEW_RULE not in {i.rule for i in window.pane.issues.model.issues()}

    window.open_record(new)
    editor = window.pane.editor
    assert (editor.form.id, editor.form.version) == ("energy_report", 2)
    assert label_of(window, RELABELLED) == NEW_LABEL_ZH
    assert label_of(window, NEW_FIELD) == "年末从业人员"
    assert editor.bindings[NEW_FIELD].value() == "340"
    with qtbot.waitSignal(window.pane.saved, timeout=3000):
        editor.bindings[NEW_FIELD].set_value("355")
        editor.edited.emit()
    assert service.record(new)["data"][NEW_FIELD] == 355
    with qtbot.waitSignal(window.pane.saved, timeout=3000):
        editor.bindings["value_added_10k_yuan"].set_value("160000")
        editor.edited.emit()
    assert NEW_RULE in {i.rule for i in window.pane.issues.model.issues()}

    window.open_record(old)
    assert window.pane.editor.form.version == 1 and store.get_record(old)["form_version"] == 1


def test_a_new_record_is_of_the_newest_version(window) -> None:
    dialog = window.new_record()
    dialog.choose("energy_report", ENTERPRISE, "2026")
    dialog.accept()
    assert dialog.record_id, dialog.error.text()
    assert window.pane.editor.form.version == 2 and NEW_FIELD in window.pane.editor.bindings
    assert window.service.record(dialog.record_id)["form_version"] == 2
