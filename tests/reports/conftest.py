"""Shared fixtures: a temporary database filled through the Store API."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from lowcarbon_desk.storage import Store

from .sample_data import build_small


@pytest.fixture
def store(tmp_path: Path):
    db = Store.open(tmp_path / "t.db")
    yield db
    db.close()


@pytest.fixture
def ids(store: Store) -> dict[str, str]:
    return build_small(store)


def pdftotext(path: Path) -> str:
    """Text of a PDF by poppler's pdftotext (a second, independent PDF reader)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.fail("pdftotext missing: scripts/setup.sh installs poppler-utils")
    return subprocess.run([exe, "-layout", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
