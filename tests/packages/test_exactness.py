"""The archive is exactly what the signed manifest lists, byte for byte; the manifest is
canonical JSON with each key once; every report belongs to a listed record; import is
idempotent by content, not by file bytes."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable

import pytest

from lowcarbon_desk.domain.records import canonical_json
from lowcarbon_desk.packages.errors import (
    ArchiveLayoutError,
    FileMismatchError,
    ManifestError,
    PackageError,
)
from lowcarbon_desk.packages.importer import ALREADY_IMPORTED, import_package
from lowcarbon_desk.packages.keys import load_or_create_key
from lowcarbon_desk.packages.verify import verify_bytes

from . import hostile, tamper, zipbytes
from .conftest import Built

UNKNOWN_RECORD = "00000000-0000-4000-8000-000000000000"


def _key(built: Built):
    return load_or_create_key(built.home / "keys")


def _signed_manifest(content: bytes, built: Built, manifest_bytes: bytes) -> bytes:
    """The package with ``manifest_bytes`` as its manifest, signed by the sender's own key."""
    signature = base64.b64encode(_key(built).sign(manifest_bytes))
    return tamper.write_members([(i, manifest_bytes if i.filename == "manifest.json" else
                                  signature if i.filename == "manifest.sig" else d)
                                 for i, d in tamper.read_members(content)])


def _indented_manifest(content: bytes, built: Built) -> bytes:
    doc = tamper.manifest(content)
    return _signed_manifest(content, built, json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode())


def _two_senders(content: bytes, built: Built) -> bytes:
    doc = tamper.manifest(content)
    other = canonical_json({"name": "冒名单位", "operator": "x", "org_id": "91110000802100433B"})
    data = canonical_json(doc).replace(b'"sender":{', b'"sender":' + other + b',"sender":{', 1)
    return _signed_manifest(content, built, data)


def _unknown_manifest_key(content: bytes, built: Built) -> bytes:
    return tamper.resign(content, _key(built), manifest_changes={"zz_note": "hidden"})


def _orphan_report(content: bytes, built: Built) -> bytes:
    return tamper.resign(content, _key(built), changes={f"reports/{UNKNOWN_RECORD}.pdf": b"%PDF-1.4 for no record"})


def _first_member_name(content: bytes) -> str:
    return min(zipbytes.entries(content), key=lambda e: e["offset"])["name"]


def _extra_field(content: bytes, built: Built) -> bytes:
    members = tamper.read_members(content)
    members[-1][0].extra = b"UT\x05\x00\x01\x00\x00\x00\x00"  # an Info-ZIP timestamp, as zip tools add
    return tamper.write_members(members)


Case = tuple[str, Callable[[bytes, Built], bytes], type[PackageError], str]
CASES: list[Case] = [
    ("bytes after the archive", lambda c, b: c + b"\0" * 100, ArchiveLayoutError, "extra_bytes"),
    ("a second archive appended", lambda c, b: c + c, ArchiveLayoutError, "extra_bytes"),
    ("ZIP comment", lambda c, b: zipbytes.with_comment(c, b"forwarded by the county"), ArchiveLayoutError,
     "zip_comment"),
    ("one-byte ZIP comment", lambda c, b: zipbytes.with_comment(c, b"x"), ArchiveLayoutError, "zip_comment"),
    ("bytes before the first member", lambda c, b: zipbytes.prepend(c, b"MZ" + b"\0" * 62), ArchiveLayoutError,
     "extra_bytes"),
    ("bytes between members", lambda c, b: zipbytes.between(c, b"\0" * 16), ArchiveLayoutError, "extra_bytes"),
    ("local entry outside the central directory",
     lambda c, b: zipbytes.hidden_entry(c, "records/hidden.json", b'{"hidden":true}'), ArchiveLayoutError,
     "extra_bytes"),
    ("two entries on one local header", lambda c, b: zipbytes.overlapping(c, "manifest.sig"), ArchiveLayoutError,
     "overlapping_members"),
    ("local header time differs", lambda c, b: zipbytes.local_field(c, _first_member_name(c), 10, b"\x00\x00"),
     ArchiveLayoutError, "header_mismatch"),
    ("local header name differs", lambda c, b: zipbytes.local_field(c, "manifest.json", 30, b"Manifest"),
     ArchiveLayoutError, "header_mismatch"),
    ("ZIP64 end record", lambda c, b: zipbytes.as_zip64(c), ArchiveLayoutError, "zip64"),
    ("end record understates the count", lambda c, b: zipbytes.stated_count(c, 2), ArchiveLayoutError,
     "directory_size"),
    ("data descriptors", lambda c, b: zipbytes.with_data_descriptors(c), ArchiveLayoutError, "data_descriptor"),
    ("extra field", _extra_field, ArchiveLayoutError, "extra_field"),
    ("manifest not canonical (signed)", _indented_manifest, ManifestError, "manifest_not_canonical"),
    ("manifest with two senders (signed)", _two_senders, ManifestError, "manifest_invalid"),
    ("manifest with a key outside the format (signed)", _unknown_manifest_key, ManifestError, "manifest_format"),
    ("listed report for no record (signed)", _orphan_report, FileMismatchError, "orphan_report"),
]


