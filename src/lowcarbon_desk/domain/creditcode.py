"""The unified social credit code (统一社会信用代码, GB 32100-2015) and its check character."""

from __future__ import annotations

import re
import unicodedata

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUES = {ch: i for i, ch in enumerate(ALPHABET)}
# \A..\Z, not ^..$: "$" also matches before a final newline; [0-9], not \d: \d is any
# Unicode digit (full-width, Arabic-Indic ...)
_SHAPE = re.compile(rf"\A[{ALPHABET}]{{18}}\Z")
DIVISION_CODE = re.compile(r"\A[0-9]{6}\Z")


def check_character(first17: str) -> str:
    """The 18th character for the first 17 characters of a code."""
    if len(first17) != 17 or any(ch not in _VALUES for ch in first17):
        raise ValueError("need 17 characters from the code alphabet")
    total = sum(_VALUES[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    value = 31 - total % 31
    return ALPHABET[0 if value == 31 else value]


def is_valid_credit_code(code: str) -> bool:
    """True when ``code`` has 18 characters of the alphabet and its check character verifies."""
    if not isinstance(code, str) or not _SHAPE.match(code):
        return False
    return check_character(code[:17]) == code[17]


def has_full_width(code: object) -> bool:
    """True when ``code`` holds full-width forms of ASCII characters (``９``, ``Ｍ``, the
    ideographic space): an organisation code is its key, so it is refused, never converted."""
    return isinstance(code, str) and any(
        not ch.isascii() and unicodedata.normalize("NFKC", ch).isascii() for ch in code)


def full_width_reason(code: str) -> tuple[str, str]:
    """The reason, in Chinese and English, for a code with full-width characters."""
    return (f"“{code}”含全角字符（如 ９、Ｍ），请改用半角字符（英文输入法）输入",
            f"{code!r} contains full-width characters (such as ９ or Ｍ); type it in half-width (ASCII) characters")


def make_credit_code(admin_code: str, serial: str, registration: str = "91") -> str:
    """A valid code from the registration class (2 chars), division code (6) and body (9)."""
    body = f"{registration}{admin_code}{serial}"
    return body + check_character(body)
