"""A group's measure columns and per-item computed values read for many records at once
(issue 22) are exactly what reading each record's whole content gives."""

from __future__ import annotations

from domain.samples import COUNTY, ENTERPRISE, sample
from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.group_items import computed_items, counting_items, group_items, item_values

from .conftest import OPERATOR

COLUMNS = ("name", "co2_reduction_t", "so2_t", "nox_t", "particulates_t", "vocs_t", "status")
KEYS = ("equivalents_cut", "synergy_class", "co_control_ratio")
OPTION = {"code": "A", "name": "脱硫", "category": "equipment", "cost_class": "no_low",
          "co2_reduction_t": 500, "so2_t": 1.9, "status": "implemented"}


def _audit(store: Store, org: str, options: list[dict], version: int, year: int) -> str:
    data = sample("cp_audit") | {"options": options, "audit_year": year}
    return store.add_record("cp_audit", org, data, OPERATOR, version=version)


def _as_read_whole(store: Store, record_id: str, version: int) -> tuple[list[dict], list[dict]]:
    form = get_form("cp_audit", version)
    data, computed = store.record_content(form, record_id)
    wanted = {c.id for c in form.field("options").columns} & set(COLUMNS)
    items = [{k: v for k, v in item.items() if k in wanted} for item in data["options"]]
    return items, [{k: v for k, v in item.items() if k in KEYS} for item in computed.get("options", [])]


def test_the_items_and_their_values_are_those_of_the_whole_record(orgs_store: Store) -> None:
    options = [OPTION, OPTION | {"code": "B", "name": "余热", "co2_reduction_t": 12.5, "so2_t": None,
                                 "status": "proposed"},
               OPTION | {"code": "C", "name": "脱硝", "co2_reduction_t": -3, "nox_t": 2}]
    v2 = _audit(orgs_store, ENTERPRISE["org_id"], options, 2, 2025)
    v1 = _audit(orgs_store, COUNTY["org_id"], [OPTION], 1, 2025)
    empty = _audit(orgs_store, ENTERPRISE["org_id"], [], 2, 2024)
    # an item without any computed value left: the values of the others close up, as read whole
    orgs_store.db.conn.execute("DELETE FROM record_computed WHERE record_id = ? AND key LIKE 'options[1].%'", [v2])
    for version, record_id in ((2, v2), (1, v1)):
        items = group_items(orgs_store, get_form("cp_audit", version), "options", COLUMNS, [record_id, empty])
        values = computed_items(orgs_store, "options", KEYS, [record_id, empty])
        whole_items, whole_values = _as_read_whole(orgs_store, record_id, version)
        assert items.get(record_id, []) == whole_items and items.get(empty) is None
        assert values.get(record_id, []) == whole_values and values.get(empty) is None
        assert [type(i["co2_reduction_t"]) for i in items[record_id]] == [type(i["co2_reduction_t"]) for i in whole_items]
    assert len(computed_items(orgs_store, "options", KEYS, [v2])[v2]) == 2


def test_the_counting_items_and_their_values_are_those_of_the_whole_record(orgs_store: Store) -> None:
    """Read only for the items that count, each item keeps its place among all the record's
    items, and its values are those the whole record's list holds at that place: also where an
    item has no computed value left (the later values close up) or the list has a gap."""
    options = [OPTION | {"code": c, "name": f"措施{c}", "status": s}
               for c, s in zip("ABCDE", ("implemented", "proposed", "implemented", "implemented", "rejected"),
                               strict=True)]
    whole = _audit(orgs_store, ENTERPRISE["org_id"], options, 2, 2025)
    closed = _audit(orgs_store, ENTERPRISE["org_id"], options, 2, 2024)
    gap = _audit(orgs_store, COUNTY["org_id"], options, 2, 2025)
    none_left = _audit(orgs_store, COUNTY["org_id"], options, 2, 2024)
    db = orgs_store.db.conn
    db.execute("DELETE FROM record_computed WHERE record_id = ? AND key LIKE 'options[1].%'", [closed])
    db.execute("DELETE FROM record_computed WHERE record_id = ? AND key LIKE 'options[0].%'", [gap])
    db.execute("DELETE FROM record_computed WHERE record_id = ? AND key LIKE 'options[%'", [none_left])
    db.execute("UPDATE record_computed SET value_num = 7 WHERE record_id = ? AND key = 'options[3].equivalents_cut'",
               [whole])
    ids = [whole, closed, gap, none_left]
    form = get_form("cp_audit", 2)
    every = group_items(orgs_store, form, "options", COLUMNS, ids)
    lists = computed_items(orgs_store, "options", KEYS, ids)
    counting = counting_items(orgs_store, form, "options", COLUMNS, ids, ("status", "implemented"))
    places = {r: [place for place, _ in counting.get(r, [])] for r in ids}
    values = item_values(orgs_store, "options", KEYS, places)
    for record_id in ids:
        expected = [(i, item) for i, item in enumerate(every[record_id]) if item["status"] == "implemented"]
        assert counting[record_id] == expected
        per_item = lists.get(record_id, [])
        for place, _ in expected:
            assert values.get((record_id, place), {}) == (per_item[place] if place < len(per_item) else {})
    assert values[whole, 3]["equivalents_cut"] == 7
    assert counting_items(orgs_store, get_form("cp_audit", 2), "options", ("name",), ids, ("status", "x")) == {}
    assert [p for p, _ in counting_items(orgs_store, form, "options", COLUMNS, [whole])[whole]] == [0, 1, 2, 3, 4]
