"""Temporaries of interrupted writes are removed at the next start, and nothing else is."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from lowcarbon_desk import leftovers
from lowcarbon_desk.cli.main import run
from lowcarbon_desk.storage import Store
from lowcarbon_desk.tempfiles import fcntl

SRC = Path(__file__).resolve().parents[1] / "src"

# the program's own pattern, but for another file, or not quite the pattern
UNRELATED = (".other.db.abcd1234.part", "out.db.abcd1234.part", ".out.db.abcd123.part",
             ".out.db.ABCD1234.part", ".out.db.abcd1234.part.keep", ".out.db.abcd1234.partial",
             "out.db.part", "out.db.part-journal", ".out.db.abcd1234.part~")


def age(path: Path, seconds: float = 120) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def kill_mid_backup(db: Path, out: Path, home: Path) -> subprocess.CompletedProcess:
    """``backup -o out`` in a subprocess that SIGKILLs itself after the first page is copied."""
    script = textwrap.dedent(f"""
        import os, signal, sqlite3, sys
        sys.path.insert(0, {str(SRC)!r})
        from lowcarbon_desk.cli.main import run
        from lowcarbon_desk.storage import backup

        def copy_then_die(source, temp, shown_as):
            dest = sqlite3.connect(temp)
            source.backup(dest, pages=1, progress=lambda *a: os.kill(os.getpid(), signal.SIGKILL))

        backup._copy = copy_then_die
        run(["--db", {str(db)!r}, "backup", "-o", {str(out)!r}])
    """)
    env = {**os.environ, "LOWCARBON_DESK_HOME": str(home), "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture
def database(tmp_path) -> Path:
    from domain.samples import COUNTY, ENTERPRISE, ENTERPRISE_ID, sample

    db = tmp_path / "office.db"
    with Store.open(db) as store:
        store.add_orgs([COUNTY, ENTERPRISE], "tester")
        store.add_record("energy_report", ENTERPRISE_ID, sample("energy_report"), "tester")
    return db


def test_a_killed_backup_is_swept_at_the_next_start(tmp_path, database, _isolated_home, capsys):
    out_dir = tmp_path / "backups"
    out_dir.mkdir()
    out = out_dir / "out.db"
    result = kill_mid_backup(database, out, _isolated_home)
    assert result.returncode == -9, result.stderr
    left = sorted(p.name for p in out_dir.iterdir())
    assert any(n.endswith(".part") for n in left) and any(n.endswith(".part-journal") for n in left), left
    assert not out.exists()
    assert len(list(leftovers.pending_folder().iterdir())) == 1
    for name in UNRELATED:
        (out_dir / name).write_bytes(b"not ours")
    for path in out_dir.iterdir():
        age(path)

    assert run(["--db", str(database), "record", "list"]) == 0
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(UNRELATED)
    assert all((out_dir / n).read_bytes() == b"not ours" for n in UNRELATED)
    log = (_isolated_home / "logs" / "lowcarbon-desk.log").read_text(encoding="utf-8")
    assert all(f"leftover of an interrupted write: {out_dir / n}" in log for n in left)
    # the note of the write is gone once nothing is left of it
    for note in leftovers.pending_folder().iterdir():
        age(note)
    assert leftovers.sweep() == []
    assert list(leftovers.pending_folder().iterdir()) == []


def test_a_fresh_leftover_waits_for_the_grace_time(tmp_path, database, _isolated_home):
    out = tmp_path / "out.db"
    assert kill_mid_backup(database, out, _isolated_home).returncode == -9
    left = sorted(tmp_path.glob(".out.db.*"))
    assert left
    assert leftovers.sweep() == []  # just now killed: too young to be sure
    assert all(p.exists() for p in left)
    for path in left:
        age(path)
    assert sorted(leftovers.sweep()) == left


def start_writer(target: Path, home: Path) -> tuple[subprocess.Popen, Path]:
    """Another process in the middle of an atomic write of ``target`` (its temporary aged an
    hour), waiting for a line on stdin to finish."""
    script = textwrap.dedent(f"""
        import os, sys, time
        sys.path.insert(0, {str(SRC)!r})
        from lowcarbon_desk.fileio import atomic_output
        with atomic_output({str(target)!r}) as temp:
            temp.write_bytes(b"half")
            then = time.time() - 3600
            os.utime(temp, (then, then))
            print(temp, flush=True)
            sys.stdin.readline()
            temp.write_bytes(b"complete")
    """)
    env = {**os.environ, "LOWCARBON_DESK_HOME": str(home)}
    writer = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env=env)
    return writer, Path(writer.stdout.readline().strip())


@pytest.mark.skipif(fcntl is None, reason="POSIX file locks")
def test_a_temporary_another_process_is_writing_is_kept(tmp_path, _isolated_home):
    target = tmp_path / "report.xlsx"
    writer, temp = start_writer(target, _isolated_home)
    try:
        assert temp.exists()
        assert leftovers.sweep() == []
        assert temp.read_bytes() == b"half"
        writer.stdin.write("go\n")
        writer.stdin.flush()
        assert writer.wait(timeout=30) == 0
    finally:
        writer.kill()
    assert target.read_bytes() == b"complete"
    assert not temp.exists()


def test_a_killed_writer_loses_its_claim(tmp_path, _isolated_home):
    target = tmp_path / "report.xlsx"
    writer, temp = start_writer(target, _isolated_home)
    writer.kill()
    writer.wait(timeout=30)
    assert temp.exists() and not target.exists()
    assert leftovers.sweep() == [temp]
    assert list(tmp_path.iterdir()) == []


def test_sweep_without_notes_or_user_folder_is_harmless(tmp_path, monkeypatch):
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(tmp_path / "nothing-yet"))
    assert leftovers.sweep() == []


def test_without_file_locks_only_age_proves_a_dead_writer(tmp_path, _isolated_home, monkeypatch):
    """Windows and some shares have no ``flock``: an hour without change is the proof."""
    target = tmp_path / "report.xlsx"
    writer, temp = start_writer(target, _isolated_home)
    writer.kill()
    writer.wait(timeout=30)
    monkeypatch.setattr(leftovers, "try_lock", lambda handle: None)
    age(temp, 1800)
    assert leftovers.sweep() == [] and temp.exists()
    age(temp, 7200)
    assert leftovers.sweep() == [temp]
