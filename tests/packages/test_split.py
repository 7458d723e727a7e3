"""A county's package beyond a receiver's limits is written in parts (package.md, "Packages in
parts"): each part verifies by itself with the receiver's limits, importing every part gives
what importing one package gives, and an enterprise package too large for any part is
refused before anything is written."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from dataclasses import dataclass, replace

import pytest
from PySide6.QtWidgets import QLabel

from lowcarbon_desk.cli.main import run
from lowcarbon_desk.packages import create as create_module
from lowcarbon_desk.packages.create import Renderers, create_submission_package, standard_rollup
from lowcarbon_desk.packages.errors import FileMismatchError, LimitError
from lowcarbon_desk.packages.importer import ALREADY_IMPORTED, import_package
from lowcarbon_desk.packages.layout import ROLLUP_MEMBERS, WORKBOOK
from lowcarbon_desk.packages.limits import DEFAULT_LIMITS, size_text
from lowcarbon_desk.packages.split import (
    FIXED,
    MARGIN,
    StoredExtent,
    deflate_bound,
    nested_extent,
    own_extent,
    plan_parts,
)
from lowcarbon_desk.packages.verify import verify_file
from lowcarbon_desk.storage import Store

from .offices import (
    COUNTY_ID,
    FAST,
    county_org,
    county_pilot,
    enterprise_org,
    fake_pdf,
    fake_workbook,
    fill_enterprise,
    open_office,
    replace_stored_package,
    stored_package,
)


def bulky_pdf(store, record_id: str) -> bytes:
    """A stand-in record PDF of about 100 KB that does not compress (as real PDFs hardly do),
    so the enterprise packages are large beside the fixed margin of every part."""
    return fake_pdf(store, record_id) + random.Random(record_id).randbytes(100_000)


BULKY = Renderers(record_pdf=bulky_pdf, workbook=fake_workbook)
WHEN = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
ENTERPRISES = 6
# what the import leaves that depends on the file it came from, or on when it ran
LOCAL = {"audit_log", "imported_packages", "package_records", "settings"}
# columns holding when this database stored the row (the clock at import, whole seconds): the
# one import and the parts' imports run at different times
IMPORT_TIMES = {"organisations": {"created_at", "updated_at"}, "records": {"updated_at"}}


@pytest.fixture(scope="module")
def county_office(tmp_path_factory):
    """A county database that accepted one package from each of six enterprises and has a
    submitted record of its own; the enterprise packages' sizes."""
    root = tmp_path_factory.mktemp("split")
    enterprise = open_office(root, "enterprise")
    county = open_office(root, "county")
    orgs = [enterprise_org(i) for i in range(1, ENTERPRISES + 1)]
    enterprise.store.add_orgs([county_org(), *orgs], "企业填报员")
    county.store.add_orgs([county_org()], "县审核员")
    sizes = []
    for org in orgs:
        fill_enterprise(enterprise.store, org, months=False)
        sent = create_submission_package(enterprise.store, org["org_id"], root / "sent", operator="企业填报员",
                                         period="2025", key=enterprise.key, renderers=BULKY, now=WHEN)
        sizes.append(sent.path.stat().st_size)
        result = import_package(county.store, sent.path, "县审核员")
        for record_id in result.added:
            county.store.decide(record_id, "accepted", "县审核员")
    county_pilot(county.store, baseline_year=2025)
    enterprise.store.close()
    # what every part carries besides the forwarded packages: the roll-up, and the margin
    fixed = MARGIN + sum(deflate_bound(len(b)) + 200 for b in standard_rollup(county.store, COUNTY_ID, 2025))
    yield county, Sizes(fixed, sizes)
    county.store.close()


@dataclass(frozen=True)
class Sizes:
    """What every part carries at least (bytes), and each enterprise package's size."""

    fixed: int
    packages: list[int]


