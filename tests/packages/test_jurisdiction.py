"""Who may decide what, and packages from another division (issue 17, items 3 and 5).

Each refusal has its own reason, names the sender and the record (or both division codes),
leaves the database unchanged (digest of every row) and pins no key.
"""

from __future__ import annotations

import sqlite3

import pytest

from lowcarbon_desk.packages.create import create_decision_package, create_submission_package
from lowcarbon_desk.packages.errors import JurisdictionError
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.keys import InstallationKey
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage import imported as stored
from lowcarbon_desk.storage.identity import COUNTY, ENTERPRISE, PROVINCE, home_of
from lowcarbon_desk.storage.overview import county_overview

from . import tamper
from .offices import (
    COUNTY_ID,
    FAST,
    PROVINCE_ID,
    Office,
    county_org,
    county_pilot,
    enterprise_org,
    fill_enterprise,
    open_office,
)

FOREIGN_COUNTY = "330106"


def _submission(office, org_id: str, folder) -> bytes:
    made = create_submission_package(office.store, org_id, folder, operator="企业填报员", period="2025",
                                     key=office.key, renderers=FAST)
    return made.path.read_bytes()


def _decision(enterprise, county, tmp_path) -> tuple[bytes, bytes, list[str]]:
    """The enterprise's package, imported at the county, three records decided there; returns
    (submission, the county's genuine decision package, the decided record ids)."""
    org_id = enterprise.store.list_orgs(kind="enterprise")[0]["org_id"]
    submission = _submission(enterprise, org_id, tmp_path / "sub")
    result = import_package(county.store, submission, "县审核员")
    ids = sorted(result.added)[:3]
    county.store.decide(ids[0], "returned", "县审核员", "请补充")
    for record_id in ids[1:]:
        county.store.decide(record_id, "accepted", "县审核员")
    made = create_decision_package(county.store, org_id, tmp_path / "d", operator="县审核员", key=county.key)
    return submission, made.path.read_bytes(), ids


def _refused(office, content: bytes, reason: str, *, pinned_for: str, **kwargs) -> JurisdictionError:
    before = office.dump()
    had_pin = stored.pinned_key(office.store, pinned_for)
    with pytest.raises(JurisdictionError) as caught:
        import_package(office.store, content, "审核员", **kwargs)
    assert caught.value.reason == reason
    assert office.dump() == before
    assert stored.pinned_key(office.store, pinned_for) == had_pin
    return caught.value


def test_the_database_knows_who_it_is(enterprise, county, tmp_path):
    assert home_of(enterprise.store).kind == ENTERPRISE
    assert home_of(enterprise.store).codes == (COUNTY_ID,)
    assert home_of(county.store).kind == COUNTY and home_of(county.store).is_own(COUNTY_ID)
    province = open_office(tmp_path / "p", "province")
    province.store.add_orgs([county_org(PROVINCE_ID)], "省审核员")
    home = home_of(province.store)
    assert home.kind == PROVINCE and home.covers(COUNTY_ID) and not home.covers(FOREIGN_COUNTY)
    province.store.close()


def test_forged_decision_claiming_the_county_is_refused_at_the_county(enterprise, county, tmp_path):
    """A stranger's key, the county's own code: refused at the county, its key not pinned."""
    _, genuine, ids = _decision(enterprise, county, tmp_path)
    forged = tamper.resign(genuine, InstallationKey.generate())
    error = _refused(county, forged, "decision_own_code", pinned_for=COUNTY_ID)
    assert COUNTY_ID in error.message("zh") and any(i in error.message("en") for i in ids)
    assert "own organisation" in error.message("en")


def test_county_decision_at_the_province_is_misplaced(enterprise, county, tmp_path):
    """The county's genuine decision about records the province received does not decide there."""
    submission, genuine, ids = _decision(enterprise, county, tmp_path)
    province = open_office(tmp_path / "p", "province")
    province.store.add_orgs([county_org(PROVINCE_ID)], "省审核员")
    import_package(province.store, submission, "省审核员")
    error = _refused(province, genuine, "decision_misplaced", pinned_for=COUNTY_ID)
    assert COUNTY_ID in error.message("en") and any(i in error.message("en") for i in ids)
    assert all(province.store.get_record(i)["state"] == "submitted" for i in ids)
    province.store.close()


def test_first_decision_pins_the_county_only_at_its_enterprise(enterprise, county, tmp_path):
    """A desk that is not the enterprise's (here the province, which typed the enterprise's
    records in itself) never pins a county's key on a decision; the enterprise does."""
    _, genuine, ids = _decision(enterprise, county, tmp_path)
    copy = tmp_path / "typed-in.db"
    target = sqlite3.connect(copy)
    enterprise.store.db.conn.backup(target)
    target.close()
    desk = Store.open(copy)
    try:
        desk.add_orgs([county_org(PROVINCE_ID)], "省审核员")
        county_pilot(desk, PROVINCE_ID)
        assert home_of(desk).kind == PROVINCE
        office = Office("typed-in", copy, tmp_path, desk)
        error = _refused(office, genuine, "decision_unknown_key", pinned_for=COUNTY_ID)
        assert COUNTY_ID in error.message("en") and any(i in error.message("en") for i in ids)
    finally:
        desk.close()
    result = import_package(enterprise.store, genuine, "企业填报员")
    assert result.key_status == "first_use" and len(result.decided) == 3
    assert stored.pinned_key(enterprise.store, COUNTY_ID)["fingerprint"] == county.key.fingerprint


def test_package_from_another_division_needs_the_officers_word(county, tmp_path):
    """An enterprise of 330106 at the 350102 county: refused naming both codes; accepted with
    accept_foreign, it stays out of the overview and the roll-up and waits in the review queue."""
    foreign = open_office(tmp_path / "f", "foreign")
    org = enterprise_org(7, county=FOREIGN_COUNTY)
    foreign.store.add_orgs([org], "企业填报员")
    fill_enterprise(foreign.store, org, months=False, pilot=False)
    content = _submission(foreign, org["org_id"], tmp_path / "out")
    error = _refused(county, content, "foreign_division", pinned_for=org["org_id"])
    for lang in ("zh", "en"):
        assert FOREIGN_COUNTY in error.message(lang) and COUNTY_ID in error.message(lang)
        assert org["org_id"] in error.message(lang) and "--accept-foreign" in error.message(lang)
    result = import_package(county.store, content, "县审核员", accept_foreign=True)
    assert result.added and result.key_status == "first_use"
    overview = county_overview(county.store, 2025)
    assert org["org_id"] not in next(f for f in overview.totals if f.key == "orgs").org_ids
    assert not any(e.org_id == org["org_id"] for e in overview.energy)
    assert county_rollup(county.store, 2025).admin_code == COUNTY_ID
    queue = {r["org_id"] for r in stored.review_queue(county.store)}
    assert org["org_id"] in queue
    foreign.store.close()


def test_county_package_from_its_own_code_is_refused(county, tmp_path):
    """A submission claiming to be the county itself would pin a stranger's key for the county."""
    other = open_office(tmp_path / "o", "other")
    other.store.add_orgs([county_org(COUNTY_ID)], "某人")
    county_pilot(other.store)
    made = create_submission_package(other.store, COUNTY_ID, tmp_path / "own", operator="某人", key=other.key,
                                     renderers=FAST)
    _refused(county, made.path.read_bytes(), "own_code", pinned_for=COUNTY_ID)
    other.store.close()
