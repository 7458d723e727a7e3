"""Which language the command line speaks: ``--lang``, else ``LOWCARBON_DESK_LANG``, else the locale.

The locale rule (docs/standard/cli.md, "Language"): the first of ``LC_ALL``, ``LC_MESSAGES``
and ``LANG`` that is set decides; a value starting with ``zh`` means Chinese, anything else
(``C.UTF-8``, ``POSIX``, ``en_US.UTF-8`` …) English, because a C locale is what servers and
containers run with and they may have no Chinese font on the console. With none of them set
(Windows, a bare environment) the user's Windows display language decides, else Chinese, the
language of the program's users.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

ENV_VAR = "LOWCARBON_DESK_LANG"
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")
LANGUAGES = ("zh", "en")
OPTION = "--lang"
_WINDOWS_CHINESE = 0x04  # primary language id of every Chinese LANGID


def language_of(value: str | None) -> str | None:
    """``zh`` or ``en`` for a language or locale name that starts with one of them, else None."""
    text = (value or "").strip().lower()
    for lang in LANGUAGES:
        if text.startswith(lang):
            return lang
    return None


def _windows_language() -> str | None:
    if sys.platform != "win32":
        return None
    try:
        import ctypes

        lang_id = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined, unused-ignore]  # windll: Windows only
    except (AttributeError, OSError):
        return None
    return "zh" if lang_id & 0x3FF == _WINDOWS_CHINESE else "en"


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the user's locale (see the module docstring)."""
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARS:
        value = environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return _windows_language() or "zh"


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """The language when ``--lang`` is not given: ``LOWCARBON_DESK_LANG``, else the locale."""
    environ = os.environ if environ is None else environ
    return language_of(environ.get(ENV_VAR)) or locale_language(environ)


def requested_language(argv: Sequence[str]) -> str | None:
    """The language ``argv`` asks for with ``--lang X`` / ``--lang=X`` (or a prefix argparse
    accepts, such as ``--la X``); None when it asks for none or for an unknown one."""
    requested = None
    tokens = list(argv)
    for index, token in enumerate(tokens):
        if token == "--":
            break
        name, equals, value = token.partition("=")
        if len(name) < 3 or not OPTION.startswith(name):
            continue
        if not equals:
            value = tokens[index + 1] if index + 1 < len(tokens) else ""
        requested = value if value in LANGUAGES else None
    return requested


def cli_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of one command line: what it asks for, else the default."""
    return requested_language(argv) or default_language(environ)
