"""Reading JSON input files for commands, with messages that name the file and the place."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..domain.errors import InputError


def read_json_file(name: str) -> object:
    """Parse a JSON file (``-`` reads standard input); refuse NaN and say where it broke."""
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"文件 {name} 不存在", f"file {name} does not exist", subject=name) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取文件 {name}：{exc}", f"cannot read file {name}: {exc}", subject=name) from None

    def no_constants(token: str) -> float:
        raise InputError(f"文件 {name} 含有 {token}，JSON 中数字必须是有限值",
                         f"file {name} contains {token}; numbers in JSON must be finite", subject=name)

    try:
        return json.loads(text, parse_constant=no_constants)
    except json.JSONDecodeError as exc:
        raise InputError(f"文件 {name} 不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）",
                         f"file {name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                         subject=name) from None