@pytest.mark.parametrize(("case", "build", "error", "reason"), CASES, ids=[c[0] for c in CASES])
def test_inexact_package_is_refused_and_changes_nothing(county, enterprise_package, case, build, error, reason):
    bad = build(enterprise_package.content, enterprise_package)
    with pytest.raises(error) as caught:
        verify_bytes(bad, "bad.lcpkg")
    assert caught.value.reason == reason, caught.value.message_en
    assert "bad.lcpkg" in caught.value.message_en and "bad.lcpkg" in caught.value.message_zh
    assert "\n" not in caught.value.message_en
    before = county.dump()
    with pytest.raises(error):
        import_package(county.store, bad, "县审核员")
    assert county.dump() == before


def test_zipfile_itself_opens_what_is_refused(enterprise_package):
    """Each archive case is still a ZIP the standard library reads (so the checks are ours)."""
    for case, build, _, _ in CASES[:14]:
        if case in ("two entries on one local header", "ZIP64 end record", "end record understates the count"):
            continue
        bad = build(enterprise_package.content, enterprise_package)
        with zipfile.ZipFile(io.BytesIO(bad)) as archive:
            assert "manifest.json" in archive.namelist(), case


def test_two_senders_names_the_key(enterprise_package):
    with pytest.raises(ManifestError) as caught:
        verify_bytes(_two_senders(enterprise_package.content, enterprise_package), "bad.lcpkg")
    assert "'sender' appears twice" in caught.value.message_en and "出现了两次" in caught.value.message_zh


def test_unlisted_member_is_refused_without_being_read(enterprise_package):
    """An extra member whose compressed data is garbage: refused as extra from the directory
    alone (reading it would have said "damaged")."""
    members = tamper.read_members(enterprise_package.content)
    content = tamper.write_members([*members, (f"records/{UNKNOWN_RECORD}.json", os.urandom(5000))])
    entry = next(e for e in zipbytes.entries(content) if e["name"].endswith(f"{UNKNOWN_RECORD}.json"))
    header = zipbytes.LOCAL.unpack_from(content, entry["offset"])
    data_at = entry["offset"] + zipbytes.LOCAL.size + header[9]
    garbage = content[:data_at] + b"\xff" * entry["compress_size"] + content[data_at + entry["compress_size"]:]
    with pytest.raises(FileMismatchError) as caught:
        verify_bytes(garbage, "bad.lcpkg")
    assert caught.value.reason == "file_extra"


def test_deflate_stream_with_bytes_after_its_end_is_refused(enterprise_package):
    """A member whose compressed size covers bytes after the end of its deflate stream."""
    content = enterprise_package.content
    name = "manifest.json"
    entry = next(e for e in zipbytes.entries(content) if e["name"] == name)
    header = zipbytes.LOCAL.unpack_from(content, entry["offset"])
    end_of_data = entry["offset"] + zipbytes.LOCAL.size + header[9] + header[7]
    grown = bytearray(zipbytes.insert(content, end_of_data, b"JUNK"))
    for position in (entry["offset"] + 18, next(e for e in zipbytes.entries(bytes(grown))
                                                if e["name"] == name)["at"] + 20):
        size = int.from_bytes(grown[position:position + 4], "little")
        grown[position:position + 4] = (size + 4).to_bytes(4, "little")
    with pytest.raises(ArchiveLayoutError) as caught:
        verify_bytes(bytes(grown), "bad.lcpkg")
    assert caught.value.reason == "extra_bytes" and name in caught.value.message_en


def test_declared_sizes_agreeing_but_false_are_caught_while_reading(enterprise_package):
    """Local header and directory both understate a member: the read stops at the declared
    size and refuses the member."""
    content = bytearray(enterprise_package.content)
    name = f"records/{enterprise_package.annual_id}.json"  # deflated
    entry = next(e for e in zipbytes.entries(bytes(content)) if e["name"] == name)
    for position in (entry["offset"] + 22, entry["at"] + 24):
        content[position:position + 4] = (10).to_bytes(4, "little")
    with pytest.raises(PackageError) as caught:
        verify_bytes(bytes(content), "forged.lcpkg")
    assert caught.value.reason == "member_too_large" and name in caught.value.message_en


