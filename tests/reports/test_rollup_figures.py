"""The roll-up reads its figures from ``record_figures`` (migration step 5): one row per record,
written with its values by ``record_io`` and followed by triggers when a value is changed or
removed otherwise (plain SQL). Whatever changes the records (a revision with other figures, a
revision left as a draft, a returned report, deleted drafts, values rewritten with plain SQL, a
record of another county), the roll-up shows the figures of the records that count as reading
each record whole gives them, and the table holds exactly what its sources hold. A database of
the previous schema migrates to the same roll-up."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from fixtures.versions import normalised_schema
from lowcarbon_desk.demo import build_demo
from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.counting import counting_records
from lowcarbon_desk.storage.migrations import FIGURE_COLUMNS, FIGURE_KEYS, LATEST_VERSION

COUNTY, OTHER, YEAR, OPERATOR = "410199", "410122", 2025, "测试员"


@pytest.fixture
def county(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "county.db")
    build_demo(store, county=COUNTY, enterprises=24, seed=7, year=YEAR)
    yield store
    store.close()


def _figures_as_sources_hold_them(store: Store) -> dict[str, dict[str, object]]:
    """Per record each figure as read from where it lives (computed values, typed tables)."""
    out: dict[str, dict[str, object]] = {}
    for record_id, key, num, text in store.db.execute(
            f"SELECT record_id, key, value_num, value_text FROM record_computed WHERE key IN "
            f"({', '.join('?' * len(FIGURE_KEYS))})", FIGURE_KEYS):
        out.setdefault(record_id, {})[key] = text if text is not None else num
    for table, column in FIGURE_COLUMNS:
        for record_id, value in store.db.execute(f"SELECT record_id, [{column}] FROM [{table}]"):
            out.setdefault(record_id, {})[column] = value
    return out


def assert_figures_follow_their_sources(store: Store) -> None:
    names = (*FIGURE_KEYS, *(c for _, c in FIGURE_COLUMNS))
    stored = {row[0]: dict(zip(names, row[1:], strict=True))
              for row in store.db.execute(f"SELECT record_id, {', '.join(f'[{n}]' for n in names)} FROM record_figures")}
    sources = _figures_as_sources_hold_them(store)
    assert set(stored) <= set(sources) | {r for r, v in stored.items() if not any(x is not None for x in v.values())}
    for record_id, values in sources.items():
        assert {n: v for n, v in stored.get(record_id, {}).items() if v is not None} == \
            {n: v for n, v in values.items() if v is not None}, record_id
    # no row of a deleted record is left
    assert store.db.execute("SELECT count(*) FROM record_figures f WHERE NOT EXISTS "
                            "(SELECT 1 FROM records r WHERE r.record_id = f.record_id)").fetchone()[0] == 0


def _number(value: object) -> float | None:
    return value if isinstance(value, (int, float)) else None


def assert_rollup_reads_whole_records(store: Store) -> None:
    """Each row's energy and budget against the counting records read whole (``get_record``)."""
    rows = {r.org_id: r for r in county_rollup(store, YEAR, COUNTY).rows}
    counted = counting_records(store, "energy_report", admin_code=COUNTY, year=YEAR)
    annual = {c.org_id: c for c in counted if c.period == str(YEAR)}
    months: dict[str, list[str]] = {}
    for c in counted:
        if c.org_id not in annual:
            months.setdefault(c.org_id, []).append(c.record_id)
    for org, row in rows.items():
        if org in annual:
            doc = store.get_record(annual[org].record_id)
            want = (_number(doc["computed"].get("total_tce")), _number(doc["computed"].get("total_co2_t")),
                    doc["data"].get("value_added_10k_yuan"))
        elif org in months:
            docs = [store.get_record(r) for r in months[org]]
            want = tuple(sum(v or 0 for v in values) for values in zip(*(
                (_number(d["computed"].get("total_tce")), _number(d["computed"].get("total_co2_t")),
                 d["data"].get("value_added_10k_yuan")) for d in docs), strict=True))
        else:
            want = (None, None, None)
        assert (row.total_tce, row.total_co2_t, row.value_added_10k_yuan) == want, org
    budgets = {c.org_id: c for c in counting_records(store, "energy_budget", admin_code=COUNTY, period=str(YEAR))}
    for org, row in rows.items():
        got = (row.budget_tce, row.effective_budget_tce, row.actual_tce, row.utilization_pct, row.budget_status,
               row.projected_status)
        if org not in budgets:
            assert got == (None,) * 6, org
            continue
        doc = store.get_record(budgets[org].record_id)
        computed = doc["computed"]
        assert got == (doc["data"].get("budget_tce"), *(computed.get(k) for k in (
            "effective_budget_tce", "ytd_actual_tce", "utilization_pct", "status", "projected_status"))), org
    assert OTHER not in {r.org_id[2:8] for r in rows.values() if r.kind == "enterprise"}


def _record(store: Store, form: str, org: str, states: tuple[str, ...], period: str = str(YEAR)) -> str:
    return store.db.execute(
        "SELECT record_id FROM records WHERE form = ? AND org_id = ? AND period = ? AND state IN "
        f"({', '.join('?' * len(states))}) ORDER BY record_id LIMIT 1", [form, org, period, *states]).fetchone()[0]


