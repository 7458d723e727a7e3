"""The database's identity is read once per import call, again only when a package may change it."""

from __future__ import annotations

import pytest

from lowcarbon_desk.packages import import_home
from lowcarbon_desk.packages.create import create_submission_package
from lowcarbon_desk.packages.importer import import_packages
from lowcarbon_desk.packages.keys import InstallationKey
from lowcarbon_desk.storage.identity import home_of

from .offices import county_org, enterprise_org, fill_enterprise, open_office


@pytest.fixture(scope="module")
def three_packages(tmp_path_factory) -> list:
    """Packages of three enterprises of the county, one year each (no monthly reports)."""
    root = tmp_path_factory.mktemp("three")
    office = open_office(root, "enterprises")
    orgs = [enterprise_org(i) for i in (1, 2, 3)]
    office.store.add_orgs([county_org(), *orgs], "企业填报员")
    (root / "out").mkdir()
    paths = []
    for org in orgs:
        fill_enterprise(office.store, org, months=False, pilot=False)
        paths.append(create_submission_package(office.store, org["org_id"], root / "out", operator="企业填报员",
                                               period="2025", key=InstallationKey.generate()).path)
    office.store.close()
    return paths


def _counting(monkeypatch) -> list[int]:
    reads: list[int] = []
    real = import_home.home_of

    def counted(store):
        reads.append(1)
        return real(store)

    monkeypatch.setattr(import_home, "home_of", counted)
    return reads


def test_the_identity_is_read_once_for_packages_of_new_organisations(county, three_packages, monkeypatch):
    county.store.add_orgs([enterprise_org(9)], "县审核员")  # an organisation here that sent nothing yet
    import_packages(county.store, three_packages[:1], "县审核员")  # the first submission package is here
    reads = _counting(monkeypatch)
    results = import_packages(county.store, three_packages[1:], "县审核员")
    assert [r.status for r in results] == ["imported", "imported"]
    assert len(reads) == 1
    assert home_of(county.store).codes == (county_org()["admin_code"],)


def test_the_identity_is_read_again_when_a_package_may_change_it(county, three_packages, monkeypatch):
    """The first submission package, and a package of an organisation that was here without
    having sent anything, may change what the database is: read again after each."""
    county.store.add_orgs([enterprise_org(2)], "县审核员")
    reads = _counting(monkeypatch)
    import_packages(county.store, three_packages, "县审核员")
    assert len(reads) == 3  # at the start, after the first submission, after enterprise 2's package
