"""Who may send what: only a county nests packages, and only its own division's enterprises';
every record belongs to its sender; a package carries something; no key is pinned unless the
whole package (and every nested one) verified and imported."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from lowcarbon_desk.domain.records import canonical_json
from lowcarbon_desk.packages.create import Renderers, build_package_bytes, create_submission_package
from lowcarbon_desk.packages.errors import ImportConflictError, ManifestError, NestingError, RecordFileError
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.keys import InstallationKey, load_or_create_key
from lowcarbon_desk.packages.verify import verify_bytes

from . import tamper
from .conftest import Built
from .offices import COUNTY_ID, county_org, county_pilot, fake_pdf, fake_workbook, fill_enterprise, open_office

VICTIM = "91110000802100433B"  # a valid credit code (data standard §1) of an organisation not yet known
FAST = Renderers(record_pdf=fake_pdf, workbook=fake_workbook,
                 rollup=lambda store, county, year: (b"%PDF-1.4 roll-up\n%%EOF\n", b"PK-rollup"))
WHEN = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _empty_package(key: InstallationKey, org_id: str = VICTIM, kind: str = "submission") -> bytes:
    """A correctly signed package that holds nothing at all."""
    sender = {"org_id": org_id, "name": "冒名单位", "operator": "x",
              "kind": "county" if kind == "decision" else "enterprise"}
    return build_package_bytes(kind=kind, sender=sender, key=key, records=[], members={},
                               reference_data_version="2024.1", created_at=WHEN)


def _nesting(content: bytes, key: InstallationKey, inner: bytes) -> bytes:
    return tamper.resign(content, key, changes={f"packages/{hashlib.sha256(inner).hexdigest()}.lcpkg": inner})


def _genuine_victim_package(tmp_path) -> tuple[bytes, str]:
    office = open_office(tmp_path / "victim", "victim")
    org = {"org_id": VICTIM, "kind": "enterprise", "name": "真实企业有限公司", "admin_code": COUNTY_ID,
           "industry_code": "C3011", "contact_name": "王工", "contact_phone": "13800000001"}
    office.store.add_orgs([county_org(), org], "企业填报员")
    fill_enterprise(office.store, org, months=False, pilot=False)
    key = office.key
    made = create_submission_package(office.store, VICTIM, tmp_path / "victim.lcpkg", operator="企业填报员",
                                     period="2025", key=key, renderers=FAST)
    office.store.close()
    return made.path.read_bytes(), key.fingerprint


def test_key_cannot_be_pinned_through_another_senders_package(county, enterprise_package: Built, tmp_path):
    """The reported attack: an enterprise package nesting an empty package that claims sender
    91110000802100433B, signed by an unknown key. Refused, nothing pinned; the genuine
    organisation's package still imports afterwards and pins its own key."""
    attacker = InstallationKey.generate()
    poisoned = _nesting(enterprise_package.content, load_or_create_key(enterprise_package.home / "keys"),
                        _empty_package(attacker))
    with pytest.raises(NestingError) as caught:
        verify_bytes(poisoned, "poisoned.lcpkg")
    assert caught.value.reason == "nesting_not_allowed"
    assert "only a county's package" in caught.value.message_en and "只有县" in caught.value.message_zh
    before = county.dump()
    with pytest.raises(NestingError):
        import_package(county.store, poisoned, "县审核员")
    assert county.dump() == before and county.pins() == {}

    path = tmp_path / "poisoned.lcpkg"
    path.write_bytes(poisoned)
    result = county.cli("package", "import", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "poisoned.lcpkg" in lines[0] and "only a county's package" in lines[0]
    assert county.dump() == before and county.pins() == {}

    genuine, fingerprint = _genuine_victim_package(tmp_path)
    imported = import_package(county.store, genuine, "县审核员")
    assert imported.key_status == "first_use" and imported.added
    assert county.pins() == {VICTIM: fingerprint} and fingerprint != attacker.fingerprint


def test_empty_packages_are_refused(county):
    attacker = InstallationKey.generate()
    before = county.dump()
    for content, kind in ((_empty_package(attacker), "submission"),
                          (_empty_package(attacker, COUNTY_ID, "decision"), "decision")):
        with pytest.raises(ManifestError) as caught:
            verify_bytes(content, "empty.lcpkg")
        assert caught.value.reason == "empty_package" and "holds no" in caught.value.message_en, kind
        with pytest.raises(ManifestError):
            import_package(county.store, content, "县审核员")
    assert county.dump() == before and county.pins() == {}


def test_county_nesting_an_empty_package_is_refused_and_pins_nothing(county, enterprise_package: Built):
    genuine = enterprise_package.content
    empty = _empty_package(InstallationKey.generate())
    content = build_package_bytes(
        kind="submission", sender={"org_id": COUNTY_ID, "name": "示例县", "operator": "县审核员", "kind": "county"},
        key=county.key, records=[], reference_data_version="2024.1", created_at=WHEN,
        members={"reports/rollup.pdf": b"%PDF-1.4\n", "reports/rollup.xlsx": b"PK-rollup",
                 f"packages/{hashlib.sha256(genuine).hexdigest()}.lcpkg": genuine,
                 f"packages/{hashlib.sha256(empty).hexdigest()}.lcpkg": empty})
    with pytest.raises(ManifestError) as caught:
        verify_bytes(content, "up.lcpkg")
    assert caught.value.reason == "empty_package" and "›" in caught.value.message_en
    before = county.dump()
    with pytest.raises(ManifestError):
        import_package(county.store, content, "县审核员")
    assert county.dump() == before and county.pins() == {}


def test_only_enterprise_packages_of_the_division_are_nested(county, tmp_path):
    """A county forwarding a county's package is refused (only enterprises' and parks' packages
    are forwarded)."""
    county_pilot(county.store)
    own = create_submission_package(county.store, COUNTY_ID, tmp_path / "own.lcpkg", operator="县审核员",
                                    key=county.key, renderers=FAST).path.read_bytes()
    content = build_package_bytes(
        kind="submission", sender={"org_id": COUNTY_ID, "name": "示例县", "operator": "县审核员", "kind": "county"},
        key=county.key, records=[], reference_data_version="2024.1", created_at=WHEN,
        members={"reports/rollup.pdf": b"%PDF-1.4\n", "reports/rollup.xlsx": b"PK-rollup",
                 f"packages/{hashlib.sha256(own).hexdigest()}.lcpkg": own})
    with pytest.raises(NestingError) as caught:
        verify_bytes(content, "up.lcpkg")
    assert caught.value.reason == "nested_sender"


def test_county_package_carrying_an_enterprises_record_directly_is_refused(county, enterprise_package: Built):
    """A county's own records travel in its package; its enterprises' only in their own."""
    source = enterprise_package.content
    record_id = enterprise_package.annual_id
    entry = next(e for e in tamper.manifest(source)["records"] if e["record_id"] == record_id)
    content = build_package_bytes(
        kind="submission", sender={"org_id": COUNTY_ID, "name": "示例县", "operator": "县审核员", "kind": "county"},
        key=county.key, records=[entry], reference_data_version="2024.1", created_at=WHEN,
        members={"reports/rollup.pdf": b"%PDF-1.4\n", "reports/rollup.xlsx": b"PK-rollup",
                 "reports/submission.xlsx": tamper.member(source, "reports/submission.xlsx"),
                 f"records/{record_id}.json": tamper.member(source, f"records/{record_id}.json"),
                 f"reports/{record_id}.pdf": tamper.member(source, tamper.report_name(source, record_id))})
    with pytest.raises(RecordFileError) as caught:
        verify_bytes(content, "up.lcpkg")
    assert caught.value.reason == "record_sender" and record_id in caught.value.message_en


def test_sender_kind_must_match_its_code(enterprise_package: Built):
    key = load_or_create_key(enterprise_package.home / "keys")
    sender = {**tamper.manifest(enterprise_package.content)["sender"], "kind": "county"}
    forged = tamper.resign(enterprise_package.content, key, manifest_changes={"sender": sender})
    with pytest.raises(ManifestError) as caught:
        verify_bytes(forged, "bad.lcpkg")
    assert caught.value.reason == "manifest_format" and "does not match its code" in caught.value.message_en


def _renamed(content: bytes, key: InstallationKey, old_id: str, new_id: str) -> bytes:
    """The package with record ``old_id`` carried under ``new_id`` (file, PDF, manifest entry)."""
    doc = json.loads(tamper.member(content, f"records/{old_id}.json"))
    doc["record_id"] = new_id
    manifest = tamper.manifest(content)
    for entry in manifest["records"]:
        if entry["record_id"] == old_id:
            entry["record_id"] = new_id
    members = {i.filename: d for i, d in tamper.read_members(content)
               if i.filename not in ("manifest.json", "manifest.sig")}
    members[f"records/{new_id}.json"] = canonical_json(doc)
    if f"reports/{old_id}.pdf" in members:  # a package without the index names PDFs by record id
        members[f"reports/{new_id}.pdf"] = members.pop(f"reports/{old_id}.pdf")
    del members[f"records/{old_id}.json"]
    return build_package_bytes(kind="submission", sender=manifest["sender"], key=key, records=manifest["records"],
                               members=members, reference_data_version=manifest["reference_data_version"],
                               created_at=dt.datetime.fromisoformat(manifest["created_at"]))


def test_import_refused_after_planning_pins_nothing(county, enterprise_package: Built):
    """A first package whose last record collides with a record already here: refused at
    import (after the trust decision), the first-use key is not pinned."""
    own = county_pilot(county.store)
    key = load_or_create_key(enterprise_package.home / "keys")
    last = tamper.manifest(enterprise_package.content)["records"][-1]["record_id"]
    colliding = _renamed(enterprise_package.content, key, last, own)
    verify_bytes(colliding, "colliding.lcpkg")  # a valid package by itself
    before = county.dump()
    with pytest.raises(ImportConflictError) as caught:
        import_package(county.store, colliding, "县审核员")
    assert caught.value.reason == "record_conflict"
    assert county.dump() == before and county.pins() == {}
    result = import_package(county.store, enterprise_package.content, "县审核员")
    assert result.key_status == "first_use"
    assert county.pins() == {enterprise_package.org["org_id"]: enterprise_package.fingerprint}
