"""Trust between offices beyond the key: a record lineage belongs to the organisation that first
sent it, a revision already here comes again only with the same content (and the county forwards
the package it reviewed), and an older package never rolls an organisation's profile back."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from lowcarbon_desk.domain.records import canonical_json
from lowcarbon_desk.packages.create import Renderers, build_package_bytes, create_submission_package
from lowcarbon_desk.packages.errors import ImportConflictError
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.report_names import report_names
from lowcarbon_desk.packages.verify import verify_bytes

from . import tamper
from .offices import (
    COUNTY_ID,
    PROVINCE_ID,
    county_org,
    county_pilot,
    electricity_line,
    enterprise_org,
    fake_pdf,
    fake_workbook,
    open_office,
)

TZ = dt.timezone(dt.timedelta(hours=8))
FAST = Renderers(record_pdf=fake_pdf, workbook=fake_workbook,
                 rollup=lambda store, county, year: (b"%PDF-1.4 roll-up\n%%EOF\n", b"PK-rollup"))
SENDER = "企业填报员"
OFFICER = "县审核员"


def _at(day: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, 9, 30, tzinfo=TZ)


def _submit(store, record_id: str) -> None:
    for issue in store.issues(record_id):
        if issue.severity == "warning" and not issue.justification:
            store.justify(record_id, issue.rule, "已核实", SENDER, field=issue.field)
    store.submit(record_id, SENDER)


def _revised(store, record_id: str) -> str:
    """A submitted revision of ``record_id`` with 10 more value added; its id."""
    revision = store.revise(record_id, SENDER)
    data = store.get_record(revision)["data"]
    data["value_added_10k_yuan"] += 10
    store.update_record(revision, data, SENDER)
    _submit(store, revision)
    return revision


def _report(store, org_id: str, period: str = "2025", gross_output: float = 60000) -> str:
    """A submitted annual energy report."""
    record_id = store.add_record("energy_report", org_id, {
        "period": period, "gross_output_10k_yuan": gross_output, "value_added_10k_yuan": 20000,
        "lines": [electricity_line(200)]}, SENDER)
    _submit(store, record_id)
    return record_id


def _send(office, org_id: str, folder, when: dt.datetime):
    folder.mkdir(parents=True, exist_ok=True)
    return create_submission_package(office.store, org_id, folder, operator=SENDER, period="2025",
                                     key=office.key, renderers=FAST, now=when)


@pytest.fixture
def offices(tmp_path):
    """Enterprise A, a stranger S (another enterprise of the county, its own key) and the county."""
    a, s, county = (open_office(tmp_path, n) for n in ("enterprise-a", "stranger", "county"))
    a_org, s_org = enterprise_org(1), enterprise_org(2)
    a.store.add_orgs([county_org(), a_org], SENDER)
    s.store.add_orgs([county_org(), s_org], SENDER)
    county.store.add_orgs([county_org()], OFFICER)
    yield a, s, county, a_org["org_id"], s_org["org_id"]
    for office in (a, s, county):
        office.store.close()


def _claiming(stranger, s_id: str, folder, when: dt.datetime, *, lineage_id: str, revision: int,
              previous: str) -> bytes:
    """The stranger's own, correctly signed package whose record claims ``revision`` of another
    lineage."""
    record_id = _report(stranger.store, s_id)
    content = _send(stranger, s_id, folder, when).path.read_bytes()
    doc = tamper.record_doc(content, record_id)
    doc.update(lineage_id=lineage_id, revision=revision, previous_record_id=previous)
    pdf = tamper.report_name(content, record_id)
    entries = tamper.manifest(content)["records"]
    for entry in entries:
        entry["revision"] = revision
    # the PDF's name follows the revision its entry claims (package.md §1)
    content = tamper.write_members([(report_names(entries)[record_id] if i.filename == pdf else i, d)
                                    for i, d in tamper.read_members(content)])
    files = tamper.manifest(content)["files"]
    files[report_names(entries)[record_id]] = files.pop(pdf)
    return tamper.resign(content, stranger.key, changes={f"records/{record_id}.json": canonical_json(doc)},
                         manifest_changes={"records": entries, "files": files})


def test_a_stranger_cannot_add_a_revision_to_another_organisations_lineage(offices, tmp_path):
    a, stranger, county, a_id, s_id = offices
    r1 = _report(a.store, a_id)
    import_package(county.store, _send(a, a_id, tmp_path / "a1", _at(1)).path, OFFICER)
    lineage_id = a.store.get_record(r1)["lineage_id"]
    forged = _claiming(stranger, s_id, tmp_path / "s", _at(2), lineage_id=lineage_id, revision=2, previous=r1)
    verify_bytes(forged)  # a well-formed package, correctly signed by the stranger's own key

    before, pins = county.dump(), county.pins()
    with pytest.raises(ImportConflictError) as caught:
        import_package(county.store, forged, OFFICER)
    error = caught.value
    assert error.reason == "lineage_owner"
    assert a_id in error.message_en and s_id in error.message_en and "may not add revisions" in error.message_en
    assert a_id in error.message_zh and s_id in error.message_zh and "无权提交其新版本" in error.message_zh
    assert county.dump() == before and county.pins() == pins and s_id not in pins

    # A's own revision 1 can still be accepted, and A's own revision 2 still supersedes it
    county.store.decide(r1, "accepted", OFFICER)
    r2 = _revised(a.store, r1)
    result = import_package(county.store, _send(a, a_id, tmp_path / "a2", _at(3)).path, OFFICER)
    assert result.added == [r2] and result.superseding == [r2] and result.present == []


def _county_forwarding(county, packages: list[bytes], when: dt.datetime) -> bytes:
    """A county package (signed by the county) nesting ``packages`` as they are."""
    members = {"reports/rollup.pdf": b"%PDF-1.4 roll-up\n%%EOF\n", "reports/rollup.xlsx": b"PK-rollup"}
    members.update({f"packages/{hashlib.sha256(p).hexdigest()}.lcpkg": p for p in packages})
    return build_package_bytes(kind="submission", key=county.key, records=[], members=members,
                               sender={"org_id": COUNTY_ID, "name": "示例县", "operator": OFFICER, "kind": "county"},
                               reference_data_version="2024.1", created_at=when)


def test_at_the_province_a_lineage_belongs_to_the_enterprise_of_the_nested_package(offices, tmp_path):
    """A's revisions arrive inside the county's packages (the nested package's sender is A): its
    revision 2 supersedes revision 1; a stranger's package nested by a county claiming a revision
    of A's lineage is refused all the same."""
    a, stranger, county, a_id, s_id = offices
    province = open_office(tmp_path, "province")
    province.store.add_orgs([county_org(PROVINCE_ID)], "省审核员")  # the province's own desk
    try:
        r1 = _report(a.store, a_id)
        p1 = _send(a, a_id, tmp_path / "a1", _at(1)).path.read_bytes()
        import_package(province.store, _county_forwarding(county, [p1], _at(2)), "省审核员")
        r2 = _revised(a.store, r1)
        p2 = _send(a, a_id, tmp_path / "a2", _at(3)).path.read_bytes()
        result = import_package(province.store, _county_forwarding(county, [p2], _at(4)), "省审核员")
        assert result.nested[0].added == [r2] and result.nested[0].superseding == [r2]

        lineage_id = a.store.get_record(r1)["lineage_id"]
        forged = _claiming(stranger, s_id, tmp_path / "s", _at(5), lineage_id=lineage_id, revision=3, previous=r2)
        before, pins = province.dump(), province.pins()
        with pytest.raises(ImportConflictError) as caught:
            import_package(province.store, _county_forwarding(county, [forged], _at(6)), "省审核员")
        assert caught.value.reason == "lineage_owner"
        assert a_id in caught.value.message_en and s_id in caught.value.message_en
        assert province.dump() == before and province.pins() == pins and s_id not in pins
    finally:
        province.store.close()


def test_a_package_cannot_add_a_revision_to_a_lineage_entered_here(offices, tmp_path):
    _, stranger, county, _, s_id = offices
    own = county_pilot(county.store)
    lineage_id = county.store.get_record(own)["lineage_id"]
    forged = _claiming(stranger, s_id, tmp_path / "s", _at(2), lineage_id=lineage_id, revision=2, previous=own)
    before = county.dump()
    with pytest.raises(ImportConflictError) as caught:
        import_package(county.store, forged, OFFICER)
    assert caught.value.reason == "lineage_owner"
    assert "entered in this database" in caught.value.message_en and s_id in caught.value.message_en
    assert "本库录入" in caught.value.message_zh
    assert county.dump() == before and county.pins() == {}


def _change_in_place(office, record_id: str, gross_output: float) -> None:
    """The sender's database changes a submitted revision without making a new one (a damaged
    or doctored installation): same id, same revision, other figures."""
    office.store.db.conn.execute("UPDATE records SET state = 'draft' WHERE record_id = ?", [record_id])
    data = office.store.get_record(record_id)["data"]
    data["gross_output_10k_yuan"] = gross_output
    office.store.update_record(record_id, data, SENDER)
    _submit(office.store, record_id)


def test_the_same_revision_with_other_figures_is_refused_and_the_reviewed_package_forwarded(offices, tmp_path):
    a, _, county, a_id, _ = offices
    r1 = _report(a.store, a_id)
    first = _send(a, a_id, tmp_path / "1", _at(1))
    import_package(county.store, first.path, OFFICER)
    county.store.decide(r1, "accepted", OFFICER)
    _change_in_place(a, r1, gross_output=99000)
    again = _send(a, a_id, tmp_path / "2", _at(2))
    assert tamper.record_doc(again.path.read_bytes(), r1)["revision"] == 1

    before = county.dump()
    with pytest.raises(ImportConflictError) as caught:
        import_package(county.store, again.path, OFFICER)
    assert caught.value.reason == "revision_content"
    assert f"revision 1 of record {r1} is already here with different content" in caught.value.message_en
    assert f"记录 {r1} 的第 1 版在本库中已有，内容不同" in caught.value.message_zh
    assert county.dump() == before
    county.store.close()  # the command line opens the database itself
    refused = county.cli("package", "import", str(again.path), lang="zh")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and again.path.name in lines[0] and "内容不同" in lines[0]
    county.store = county.store.open(county.db_path)
    assert county.dump() == before

    made = create_submission_package(county.store, COUNTY_ID, tmp_path / "up.lcpkg", operator=OFFICER,
                                     period="2025", key=county.key, renderers=FAST, now=_at(3))
    assert [n["sha256"] for n in made.nested] == [first.sha256]


def test_a_revision_sent_twice_is_forwarded_in_the_package_that_first_brought_it(offices, tmp_path):
    a, _, county, a_id, _ = offices
    r1 = _report(a.store, a_id)
    first = _send(a, a_id, tmp_path / "1", _at(1))
    again = _send(a, a_id, tmp_path / "2", _at(2))  # the same revision, the same content, a newer package
    assert first.sha256 != again.sha256
    import_package(county.store, first.path, OFFICER)
    assert import_package(county.store, again.path, OFFICER).present == [r1]
    county.store.decide(r1, "accepted", OFFICER)
    for day in (3, 4):  # the same choice every time
        made = create_submission_package(county.store, COUNTY_ID, tmp_path / f"up{day}.lcpkg", operator=OFFICER,
                                         period="2025", key=county.key, renderers=FAST, now=_at(day))
        assert [n["sha256"] for n in made.nested] == [first.sha256]
        assert [(r["sha256"], r["reason"], r["covered_by"]) for r in made.left_out] == [
            (again.sha256, "duplicate", [first.path.name])]


def test_an_older_package_does_not_roll_the_profile_back(offices, tmp_path):
    """Created-at compared as instants: the older package's text sorts after the newer one's."""
    a, _, county, a_id, _ = offices
    _report(a.store, a_id)
    old = tamper.resign(_send(a, a_id, tmp_path / "old", _at(1)).path.read_bytes(), a.key,
                        manifest_changes={"created_at": "2026-03-02T09:30:00+08:00"})  # 01:30 UTC
    a.store.update_org(a_id, {"name": "示例制造新名称有限公司", "contact_phone": "13900000009"}, SENDER)
    new = tamper.resign(_send(a, a_id, tmp_path / "new", _at(2)).path.read_bytes(), a.key,
                        manifest_changes={"created_at": "2026-03-02T02:00:00+00:00"})  # 02:00 UTC
    assert import_package(county.store, new, OFFICER).orgs_created == [a_id]
    result = import_package(county.store, old, OFFICER)
    assert result.status == "imported" and result.orgs_updated == []
    org = county.store.get_org(a_id)
    assert (org["name"], org["contact_phone"]) == ("示例制造新名称有限公司", "13900000009")


def test_a_new_database_takes_an_enterprises_second_package(offices, tmp_path):
    """A database that holds nothing but what arrived in packages is nobody's own: after A's
    first package, A's second is imported, not refused as this database's own organisation."""
    a, _stranger, _county, a_id, _s_id = offices
    desk = open_office(tmp_path, "new-desk")
    try:
        r1 = _report(a.store, a_id)
        import_package(desk.store, _send(a, a_id, tmp_path / "a1", _at(1)).path, OFFICER)
        r2 = _revised(a.store, r1)
        result = import_package(desk.store, _send(a, a_id, tmp_path / "a2", _at(2)).path, OFFICER)
        assert result.added == [r2] and result.superseding == [r2]
    finally:
        desk.store.close()
