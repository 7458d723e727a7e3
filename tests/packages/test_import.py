"""Import semantics: all or nothing, supersession, organisations, decisions, upward packages."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid

import pytest

from lowcarbon_desk.domain.records import canonical_json
from lowcarbon_desk.packages.create import (
    create_decision_package,
    create_submission_package,
)
from lowcarbon_desk.packages.errors import (
    ImportConflictError,
    LimitError,
    NothingToPackageError,
    PackageError,
    RecordFileError,
    SignatureError,
)
from lowcarbon_desk.packages.importer import ALREADY_IMPORTED, import_package, import_packages
from lowcarbon_desk.packages.keys import InstallationKey
from lowcarbon_desk.packages.verify import verify_bytes

from . import tamper
from .offices import (
    COUNTY_ID,
    FAST,
    county_org,
    county_pilot,
    enterprise_org,
    fill_enterprise,
    open_office,
)

ENTERPRISE_OPERATOR = "企业填报员"
COUNTY_OPERATOR = "县审核员"


def _package(office, org_id, tmp_path, name, period="2025", **kwargs) -> bytes:
    made = create_submission_package(office.store, org_id, tmp_path / name, operator=ENTERPRISE_OPERATOR,
                                     period=period, key=office.key, renderers=FAST, **kwargs)
    return made.path.read_bytes()


def _org_id(office) -> str:
    return office.store.list_orgs(kind="enterprise")[0]["org_id"]


def test_period_year_takes_its_months_and_a_month_only_itself(enterprise, tmp_path):
    org_id = _org_id(enterprise)
    year = verify_bytes(_package(enterprise, org_id, tmp_path, "y.lcpkg"))
    periods = sorted(r.doc["period"] for r in year.records)
    assert periods.count("2025") == 3 and len([p for p in periods if p.startswith("2025-")]) == 12
    march = verify_bytes(_package(enterprise, org_id, tmp_path, "m.lcpkg", period="2025-03"))
    assert [r.doc["period"] for r in march.records] == ["2025-03"]
    everything = verify_bytes(_package(enterprise, org_id, tmp_path, "all.lcpkg", period=None))
    assert len(everything.records) == len(year.records) + 1  # the 2024-based pilot application


def test_drafts_are_never_packaged_and_nothing_to_package_writes_no_file(tmp_path):
    office = open_office(tmp_path, "enterprise")
    org = enterprise_org(3)
    office.store.add_orgs([county_org(), org], ENTERPRISE_OPERATOR)
    office.store.add_record("energy_budget", org["org_id"], {"year": 2025, "budget_tce": 100}, ENTERPRISE_OPERATOR)
    target = tmp_path / "out.lcpkg"
    with pytest.raises(NothingToPackageError):
        create_submission_package(office.store, org["org_id"], target, operator="x", key=office.key, renderers=FAST)
    assert not target.exists() and list(tmp_path.glob(".out.lcpkg*")) == []
    result = office.cli("package", "create", "--org", org["org_id"], "-o", str(target))
    assert result.returncode == 1 and "no submitted record" in result.stderr and not target.exists()
    office.store.close()


def test_conflict_midway_rolls_back_everything(enterprise, county, tmp_path):
    org_id = _org_id(enterprise)
    first = _package(enterprise, org_id, tmp_path, "first.lcpkg")
    import_package(county.store, first, COUNTY_OPERATOR)
    annual = next(r for r in enterprise.store.list_records(org_id=org_id, period="2025", form="energy_report")
                  if r["period"] == "2025")["record_id"]
    enterprise.store.revise(annual, ENTERPRISE_OPERATOR)
    revision = enterprise.store.list_records(org_id=org_id, state="draft")[0]["record_id"]
    enterprise.store.submit(revision, ENTERPRISE_OPERATOR)
    second = _package(enterprise, org_id, tmp_path, "second.lcpkg")
    entries = tamper.manifest(second)["records"]
    assert entries.index(next(e for e in entries if e["record_id"] == revision)) < len(entries) - 1
    last = entries[-1]["record_id"]  # processed after the new revision was inserted
    doc = tamper.record_doc(second, last)
    doc["lineage_id"] = str(uuid.uuid4())
    forged = tamper.resign(second, enterprise.key, changes={f"records/{last}.json": canonical_json(doc)})
    before = county.dump()
    with pytest.raises(ImportConflictError) as caught:
        import_package(county.store, forged, COUNTY_OPERATOR)
    assert caught.value.reason == "record_conflict" and last in caught.value.message_en
    assert county.dump() == before
    # the genuine second package supersedes the old revision and keeps it
    result = import_package(county.store, second, COUNTY_OPERATOR)
    assert result.added == [revision] and result.superseding == [revision]
    assert len(county.store.revisions(revision)) == 2


def test_several_packages_are_all_or_nothing(enterprise, county, tmp_path, enterprise_package):
    good = _package(enterprise, _org_id(enterprise), tmp_path, "good.lcpkg")
    other_org = enterprise_org(7)
    other = open_office(tmp_path / "other", "other")
    other.store.add_orgs([county_org(), other_org], ENTERPRISE_OPERATOR)
    fill_enterprise(other.store, other_org, months=False, pilot=False)
    bad = tamper.flip_byte(_package(other, other_org["org_id"], tmp_path, "bad.lcpkg"), 200)
    before = county.dump()
    with pytest.raises(PackageError):
        import_packages(county.store, [good, bad], COUNTY_OPERATOR)
    assert county.dump() == before
    results = import_packages(county.store, [good, good], COUNTY_OPERATOR)
    assert [r.status for r in results] == ["imported", ALREADY_IMPORTED]
    other.store.close()


def test_organisation_profile_is_created_then_updated(enterprise, county, tmp_path):
    org_id = _org_id(enterprise)
    import_package(county.store, _package(enterprise, org_id, tmp_path, "a.lcpkg"), COUNTY_OPERATOR)
    assert county.store.get_org(org_id)["contact_phone"] == enterprise.store.get_org(org_id)["contact_phone"]
    enterprise.store.update_org(org_id, {"contact_phone": "13912345678"}, ENTERPRISE_OPERATOR)
    result = import_package(county.store, _package(enterprise, org_id, tmp_path, "b.lcpkg"), COUNTY_OPERATOR)
    assert result.orgs_updated == [org_id] and not result.added
    assert county.store.get_org(org_id)["contact_phone"] == "13912345678"
    updates = [e for e in county.store.audit_log_for_org(org_id) if e["action"] == "org.update"]
    assert updates and updates[-1]["operator"] == COUNTY_OPERATOR


# --- decisions ------------------------------------------------------------------------------
def _decided(enterprise, county, tmp_path) -> tuple[bytes, list[str]]:
    org_id = _org_id(enterprise)
    verified = verify_bytes(_package(enterprise, org_id, tmp_path, "sub.lcpkg"))
    import_package(county.store, verified.content, COUNTY_OPERATOR)
    ids = [r.record_id for r in verified.records]
    county.store.decide(ids[0], "returned", COUNTY_OPERATOR, "请补充")
    for record_id in ids[1:3]:
        county.store.decide(record_id, "accepted", COUNTY_OPERATOR)
    made = create_decision_package(county.store, org_id, tmp_path / "d.lcpkg", operator=COUNTY_OPERATOR,
                                   key=county.key)
    assert sorted(made.record_ids) == sorted(ids[:3])
    return made.path.read_bytes(), ids


def test_decisions_reach_the_enterprise(enterprise, county, tmp_path):
    decisions, ids = _decided(enterprise, county, tmp_path)
    package = verify_bytes(decisions)
    assert package.kind == "decision" and package.sender["org_id"] == COUNTY_ID
    assert all(set(json.loads(tamper.member(decisions, f"records/{i}.json"))) ==
               {"record_id", "lineage_id", "revision", "state", "comment"} for i in ids[:3])
    result = import_package(enterprise.store, decisions, ENTERPRISE_OPERATOR)
    assert sorted(result.decided) == sorted([(ids[0], "returned"), (ids[1], "accepted"), (ids[2], "accepted")])
    doc = enterprise.store.get_record(ids[0], with_audit=True)
    assert doc["state"] == "returned" and doc["decision_comment"] == "请补充"
    assert doc["audit_log"][-1]["operator"].startswith(COUNTY_OPERATOR)
    assert enterprise.store.get_record(ids[3])["state"] == "submitted"
    again = import_package(enterprise.store, decisions, ENTERPRISE_OPERATOR)
    assert again.status == ALREADY_IMPORTED
    # the same decisions in a fresh package change nothing either
    fresh = create_decision_package(county.store, _org_id(enterprise), tmp_path / "d2.lcpkg",
                                    operator=COUNTY_OPERATOR, key=county.key,
                                    now=dt.datetime(2030, 1, 2, 3, 4, 5))
    result = import_package(enterprise.store, fresh.path, ENTERPRISE_OPERATOR)
    assert sorted(result.unchanged) == sorted(ids[:3]) and not result.decided


def test_decision_for_unknown_record_or_from_another_county_is_refused(enterprise, county, tmp_path):
    decisions, _ = _decided(enterprise, county, tmp_path)
    stranger = open_office(tmp_path / "s", "stranger")
    before = stranger.dump()
    with pytest.raises(ImportConflictError) as caught:
        import_package(stranger.store, decisions, "someone")
    assert caught.value.reason == "decision_unknown_record"
    assert stranger.dump() == before
    stranger.store.close()
    impostor = InstallationKey.generate()
    sender = {**tamper.manifest(decisions)["sender"], "org_id": "350103", "name": "另一个县"}
    forged = tamper.resign(decisions, impostor, manifest_changes={"sender": sender})
    before = enterprise.dump()
    with pytest.raises(ImportConflictError) as caught:
        import_package(enterprise.store, forged, ENTERPRISE_OPERATOR)
    assert caught.value.reason == "decision_sender"
    assert enterprise.dump() == before


def test_conflicting_decision_is_refused(enterprise, county, tmp_path):
    decisions, ids = _decided(enterprise, county, tmp_path)
    import_package(enterprise.store, decisions, ENTERPRISE_OPERATOR)
    doc = json.loads(tamper.member(decisions, f"records/{ids[1]}.json"))
    doc.update(state="returned", comment="改主意了")
    manifest = tamper.manifest(decisions)
    for entry in manifest["records"]:
        if entry["record_id"] == ids[1]:
            entry["state"] = "returned"
    forged = tamper.resign(decisions, county.key, changes={f"records/{ids[1]}.json": canonical_json(doc)},
                           manifest_changes={"records": manifest["records"]})
    before = enterprise.dump()
    with pytest.raises(ImportConflictError) as caught:
        import_package(enterprise.store, forged, ENTERPRISE_OPERATOR)
    assert caught.value.reason == "decision_state"
    assert enterprise.dump() == before


def test_return_without_comment_is_refused_in_the_file(enterprise, county, tmp_path):
    decisions, ids = _decided(enterprise, county, tmp_path)
    doc = json.loads(tamper.member(decisions, f"records/{ids[0]}.json"))
    doc["comment"] = "  "
    forged = tamper.resign(decisions, county.key, changes={f"records/{ids[0]}.json": canonical_json(doc)})
    with pytest.raises(RecordFileError):
        verify_bytes(forged)


# --- upward ---------------------------------------------------------------------------------
def _county_with_accepted(enterprise, county, tmp_path, accept_all=True) -> str:
    org_id = _org_id(enterprise)
    package = verify_bytes(_package(enterprise, org_id, tmp_path, "e.lcpkg"))
    import_package(county.store, package.content, COUNTY_OPERATOR)
    records = [r.record_id for r in package.records]
    for record_id in records if accept_all else records[:-1]:
        county.store.decide(record_id, "accepted", COUNTY_OPERATOR)
    return package.sha256


def test_county_forwards_only_fully_accepted_packages(enterprise, county, tmp_path):
    _county_with_accepted(enterprise, county, tmp_path, accept_all=False)
    with pytest.raises(NothingToPackageError) as caught:
        create_submission_package(county.store, COUNTY_ID, tmp_path / "up.lcpkg", operator=COUNTY_OPERATOR,
                                  period="2025", key=county.key, renderers=FAST)
    assert "not fully accepted" in caught.value.message_en
    own = county_pilot(county.store, baseline_year=2025)
    made = create_submission_package(county.store, COUNTY_ID, tmp_path / "up.lcpkg", operator=COUNTY_OPERATOR,
                                     period="2025", key=county.key, renderers=FAST)
    assert made.record_ids == [own] and not made.nested and len(made.left_out) == 1


def test_tampered_nested_package_is_refused_even_when_the_county_signs(enterprise, county, tmp_path):
    sha = _county_with_accepted(enterprise, county, tmp_path)
    made = create_submission_package(county.store, COUNTY_ID, tmp_path / "up.lcpkg", operator=COUNTY_OPERATOR,
                                     period="2025", key=county.key, renderers=FAST)
    content = made.path.read_bytes()
    assert [n["sha256"] for n in made.nested] == [sha]
    verify_bytes(content)
    inner = tamper.member(content, f"packages/{sha}.lcpkg")
    record = next(n for n in tamper.names(inner) if n.startswith("records/"))
    changed = tamper.replace_member(inner, record, tamper.member(inner, record).replace(b'"revision":1', b'"revision":2'))
    # the county cannot make a changed enterprise package verify: the name carries its hash,
    # and the enterprise's own signature covers the content
    name = f"packages/{hashlib.sha256(changed).hexdigest()}.lcpkg"
    members = [(i, d) for i, d in tamper.read_members(content) if not i.filename.startswith("packages/")]
    doc = tamper.manifest(content)
    del doc["files"][f"packages/{sha}.lcpkg"]
    rebuilt = tamper.write_members(members)
    forged = tamper.resign(rebuilt, county.key, changes={name: changed}, manifest_changes={"files": doc["files"]})
    with pytest.raises(PackageError) as caught:
        verify_bytes(forged, "up.lcpkg")
    assert caught.value.reason == "file_hash" and "›" in caught.value.message_en


def test_nested_packages_are_one_level_deep_and_from_the_county(enterprise, county, tmp_path):
    _county_with_accepted(enterprise, county, tmp_path)
    up = create_submission_package(county.store, COUNTY_ID, tmp_path / "up.lcpkg", operator=COUNTY_OPERATOR,
                                   period="2025", key=county.key, renderers=FAST).path.read_bytes()
    nested_up = tamper.resign(up, county.key, changes={f"packages/{hashlib.sha256(up).hexdigest()}.lcpkg": up})
    with pytest.raises(LimitError) as caught:
        verify_bytes(nested_up)
    assert caught.value.reason == "nested_too_deep"
    # a county forwarding the package of an organisation of another county
    other = tamper.resign(up, InstallationKey.generate(),
                          manifest_changes={"sender": {**tamper.manifest(up)["sender"], "org_id": "350103"}})
    with pytest.raises(RecordFileError) as caught:
        verify_bytes(other)
    assert caught.value.reason == "record_sender"


def test_signature_checked_before_files(enterprise_package):
    doc = tamper.manifest(enterprise_package.content)
    doc["files"] = {}
    forged = tamper.replace_member(enterprise_package.content, "manifest.json", canonical_json(doc))
    with pytest.raises(SignatureError):
        verify_bytes(forged)
