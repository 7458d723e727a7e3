"""docs/standard/cli.md names every command, argument and option of the real argparse tree."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from lowcarbon_desk.cli.main import build_parser

from .standard_tables import STANDARD

CLI_DOC = STANDARD / "cli.md"


def command_tree(parser: argparse.ArgumentParser,
                 path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every parser of the tree with its command path (``()`` for the program itself)."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from command_tree(sub, (*path, name))


def is_group(parser: argparse.ArgumentParser) -> bool:
    return any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)


def names_of(action: argparse.Action) -> list[str]:
    """How the document must name an argument: every option string, or the positional's name."""
    if action.option_strings:
        return list(action.option_strings)
    return [action.metavar or action.dest]


def documented_arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions
            if not isinstance(a, (argparse._HelpAction, argparse._SubParsersAction))]


def command_section(text: str, path: tuple[str, ...]) -> str:
    """The text under ``### `<command path>` `` up to the next heading."""
    heading = re.search(rf"^### `{re.escape(' '.join(path))}`$", text, re.M)
    assert heading, f"docs/standard/cli.md has no section ### `{' '.join(path)}`"
    rest = text[heading.end():]
    end = re.search(r"^#{1,3} ", rest, re.M)
    return rest[:end.start()] if end else rest


LEAVES = [path for path, parser in command_tree(build_parser("en")) if path and not is_group(parser)]


def test_the_tree_has_every_known_command():
    assert {("record", "add"), ("package", "verify"), ("export", "rollup"), ("review",), ("key", "show")} <= set(LEAVES)


@pytest.mark.parametrize("path", LEAVES, ids=[" ".join(p) for p in LEAVES])
def test_every_command_argument_and_option_is_documented(path):
    text = CLI_DOC.read_text(encoding="utf-8")
    section = command_section(text, path)
    parser = dict(command_tree(build_parser("en")))[path]
    for action in documented_arguments(parser):
        for name in names_of(action):
            assert f"`{name}`" in section, f"`{' '.join(path)}`: {name} is not documented in its section"


def test_every_global_option_is_documented():
    text = CLI_DOC.read_text(encoding="utf-8")
    section = text.split("## 1. Global options", 1)[1].split("\n## ", 1)[0]
    parser = build_parser("en")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        for name in action.option_strings:
            assert re.search(rf"`{re.escape(name)}[ `]", section), f"global option {name} is not documented"


def test_every_documented_command_exists():
    text = CLI_DOC.read_text(encoding="utf-8")
    documented = {tuple(m.group(1).split()) for m in re.finditer(r"^### `([a-z ]+)`$", text, re.M)}
    assert documented == set(LEAVES), (f"documented but missing: {documented - set(LEAVES)}; "
                                       f"missing from the document: {set(LEAVES) - documented}")
