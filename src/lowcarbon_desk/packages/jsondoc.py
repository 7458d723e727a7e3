"""Strict JSON for the members of a package (manifest and record files).

``json.loads`` alone accepts what a signed file must not hold: two values for one key (the
last silently wins), ``NaN`` and ``Infinity``, numbers that overflow a float (``1e400`` reads
as infinity, an integer of 400 digits converts to a float with ``OverflowError`` later) and
strings with lone surrogates. Here the parser's hooks mark each of them, and one walk over the
parsed value reports the first with the path of its field (``data.lines[0].purchase_qty``),
so the refusal can name the member and the field. Nesting deeper than a limit is refused too
(the walk is iterative; the C parser itself stops at Python's recursion limit).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

MAX_INTEGER_DIGITS = 19  # beyond what SQLite's INTEGER holds; the standard stops at 1e12
_INTEGER_LIMIT = 10 ** MAX_INTEGER_DIGITS  # the first integer of MAX_INTEGER_DIGITS + 1 digits
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class JsonProblem(Exception):
    """Why a JSON member was refused: ``path`` is the field ("" for the document itself)."""

    path: str
    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.path}: {self.en}" if self.path else self.en


class _OutOfRange:
    """A number the parser saw that no record can hold (kept as text for the message)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def shown(self) -> str:
        return self.text if len(self.text) <= 24 else f"{self.text[:12]}…({len(self.text)} characters)"


class _DuplicateKey(Exception):
    def __init__(self, key: str):
        self.key = key


class _Hooks:
    """The parser's number hooks for one document; ``marked`` tells whether any fired."""

    def __init__(self):
        self.marked = False

    def mark(self, text: str) -> _OutOfRange:
        self.marked = True
        return _OutOfRange(text)

    def float(self, text: str) -> float | _OutOfRange:
        value = float(text)
        return value if math.isfinite(value) else self.mark(text)

    def int(self, text: str) -> int | _OutOfRange:
        return int(text) if len(text.lstrip("-")) <= MAX_INTEGER_DIGITS else self.mark(text)


# a \uD800-\uDFFF escape in the text: the only way JSON in valid UTF-8 can hold a lone
# surrogate (pairs are legal and decode to one character; the walk tells them apart)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _deeper_or_longer(value: dict, max_depth: int) -> bool:
    """True when containers nest deeper than ``max_depth`` or an integer has more than
    ``MAX_INTEGER_DIGITS`` digits (level by level, no paths). The strict reader's hooks have
    marked such integers already; the canonical reading finds them here."""
    level: list[dict | list] = [value]
    for _ in range(max_depth):
        below: list[dict | list] = []
        for item in level:
            for child in item.values() if isinstance(item, dict) else item:
                if isinstance(child, dict | list):
                    below.append(child)
                elif type(child) is int and not -_INTEGER_LIMIT < child < _INTEGER_LIMIT:
                    return True
        if not below:
            return False
        level = below
    return True


def _object(pairs: list[tuple[str, object]]) -> dict:
    value: dict = {}
    for key, item in pairs:
        if key in value:
            raise _DuplicateKey(key)
        value[key] = item
    return value


def printable(text: str) -> str:
    """``text`` with lone surrogates escaped, so a message about it can be printed."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _field_path(parts: tuple) -> str:
    text = ""
    for part in parts:
        part = part if isinstance(part, int) else printable(part)
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _walk(value: object, max_depth: int) -> None:
    """Raise ``JsonProblem`` for the first out-of-range number, lone surrogate or too deep
    nesting, naming its field."""
    stack: list[tuple[object, tuple]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        if isinstance(item, _OutOfRange):
            raise JsonProblem(_field_path(path),
                              f"数值 {item.shown()} 超出范围（不是记录能保存的有限数值）",
                              f"the number {item.shown()} is out of range (not a finite number a record can hold)")
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise JsonProblem(_field_path(path), "含有不成对的代理字符（不是有效的 Unicode 文本）",
                                  "holds a lone surrogate (not valid Unicode text)")
            continue
        if isinstance(item, dict | list) and len(path) >= max_depth:
            raise JsonProblem(_field_path(path), f"嵌套超过 {max_depth} 层", f"nests deeper than {max_depth} levels")
        if isinstance(item, dict):
            for key, child in item.items():
                if _SURROGATE.search(key):
                    raise JsonProblem(_field_path(path), "的键含有不成对的代理字符", "has a key with a lone surrogate")
                stack.append((child, (*path, key)))
        elif isinstance(item, list):
            stack.extend((child, (*path, index)) for index, child in enumerate(item))


def load_json_object(content: bytes, max_depth: int = 32) -> dict:
    """Strict JSON: UTF-8, an object, each key once, finite numbers a record can hold, valid
    Unicode, at most ``max_depth`` levels; raises ``JsonProblem`` otherwise."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonProblem("", f"不是 UTF-8 文本（第 {exc.start} 字节）", f"is not UTF-8 text (byte {exc.start})") from None
    hooks = _Hooks()
    try:
        value = json.loads(text, parse_float=hooks.float, parse_int=hooks.int, parse_constant=hooks.mark,
                           object_pairs_hook=_object)
    except _DuplicateKey as exc:
        key = printable(exc.key)
        raise JsonProblem(key, f"键 “{key}” 出现了两次", f"the key {key!r} appears twice") from None
    except RecursionError:
        raise JsonProblem("", "嵌套过深", "nests too deeply") from None
    except ValueError as exc:
        raise JsonProblem("", f"不是有效的 JSON（{exc}）", f"is not valid JSON ({exc})") from None
    if not isinstance(value, dict):
        raise JsonProblem("", "不是 JSON 对象", "is not a JSON object")
    # the walk that names the field runs only when there is something to find
    if hooks.marked or _SURROGATE_ESCAPE.search(text) or _deeper_or_longer(value, max_depth):
        _walk(value, max_depth)
    return value


def load_canonical_object(content: bytes, max_depth: int = 32) -> dict | None:
    """The object ``content`` holds when ``content`` is exactly its canonical JSON (UTF-8, keys
    sorted, no insignificant white space) and ``load_json_object`` would admit it; else ``None``,
    and the strict reader says why. Read by the C parser alone: whatever the strict reader's
    hooks refuse cannot survive writing the value back canonically and comparing (a key twice
    collapses to one, NaN, an infinity and an out-of-range float do not write, a lone surrogate
    does not encode), except long integers and deep nesting, checked here on the parsed value
    (a pattern over the text for runs of digits took twice the parsing's time)."""
    try:
        value = json.loads(content.decode("utf-8"))
        if not isinstance(value, dict):
            return None
        canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
        if canonical.encode("utf-8") != content:
            return None
    except (ValueError, RecursionError):  # UnicodeError is a ValueError
        return None
    return None if _deeper_or_longer(value, max_depth) else value
