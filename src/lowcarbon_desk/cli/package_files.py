"""The files ``package import`` is given: a folder stands for the packages in it, and a
wildcard the shell left as it was (Windows' ``cmd`` does not expand ``*.lcpkg``) for the files
it matches, so a county can import a USB stick's folder of packages in one command."""

from __future__ import annotations

import glob
from collections.abc import Sequence
from pathlib import Path

from ..domain.errors import InputError
from ..domain.text import printable as shown

PACKAGE_SUFFIX = ".lcpkg"
WILDCARDS = frozenset("*?[")


def _in_folder(folder: Path) -> list[str]:
    found = sorted(str(path) for path in folder.iterdir()
                   if path.suffix.lower() == PACKAGE_SUFFIX and path.is_file())
    if not found:
        raise InputError(f"文件夹 {shown(str(folder))} 中没有 {PACKAGE_SUFFIX} 数据包",
                         f"folder {shown(str(folder))} holds no {PACKAGE_SUFFIX} package", subject=str(folder))
    return found


def _matching(pattern: str) -> list[str]:
    found = sorted(name for name in glob.glob(pattern) if Path(name).is_file())
    if not found:
        raise InputError(f"没有与 {shown(pattern)} 匹配的文件", f"no file matches {shown(pattern)}", subject=pattern)
    return found


def package_files(arguments: Sequence[str]) -> list[str]:
    """Each argument as the files it names, in order: a folder as its ``.lcpkg`` files (not
    its subfolders), sorted by name; a wildcard pattern that is not itself a file as the files
    it matches, sorted; anything else as given (a missing file is refused by the import,
    naming it). A folder without packages or a pattern matching nothing raises ``InputError``."""
    files: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files.extend(_in_folder(path))
        elif not path.exists() and WILDCARDS.intersection(argument):
            files.extend(_matching(argument))
        else:
            files.append(argument)
    return files
