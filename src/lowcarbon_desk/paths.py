"""Where the program finds its bundled data and keeps the user's files.

One function knows the PyInstaller bundle folder, so nothing else has to.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from . import APP_NAME


def bundle_root() -> Path:
    """The folder holding ``resources/`` and ``forms/``: the bundle when frozen, else the repo."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    """The bundled ``resources/`` folder (fonts, icons, translations, reference data)."""
    return bundle_root() / "resources"


def forms_dir() -> Path:
    """The bundled ``forms/`` folder with one definition file per form and version."""
    return bundle_root() / "forms"


def font_path() -> Path:
    """The bundled CJK font (WenQuanYi Micro Hei)."""
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def user_data_dir() -> Path:
    """The per-user data folder (database, keys, added reference sets).

    ``LOWCARBON_DESK_HOME`` overrides it, which the tests use to stay inside a temporary folder.
    """
    override = os.environ.get("LOWCARBON_DESK_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    """``--db`` default: ``LOWCARBON_DESK_DB``, else ``lowcarbon.db`` in the user data folder."""
    env = os.environ.get("LOWCARBON_DESK_DB")
    if env:
        return Path(env)
    return user_data_dir() / "lowcarbon.db"


def user_reference_dir() -> Path:
    """Reference-data sets the user added from files (newer factors without a new release)."""
    path = user_data_dir() / "reference"
    path.mkdir(parents=True, exist_ok=True)
    return path
