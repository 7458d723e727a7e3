"""Reading JSON input files for commands, with messages that name the file and the place.

Numbers are kept exact where a float cannot hold them: an integer of more digits than Python
converts (``json`` would raise) and a decimal beyond the float range (``1e400`` would become
infinity) are read as ``Decimal``, so the forms engine refuses them by value and names the
field. ``NaN`` and ``Infinity`` are read as the float values and refused there too. A lone
surrogate (``"\\ud800"``) anywhere, and nesting deeper than any record needs, are refused
naming the file and the place.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

from ..domain.errors import InputError
from ..domain.text import shown

MAX_DEPTH = 32  # a record is five levels deep (file, data, list, item, value)
MAX_INT_DIGITS = 4000  # below Python's own limit of 4,300 digits for int(str)
_CONSTANTS = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}


def _parse_int(text: str) -> int | Decimal:
    return int(text) if len(text) <= MAX_INT_DIGITS else Decimal(text)


def _parse_float(text: str) -> float | Decimal:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        return Decimal(text)  # 1e400: keep the value, the field check refuses it as too large
    return value


def _where(path: list[object]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{shown(str(step), 40)}" if out else shown(str(step), 40))
    return out or "(top)"


def _check_shape(name: str, value: object) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` and lone surrogates in keys or texts.

    Iterative, so a document that parsed at the interpreter's recursion limit is walked safely.
    """
    stack: list[tuple[object, list[object]]] = [(value, [])]
    while stack:
        item, path = stack.pop()
        if len(path) > MAX_DEPTH:
            raise InputError(f"文件 {name} 嵌套超过 {MAX_DEPTH} 层（{_where(path[:8])}…），不是本程序的输入",
                             f"file {name} is nested more than {MAX_DEPTH} levels deep ({_where(path[:8])}…); "
                             "it is not input for this program", subject=name)
        if isinstance(item, str):
            _check_unicode(name, item, path)
        elif isinstance(item, dict):
            for key, child in item.items():
                _check_unicode(name, key, path)
                stack.append((child, [*path, key]))
        elif isinstance(item, list):
            stack.extend((child, [*path, index]) for index, child in enumerate(item))


def _check_unicode(name: str, text: str, path: list[object]) -> None:
    for position, char in enumerate(text, start=1):
        if "\ud800" <= char <= "\udfff":
            raise InputError(
                f"文件 {name} 的 {_where(path)} 第 {position} 个字符是不成对的代理项 U+{ord(char):04X}，不是有效的 Unicode 文本",
                f"file {name}: {_where(path)} character {position} is a lone surrogate U+{ord(char):04X}, "
                "which is not valid Unicode text", subject=name)


def read_json_file(name: str) -> object:
    """Parse a JSON file (``-`` reads standard input); say where it broke."""
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"文件 {name} 不存在", f"file {name} does not exist", subject=name) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取文件 {name}：{exc}", f"cannot read file {name}: {exc}", subject=name) from None
    try:
        value = json.loads(text, parse_int=_parse_int, parse_float=_parse_float,
                           parse_constant=_CONSTANTS.__getitem__)
    except json.JSONDecodeError as exc:
        raise InputError(f"文件 {name} 不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）",
                         f"file {name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                         subject=name) from None
    except RecursionError:
        raise InputError(f"文件 {name} 嵌套过深，不是本程序的输入",
                         f"file {name} is nested too deeply; it is not input for this program",
                         subject=name) from None
    _check_shape(name, value)
    return value
