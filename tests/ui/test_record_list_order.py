"""The record list's display order is kept between keystrokes (``RecordFilterProxy._typed``):
after any sequence of typing, deleting, clearing, other filters, sorting and source changes,
the rows shown and their order must be exactly what a plain filter and a stable sort of
every row give, whichever way a part narrows the rows: one by one, or through masks of the
rows found by groups (``record_search``), those matching or all but those not matching."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from PySide6.QtCore import Qt

from lowcarbon_desk.storage.record_index import FIELD_INDEX, INDEX_FIELDS
from lowcarbon_desk.ui.models.record_list import COLUMN_OF, RecordFilterProxy, RecordListModel
from lowcarbon_desk.ui.models.record_search import SearchIndex
from lowcarbon_desk.ui.models.roles import SORT_ROLE

NAMES = ("博源实业有限公司", "博源热电", "嵩川水泥厂", "源丰钢铁集团", "水泥建材公司", "Bo Yuan Paper", None)
STATES = ("draft", "submitted", "accepted", "returned")
FORMS = ("energy_report", "energy_budget", "cp_audit", "pilot_application")


def _rows(count: int, seed: int) -> list[tuple]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        values = {"record_id": f"r{i:05d}{rng.getrandbits(24):06x}", "form": rng.choice(FORMS),
                  "org_id": f"9135{rng.randrange(100):03d}", "org_name": rng.choice(NAMES),
                  "org_kind": "enterprise", "admin_code": "410199",
                  "period": rng.choice(("2025", "2025-01", "2025-02", "2024-12", None)),
                  "state": rng.choice(STATES), "revision": rng.randrange(1, 3), "lineage_id": f"l{i}",
                  "updated_at": "2026-01-01T00:00:00Z", "total_tce": rng.choice((None, 1.5, 20.0, 300.0)),
                  "total_co2_t": None, "budget_status": None, "is_latest": rng.random() < 0.9}
        rows.append(tuple(values[name] for name in INDEX_FIELDS))
    return rows


def _expected(model: RecordListModel, proxy: RecordFilterProxy) -> list[int]:
    """Every row checked one by one, then a stable sort (empty values last)."""
    parts = proxy.text.strip().lower().split()
    shown = [i for i, row in enumerate(model.rows)
             if row[FIELD_INDEX["is_latest"]]
             and (proxy.state is None or row[FIELD_INDEX["state"]] == proxy.state)
             and all(part in model.keys[i] or part in model.facet_texts[model.facets[i]] or part in model.ids[i]
                     for part in parts)]
    if proxy._sort is None:
        return shown
    column, order = proxy._sort
    values = model.column_values(column, SORT_ROLE)
    present = sorted((i for i in shown if values[i] is not None), key=values.__getitem__,
                     reverse=order == Qt.SortOrder.DescendingOrder)
    return present + [i for i in shown if values[i] is None]


def _shown(proxy: RecordFilterProxy) -> list[int]:
    return [proxy.mapToSource(proxy.index(row, 0)).row() for row in range(proxy.rowCount())]


TYPED = ("博", "博源", "博源实", "博源", "", "源", "源 2025", "源 2025-0", "源", "9135", "91350", "9",
         "e", "r0", "r00", "水泥 已提交", "水泥", "", "pa", "paper")


@pytest.fixture
def ways(monkeypatch, request) -> Counter:
    """Force the way parts narrow the rows (``request.param``: "auto", "masks", "one by one")
    and count the ways taken: "one by one", "found" (masks of matching rows), "left out"
    (masks of all but the rows not matching)."""
    taken: Counter = Counter()
    by_masks = RecordFilterProxy._by_masks
    matching, hits, misses = RecordFilterProxy._matching, SearchIndex.hits, SearchIndex.misses

    def choose(proxy, plan, shown, has_mask):
        return {"auto": by_masks(proxy, plan, shown, has_mask), "masks": True,
                "one by one": False}[request.param]

    def counted(name, method):
        def call(*args):
            taken[name] += 1
            return method(*args)
        return call

    monkeypatch.setattr(RecordFilterProxy, "_by_masks", choose)
    monkeypatch.setattr(RecordFilterProxy, "_matching", counted("one by one", matching))
    monkeypatch.setattr(SearchIndex, "hits", counted("found", hits))
    monkeypatch.setattr(SearchIndex, "misses", counted("left out", misses))
    return taken


@pytest.mark.parametrize(("seed", "ways"), [(1, "auto"), (2, "auto"), (1, "masks"), (2, "masks"),
                                           (1, "one by one")], indirect=["ways"])
def test_keystrokes_show_the_rows_and_order_of_a_plain_filter_and_sort(qapp, seed, ways):
    model = RecordListModel("zh")
    model.set_rows(_rows(3000, seed))
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    sorts = [(-1, Qt.SortOrder.AscendingOrder), (COLUMN_OF["org_name"], Qt.SortOrder.AscendingOrder),
             (COLUMN_OF["period"], Qt.SortOrder.DescendingOrder),
             (COLUMN_OF["total_tce"], Qt.SortOrder.AscendingOrder)]
    checked = 0
    for column, order in sorts:
        proxy.sort(column, order)
        assert _shown(proxy) == _expected(model, proxy)
        for text in TYPED:
            proxy.set_filters(text=text)
            assert _shown(proxy) == _expected(model, proxy), (column, order, text)
            checked += 1
        proxy.set_filters(state="submitted")  # another filter while text is typed
        assert _shown(proxy) == _expected(model, proxy)
        for text in TYPED[:8]:
            proxy.set_filters(text=text)
            assert _shown(proxy) == _expected(model, proxy), (column, order, "submitted", text)
        proxy.set_filters(state=None)
        assert _shown(proxy) == _expected(model, proxy)
    # the rows change under a sorted, filtered list: nothing kept from before may be used
    proxy.set_filters(text="博源")
    model.set_rows(_rows(2500, seed + 10))
    assert _shown(proxy) == _expected(model, proxy)
    for text in ("博源实", "博", ""):
        proxy.set_filters(text=text)
        assert _shown(proxy) == _expected(model, proxy)
    assert checked == len(sorts) * len(TYPED)
    # every way was taken where allowed: the masks of found rows and of rows left out
    if ways.keys() != {"one by one"}:
        assert ways["found"] > 10 and ways["left out"] > 10, ways
    if ways.keys() != {"found", "left out"}:
        assert ways["one by one"] > 10, ways


@pytest.mark.parametrize("ways", ["masks"], indirect=True)
def test_record_ids_and_added_or_changed_rows_found_through_masks(qapp, ways):
    model = RecordListModel("zh")
    rows = _rows(3000, 3)
    model.set_rows(rows)
    assert model._index is None  # made when the event loop is next idle, not by the load
    qapp.processEvents()
    assert model._index is not None
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COLUMN_OF["org_name"], Qt.SortOrder.DescendingOrder)
    record_id = model.ids[1234]
    # a whole id, a piece of one (few rows: a search of the joined ids), one most ids have
    for text in (record_id, record_id[4:9], "r0", "", record_id[4:9]):
        proxy.set_filters(text=text)
        assert _shown(proxy) == _expected(model, proxy), text
    assert 1234 in _shown(proxy)
    # a new row (indexed on its own) and a changed one (the index is made again)
    new = list(rows[7])
    new[FIELD_INDEX["record_id"]], new[FIELD_INDEX["lineage_id"]] = "rnew0000001", "l-new"
    new[FIELD_INDEX["org_name"]], new[FIELD_INDEX["period"]] = "新来热电", "2026-07"
    changed = list(rows[20])
    changed[FIELD_INDEX["org_name"]], changed[FIELD_INDEX["state"]] = "改名热电", "returned"
    for added in ([tuple(new)], [tuple(changed)]):
        model.upsert_rows(added)
        proxy.refilter()
        for text in ("热电", "新来", "改名", "2026", "rnew", "退回", "e", ""):
            proxy.set_filters(text=text)
            assert _shown(proxy) == _expected(model, proxy), text
    assert {len(model.rows) - 1, 20} <= set(_shown(proxy))


@pytest.mark.parametrize("ways", ["masks"], indirect=True)
def test_more_than_256_periods_are_found_through_their_lists(qapp, ways):
    rows = []
    for i, row in enumerate(_rows(1200, 4)):
        values = list(row)
        values[FIELD_INDEX["period"]] = f"{1700 + i % 300}-{i % 12 + 1:02d}"
        rows.append(tuple(values))
    model = RecordListModel("zh")
    model.set_rows(rows)
    assert len(model.search_index.periods.texts) > 256 and model.search_index.periods.row_bytes() is None
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COLUMN_OF["period"], Qt.SortOrder.AscendingOrder)
    for text in ("18", "180", "1800-0", "-1", "", "9", "已提交", "博源 19"):
        proxy.set_filters(text=text)
        assert _shown(proxy) == _expected(model, proxy), text
