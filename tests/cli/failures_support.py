"""Running the command line in-process and checking that a failure is one line and changed nothing."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from lowcarbon_desk.cli.main import run
from lowcarbon_desk.storage import Store


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    def one_line(self, *needles: str) -> str:
        """Assert exit 1 with exactly one line on stderr holding ``needles``; return the line."""
        assert self.code == 1, (self.code, self.err)
        assert "Traceback" not in self.err and "Exception ignored" not in self.err, self.err
        lines = self.err.splitlines()
        assert len(lines) == 1 and self.err.endswith("\n"), self.err
        for needle in needles:
            assert needle in lines[0], (needle, lines[0])
        return lines[0]


def call(capsys, db: Path | str, *args: str, lang: str = "zh") -> Outcome:
    """``lowcarbon-desk --db DB --lang LANG ARGS…`` in this process."""
    capsys.readouterr()
    code = run(["--db", str(db), "--lang", lang, *args])
    out, err = capsys.readouterr()
    return Outcome(code, out, err)


def fingerprint(db: Path) -> str:
    """Every row of every table and the audit log's length: equal before and after a refusal."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            for row in conn.execute(f"SELECT * FROM [{table}] ORDER BY 1, 2"):
                digest.update(repr((table, row)).encode())
        digest.update(repr(conn.execute("SELECT count(*) FROM audit_log").fetchone()).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def make_office(db: Path) -> str:
    """A database with a county, an enterprise and one draft energy report; returns its id."""
    from domain.samples import COUNTY, ENTERPRISE, ENTERPRISE_ID, sample

    with Store.open(db) as store:
        store.add_orgs([COUNTY, ENTERPRISE], "tester")
        record_id = store.add_record("energy_report", ENTERPRISE_ID, sample("energy_report"), "tester")
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return record_id


def mount_tmpfs(folder: Path, size: str) -> None:
    """Mount a small tmpfs on ``folder`` or skip (needs root and a kernel that allows it)."""
    folder.mkdir(exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                            capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.decode(errors='replace').strip()}")


def unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], check=False)
