"""Where the program finds its bundled data and keeps the user's files.

The form definitions (``forms/``) and the resources (font, reference data, translations,
icons) are package data of ``lowcarbon_desk``. ``data_root()`` is the one place that knows
where they are:

- an installed wheel and the PyInstaller bundle hold them inside the package
  (``lowcarbon_desk/forms``, ``lowcarbon_desk/resources``), beside its modules (a package
  imported from a ZIP archive: found through ``importlib.resources`` and extracted);
- a source checkout (and its editable install) keeps them at the repository's top level,
  beside ``src/``.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from . import APP_NAME

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DATA_FOLDERS = ("forms", "resources")


def _holds_data(folder: Traversable | Path) -> bool:
    return all(folder.joinpath(name).is_dir() for name in DATA_FOLDERS)


def _copy_tree(source: Traversable, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        if item.is_dir():
            _copy_tree(item, target / item.name)
        else:
            (target / item.name).write_bytes(item.read_bytes())


def _extracted(package: Traversable) -> Path:
    """The data copied to a private temporary folder, for a package that is not plain files
    (imported from a ZIP archive): reportlab and Qt need real file paths."""
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-data-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for name in DATA_FOLDERS:
        _copy_tree(package.joinpath(name), folder / name)
    return folder


@cache
def data_root() -> Path:
    """The folder holding ``forms/`` and ``resources/`` as real files on disk."""
    here = Path(__file__).resolve().parent
    if _holds_data(here):
        return here  # installed wheel, frozen bundle: the package's own folder
    checkout = here.parents[1]
    if _holds_data(checkout):
        return checkout  # source checkout, editable install
    # importlib.resources only here: importing it costs more start-up time than the window's frame
    import importlib.resources

    package = importlib.resources.files(__package__)
    if isinstance(package, Path) and _holds_data(package):
        return package
    if _holds_data(package):
        return _extracted(package)
    raise FileNotFoundError(f"{APP_NAME}: forms/ and resources/ are missing from {package} and {checkout}; "
                            "the installation is incomplete")


def resources_dir() -> Path:
    """The bundled ``resources/`` folder (fonts, icons, translations, reference data)."""
    return data_root() / "resources"


def forms_dir() -> Path:
    """The bundled ``forms/`` folder with one definition file per form and version."""
    return data_root() / "forms"


def font_path() -> Path:
    """The bundled CJK font (WenQuanYi Micro Hei)."""
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def icon_path(suffix: str = "png", size: int = 256) -> Path:
    """The application icon: ``app.svg``, ``app.ico`` or ``app-<size>.png``."""
    name = f"app-{size}.png" if suffix == "png" else f"app.{suffix}"
    return resources_dir() / "icons" / name


def user_data_path() -> Path:
    """The per-user data folder (database, keys, added reference sets), not created: for
    reading, and for saying which folder cannot be used.

    ``LOWCARBON_DESK_HOME`` overrides it, which the tests use to stay inside a temporary folder.
    """
    override = os.environ.get("LOWCARBON_DESK_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_data_dir() -> Path:
    """The per-user data folder, created when missing (an ``OSError`` when it cannot be)."""
    path = user_data_path()
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    """``--db`` default: ``LOWCARBON_DESK_DB``, else ``lowcarbon.db`` in the user data folder."""
    env = os.environ.get("LOWCARBON_DESK_DB")
    if env:
        return Path(env)
    return user_data_dir() / "lowcarbon.db"


def user_reference_dir() -> Path:
    """Reference-data sets the user added from files (newer factors without a new release);
    not created here (reading a missing folder finds no sets; adding one creates it), so a
    user data folder that cannot be written does not stop the program."""
    return user_data_path() / "reference"
