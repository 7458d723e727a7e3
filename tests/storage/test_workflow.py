"""Organisations and the record workflow: add, update, justify, submit, revise, decide.

Every change writes the append-only audit log; a submitted record is read-only.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from domain.samples import COUNTY, ENTERPRISE, ENTERPRISE_ID, PARK, coal_line, sample
from lowcarbon_desk.domain.errors import InputError, NotFoundError, StateError
from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.domain.reference import shipped_reference
from lowcarbon_desk.storage import Store

from .conftest import OPERATOR, dump

STOCK_WARNING = "energy_report.stock_balance"


def report_with_warning() -> dict:
    data = sample("energy_report")
    data["lines"] = [coal_line(closing_stock=50)]  # stock does not balance: a warning
    return data


def actions(store: Store, record_id: str) -> list[str]:
    """The record's logged actions in order (one per action, however many paths it changed)."""
    return list(dict.fromkeys(e["action"] for e in store.audit_log(record_id)))


# --- organisations ----------------------------------------------------------------------

def test_add_orgs_and_read_them(orgs_store: Store) -> None:
    assert orgs_store.get_org(ENTERPRISE_ID)["name"] == ENTERPRISE["name"]
    assert [o["kind"] for o in orgs_store.list_orgs()] == ["county", "park", "enterprise"]
    assert [o["org_id"] for o in orgs_store.list_orgs(kind="park")] == [PARK["org_id"]]
    assert len(orgs_store.list_orgs(admin_code=COUNTY["org_id"])) == 3
    assert orgs_store.get_org("nobody") is None
    with pytest.raises(NotFoundError) as info:
        orgs_store.require_org("nobody")
    assert "nobody" in info.value.message("zh") and "nobody" in info.value.message("en")


def test_org_creation_is_logged_per_field(orgs_store: Store) -> None:
    rows = orgs_store.audit_log_for_org(ENTERPRISE_ID)
    assert {r["action"] for r in rows} == {"org.create"}
    logged = {r["field_path"]: json.loads(r["new_value"]) for r in rows}
    assert logged == {k: v for k, v in ENTERPRISE.items() if v is not None}
    assert all(r["operator"] == OPERATOR and r["old_value"] is None for r in rows)


def test_duplicate_and_invalid_orgs_are_refused(orgs_store: Store) -> None:
    with pytest.raises(InputError) as info:
        orgs_store.add_orgs([ENTERPRISE], OPERATOR)
    assert ENTERPRISE_ID in info.value.message("en") and "already exists" in info.value.message("en")
    with pytest.raises(InputError) as info:
        orgs_store.add_orgs([{**ENTERPRISE, "org_id": "91350100M000100Y44"}], OPERATOR)
    assert [p.rule for p in info.value.problems] == ["org.credit_code"]
    with pytest.raises(InputError):
        orgs_store.add_orgs([], OPERATOR)


def test_update_org_logs_changes(orgs_store: Store) -> None:
    org = orgs_store.update_org(ENTERPRISE_ID, {"contact_phone": "13900000000",
                                                "name": ENTERPRISE["name"]}, "李雷")
    assert org["contact_phone"] == "13900000000"
    updates = [r for r in orgs_store.audit_log_for_org(ENTERPRISE_ID) if r["action"] == "org.update"]
    assert [(r["field_path"], r["old_value"], r["new_value"], r["operator"]) for r in updates] == [
        ("contact_phone", '"13800000000"', '"13900000000"', "李雷")]
    with pytest.raises(InputError):
        orgs_store.update_org(ENTERPRISE_ID, {"contact_phone": "12"}, OPERATOR)
    assert orgs_store.get_org(ENTERPRISE_ID)["contact_phone"] == "13900000000"


# --- records ------------------------------------------------------------------------------

