"""Record files are exactly canonical JSON, and ``package verify`` shows each record's content
fingerprint: the same hash as the PDF's QR code at the enterprise and at the county."""

from __future__ import annotations

import json

import pytest

from lowcarbon_desk.domain.records import canonical_json, content_fingerprint
from lowcarbon_desk.packages.create import create_decision_package, create_submission_package
from lowcarbon_desk.packages.errors import RecordFileError
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.keys import load_or_create_key
from lowcarbon_desk.packages.verify import verify_bytes
from lowcarbon_desk.reports.fingerprint import qr_payload, record_fingerprint

from . import tamper
from .conftest import Built
from .offices import FAST


def _compact(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()


# each rewrite holds the same JSON value as the canonical file, in other bytes
REWRITES = {
    "indented": lambda doc: json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode(),
    "keys not sorted": lambda doc: _compact(dict(reversed(list(doc.items())))),
    "ASCII escapes": lambda doc: json.dumps(doc, sort_keys=True, separators=(",", ":")).encode(),
    "trailing newline": lambda doc: canonical_json(doc) + b"\n",
    "space after colon": lambda doc: json.dumps(doc, ensure_ascii=False, sort_keys=True,
                                                separators=(",", ": ")).encode(),
    "number spelled 5.2e4": lambda doc: canonical_json(doc).replace(b'"value_added_10k_yuan":52000',
                                                                    b'"value_added_10k_yuan":5.2e4'),
    "duplicate key": lambda doc: b'{"audit_log":[],' + canonical_json(doc)[1:],
}


@pytest.mark.parametrize("rewrite", list(REWRITES), ids=list(REWRITES))
def test_record_file_that_is_not_canonical_json_is_refused(county, enterprise_package: Built, rewrite):
    name = f"records/{enterprise_package.annual_id}.json"
    content = enterprise_package.content
    doc = tamper.record_doc(content, enterprise_package.annual_id)
    data = REWRITES[rewrite](doc)
    assert data != tamper.member(content, name)
    key = load_or_create_key(enterprise_package.home / "keys")
    forged = tamper.resign(content, key, changes={name: data})  # signed by the sender itself
    with pytest.raises(RecordFileError) as caught:
        verify_bytes(forged, "bad.lcpkg")
    if rewrite == "duplicate key":  # refused while parsing, naming the key
        assert caught.value.reason == "record_field" and "'audit_log' appears twice" in caught.value.message_en
        assert name in caught.value.message_en and "出现了两次" in caught.value.message_zh
    else:
        assert caught.value.reason == "record_not_canonical"
        assert "record file is not canonical JSON" in caught.value.message_en and name in caught.value.message_en
        assert "记录文件不是规范 JSON" in caught.value.message_zh
    before = county.dump()
    with pytest.raises(RecordFileError):
        import_package(county.store, forged, "县审核员")
    assert county.dump() == before


def test_cli_refuses_a_non_canonical_record_file(tmp_path, county, enterprise_package: Built):
    name = f"records/{enterprise_package.annual_id}.json"
    doc = tamper.record_doc(enterprise_package.content, enterprise_package.annual_id)
    key = load_or_create_key(enterprise_package.home / "keys")
    bad = tmp_path / "bad.lcpkg"
    bad.write_bytes(tamper.resign(enterprise_package.content, key, changes={name: REWRITES["indented"](doc)}))
    for lang, text in (("en", "record file is not canonical JSON"), ("zh", "记录文件不是规范 JSON")):
        result = county.cli("package", "verify", str(bad), lang=lang)
        assert result.returncode == 1 and text in result.stderr and result.stdout == ""
    before = county.dump()
    assert county.cli("package", "import", str(bad)).returncode == 1
    assert county.dump() == before


def test_decision_file_that_is_not_canonical_json_is_refused(enterprise, county, tmp_path):
    org_id = enterprise.store.list_orgs(kind="enterprise")[0]["org_id"]
    made = create_submission_package(enterprise.store, org_id, tmp_path / "e.lcpkg", operator="企业填报员",
                                     period="2025", key=enterprise.key, renderers=FAST)
    import_package(county.store, made.path, "县审核员")
    county.store.decide(made.record_ids[0], "accepted", "县审核员")
    decision = create_decision_package(county.store, org_id, tmp_path / "d.lcpkg", operator="县审核员",
                                       key=county.key).path.read_bytes()
    name = f"records/{made.record_ids[0]}.json"
    doc = json.loads(tamper.member(decision, name))
    forged = tamper.resign(decision, county.key, changes={name: canonical_json(doc) + b" "})
    with pytest.raises(RecordFileError) as caught:
        verify_bytes(forged)
    assert caught.value.reason == "record_not_canonical"


def test_verify_prints_the_content_fingerprint_the_qr_code_holds(enterprise, county, tmp_path):
    org_id = enterprise.store.list_orgs(kind="enterprise")[0]["org_id"]
    outbox = tmp_path / "usb"
    outbox.mkdir()
    created = enterprise.cli("package", "create", "--org", org_id, "--period", "2025", "-o", str(outbox))
    assert created.returncode == 0, created.stderr
    package = next(outbox.glob("*.lcpkg"))
    shown = county.cli("package", "verify", "--json", str(package))
    assert shown.returncode == 0, shown.stderr
    printed = {r["record_id"]: r["fingerprint"] for r in json.loads(shown.stdout)["records"]}
    text = county.cli("package", "verify", str(package))
    assert text.returncode == 0, text.stderr
    imported = county.cli("package", "import", str(package))
    assert imported.returncode == 0, imported.stderr
    assert len(printed) == 15  # the year and its months; the 2024-based pilot application is outside
    for record_id, fingerprint in printed.items():
        at_enterprise = enterprise.store.get_record(record_id)
        at_county = county.store.get_record(record_id)
        assert at_county["state"] == "submitted" and at_enterprise["state"] == "submitted"
        assert fingerprint == record_fingerprint(at_enterprise) == record_fingerprint(at_county)
        assert fingerprint == content_fingerprint(tamper.record_doc(package.read_bytes(), record_id))
        assert qr_payload(at_county).endswith(fingerprint)
        assert f"content fingerprint (matches the PDF QR code): {fingerprint}" in text.stdout
    # the county's decision changes the state, not what the record says: the same hash
    some = next(iter(printed))
    county.store.decide(some, "accepted", "县审核员")
    assert record_fingerprint(county.store.get_record(some)) == printed[some]
