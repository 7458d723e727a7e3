"""Fixtures: one real enterprise package built once per session, fresh offices per test."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from lowcarbon_desk.packages.create import create_submission_package

from .offices import COUNTY_ID, FAST, Office, county_org, enterprise_org, fill_enterprise, open_office


@dataclass
class Built:
    """A valid enterprise package and what it was made from."""

    content: bytes
    path: Path
    org: dict
    record_ids: list[str]
    fingerprint: str
    home: Path
    annual_id: str


@pytest.fixture(scope="session")
def enterprise_package(tmp_path_factory) -> Built:
    root = tmp_path_factory.mktemp("enterprise-session")
    office = open_office(root, "enterprise")
    org = enterprise_org(1)
    office.store.add_orgs([county_org(), org], "企业填报员")
    ids = fill_enterprise(office.store, org)
    made = create_submission_package(office.store, org["org_id"], root / "out", operator="企业填报员",
                                     period="2025", key=office.key)
    office.store.close()
    return Built(made.path.read_bytes(), made.path, org, made.record_ids, made.fingerprint, office.home, ids[0])


@pytest.fixture
def county(tmp_path) -> Office:
    """A county office with its own organisation and nothing received yet."""
    office = open_office(tmp_path, "county")
    office.store.add_orgs([county_org(COUNTY_ID)], "县审核员")
    yield office
    office.store.close()


@pytest.fixture
def enterprise(tmp_path) -> Office:
    """An enterprise office with a submitted year of records."""
    office = open_office(tmp_path, "enterprise")
    org = enterprise_org(1)
    office.store.add_orgs([county_org(), org], "企业填报员")
    fill_enterprise(office.store, org)
    yield office
    office.store.close()


@pytest.fixture(scope="session")
def five_packages(tmp_path_factory) -> list[Path]:
    """Five enterprises' packages with stand-in PDFs (the first of every period, with the pilot
    application and its attachment; the others of 2025: 3 records each)."""
    root = tmp_path_factory.mktemp("ahead")
    paths = []
    for index in range(1, 6):
        office = open_office(root / f"e{index}", "enterprise")
        org = enterprise_org(index)
        office.store.add_orgs([county_org(), org], "企业填报员")
        fill_enterprise(office.store, org, months=False, pilot=index == 1)
        made = create_submission_package(office.store, org["org_id"], root / f"p{index}.lcpkg", operator="企业填报员",
                                         period=None if index == 1 else "2025", key=office.key, renderers=FAST)
        office.store.close()
        paths.append(made.path)
    return paths
