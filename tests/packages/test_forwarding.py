"""The county's package upward: its roll-up, the enterprise packages it forwards (no duplicate or
superseded ones), and nested packages taken oldest first so a key change is met in order."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest

from lowcarbon_desk.packages.create import create_submission_package, standard_rollup
from lowcarbon_desk.packages.errors import FileMismatchError
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.keys import InstallationKey
from lowcarbon_desk.packages.verify import verify_bytes, verify_file
from lowcarbon_desk.storage import Store

from . import tamper
from .offices import (
    COUNTY_ID,
    FAST,
    county_org,
    county_pilot,
    electricity_line,
    enterprise_org,
    open_office,
)

TZ = dt.timezone(dt.timedelta(hours=8))
ROLLUP = ("reports/rollup.pdf", "reports/rollup.xlsx")


def _ok(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def _at(day: int, month: int = 3, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, 9, 30, second, tzinfo=TZ)


def _send(office, org_id, folder, *, period="2025", when, key=None):
    """An enterprise package written to ``folder`` (made through the API: fast renderers, a fixed
    creation time)."""
    folder.mkdir(parents=True, exist_ok=True)
    return create_submission_package(office.store, org_id, folder, operator="企业填报员", period=period,
                                     key=key or office.key, renderers=FAST, now=when)


def _revise(office, record_id: str) -> str:
    new = office.store.revise(record_id, "企业填报员")
    data = office.store.get_record(new)["data"]
    data["value_added_10k_yuan"] = data["value_added_10k_yuan"] + 10
    office.store.update_record(new, data, "企业填报员")
    office.store.submit(new, "企业填报员")
    return new


def _monthly(store, org_id, period, value_added=4300):
    """A submitted energy report of ``period`` (a month, or the year)."""
    record_id = store.add_record("energy_report", org_id, {
        "period": period, "gross_output_10k_yuan": value_added * 3, "value_added_10k_yuan": value_added,
        "lines": [electricity_line(20)]}, "企业填报员")
    for issue in store.issues(record_id):
        if issue.severity == "warning" and not issue.justification:
            store.justify(record_id, issue.rule, "已核实", "企业填报员", field=issue.field)
    store.submit(record_id, "企业填报员")
    return record_id


@pytest.fixture
def offices(tmp_path):
    enterprise, county, province = (open_office(tmp_path, n) for n in ("enterprise", "county", "province"))
    org = enterprise_org(1)
    enterprise.store.add_orgs([county_org(), org], "企业填报员")
    county.store.add_orgs([county_org()], "县审核员")
    yield enterprise, county, province, org["org_id"]
    for office in (enterprise, county, province):
        office.store.close()


def test_county_package_holds_its_rollup_verified_like_every_file(offices, tmp_path):
    enterprise, county, province, org_id = offices
    ids = [_monthly(enterprise.store, org_id, f"2025-{m:02d}") for m in (1, 2)]
    sent = _send(enterprise, org_id, tmp_path / "e", when=_at(1))
    _ok(county.cli("package", "import", str(sent.path)))
    for record_id in ids:
        _ok(county.cli("review", record_id, "--accept"))
    county_pilot(county.store, baseline_year=2025)
    up = tmp_path / "up"
    up.mkdir()
    out = _ok(county.cli("package", "create", "--org", COUNTY_ID, "--period", "2025-02", "-o", str(up)))
    assert "county roll-up 2025: reports/rollup.pdf, reports/rollup.xlsx" in out
    path = next(up.glob("*.lcpkg"))
    content = path.read_bytes()
    manifest = tamper.manifest(content)
    pdf, xlsx = (tamper.member(content, name) for name in ROLLUP)
    assert manifest["files"][ROLLUP[0]] == hashlib.sha256(pdf).hexdigest()
    assert manifest["files"][ROLLUP[1]] == hashlib.sha256(xlsx).hexdigest()
    assert pdf.startswith(b"%PDF") and zipfile.ZipFile(io.BytesIO(xlsx)).testzip() is None
    # the standard roll-up of the period's year, as `export rollup` makes it (deterministic)
    assert (pdf, xlsx) == standard_rollup(county.store, COUNTY_ID, 2025)
    assert [n.sha256 for n in verify_bytes(content).nested] == [sent.sha256]
    shown = json.loads(_ok(province.cli("package", "verify", "--json", str(path))))
    assert shown["rollup"] == list(ROLLUP)
    assert "county roll-up: reports/rollup.pdf, reports/rollup.xlsx" in _ok(province.cli("package", "verify", str(path)))

    # verified like every file: changed, dropped, or in an enterprise's package
    changed = tamper.replace_member(content, ROLLUP[0], tamper.flip_byte(pdf, len(pdf) // 2))
    with pytest.raises(FileMismatchError) as caught:
        verify_bytes(changed)
    assert caught.value.reason == "file_hash" and ROLLUP[0] in caught.value.message_en
    doc = tamper.manifest(content)
    del doc["files"][ROLLUP[1]]
    dropped = tamper.resign(tamper.drop_member(content, ROLLUP[1]), county.key, manifest_changes={"files": doc["files"]})
    with pytest.raises(FileMismatchError) as caught:
        verify_bytes(dropped)
    assert caught.value.reason == "file_missing" and ROLLUP[1] in caught.value.message_en
    smuggled = tamper.resign(sent.path.read_bytes(), enterprise.key, changes={ROLLUP[0]: pdf})
    with pytest.raises(FileMismatchError) as caught:
        verify_bytes(smuggled)
    assert caught.value.reason == "file_extra"

    bad = tmp_path / "changed.lcpkg"
    bad.write_bytes(changed)
    before = province.dump()
    refused = province.cli("package", "import", str(bad))
    assert refused.returncode == 1 and "reports/rollup.pdf was changed" in refused.stderr
    assert province.dump() == before
    _ok(province.cli("package", "import", str(path)))


def test_only_the_packages_needed_for_the_accepted_latest_revisions_are_forwarded(offices, tmp_path):
    enterprise, county, province, org_id = offices
    annual_r1 = _monthly(enterprise.store, org_id, "2025", value_added=52000)
    march_r1 = _monthly(enterprise.store, org_id, "2025-03")
    april = _monthly(enterprise.store, org_id, "2025-04")
    first = _send(enterprise, org_id, tmp_path / "1", when=_at(1))       # annual r1, March r1, April
    again = _send(enterprise, org_id, tmp_path / "2", when=_at(2))       # the same revisions again
    march = _send(enterprise, org_id, tmp_path / "3", period="2025-03", when=_at(3))  # March r1 only
    _ok(county.cli("package", "import", str(first.path), str(again.path), str(march.path)))
    for record_id in (annual_r1, march_r1, april):
        _ok(county.cli("review", record_id, "--accept"))
    annual_r2, march_r2 = _revise(enterprise, annual_r1), _revise(enterprise, march_r1)
    latest = _send(enterprise, org_id, tmp_path / "4", when=_at(4))      # annual r2, March r2, April
    _ok(county.cli("package", "import", str(latest.path)))
    for record_id in (annual_r2, march_r2):
        _ok(county.cli("review", record_id, "--accept"))

    up = tmp_path / "up"
    up.mkdir()
    made = county.cli("package", "create", "--org", COUNTY_ID, "--period", "2025", "-o", str(up))
    assert made.returncode == 0, made.stderr
    assert f"forwarding the package of {org_id}" in made.stdout
    notes = {line.split("not forwarded: the package ")[1].split(" ")[0]: line
             for line in made.stderr.splitlines() if "not forwarded" in line}
    assert set(notes) == {first.path.name, again.path.name, march.path.name}
    assert f"travels in the forwarded package(s) {latest.path.name}" in notes[first.path.name]
    assert f"travels in the forwarded package(s) {latest.path.name}" in notes[again.path.name]
    assert "every record in it is superseded by a newer revision" in notes[march.path.name]
    verified = verify_file(next(up.glob("*.lcpkg")))
    assert [n.sha256 for n in verified.nested] == [latest.sha256]

    # an older package still carrying an accepted latest revision no newer one carries is kept
    may = _monthly(enterprise.store, org_id, "2025-05")
    only_may = _send(enterprise, org_id, tmp_path / "5", period="2025-05", when=_at(5))
    _ok(county.cli("package", "import", str(only_may.path)))
    _ok(county.cli("review", may, "--accept"))
    june = _monthly(enterprise.store, org_id, "2025-06")
    only_june = _send(enterprise, org_id, tmp_path / "6", period="2025-06", when=_at(6))
    _ok(county.cli("package", "import", str(only_june.path)))
    _ok(county.cli("review", june, "--accept"))
    made = create_submission_package(county.store, COUNTY_ID, tmp_path / "up2.lcpkg", operator="县审核员",
                                     period="2025", key=county.key, renderers=FAST)
    assert [n["sha256"] for n in made.nested] == [latest.sha256, only_may.sha256, only_june.sha256]
    assert {r["reason"] for r in made.left_out} == {"duplicate", "superseded"}
    result = import_package(province.store, made.path, "省审核员")
    assert {r for inner in result.nested for r in inner.added} == {annual_r2, march_r2, april, may, june}


def test_nested_packages_are_imported_oldest_first_across_a_key_change(offices, tmp_path):
    """The enterprise changed keys between two packages; the county accepted the change. The
    province, importing the county's package with --accept-new-key, ends pinned to the newer key
    whatever the hashes of the two packages (the order the files are listed in)."""
    enterprise, county, province, org_id = offices
    january = _monthly(enterprise.store, org_id, "2025-01")
    february = _monthly(enterprise.store, org_id, "2025-02")
    old_key, new_key = enterprise.key, InstallationKey.generate()
    for second in range(60):  # an old package in the upper half of hashes, so a newer one below it is likely
        old = _send(enterprise, org_id, tmp_path / f"old{second}", period="2025-01",
                    when=_at(10, month=1, second=second), key=old_key)
        if old.sha256 >= "8":
            break
    for second in range(60):  # the newer package sorts first by hash: import order by hash would be wrong
        new = _send(enterprise, org_id, tmp_path / f"new{second}", period="2025-02",
                    when=_at(10, month=2, second=second), key=new_key)
        if new.sha256 < old.sha256:
            break
    assert new.sha256 < old.sha256

    _ok(county.cli("package", "import", str(old.path)))
    refused = county.cli("package", "import", str(new.path))
    assert refused.returncode == 1 and "signed by a different key" in refused.stderr
    assert "accepted the new key" in _ok(county.cli("package", "import", "--accept-new-key", str(new.path)))
    for record_id in (january, february):
        _ok(county.cli("review", record_id, "--accept"))
    up = tmp_path / "up"
    up.mkdir()
    _ok(county.cli("package", "create", "--org", COUNTY_ID, "--period", "2025", "-o", str(up)))
    package = next(up.glob("*.lcpkg"))
    shown = json.loads(_ok(province.cli("package", "verify", "--json", str(package))))
    assert [p["sha256"] for p in shown["packages"]] == [old.sha256, new.sha256]
    assert [p["fingerprint"] for p in shown["packages"]] == [old_key.fingerprint, new_key.fingerprint]

    before = province.dump()
    refused = province.cli("package", "import", str(package))
    assert refused.returncode == 1 and "signed by a different key" in refused.stderr
    assert province.dump() == before
    out = _ok(province.cli("package", "import", "--accept-new-key", str(package)))
    assert f"accepted the new key {new_key.fingerprint} (was {old_key.fingerprint})" in out
    store = Store.open(province.db_path)
    try:
        pinned = {r["org_id"]: r["fingerprint"] for r in store.db.query("SELECT * FROM pinned_keys")}
        assert pinned[org_id] == new_key.fingerprint
        log = [(e["action"], e["new_value"]) for e in store.audit_log_for_org(org_id) if e["action"].startswith("key.")
               and e["field_path"] == "fingerprint"]
        assert [a for a, _ in log] == ["key.pin", "key.accept_new"]
        assert new_key.fingerprint in log[-1][1]
        assert {store.get_record(r)["state"] for r in (january, february)} == {"submitted"}
    finally:
        store.close()
