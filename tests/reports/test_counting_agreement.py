"""The county overview and the roll-up count the same records (``storage.counting``).

A county with every case the rule must settle: a second annual draft for an enterprise that
already submitted, a draft revision of a submitted report, a returned report with its draft
revision, monthly-only reports with a draft month, a draft-only enterprise, a missing one, and
draft budgets, audits and pilots.
"""

from __future__ import annotations

import random

import pytest

from lowcarbon_desk.domain.key_units import is_key_energy_unit, must_report_ghg
from lowcarbon_desk.reports.rollup_columns import drafts_text
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.counting import counting_records
from lowcarbon_desk.storage.overview import county_overview

from .sample_data import COUNTY, OPERATOR, annual_report, audit, budget, county_org, enterprise, monthly_report, pilot

YEAR = 2025


def _tce(store: Store, record_id: str) -> float:
    return store.get_record(record_id)["computed"]["total_tce"]


@pytest.fixture
def county(store: Store) -> dict:
    """The county's records; returns what counts, built by hand (the expected answer)."""
    rng = random.Random(11)
    orgs = [county_org(), *(enterprise(i) for i in range(1, 8))]
    store.add_orgs(orgs, OPERATOR)
    e = [o["org_id"] for o in orgs[1:]]
    counts: dict[str, list[str]] = {}
    drafts: dict[str, set[str]] = {org: set() for org in e}

    # e0: submitted, then a second annual draft (a new lineage) with much more energy
    first = store.add_record("energy_report", e[0], annual_report(rng, scale=40), OPERATOR, rng=rng)
    store.submit(first, OPERATOR)
    store.add_record("energy_report", e[0], annual_report(rng, scale=90), OPERATOR, rng=rng)
    counts[e[0]] = [first]

    # e1: submitted, then a draft revision with one line only
    sub = store.add_record("energy_report", e[1], annual_report(rng, scale=3), OPERATOR, rng=rng)
    store.submit(sub, OPERATOR)
    revision = store.revise(sub, OPERATOR)
    data = store.get_record(revision)["data"]
    data["lines"] = data["lines"][:1]
    store.update_record(revision, data, OPERATOR)
    counts[e[1]] = [sub]

    # e2: returned, then a draft revision being corrected: the returned report counts
    returned = store.add_record("energy_report", e[2], annual_report(rng, scale=2), OPERATOR, rng=rng)
    store.submit(returned, OPERATOR)
    store.decide(returned, "returned", OPERATOR, "请核对库存")
    store.revise(returned, OPERATOR)
    counts[e[2]] = [returned]

    # e3: monthly only: month 1 submitted, month 2 a draft, month 3 submitted then revised
    months = []
    for month in (1, 2, 3):
        rid = store.add_record("energy_report", e[3], monthly_report(rng, YEAR, month, 30),
                               OPERATOR, rng=rng)
        if month != 2:
            store.submit(rid, OPERATOR)
        else:
            drafts[e[3]].add(rid)
        months.append(rid)
    store.revise(months[2], OPERATOR)
    counts[e[3]] = months

    # e4: a draft annual report only, plus draft budget, audit and pilot
    only = store.add_record("energy_report", e[4], annual_report(rng), OPERATOR, rng=rng)
    counts[e[4]] = [only]
    drafts[e[4]] |= {only,
                     store.add_record("energy_budget", e[4], budget(rng), OPERATOR, rng=rng),
                     store.add_record("cp_audit", e[4], audit(YEAR), OPERATOR, rng=rng)}
    pilot_data = {**pilot(YEAR - 1), "pilot_type": "enterprise", "title": "企业低碳试点"}
    drafts[e[4]].add(store.add_record("pilot_application", e[4], pilot_data, OPERATOR, rng=rng))

    # e5: an audit draft only (a draft the roll-up used to leave out of its count)
    drafts[e[5]].add(store.add_record("cp_audit", e[5], audit(YEAR - 1), OPERATOR, rng=rng))
    # e6: nothing at all -> missing

    # a submitted budget with an older draft of the same year in another lineage
    old = store.add_record("energy_budget", e[1], budget(rng), OPERATOR, rng=rng)
    kept = store.add_record("energy_budget", e[1], budget(rng), OPERATOR, rng=rng)
    store.submit(kept, OPERATOR)
    assert old != kept
    return {"orgs": e, "counts": counts, "drafts": drafts}


