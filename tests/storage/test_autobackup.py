"""Automatic copies: where they go, retention, listing, the newest intact copy, damaged files."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from lowcarbon_desk.domain.errors import InputError, StorageError
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.autobackup import (
    BEFORE_PACKAGE_IMPORT,
    DAILY,
    MANUAL,
    BackupCopy,
    Retention,
    backup_before,
    backups_dir,
    daily_backup_due,
    kept_by_retention,
    list_backups,
    make_backup,
    newest_good_backup,
    require_latest,
)
from lowcarbon_desk.storage.health import check_database, is_unusable, replace_damaged


def _org_names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT org_id FROM organisations ORDER BY org_id")]
    finally:
        conn.close()


def _damage(path: Path) -> None:
    """Overwrite one page in the middle of the file, as a failing disk would."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with path.open("r+b") as handle:
        handle.seek(4096 * 4)
        handle.write(b"\xff" * 4096)


def test_copies_live_in_the_user_data_folder_per_database(orgs_store: Store, db_path: Path,
                                                          _isolated_home: Path) -> None:
    copy = make_backup(orgs_store, db_path, MANUAL)
    assert copy.parent == backups_dir(db_path)
    assert copy.parent.parent == _isolated_home / "backups"
    other = db_path.with_name("other.db")
    assert backups_dir(other) != backups_dir(db_path)
    assert _org_names(copy) == _org_names(db_path)
    listed = list_backups(db_path)
    assert [(c.path, c.kind, c.size) for c in listed] == [(copy, MANUAL, copy.stat().st_size)]
    # the copies survive the database being deleted
    orgs_store.close()
    db_path.unlink()
    assert newest_good_backup(db_path).path == copy


def test_an_empty_database_gets_no_copy_before_an_import(store: Store, db_path: Path) -> None:
    assert backup_before(store, db_path, BEFORE_PACKAGE_IMPORT) is None
    assert list_backups(db_path) == []


def test_a_copy_of_a_damaged_database_is_refused_and_removed(orgs_store: Store, db_path: Path) -> None:
    orgs_store.close()
    _damage(db_path)
    with Store.open(db_path) as damaged, pytest.raises(StorageError) as caught:
        make_backup(damaged, db_path, DAILY)
    assert caught.value.reason == "damaged"
    assert list(backups_dir(db_path).glob("*.db")) == []


def _copy(day: dt.datetime, kind: str = DAILY) -> BackupCopy:
    return BackupCopy(Path(f"/b/office.db.{kind}-{day:%Y%m%dT%H%M%S}.db"), kind, day, 1, True)


def test_retention_keeps_seven_days_and_four_weeks() -> None:
    start = dt.datetime(2025, 1, 1, 9)
    copies = [_copy(start + dt.timedelta(days=n)) for n in range(60)]
    copies.append(_copy(start + dt.timedelta(days=59, hours=3)))  # a second copy on the last day
    kept = kept_by_retention(copies, Retention(daily=7, weekly=4, events=2))
    days = sorted(c.made_at for c in copies if c.path in kept)
    assert len(days) == 11
    assert days[-1] == start + dt.timedelta(days=59, hours=3)  # the newest of the day
    assert [d.date() for d in days[-7:]] == [(start + dt.timedelta(days=n)).date() for n in range(53, 60)]
    weeks = {d.isocalendar()[:2] for d in days[:-7]}
    assert len(weeks) == 4
    events = [_copy(start + dt.timedelta(hours=n), BEFORE_PACKAGE_IMPORT) for n in range(5)]
    assert {c.path for c in events} & kept_by_retention(events, Retention(events=2)) == {
        events[4].path, events[3].path}


def test_make_backup_prunes_old_daily_copies_but_never_manual_ones(orgs_store: Store, db_path: Path) -> None:
    retention = Retention(daily=2, weekly=1, events=1)
    start = dt.datetime(2025, 3, 3, 8)
    manual = make_backup(orgs_store, db_path, MANUAL, retention=retention, now=start)
    made = [make_backup(orgs_store, db_path, DAILY, retention=retention, now=start + dt.timedelta(days=n))
            for n in range(0, 21, 3)]
    left = {c.path for c in list_backups(db_path)}
    assert manual in left
    assert made[-1] in left and made[-2] in left
    assert len([p for p in left if ".daily-" in p.name]) == 3
    assert daily_backup_due(db_path, today=dt.date(2025, 3, 21)) is False
    assert daily_backup_due(db_path, today=dt.date(2025, 3, 22)) is True


def test_the_newest_intact_copy_is_chosen(orgs_store: Store, db_path: Path) -> None:
    older = make_backup(orgs_store, db_path, MANUAL, now=dt.datetime(2025, 1, 1))
    newer = make_backup(orgs_store, db_path, MANUAL, now=dt.datetime(2025, 1, 2))
    _damage(newer)
    assert require_latest(db_path).path == older
    older.write_bytes(b"not a database")
    with pytest.raises(InputError, match="no intact backup"):
        require_latest(db_path)


def test_migration_copies_beside_the_database_are_listed(orgs_store: Store, db_path: Path) -> None:
    beside = db_path.with_name(f"{db_path.name}.before-v3-20240101T120000000000.bak")
    make_backup(orgs_store, beside, MANUAL)  # any database file will do
    copy = next(backups_dir(beside).glob("*.db"))
    copy.replace(beside)
    listed = list_backups(db_path)
    assert [(c.kind, c.managed) for c in listed] == [("before-v3", False)]


@pytest.mark.parametrize("what", ["damaged", "truncated", "not sqlite", "newer", "foreign"])
def test_the_start_up_check_names_an_unusable_file_and_leaves_it(orgs_store: Store, db_path: Path,
                                                                  what: str) -> None:
    orgs_store.close()
    if what == "damaged":
        _damage(db_path)
    elif what == "truncated":
        with db_path.open("r+b") as handle:
            handle.truncate(db_path.stat().st_size // 2 + 100)
    elif what == "not sqlite":
        db_path.write_bytes(b"PK\x03\x04 a workbook renamed to .db" * 40)
    elif what == "newer":
        conn = sqlite3.connect(db_path)
        conn.execute("PRAGMA user_version = 99")
        conn.close()
    else:
        db_path.unlink()
        conn = sqlite3.connect(db_path)
        conn.execute("CREATE TABLE t (x)")
        conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StorageError) as caught:
        check_database(db_path)
    assert is_unusable(caught.value)
    message = caught.value.message("en")
    assert str(db_path) in message and "\n" not in message
    assert db_path.read_bytes() == before


def test_an_intact_database_passes_and_a_new_one_too(orgs_store: Store, db_path: Path, tmp_path: Path) -> None:
    assert check_database(db_path) >= 0
    assert check_database(tmp_path / "new.db") == 0.0


def test_a_damaged_database_is_kept_aside_when_replaced(orgs_store: Store, db_path: Path) -> None:
    copy = make_backup(orgs_store, db_path, MANUAL)
    orgs_store.close()
    _damage(db_path)
    damaged_bytes = db_path.read_bytes()
    kept = replace_damaged(copy, db_path)
    assert kept is not None and ".damaged-" in kept.name
    assert kept.read_bytes() == damaged_bytes
    check_database(db_path)
    assert _org_names(db_path) == _org_names(copy)
    with Store.open(db_path) as reopened:
        assert reopened.get_org(_org_names(copy)[0]) is not None
