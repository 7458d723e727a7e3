"""``lowcarbon-desk --help`` must stay quick: building the command tree imports none of the
heavy libraries (they load when a command that needs them runs). Checked by module, not by
clock, so a loaded machine cannot make it flaky; docs/benchmarks.md has the timings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# the package of this checkout, not an installed one
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
HEAVY = ("reportlab", "openpyxl", "sqlite_utils", "PySide6", "cryptography", "defusedxml")

PROBE = f"""
import sys
from lowcarbon_desk.cli.main import build_parser
for lang in ("zh", "en"):
    build_parser(lang).format_help()
loaded = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))
print(",".join(loaded))
"""


def test_building_the_command_tree_imports_no_heavy_library():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=ENV)
    assert done.stdout.strip() == "", f"--help imports {done.stdout.strip()}"


def test_help_runs_without_heavy_libraries():
    probe = ("import sys, runpy\n"
             "sys.argv = ['lowcarbon-desk', '--help']\n"
             "try:\n"
             "    runpy.run_module('lowcarbon_desk', run_name='__main__')\n"
             "except SystemExit:\n"
             "    pass\n"
             f"print('LOADED:' + ','.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=ENV)
    assert "LOADED:" in done.stdout
    assert done.stdout.rsplit("LOADED:", 1)[1].strip() == ""


def test_convert_loads_no_key_database_or_window_library():
    """``convert`` writes nothing: no installation key (cryptography), no database
    (sqlite-utils), no window (PySide6), no forms engine (the conversion needs only the
    reference data); only its own module of the command tree is built."""
    probe = ("import sys\n"
             "from lowcarbon_desk.cli.main import run\n"
             "status = run(['--lang', 'en', 'convert', 'raw_coal', '1000'])\n"
             "loaded = {m.split('.')[0] for m in sys.modules} | set(sys.modules)\n"
             "wanted = ('cryptography', 'sqlite_utils', 'PySide6', 'lowcarbon_desk.cli.record_commands',\n"
             "          'lowcarbon_desk.domain.forms')\n"
             "print('LOADED:' + ','.join(sorted(loaded & set(wanted))), status)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=ENV)
    assert "1,000 t Raw coal = 714.3 tce" in done.stdout, done.stderr
    assert done.stdout.rsplit("LOADED:", 1)[1].split() == ["0"]
