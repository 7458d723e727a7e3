"""Opening database files: pragmas, migrations and their backups, files that are refused."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import subprocess
import traceback
from pathlib import Path

import pytest
import sqlite_utils
import sqlite_utils.plugins

from domain.samples import COUNTY
from lowcarbon_desk.domain.errors import InputError, LowcarbonError, StorageError
from lowcarbon_desk.storage import Store, migrations, record_io
from lowcarbon_desk.storage.connection import database_error
from lowcarbon_desk.storage.migrations import LATEST_VERSION, backup_file

from .conftest import OPERATOR, dump, make_sqlite


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_new_file_pragmas_and_schema(store: Store, db_path: Path) -> None:
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version == LATEST_VERSION == store.latest_schema_version
    assert store.backups == []
    assert store.db["settings"].get("migration.1")["value"] == "initial schema"
    tables = set(store.db.table_names())
    assert {"organisations", "records", "audit_log", "energy_reports", "energy_lines",
            "energy_budgets", "budget_months", "cp_audits", "audit_stages",
            "pilot_applications", "attachments", "attachment_blobs", "justifications",
            "record_computed"} <= tables
    # WAL is a property of the file: a plain connection sees it too
    other = sqlite3.connect(db_path)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other.close()


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.db.conn.execute(
            "INSERT INTO records (record_id, lineage_id, revision, form, form_version, org_id,"
            " state) VALUES ('r', 'r', 1, 'energy_report', 1, 'nobody', 'draft')")


def test_reopen_keeps_data_and_makes_no_backup(db_path: Path) -> None:
    with Store.open(db_path) as first:
        first.add_orgs([COUNTY], OPERATOR)
    with Store.open(db_path) as second:
        assert second.backups == []
        assert second.get_org(COUNTY["org_id"])["name"] == COUNTY["name"]
    assert siblings(db_path) == [db_path.name]


def test_empty_file_is_a_new_database(db_path: Path) -> None:
    db_path.write_bytes(b"")
    with Store.open(db_path) as store:
        assert store.schema_version == LATEST_VERSION


def _extra_step(monkeypatch, step) -> int:
    """Pretend the program has one more migration; returns its number."""
    number = migrations.LATEST_VERSION + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (number, "extra", step)])
    monkeypatch.setattr(migrations, "LATEST_VERSION", number)
    return number


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def test_real_ladder_from_version_1_makes_a_backup(db_path: Path, monkeypatch) -> None:
    """A file made by the first release (schema 1) is backed up, then migrated."""
    if LATEST_VERSION < 2:
        pytest.skip("only one migration so far")
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        patch.setattr(migrations, "LATEST_VERSION", 1)
        with Store.open(db_path) as old:
            old.add_orgs([COUNTY], OPERATOR)
            assert old.schema_version == 1
    v1_tables = _tables(db_path)
    with Store.open(db_path) as store:
        assert store.schema_version == LATEST_VERSION
        assert [b.name.startswith(f"{db_path.name}.before-v2-") for b in store.backups] == [True]
        backup = store.backups[0]
        assert store.get_org(COUNTY["org_id"]) is not None
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    copy.close()
    assert _tables(backup) == v1_tables
    assert _tables(db_path) > v1_tables


def test_backup_before_migrating_an_older_file(db_path: Path, monkeypatch) -> None:
    with Store.open(db_path) as old:
        old.add_orgs([COUNTY], OPERATOR)
    before = LATEST_VERSION

    def step(db) -> None:
        db["extra"].create({"id": int}, pk="id")
    number = _extra_step(monkeypatch, step)
    with Store.open(db_path) as store:
        assert store.schema_version == number
        assert "extra" in store.db.table_names()
        assert len(store.backups) == 1
        backup = store.backups[0]
    assert backup.parent == db_path.parent
    assert backup.name.startswith(f"{db_path.name}.before-v{number}-")
    assert backup.suffix == ".bak"
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == before
    assert copy.execute("SELECT name FROM organisations").fetchall() == [(COUNTY["name"],)]
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()
    assert "extra" not in _tables(backup)
    # a second opening has nothing to migrate
    with Store.open(db_path) as again:
        assert again.backups == []


def test_failed_migration_step_leaves_the_older_schema(db_path: Path, monkeypatch) -> None:
    with Store.open(db_path) as old:
        old.add_orgs([COUNTY], OPERATOR)
    before = LATEST_VERSION

    def broken(db) -> None:
        db["half_done"].create({"id": int}, pk="id")
        raise RuntimeError("step failed")
    number = _extra_step(monkeypatch, broken)
    with pytest.raises(RuntimeError):
        Store.open(db_path)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == before
    assert conn.execute("SELECT count(*) FROM organisations").fetchone()[0] == 1
    conn.close()
    assert "half_done" not in _tables(db_path)
    assert any(n.startswith(f"{db_path.name}.before-v{number}-") for n in siblings(db_path))


def test_backup_file_is_a_consistent_copy(store: Store, db_path: Path) -> None:
    store.add_orgs([COUNTY], OPERATOR)
    target = backup_file(store.db, db_path, "manual")
    assert target.name.startswith(f"{db_path.name}.manual-")
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT org_id FROM organisations").fetchall() == [(COUNTY["org_id"],)]
    assert copy.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0
    assert copy.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    copy.close()


def _assert_refused(path: Path, *needles: str) -> InputError:
    before, names = digest(path), siblings(path)
    with pytest.raises(InputError) as info:
        Store.open(path)
    error = info.value
    assert isinstance(error, LowcarbonError)
    for lang in ("zh", "en"):
        assert str(path) in error.message(lang)
        for needle in needles:
            assert needle in error.message(lang), error.message(lang)
    assert digest(path) == before, "the refused file was changed"
    assert siblings(path) == names, "files were left beside the refused one"
    return error


def test_newer_schema_is_refused_and_file_unchanged(db_path: Path) -> None:
    make_sqlite(db_path, "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)",
                f"PRAGMA user_version = {LATEST_VERSION + 98}")
    error = _assert_refused(db_path, str(LATEST_VERSION + 98))
    assert "newer" in error.message("en") and "Nothing was changed" in error.message("en")
    assert "更新版本" in error.message("zh") and "未做任何改动" in error.message("zh")


def test_newer_schema_in_wal_mode_is_refused_and_unchanged(db_path: Path) -> None:
    """As a newer release of this program would leave it: WAL mode, our tables."""
    with Store.open(db_path) as store:
        store.add_orgs([COUNTY], OPERATOR)
        store.db.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    _assert_refused(db_path, str(LATEST_VERSION + 1))


@pytest.mark.parametrize("content", [
    b"org_id,name\n350100,x\n",
    b"\x89PNG\r\n\x1a\n" + bytes(200),
    b"SQLite format 2\x00" + bytes(100),
    b"SQLite form",
    "数据库".encode() * 100,
], ids=["csv", "png", "wrong header", "truncated header", "utf-8 text"])
def test_non_sqlite_file_is_refused_and_unchanged(db_path: Path, content: bytes) -> None:
    db_path.write_bytes(content)
    error = _assert_refused(db_path)
    assert "not an SQLite database" in error.message("en")
    assert "不是 SQLite 数据库" in error.message("zh")


def test_sqlite_file_of_another_program_is_refused_and_unchanged(db_path: Path) -> None:
    make_sqlite(db_path, "CREATE TABLE organisations (whatever)",
                "INSERT INTO organisations VALUES ('keep me')")
    error = _assert_refused(db_path)
    assert "another program" in error.message("en")


def test_migration_3_keeps_computed_values_and_clusters_them(db_path: Path, monkeypatch) -> None:
    """A schema-2 file with records: computed values survive the WITHOUT ROWID rebuild."""
    from domain.samples import ENTERPRISE, sample

    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        patch.setattr(migrations, "LATEST_VERSION", 2)
        patch.setattr(record_io, "_figures_row", lambda *args: None)  # that release had no record_figures
        with Store.open(db_path) as old:
            old.add_orgs([COUNTY, ENTERPRISE], OPERATOR)
            record_id = old.add_record("energy_report", ENTERPRISE["org_id"], sample("energy_report"), OPERATOR)
            before = old.get_record(record_id)
            assert old.schema_version == 2
    with Store.open(db_path) as store:
        assert store.schema_version >= 3
        assert [b.name.startswith(f"{db_path.name}.before-v3-") for b in store.backups] == [True]
        assert store.get_record(record_id)["computed"] == before["computed"]
        sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'record_computed'").fetchone()[0]
        assert "WITHOUT ROWID" in sql
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []


# --- files SQLite cannot use: one StorageError/InputError naming the file, file unchanged ----

def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        Store.open(tmp_path)
    assert info.value.message("en") == f"database {tmp_path} is a folder, not a database file"
    assert info.value.message("zh") == f"数据库 {tmp_path} 是一个文件夹，不是数据库文件"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_refused() -> None:
    with pytest.raises(InputError) as info:
        Store.open("/dev/null")
    assert "/dev/null is not a regular file" in info.value.message("en")


def _assert_damaged(path: Path) -> None:
    before, names = digest(path), siblings(path)
    with pytest.raises(StorageError) as info:
        Store.open(path)
    assert info.value.reason == "damaged"
    assert info.value.message("en") == f"{path} is not a lowcarbon-desk database or is damaged"
    assert info.value.message("zh") == f"{path} 不是 lowcarbon-desk 数据库或已损坏"
    assert digest(path) == before and siblings(path) == names


def test_random_bytes_after_an_sqlite_header_are_damaged(db_path: Path) -> None:
    db_path.write_bytes(b"SQLite format 3\x00" + random.Random(7).randbytes(40_000))
    _assert_damaged(db_path)


def test_a_half_copied_database_is_damaged(tmp_path: Path, db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add_orgs([COUNTY], OPERATOR)
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    half = tmp_path / "half.db"
    half.write_bytes(db_path.read_bytes()[: 5 * 4096])
    _assert_damaged(half)


def _chattr(flag: str, path: Path) -> None:
    result = subprocess.run(["chattr", flag, str(path)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"chattr {flag} is not possible here: {result.stderr.decode(errors='replace').strip()}")


@pytest.fixture
def immutable(request):
    """Mark paths unchangeable (``chattr +i``, root on ext4/xfs/btrfs); undone after the test."""
    if shutil.which("chattr") is None:
        pytest.skip("no chattr")
    marked: list[Path] = []

    def mark(path: Path) -> None:
        _chattr("+i", path)
        marked.append(path)
    yield mark
    for path in marked:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def test_a_folder_that_cannot_be_written_is_refused(tmp_path: Path, immutable) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    db = folder / "office.db"
    with Store.open(db) as store:
        store.add_orgs([COUNTY], OPERATOR)
    before = digest(db)
    immutable(folder)  # the -wal and -shm files cannot be made
    with pytest.raises(StorageError) as info:
        Store.open(db)
    assert info.value.reason == "cantopen"
    assert info.value.message("en") == (f"cannot open database {db} (its folder is missing, cannot be "
                                        "written, or access is denied)")
    assert digest(db) == before


def _sqlite_error(action) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as info:
        action()
    return info.value


def test_sqlite_conditions_are_named(tmp_path: Path, db_path: Path) -> None:
    """Real SQLite errors of each kind, mapped by their result code."""
    with Store.open(db_path) as store:
        store.add_orgs([COUNTY], OPERATOR)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    full = _sqlite_error(lambda: conn.execute("CREATE TABLE big AS SELECT zeroblob(100000) AS b"))
    other = sqlite3.connect(db_path, isolation_level=None, timeout=0)
    conn.execute("BEGIN IMMEDIATE")
    locked = _sqlite_error(lambda: other.execute("BEGIN IMMEDIATE"))
    conn.execute("ROLLBACK")
    reader = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    readonly = _sqlite_error(lambda: reader.execute("DELETE FROM settings"))
    cantopen = _sqlite_error(lambda: sqlite3.connect(f"file:{tmp_path}/missing/x.db?mode=rw", uri=True))
    expected = {"full": full, "locked": locked, "readonly": readonly, "cantopen": cantopen}
    for reason, exc in expected.items():
        error = database_error(exc, db_path)
        assert error.reason == reason, (reason, exc)
        assert str(db_path) in error.message("en") and str(db_path) in error.message("zh")
        assert "\n" not in error.message("en")
    assert "the disk is full" in database_error(full, db_path).message("en")
    assert "磁盘已满" in database_error(full, db_path).message("zh")
    assert "locked by another program" in database_error(locked, db_path).message("en")
    assert "read-only" in database_error(readonly, db_path).message("en")
    for c in (conn, other, reader):
        c.close()


def test_an_error_without_a_code_is_read_from_its_wording(db_path: Path) -> None:
    error = database_error(sqlite3.OperationalError("database or disk is full"), db_path)
    assert error.reason == "full"
    error = database_error(sqlite3.OperationalError("no such table: t"), db_path)
    assert error.reason == "other" and error.message("en") == f"database {db_path}: no such table: t"


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 512 KiB tmpfs (root only; skipped where mounting is not allowed)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.decode(errors='replace').strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_at_commit_rolls_back_and_the_store_goes_on(tiny_disk: Path) -> None:
    """WAL writes its frames at COMMIT: a full disk fails there; the transaction is rolled
    back, nothing of it is stored, and the connection can still read and write."""
    from domain.samples import ENTERPRISE, ENTERPRISE_ID, sample

    db = tiny_disk / "office.db"
    store = Store.open(db)
    try:
        store.add_orgs([COUNTY, ENTERPRISE], OPERATOR)
        failure = None
        for _ in range(200):
            before = dump(store)
            try:
                store.add_record("energy_report", ENTERPRISE_ID, sample("energy_report"), OPERATOR)
            except sqlite3.Error as exc:
                failure = exc
                break
        assert failure is not None, "the disk never filled"
        assert database_error(failure, db).reason == "full"
        last = traceback.extract_tb(failure.__traceback__)[-1]
        assert last.filename.endswith("connection.py") and '"COMMIT"' in last.line, last
        assert not store.db.conn.in_transaction
        assert dump(store) == before
        assert store.get_org(COUNTY["org_id"]) is not None
    finally:
        store.close()


class _PlantedPlugin:
    """An sqlite-utils plugin as any installed package could register one."""

    @staticmethod
    @sqlite_utils.hookimpl
    def prepare_connection(conn: sqlite3.Connection) -> None:
        conn.create_function("planted", 0, lambda: "ran")


def test_sqlite_utils_plugins_never_reach_the_connection(tmp_path: Path) -> None:
    """An installed sqlite-utils plugin is handed no connection of this program: it could add
    SQL functions to it (and finding the plugins reads every installed package's metadata)."""
    plugin = _PlantedPlugin()
    sqlite_utils.plugins.pm.register(plugin, name="planted-by-a-test")
    try:
        opened = Store.open(tmp_path / "county.db")
        try:
            with pytest.raises(sqlite3.OperationalError, match="no such function: planted"):
                opened.db.conn.execute("SELECT planted()")
        finally:
            opened.close()
        # the same plugin does reach a plain sqlite-utils database: the test plants it for real
        plain = sqlite_utils.Database(sqlite3.connect(":memory:"))
        assert plain.conn.execute("SELECT planted()").fetchone() == ("ran",)
    finally:
        sqlite_utils.plugins.pm.unregister(name="planted-by-a-test")
