"""A command line naming a command builds only the module that registers it
(``cli.main.COMMAND_MODULE``): the table must name every command where it is registered,
and that command's usage and help must be those of the whole command tree."""

from __future__ import annotations

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
