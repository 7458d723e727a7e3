"""A command's process leaves without the interpreter's last garbage collections
(``cli/process_exit.py``), and still leaves everything finished: its output written, its
database closed and its log complete. The window's exit is left as it is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")

# registered before the program's own: atexit runs last-in first-out, so this runs after it
PROBE = """
import atexit, gc, sys
atexit.register(lambda: print("FROZEN-AT-EXIT", gc.get_freeze_count() > 0, flush=True))
from lowcarbon_desk.app import main
print("STATUS", main(sys.argv[1:]), flush=True)
"""


def _run(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC, "LOWCARBON_DESK_HOME": str(tmp_path / "home"),
           "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, env=env,
                          timeout=120)


def test_a_command_exits_frozen_with_its_work_finished(tmp_path):
    db = tmp_path / "county.db"
    done = _run(tmp_path, "--db", str(db), "--lang", "en", "org", "list")
    assert "STATUS 0" in done.stdout, done.stderr
    assert "FROZEN-AT-EXIT True" in done.stdout
    # the database was closed (its WAL checkpointed and removed) and the log flushed and closed
    assert db.is_file()
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()
    logs = list((tmp_path / "home").rglob("*.log"))
    assert logs and "command: --db" in "".join(p.read_text(encoding="utf-8") for p in logs)


def test_a_run_without_a_command_exits_as_python_does(tmp_path):
    done = _run(tmp_path, "--version")
    assert "FROZEN-AT-EXIT False" in done.stdout, done.stderr
