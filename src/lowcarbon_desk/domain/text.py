"""Text hygiene: the one place that decides which characters a stored text may hold.

Refused everywhere: C0 control characters (U+0000-U+001F), DEL (U+007F), C1 control
characters (U+0080-U+009F), lone surrogates (U+D800-U+DFFF, which are not Unicode text and
cannot be written as UTF-8) and the non-characters U+FFFE and U+FFFF (not allowed in XML).
Multi-line texts (a form field with ``multiline = true``, justifications, review comments)
may hold tab and line feed; a Windows line end (CR LF) is read as a line feed there.

Such characters break the workbook and PDF writers (XML cannot hold them) and can hide text
or move a terminal's cursor when a message echoes them, so they are refused with a message
that names the character by its code point instead of echoing it.

Text that reaches the screen from outside (a package's manifest and records, a file name) is
passed through ``printable`` first: every character refused above, the line and paragraph
separators (U+2028, U+2029) and the bidirectional formatting characters (U+061C, U+200E,
U+200F, U+202A-U+202E, U+2066-U+2069) are shown as escapes (``\\x1b``, ``\\u202e``), so such
text can neither drive a terminal, start a line of its own, nor reorder what is shown around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .errors import InputError

_BAD = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BAD_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = "\n\r\t"
# shown as escapes by ``printable``: the characters refused above, the line and paragraph
# separators, and the bidirectional formatting characters (marks, embeddings, overrides, isolates)
_LAYOUT = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_NOT_PRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f" + _LAYOUT + "\ud800-\udfff\ufffe\uffff]")
_NOT_PRINTABLE_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _LAYOUT + "\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class TextProblem:
    """Why a text cannot be stored: ``rule`` is the stable id, ``zh``/``en`` the reason."""

    rule: str
    zh: str
    en: str


def text_problem(text: str, multiline: bool = False) -> TextProblem | None:
    """The first forbidden character of ``text`` described, or None when the text is clean.

    ``text`` is checked as given; callers normalise CR LF first (``normalise_line_ends``).
    """
    match = (_BAD_MULTILINE if multiline else _BAD).search(text)
    if match is None:
        return None
    char, position = match.group(), match.start() + 1
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return TextProblem("field.surrogate",
                           f"第 {position} 个字符是不成对的代理项 {code}，不是有效的 Unicode 文本",
                           f"character {position} is a lone surrogate {code}, which is not valid Unicode text")
    if char in LINE_BREAKS:
        name_zh, name_en = {"\n": ("换行符", "a line break"), "\r": ("回车符", "a carriage return"),
                            "\t": ("制表符", "a tab")}[char]
        if multiline:  # only CR is left here: a lone CR is not a line end we keep
            return TextProblem("field.control_char",
                               f"第 {position} 个字符是单独的回车符 {code}（换行请用 LF）",
                               f"character {position} is a lone carriage return {code} (use a line feed)")
        return TextProblem("field.single_line",
                           f"第 {position} 个字符是{name_zh} {code}，本栏只能填一行",
                           f"character {position} is {name_en} {code}; this field is a single line")
    return TextProblem("field.control_char",
                       f"第 {position} 个字符是控制字符 {code}，不能保存",
                       f"character {position} is the control character {code}, which cannot be stored")


def normalise_line_ends(text: str) -> str:
    """Windows line ends (CR LF) as line feeds."""
    return text.replace("\r\n", "\n")


def clean_free_text(text: str, what_zh: str, what_en: str, *, subject: str) -> str:
    """A multi-line free text (justification, review comment) trimmed and checked.

    Raises ``InputError`` naming ``what`` when it holds a forbidden character.
    """
    text = normalise_line_ends(text).strip()
    problem = text_problem(text, multiline=True)
    if problem is not None:
        raise InputError(f"{what_zh}：{problem.zh}", f"{what_en}: {problem.en}", subject=subject)
    return text


def is_clean(text: str, multiline: bool = True) -> bool:
    """True when ``text`` holds no forbidden character (line ends and tabs allowed by default)."""
    return text_problem(text, multiline) is None


def shown(text: str, limit: int = 60) -> str:
    """``text`` made safe to echo in a message: forbidden characters as ``\\uXXXX``, cut to ``limit``."""
    cut = text if len(text) <= limit else text[:limit] + "…"
    return _BAD.sub(lambda m: f"\\u{ord(m.group()):04x}", cut)


def printable(text: object, *, keep_lines: bool = False) -> str:
    """``text`` safe to show on a terminal or in the window: control characters (C0, DEL, C1),
    line and paragraph separators, bidirectional formatting characters, lone surrogates and
    U+FFFE/U+FFFF as escapes (``\\x1b``, ``\\u202e``). Line feeds and tabs are escaped too,
    unless ``keep_lines`` (for a whole message of several lines, not for a value inside one)."""
    pattern = _NOT_PRINTABLE_LINES if keep_lines else _NOT_PRINTABLE
    return pattern.sub(_escape, str(text))


def printable_json(text: str) -> str:
    """JSON text made by ``json.dumps(…, ensure_ascii=False)`` with the characters ``printable``
    escapes (C1, DEL, separators, bidirectional formatting, lone surrogates; JSON escapes C0
    itself) as JSON escapes ``\\u202e``: it reads back as the same value."""
    return _NOT_PRINTABLE_LINES.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _escape(match: re.Match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def echo(value: object, limit: int = 60) -> str:
    """A short, printable stand-in for any input value in a message (``repr``-like for
    scalars; huge numbers in E notation; lists and objects by their kind)."""
    if isinstance(value, str):
        return repr(shown(value, limit))
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"{Decimal(value):.3e}"
    if value is None or isinstance(value, (bool, int, float, Decimal)):
        return str(value)
    if isinstance(value, list):
        return f"[… {len(value)} items]"
    if isinstance(value, dict):
        return f"{{… {len(value)} keys}}"
    return type(value).__name__
