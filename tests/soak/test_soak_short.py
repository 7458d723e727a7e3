"""The short soak: at least 30 writers SIGKILLed at random moments, nothing confirmed lost
(benchmarks/soak.py; docs/data-safety.md reports the long run)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the soak: scripts/test.sh --fast leaves it out

SOAK = Path(__file__).resolve().parents[2] / "benchmarks" / "soak.py"


def _soak_module():
    spec = importlib.util.spec_from_file_location("lowcarbon_soak", SOAK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_thirty_kills_lose_nothing_confirmed(tmp_path: Path) -> None:
    soak = _soak_module()
    report = soak.Soak(tmp_path, seed=2025).run(kills=30, max_seconds=170)
    assert report.violations == []
    assert report.kills >= 30
    assert report.integrity_checks == report.runs
    assert report.completed >= 5  # the calibration runs at least: confirmed writes were checked
    assert report.confirmed_records and report.confirmed_packages and report.confirmed_backups
    assert sum(report.kills_by_writer.values()) == report.kills