def _small(sizes: Sizes, per_part: int = 2):
    """Limits that take ``per_part`` enterprise packages (and not one more) besides the roll-up."""
    largest = max(sizes.packages)
    return replace(DEFAULT_LIMITS, max_package_bytes=sizes.fixed + per_part * (largest + 300) + largest // 2)


def _too_small(sizes: Sizes):
    """Limits under which not even one enterprise package fits besides the roll-up."""
    return replace(DEFAULT_LIMITS, max_package_bytes=sizes.fixed + min(sizes.packages) // 2)


def _snapshot(db_path) -> dict[str, list]:
    """Every row of every table an import fills with received data (not its own bookkeeping,
    nor the times it stored them)."""
    conn = sqlite3.connect(db_path)
    try:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                  if t not in LOCAL and not t.startswith("sqlite_")]
        shot = {}
        for t in tables:
            columns = [c for (_i, c, *_rest) in conn.execute(f"PRAGMA table_info([{t}])")
                       if c not in IMPORT_TIMES.get(t, ())]
            shot[t] = sorted(map(repr, conn.execute(f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM [{t}]")))
        shot["imported_packages"] = sorted(conn.execute(
            "SELECT sha256, kind, sender_org_id, size FROM imported_packages WHERE parent_sha256 IS NOT NULL"))
        shot["pinned_keys"] = sorted(conn.execute("SELECT org_id, public_key, fingerprint, how FROM pinned_keys"))
        return shot
    finally:
        conn.close()


def test_parts_verify_by_themselves_and_import_like_one_package(county_office, tmp_path):
    county, sizes = county_office
    (tmp_path / "one").mkdir()
    one = create_submission_package(county.store, COUNTY_ID, tmp_path / "one", operator="县审核员",
                                    period="2025", key=county.key, renderers=FAST, now=WHEN)
    assert len(one.parts) == 1 and one.parts[0].path == one.path and "-part" not in one.path.name
    limits = _small(sizes)
    one_size = one.path.stat().st_size
    assert one_size > limits.max_package_bytes  # one package would be refused with these limits
    with pytest.raises(LimitError):
        verify_file(one.path, limits=limits)

    (tmp_path / "split").mkdir()
    made = create_submission_package(county.store, COUNTY_ID, tmp_path / "split", operator="县审核员",
                                     period="2025", key=county.key, renderers=FAST, now=WHEN, limits=limits)
    count = len(made.parts)
    assert count >= 3
    assert [p.path.name for p in made.parts] == [
        one.path.name.replace(".lcpkg", f"-part{i}of{count}.lcpkg") for i in range(1, count + 1)]
    assert sorted(p.name for p in (tmp_path / "split").iterdir()) == sorted(p.path.name for p in made.parts)
    assert made.path == made.parts[0].path and made.record_ids == one.record_ids
    # the forwarded packages in their order, each in one part, every part holding some
    assert [r["sha256"] for p in made.parts for r in p.nested] == [r["sha256"] for r in one.nested]
    assert all(p.nested for p in made.parts[1:])
    for index, part in enumerate(made.parts):
        assert part.path.stat().st_size <= limits.max_package_bytes
        verified = verify_file(part.path, limits=limits)
        assert verified.sha256 == part.sha256 and verified.sender["org_id"] == COUNTY_ID
        assert sorted(n.sha256 for n in verified.nested) == sorted(r["sha256"] for r in part.nested)
        files = verified.manifest.files
        assert all(name in files for name in ROLLUP_MEMBERS)  # the roll-up in every part
        own = [r.record_id for r in verified.records]
        assert own == (one.record_ids if index == 0 else [])
        assert (WORKBOOK in files) == (index == 0)
        # the manifest has the keys of every package (no part marker)
        assert set(verified.manifest.raw) == set(verify_file(one.path).manifest.raw)

    whole = open_office(tmp_path, "province-one")
    parted = open_office(tmp_path, "province-parts")
    import_package(whole.store, one.path, "省审核员")
    for part in reversed(made.parts):  # in any order
        # the receiver holds every part to the same limits it was split for
        assert import_package(parted.store, part.path, "省审核员", limits=limits).status != ALREADY_IMPORTED
    whole.store.close()
    parted.store.close()
    assert set(IMPORT_TIMES) <= set(_snapshot(whole.db_path))
    assert _snapshot(parted.db_path) == _snapshot(whole.db_path)
    before = parted.dump()
    store = Store.open(parted.db_path)
    try:
        assert import_package(store, made.parts[1].path, "省审核员").status == ALREADY_IMPORTED
    finally:
        store.close()
    assert parted.dump() == before


def test_member_count_limit_splits_too(county_office, tmp_path):
    county, _sizes = county_office
    # manifest, signature, the index (目录.pdf, index.html), the roll-up and five forwarded
    # packages per file (each holds 11 members itself, within the limit too); part 1 also the
    # county's record, its PDF and the workbook, so two forwarded packages, then the next
    # enterprise's in part 2
    limits = replace(DEFAULT_LIMITS, max_members=11)
    made = create_submission_package(county.store, COUNTY_ID, tmp_path / "many.lcpkg", operator="县审核员",
                                     period="2025", key=county.key, renderers=FAST, now=WHEN, limits=limits)
    assert [len(p.nested) for p in made.parts] == [2, 4]
    assert [p.path.name for p in made.parts] == [f"many-part{i}of2.lcpkg" for i in range(1, 3)]
    for part in made.parts:
        assert len(verify_file(part.path, limits=limits).manifest.files) + 2 <= 11


def test_an_enterprise_package_too_large_for_any_part_is_refused_writing_nothing(county_office, tmp_path):
    county, sizes = county_office
    limits = _too_small(sizes)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(LimitError) as caught:
        create_submission_package(county.store, COUNTY_ID, out, operator="县审核员", period="2025",
                                  key=county.key, renderers=FAST, now=WHEN, limits=limits)
    message = caught.value.message_en
    assert caught.value.reason == "package_too_large"
    assert enterprise_org(1)["org_id"] in message and size_text(limits.max_package_bytes) in message
    assert size_text(sizes.packages[0]) in message
    assert "\n" not in message and list(out.iterdir()) == []
    # the receiver's limit on one member holds for a forwarded package too
    limits = replace(DEFAULT_LIMITS, max_member_bytes=min(sizes.packages) // 2)
    with pytest.raises(LimitError) as caught:
        create_submission_package(county.store, COUNTY_ID, out, operator="县审核员", period="2025",
                                  key=county.key, renderers=FAST, now=WHEN, limits=limits)
    assert f"more than the limit of {size_text(limits.max_member_bytes)} for one member" in caught.value.message_en
    assert enterprise_org(1)["org_id"] in caught.value.message_en and list(out.iterdir()) == []


def _cli(county, monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """``lowcarbon-desk`` in this process (the receiver's limits lowered for the test)."""
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(county.home))
    monkeypatch.setenv("LOWCARBON_DESK_OPERATOR", "县审核员")
    status = run(["--db", str(county.db_path), "--lang", "en", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_lists_every_part_and_refuses_an_oversized_package(county_office, tmp_path, monkeypatch, capsys):
    county, sizes = county_office
    monkeypatch.setattr(create_module, "DEFAULT_LIMITS", _small(sizes))
    status, out, err = _cli(county, monkeypatch, capsys, "package", "create", "--org", COUNTY_ID,
                            "--period", "2025", "-o", str(tmp_path / "up.lcpkg"))
    assert status == 0, err
    written = sorted(tmp_path.glob("up-part*.lcpkg"))
    count = len(written)
    assert count >= 3
    for index, path in enumerate(written, 1):
        assert f"{path}\n  part {index} of {count}: " in out
        verify_file(path, limits=_small(sizes))
    assert f"1 record(s), key fingerprint {county.key.fingerprint}" in out
    assert "(in every part)" in out and f", part {count}\n" in out

    monkeypatch.setattr(create_module, "DEFAULT_LIMITS", _too_small(sizes))
    status, out, err = _cli(county, monkeypatch, capsys, "package", "create", "--org", COUNTY_ID,
                            "--period", "2025", "-o", str(tmp_path / "refused"))
    assert status == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "fits in no package file" in err
    assert not (tmp_path / "refused").exists() or list((tmp_path / "refused").iterdir()) == []


def test_the_windows_export_shows_every_part(county_office, tmp_path, monkeypatch, qapp):
    from lowcarbon_desk.ui.operations.packages import export_package_op
    from lowcarbon_desk.ui.submissions.dialogs import ExportResultDialog

    county, sizes = county_office
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(county.home))
    monkeypatch.setattr(create_module, "DEFAULT_LIMITS", _small(sizes))
    folder = tmp_path / "usb"
    folder.mkdir()
    done = export_package_op(COUNTY_ID, "2025", folder, "县审核员", "zh")(county.store, lambda _d, _t: True)
    made = done.value.created
    assert len(made.parts) >= 3
    assert done.changes.packages == tuple(p.path for p in made.parts) == tuple(sorted(folder.iterdir()))
    for part in made.parts:
        verify_file(part.path, limits=_small(sizes))
    dialog = ExportResultDialog(done.value, "zh")
    try:
        shown = dialog.headline.text()
        assert all(part.path.name in shown for part in made.parts)
        labels = {label.text() for label in dialog.findChildren(QLabel)}
        assert {p.sha256 for p in made.parts} <= labels
        assert {f"{p.path.name} SHA-256" for p in made.parts} <= labels
    finally:
        dialog.deleteLater()


def _row(org: str, index: int) -> dict:
    return {"sha256": f"{index:064x}", "sender_org_id": org, "sender_name": org, "file_name": f"{org}-{index}.lcpkg"}


def test_an_enterprises_packages_stay_together_where_they_fit():
    rows = [_row(org, i) for i, org in enumerate("AABBBCDD")]
    stored = {r["sha256"]: StoredExtent(100_000, 9, 150_000) for r in rows}
    one = nested_extent(rows[0]["sha256"], stored[rows[0]["sha256"]])
    base = own_extent({"reports/rollup.pdf": 20_000, "reports/rollup.xlsx": 8_000}, [])
    limits = replace(DEFAULT_LIMITS, max_package_bytes=(FIXED + base).size + 4 * one.size)
    parts = plan_parts(COUNTY_ID, base, base, rows, stored, limits)
    # four packages fit in a file: A A, then B B B (not split over two parts) and C, then D D
    assert [[r["sender_org_id"] for r in part] for part in parts] == [["A", "A"], ["B", "B", "B", "C"], ["D", "D"]]
    # an enterprise with more packages than a file takes is spread over parts in order
    many = [_row("E", i) for i in range(6)]
    stored.update({r["sha256"]: StoredExtent(100_000, 9, 150_000) for r in many})
    parts = plan_parts(COUNTY_ID, base, base, many, stored, limits)
    assert [len(part) for part in parts] == [4, 2]
    assert [r["sha256"] for part in parts for r in part] == [r["sha256"] for r in many]
    # the bounds are upper ones: the parts' worked-out extents stay within every limit
    for part in parts:
        total = FIXED + base
        for row in part:
            total += nested_extent(row["sha256"], stored[row["sha256"]])
        assert total.size <= limits.max_package_bytes and total.members <= limits.max_members


def test_a_stored_package_no_longer_a_zip_is_refused_naming_it(county_office, tmp_path):
    county, sizes = county_office
    (sha256,) = county.store.db.conn.execute("SELECT sha256 FROM imported_packages LIMIT 1").fetchone()
    out = tmp_path / "out"
    out.mkdir()
    content = stored_package(county.db_path, sha256)
    try:
        # the directory's end record gone: no ZIP file any more
        replace_stored_package(county.db_path, sha256, content[:-22])
        with pytest.raises(FileMismatchError) as caught:
            create_submission_package(county.store, COUNTY_ID, out, operator="县审核员", period="2025",
                                      key=county.key, renderers=FAST, now=WHEN, limits=_small(sizes))
        assert caught.value.reason == "stored_copy_damaged" and sha256 in caught.value.subject
        assert list(out.iterdir()) == []
    finally:
        replace_stored_package(county.db_path, sha256, content)
