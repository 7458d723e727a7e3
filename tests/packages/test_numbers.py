"""Numbers no record can hold (1e400, a 1 followed by 400 zeros, NaN, Infinity), duplicate keys
and deep nesting in a signed package: refused naming the package, the member and the field, in
verify and import, never an ``OverflowError`` or a traceback."""

from __future__ import annotations

import base64
import zipfile

import pytest

from lowcarbon_desk.domain.records import canonical_json
from lowcarbon_desk.packages.errors import ManifestError, RecordFileError
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.keys import load_or_create_key
from lowcarbon_desk.packages.verify import verify_bytes

from . import tamper
from .conftest import Built

FIELD = b'"value_added_10k_yuan":52000'
NUMBERS = {
    "1e400": b"1e400",
    "1 and 400 zeros": b"1" + b"0" * 400,
    "5,000 digits": b"9" * 5000,
    "NaN": b"NaN",
    "Infinity": b"Infinity",
    "-Infinity": b"-Infinity",
    "-1e999": b"-1e999",
}


def _with_record_bytes(built: Built, data: bytes) -> bytes:
    name = f"records/{built.annual_id}.json"
    return tamper.resign(built.content, load_or_create_key(built.home / "keys"), changes={name: data})


def _record(built: Built) -> bytes:
    return tamper.member(built.content, f"records/{built.annual_id}.json")


@pytest.mark.parametrize("number", list(NUMBERS), ids=list(NUMBERS))
def test_out_of_range_number_in_a_record_names_member_and_field(county, enterprise_package, number):
    record = _record(enterprise_package)
    assert FIELD in record
    bad = _with_record_bytes(enterprise_package, record.replace(FIELD, b'"value_added_10k_yuan":' + NUMBERS[number]))
    member = f"records/{enterprise_package.annual_id}.json"
    with pytest.raises(RecordFileError) as caught:
        verify_bytes(bad, "bad.lcpkg")
    error = caught.value
    assert error.reason == "record_field"
    for message in (error.message_en, error.message_zh):
        assert "bad.lcpkg" in message and member in message and "data.value_added_10k_yuan" in message
    assert "out of range" in error.message_en and "超出范围" in error.message_zh
    before = county.dump()
    with pytest.raises(RecordFileError) as caught:
        import_package(county.store, bad, "县审核员")
    assert caught.value.reason == "record_field"
    assert county.dump() == before


def test_cli_says_one_line_for_a_huge_number(tmp_path, county, enterprise_package):
    record = _record(enterprise_package)
    bad = tmp_path / "huge.lcpkg"
    bad.write_bytes(_with_record_bytes(enterprise_package,
                                       record.replace(FIELD, b'"value_added_10k_yuan":1' + b"0" * 400)))
    before = county.dump()
    for action, lang in (("verify", "en"), ("import", "en"), ("verify", "zh"), ("import", "zh")):
        result = county.cli("package", action, str(bad), lang=lang)
        assert result.returncode == 1, result.stdout
        assert "Traceback" not in result.stderr and "OverflowError" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "huge.lcpkg" in lines[0] and "data.value_added_10k_yuan" in lines[0]
    assert county.dump() == before


def test_deep_nesting_in_a_record_is_refused(enterprise_package):
    record = _record(enterprise_package)
    for depth, expected in ((40, "nests deeper than 32 levels"), (100_000, "nests too deeply")):
        nested = b"[" * depth + b"1" + b"]" * depth
        bad = _with_record_bytes(enterprise_package, record.replace(FIELD, b'"value_added_10k_yuan":' + nested))
        members = tamper.read_members(bad)
        for info, _ in members:  # stored, so brackets that deflate 1000:1 stay within the ratio limit
            info.compress_type = zipfile.ZIP_STORED
        with pytest.raises(RecordFileError) as caught:
            verify_bytes(tamper.write_members(members), "deep.lcpkg")
        assert expected in caught.value.message_en, depth


def test_lone_surrogate_in_a_record_names_the_field(enterprise_package):
    record = _record(enterprise_package)
    bad = _with_record_bytes(enterprise_package, record.replace(b'"period":"2025"', b'"period":"\\ud800"', 1))
    with pytest.raises(RecordFileError) as caught:
        verify_bytes(bad, "bad.lcpkg")
    assert caught.value.reason == "record_field" and "lone surrogate" in caught.value.message_en


def test_out_of_range_number_in_the_manifest_names_the_field(enterprise_package):
    key = load_or_create_key(enterprise_package.home / "keys")
    data = canonical_json(tamper.manifest(enterprise_package.content)).replace(
        b'"format_version":1', b'"format_version":1e400')
    signature = base64.b64encode(key.sign(data))
    bad = tamper.write_members([(i, data if i.filename == "manifest.json" else
                                 signature if i.filename == "manifest.sig" else d)
                                for i, d in tamper.read_members(enterprise_package.content)])
    with pytest.raises(ManifestError) as caught:
        verify_bytes(bad, "bad.lcpkg")
    assert caught.value.reason == "manifest_invalid"
    assert "format_version" in caught.value.message_en and "manifest.json" in caught.value.message_en
