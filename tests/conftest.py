"""Shared fixtures for every test folder.

``LOWCARBON_DESK_HOME`` points the user data folder (database, keys, added reference sets)
at a fresh temporary folder, so no test touches the real one.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("lowcarbon-home")
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(home))
    monkeypatch.delenv("LOWCARBON_DESK_DB", raising=False)
    return home
