"""The database's side of the plausibility rules: last year's report and the peers, on real files."""

from __future__ import annotations

import pytest

from domain.samples import COUNTY, ENTERPRISE, coal_line
from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.history import intensity_positions, previous_report, record_history

from .conftest import OPERATOR


def report(period: str, coal: float, value_added: float = 10_000) -> dict:
    return {"period": period, "value_added_10k_yuan": value_added,
            "lines": [coal_line(consumption_total=coal, industrial_use=coal, purchase_qty=coal)]}


def add(store: Store, org_id: str, data: dict, submit: bool = True) -> str:
    record_id = store.add_record("energy_report", org_id, data, OPERATOR)
    if submit:
        store.submit(record_id, OPERATOR)
    return record_id


def rules(store: Store, record_id: str, rule: str) -> list[str]:
    return [i.field for i in store.issues(record_id) if i.rule == rule]


@pytest.fixture
def county(store: Store) -> Store:
    store.add_orgs([COUNTY, ENTERPRISE], OPERATOR)
    return store


def test_year_on_year_against_the_newest_non_draft_report_of_the_year_before(county: Store) -> None:
    org = ENTERPRISE["org_id"]
    add(county, org, report("2023", 950))  # two years back: not compared
    add(county, org, report("2024", 5000), submit=False)  # a draft of last year: not compared
    this_year = add(county, org, report("2025", 2000), submit=False)
    assert rules(county, this_year, "energy_report.year_on_year") == []
    add(county, org, report("2024", 1000))  # 714.3 tce; now 1,428.6 tce: +100 %, +714.3 tce
    assert previous_report(county, org, "2025").consumption == {"raw_coal": 1000}
    assert rules(county, this_year, "energy_report.year_on_year") == ["total_tce", "total_co2_t",
                                                                      "lines[0].consumption_total"]
    # a justification lets it through
    county.justify(this_year, "energy_report.year_on_year", "新增一条生产线", OPERATOR)
    county.submit(this_year, OPERATOR)
    assert county.get_record(this_year)["state"] == "submitted"


def test_unit_slip_found_through_the_store(county: Store) -> None:
    org = ENTERPRISE["org_id"]
    add(county, org, report("2024", 1.2))
    this_year = add(county, org, report("2025", 1200), submit=False)  # 1,000 times: 吨 for 千吨
    assert rules(county, this_year, "energy_report.unit_suspect") == ["lines[0].consumption_total"]


def test_monthly_reports_have_no_history(county: Store) -> None:
    org = ENTERPRISE["org_id"]
    add(county, org, report("2024", 10))
    month = add(county, org, report("2025-01", 5000), submit=False)
    assert rules(county, month, "energy_report.year_on_year") == []
    assert rules(county, month, "energy_report.unit_suspect") == []


def test_intensity_outlier_among_six_peers_of_the_class(county: Store) -> None:
    # seven C30 enterprises of the county; intensities (coal x 0.7143 / 10,000):
    # 1,000-1,300 t → 0.0714-0.0929; the seventh burns 5,000 t → 0.35715
    orgs = []
    for serial, coal in enumerate((1000, 1050, 1100, 1150, 1200, 1300, 5000), start=1):
        org_id = make_credit_code(COUNTY["admin_code"], f"M{serial:08d}")
        orgs.append(org_id)
        county.add_orgs([{**ENTERPRISE, "org_id": org_id, "name": f"示例企业{serial}"}], OPERATOR)
        add(county, org_id, report("2025", coal))
    other = make_credit_code(COUNTY["admin_code"], "M00000099")
    county.add_orgs([{**ENTERPRISE, "org_id": other, "name": "另一行业", "industry_code": "C1310"}], OPERATOR)
    add(county, other, report("2025", 90_000))  # another class: not a peer
    high = county.list_records(org_id=orgs[-1])[0]["record_id"]
    assert rules(county, high, "energy_report.intensity_outlier") == ["energy_intensity"]
    history = record_history(county, {"form": "energy_report", "org_id": orgs[-1], "period": "2025"},
                             county.get_org(orgs[-1]), county.reference())
    assert history.peers.industry_class == "C30" and len(history.peers.intensities) == 6
    positions = intensity_positions(county, 2025, county.reference())
    assert [p.org_id for p in positions if p.outlier] == [orgs[-1]]
    top = positions[0]
    # peers of the outlier: 0.07143, 0.075002, 0.078573, 0.082145, 0.085716, 0.092859 → median
    # 0.080359; absolute deviations → MAD 0.005357
    assert top.median == pytest.approx((0.078573 + 0.082145) / 2, abs=1e-6)
    assert top.peers == 6 and top.distance_sd > 3
    # the ordinary ones are not outliers and are not flagged on their records
    assert rules(county, county.list_records(org_id=orgs[0])[0]["record_id"],
                 "energy_report.intensity_outlier") == []


def test_last_year_is_the_report_that_counts_not_the_last_one_touched(county: Store) -> None:
    """Two submitted revisions of last year's report: the newer submission is compared, even
    when a later decision (which sets ``updated_at``) touched the older one."""
    org = ENTERPRISE["org_id"]
    first = add(county, org, report("2024", 1000))
    second = county.revise(first, OPERATOR)
    county.update_record(second, report("2024", 1200), OPERATOR)
    county.submit(second, OPERATOR)
    with county.db.conn:  # what a decision on the older revision does to it, a day later
        county.db.execute("UPDATE records SET updated_at = '2099-01-01T00:00:00+00:00' WHERE record_id = ?",
                          [first])
    assert previous_report(county, org, "2025").record_id == second
