"""A command line that only opens the window is parsed without the command tree (most of the
parser's cost at start-up); its result must be what the whole parser gives."""

from __future__ import annotations

import pytest

from lowcarbon_desk.cli.main import build_parser, opens_the_window

WINDOW = [
    [],
    ["--db", "office.db"],
    ["--db=office.db", "--lang", "en"],
    ["--lang=zh", "--operator", "王工", "--db", "county data.db"],
]
NOT_WINDOW = [
    ["--help"],
    ["-h"],
    ["--version"],
    ["--self-test"],
    ["org", "list"],
    ["--db", "office.db", "record", "list"],
    ["--db"],                     # a missing value: the whole parser says so
    ["--db", "--help"],
    ["--lang", "fr"],             # refused with the whole tree's usage
    ["--lang=de"],
    ["--la", "en"],               # abbreviations are the whole parser's business
    ["office.db"],
]


@pytest.mark.parametrize("argv", WINDOW)
def test_window_command_lines_parse_as_the_whole_parser_does(argv):
    assert opens_the_window(argv)
    quick = vars(build_parser("en", commands=False).parse_args(argv))
    whole = vars(build_parser("en").parse_args(argv))
    assert quick == whole and quick["command"] is None


@pytest.mark.parametrize("argv", NOT_WINDOW)
def test_anything_else_goes_through_the_whole_parser(argv):
    assert not opens_the_window(argv)
