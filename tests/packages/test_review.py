"""Review: only the newest revision of a lineage can be decided (Store.decide, so the window and
the command line both refuse a superseded one), and a decision the county took still reaches an
enterprise that revised the record since."""

from __future__ import annotations

import pytest

from lowcarbon_desk.domain.errors import StateError
from lowcarbon_desk.packages.create import create_decision_package, create_submission_package
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.storage.imported import review_queue

from .offices import FAST


def _send(enterprise, org_id, path):
    return create_submission_package(enterprise.store, org_id, path, operator="企业填报员", period="2025",
                                     key=enterprise.key, renderers=FAST)


def _annual(enterprise, org_id) -> str:
    return next(r for r in enterprise.store.list_records(org_id=org_id, form="energy_report", period="2025")
                if r["period"] == "2025")["record_id"]


def test_decision_on_a_superseded_revision_is_refused(enterprise, county, tmp_path):
    org_id = enterprise.store.list_orgs(kind="enterprise")[0]["org_id"]
    first = _send(enterprise, org_id, tmp_path / "first.lcpkg")
    annual = _annual(enterprise, org_id)
    imported = county.cli("package", "import", str(first.path))
    assert imported.returncode == 0, imported.stderr
    revision = enterprise.store.revise(annual, "企业填报员")
    enterprise.store.submit(revision, "企业填报员")
    second = _send(enterprise, org_id, tmp_path / "second.lcpkg")
    assert county.cli("package", "import", str(second.path)).returncode == 0

    before = county.dump()
    refused = county.cli("review", annual, "--accept")
    assert refused.returncode == 1
    assert f"record {annual} (revision 1) is superseded by revision 2, {revision}" in refused.stderr
    zh = county.cli("review", annual, "--return", "--comment", "请核对", lang="zh")
    assert zh.returncode == 1 and revision in zh.stderr and "取代" in zh.stderr
    with pytest.raises(StateError) as caught:
        county.store.decide(annual, "returned", "县审核员", "请核对")
    assert revision in caught.value.message_en and caught.value.subject == "revision"
    assert county.dump() == before
    assert county.store.get_record(annual)["state"] == "submitted"
    # the review queue offers only the newest revision; that one can be decided
    queued = {r["record_id"] for r in review_queue(county.store)}
    assert revision in queued and annual not in queued
    accepted = county.cli("review", revision, "--accept")
    assert accepted.returncode == 0, accepted.stderr
    assert county.store.get_record(revision)["state"] == "accepted"


def test_county_decision_reaches_an_enterprise_that_revised_since(enterprise, county, tmp_path):
    org_id = enterprise.store.list_orgs(kind="enterprise")[0]["org_id"]
    sent = _send(enterprise, org_id, tmp_path / "sent.lcpkg")
    annual = _annual(enterprise, org_id)
    import_package(county.store, sent.path, "县审核员")
    county.store.decide(annual, "returned", "县审核员", "请补充说明")
    decisions = create_decision_package(county.store, org_id, tmp_path / "d.lcpkg", operator="县审核员",
                                        key=county.key)
    draft = enterprise.store.revise(annual, "企业填报员")  # revised before the decision arrived
    result = import_package(enterprise.store, decisions.path, "企业填报员")
    assert result.decided == [(annual, "returned")]
    doc = enterprise.store.get_record(annual)
    assert doc["state"] == "returned" and doc["decision_comment"] == "请补充说明"
    assert enterprise.store.get_record(draft)["state"] == "draft"
