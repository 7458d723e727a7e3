"""A change that fails leaves every table as it was (all tables dumped before and after)."""

from __future__ import annotations

import sqlite3

import pytest

from domain.samples import COUNTY, ENTERPRISE, ENTERPRISE_ID, PARK, sample
from lowcarbon_desk.domain.errors import InputError, LowcarbonError, NotFoundError
from lowcarbon_desk.storage import Store, audit, record_io

from .conftest import OPERATOR, dump, table_counts


@pytest.fixture
def busy_store(orgs_store: Store) -> Store:
    """Some content in every kind of table before the failing change."""
    record_id = orgs_store.add_record("energy_report", ENTERPRISE_ID, sample("energy_report"),
                                      OPERATOR)
    orgs_store.add_record("pilot_application", COUNTY["org_id"], sample("pilot_application"),
                          OPERATOR)
    orgs_store.submit(record_id, OPERATOR)
    return orgs_store


def malformed_report() -> dict:
    data = sample("energy_report")
    data["lines"].append({"energy": "raw_coal", "consumption_total": "NaN"})
    return data


@pytest.mark.parametrize("form_id, org_id, data, error", [
    ("energy_report", "91350100M000100Y44", sample("energy_report"), NotFoundError),
    ("energy_report", ENTERPRISE_ID, malformed_report(), InputError),
    ("energy_report", ENTERPRISE_ID, "not an object", InputError),
    ("energy_report", ENTERPRISE_ID, {**sample("energy_report"), "colour": "red"}, InputError),
    ("water_report", ENTERPRISE_ID, {}, InputError),
    ("org", ENTERPRISE_ID, dict(ENTERPRISE), InputError),
], ids=["unknown org", "malformed value", "not an object", "unknown field", "unknown form",
        "org form"])
def test_refused_add_record_changes_nothing(busy_store: Store, form_id, org_id, data,
                                            error) -> None:
    before = dump(busy_store)
    with pytest.raises(error) as info:
        busy_store.add_record(form_id, org_id, data, OPERATOR)
    assert isinstance(info.value, LowcarbonError)
    assert dump(busy_store) == before


def test_failure_inside_add_record_rolls_everything_back(busy_store: Store, monkeypatch) -> None:
    """The record row and its content are written, then the audit log write fails."""
    before, counts = dump(busy_store), table_counts(busy_store)

    def failing_log(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error (simulated)")
    monkeypatch.setattr(audit, "log", failing_log)
    with pytest.raises(sqlite3.OperationalError):
        busy_store.add_record("energy_report", ENTERPRISE_ID, sample("energy_report"), OPERATOR)
    assert dump(busy_store) == before
    assert table_counts(busy_store) == counts


def test_failure_while_writing_content_rolls_back(busy_store: Store, monkeypatch) -> None:
    before = dump(busy_store)
    original = record_io.write_content

    def half_write(db, form, record_id, data, computed):
        original(db, form, record_id, data, {})
        raise RuntimeError("crash half-way")
    monkeypatch.setattr("lowcarbon_desk.storage.persistence.write_content", half_write)
    with pytest.raises(RuntimeError):
        busy_store.add_record("energy_budget", ENTERPRISE_ID, sample("energy_budget"), OPERATOR)
    assert dump(busy_store) == before


def test_duplicate_record_id_changes_nothing(busy_store: Store) -> None:
    existing = busy_store.list_records(form="energy_report")[0]["record_id"]
    before = dump(busy_store)
    with pytest.raises(sqlite3.IntegrityError):
        busy_store.add_record("energy_report", ENTERPRISE_ID, sample("energy_report"), OPERATOR,
                              record_id=existing)
    assert dump(busy_store) == before


def test_refused_add_orgs_adds_none(store: Store) -> None:
    store.add_orgs([COUNTY], OPERATOR)
    before = dump(store)
    bad_phone = {**ENTERPRISE, "contact_phone": "12345"}
    for batch in ([PARK, bad_phone], [PARK, PARK], [PARK, COUNTY], [PARK, "not an object"],
                  [PARK, {**ENTERPRISE, "kind": "factory"}]):
        with pytest.raises(InputError) as info:
            store.add_orgs(batch, OPERATOR)
        # with several organisations the message says which one
        assert "organisation 2" in info.value.message("en")
        assert "第 2 个单位" in info.value.message("zh")
        assert dump(store) == before


def test_failure_inside_add_orgs_rolls_back(store: Store, monkeypatch) -> None:
    store.add_orgs([COUNTY], OPERATOR)
    before = dump(store)
    calls = []
    real_log = audit.log

    def log_then_fail(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database is locked (simulated)")
        return real_log(*args, **kwargs)
    monkeypatch.setattr(audit, "log", log_then_fail)
    with pytest.raises(sqlite3.OperationalError):
        store.add_orgs([PARK, ENTERPRISE], OPERATOR)
    assert len(calls) == 2  # the first organisation was written before the failure
    assert dump(store) == before


def test_failure_inside_update_rolls_back(busy_store: Store, monkeypatch) -> None:
    record_id = busy_store.list_records(form="pilot_application")[0]["record_id"]
    before = dump(busy_store)
    changed = sample("pilot_application")
    changed["title"] = "新标题"

    def failing_log(*args, **kwargs):
        raise sqlite3.OperationalError("simulated")
    monkeypatch.setattr(audit, "log", failing_log)
    with pytest.raises(sqlite3.OperationalError):
        busy_store.update_record(record_id, changed, OPERATOR)
    assert dump(busy_store) == before
    assert busy_store.get_record(record_id)["data"]["title"] == "示例县低碳试点"


def test_nested_transaction_rolls_back_only_the_inner_part(store: Store) -> None:
    store.add_orgs([COUNTY], OPERATOR)
    with store.transaction():
        store.add_orgs([PARK], OPERATOR)
        before_inner = dump(store)
        with pytest.raises(RuntimeError), store.transaction():
            store.add_orgs([ENTERPRISE], OPERATOR)
            raise RuntimeError("inner")
        assert dump(store) == before_inner
    assert {o["org_id"] for o in store.list_orgs()} == {COUNTY["org_id"], PARK["org_id"]}
