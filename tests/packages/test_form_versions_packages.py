"""Packages between installations that know different form versions (the real command line):
a package with the test's newer version of the energy report (``NEWER``, the newest shipped
version plus one) is refused by a county with only the shipped forms with "update the program",
nothing written; a package of the shipped version is imported by a county that knows both and its
records keep their version.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.versions import NEW_FIELD, NEWER, SHIPPED, shipped_and_newer, use_newer, use_shipped_only
from lowcarbon_desk.domain.forms import FORMS_DIR_ENV
from lowcarbon_desk.storage import Store

from .offices import Office, county_org, enterprise_org, fill_enterprise, open_office


def cli(office: Office, forms: str | None, *args: str, lang: str = "en") -> subprocess.CompletedProcess:
    """The office's command line as an installation with the shipped forms (``forms=None``) or more."""
    env = office.env()
    env.pop(FORMS_DIR_ENV, None)
    if forms:
        env[FORMS_DIR_ENV] = forms
    return subprocess.run([sys.executable, "-m", "lowcarbon_desk", "--db", str(office.db_path), "--lang", lang,
                           *args], capture_output=True, text=True, env=env, timeout=180)


def enterprise_package(root: Path, name: str, index: int, forms: str | None) -> tuple[Path, list[str]]:
    """An enterprise of an installation (its forms), its submitted year, and its package."""
    office = open_office(root, name)
    org = enterprise_org(index)
    office.store.add_orgs([county_org(), org], "企业填报员")
    ids = fill_enterprise(office.store, org, months=False, pilot=False)
    office.store.close()
    out = root / f"{name}-out"
    out.mkdir()
    made = cli(office, forms, "package", "create", "--org", org["org_id"], "--period", "2025", "-o", str(out))
    assert made.returncode == 0, made.stderr
    return next(out.glob("*.lcpkg")), ids


def county_office(root: Path, name: str) -> Office:
    office = open_office(root, name)
    office.store.add_orgs([county_org()], "县审核员")
    office.store.close()
    return office


def test_newer_package_refused_by_a_county_without_that_version(tmp_path: Path, monkeypatch) -> None:
    use_newer(monkeypatch)
    package, ids = enterprise_package(tmp_path, "newer", 1, shipped_and_newer())
    use_shipped_only(monkeypatch)
    county = county_office(tmp_path, "county")
    before = county.dump()
    for args in (("package", "verify", str(package)), ("package", "import", str(package))):
        for lang, needles in (("en", (f"form energy_report version {NEWER} is not known", "update the program")),
                              ("zh", (f"表单 energy_report 第 {NEWER} 版：本程序不认识", "请更新程序"))):
            result = cli(county, None, *args, lang=lang)
            assert result.returncode == 1, result.stdout
            assert all(n in result.stderr for n in needles), result.stderr
            assert package.name in result.stderr and "Traceback" not in result.stderr
    assert county.dump() == before
    assert len(ids) == 3


@pytest.mark.slow
def test_shipped_version_package_imported_by_a_county_knowing_both(tmp_path: Path, monkeypatch) -> None:
    use_shipped_only(monkeypatch)
    older, old_ids = enterprise_package(tmp_path, "older", 2, None)
    use_newer(monkeypatch)
    newer, new_ids = enterprise_package(tmp_path, "newer", 1, shipped_and_newer())
    county = county_office(tmp_path, "county")
    for package in (older, newer):
        result = cli(county, shipped_and_newer(), "package", "import", str(package))
        assert result.returncode == 0, result.stderr
    with Store.open(county.db_path) as store:
        versions = {i: store.get_record(i)["form_version"] for i in old_ids + new_ids
                    if store.get_record(i)["form"] == "energy_report"}
        assert sorted(versions.values()) == [SHIPPED, NEWER]
        assert versions[old_ids[0]] == SHIPPED and versions[new_ids[0]] == NEWER
        assert NEW_FIELD not in store.get_record(old_ids[0])["data"]
        assert NEW_FIELD in store.get_record(new_ids[0])["data"]
        assert all(store.get_record(i)["state"] == "submitted" for i in old_ids + new_ids)


def test_old_records_packaged_by_a_newer_installation_reach_an_older_county(tmp_path: Path, monkeypatch) -> None:
    """Records entered before the program learnt the newer version keep theirs in its packages."""
    use_shipped_only(monkeypatch)
    office = open_office(tmp_path, "enterprise")
    org = enterprise_org(3)
    office.store.add_orgs([county_org(), org], "企业填报员")
    ids = fill_enterprise(office.store, org, months=False, pilot=False)
    office.store.close()
    out = tmp_path / "out"
    out.mkdir()
    made = cli(office, shipped_and_newer(), "package", "create", "--org", org["org_id"], "--period", "2025", "-o", str(out))
    assert made.returncode == 0, made.stderr
    county = county_office(tmp_path, "county")
    result = cli(county, None, "package", "import", str(next(out.glob("*.lcpkg"))))
    assert result.returncode == 0, result.stderr
    with Store.open(county.db_path) as store:
        assert {store.get_record(i)["form_version"] for i in ids if store.get_record(i)["form"] == "energy_report"} \
            == {SHIPPED}
