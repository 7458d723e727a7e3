"""An argparse parser that speaks Chinese or English: help texts, usage and error messages.

Every command module's ``register(sub, lang)`` picks its help texts with ``Texts(lang)``.
argparse's own words ("usage:", "options", "show this help message and exit", its error
messages) come from ``gettext`` through the module-level names ``argparse._`` and
``argparse.ngettext``; while a Chinese parser is built, formats help or parses, those names
point at a small table of Chinese messages (anything not in the table stays English) and are
put back afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from functools import cache

from .language import cli_language, requested_language

ZH_MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示程序版本并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 必须给出其中之一",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的参数值 %r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开 '%(filename)s'：%(error)s",
}


def _zh_gettext(message: str) -> str:
    return ZH_MESSAGES.get(message, message)


def _zh_ngettext(singular: str, plural: str, count: int) -> str:
    return _zh_gettext(singular if count == 1 else plural)


@contextlib.contextmanager
def argparse_language(lang: str) -> Iterator[None]:
    """argparse's own messages in ``lang`` for the duration of the block."""
    if lang != "zh":
        yield
        return
    # argparse's module-level gettext aliases: private, so typeshed leaves them out
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _zh_gettext, _zh_ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


_TOKEN = re.compile(r"\s+|[^\s\u2e80-\uffef]+|.")
_NO_LINE_START = set("，。、；：？！）」』》%")


def display_width(text: str) -> int:
    """Terminal columns of ``text``: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_wide(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns, breaking at spaces or between
    Chinese characters (never before closing punctuation); a longer word stays whole."""
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKEN.findall(" ".join(text.split())):
        size = display_width(token)
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        if line and used + size > width and token[0] not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class WideHelpFormatter(argparse.HelpFormatter):
    """Wraps help and descriptions by terminal columns, so Chinese text fits the terminal."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_wide(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap_wide(text, width - len(indent)))


class Texts:
    """Picks the text of one language from ``(zh, en)`` pairs: ``t = Texts(lang); t("中文", "English")``."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def command(self, subparsers: argparse._SubParsersAction, name: str, zh: str, en: str,
                **kwargs) -> argparse.ArgumentParser:
        """Add command ``name``; the text is its line in the list and its own help's description."""
        text = self(zh, en)
        return subparsers.add_parser(name, help=text, description=text, **kwargs)


class CliParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose argparse words are in ``lang`` (a class attribute, so the
    subparsers argparse makes with ``type(self)`` speak the same language).

    argparse prints ``--help`` before it has read ``--lang``, so the language must be known
    before parsing starts. A root parser made with ``rebuild`` (a function building the same
    parser in a given language) therefore reads ``--lang``, the environment and the locale from
    the command line first, and hands a command line that wants the other language to a parser
    built in it.
    """

    lang = "en"

    def __init__(self, *args, rebuild: Callable[[str], CliParser] | None = None, **kwargs):
        kwargs.setdefault("formatter_class", WideHelpFormatter)
        with argparse_language(self.lang):
            super().__init__(*args, **kwargs)
        self.rebuild = rebuild

    def _speaker(self, args: Sequence[str] | None) -> tuple[CliParser, list[str] | None]:
        """The parser for this command line (self, or one in the language it asks for)."""
        if self.rebuild is None:
            return self, None if args is None else list(args)
        argv = list(sys.argv[1:] if args is None else args)
        _Requested.language = requested_language(argv)
        lang = cli_language(argv)
        return (self if lang == self.lang else self.rebuild(lang)), argv

    def format_usage(self) -> str:
        with argparse_language(self.lang):
            return super().format_usage()

    def format_help(self) -> str:
        with argparse_language(self.lang):
            return super().format_help()

    def parse_known_args(self, args=None, namespace=None):
        speaker, argv = self._speaker(args)
        if speaker is not self:
            return speaker.parse_known_args(argv, namespace)
        with argparse_language(self.lang):
            return super().parse_known_args(argv, namespace)

    def parse_args(self, args=None, namespace=None):
        speaker, argv = self._speaker(args)
        if speaker is not self:
            return speaker.parse_args(argv, namespace)
        with argparse_language(self.lang):
            return super().parse_args(argv, namespace)

    def error(self, message: str):
        with argparse_language(self.lang):
            super().error(message)


@cache
def parser_class(lang: str) -> type[CliParser]:
    """The ``CliParser`` subclass that speaks ``lang``."""
    return type(f"CliParser_{lang}", (CliParser,), {"lang": lang})


class _Requested:
    language: str | None = None


def last_requested_language() -> str | None:
    """What the last command line parsed by an automatic root parser asked for with ``--lang``
    (None: nothing), so a message printed after parsing can tell ``--lang zh`` from the default."""
    return _Requested.language
