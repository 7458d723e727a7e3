"""``--db ""`` is a usage error naming --db, never the default database; an empty
``LOWCARBON_DESK_DB`` counts as unset (docs/standard/cli.md §4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lowcarbon_desk.cli.context import CliContext
from lowcarbon_desk.cli.main import build_parser, run


@pytest.mark.parametrize("argv", [["--db", "", "org", "list"], ["--db=", "org", "list"],
                                  ["--db", "  ", "record", "list"], ["--db", ""]])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_empty_db_is_refused_as_usage(argv: list[str], lang: str, capsys, _isolated_home: Path,
                                      tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # a blank name taken as a file would land here
    with pytest.raises(SystemExit) as stop:
        run(["--lang", lang, *argv])
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    errors = [line for line in err.splitlines() if "--db" in line and ("error" in line or "错误" in line)]
    assert len(errors) == 1, err
    assert ("must not be empty" if lang == "en" else "不能为空") in errors[0]
    assert not (_isolated_home / "lowcarbon.db").exists()
    assert list(tmp_path.iterdir()) == []


def test_empty_environment_variable_means_the_default(monkeypatch, _isolated_home: Path) -> None:
    monkeypatch.setenv("LOWCARBON_DESK_DB", "")
    args = build_parser("en").parse_args(["org", "list"])
    assert CliContext.from_args(args).db_path == _isolated_home / "lowcarbon.db"
