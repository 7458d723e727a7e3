"""Imported packages kept as files beside the database (``storage/package_files.py``): the file
and its row commit together or not at all, copies carry the files, a missing file is one line."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from lowcarbon_desk.domain.errors import FileError
from lowcarbon_desk.storage import Store, migrations, package_files
from lowcarbon_desk.storage.backup import backup_to, restore_from
from lowcarbon_desk.storage.imported import add_imported_package, package_blob, package_chunks
from lowcarbon_desk.storage.package_files import FILE_THRESHOLD, folder_of

LARGE = FILE_THRESHOLD + 12_345


def _content(size: int, seed: int = 0) -> bytes:
    return (hashlib.sha256(str(seed).encode()).digest() * (size // 32 + 1))[:size]


def _row(content: bytes) -> dict:
    return {"sha256": hashlib.sha256(content).hexdigest(), "file_name": "x.lcpkg", "kind": "submission",
            "sender_org_id": "91350102MA0000001L", "sender_name": "企业", "sender_operator": "填报员",
            "public_key": "key", "fingerprint": "fp", "created_at": "2026-01-01T00:00:00+08:00",
            "imported_at": "2026-01-02T00:00:00+08:00", "operator": "县审核员", "parent_sha256": None,
            "size": len(content)}


def _keep(store: Store, content: bytes) -> str:
    row = _row(content)
    with store.transaction():
        add_imported_package(store, row, [content[:70_000], content[70_000:]])
    return row["sha256"]


def _read(store: Store, sha256: str) -> bytes:
    chunks = package_chunks(store, sha256, 50_000)
    assert chunks is not None
    return b"".join(chunks)


def _files(db_path: Path) -> set[str]:
    folder = folder_of(db_path)
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def _named(db_path: Path) -> set[str]:
    conn = sqlite3.connect(db_path)
    try:
        return {r[0] for r in conn.execute("SELECT content_file FROM imported_packages WHERE content_file IS NOT NULL")}
    finally:
        conn.close()


def test_a_large_package_is_kept_in_a_file_beside_the_database(store: Store, db_path: Path) -> None:
    content = _content(LARGE)
    sha256 = _keep(store, content)
    name, kept = store.db.conn.execute("SELECT content_file, content FROM imported_packages").fetchone()
    assert name == f"{sha256}.lcpkg" and kept == b""
    assert (folder_of(db_path) / name).read_bytes() == content
    assert _files(db_path) == {name}  # no temporary left
    assert _read(store, sha256) == content
    with package_blob(store, sha256) as blob:
        blob.seek(100)
        assert blob.read(10) == content[100:110]


def test_small_packages_and_a_database_in_memory_keep_the_bytes_inside(store: Store, db_path: Path) -> None:
    small = _content(FILE_THRESHOLD - 1, 1)
    sha256 = _keep(store, small)
    assert store.db.conn.execute("SELECT content_file, content FROM imported_packages").fetchone() == (None, small)
    assert _read(store, sha256) == small and not folder_of(db_path).exists()
    with Store.open(":memory:") as memory:
        large = _content(LARGE, 2)
        assert memory.package_files.folder is None
        assert _read(memory, _keep(memory, large)) == large


def test_a_rolled_back_savepoint_removes_its_file_and_keeps_the_others(store: Store, db_path: Path) -> None:
    first, second = _content(LARGE, 3), _content(LARGE, 4)
    with store.transaction():
        with store.transaction():
            add_imported_package(store, _row(first), first)
        with pytest.raises(RuntimeError), store.transaction():
            add_imported_package(store, _row(second), second)
            assert len(_files(db_path)) == 2  # written inside the savepoint ...
            raise RuntimeError("refused")
        assert _files(db_path) == {f"{_row(first)['sha256']}.lcpkg"}  # ... and gone with it
    assert _files(db_path) == _named(db_path) == {f"{_row(first)['sha256']}.lcpkg"}


def test_a_file_is_synced_before_its_row_commits(store: Store, db_path: Path, monkeypatch) -> None:
    events: list[str] = []
    real_sync, real_folder = package_files._sync_file, package_files.sync_folder
    monkeypatch.setattr(package_files, "_sync_file", lambda path: (events.append(f"sync {path.name}"),
                                                                  real_sync(path))[1])
    monkeypatch.setattr(package_files, "sync_folder", lambda folder: (events.append("sync folder"),
                                                                     real_folder(folder))[1])
    store.db.conn.set_trace_callback(lambda sql: events.append(sql) if sql in ("COMMIT", "BEGIN IMMEDIATE") else None)
    sha256 = _keep(store, _content(LARGE, 5))
    assert events == ["BEGIN IMMEDIATE", f"sync {sha256}.lcpkg", "sync folder", "COMMIT"]


def test_a_sync_that_fails_commits_nothing_and_names_the_file(store: Store, db_path: Path, monkeypatch) -> None:
    def failing(handle: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(package_files.os, "fsync", failing)
    content = _content(LARGE, 6)
    with pytest.raises(FileError) as caught:
        _keep(store, content)
    assert caught.value.subject == str(folder_of(db_path) / f"{_row(content)['sha256']}.lcpkg")
    assert store.db.conn.execute("SELECT COUNT(*) FROM imported_packages").fetchone()[0] == 0
    assert _files(db_path) == set()


def test_a_disk_that_fills_while_writing_leaves_no_file(store: Store, db_path: Path, monkeypatch) -> None:
    real_write = os.write

    def full(handle: int, data) -> int:
        if len(data) > 60_000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(handle, data)

    monkeypatch.setattr(package_files.os, "write", full)
    with pytest.raises(FileError) as caught:
        _keep(store, _content(LARGE, 7))
    assert "磁盘已满" in caught.value.message("zh") and "disk is full" in caught.value.message("en")
    assert _files(db_path) == set()
    assert store.db.conn.execute("SELECT COUNT(*) FROM imported_packages").fetchone()[0] == 0


def test_a_backup_holds_the_packages_and_restores_anywhere(store: Store, db_path: Path, tmp_path: Path) -> None:
    content = _content(LARGE, 8)
    sha256 = _keep(store, content)
    backup = tmp_path / "backups" / "office.bak"
    backup_to(store.db, backup)
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("SELECT content_file, content FROM imported_packages").fetchone() == (None, content)
    finally:
        conn.close()
    assert not folder_of(backup).exists()  # one file: the backup needs nothing beside it
    elsewhere = tmp_path / "elsewhere" / "office.db"
    elsewhere.parent.mkdir()
    restore_from(backup, elsewhere)
    with Store.open(elsewhere) as restored:
        assert _read(restored, sha256) == content


def test_restoring_over_the_database_removes_the_files_it_no_longer_names(store: Store, db_path: Path,
                                                                          tmp_path: Path) -> None:
    kept = _keep(store, _content(LARGE, 9))
    backup = tmp_path / "office.bak"
    backup_to(store.db, backup)
    later = _keep(store, _content(LARGE, 10))
    assert _files(db_path) == {f"{kept}.lcpkg", f"{later}.lcpkg"}
    store.close()
    restore_from(backup, db_path)
    assert _files(db_path) == set()  # the restored database holds its package inside
    with Store.open(db_path) as restored:
        assert package_chunks(restored, later) is None
        assert _read(restored, kept) == _content(LARGE, 9)


def test_restoring_from_a_database_copied_with_its_folder_brings_the_files(store: Store, db_path: Path,
                                                                           tmp_path: Path) -> None:
    content = _content(LARGE, 11)
    sha256 = _keep(store, content)
    store.close()
    copied = tmp_path / "usb" / "office.db"
    copied.parent.mkdir()
    shutil.copy(db_path, copied)
    shutil.copytree(folder_of(db_path), folder_of(copied))
    target = tmp_path / "other" / "office.db"
    target.parent.mkdir()
    restore_from(copied, target)
    assert _files(target) == _named(target) == {f"{sha256}.lcpkg"}
    with Store.open(target) as restored:
        assert _read(restored, sha256) == content


def test_a_missing_file_is_one_line_naming_it_and_no_backup_is_left(store: Store, db_path: Path,
                                                                    tmp_path: Path) -> None:
    sha256 = _keep(store, _content(LARGE, 12))
    missing = folder_of(db_path) / f"{sha256}.lcpkg"
    missing.unlink()
    with pytest.raises(FileError) as caught:
        _read(store, sha256)
    assert caught.value.subject == str(missing)
    assert "office.db-packages" in caught.value.message("en") and "备份" in caught.value.message("zh")
    backup = tmp_path / "backups" / "office.bak"
    with pytest.raises(FileError) as again:
        backup_to(store.db, backup)
    assert again.value.subject == str(missing)
    assert list(backup.parent.iterdir()) == []  # neither the backup nor its temporary


def test_a_row_cannot_point_outside_the_folder(store: Store, db_path: Path) -> None:
    sha256 = _keep(store, _content(LARGE, 13))
    with store.transaction():
        store.db.conn.execute("UPDATE imported_packages SET content_file = '../office.db'")
    with pytest.raises(FileError) as caught:
        _read(store, sha256)
    assert caught.value.subject == "../office.db"


def test_schema_5_gains_the_column_and_its_packages_stay_inside(db_path: Path, monkeypatch) -> None:
    content = _content(LARGE, 14)
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:5])
        patch.setattr(migrations, "LATEST_VERSION", 5)
        with Store.open(db_path) as old, old.transaction():
            old.db.conn.execute(
                "INSERT INTO imported_packages (sha256, kind, sender_org_id, public_key, imported_at, size, "
                "content) VALUES (?, 'submission', 'x', 'k', 'now', ?, ?)",
                [_row(content)["sha256"], len(content), content])
    with Store.open(db_path) as store:
        assert store.schema_version == migrations.LATEST_VERSION
        assert [b.name.split(".")[2].split("-2")[0] for b in store.backups] == ["before-v6"]
        assert _read(store, _row(content)["sha256"]) == content
        assert _files(db_path) == set()


def test_what_a_killed_import_left_is_removed_and_nothing_else(store: Store, db_path: Path) -> None:
    kept = _keep(store, _content(LARGE, 15))
    folder = folder_of(db_path)
    unnamed, temporary, foreign = folder / f"{'0' * 64}.lcpkg", folder / f".{'1' * 64}.lcpkg.4242.part", \
        folder / "readme.txt"
    for path in (unnamed, temporary, foreign):
        path.write_bytes(b"left")
    with store.transaction():  # inside a transaction its own files are not committed yet: nothing
        assert store.remove_unnamed_package_files() == []
    assert sorted(store.remove_unnamed_package_files()) == sorted([unnamed, temporary])
    assert _files(db_path) == {f"{kept}.lcpkg", "readme.txt"}
