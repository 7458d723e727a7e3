"""Failures of files and of the database: one line naming the file and the reason, exit 1,
nothing changed, never a traceback (the traceback of a bug goes to the log only)."""

from __future__ import annotations

import gc
import json
import os
import random
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lowcarbon_desk import logs
from lowcarbon_desk.storage import base as store_module
from lowcarbon_desk.storage import connection

from .conftest import SRC, report_json
from .failures_support import call, fingerprint, make_office, mount_tmpfs, unmount


@pytest.fixture(autouse=True)
def finalise_into_the_log():
    """A failed workbook export leaves half-built sheets whose finalisers complain when they
    are collected; the program sends that to its log (app.main), so do the same here instead
    of letting it surface as a warning in a later test."""
    yield
    previous, sys.unraisablehook = sys.unraisablehook, logs.log_unraisable
    try:
        gc.collect()
    finally:
        sys.unraisablehook = previous


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "office.db"
    make_office(path)
    return path


@pytest.fixture
def record_file(tmp_path) -> str:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report_json(period="2024"), ensure_ascii=False), encoding="utf-8")
    return str(path)


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


# --- paths ----------------------------------------------------------------------------------

def test_db_is_a_folder(capsys, tmp_path):
    result = call(capsys, tmp_path, "init", lang="en")
    assert result.one_line() == f"database {tmp_path} is a folder, not a database file"
    assert call(capsys, tmp_path, "init").one_line() == f"数据库 {tmp_path} 是一个文件夹，不是数据库文件"


def test_db_under_a_file(capsys, db):
    line = call(capsys, db / "inner.db", "init", lang="en").one_line()
    assert line == f"database {db / 'inner.db'}: {db} is a file, not a folder"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_db_is_dev_null(capsys):
    call(capsys, "/dev/null", "record", "list", lang="en").one_line("/dev/null", "not a regular file")


