"""Helpers for the packaging tests: run the program as a user would, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"


@dataclass
class Result:
    code: int
    out: str
    err: str


def program_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user's shell: this test's data folder, the offscreen platform,
    nothing pointing at the checkout unless asked for."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LOWCARBON_DESK_DB", "VIRTUAL_ENV")}
    env.update({"LOWCARBON_DESK_HOME": str(home), "LOWCARBON_DESK_OPERATOR": "tester",
                "QT_QPA_PLATFORM": "offscreen", "PYTHONUTF8": "1"})
    env.update(extra)
    return env


def run(command: list[str], env: dict[str, str], cwd: Path, timeout: float = 300) -> Result:
    """Run ``command``; stdout and stderr decoded as UTF-8."""
    proc = subprocess.run(command, capture_output=True, env=env, cwd=cwd, timeout=timeout)
    return Result(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def checkout_program(home: Path, **extra: str) -> tuple[list[str], dict[str, str]]:
    """``python -m lowcarbon_desk`` from this checkout's src/ (the command and its environment)."""
    return [sys.executable, "-m", "lowcarbon_desk"], program_env(home, PYTHONPATH=str(SRC), **extra)
