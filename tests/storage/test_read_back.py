"""Checking a record just written without reading it back gives what reading it back gives.

``record_io.stored_content`` works out what ``read_content`` returns (SQLite's column affinities,
then the same decoding); ``Store`` checks the record it has just written from that, while
nothing else has been written in the same transaction (``storage/written.py``).
"""

from __future__ import annotations

import pytest

from domain.samples import SAMPLE_ORG, coal_line, sample
from lowcarbon_desk.domain.errors import StateError
from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.record_io import delete_content, read_computed, read_content, stored_content, write_content

from .conftest import OPERATOR

RECORD_FORMS = [form for form, org in SAMPLE_ORG.items() if org is not None]


@pytest.mark.parametrize("form_id", RECORD_FORMS)
def test_stored_content_of_each_sample_is_the_read_back(orgs_store: Store, form_id: str) -> None:
    org = SAMPLE_ORG[form_id]
    record_id = orgs_store.add_record(form_id, org["org_id"], sample(form_id), OPERATOR)
    result = evaluate(form_id, sample(form_id), org=org, ref=orgs_store.reference(), rules=False)
    stored = stored_content(result.form, result.data, result.computed)
    # repr: types (5 against 5.0, True against 1) and key order must agree, not only values
    assert repr(stored) == repr(read_content(orgs_store.db, result.form, record_id))


def _rewrite(store: Store, record_id: str, data: dict, computed: dict):
    form = get_form("energy_report")
    with store.transaction():
        delete_content(store.db, form, record_id)
        write_content(store.db, form, record_id, data, computed)
    return form


# values as a caller could hand them to write_content, beside the column types they meet
EDGES = [
    ("value_added_10k_yuan", 5.0),  # a whole real in a REAL column reads as an int
    ("value_added_10k_yuan", 7),
    ("value_added_10k_yuan", 0.1),
    ("value_added_10k_yuan", True),  # bound as 1
    ("value_added_10k_yuan", None),
    ("period", "2025"),
]
LINE_EDGES = [
    ("consumption_total", 12.0),
    ("consumption_total", 12.5),
    ("consumption_total", False),
    ("energy", "raw_coal"),
]
COMPUTED_EDGES = [
    {"total_tce": 3},  # an int stored as a real with its type
    {"total_tce": 3.0},
    {"flag": True},
    {"note": "text"},
    {"nothing": None},
    {"lines": []},  # an empty list leaves nothing behind
    {"lines": [{}, {"a": 1}]},  # an empty item too: the next one moves up
    {"b": 1, "a": [{"y": 2, "x": 1}], "a0": [{"z": 0}], "c": 2.5},  # read back in key order
]


@pytest.mark.parametrize("field,value", EDGES)
def test_header_values_as_read_back(orgs_store: Store, field: str, value: object) -> None:
    record_id = orgs_store.add_record("energy_report", SAMPLE_ORG["energy_report"]["org_id"],
                                      sample("energy_report"), OPERATOR)
    data = {**sample("energy_report"), field: value}
    form = _rewrite(orgs_store, record_id, data, {})
    assert repr(stored_content(form, data, {})) == repr(read_content(orgs_store.db, form, record_id))


@pytest.mark.parametrize("column,value", LINE_EDGES)
def test_group_values_as_read_back(orgs_store: Store, column: str, value: object) -> None:
    record_id = orgs_store.add_record("energy_report", SAMPLE_ORG["energy_report"]["org_id"],
                                      sample("energy_report"), OPERATOR)
    data = {**sample("energy_report"), "lines": [coal_line(**{column: value}), coal_line()]}
    form = _rewrite(orgs_store, record_id, data, {})
    assert repr(stored_content(form, data, {})) == repr(read_content(orgs_store.db, form, record_id))


@pytest.mark.parametrize("computed", COMPUTED_EDGES)
def test_computed_values_as_read_back(orgs_store: Store, computed: dict) -> None:
    record_id = orgs_store.add_record("energy_report", SAMPLE_ORG["energy_report"]["org_id"],
                                      sample("energy_report"), OPERATOR)
    data = sample("energy_report")
    form = _rewrite(orgs_store, record_id, data, computed)
    stored = stored_content(form, data, computed)
    assert stored is not None
    assert repr(stored[1]) == repr(read_computed(orgs_store.db, record_id))


