"""The suite's own folders: a test session writes nothing into the user's home, and fails
when something does, or leaves temporaries behind (``session_home``)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
PYPROJECT = TESTS.parent / "pyproject.toml"

INNER = '''
import os, subprocess, sys, tempfile
from pathlib import Path


def test_clean():
    (Path.home() / "note.txt").write_text("inside the session's home")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "x").write_text("removed")


def test_writes_the_real_home():
    if os.environ.get("INNER_MODE") == "stray":
        (Path(os.environ["INNER_REAL_DATA"]) / "stray.txt").write_text("outside")


def test_a_subprocess_writes_the_real_home():
    if os.environ.get("INNER_MODE") == "stray-subprocess":
        stray = Path(os.environ["INNER_REAL_DATA"]) / "from-a-subprocess.txt"
        subprocess.run([sys.executable, "-c", f"open({str(stray)!r}, 'w').close()"], check=True)


def test_leaves_a_temporary():
    if os.environ.get("INNER_MODE") == "stray":
        tempfile.mkdtemp(prefix="forgotten-")
'''


def inner_session(tmp_path: Path, mode: str, ci: bool = False) -> tuple[subprocess.CompletedProcess, Path, Path]:
    """A pytest session with the suite's session plugin and settings, in a fake "real" home and
    TMPDIR."""
    home, temp, run = tmp_path / "home", tmp_path / "tmp", tmp_path / "run"
    data = home / ".local" / "share" / "lowcarbon-desk"
    for folder in (data, temp, run):
        folder.mkdir(parents=True)
    (data / "lowcarbon.db").write_bytes(b"the user's own database")
    (run / "test_inner.py").write_text(textwrap.dedent(INNER), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "LOWCARBON_DESK_", "PYTEST_")) and k != "CI"}
    env.update(HOME=str(home), TMPDIR=str(temp), PYTHONPATH=str(TESTS), INNER_MODE=mode, INNER_REAL_DATA=str(data))
    if ci:
        env["CI"] = "true"
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "session_home", "-p", "no:cacheprovider",
                             "-c", str(PYPROJECT), "--rootdir", str(run), str(run)],
                            capture_output=True, text=True, env=env, timeout=120, cwd=run)
    return result, home, temp


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_session_stays_out_of_the_home_and_cleans_up(tmp_path):
    result, home, temp = inner_session(tmp_path, "clean")
    assert result.returncode == 0, result.stdout + result.stderr
    assert files_under(home) == [".local", ".local/share", ".local/share/lowcarbon-desk",
                                 ".local/share/lowcarbon-desk/lowcarbon.db"]
    # the passing run's base folder (with the session's home) is gone
    assert all(p.is_dir() and p.name.startswith("pytest-of-") for p in temp.rglob("*")), files_under(temp)


def test_a_session_that_writes_into_the_real_home_or_leaves_a_temporary_fails_naming_them(tmp_path):
    result, home, _temp = inner_session(tmp_path, "stray")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "4 passed" in result.stdout
    stray = home / ".local" / "share" / "lowcarbon-desk" / "stray.txt"
    assert f"the tests wrote into the real home:\n  {stray} (open)\n" in result.stdout
    assert "lowcarbon.db" not in result.stdout
    assert "temporary files were left behind" in result.stdout and "/session/tmp/forgotten-" in result.stdout


@pytest.mark.parametrize("ci", [True, False])
def test_what_a_subprocess_wrote_into_the_real_home_fails_under_ci_and_is_shown_elsewhere(tmp_path, ci):
    result, home, _temp = inner_session(tmp_path, "stray-subprocess", ci=ci)
    assert result.returncode == (1 if ci else 0), result.stdout + result.stderr
    stray = home / ".local" / "share" / "lowcarbon-desk" / "from-a-subprocess.txt"
    assert "folders gained files during the test run" in result.stdout and f"  {stray}\n" in result.stdout
    assert "the tests wrote into the real home" not in result.stdout


@pytest.mark.parametrize("name", ["HOME", "TMPDIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                                  "XDG_STATE_HOME", "LOWCARBON_DESK_HOME"])
def test_this_session_runs_in_its_own_folders(name, tmp_path_factory):
    base = tmp_path_factory.getbasetemp()
    assert Path(os.environ[name]).is_relative_to(base)