def test_restore_a_folder(capsys, db, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    before, names = fingerprint(db), siblings(db)
    line = call(capsys, db, "restore", str(folder), lang="en").one_line()
    assert line == f"backup file {folder} is a folder, not a file"
    assert fingerprint(db) == before and siblings(db) == names


def test_restore_from_a_missing_folder(capsys, db, tmp_path):
    missing = tmp_path / "no such folder" / "b.db"
    call(capsys, db, "restore", str(missing), lang="en").one_line(str(missing), "does not exist")


@pytest.mark.parametrize("command", [
    ["backup", "-o", "{out}"],
    ["export", "xlsx", "--all", "-o", "{out}"],
    ["export", "rollup", "--year", "2025", "-o", "{out}"],
], ids=["backup", "export xlsx", "export rollup"])
def test_output_is_a_folder(capsys, db, tmp_path, command):
    out = tmp_path / "out.xlsx"
    out.mkdir()
    (out / "x.lcpkg").mkdir()
    before = fingerprint(db)
    args = [a.replace("{out}", str(out)) for a in command]
    result = call(capsys, db, *args, lang="en")
    line = result.one_line("is a folder")
    assert str(out) in line
    assert fingerprint(db) == before
    assert sorted(p.name for p in out.iterdir()) == ["x.lcpkg"]


def test_export_pdf_to_a_folder(capsys, db, tmp_path):
    record_id = json.loads(call(capsys, db, "record", "list", "--json").out)[0]["record_id"]
    out = tmp_path / "r.pdf"
    out.mkdir()
    call(capsys, db, "export", "pdf", record_id, "-o", str(out), lang="en").one_line(
        f"{out} is a folder; give a file name")


def test_output_under_a_file(capsys, db):
    line = call(capsys, db, "backup", "-o", str(db / "copy.db"), lang="en").one_line()
    assert line == f"{db} is a file, not a folder"


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux /sys")
def test_export_xlsx_into_sys_is_permission_denied(capsys, db):
    before = fingerprint(db)
    line = call(capsys, db, "export", "xlsx", "--all", "-o", "/sys/t.xlsx", lang="en").one_line()
    assert line == "file /sys/t.xlsx: permission denied"
    assert call(capsys, db, "export", "xlsx", "--all", "-o", "/sys/t.xlsx").one_line() == "文件 /sys/t.xlsx：没有权限"
    assert fingerprint(db) == before


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_export_pdf_into_proc(capsys, db):
    record_id = json.loads(call(capsys, db, "record", "list", "--json").out)[0]["record_id"]
    line = call(capsys, db, "export", "pdf", record_id, "-o", "/proc/r.pdf", lang="en").one_line()
    assert line == "file /proc/r.pdf: no such file or folder"
    call(capsys, db, "backup", "-o", "/proc/b.db", lang="en").one_line("file /proc/b.db: no such file or folder")


def test_output_file_that_cannot_be_replaced(capsys, db, tmp_path):
    """What Linux can show of "the file is locked by another program": an export over a file
    marked unchangeable (``chattr +i``) is refused naming it; the old file stays, no temporary."""
    target = tmp_path / "报表 2025.xlsx"
    target.write_bytes(b"the version open elsewhere")
    if not _chattr("+i", target):
        pytest.skip("chattr +i is not possible here")
    try:
        line = call(capsys, db, "export", "xlsx", "--all", "-o", str(target), lang="en").one_line()
        assert line == f"file {target}: operation not permitted (no permission, or the file is marked unchangeable)"
        assert target.read_bytes() == b"the version open elsewhere"
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    finally:
        _chattr("-i", target)


def test_input_file_is_a_folder(capsys, db, tmp_path):
    before = fingerprint(db)
    call(capsys, db, "record", "add", "--json", str(tmp_path), lang="en").one_line(str(tmp_path))
    assert fingerprint(db) == before


# --- the database ---------------------------------------------------------------------------

def _limit_pages(monkeypatch) -> None:
    """Open every database with SQLite's own size limit at its current size: any growth fails
    with SQLITE_FULL, as on a full disk."""
    real = store_module.enable_wal

    def enable_wal_then_limit(db) -> None:
        real(db)
        pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
        db.conn.execute(f"PRAGMA max_page_count = {pages}")
    monkeypatch.setattr(store_module, "enable_wal", enable_wal_then_limit)


def test_database_full(capsys, db, record_file, monkeypatch):
    _limit_pages(monkeypatch)
    before = fingerprint(db)
    for _ in range(20):  # free pages inside the file absorb the first few
        result = call(capsys, db, "record", "add", "--json", record_file, lang="en")
        if result.code != 0:
            break
        before = fingerprint(db)
    line = result.one_line()
    assert line == f"database {db} cannot be written: the disk is full (or the database has reached its size limit)"
    assert fingerprint(db) == before


def test_disk_full_at_commit(capsys, tmp_path, record_file):
    """A real full disk: a 1 MiB tmpfs holding the database; WAL frames fail at COMMIT."""
    disk = tmp_path / "disk"
    mount_tmpfs(disk, "1m")
    try:
        db = disk / "office.db"
        make_office(db)
        stat = os.statvfs(disk)
        (disk / "filler").write_bytes(bytes(stat.f_bavail * stat.f_frsize - 48 * 1024))
        for _ in range(50):
            before = fingerprint(db)
            result = call(capsys, db, "record", "add", "--json", record_file)
            if result.code != 0:
                break
        line = result.one_line()
        assert line == f"数据库 {db} 无法写入：磁盘已满（或数据库已达到大小上限）"
        assert fingerprint(db) == before
    finally:
        unmount(disk)


def test_disk_full_during_export(capsys, tmp_path):
    disk = tmp_path / "disk"
    mount_tmpfs(disk, "24k")
    try:
        db = tmp_path / "county.db"
        assert call(capsys, db, "demo", "--enterprises", "3").code == 0
        target = disk / "county.xlsx"
        line = call(capsys, db, "export", "xlsx", "--all", "-o", str(target), lang="en").one_line()
        assert line == f"file {target}: the disk is full"
        assert list(disk.iterdir()) == []
    finally:
        unmount(disk)


@pytest.fixture
def other_writer(db):
    """Another process holding a write transaction on the database until the test ends."""
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, sys
        conn = sqlite3.connect({str(db)!r}, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO settings (key, value) VALUES ('held', 'by another writer')")
        print("holding", flush=True)
        sys.stdin.readline()
        conn.execute("ROLLBACK")
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    yield holder
    holder.stdin.write("done\n")
    holder.stdin.flush()
    holder.wait(timeout=30)


def test_database_locked_by_another_writer(capsys, db, record_file, other_writer, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)  # the real 5 s wait, shortened
    before = fingerprint(db)
    line = call(capsys, db, "record", "add", "--json", record_file, lang="en").one_line()
    assert line == (f"database {db} is locked by another program writing to it (waited 0.3 s); "
                    "try again later")
    assert "正被另一个程序写入" in call(capsys, db, "record", "add", "--json", record_file).one_line()
    assert fingerprint(db) == before


def _chattr(flag: str, path: Path) -> bool:
    return shutil.which("chattr") is not None and subprocess.run(
        ["chattr", flag, str(path)], capture_output=True).returncode == 0


def test_database_file_immutable(capsys, db, record_file):
    """``chmod 444`` does not stop root; ``chattr +i`` does (skipped where it is not possible)."""
    if not _chattr("+i", db):
        pytest.skip("chattr +i is not possible here")
    try:
        before = fingerprint(db)
        line = call(capsys, db, "record", "add", "--json", record_file, lang="en").one_line()
        assert line.startswith(f"database {db} is read-only")
        assert call(capsys, db, "record", "list").code == 0  # reading still works
        assert fingerprint(db) == before
    finally:
        _chattr("-i", db)


def test_database_file_read_only_by_permission(capsys, db, record_file):
    if os.geteuid() == 0:
        pytest.skip("root writes read-only files; the immutable test covers this")
    db.chmod(0o444)
    try:
        call(capsys, db, "record", "add", "--json", record_file, lang="en").one_line(str(db), "read-only")
    finally:
        db.chmod(0o644)


def test_database_folder_immutable(capsys, db, record_file):
    folder = db.parent / "locked"
    folder.mkdir()
    moved = folder / db.name
    db.rename(moved)
    if not _chattr("+i", folder):
        pytest.skip("chattr +i is not possible here")
    try:
        line = call(capsys, moved, "record", "list", lang="en").one_line()
        assert line == f"cannot open database {moved} (its folder is missing, cannot be written, or access is denied)"
    finally:
        _chattr("-i", folder)


def test_random_bytes_after_the_header(capsys, tmp_path):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + random.Random(3).randbytes(50_000))
    before = damaged.read_bytes()
    line = call(capsys, damaged, "record", "list", lang="en").one_line()
    assert line == f"{damaged} is not a lowcarbon-desk database or is damaged"
    assert damaged.read_bytes() == before and siblings(damaged) == ["damaged.db"]


def test_half_copied_database_fails_when_read(capsys, tmp_path):
    """The schema survived the copy, the records did not: the failure comes on reading."""
    full = tmp_path / "county.db"
    assert call(capsys, full, "demo", "--enterprises", "4").code == 0
    conn = __import__("sqlite3").connect(full)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    half = tmp_path / "half.db"
    content = full.read_bytes()
    half.write_bytes(content[: len(content) * 2 // 3])
    before = half.read_bytes()
    line = call(capsys, half, "record", "list", lang="en").one_line()
    assert line == f"{half} is not a lowcarbon-desk database or is damaged"
    assert half.read_bytes() == before


def test_restore_a_damaged_backup(capsys, db, tmp_path):
    damaged = tmp_path / "backup.db"
    damaged.write_bytes(db.read_bytes()[:5000])
    before = fingerprint(db)
    call(capsys, db, "restore", str(damaged), lang="en").one_line(
        f"backup file {damaged} is not a lowcarbon-desk database or is damaged")
    assert fingerprint(db) == before
    assert sorted(p.name for p in db.parent.iterdir() if ".before-restore-" in p.name) == []


def test_restore_into_a_database_locked_by_another_writer(capsys, db, tmp_path, other_writer, monkeypatch):
    backup = tmp_path / "backup.db"
    # make the backup before the writer holds the lock: copy the file
    shutil.copy(db, backup)
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)
    before = fingerprint(db)
    result = call(capsys, db, "restore", str(backup), lang="en")
    result.one_line(str(db), "locked")
    assert fingerprint(db) == before


# --- input the parser cannot take -----------------------------------------------------------

def test_json_nested_too_deep(capsys, db, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    before = fingerprint(db)
    line = call(capsys, db, "record", "add", "--json", str(deep), lang="en").one_line()
    assert line.startswith(f"file {deep} is nested")
    assert fingerprint(db) == before


def test_workbook_with_broken_xml(capsys, db, tmp_path):
    import zipfile

    good = tmp_path / "good.xlsx"
    assert call(capsys, db, "export", "xlsx", "--all", "-o", str(good)).code == 0
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data += b"<unclosed"
            target.writestr(info, data)
    before = fingerprint(db)
    call(capsys, db, "import", "xlsx", str(broken), lang="en").one_line("broken.xlsx")
    assert fingerprint(db) == before


# --- bugs: one line and the log's path; the traceback only in the log ------------------------

def test_a_bug_is_one_line_with_the_log_path(capsys, db, monkeypatch, _isolated_home):
    from lowcarbon_desk.cli import record_commands

    def broken(args, ctx):
        return {}["no such key"]
    monkeypatch.setattr(record_commands, "cmd_list", broken)
    log = _isolated_home / "logs" / "lowcarbon-desk.log"
    line = call(capsys, db, "record", "list", lang="en").one_line()
    assert line == f"internal error (KeyError: 'no such key'); details are in the log {log}"
    zh = call(capsys, db, "record", "list").one_line()
    assert zh == f"程序内部错误（KeyError: 'no such key'）；详情已写入日志 {log}"
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and 'return {}["no such key"]' in text
    assert f"start command: --db {db} --lang en record list" in text
    assert "exit 1 after" in text


def test_every_run_is_logged(capsys, db, _isolated_home):
    assert call(capsys, db, "record", "list").code == 0
    text = (_isolated_home / "logs" / "lowcarbon-desk.log").read_text(encoding="utf-8")
    assert f"start command: --db {db} --lang zh record list" in text
    assert "exit 0 after" in text


def test_an_expected_failure_is_logged_without_a_traceback(capsys, tmp_path, _isolated_home):
    call(capsys, tmp_path, "init", lang="en").one_line()
    text = (_isolated_home / "logs" / "lowcarbon-desk.log").read_text(encoding="utf-8")
    assert f"refused: database {tmp_path} is a folder, not a database file" in text
    assert "Traceback" not in text


def test_a_log_folder_that_cannot_be_written(capsys, db, monkeypatch, tmp_path):
    from lowcarbon_desk.cli import record_commands

    blocker = tmp_path / "home-is-a-file"
    blocker.write_text("x")
    monkeypatch.setattr("lowcarbon_desk.logs.log_dir", lambda: blocker / "logs")
    monkeypatch.setattr(record_commands, "cmd_list", lambda args, ctx: 1 / 0)
    line = call(capsys, db, "record", "list", lang="en").one_line()
    assert line == ("internal error (ZeroDivisionError: division by zero); the log folder cannot be "
                    "written, so no details were kept")
    assert call(capsys, db, "init").code == 0  # logging never stops a command


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux /sys")
def test_the_real_program_prints_one_line_and_nothing_at_exit(tmp_path, _isolated_home):
    """As a user runs it: a failed workbook export leaves half-built sheets whose finalisers
    complained on stderr at exit ("Exception ignored in …"); they go to the log."""
    db = tmp_path / "county.db"
    env = {**os.environ, "LOWCARBON_DESK_HOME": str(_isolated_home), "PYTHONPATH": str(SRC)}
    base = [sys.executable, "-m", "lowcarbon_desk", "--db", str(db), "--lang", "en"]
    subprocess.run([*base, "demo", "--enterprises", "2"], env=env, check=True, capture_output=True)
    result = subprocess.run([*base, "export", "xlsx", "--all", "-o", "/sys/t.xlsx"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr == "file /sys/t.xlsx: permission denied\n"