@pytest.mark.parametrize("data_change,computed", [
    ({"value_added_10k_yuan": float("nan")}, {}),  # stored as NULL
    ({"value_added_10k_yuan": 2 ** 60}, {}),  # more than a float holds exactly
    ({"value_added_10k_yuan": "52000"}, {}),  # text in a REAL column is converted
    ({"period": 2025}, {}),  # a number in a TEXT column becomes text
    ({}, {"total_tce": -0.0}),
    ({}, {"total_tce": float("inf")}),
])
def test_values_outside_the_model_are_read_back(data_change: dict, computed: dict) -> None:
    data = {**sample("energy_report"), **data_change}
    assert stored_content(get_form("energy_report"), data, computed) is None


def test_checked_from_the_written_values_only_while_nothing_else_was_written(orgs_store: Store) -> None:
    org_id = SAMPLE_ORG["energy_report"]["org_id"]
    with orgs_store.transaction():
        record_id = orgs_store.add_record("energy_report", org_id, sample("energy_report"), OPERATOR)
        written = orgs_store.get_record_computed(record_id)
        assert written == read_computed(orgs_store.db, record_id)
        # a write the store does not know about: the next read goes to the database
        orgs_store.db.execute("UPDATE record_computed SET value_num = 1 WHERE record_id = ? AND key = 'total_tce'",
                              [record_id])
        assert orgs_store.get_record_computed(record_id)["total_tce"] == 1


def test_a_rolled_back_change_is_not_remembered(orgs_store: Store) -> None:
    org_id = SAMPLE_ORG["energy_report"]["org_id"]
    with orgs_store.transaction():
        record_id = orgs_store.add_record("energy_report", org_id, sample("energy_report"), OPERATOR)
        before = orgs_store.get_record_computed(record_id)
        changed = {**sample("energy_report"), "lines": [coal_line(consumption_total=2000, industrial_use=2000,
                                                                  purchase_qty=2000)]}
        with pytest.raises(RuntimeError), orgs_store.transaction():
            orgs_store.update_record(record_id, changed, OPERATOR)
            assert orgs_store.get_record_computed(record_id)["total_tce"] == before["total_tce"] * 2
            raise RuntimeError("undo")
        assert orgs_store.get_record_computed(record_id) == before
        orgs_store.submit(record_id, OPERATOR)
    assert orgs_store.get_record(record_id)["state"] == "submitted"


def test_submit_and_justify_inside_one_transaction_see_the_stored_record(orgs_store: Store) -> None:
    """The demo's sequence: add, justify a warning, submit, in one transaction; a warning
    left unjustified still blocks."""
    org_id = SAMPLE_ORG["energy_report"]["org_id"]
    data = sample("energy_report")
    data["lines"][0]["coefficient"] = 0.62  # energy_report.coefficient_deviation (a warning)
    with orgs_store.transaction():
        blocked = orgs_store.add_record("energy_report", org_id, data, OPERATOR)
        with pytest.raises(StateError, match=r"unjustified warning: .*coefficient"):
            orgs_store.submit(blocked, OPERATOR)
        assert orgs_store.justify(blocked, "energy_report.coefficient_deviation", "实测热值", OPERATOR) == 1
        orgs_store.submit(blocked, OPERATOR)
    doc = orgs_store.get_record(blocked)
    assert doc["state"] == "submitted"
    assert [i["rule"] for i in doc["issues"] if i["severity"] == "warning"] == ["energy_report.coefficient_deviation"]


def test_every_record_of_a_demo_county_as_read_back(tmp_path) -> None:
    """Read back, then worked out again from what was read: the same, for every record."""
    from lowcarbon_desk.demo import build_demo

    with Store.open(tmp_path / "demo.db") as store:
        build_demo(store, enterprises=12, seed=5)
        rows = store.list_records()
        for row in rows:
            form = get_form(row["form"], row["form_version"])
            stored = read_content(store.db, form, row["record_id"])
            assert repr(stored_content(form, *stored)) == repr(stored), row["record_id"]
    assert {r["form"] for r in rows} == set(RECORD_FORMS)
