"""The counting rule and the peer positions against plain-Python references, on a real file
full of the cases that decide between records: several lineages for one organisation and
period, drafts after submissions, returned reports, revisions (one moved to another period),
equal timestamps, monthly-only organisations, organisations of another county, industry codes
that SQL's ``trim`` and Python's ``strip`` read differently. Also: no statement behind these
figures looks rows up one by one (a correlated subquery), and the peer statistics are one sort
per group, not one per enterprise.

The rows are written with plain SQL (as an old release or a package import may have left
them): the functions read only ``records``, ``organisations`` and ``record_computed``.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.domain.history_peers import PeerGroup
from lowcarbon_desk.domain.plausibility import industry_class, robust_position
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.counting import counting_forms, counting_records, year_energy
from lowcarbon_desk.storage.history import (
    IntensityPosition,
    intensity_positions,
    newest_reports,
    peer_positions,
    peers,
    positions_of_records,
)
from lowcarbon_desk.storage.migrations import rebuild_figures
from lowcarbon_desk.storage.ordering import newest_first

from .conftest import OPERATOR

HOME, OTHER = "430124", "430181"
FORMS = ("energy_report", "energy_budget")
PERIODS = ("2024", "2025", "2025-01", "2025-02", "2025-12", "2026")
# few distinct times, so that submissions and lineage starts often tie
TIMES = tuple(f"2026-0{m}-01T08:00:00Z" for m in range(1, 5))
INTENSITIES = (0.1, 0.25, 0.25, 0.4, 0.5, 0.8, 1.3, 2.0, 9.5)
CODES = ("C3011", "C3021", "C3011", "C2611", "c3011 ", "\tC3011", "C3", "", "D4411")


def _orgs() -> list[dict]:
    contact = {"contact_name": "王主任", "contact_phone": "0731-87654321"}
    orgs = [{"org_id": code, "kind": "county", "name": f"县{code}", "admin_code": code, **contact}
            for code in (HOME, OTHER)]
    for i in range(60):
        county = HOME if i < 32 else OTHER
        orgs.append({"org_id": make_credit_code(county, f"M{i:08d}"), "kind": "enterprise",
                     "name": f"示范{i:03d}有限公司", "admin_code": county, "industry_code": "C3011", **contact})
    return orgs


def _records(rng: random.Random, org_ids: list[str], monthly_only: set[str]) -> list[tuple]:
    rows: list[tuple] = []
    serial = 0
    for org in org_ids:
        for form in FORMS:
            periods = [p for p in PERIODS if len(p) == 7] if org in monthly_only else PERIODS
            chosen = set(rng.sample(periods, 3)) | ({"2024", "2025"} if org not in monthly_only else set())
            for period in sorted(chosen):
                for _ in range(rng.choice((1, 1, 2, 3))):  # lineages of this organisation and period
                    lineage = f"L{serial:05d}"
                    for revision in range(1, rng.choice((1, 2, 3)) + 1):
                        serial += 1
                        state = rng.choice(("draft", "submitted", "accepted", "returned"))
                        # a revision may move to another period: its lineage began elsewhere
                        moved = revision > 1 and rng.random() < 0.15
                        rows.append((f"R{rng.getrandbits(40):010x}", lineage, revision, form, org,
                                     rng.choice(PERIODS) if moved else period, state,
                                     rng.choice(TIMES), rng.choice(TIMES),
                                     None if state == "draft" else rng.choice(TIMES)))
    return rows


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path: Path = tmp_path_factory.mktemp("counting") / "office.db"
    rng = random.Random(22)
    store = Store.open(path)
    orgs = _orgs()
    store.add_orgs(orgs, OPERATOR)
    db = store.db.conn
    enterprises = [o["org_id"] for o in orgs if o["kind"] == "enterprise"]
    for i, org in enumerate(enterprises):  # codes the form would refuse but a database may hold
        db.execute("UPDATE organisations SET industry_code = ? WHERE org_id = ?", [CODES[i % len(CODES)], org])
    rows = _records(rng, enterprises, set(enterprises[::7]))
    with store.transaction():
        db.executemany("INSERT INTO records (record_id, lineage_id, revision, form, form_version, org_id,"
                       " period, state, created_at, updated_at, submitted_at, origin)"
                       " VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 'local')", rows)
        db.executemany("INSERT INTO record_computed (record_id, key, value_num, value_type)"
                       " VALUES (?, 'energy_intensity', ?, 'number')",
                       [(r[0], rng.choice(INTENSITIES)) for r in rows if rng.random() < 0.9])
        db.executemany("INSERT INTO record_computed (record_id, key, value_num, value_type)"
                       " VALUES (?, ?, ?, 'number')",
                       [(r[0], key, rng.choice((None, 12.5, 300.0, 4100.25)))
                        for r in rows for key in ("total_tce", "total_co2_t") if rng.random() < 0.9])
        # the roll-up's copy of the figures, made from these rows as migrating such a file makes it
        rebuild_figures(store.db)
    yield store
    store.close()


def _all_records(store: Store) -> list[dict]:
    return list(store.db.query("SELECT record_id, lineage_id, revision, form, org_id, period, state, created_at,"
                          " updated_at, submitted_at FROM records"))


def _began(records: list[dict]) -> dict[str, str | None]:
    """When each lineage began: the earliest creation of any of its revisions."""
    times: dict[str, list[str]] = {}
    for r in records:
        times.setdefault(r["lineage_id"], []).extend([r["created_at"]] if r["created_at"] else [])
    return {lineage: min(t) if t else None for lineage, t in times.items()}


def _newest(group: list[dict], began: dict[str, str | None]) -> dict:
    """The counting rule of ``storage/counting.py`` as its docstring states it: the received
    record submitted last, else the draft whose lineage began last; equal times go to the
    lineage that began later, then the higher revision, then the larger record id."""
    received = [r for r in group if r["state"] != "draft"]
    if received:
        return max(received, key=lambda r: (r["submitted_at"], began[r["lineage_id"]] or "", r["revision"],
                                            r["record_id"]))
    return max(group, key=lambda r: (began[r["lineage_id"]] or "", r["revision"], r["record_id"]))


def _reference_counting(store: Store, form: str, county: str | None, keep) -> list[tuple]:
    records = _all_records(store)
    began = _began(records)
    orgs = {o["org_id"]: o for o in store.list_orgs()}
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in records:
        if r["form"] == form and (county is None or orgs[r["org_id"]]["admin_code"] == county) and keep(r["period"]):
            groups.setdefault((r["org_id"], r["period"]), []).append(r)
    return [(c["record_id"], c["org_id"], c["period"], c["state"], c["updated_at"])
            for c in (_newest(groups[k], began) for k in sorted(groups))]


CASES = {
    "year": ({"year": 2025}, lambda p: p == "2025" or (len(p) == 7 and p.startswith("2025-"))),
    "period": ({"period": "2025"}, lambda p: p == "2025"),
    "up to a year": ({"up_to_year": 2025}, lambda p: int(p[:4]) <= 2025),
    "every period": ({}, lambda p: True),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("admin_code", [HOME, OTHER, None])
@pytest.mark.parametrize("form", FORMS)
def test_counting_records_follow_the_rule(county: Store, case: str, admin_code: str | None, form: str) -> None:
    filters, keep = CASES[case]
    got = [(c.record_id, c.org_id, c.period, c.state, c.updated_at)
           for c in counting_records(county, form, admin_code=admin_code, **filters)]
    assert got == _reference_counting(county, form, admin_code, keep)


@pytest.mark.parametrize("admin_code", [HOME, OTHER, None])
def test_year_energy_is_the_annual_report_else_the_months(county: Store, admin_code: str | None) -> None:
    counted = counting_records(county, "energy_report", admin_code=admin_code, year=2025)
    annual = {c.org_id: [c] for c in counted if len(c.period) == 4}
    chosen = {c.org_id: [m for m in counted if m.org_id == c.org_id] for c in counted if c.org_id not in annual}
    chosen.update(annual)
    figures = dict(((r, k), v) for r, k, v in county.db.execute("SELECT record_id, key, value_num FROM record_computed"))
    energy = year_energy(county, 2025, admin_code=admin_code)
    assert sorted(energy) == sorted(chosen)
    assert any(e.source == "monthly" for e in energy.values()) and any(e.source == "annual" for e in energy.values())
    for org, records in chosen.items():
        e, ids = energy[org], [c.record_id for c in records]
        assert (e.source, e.months, e.records) == (("annual", 12) if org in annual else ("monthly", len(ids))) + (records,)
        assert e.drafts == [c for c in records if c.state == "draft"]
        for key, total in (("total_tce", e.total_tce), ("total_co2_t", e.total_co2_t)):
            values = [figures.get((r, key)) for r in ids]
            assert total == (values[0] if org in annual else sum(v or 0 for v in values))


def test_the_database_holds_the_cases_that_decide(county: Store) -> None:
    db = county.db
    assert db.execute("SELECT count(*) FROM (SELECT 1 FROM records GROUP BY form, org_id, period"
                      " HAVING count(DISTINCT lineage_id) > 1)").fetchone()[0] > 20
    assert db.execute("SELECT count(*) FROM (SELECT 1 FROM records WHERE state != 'draft'"
                      " GROUP BY form, org_id, period, submitted_at HAVING count(*) > 1)").fetchone()[0] > 5
    assert db.execute("SELECT count(*) FROM (SELECT 1 FROM records GROUP BY lineage_id"
                      " HAVING count(DISTINCT period) > 1)").fetchone()[0] > 3
    assert db.execute("SELECT count(*) FROM records WHERE state = 'returned'").fetchone()[0] > 20


def _odd_values(store: Store) -> None:
    """Values the program does not write but SQL orders all the same: drafts with a submission
    time, received records without one, records without a period or a creation time."""
    db = store.db.conn
    with store.transaction():
        db.execute("UPDATE records SET submitted_at = '2026-02-01T08:00:00Z' WHERE state = 'draft'"
                   " AND record_id IN (SELECT record_id FROM records WHERE state = 'draft' ORDER BY record_id LIMIT 40)")
        db.execute("UPDATE records SET submitted_at = NULL WHERE state = 'accepted'"
                   " AND record_id IN (SELECT record_id FROM records WHERE state = 'accepted' ORDER BY record_id LIMIT 40)")
        db.execute("UPDATE records SET period = NULL WHERE form = 'energy_budget' AND revision = 2")
        db.execute("UPDATE records SET created_at = NULL WHERE revision = 1 AND record_id LIKE 'R1%'")


# the choice as SQL made it before: a window over each organisation and period in
# ``newest_first``'s order (a look-up of the lineage's start for every row)
_WINDOW = f"""
WITH ranked AS (
  SELECT r.record_id, r.org_id, r.period, r.state,
         ROW_NUMBER() OVER (PARTITION BY r.org_id, r.period ORDER BY {newest_first("r")}) AS rn
  FROM records r WHERE r.form = ?
)
SELECT record_id, org_id, period, state FROM ranked WHERE rn = 1 ORDER BY org_id, period
"""


def test_odd_values_are_ordered_as_sql_orders_them(tmp_path: Path, county: Store) -> None:
    copy = tmp_path / "odd.db"
    county.db.execute(f"VACUUM INTO '{copy}'")
    with Store.open(copy) as store:
        _odd_values(store)
        for form in FORMS:
            expected = [tuple(row) for row in store.db.execute(_WINDOW, [form])]
            got = [(c.record_id, c.org_id, c.period, c.state) for c in counting_records(store, form)]
            assert got == expected
            assert any(c.period is None for c in counting_records(store, form)) == (form == "energy_budget")


def _reference_positions(store: Store, year: str, county: str | None) -> list[IntensityPosition]:
    """``energy_report.intensity_outlier``'s figure by its definition: per enterprise its newest
    non-draft annual report; its intensity among the other enterprises of its class and county."""
    ref = store.reference()
    length = int(ref.threshold("intensity_peer_code_length"))
    rows = _reference_reports(store, year, county)
    rows = [r for r in rows if r["intensity"] is not None and industry_class(r["industry_code"], length)]
    out = []
    for row in rows:
        own = industry_class(row["industry_code"], length)
        others = [r["intensity"] for r in rows if r["org_id"] != row["org_id"] and r["admin_code"] == row["admin_code"]
                  and industry_class(r["industry_code"], length) == own]
        p = robust_position(row["intensity"], others, int(ref.threshold("intensity_outlier_min_peers")))
        if p is not None:
            out.append(IntensityPosition(row["org_id"], row["record_id"], own, row["intensity"], p.median,
                                         p.robust_sd, p.distance_sd, p.peers,
                                         abs(p.distance_sd) > ref.threshold("intensity_outlier_sd")))
    return sorted(out, key=lambda p: -abs(p.distance_sd))


def _reference_reports(store: Store, year: str, county: str | None) -> list[dict]:
    records = _all_records(store)
    began = _began(records)
    orgs = {o["org_id"]: o for o in store.list_orgs()}
    intensity = dict(store.db.execute("SELECT record_id, value_num FROM record_computed WHERE key = 'energy_intensity'"))
    per_org: dict[str, list[dict]] = {}
    for r in records:
        if (r["form"] == "energy_report" and r["period"] == year and r["state"] != "draft"
                and (county is None or orgs[r["org_id"]]["admin_code"] == county)):
            per_org.setdefault(r["org_id"], []).append(r)
    return [{"record_id": c["record_id"], "org_id": org, "industry_code": orgs[org]["industry_code"],
             "admin_code": orgs[org]["admin_code"], "intensity": intensity.get(c["record_id"])}
            for org, c in ((org, _newest(rows, began)) for org, rows in sorted(per_org.items()))]


@pytest.mark.parametrize("admin_code", [HOME, OTHER, None])
@pytest.mark.parametrize("year", ["2024", "2025"])
def test_intensity_positions_follow_their_definition(county: Store, admin_code: str | None, year: str) -> None:
    expected = _reference_positions(county, year, admin_code)
    assert intensity_positions(county, year, county.reference(), admin_code) == expected
    assert len(expected) > 5
    reports = newest_reports(county, year, admin_code)
    assert [{k: r[k] for k in ("record_id", "org_id", "industry_code", "admin_code", "intensity")}
            for r in reports] == _reference_reports(county, year, admin_code)


def test_listed_records_and_peers_follow_their_definition(county: Store) -> None:
    ref = county.reference()
    length = int(ref.threshold("intensity_peer_code_length"))
    min_peers = int(ref.threshold("intensity_outlier_min_peers"))
    orgs = {o["org_id"]: o for o in county.list_orgs()}
    intensity = dict(county.db.execute("SELECT record_id, value_num FROM record_computed WHERE key = 'energy_intensity'"))
    listed = _all_records(county)  # every record: drafts, old revisions, months, budgets
    reports = {(year, code): _reference_reports(county, year, code) for year in PERIODS for code in (HOME, OTHER)}
    expected = {}
    for r in listed:
        org = orgs[r["org_id"]]
        own = industry_class(org["industry_code"], length)
        value = intensity.get(r["record_id"])
        if r["form"] != "energy_report" or len(r["period"] or "") != 4 or not own or value is None:
            continue
        # a peer's class as the look-up of one class reads it in SQL (trim takes spaces only)
        members = [m for m in reports[(r["period"], org["admin_code"])]
                   if m["intensity"] is not None and industry_class(m["industry_code"], length) == own
                   and (m["industry_code"] or "").strip(" ")[:length].upper() == own]
        p = robust_position(value, [m["intensity"] for m in members if m["org_id"] != r["org_id"]], min_peers)
        if p is not None:
            expected[r["record_id"]] = IntensityPosition(
                r["org_id"], r["record_id"], own, value, p.median, p.robust_sd, p.distance_sd, p.peers,
                abs(p.distance_sd) > ref.threshold("intensity_outlier_sd"))
        peer = peers(county, org, r["period"], ref)
        assert peer is not None and peer.industry_class == own
        assert peer.intensities == tuple(m["intensity"] for m in members if m["org_id"] != r["org_id"])
    assert len(expected) > 20
    assert positions_of_records(county, [r["record_id"] for r in listed] + ["no-such-record"], ref) == expected


def _plans(store: Store, statements: list[str]) -> list[str]:
    lines = []
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            lines += [f"{row[3]}  <- {sql.split()[1][:40]}" for row in store.db.execute("EXPLAIN QUERY PLAN " + sql)]
    return lines


def test_no_row_is_looked_up_on_its_own(county: Store) -> None:
    ref = county.reference()
    ids = [r for (r,) in county.db.execute("SELECT record_id FROM records WHERE form = 'energy_report'")]
    statements: list[str] = []
    county.db.conn.set_trace_callback(statements.append)
    try:
        counting_records(county, "energy_report", admin_code=HOME, year=2025)
        year_energy(county, 2025, admin_code=HOME)
        intensity_positions(county, 2025, ref, HOME)
        positions_of_records(county, ids, ref)
    finally:
        county.db.conn.set_trace_callback(None)
    plans = _plans(county, statements)
    assert plans
    assert [line for line in plans if "CORRELATED" in line] == []
    assert [line for line in plans if line.startswith(("SCAN r ", "SCAN records", "SCAN f "))] == []
    # a seek on the form alone reads every record of the form
    assert [line for line in plans if "(form=?)" in line] == []


def test_the_roll_up_reads_its_candidates_from_the_counting_index(county: Store) -> None:
    """The roll-up's four forms (``counting_forms``): each organisation's candidates come from
    the index that holds every column read, never from the records' rows (one statement OR-ing
    the forms took the (org_id, origin) index and read every record row of each organisation)."""
    statements: list[str] = []
    county.db.conn.set_trace_callback(statements.append)
    try:
        counted = counting_forms(county, HOME, {"energy_report": {"period": "2025"}, "energy_budget": {"period": "2025"},
                                                "cp_audit": {"up_to_year": 2025}, "pilot_application": {}})
    finally:
        county.db.conn.set_trace_callback(None)
    assert counted["energy_report"] == counting_records(county, "energy_report", admin_code=HOME, period="2025")
    reads = [line for line in _plans(county, statements) if line.startswith("SEARCH r ")]
    assert reads and all(" USING COVERING INDEX idx_records_counting (form=? AND org_id=?" in line
                         for line in reads), reads
    assert len(reads) == 4  # one statement per form


class _Counted(float):
    """A float that counts how often it is compared (the work of sorting and searching)."""

    compared = 0

    def __lt__(self, other: object) -> bool:
        _Counted.compared += 1
        return float.__lt__(self, other)  # type: ignore[operator]


def test_peer_statistics_sort_each_group_once(county: Store) -> None:
    rng = random.Random(5)
    rows = [{"org_id": f"org{i:04d}", "record_id": f"r{i}", "industry_code": "C3011", "admin_code": HOME,
             "intensity": _Counted(rng.uniform(0.1, 3.0))} for i in range(400)]
    _Counted.compared = 0
    positions = peer_positions(rows, county.reference(), lambda row: row["admin_code"])
    assert len(positions) == 400
    # one sort (n log n) and a few bisections per enterprise; sorting every enterprise's
    # others took 400 x 399 x log 399, over a million comparisons
    assert _Counted.compared < 40 * 400


def test_peer_group_positions_are_robust_positions() -> None:
    rng = random.Random(3)
    for _ in range(1500):
        pool = [rng.choice((1.0, 2.0, 2.5)) for _ in range(3)] + [rng.uniform(0, 10) for _ in range(3)] + [4]
        members = [(rng.randint(0, 6), rng.choice(pool)) for _ in range(rng.randint(0, 14))]
        group = PeerGroup(members)
        for org in range(8):
            value, min_peers = rng.choice([*pool, rng.uniform(-5, 20)]), rng.randint(1, 5)
            others = [v for o, v in members if o != org]
            assert group.position(org, value, min_peers) == robust_position(value, others, min_peers)
            assert group.others(org) == sorted(others)
    # a value that is not a finite number leaves the group to robust_position itself
    assert PeerGroup([(1, float("inf")), (2, 1.0), (3, 2.0)]).position(9, 1.5, 2) == \
        robust_position(1.5, [float("inf"), 1.0, 2.0], 2)
