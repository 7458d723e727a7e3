"""Reading one typed value from what a user, a JSON file or a workbook cell gave us.

Each reader returns the normalised value or raises ``ValueProblem`` with the reason in
Chinese and English; the caller adds the field's name.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .text import echo, normalise_line_ends, text_problem


class ValueProblem(Exception):
    """Why a value cannot be read; ``rule`` is the stable id of the check."""

    def __init__(self, rule: str, zh: str, en: str):
        super().__init__(en)
        self.rule, self.zh, self.en = rule, zh, en


def is_blank(value: object) -> bool:
    """None, or a string with nothing but white space."""
    return value is None or (isinstance(value, str) and not value.strip())


def _clean_text_number(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    return re.sub(r"(?<=\d)[,\s'](?=\d{3})", "", text)


MAX_NUMBER = 1e12  # the largest magnitude any number field may hold
MAX_NUMBER_TEXT = 10_000  # longer text is not a number; shorter is read exactly and range-checked
_LIMIT = Decimal(repr(MAX_NUMBER))
MAX_INT_BITS = 1000  # whole numbers read as text: ~300 digits, well below Python's str() limit


def _too_large() -> ValueProblem:
    return ValueProblem("field.too_large", "超过 1e12 的上限", "is beyond the limit of 1e12")


def _not_finite() -> ValueProblem:
    return ValueProblem("field.finite", "不能是 NaN 或无穷大", "must not be NaN or infinite")


def _from_decimal(value: Decimal) -> float | int:
    """An exact decimal checked by value (finite, within ±1e12) before it becomes a float."""
    if not value.is_finite():
        raise _not_finite()
    if value.copy_abs() > _LIMIT:  # copy_abs and > are exact: abs() would round and overflow
        raise _too_large()
    if value == value.to_integral_value():
        return int(value)
    number = float(value)  # 1e-400 underflows to 0.0: a whole number, like the float path
    return int(number) if number.is_integer() else number


def read_number(value: object) -> float | int:
    """A finite number within ±1e12; text like ``"1,234.5"`` is read too.

    Integers, decimals (``Decimal``, what the JSON reader keeps for numbers a float cannot
    hold) and text are checked by their exact value before any conversion to float, so a
    5,000-digit integer or ``1e400`` is "beyond the limit", never an overflow.
    """
    if isinstance(value, bool):
        raise ValueProblem("field.number", "不是数字", "is not a number")
    if isinstance(value, int):
        if abs(value) > MAX_NUMBER:  # int against float compares exactly, at any size
            raise _too_large()
        return value
    if isinstance(value, Decimal):
        return _from_decimal(value)
    if isinstance(value, str):
        text = _clean_text_number(value)
        if len(text) > MAX_NUMBER_TEXT:
            raise ValueProblem("field.number", f"长度 {len(text)} 的文本不是数字",
                               f"a text of {len(text)} characters is not a number")
        try:
            exact = Decimal(text)
        except InvalidOperation:
            said = echo(value)
            raise ValueProblem("field.number", f"“{said[1:-1]}”不是数字", f"{said} is not a number") from None
        return _from_decimal(exact)
    if not isinstance(value, float):
        raise ValueProblem("field.number", "不是数字", "is not a number")
    if math.isnan(value) or math.isinf(value):
        raise _not_finite()
    if abs(value) > MAX_NUMBER:
        raise _too_large()
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def read_int(value: object) -> int:
    """A whole number (``2025``, ``"2025"``, ``2025.0``)."""
    number = read_number(value)
    if isinstance(number, float):
        raise ValueProblem("field.integer", "必须是整数", "must be a whole number")
    return number


def read_year(value: object) -> int:
    """A year 2000..2100."""
    if isinstance(value, str):
        value = value.strip().removesuffix("年")
    year = read_int(value)
    if not 2000 <= year <= 2100:
        raise ValueProblem("field.year", f"年份 {year} 不在 2000～2100 之间",
                           f"year {year} is not within 2000..2100")
    return year


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
)


def read_date(value: object) -> str:
    """An ISO date ``YYYY-MM-DD``; also reads 2025/3/1, 2025.3.1 and 2025年3月1日."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
        for pattern in _DATE_PATTERNS:
            match = pattern.match(text)
            if match:
                try:
                    day = dt.date(*(int(g) for g in match.groups()))
                except ValueError:
                    raise ValueProblem("field.date", f"“{value}”不是有效日期",
                                       f"{value!r} is not a valid date") from None
                break
        else:
            raise ValueProblem("field.date", f"“{value}”不是 YYYY-MM-DD 格式的日期",
                               f"{value!r} is not a date in YYYY-MM-DD form")
    else:
        raise ValueProblem("field.date", "不是日期", "is not a date")
    if not 2000 <= day.year <= 2100:
        raise ValueProblem("field.date", f"日期 {day.isoformat()} 的年份不在 2000～2100 之间",
                           f"date {day.isoformat()} is not within the years 2000..2100")
    return day.isoformat()


_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def read_period(value: object) -> str:
    """``YYYY`` (annual) or ``YYYY-MM`` (monthly)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() <= MAX_INT_BITS:
        value = str(value)
    if not isinstance(value, str):
        raise ValueProblem("field.period", "报告期应为 YYYY 或 YYYY-MM", "period must be YYYY or YYYY-MM")
    text = unicodedata.normalize("NFKC", value).strip()
    text = re.sub(r"^(\d{4})年(?:(\d{1,2})月)?$",
                  lambda m: m.group(1) + (f"-{int(m.group(2)):02d}" if m.group(2) else ""), text)
    match = _PERIOD.match(text)
    if not match:
        raise ValueProblem("field.period", f"“{value}”不是 YYYY 或 YYYY-MM 格式的报告期",
                           f"{value!r} is not a period of the form YYYY or YYYY-MM")
    year, month = int(match.group(1)), match.group(2)
    if not 2000 <= year <= 2100:
        raise ValueProblem("field.period", f"年份 {year} 不在 2000～2100 之间",
                           f"year {year} is not within 2000..2100")
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueProblem("field.period", f"月份 {month} 不在 01～12 之间",
                           f"month {month} is not within 01..12")
    return text


def read_text(value: object, max_length: int, multiline: bool = False) -> str:
    """Trimmed text of at most ``max_length`` characters (whole numbers are read as text).

    Control characters and lone surrogates are refused (``text.text_problem``); a multi-line
    field keeps tabs and line feeds (CR LF read as LF).
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueProblem("field.text", "应为文本", "must be text")
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise ValueProblem("field.length", "数字过长，不能作为文本", "is a number too long to be read as text")
    text = str(value).strip()
    if multiline:
        text = normalise_line_ends(text)
    check_text(text, multiline)
    if len(text) > max_length:
        raise ValueProblem("field.length", f"长度 {len(text)} 超过上限 {max_length} 个字符",
                           f"length {len(text)} is over the limit of {max_length} characters")
    return text


def check_text(text: str, multiline: bool = False) -> None:
    """Raise ``ValueProblem`` when ``text`` holds a character no stored text may hold."""
    problem = text_problem(text, multiline)
    if problem is not None:
        raise ValueProblem(problem.rule, problem.zh, problem.en)


def period_year(period: str) -> int:
    return int(period[:4])


def period_month(period: str) -> int | None:
    return int(period[5:7]) if len(period) == 7 else None
