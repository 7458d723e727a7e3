"""A user data folder that cannot be written (here: its parent is a regular file, which
stops root too) is one warning line: every data command on a writable ``--db`` still works;
one that needs the signing key fails with one line (docs/standard/cli.md §2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lowcarbon_desk.cli.main import run

COUNTY = "410199"


def _run(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    status = run(["--lang", "en", "--operator", "tester", "--db", str(db), *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> tuple[Path, Path]:
    """A demo county's database and its county package, made once with a usable user folder."""
    folder = tmp_path_factory.mktemp("county")
    db, package = folder / "county.db", folder / "county.lcpkg"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LOWCARBON_DESK_HOME", str(folder / "home"))
        patch.delenv("LOWCARBON_DESK_DB", raising=False)
        assert run(["--db", str(db), "demo", "--enterprises", "2"]) == 0
        assert run(["--db", str(db), "package", "create", "--org", COUNTY, "--period", "2025",
                    "--no-explain", "-o", str(package)]) == 0
    return db, package


@pytest.fixture
def unusable_home(tmp_path: Path, monkeypatch) -> Path:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the user data folder's parent should be", encoding="utf-8")
    home = blocker / "home"
    monkeypatch.setenv("LOWCARBON_DESK_HOME", str(home))
    return home


def _one_warning(err: str, home: Path) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("warning: ") and str(home) in lines[0]
    assert "signing key" in lines[0] and "not logged" in lines[0]


@pytest.mark.parametrize("command", [["org", "list"], ["record", "list"], ["backup", "list", "--json"], ["package", "verify", "PACKAGE"],
                                     ["record", "show", "FIRST"]])
def test_data_commands_work_with_one_warning(command: list[str], county, unusable_home: Path,
                                             capsys) -> None:
    db, package = county
    if "FIRST" in command:
        listed = _run(capsys, db, "record", "list")[1]
        command = [*command[:-1], listed.split()[0]]
    command = [str(package) if c == "PACKAGE" else c for c in command]
    status, out, err = _run(capsys, db, *command)
    assert status == 0, err
    assert out
    _one_warning(err, unusable_home)
    assert not unusable_home.exists()


def test_convert_needs_no_user_folder(county, unusable_home: Path, capsys) -> None:
    """``convert`` writes nothing, so it makes no key and says nothing about the folder."""
    db, _package = county
    status, out, err = _run(capsys, db, "convert", "raw_coal", "10")
    assert (status, err) == (0, "")
    assert out.startswith("10 t Raw coal = 7.143 tce")
    assert not unusable_home.exists()


def test_demo_on_a_new_database_works(tmp_path: Path, unusable_home: Path, capsys) -> None:
    status, out, err = _run(capsys, tmp_path / "new.db", "demo", "--enterprises", "1")
    assert status == 0, err
    assert "demo county" in out
    _one_warning(err, unusable_home)


def test_package_create_fails_with_one_line_about_the_key(county, unusable_home: Path, tmp_path: Path,
                                                          capsys) -> None:
    db, _ = county
    target = tmp_path / "out.lcpkg"
    status, out, err = _run(capsys, db, "package", "create", "--org", COUNTY, "--period", "2025",
                            "--no-explain", "-o", str(target))
    assert status == 1 and out == ""
    warning, refusal = err.splitlines()
    assert warning.startswith("warning: ")
    assert refusal == (f"cannot make this installation's signing key: the folder {unusable_home} "
                       "cannot be written (a part of the path is not a folder)")
    assert not target.exists()
