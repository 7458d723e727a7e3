"""A command line naming a command builds only the module that registers it
(``cli.main.COMMAND_MODULE``): the table must name every command where it is registered,
and that command's usage and help must be those of the whole command tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from lowcarbon_desk.cli.main import COMMAND_MODULE, build_parser, named_command


def _commands(parser) -> dict:
    return next(action for action in parser._actions if action.dest == "command").choices


def test_the_table_names_every_command_of_the_tree():
    whole = _commands(build_parser("en"))
    assert set(COMMAND_MODULE) == set(whole)
    for name in whole:
        assert name in _commands(build_parser("en", only=name))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["convert", "record", "package", "target"])
def test_a_command_alone_has_the_help_and_usage_of_the_whole_tree(name, lang):
    whole, alone = _commands(build_parser(lang))[name], _commands(build_parser(lang, only=name))[name]
    assert alone.format_help() == whole.format_help()
    assert alone.format_usage() == whole.format_usage()


@pytest.mark.parametrize(("argv", "command"), [
    (["convert", "raw_coal", "1"], "convert"),
    (["--db", "x.db", "--lang=en", "record", "list"], "record"),
    (["--operator", "a", "package", "verify", "p.zip"], "package"),
    (["--help", "convert"], None),
    (["--lang", "fr", "convert"], None),
    (["--db", "--lang", "convert"], None),
    (["nonsense"], None),
    ([], None),
])
def test_named_command(argv, command):
    assert named_command(argv) == command


def test_convert_writes_nothing_and_logs_only_a_refusal(cli, tmp_path):
    """``convert`` leaves the user data folder as it was (no key, no log); a refused one logs why."""
    home = Path(cli.env["LOWCARBON_DESK_HOME"])
    done = cli("convert", "raw_coal", "1000", lang="en")
    assert (done.code, done.out.strip()) == (0, "1,000 t Raw coal = 714.3 tce, 1,900.3 tCO2")
    assert [p for p in home.rglob("*") if p.is_file()] == []
    refused = cli("convert", "no_such_energy", "1", lang="en")
    assert refused.code == 1 and refused.err.startswith("unknown energy code no_such_energy")
    logs = [p for p in home.rglob("*.log")]
    assert len(logs) == 1 and "unknown energy code no_such_energy" in logs[0].read_text(encoding="utf-8")
    assert not (tmp_path / "office.db").exists()
