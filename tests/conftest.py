"""Shared fixtures for every test folder.

For the whole session, ``HOME``, the XDG folders, ``TMPDIR`` and ``LOWCARBON_DESK_HOME``
point into the session's pytest base folder (``session_home``), so neither the program, nor
Qt, nor a subprocess the tests start writes into the real home or leaves files in the real
temporary folder; the session fails when the real home's program and Qt folders gained files
anyway, or when the program left temporaries behind. Each test then gets a fresh
``LOWCARBON_DESK_HOME`` of its own (database, keys, added reference sets, logs). ``src/``
goes on ``sys.path`` so the suite also runs from an interpreter where the package is not
installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# the session-wide folders and the guard (hooks)
from session_home import pytest_configure, pytest_sessionfinish, pytest_terminal_summary  # noqa: F401

SRC = Path(__file__).resolve().parents[1] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("lowcarbon-home")
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(home))
    monkeypatch.delenv("LOWCARBON_DESK_DB", raising=False)
    return home


@pytest.fixture(scope="session", autouse=True)
def _newer_forms_removed():
    """The newer form version's folder goes before the session checks for leftovers."""
    yield
    from fixtures.versions import remove_newer_forms

    remove_newer_forms()


def _hypothesis_profiles() -> None:
    """In CI the property tests run derandomised: same examples every run, no flaky landing."""
    import os

    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
    settings.register_profile("dev", deadline=None)
    settings.load_profile("ci" if os.environ.get("CI") else "dev")


_hypothesis_profiles()
