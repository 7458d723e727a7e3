"""Reading one typed value from what a user, a JSON file or a workbook cell gave us.

Each reader returns the normalised value or raises ``ValueProblem`` with the reason in
Chinese and English; the caller adds the field's name.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from .forms import MAX_NUMBER


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


def read_number(value: object) -> float | int:
    """A finite number within ±1e12; text like ``"1,234.5"`` is read too."""
    if isinstance(value, bool):
        raise ValueProblem("field.number", "不是数字", "is not a number")
    if isinstance(value, int):
        number: float = value
    elif isinstance(value, float):
        number = value
    elif isinstance(value, str):
        try:
            number = float(_clean_text_number(value))
        except ValueError:
            raise ValueProblem("field.number", f"“{value}”不是数字",
                               f"{value!r} is not a number") from None
    else:
        raise ValueProblem("field.number", "不是数字", "is not a number")
    if math.isnan(number) or math.isinf(number):
        raise ValueProblem("field.finite", "不能是 NaN 或无穷大", "must not be NaN or infinite")
    if abs(number) > MAX_NUMBER:
        raise ValueProblem("field.too_large", "超过 1e12 的上限", "is beyond the limit of 1e12")
    if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


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
    if isinstance(value, int) and not isinstance(value, bool):
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


def read_text(value: object, max_length: int) -> str:
    """Trimmed text of at most ``max_length`` characters (whole numbers are read as text)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueProblem("field.text", "应为文本", "must be text")
    text = str(value).strip()
    if len(text) > max_length:
        raise ValueProblem("field.length", f"长度 {len(text)} 超过上限 {max_length} 个字符",
                           f"length {len(text)} is over the limit of {max_length} characters")
    return text


def period_year(period: str) -> int:
    return int(period[:4])


def period_month(period: str) -> int | None:
    return int(period[5:7]) if len(period) == 7 else None
