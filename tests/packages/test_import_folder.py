"""``package import FOLDER`` and an unexpanded ``*.lcpkg``: a county imports a USB stick's
folder of packages in one command, also where the shell does not expand wildcards (Windows'
``cmd``); a folder without packages or a pattern matching nothing is one line, nothing changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lowcarbon_desk.cli.package_files import package_files
from lowcarbon_desk.domain.errors import InputError

from .offices import open_county

OPERATOR = "县审核员"


@pytest.fixture()
def stick(five_packages, tmp_path) -> Path:
    """A folder as a USB stick brings it: three packages (not in name order of making), a note,
    and a subfolder holding a fourth package."""
    folder = tmp_path / "收件"
    (folder / "旧").mkdir(parents=True)
    for name, package in zip(["c.lcpkg", "a.LCPKG", "b.lcpkg"], five_packages[:3], strict=True):
        shutil.copyfile(package, folder / name)
    (folder / "说明.txt").write_text("三家企业", encoding="utf-8")
    shutil.copyfile(five_packages[3], folder / "旧" / "d.lcpkg")
    return folder


def test_a_folder_stands_for_its_packages_by_name(stick) -> None:
    assert package_files([str(stick)]) == [str(stick / "a.LCPKG"), str(stick / "b.lcpkg"), str(stick / "c.lcpkg")]


def test_an_unexpanded_pattern_stands_for_the_files_it_matches(stick) -> None:
    assert package_files([str(stick / "*.lcpkg"), "x.lcpkg"]) == [str(stick / "b.lcpkg"), str(stick / "c.lcpkg"),
                                                                 "x.lcpkg"]


def test_a_file_named_like_a_pattern_is_that_file(tmp_path) -> None:
    odd = tmp_path / "[1].lcpkg"
    odd.write_bytes(b"PK")
    assert package_files([str(odd)]) == [str(odd)]


@pytest.mark.parametrize("argument", ["空", "空/*.lcpkg"])
def test_nothing_to_import_is_refused_naming_it(tmp_path, argument) -> None:
    (tmp_path / "空").mkdir()
    (tmp_path / "空" / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        package_files([str(tmp_path / argument)])
    assert str(tmp_path / argument) in refused.value.message_en
    assert str(tmp_path / argument) in refused.value.message_zh


def test_the_command_imports_a_folder_and_refuses_an_empty_one(stick, tmp_path) -> None:
    county = open_county(tmp_path / "county", OPERATOR)
    county.store.close()
    done = county.cli("package", "import", str(stick))
    assert done.returncode == 0, done.stderr
    assert "3 file(s) imported, 0 refused" in done.stdout
    assert "d.lcpkg" not in done.stdout + done.stderr
    imported = county.dump()
    (tmp_path / "empty").mkdir()
    refused = county.cli("package", "import", str(tmp_path / "empty"), lang="zh")
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines()[-1].endswith(f"文件夹 {tmp_path / 'empty'} 中没有 .lcpkg 数据包")
    assert "Traceback" not in refused.stderr
    assert county.dump() == imported