def test_the_figures_follow_every_change_of_the_records(county: Store) -> None:
    assert_figures_follow_their_sources(county)
    assert_rollup_reads_whole_records(county)
    db = county.db.conn
    reported = [org for (org,) in db.execute(
        "SELECT org_id FROM records WHERE form = 'energy_report' AND period = ? AND state = 'accepted' "
        "ORDER BY org_id", [str(YEAR)])]
    # a revision with other figures, submitted: its figures count, not those of the first revision
    first = _record(county, "energy_report", reported[0], ("accepted",))
    revision = county.revise(first, OPERATOR)
    data = county.get_record(revision)["data"]
    data["lines"] = data["lines"][:1]
    data["value_added_10k_yuan"] = 4321.5
    county.update_record(revision, data, OPERATOR)
    county.submit(revision, OPERATOR)
    # a budget revised with another budget, left as a draft (the submitted one still counts),
    # and another one submitted
    budgets = [r for (r,) in db.execute("SELECT record_id FROM records WHERE form = 'energy_budget' AND state = "
                                        "'submitted' ORDER BY record_id LIMIT 2")]
    for budget, submit in zip(budgets, (False, True), strict=True):
        draft = county.revise(budget, OPERATOR)
        data = county.get_record(draft)["data"]
        data["budget_tce"] = (data.get("budget_tce") or 0) + 1234
        county.update_record(draft, data, OPERATOR)
        if submit:
            county.submit(draft, OPERATOR)
    # drafts deleted leave no figures behind
    drafts = [r for (r,) in db.execute("SELECT record_id FROM records WHERE state = 'draft' AND revision = 1 AND form IN "
                                       "('energy_report', 'energy_budget') ORDER BY record_id")]
    for draft in drafts[:2]:
        county.delete_draft(draft, OPERATOR)
    # values rewritten with plain SQL, as an older release or an import may leave them
    with county.transaction():
        db.execute("UPDATE record_computed SET value_num = value_num * 3 WHERE key = 'total_tce' AND record_id = ?",
                   [_record(county, "energy_report", reported[2], ("accepted", "submitted"))])
        db.execute("UPDATE record_computed SET value_text = 'n/a', value_num = NULL WHERE key = 'total_co2_t' "
                   "AND record_id = ?", [_record(county, "energy_report", reported[3], ("accepted", "submitted"))])
        db.execute("DELETE FROM record_computed WHERE key = 'status' AND record_id = ?", [budgets[1]])
        db.execute("UPDATE energy_reports SET value_added_10k_yuan = 77 WHERE record_id = ?",
                   [_record(county, "energy_report", reported[4], ("accepted", "submitted"))])
        db.execute("UPDATE record_computed SET key = 'total_tce_old' WHERE key = 'total_tce' AND record_id = ?",
                   [_record(county, "energy_report", reported[5], ("accepted", "submitted"))])
    # a record of another county: never in this county's roll-up
    other = make_credit_code(OTHER, "A00000001")
    county.add_orgs([{"org_id": other, "kind": "enterprise", "name": "邻县企业", "admin_code": OTHER,
                      "industry_code": "C3011", "contact_name": "王主任", "contact_phone": "0371-87654321"}], OPERATOR)
    source = county.get_record(first)
    county.add_record("energy_report", other, source["data"], OPERATOR)
    assert_figures_follow_their_sources(county)
    assert_rollup_reads_whole_records(county)
    rows = {r.org_id: r for r in county_rollup(county, YEAR, COUNTY).rows}
    assert rows[reported[0]].value_added_10k_yuan == 4321.5
    assert rows[reported[3]].total_co2_t is None and rows[reported[5]].total_tce is None


def test_a_returned_report_counts_with_its_figures(county: Store) -> None:
    returned = county.db.execute("SELECT record_id, org_id FROM records WHERE state = 'returned' AND period = ? "
                                 "AND form = 'energy_report'", [str(YEAR)]).fetchone()
    assert returned is not None
    row = next(r for r in county_rollup(county, YEAR, COUNTY).rows if r.org_id == returned[1])
    assert row.total_tce == county.get_record(returned[0])["computed"]["total_tce"]
    assert_rollup_reads_whole_records(county)


def _as_schema_4(path: Path) -> None:
    """What the previous release left: no figures table or its triggers, the indexes of step 1."""
    conn = sqlite3.connect(path)
    try:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
                                    "'record_figures_%'").fetchall():
            conn.execute(f"DROP TRIGGER [{name}]")
        conn.execute("DROP TABLE record_figures")
        conn.execute("DROP INDEX idx_records_counting")
        conn.execute("DROP INDEX idx_records_org_id_origin")
        conn.execute('CREATE INDEX "idx_records_form_org_id_period" ON "records" ("form", "org_id", "period")')
        conn.execute('CREATE INDEX "idx_records_org_id" ON "records" ("org_id")')
        conn.execute("DELETE FROM settings WHERE key = 'migration.5'")
        conn.execute("ALTER TABLE imported_packages DROP COLUMN content_file")  # step 6's
        conn.execute("DELETE FROM settings WHERE key = 'migration.6'")
        conn.execute("PRAGMA user_version = 4")
        conn.commit()
    finally:
        conn.close()


def test_a_database_of_schema_4_migrates_to_the_same_rollup(county: Store, tmp_path: Path) -> None:
    before = county_rollup(county, YEAR, COUNTY)
    county.close()
    old = tmp_path / "schema4.db"
    shutil.copy(tmp_path / "county.db", old)
    _as_schema_4(old)
    with Store.open(old) as store:
        assert store.schema_version == LATEST_VERSION and len(store.backups) == 1
        assert county_rollup(store, YEAR, COUNTY) == before
        assert_figures_follow_their_sources(store)
        assert_rollup_reads_whole_records(store)
    assert normalised_schema(old) == normalised_schema(tmp_path / "county.db")
