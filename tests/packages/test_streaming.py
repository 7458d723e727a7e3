"""``package create`` writes the archive straight into its output file: nested packages and
attachments are copied from the database in chunks and checked against their hash while
copied. The bytes are exactly what ``zipfile`` writes from the same members in the format's
order; a damaged copy in the database is refused naming the member, leaving no file; and a
county forwarding far more than the memory bound stays under it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import random
import sqlite3
import zipfile
from pathlib import Path

import pytest

from lowcarbon_desk.packages.create import (
    build_package_bytes,
    create_decision_package,
    create_submission_package,
)
from lowcarbon_desk.packages.errors import FileMismatchError
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.verify import verify_file

from .offices import (
    COUNTY_ID,
    FAST,
    county_org,
    county_pilot,
    enterprise_org,
    fill_enterprise,
    open_office,
    replace_stored_package,
    stored_package,
)
from .test_resources import MB, RSS_LIMIT_MB, _measured, _one_line

WHEN = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
PNG = b"\x89PNG\r\n\x1a\n"
STORED = (".lcpkg", ".pdf", ".xlsx", ".docx", ".png", ".jpg", ".jpeg")  # compressed already


def _document(head: bytes, size: int, seed: int) -> bytes:
    """``size`` bytes starting with ``head``: random (incompressible) then zeros."""
    noise = random.Random(seed).randbytes(size // 2)
    return head + noise + bytes(size - len(head) - len(noise))


def _attach(store, record_id: str, documents: dict[str, bytes]) -> str:
    """A new submitted revision of ``record_id`` with the documents attached."""
    new = store.revise(record_id, "企业填报员")
    for name, content in documents.items():
        store.add_attachment(new, name, content, "企业填报员")
    store.submit(new, "企业填报员")
    return new


def _enterprise_package(root: Path, index: int, documents: dict[str, bytes]) -> Path:
    """An enterprise's package (period 2025) whose pilot application carries ``documents``."""
    office = open_office(root, f"enterprise-{index}")
    org = enterprise_org(index)
    office.store.add_orgs([county_org(), org], "企业填报员")
    ids = fill_enterprise(office.store, org, months=False)
    _attach(office.store, ids[-1], documents)
    made = create_submission_package(office.store, org["org_id"], root / "outbox", operator="企业填报员",
                                     key=office.key, renderers=FAST, now=WHEN + dt.timedelta(seconds=index))
    office.store.close()
    return made.path