def test_add_record_stores_a_draft(orgs_store: Store) -> None:
    data = sample("energy_report")
    record_id = orgs_store.add_record("energy_report", ENTERPRISE_ID, data, OPERATOR)
    doc = orgs_store.get_record(record_id)
    expected = evaluate("energy_report", data, org=ENTERPRISE)
    assert doc["state"] == "draft" and doc["revision"] == 1
    assert doc["lineage_id"] == record_id and doc["previous_record_id"] is None
    assert (doc["form"], doc["form_version"], doc["org_id"], doc["period"]) == (
        "energy_report", get_form("energy_report").version, ENTERPRISE_ID, "2025")
    assert doc["reference_data_version"] == shipped_reference().version
    assert doc["data"] == expected.data
    assert doc["computed"] == expected.computed
    assert doc["issues"] == [] and doc["justifications"] == []
    assert doc["operator"] == OPERATOR and doc["submitted_at"] is None
    assert actions(orgs_store, record_id) == ["record.create"]
    entry = orgs_store.audit_log(record_id)[0]
    assert json.loads(entry["new_value"]) == expected.data


@pytest.mark.parametrize("form_id, org", [("energy_budget", ENTERPRISE), ("cp_audit", ENTERPRISE),
                                          ("pilot_application", COUNTY)])
def test_every_form_round_trips(orgs_store: Store, form_id: str, org: dict) -> None:
    data = sample(form_id)
    record_id = orgs_store.add_record(form_id, org["org_id"], data, OPERATOR)
    doc = orgs_store.get_record(record_id)
    expected = evaluate(form_id, data, org=org)
    assert doc["data"] == expected.data
    assert doc["computed"] == expected.computed


def test_update_record_logs_each_changed_path(orgs_store: Store) -> None:
    record_id = orgs_store.add_record("energy_report", ENTERPRISE_ID, sample("energy_report"),
                                      OPERATOR)
    data = sample("energy_report")
    data["value_added_10k_yuan"] = 60000
    data["lines"].append({"energy": "electricity", "consumption_total": 100,
                          "industrial_use": 100})
    doc = orgs_store.update_record(record_id, data, "韩梅梅")
    assert doc["computed"]["total_tce"] == pytest.approx(714.3 + 122.9)
    update = [e for e in orgs_store.audit_log(record_id) if e["action"] == "record.update"]
    paths = {e["field_path"]: (e["old_value"], e["new_value"]) for e in update}
    assert paths["value_added_10k_yuan"] == ("52000", "60000")
    assert paths["lines[1].energy"] == (None, '"electricity"')
    assert paths["lines[1].consumption_total"] == (None, "100")
    assert "lines[0].energy" not in paths  # unchanged values are not logged
    assert {e["operator"] for e in update} == {"韩梅梅"}
    # the same data again changes nothing and logs nothing
    count = len(orgs_store.audit_log(record_id))
    orgs_store.update_record(record_id, data, OPERATOR)
    assert len(orgs_store.audit_log(record_id)) == count


def test_malformed_update_is_refused(orgs_store: Store) -> None:
    record_id = orgs_store.add_record("energy_report", ENTERPRISE_ID, sample("energy_report"),
                                      OPERATOR)
    before = dump(orgs_store)
    bad = sample("energy_report")
    bad["value_added_10k_yuan"] = "many"
    with pytest.raises(InputError) as info:
        orgs_store.update_record(record_id, bad, OPERATOR)
    assert "value_added_10k_yuan" in info.value.message("zh")
    assert "value_added_10k_yuan" in info.value.message("en")
    assert dump(orgs_store) == before


