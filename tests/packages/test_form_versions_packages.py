"""Packages between installations that know different form versions (the real command line):
a package with the test version 2 of the energy report is refused by a v1-only county with
"update the program", nothing written; a v1 package is imported by a v1+v2 county and its
records keep version 1.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.versions import NEW_FIELD, use_v1_only, use_v2, v1_and_v2
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


def test_v2_package_refused_by_v1_only_county(tmp_path: Path, monkeypatch) -> None:
    use_v2(monkeypatch)
    package, ids = enterprise_package(tmp_path, "newer", 1, v1_and_v2())
    use_v1_only(monkeypatch)
    county = county_office(tmp_path, "county")
    before = county.dump()
    for args in (("package", "verify", str(package)), ("package", "import", str(package))):
        for lang, needles in (("en", ("form energy_report version 2 is not known", "update the program")),
                              ("zh", ("表单 energy_report 第 2 版：本程序不认识", "请更新程序"))):
            result = cli(county, None, *args, lang=lang)
            assert result.returncode == 1, result.stdout
            assert all(n in result.stderr for n in needles), result.stderr
            assert package.name in result.stderr and "Traceback" not in result.stderr
    assert county.dump() == before
    assert len(ids) == 3


@pytest.mark.slow
def test_v1_package_imported_by_v1_v2_county(tmp_path: Path, monkeypatch) -> None:
    use_v1_only(monkeypatch)
    older, old_ids = enterprise_package(tmp_path, "older", 2, None)
    use_v2(monkeypatch)
    newer, new_ids = enterprise_package(tmp_path, "newer", 1, v1_and_v2())
    county = county_office(tmp_path, "county")
    for package in (older, newer):
        result = cli(county, v1_and_v2(), "package", "import", str(package))
        assert result.returncode == 0, result.stderr
    with Store.open(county.db_path) as store:
        versions = {i: store.get_record(i)["form_version"] for i in old_ids + new_ids
                    if store.get_record(i)["form"] == "energy_report"}
        assert sorted(versions.values()) == [1, 2]
        assert versions[old_ids[0]] == 1 and versions[new_ids[0]] == 2
        assert NEW_FIELD not in store.get_record(old_ids[0])["data"]
        assert NEW_FIELD in store.get_record(new_ids[0])["data"]
        assert all(store.get_record(i)["state"] == "submitted" for i in old_ids + new_ids)


def test_old_records_packaged_by_a_v1_v2_installation_reach_a_v1_only_county(tmp_path: Path, monkeypatch) -> None:
    """Records entered before the program learnt version 2 keep version 1 in its packages."""
    use_v1_only(monkeypatch)
    office = open_office(tmp_path, "enterprise")
    org = enterprise_org(3)
    office.store.add_orgs([county_org(), org], "企业填报员")
    ids = fill_enterprise(office.store, org, months=False, pilot=False)
    office.store.close()
    out = tmp_path / "out"
    out.mkdir()
    made = cli(office, v1_and_v2(), "package", "create", "--org", org["org_id"], "--period", "2025", "-o", str(out))
    assert made.returncode == 0, made.stderr
    county = county_office(tmp_path, "county")
    result = cli(county, None, "package", "import", str(next(out.glob("*.lcpkg"))))
    assert result.returncode == 0, result.stderr
    with Store.open(county.db_path) as store:
        assert {store.get_record(i)["form_version"] for i in ids} == {1}