def _receive(county, path: Path) -> str:
    result = import_package(county.store, path, "县审核员")
    assert result.status == "imported", result
    for record_id in result.added:
        county.store.decide(record_id, "accepted", "县审核员", "")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rebuilt(content: bytes) -> bytes:
    """The package written again by plain ``zipfile.writestr`` from its members: manifest,
    signature, then the members in name order, each stamped and compressed as the format says."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        infos = archive.infolist()
        members = [(info.filename, archive.read(info)) for info in infos]
    assert [name for name, _ in members[:2]] == ["manifest.json", "manifest.sig"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [*members[:2], *sorted(members[2:])]:
            info = zipfile.ZipInfo(name, infos[0].date_time)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


@pytest.fixture
def county_with_attachments(county, tmp_path):
    """A county that accepted two enterprise packages with attachments (a PDF and a PNG,
    both stored) and has its own pilot application with a 3 MB PDF attached."""
    nested = [_receive(county, _enterprise_package(tmp_path, i, {
        "方案.pdf": _document(b"%PDF-1.4\n", 2 * MB + i, seed=i), "现场.png": _document(PNG, MB, seed=10 + i)}))
        for i in (1, 2)]
    own = _attach(county.store, county_pilot(county.store, baseline_year=2025),
                  {"县方案.pdf": _document(b"%PDF-1.4\n", 3 * MB, seed=99)})
    return county, nested, own


def test_county_package_is_what_zipfile_writes_from_its_members(county_with_attachments, tmp_path):
    county, nested, own = county_with_attachments
    made = [create_submission_package(county.store, COUNTY_ID, tmp_path / f"up-{n}.lcpkg", operator="县审核员",
                                      key=county.key, renderers=FAST, now=WHEN) for n in (1, 2)]
    content = made[0].path.read_bytes()
    assert made[1].path.read_bytes() == content  # the same inputs give the same bytes
    assert made[0].sha256 == hashlib.sha256(content).hexdigest()
    assert _rebuilt(content) == content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        infos = {info.filename: info for info in archive.infolist()}
    assert sorted(n for n in infos if n.startswith("packages/")) == sorted(f"packages/{s}.lcpkg" for s in nested)
    attachments = [n for n in infos if n.startswith("attachments/")]
    assert [n.rsplit(".", 1)[1] for n in attachments] == ["pdf"]  # the county's own; theirs travel nested
    assert infos[attachments[0]].compress_type == zipfile.ZIP_STORED
    assert {infos[n].compress_type for n in infos if n.startswith("records/")} == {zipfile.ZIP_DEFLATED}
    assert {infos[n].compress_type for n in infos if n.startswith("reports/")} == {zipfile.ZIP_STORED}
    assert all(infos[f"packages/{s}.lcpkg"].compress_type == zipfile.ZIP_STORED for s in nested)
    package = verify_file(made[0].path)
    assert sorted(n.sha256 for n in package.nested) == sorted(nested)
    assert own in [r.record_id for r in package.records]

    decision = create_decision_package(county.store, enterprise_org(1)["org_id"], tmp_path / "decision.lcpkg",
                                       operator="县审核员", key=county.key, now=WHEN)
    decided = decision.path.read_bytes()
    assert decision.sha256 == hashlib.sha256(decided).hexdigest() and _rebuilt(decided) == decided
    verify_file(decision.path)


def test_build_package_bytes_is_the_same_writer(county_with_attachments, tmp_path):
    county, _, _ = county_with_attachments
    made = create_submission_package(county.store, COUNTY_ID, tmp_path / "up.lcpkg", operator="县审核员",
                                     key=county.key, renderers=FAST, now=WHEN)
    content = made.path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    members.pop("manifest.sig")
    again = build_package_bytes(kind=manifest["kind"], sender=manifest["sender"], key=county.key,
                                records=manifest["records"], members=members,
                                reference_data_version=manifest["reference_data_version"],
                                created_at=dt.datetime.fromisoformat(manifest["created_at"]))
    assert again == content


def _damage(db_path: Path, table: str, sha256: str) -> None:
    """Flip one byte in the middle of a stored copy (same length: only the hash tells)."""
    if table == "imported_packages":
        content = stored_package(db_path, sha256)
        middle = len(content) // 2
        replace_stored_package(db_path, sha256, content[:middle] + bytes([content[middle] ^ 1]) + content[middle + 1:])
        return
    conn = sqlite3.connect(db_path)
    try:
        (content,) = conn.execute(f"SELECT content FROM {table} WHERE sha256 = ?", [sha256]).fetchone()
        middle = len(content) // 2
        damaged = content[:middle] + bytes([content[middle] ^ 1]) + content[middle + 1:]
        with conn:
            conn.execute(f"UPDATE {table} SET content = ? WHERE sha256 = ?", [damaged, sha256])
    finally:
        conn.close()


@pytest.mark.parametrize("what", ["nested", "attachment"])
def test_damaged_copy_in_the_database_is_refused_naming_the_member(county_with_attachments, tmp_path, what):
    county, nested, own = county_with_attachments
    if what == "nested":
        sha256, member = nested[1], f"packages/{nested[1]}.lcpkg"
        _damage(county.db_path, "imported_packages", sha256)
    else:
        item = county.store.get_record(own)["data"]["attachments"][0]
        sha256, member = item["sha256"], f"attachments/{item['sha256']}.pdf"
        _damage(county.db_path, "attachment_blobs", sha256)
    out = tmp_path / "up"
    out.mkdir()
    done = county.cli("package", "create", "--org", COUNTY_ID, "-o", str(out))
    line = _one_line(done.stderr)
    assert done.returncode == 1
    assert line == (f"the copy of {member} this program keeps is damaged (its bytes do not match its SHA-256); "
                    "no package was written")
    assert list(out.iterdir()) == []  # no package and no temporary
    with pytest.raises(FileMismatchError) as caught:
        create_submission_package(county.store, COUNTY_ID, out / "api.lcpkg", operator="县审核员", key=county.key,
                                  renderers=FAST, now=WHEN)
    assert caught.value.reason == "stored_copy_damaged" and caught.value.subject == member
    assert list(out.iterdir()) == []


@pytest.mark.slow
def test_county_forwarding_far_more_than_the_memory_bound_streams(county, tmp_path):
    """Four enterprises each forward 80 MB (two 40 MB attachments, stored PNGs) and the county's
    own pilot application carries a 40 MB PDF (deflated): 360 MB of members, 1.8 times the
    bound. Holding the members alone would pass it; the code before this held them and then
    the whole archive in a buffer (794 MB)."""
    documents = 0
    for index in range(1, 5):
        pngs = {f"现场{k}.png": _document(PNG, 40 * MB, seed=index * 10 + k) for k in (1, 2)}
        _receive(county, _enterprise_package(tmp_path, index, pngs))
        documents += sum(len(c) for c in pngs.values())
    _attach(county.store, county_pilot(county.store, baseline_year=2025),
            {"县方案.pdf": _document(b"%PDF-1.4\n", 40 * MB, seed=7)})
    forwarded = sqlite3.connect(county.db_path).execute("SELECT SUM(size) FROM imported_packages").fetchone()[0]
    assert documents + 40 * MB > 1.75 * RSS_LIMIT_MB * MB and forwarded > 1.5 * RSS_LIMIT_MB * MB
    out = tmp_path / "up"
    out.mkdir()
    code, stderr, rss, seconds = _measured(county, "package", "create", "--org", COUNTY_ID, "-o", str(out))
    assert code == 0, stderr
    print(f"package create: {seconds:.2f} s, peak RSS {rss:.1f} MB, {forwarded / MB:.0f} MB forwarded")
    assert rss < RSS_LIMIT_MB, f"peak RSS {rss:.0f} MB"
    (path,) = out.glob("*.lcpkg")
    package = verify_file(path)
    assert len(package.nested) == 4 and path.stat().st_size > forwarded + 20 * MB
