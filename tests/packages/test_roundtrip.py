"""Enterprise → county → province with the real command line, three databases, three keys."""

from __future__ import annotations

import hashlib
import re

import pytest

from lowcarbon_desk.packages.verify import verify_file

from .offices import (
    COUNTY_ID,
    PDF_ATTACHMENT,
    county_org,
    county_pilot,
    enterprise_org,
    fill_enterprise,
    open_office,
)

COMPARED = ("record_id", "lineage_id", "revision", "form", "form_version", "org_id", "period",
            "reference_data_version", "data", "computed", "issues")


def _ok(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def _same_record(a: dict, b: dict) -> None:
    assert {k: a[k] for k in COMPARED} == {k: b[k] for k in COMPARED}
    assert [(j["rule"], j["field"], j["text"]) for j in a["justifications"]] == \
        [(j["rule"], j["field"], j["text"]) for j in b["justifications"]]


@pytest.mark.slow
def test_enterprise_county_province_round_trip(tmp_path):
    enterprise = open_office(tmp_path, "enterprise")
    county = open_office(tmp_path, "county")
    province = open_office(tmp_path, "province")
    org = enterprise_org(1)
    org_id = org["org_id"]
    enterprise.store.add_orgs([county_org(), org], "企业填报员")
    ids = fill_enterprise(enterprise.store, org, pilot=False)
    annual = ids[0]
    county.store.add_orgs([county_org()], "县审核员")
    county_record = county_pilot(county.store, baseline_year=2025)
    outbox = tmp_path / "usb"
    outbox.mkdir()

    # --- the enterprise packages its year; -o is a folder, so the spec file name is used
    out = _ok(enterprise.cli("package", "create", "--org", org_id, "--period", "2025", "-o", str(outbox)))
    package = next(outbox.glob("*.lcpkg"))
    assert re.fullmatch(rf"{org_id}_2025_\d{{8}}T\d{{6}}\.lcpkg", package.name)
    assert str(package) in out
    enterprise_fp = _ok(enterprise.cli("key", "show")).splitlines()[0].split(": ", 1)[1]
    assert enterprise_fp in out

    # --- anyone verifies it without a database
    verified = _ok(county.cli("package", "verify", str(package)))
    assert org["name"] in verified and enterprise_fp in verified and annual in verified
    assert not (tmp_path / "nowhere.db").exists()

    # --- the county imports it: records arrive submitted, identical, with their history
    out = _ok(county.cli("package", "import", str(package)))
    assert enterprise_fp in out  # first use: the pinned fingerprint is shown
    for record_id in ids:
        theirs = enterprise.store.get_record(record_id, with_audit=True)
        ours = county.store.get_record(record_id, with_audit=True)
        _same_record(theirs, ours)
        assert ours["state"] == "submitted" and ours["origin"] == "package"
        their_log = [(e["action"], e["field_path"], e["new_value"]) for e in theirs["audit_log"]]
        our_log = [(e["action"], e["field_path"], e["new_value"]) for e in ours["audit_log"]]
        assert our_log[:len(their_log)] == their_log and our_log[-2][0] == "record.import"
    assert county.store.get_org(org_id)["name"] == org["name"]

    # --- importing the same package again changes nothing and says so
    before = county.dump()
    out = _ok(county.cli("package", "import", str(package)))
    assert "already imported" in out
    assert county.dump() == before

    # --- review: return the annual report with a comment, accept the rest; send decisions back
    _ok(county.cli("review", annual, "--return", "--comment", "增加值与统计局数据不符，请核对"))
    _ok(county.cli("review", ids[1], "--accept"))
    for record_id in ids[2:]:
        county.store.decide(record_id, "accepted", "县审核员")
    decisions = tmp_path / "decisions"
    decisions.mkdir()
    _ok(county.cli("package", "create", "--org", org_id, "--decisions", "-o", str(decisions)))
    decision_package = next(decisions.glob("*.lcpkg"))
    out = _ok(enterprise.cli("package", "import", str(decision_package)))
    returned = enterprise.store.get_record(annual, with_audit=True)
    assert returned["state"] == "returned" and returned["decision_comment"] == "增加值与统计局数据不符，请核对"
    assert returned["audit_log"][-1]["action"] == "record.returned"
    assert all(enterprise.store.get_record(r)["state"] == "accepted" for r in ids[1:])

    # --- the enterprise revises the returned report and sends the new revision
    revision = enterprise.store.revise(annual, "企业填报员")
    data = enterprise.store.get_record(revision)["data"]
    data["value_added_10k_yuan"] = 51000
    enterprise.store.update_record(revision, data, "企业填报员")
    enterprise.store.submit(revision, "企业填报员")
    second = tmp_path / "second"
    second.mkdir()
    _ok(enterprise.cli("package", "create", "--org", org_id, "--period", "2025", "-o", str(second)))
    package2 = next(second.glob("*.lcpkg"))
    out = _ok(county.cli("package", "import", str(package2)))
    assert "1 record(s) added (1 newer revision(s))" in out
    latest = county.store.list_records(org_id=org_id, form="energy_report", period="2025", latest_only=True)
    assert revision in {r["record_id"] for r in latest} and annual not in {r["record_id"] for r in latest}
    assert county.store.get_record(annual)["state"] == "returned"  # history kept
    _ok(county.cli("review", revision, "--accept"))

    # --- the county sends upward: its own record plus the enterprise package it accepted fully
    upward = tmp_path / "upward"
    upward.mkdir()
    out = _ok(county.cli("package", "create", "--org", COUNTY_ID, "--period", "2025", "-o", str(upward)))
    county_package = next(upward.glob("*.lcpkg"))
    verified = verify_file(county_package)
    assert [r.record_id for r in verified.records] == [county_record]
    assert len(verified.nested) == 1 and verified.nested[0].sha256 == hashlib.sha256(
        package2.read_bytes()).hexdigest()
    assert verified.nested[0].fingerprint == enterprise_fp  # the enterprise's own signature travels

    out = _ok(province.cli("package", "verify", str(county_package)))
    assert enterprise_fp in out and county_record in out and revision in out
    out = _ok(province.cli("package", "import", str(county_package)))
    assert province.store.get_org(COUNTY_ID) is not None and province.store.get_org(org_id) is not None
    _same_record(county.store.get_record(county_record), province.store.get_record(county_record))
    _same_record(enterprise.store.get_record(revision), province.store.get_record(revision))
    assert province.store.get_record(revision)["state"] == "submitted"
    pinned = {r["org_id"]: r["fingerprint"] for r in province.store.db.query("SELECT * FROM pinned_keys")}
    assert pinned[org_id] == enterprise_fp and pinned[COUNTY_ID] == verified.fingerprint
    # the province keeps both originals: the county package and the enterprise package inside it
    kept = {r["sha256"]: r["parent_sha256"] for r in province.store.db.query("SELECT * FROM imported_packages")}
    assert kept == {verified.sha256: None, verified.nested[0].sha256: verified.sha256}

    for office in (enterprise, county, province):
        office.store.close()


def test_attachments_travel_and_private_key_never_does(tmp_path, enterprise_package, county):
    from lowcarbon_desk.packages.importer import import_package

    result = import_package(county.store, enterprise_package.content, "县审核员")
    assert result.added == enterprise_package.record_ids
    private = (enterprise_package.home / "keys" / "installation_ed25519.pem").read_bytes()
    body = b"".join(private.splitlines()[1:-1])
    assert body not in enterprise_package.content
    # an attachment (pilot application, 2024) is outside period 2025: build one package without period
    enterprise = open_office(tmp_path / "e2", "enterprise")
    org = enterprise_org(2)
    enterprise.store.add_orgs([county_org(), org], "企业填报员")
    ids = fill_enterprise(enterprise.store, org, months=False)
    from lowcarbon_desk.packages.create import create_submission_package

    made = create_submission_package(enterprise.store, org["org_id"], tmp_path / "all.lcpkg",
                                     operator="企业填报员", key=enterprise.key)
    assert set(made.record_ids) == set(ids)
    import_package(county.store, made.path, "县审核员")
    pilot = county.store.get_record(ids[-1])
    sha = pilot["data"]["attachments"][0]["sha256"]
    assert county.store.attachment_content(sha) == PDF_ATTACHMENT
    assert county.store.db.execute("SELECT COUNT(*) FROM imported_packages WHERE content LIKE ?",
                                   [b"%" + body + b"%"]).fetchone()[0] == 0
    enterprise.store.close()