def test_justify_submit_revise_decide(orgs_store: Store) -> None:
    store = orgs_store
    record_id = store.add_record("energy_report", ENTERPRISE_ID, report_with_warning(), OPERATOR)
    # an unjustified warning blocks submission, with the reason
    with pytest.raises(StateError) as info:
        store.submit(record_id, OPERATOR)
    assert "lines[0].closing_stock" in info.value.message("en")
    assert "unjustified warning" in info.value.message("en")
    assert "未说明的警告" in info.value.message("zh")
    assert store.get_record(record_id)["state"] == "draft"
    # justifying a rule with no current warning, or with empty text, is refused
    with pytest.raises(InputError):
        store.justify(record_id, "energy_report.value_added_required", "x", OPERATOR)
    with pytest.raises(InputError):
        store.justify(record_id, STOCK_WARNING, "   ", OPERATOR)
    with pytest.raises(InputError):
        store.justify(record_id, STOCK_WARNING, "x" * 2001, OPERATOR)
    assert store.justify(record_id, STOCK_WARNING, "运输途中损耗 50 吨", OPERATOR) == 1
    issue = store.get_record(record_id)["issues"][0]
    assert issue["rule"] == STOCK_WARNING and issue["justification"] == "运输途中损耗 50 吨"
    store.submit(record_id, "提交人")
    doc = store.get_record(record_id)
    assert doc["state"] == "submitted" and doc["submitted_at"]
    # the upper level returns it with a comment; a return needs one
    with pytest.raises(InputError):
        store.decide(record_id, "returned", "县局", "  ")
    with pytest.raises(InputError):
        store.decide(record_id, "maybe", "县局")
    store.decide(record_id, "returned", "县局", "请补充损耗证明")
    doc = store.get_record(record_id)
    assert doc["state"] == "returned" and doc["decision_comment"] == "请补充损耗证明"
    assert doc["decided_at"]
    with pytest.raises(StateError):
        store.decide(record_id, "accepted", "县局")  # only submitted records
    # a new revision, linked to the old one, which stays unchanged
    old_doc = store.get_record(record_id)
    new_id = store.revise(record_id, OPERATOR)
    new = store.get_record(new_id)
    assert (new["revision"], new["state"], new["previous_record_id"], new["lineage_id"]) == (
        2, "draft", record_id, record_id)
    assert new["data"] == old_doc["data"] and new["computed"] == old_doc["computed"]
    assert [j["text"] for j in new["justifications"]] == ["运输途中损耗 50 吨"]
    assert store.get_record(record_id) == old_doc
    with pytest.raises(StateError):
        store.revise(record_id, OPERATOR)  # not the latest revision
    with pytest.raises(StateError):
        store.revise(new_id, OPERATOR)  # a draft is edited directly
    assert [r["revision"] for r in store.revisions(new_id)] == [1, 2]
    latest = store.list_records(form="energy_report", latest_only=True)
    assert [r["record_id"] for r in latest] == [new_id]
    assert len(store.list_records(org_id=ENTERPRISE_ID)) == 2
    assert [r["record_id"] for r in store.list_records(state="returned")] == [record_id]
    # the revision is fixed, submitted and accepted
    fixed = report_with_warning()
    fixed["lines"][0]["closing_stock"] = 0
    store.update_record(new_id, fixed, OPERATOR)
    store.submit(new_id, OPERATOR)
    store.decide(new_id, "accepted", "县局")
    assert store.get_record(new_id)["state"] == "accepted"
    # the log has every step, oldest first
    assert actions(store, record_id) == ["record.create", "record.justify", "record.submitted",
                                         "record.returned"]
    assert actions(store, new_id) == ["record.revise", "record.update", "record.submitted",
                                      "record.accepted"]
    log = store.get_record(record_id, with_audit=True)["audit_log"]
    returned = [e for e in log if e["action"] == "record.returned"]
    assert {(e["field_path"], e["old_value"], e["new_value"]) for e in returned} == {
        ("state", '"submitted"', '"returned"'), ("decision_comment", None, '"请补充损耗证明"')}
    justify = next(e for e in log if e["action"] == "record.justify")
    assert justify["field_path"] == f"justifications.{STOCK_WARNING}@lines[0].closing_stock"


def test_submit_is_refused_while_there_is_an_error(orgs_store: Store) -> None:
    data = sample("energy_report")
    data["value_added_10k_yuan"] = None
    record_id = orgs_store.add_record("energy_report", ENTERPRISE_ID, data, OPERATOR)
    with pytest.raises(StateError) as info:
        orgs_store.submit(record_id, OPERATOR)
    assert "value_added_10k_yuan" in info.value.message("zh")
    assert "错误" in info.value.message("zh") and "error" in info.value.message("en")
    with pytest.raises(InputError):  # errors cannot be justified away
        orgs_store.justify(record_id, "energy_report.value_added_required", "没有", OPERATOR)


