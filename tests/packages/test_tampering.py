"""Every way a package can be broken is refused with its own reason, and changes nothing."""

from __future__ import annotations

import json
import struct
import warnings
import zipfile
from collections.abc import Callable

import pytest

from lowcarbon_desk.domain.records import canonical_json
from lowcarbon_desk.packages.errors import (
    FileMismatchError,
    LimitError,
    ManifestError,
    NotAPackageError,
    PackageError,
    RecordFileError,
    SignatureError,
    TrustError,
    UnsafeMemberError,
)
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.keys import InstallationKey, load_or_create_key
from lowcarbon_desk.packages.limits import PackageLimits
from lowcarbon_desk.packages.verify import verify_bytes

from . import tamper
from .conftest import Built


def _annual(built: Built) -> str:
    return built.annual_id


def _changed_record(content: bytes, built: Built) -> bytes:
    name = f"records/{_annual(built)}.json"
    data = tamper.member(content, name).replace(b'"value_added_10k_yuan":52000', b'"value_added_10k_yuan":52001')
    return tamper.replace_member(content, name, data)


def _changed_pdf(content: bytes, built: Built) -> bytes:
    name = tamper.report_name(content, _annual(built))
    data = tamper.member(content, name)
    return tamper.replace_member(content, name, tamper.flip_byte(data, len(data) // 2))


def _changed_manifest(content: bytes, built: Built) -> bytes:
    data = tamper.member(content, "manifest.json").replace("示例制造".encode(), "冒名制造".encode())
    return tamper.replace_member(content, "manifest.json", data)


def _missing_file(content: bytes, built: Built) -> bytes:
    return tamper.drop_member(content, tamper.report_name(content, _annual(built)))


def _missing_signature(content: bytes, built: Built) -> bytes:
    return tamper.drop_member(content, "manifest.sig")


def _extra_file(content: bytes, built: Built) -> bytes:
    return tamper.add_member(content, "records/00000000-0000-4000-8000-000000000000.json", b"{}")


def _extra_unexpected(content: bytes, built: Built) -> bytes:
    return tamper.add_member(content, "notes.txt", b"hello")


def _other_key_signature(content: bytes, built: Built) -> bytes:
    # the manifest (and its public key) unchanged, the signature made by another key
    return tamper.resign(content, InstallationKey.generate(), publish_key=False)


def _replaced_public_key(content: bytes, built: Built) -> bytes:
    # the manifest names another key but keeps the sender's signature
    doc = tamper.manifest(content)
    doc["public_key"] = InstallationKey.generate().public_base64
    return tamper.replace_member(content, "manifest.json", canonical_json(doc))


def _parent_path(content: bytes, built: Built) -> bytes:
    return tamper.add_member(content, "../../evil.json", b"{}")


def _absolute_path(content: bytes, built: Built) -> bytes:
    return tamper.add_member(content, "/tmp/evil.json", b"{}")


def _drive_path(content: bytes, built: Built) -> bytes:
    return tamper.add_member(content, "C:/evil.json", b"{}")


def _backslash_path(content: bytes, built: Built) -> bytes:
    return tamper.add_member(content, "records\\..\\..\\evil.json", b"{}")


def _symlink(content: bytes, built: Built) -> bytes:
    name = tamper.report_name(content, _annual(built))
    members = [(tamper.symlink_info(name) if i.filename == name else i, b"/etc/passwd" if i.filename == name else d)
               for i, d in tamper.read_members(content)]
    return tamper.write_members(members)


def _folder_member(content: bytes, built: Built) -> bytes:
    return tamper.add_member(content, zipfile.ZipInfo("records/"), b"")


def _duplicate_member(content: bytes, built: Built) -> bytes:
    name = tamper.report_name(content, _annual(built))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about writing a duplicate name
        return tamper.add_member(content, name, b"%PDF-1.4 second copy")


def _ratio_bomb(content: bytes, built: Built) -> bytes:
    name = "reports/submission.xlsx"  # deflated: two million zero bytes shrink about 1000:1
    return tamper.write_members([(name, b"\0" * 2_000_000) if i.filename == name else (i, d)
                                 for i, d in tamper.read_members(content)])


def _not_zip(content: bytes, built: Built) -> bytes:
    return b"%PDF-1.4 this is not a package\n" * 10


def _truncated(content: bytes, built: Built) -> bytes:
    return content[: len(content) // 2]


def _empty(content: bytes, built: Built) -> bytes:
    return b""


def _invalid_record_signed(content: bytes, built: Built) -> bytes:
    # correctly signed by the sender's own key, but the content breaks a rule (an error)
    key = load_or_create_key(built.home / "keys")
    name = f"records/{_annual(built)}.json"
    doc = json.loads(tamper.member(content, name))
    doc["data"]["lines"][0]["feedstock_use"] = doc["data"]["lines"][0]["industrial_use"] + 1
    return tamper.resign(content, key, changes={name: canonical_json(doc)})


def _unjustified_warning_signed(content: bytes, built: Built) -> bytes:
    key = load_or_create_key(built.home / "keys")
    name = f"records/{_annual(built)}.json"
    doc = json.loads(tamper.member(content, name))
    doc["justifications"] = []
    return tamper.resign(content, key, changes={name: canonical_json(doc)})


def _computed_forged_signed(content: bytes, built: Built) -> bytes:
    # the computed values are the sender's (not recomputed), but must have their form's shape
    key = load_or_create_key(built.home / "keys")
    name = f"records/{_annual(built)}.json"
    doc = json.loads(tamper.member(content, name))
    doc["computed"]["total_tce"] = "714.3"
    return tamper.resign(content, key, changes={name: canonical_json(doc)})


def _foreign_record_signed(content: bytes, built: Built) -> bytes:
    """A record of another organisation inside this sender's package."""
    key = load_or_create_key(built.home / "keys")
    name = f"records/{_annual(built)}.json"
    doc = json.loads(tamper.member(content, name))
    doc["org_id"] = doc["org"]["org_id"] = "91350100M000100Y43"
    return tamper.resign(content, key, changes={name: canonical_json(doc)})


def _manifest_not_json(content: bytes, built: Built) -> bytes:
    key = load_or_create_key(built.home / "keys")
    data = b"{not json"
    import base64

    members = [(i, data if i.filename == "manifest.json" else
                (base64.b64encode(key.sign(data)) if i.filename == "manifest.sig" else d))
               for i, d in tamper.read_members(content)]
    return tamper.write_members(members)


def _wrong_format(content: bytes, built: Built) -> bytes:
    key = load_or_create_key(built.home / "keys")
    return tamper.resign(content, key, manifest_changes={"format": "something-else"})


def _bad_sender_code(content: bytes, built: Built) -> bytes:
    key = load_or_create_key(built.home / "keys")
    sender = {**tamper.manifest(content)["sender"], "org_id": "../../etc"}
    return tamper.resign(content, key, manifest_changes={"sender": sender})


Case = tuple[str, Callable[[bytes, Built], bytes], type[PackageError], str, PackageLimits | None]
CASES: list[Case] = [
    ("changed byte in a record", _changed_record, FileMismatchError, "file_hash", None),
    ("changed byte in a PDF", _changed_pdf, FileMismatchError, "file_hash", None),
    ("changed manifest", _changed_manifest, SignatureError, "signature_invalid", None),
    ("missing file", _missing_file, FileMismatchError, "file_missing", None),
    ("missing signature", _missing_signature, SignatureError, "signature_missing", None),
    ("extra file", _extra_file, FileMismatchError, "file_extra", None),
    ("extra file outside the layout", _extra_unexpected, UnsafeMemberError, "unexpected_member", None),
    ("signature by another key", _other_key_signature, SignatureError, "signature_invalid", None),
    ("replaced public key", _replaced_public_key, SignatureError, "signature_invalid", None),
    ("'..' path", _parent_path, UnsafeMemberError, "parent_path", None),
    ("absolute path", _absolute_path, UnsafeMemberError, "absolute_path", None),
    ("drive letter", _drive_path, UnsafeMemberError, "drive_path", None),
    ("backslash", _backslash_path, UnsafeMemberError, "backslash_path", None),
    ("symlink", _symlink, UnsafeMemberError, "link", None),
    ("folder member", _folder_member, UnsafeMemberError, "not_regular", None),
    ("duplicate member", _duplicate_member, UnsafeMemberError, "duplicate_member", None),
    ("member over the size limit", lambda c, b: c, LimitError, "member_too_large",
     PackageLimits(max_member_bytes=20_000)),
    ("ratio over 100:1", _ratio_bomb, LimitError, "ratio_too_high", None),
    ("too many members", lambda c, b: c, LimitError, "too_many_members", PackageLimits(max_members=5)),
    ("total expanded size", lambda c, b: c, LimitError, "total_too_large", PackageLimits(max_total_bytes=100_000)),
    ("package over the size limit", lambda c, b: c, LimitError, "package_too_large",
     PackageLimits(max_package_bytes=10_000)),
    ("not a ZIP", _not_zip, NotAPackageError, "not_zip", None),
    ("empty file", _empty, NotAPackageError, "not_zip", None),
    ("truncated ZIP", _truncated, NotAPackageError, "damaged_zip", None),
    ("manifest not JSON", _manifest_not_json, ManifestError, "manifest_invalid", None),
    ("manifest of another format", _wrong_format, ManifestError, "manifest_format", None),
    ("sender code neither credit code nor division code", _bad_sender_code, ManifestError, "manifest_format",
     None),
    ("record failing validation (signed)", _invalid_record_signed, RecordFileError, "record_validation", None),
    ("warning without justification (signed)", _unjustified_warning_signed, RecordFileError,
     "record_validation", None),
    ("computed value of the wrong type (signed)", _computed_forged_signed, RecordFileError, "record_computed", None),
    ("record of another organisation (signed)", _foreign_record_signed, RecordFileError, "record_sender", None),
]


@pytest.mark.parametrize(("case", "build", "error", "reason", "limits"), CASES, ids=[c[0] for c in CASES])
def test_tampered_package_is_refused_and_changes_nothing(county, enterprise_package, case, build, error,
                                                         reason, limits):
    bad = build(enterprise_package.content, enterprise_package)
    kwargs = {"limits": limits} if limits else {}
    with pytest.raises(error) as caught:
        verify_bytes(bad, "bad.lcpkg", **kwargs)
    assert caught.value.reason == reason, caught.value.message_en
    assert caught.value.message_zh and caught.value.message_en and caught.value.message_zh != caught.value.message_en
    assert "bad.lcpkg" in caught.value.message_en and "\n" not in caught.value.message_en + caught.value.message_zh
    before = county.dump()
    with pytest.raises(error) as caught:
        import_package(county.store, bad, "县审核员", **kwargs)
    assert caught.value.reason == reason
    assert county.dump() == before


def test_each_reason_is_distinct():
    """No two cases share both exception type and reason unless they are the same check."""
    reasons = {(c[2], c[3]) for c in CASES}
    assert len(reasons) >= 20


def test_declared_sizes_are_not_trusted(enterprise_package):
    """A central directory that understates a member's size (to slip under the limits) gets
    no further than the declared size: the read is capped and the member refused."""
    content = enterprise_package.content
    name = b"reports/submission.xlsx"
    entry = content.rfind(b"PK\x01\x02", 0, content.rfind(name))
    declared = struct.unpack("<I", content[entry + 24:entry + 28])[0]
    assert declared > 1000
    forged = content[:entry + 24] + struct.pack("<I", 10) + content[entry + 28:]
    with pytest.raises(PackageError) as caught:
        verify_bytes(forged, "forged.lcpkg", limits=PackageLimits(max_member_bytes=declared - 1))
    assert caught.value.reason in ("member_too_large", "damaged_zip")


def test_key_replaced_and_resigned_is_refused_at_import_until_accepted(county, enterprise_package):
    """Another key re-signs a changed package: it verifies by itself, but the county pinned the
    sender's first key and refuses, showing both fingerprints, until an officer accepts."""
    import_package(county.store, enterprise_package.content, "县审核员")
    attacker = InstallationKey.generate()
    name = f"records/{_annual(enterprise_package)}.json"
    forged = tamper.resign(enterprise_package.content, attacker,
                           manifest_changes={"created_at": "2026-03-02T09:30:00+08:00"})
    verified = verify_bytes(forged, "forged.lcpkg")
    assert verified.fingerprint == attacker.fingerprint
    before = county.dump()
    with pytest.raises(TrustError) as caught:
        import_package(county.store, forged, "县审核员")
    assert caught.value.reason == "key_changed"
    assert enterprise_package.fingerprint in caught.value.message_en
    assert attacker.fingerprint in caught.value.message_en
    assert "\n" not in caught.value.message_en and "\n" not in caught.value.message_zh  # one line
    assert county.dump() == before
    result = import_package(county.store, forged, "县审核员", accept_new_key=True)
    assert result.key_status == "accepted_new" and result.previous_fingerprint == enterprise_package.fingerprint
    assert result.present == enterprise_package.record_ids and not result.added
    log = county.store.audit_log_for_org(enterprise_package.org["org_id"])
    accepted = [e for e in log if e["action"] == "key.accept_new"]
    assert accepted and attacker.fingerprint in accepted[0]["new_value"] and accepted[0]["operator"] == "县审核员"
    assert name  # the record itself was unchanged: the same record id is simply "present"
