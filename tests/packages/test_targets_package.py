"""A county's targets travel in its package (``targets.json``), verified strictly; the province
stores them with the sending county as ``set_by``."""

from __future__ import annotations

import json

import pytest

from lowcarbon_desk.domain.records import canonical_json
from lowcarbon_desk.domain.targets import Target
from lowcarbon_desk.packages.create import create_submission_package
from lowcarbon_desk.packages.errors import FileMismatchError, RecordFileError
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.verify import verify_bytes
from lowcarbon_desk.storage.targets import list_targets, set_target

from . import tamper
from .offices import COUNTY_ID, FAST, PROVINCE_ID, county_org, county_pilot, open_office

TARGETS = "targets.json"


@pytest.fixture
def sent(tmp_path):
    """The county's package with two targets, and the province's office."""
    county, province = open_office(tmp_path, "county"), open_office(tmp_path, "province")
    county.store.add_orgs([county_org()], "县审核员")
    county_pilot(county.store, baseline_year=2025)
    set_target(county.store, Target(COUNTY_ID, 2025, 2020, 18, 13.5, 1_200_000, None), "县审核员")
    set_target(county.store, Target(COUNTY_ID, 2030, 2020, 30, 25, None, 25), "县审核员")
    made = create_submission_package(county.store, COUNTY_ID, tmp_path / "up", operator="县审核员",
                                     period="2025", key=county.key, renderers=FAST)
    province.store.add_orgs([county_org(PROVINCE_ID) | {"name": "示例省"}], "省审核员")
    yield county, province, made.path.read_bytes()
    county.store.close()
    province.store.close()


def test_round_trip_county_to_province(sent) -> None:
    _county, province, content = sent
    doc = json.loads(tamper.member(content, TARGETS))
    assert tamper.manifest(content)["files"][TARGETS]
    assert [(t["year"], t["co2_intensity_cut_pct"]) for t in doc["targets"]] == [(2025, 18), (2030, 30)]
    assert [t.year for t in verify_bytes(content).targets] == [2025, 2030]
    path = province.home / "county.lcpkg"
    path.write_bytes(content)
    shown = province.cli("package", "verify", "--json", str(path))
    assert shown.returncode == 0, shown.stderr
    assert [(t["year"], t["energy_cap_tce"]) for t in json.loads(shown.stdout)["targets"]] == [
        (2025, 1_200_000), (2030, None)]
    assert "targets (targets.json): 2025 (base year 2020), 2030 (base year 2020)" in province.cli(
        "package", "verify", str(path)).stdout
    import_package(province.store, content, "省审核员")
    received = list_targets(province.store)
    assert [(t.division, t.year, t.base_year, t.energy_cap_tce, t.non_fossil_share_pct, t.set_by)
            for t in received] == [(COUNTY_ID, 2025, 2020, 1_200_000, None, COUNTY_ID),
                                   (COUNTY_ID, 2030, 2020, None, 25, COUNTY_ID)]
    log = [e for e in province.store.audit_log_for_org(COUNTY_ID) if e["action"] == "target.set"]
    assert log and {e["operator"] for e in log} == {"省审核员"}


def _resigned(county, content: bytes, data: bytes) -> bytes:
    return tamper.resign(content, county.key, changes={TARGETS: data})


def _doc(content: bytes) -> dict:
    return json.loads(tamper.member(content, TARGETS))


@pytest.mark.parametrize(("change", "words"), [
    (lambda d: d["targets"][0].update(division="350103"), "targets[0] belongs to 350103, not to the sender"),
    (lambda d: d.update(division="350103"), "belongs to 350103, not to the sender 350102"),
    (lambda d: d["targets"][0].update(co2_intensity_cut_pct=150), "targets[0]: CO2-intensity cut: 150 is not within 0..100"),
    (lambda d: d["targets"][1].update(year=2020), "targets[1]: target year: 2020 must be after"),
    (lambda d: d["targets"][1].update(year=2025), "target year 2025 appears twice"),
    (lambda d: d["targets"][0].update(energy_cap_tce="1e9"), "not a number"),
    (lambda d: d["targets"][0].update(set_by="someone"), "targets[0] has the wrong keys"),
    (lambda d: d.update(version=2), "is not lowcarbon-desk-targets version 1"),
])
def test_hostile_targets_refused_nothing_stored(sent, change, words) -> None:
    county, province, content = sent
    doc = _doc(content)
    change(doc)
    bad = _resigned(county, content, canonical_json(doc))
    before = province.dump()
    with pytest.raises(RecordFileError) as caught:
        import_package(province.store, bad, "省审核员")
    assert caught.value.reason == "targets_file" and TARGETS in caught.value.message_en
    assert words in caught.value.message_en and "\n" not in caught.value.message_zh
    assert province.dump() == before


def test_not_canonical_duplicate_keys_and_tampering(sent) -> None:
    county, _province, content = sent
    original = tamper.member(content, TARGETS)
    spaced = json.dumps(_doc(content), indent=1).encode()
    with pytest.raises(RecordFileError, match="not canonical JSON"):
        verify_bytes(_resigned(county, content, spaced))
    twice = original.replace(b'{"division":', b'{"division":"350102","division":', 1)
    with pytest.raises(RecordFileError, match="appears twice"):
        verify_bytes(_resigned(county, content, twice))
    changed = tamper.replace_member(content, TARGETS, original.replace(b'"co2_intensity_cut_pct":18',
                                                                       b'"co2_intensity_cut_pct":10'))
    with pytest.raises(FileMismatchError) as caught:
        verify_bytes(changed)
    assert caught.value.reason == "file_hash"


def test_only_a_county_package_may_carry_targets(enterprise_package) -> None:
    from lowcarbon_desk.packages.keys import load_or_create_key

    key = load_or_create_key(enterprise_package.home / "keys")
    doc = {"division": COUNTY_ID, "format": "lowcarbon-desk-targets", "targets": [], "version": 1}
    smuggled = tamper.resign(enterprise_package.content, key, changes={TARGETS: canonical_json(doc)})
    with pytest.raises(FileMismatchError) as caught:
        verify_bytes(smuggled)
    assert caught.value.reason == "file_extra" and TARGETS in caught.value.message_en