def test_attachment_size_must_match_the_record(tmp_path):
    base = hostile.base_package(tmp_path)
    name = f"records/{base.pilot_id}.json"
    doc = tamper.record_doc(base.content, base.pilot_id)
    doc["data"]["attachments"][0]["size"] += 1
    forged = tamper.resign(base.content, base.key, changes={name: canonical_json(doc)})
    with pytest.raises(FileMismatchError) as caught:
        verify_bytes(forged, "bad.lcpkg")
    assert caught.value.reason == "attachment_size"
    verify_bytes(base.content)


def test_attachment_whose_content_is_not_its_type_is_refused(tmp_path):
    """A signed package whose pilot application carries a Windows program named ``.pdf``: the
    record's hash and size agree with the member, but the bytes do not start as a PDF does."""
    base = hostile.base_package(tmp_path)
    record_name = f"records/{base.pilot_id}.json"
    doc = tamper.record_doc(base.content, base.pilot_id)
    old = doc["data"]["attachments"][0]
    program = b"MZ\x90\x00" + bytes(200)
    digest = hashlib.sha256(program).hexdigest()
    doc["data"]["attachments"][0] = {**old, "sha256": digest, "size": len(program)}
    old_member = f"attachments/{old['sha256']}.pdf"
    new_member = f"attachments/{digest}.pdf"
    files = {k: v for k, v in tamper.manifest(base.content)["files"].items() if k != old_member}
    forged = tamper.resign(tamper.drop_member(base.content, old_member), base.key,
                           changes={record_name: canonical_json(doc), new_member: program},
                           manifest_changes={"files": files})
    with pytest.raises(FileMismatchError) as caught:
        verify_bytes(forged, "bad.lcpkg")
    assert caught.value.reason == "attachment_content" and new_member in caught.value.message_en
    assert "不是 PDF 文件" in caught.value.message_zh


def test_nested_package_must_be_stored_as_it_is(county, enterprise_package):
    county_key = load_or_create_key(county.home / "keys")
    nested = enterprise_package.content
    name = f"packages/{hashlib.sha256(nested).hexdigest()}.lcpkg"
    content = tamper.resign(enterprise_package.content, county_key, changes={name: nested})
    members = [(i, d) for i, d in tamper.read_members(content)]
    deflated = []
    for info, data in members:
        if info.filename == name:
            info.compress_type = zipfile.ZIP_DEFLATED
        deflated.append((info, data))
    with pytest.raises(PackageError):
        verify_bytes(tamper.write_members(deflated), "bad.lcpkg")


# --- idempotence by content ---------------------------------------------------------------------
def _counts(office) -> dict[str, int]:
    tables = ("imported_packages", "package_records", "records", "pinned_keys", "attachment_blobs", "audit_log")
    return {t: office.store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.mark.parametrize("variant", ["stored", "deflated, reordered"])
def test_rezipped_identical_package_is_already_imported(county, enterprise_package, variant):
    original = enterprise_package.content
    again = zipbytes.rezip(original, compression=zipfile.ZIP_STORED) if variant == "stored" \
        else zipbytes.rezip(original, level=1)
    assert again != original
    first = import_package(county.store, original, "县审核员")
    assert first.status == "imported"
    before, counts = county.dump(), _counts(county)
    result = import_package(county.store, again, "县审核员")
    assert result.status == ALREADY_IMPORTED and result.imported_at == first.imported_at
    assert county.dump() == before and _counts(county) == counts


def test_rezipped_copy_first_then_the_original(county, enterprise_package):
    again = zipbytes.rezip(enterprise_package.content)
    assert import_package(county.store, again, "县审核员").status == "imported"
    counts = _counts(county)
    assert import_package(county.store, enterprise_package.content, "县审核员").status == ALREADY_IMPORTED
    assert _counts(county) == counts


def test_package_with_extra_bytes_is_not_stored_as_a_second_copy(county, enterprise_package, tmp_path):
    good = tmp_path / "good.lcpkg"
    good.write_bytes(enterprise_package.content)
    padded = tmp_path / "padded.lcpkg"
    padded.write_bytes(enterprise_package.content + b"forwarded-with-extra-bytes")
    county.store.close()
    assert county.cli("package", "import", str(good)).returncode == 0
    before = county.dump()
    result = county.cli("package", "import", str(padded))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "padded.lcpkg" in lines[0] and "after the end of the ZIP archive" in lines[0]
    assert county.dump() == before
    zh = county.cli("package", "verify", str(padded), lang="zh")
    assert zh.returncode == 1 and "多余字节" in zh.stderr and len(zh.stderr.strip().splitlines()) == 1
