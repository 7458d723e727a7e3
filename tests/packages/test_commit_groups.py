"""``package import FILE…`` commits its files in groups (``packages.commit_groups``): each file
still all or nothing in a savepoint of its own, a refused one leaving the others; a file's
result reported only once its group is committed, so what an interruption loses was never
reported as imported; and the same rows as committing each file alone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lowcarbon_desk.packages.commit_groups import ONE_BY_ONE, CommitGroup, GroupLimits
from lowcarbon_desk.packages.importer import import_each
from lowcarbon_desk.storage import package_files

from . import tamper
from .offices import interrupt_import_at, open_county, stored_rows

OPERATOR = "县审核员"


def _committed(db: Path) -> int:
    """The packages another connection sees imported: only what was committed."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM imported_packages").fetchone()[0]
    finally:
        conn.close()


def test_a_result_is_reported_once_its_group_is_committed(five_packages, tmp_path) -> None:
    county = open_county(tmp_path, OPERATOR)
    seen = [_committed(county.db_path)
            for _ in import_each(county.store, five_packages, OPERATOR, verify_workers=0, groups=GroupLimits(files=2))]
    assert seen == [2, 2, 4, 4, 5]


def test_grouped_and_one_by_one_write_the_same_rows(five_packages, tmp_path) -> None:
    broken = tmp_path / "broken.lcpkg"
    broken.write_bytes(tamper.flip_byte(five_packages[2].read_bytes(), 200))
    files = [five_packages[0], five_packages[1], broken, five_packages[3], five_packages[0], five_packages[4]]
    outcomes = {}
    for name, groups in {"alone": ONE_BY_ONE, "grouped": GroupLimits(files=4)}.items():
        county = open_county(tmp_path / name, OPERATOR)
        outcomes[name] = [(source, type(result).__name__,
                           result.message("en") if isinstance(result, Exception) else result.status)
                          for source, result in import_each(county.store, files, OPERATOR, verify_workers=0,
                                                            groups=groups)]
        county.store.close()
    assert outcomes["grouped"] == outcomes["alone"]
    assert [kind for _, kind, _ in outcomes["grouped"]].count("ImportResult") == 5
    assert outcomes["grouped"][4][2] == "already_imported"
    assert stored_rows(tmp_path / "grouped" / "county.db") == stored_rows(tmp_path / "alone" / "county.db")


def test_an_interruption_loses_only_what_was_not_reported(five_packages, tmp_path, monkeypatch) -> None:
    county = open_county(tmp_path, OPERATOR)
    runs = interrupt_import_at(monkeypatch, 4)
    reported = []
    with pytest.raises(KeyboardInterrupt):
        for _source, result in import_each(county.store, five_packages, OPERATOR, verify_workers=0,
                                          groups=GroupLimits(files=3)):
            reported.append(result.sha256)
    assert reported == runs[:3]
    assert _committed(county.db_path) == 3  # the fourth file's group held only it: rolled back


def test_a_group_is_full_after_its_files_bytes_or_seconds() -> None:
    by_files, by_bytes, by_time = CommitGroup(GroupLimits(files=2)), CommitGroup(GroupLimits(bytes=100)), \
        CommitGroup(GroupLimits(seconds=0))
    assert [by_files.add(1), by_files.add(1)] == [False, True]
    assert [by_bytes.add(60), by_bytes.add(0), by_bytes.add(40)] == [False, False, True]
    assert by_time.add(0)


def _kept_files(db: Path) -> tuple[set[str], set[str]]:
    """The package files beside the database, and those its committed rows name."""
    folder = Path(str(db) + "-packages")
    conn = sqlite3.connect(db)
    try:
        named = {r[0] for r in conn.execute("SELECT content_file FROM imported_packages WHERE content_file IS NOT NULL")}
    finally:
        conn.close()
    return ({p.name for p in folder.iterdir()} if folder.exists() else set()), named


def test_package_files_follow_the_groups_refusals_and_interruptions(five_packages, tmp_path, monkeypatch) -> None:
    """Every package kept as a file (the threshold lowered): a refused file and an interrupted
    group leave no file behind, and every committed row's file is there."""
    monkeypatch.setattr(package_files, "FILE_THRESHOLD", 1)
    broken = tmp_path / "broken.lcpkg"
    broken.write_bytes(tamper.flip_byte(five_packages[2].read_bytes(), 200))
    county = open_county(tmp_path / "county", OPERATOR)
    files = [five_packages[0], five_packages[1], broken, five_packages[3], five_packages[4]]
    # groups of three files: the first two and the broken one, then the fourth file (written)
    # and the fifth (interrupted: the broken file never runs, so it is the fourth run)
    runs = interrupt_import_at(monkeypatch, 4)
    with pytest.raises(KeyboardInterrupt):
        for _ in import_each(county.store, files, OPERATOR, verify_workers=0, groups=GroupLimits(files=3)):
            pass
    on_disk, named = _kept_files(county.db_path)
    assert len(runs) == 4 and _committed(county.db_path) == 2
    assert on_disk == named and len(named) == 2
