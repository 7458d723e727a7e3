"""Enterprise → county → province in one flow, and the province's decision back to the county.

The province imports the county's package (the nested enterprise package verified and imported
as well, the county's targets with it), rolls up per county, decides the county's own record
and signs that decision as the province; the county imports it on first use of the province's
key. A decision the province signs on an enterprise's record is refused at the county.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lowcarbon_desk.domain.targets import Target
from lowcarbon_desk.packages.create import create_decision_package, create_submission_package
from lowcarbon_desk.packages.deciders import decider_code, may_decide
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.reports.province_rollup_data import province_rollup
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.storage.identity import PROVINCE, home_of
from lowcarbon_desk.storage.imported import review_queue
from lowcarbon_desk.storage.targets import list_targets, set_target

from .offices import FAST, county_org, county_pilot, enterprise_org, fill_enterprise, open_office

TZ = dt.timezone(dt.timedelta(hours=8))
COUNTY, PROVINCE_CODE = "410199", "410000"


@pytest.fixture
def flow(tmp_path):
    """Enterprise and county packages made and imported: (enterprise, county, province, ids)."""
    enterprise, county, province = (open_office(tmp_path, n) for n in ("enterprise", "county", "province"))
    org = enterprise_org(1, COUNTY)
    enterprise.store.add_orgs([county_org(COUNTY), org], "企业填报员")
    ids = fill_enterprise(enterprise.store, org, months=False, pilot=False)
    sent = create_submission_package(enterprise.store, org["org_id"], tmp_path / "out", operator="企业填报员",
                                     period="2025", key=enterprise.key, renderers=FAST,
                                     now=dt.datetime(2026, 1, 5, 9, tzinfo=TZ))
    county.store.add_orgs([county_org(COUNTY)], "县审核员")
    import_package(county.store, sent.path, "县审核员")
    for row in review_queue(county.store):
        county.store.decide(row["record_id"], "accepted", "县审核员")
    pilot = county_pilot(county.store, COUNTY, baseline_year=2025)
    set_target(county.store, Target(COUNTY, 2030, 2025, co2_intensity_cut_pct=18), "县审核员")
    upward = create_submission_package(county.store, COUNTY, tmp_path / "up", operator="县审核员", period="2025",
                                       key=county.key, renderers=FAST, now=dt.datetime(2026, 1, 9, 9, tzinfo=TZ))
    province.store.add_orgs([county_org(PROVINCE_CODE) | {"name": "河南省"}], "省审核员")
    import_package(province.store, upward.path, "省审核员")
    yield enterprise, county, province, {"enterprise": ids, "pilot": pilot, "org": org["org_id"]}
    for office in (enterprise, county, province):
        office.store.close()


def test_enterprise_county_province_and_back(flow, tmp_path) -> None:
    _enterprise, county, province, ids = flow
    assert home_of(province.store).kind == PROVINCE
    # the nested enterprise package was imported with the county's, and the county's targets
    assert province.store.get_record(ids["enterprise"][0])["org_id"] == ids["org"]
    assert [t.division for t in list_targets(province.store)] == [COUNTY]
    # the province's row of the county has the county's own roll-up figures
    row = province_rollup(province.store, 2025).counties[0]
    own = county_rollup(county.store, 2025, COUNTY).totals()
    assert row.code == COUNTY and row.totals["total_tce"] == pytest.approx(own["total_tce"])
    assert row.totals["total_co2_t"] == pytest.approx(own["total_co2_t"])
    assert row.status == "on_track"
    # the province returns the county's pilot application, signed as the province
    province.store.decide(ids["pilot"], "returned", "省审核员", "请补充重点项目投资来源")
    decision = create_decision_package(province.store, COUNTY, tmp_path / "down", operator="省审核员",
                                       key=province.key, now=dt.datetime(2026, 2, 1, 9, tzinfo=TZ))
    assert decision.record_ids == [ids["pilot"]]
    result = import_package(county.store, decision.path, "县审核员")
    assert result.key_status == "first_use"
    back = county.store.get_record(ids["pilot"])
    assert back["state"] == "returned"


def test_who_decides_whose_records() -> None:
    assert decider_code({"kind": "county", "admin_code": COUNTY}) == PROVINCE_CODE
    assert decider_code({"kind": "enterprise", "admin_code": COUNTY}) == COUNTY
    assert decider_code({"kind": "county", "admin_code": PROVINCE_CODE}) == PROVINCE_CODE
    assert not may_decide(PROVINCE_CODE, {"kind": "enterprise", "admin_code": COUNTY})