def test_submitted_record_is_read_only(orgs_store: Store) -> None:
    store = orgs_store
    record_id = store.add_record("energy_report", ENTERPRISE_ID, report_with_warning(), OPERATOR)
    store.justify(record_id, STOCK_WARNING, "损耗", OPERATOR)
    store.submit(record_id, OPERATOR)
    before = dump(store)
    changed = sample("energy_report")
    attempts = [
        lambda: store.update_record(record_id, changed, OPERATOR),
        lambda: store.justify(record_id, STOCK_WARNING, "另一个理由", OPERATOR),
        lambda: store.submit(record_id, OPERATOR),
        lambda: store.recompute(record_id, OPERATOR),
        lambda: store.delete_draft(record_id, OPERATOR),
    ]
    for attempt in attempts:
        with pytest.raises(StateError) as info:
            attempt()
        assert info.value.message("en")
    with pytest.raises(StateError) as info:
        store.update_record(record_id, changed, OPERATOR)
    assert "read-only" in info.value.message("en") and "只读" in info.value.message("zh")
    assert dump(store) == before


def test_delete_draft(orgs_store: Store) -> None:
    record_id = orgs_store.add_record("energy_report", ENTERPRISE_ID, sample("energy_report"),
                                      OPERATOR)
    orgs_store.delete_draft(record_id, OPERATOR)
    with pytest.raises(NotFoundError):
        orgs_store.get_record(record_id)
    assert actions(orgs_store, record_id) == ["record.create", "record.delete"]
    counts = orgs_store.db.execute(
        "SELECT (SELECT count(*) FROM energy_lines), (SELECT count(*) FROM record_computed),"
        " (SELECT count(*) FROM energy_reports)").fetchone()
    assert counts == (0, 0, 0)


def test_unknown_record(orgs_store: Store) -> None:
    for call in (lambda: orgs_store.get_record("nope"), lambda: orgs_store.submit("nope", "x"),
                 lambda: orgs_store.revise("nope", "x")):
        with pytest.raises(NotFoundError) as info:
            call()
        assert "nope" in info.value.message("en")


# --- the audit log is append-only ---------------------------------------------------------

def test_every_change_writes_the_log(orgs_store: Store) -> None:
    store = orgs_store
    count = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    record_id = store.add_record("energy_report", ENTERPRISE_ID, report_with_warning(), OPERATOR)
    after_add = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert after_add > count
    last = after_add
    for change in (lambda: store.justify(record_id, STOCK_WARNING, "损耗", OPERATOR),
                   lambda: store.submit(record_id, OPERATOR),
                   lambda: store.decide(record_id, "accepted", "县局", "好"),
                   lambda: store.revise(record_id, OPERATOR),
                   lambda: store.update_org(ENTERPRISE_ID, {"address": "新地址"}, OPERATOR)):
        change()
        now = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        assert now > last
        last = now
    rows = store.db.execute("SELECT at, operator, action FROM audit_log").fetchall()
    assert all(at and operator and action for at, operator, action in rows)


def test_audit_log_rows_cannot_be_changed_or_deleted(orgs_store: Store) -> None:
    conn = orgs_store.db.conn
    before = conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
    assert before
    for statement in ("UPDATE audit_log SET operator = 'mallory'",
                      "UPDATE audit_log SET new_value = NULL WHERE id = 1",
                      "DELETE FROM audit_log",
                      "DELETE FROM audit_log WHERE id = 1"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute(statement)
    assert conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall() == before
    # appending still works
    conn.execute("INSERT INTO audit_log (at, operator, action) VALUES ('now', 'x', 'note')")
    assert len(conn.execute("SELECT * FROM audit_log").fetchall()) == len(before) + 1