def test_overview_and_rollup_agree_on_every_figure(store: Store, county: dict) -> None:
    rollup = county_rollup(store, YEAR, COUNTY)
    totals = rollup.totals()
    overview = county_overview(store, YEAR, COUNTY)
    figures = {f.key: f for group in overview.groups() for _, _, fs in [group] for f in fs}
    by_org = {r.org_id: r for r in rollup.rows}

    # the expected answer, from the records picked by hand
    expected_tce = sum(_tce(store, rid) for ids in county["counts"].values() for rid in ids)
    assert figures["total_tce"].value == pytest.approx(round(expected_tce, 2))
    assert totals["total_tce"] == pytest.approx(expected_tce)
    assert sorted(figures["total_tce"].record_ids) == sorted(
        rid for ids in county["counts"].values() for rid in ids)
    assert figures["total_co2"].value == pytest.approx(round(totals["total_co2_t"], 2))
    # the case: the second annual draft does not move the enterprise's energy
    e0 = county["orgs"][0]
    assert by_org[e0].total_tce == pytest.approx(_tce(store, county["counts"][e0][0]))
    assert not by_org[e0].drafts

    assert figures["annual_reports"].value == totals["reported_annual"] == 4
    assert figures["monthly_reports"].value == sum(
        r.months for r in rollup.rows if r.energy_source == "monthly") == 3
    assert figures["missing"].value == totals["missing"] == 2
    assert sorted(figures["missing"].org_ids) == sorted(r.org_id for r in rollup.missing)
    assert figures["key_energy"].value == totals["key_energy_units"] >= 1
    assert figures["must_report_ghg"].value == totals["must_report_ghg_units"] >= 1
    for row in rollup.rows:
        assert row.key_energy_unit == is_key_energy_unit(row.total_tce, store.reference())
        assert row.must_report_ghg == must_report_ghg(row.total_tce, row.total_co2_t, row.industry_code,
                                                      store.reference())
        if row.energy_source == "annual":  # the record's own flag says the same
            doc = store.get_record(county["counts"][row.org_id][0])
            computed = doc["computed"]
            assert computed["key_energy_unit"] == row.key_energy_unit
            if "must_report_ghg" in computed:  # version 2 stores the very flag the roll-up counts
                assert computed["must_report_ghg"] == row.must_report_ghg
    for key in ("ok", "alert", "exceeded"):
        assert figures[f"budget_{key}"].value == totals[f"budget_{key}"]
    assert sum(f.value for f in overview.budgets) == totals["budgets"] == 2
    assert sum(f.value for f in overview.audits) == totals["audits"] == 2
    assert sum(f.value for f in overview.pilots) == totals["pilots"] == 1


def test_draft_count_matches_rows_and_flags_name_every_draft(store: Store, county: dict) -> None:
    rollup = county_rollup(store, YEAR, COUNTY)
    flagged = [r for r in rollup.rows if drafts_text(r)]
    assert rollup.totals()["drafts_used"] == len(flagged) == 3
    for row in rollup.rows:
        assert {rid for _, _, rid in row.drafts} == county["drafts"].get(row.org_id, set())
    e3, e4, e5 = county["orgs"][3:6]
    by_org = {r.org_id: r for r in rollup.rows}
    assert drafts_text(by_org[e3]) == f"能源 {YEAR}-02"
    assert drafts_text(by_org[e4]) == f"能源 {YEAR}；预算 {YEAR}；审核 {YEAR}；试点 {YEAR - 1}"
    assert drafts_text(by_org[e5]) == f"审核 {YEAR - 1}"


def test_a_decision_does_not_change_which_record_counts(store: Store, county: dict) -> None:
    """``updated_at`` moves on a decision; the counting record must not."""
    e1 = county["orgs"][1]
    before = counting_records(store, "energy_budget", admin_code=COUNTY, period=str(YEAR))
    chosen = next(c for c in before if c.org_id == e1)
    assert chosen.state == "submitted"
    drafts = [r["record_id"] for r in store.list_records(form="energy_budget", org_id=e1)
              if r["state"] == "draft"]
    # editing the older draft makes it the most recently updated record of the period
    draft = store.get_record(drafts[0])
    draft["data"]["budget_tce"] = 1.0
    store.update_record(drafts[0], draft["data"], OPERATOR)
    after = counting_records(store, "energy_budget", admin_code=COUNTY, period=str(YEAR))
    assert next(c for c in after if c.org_id == e1).record_id == chosen.record_id
