"""One rounding rule wherever people read numbers: half up, as Excel and the statistics
offices round (0.125 → 0.13, 2.5 → 3, -2.5 → -3).

Python's ``f"{x:.2f}"`` rounds the binary value (0.125 → "0.12", 1.005 → "1.00"), so a PDF and
a workbook showing the same stored value disagreed. Here a float is first read as its 15
significant digits (what Excel works with), then rounded with ``ROUND_HALF_UP``; the PDFs, the
command line, rule messages and the window format through ``format_number`` and the workbooks'
number formats give the same digits.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import overload

MAX_DECIMALS = 6  # stored precision (domain.compute.numbers.DIGITS)


def as_decimal(value: int | float | Decimal) -> Decimal:
    """The number as Excel sees it: a float by its 15 significant digits."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(format(value, ".15g"))


def round_half_up(value: int | float | Decimal, decimals: int) -> Decimal:
    """``value`` rounded to ``decimals`` places, halves away from zero."""
    return as_decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@overload
def rounded_float(value: float | int, decimals: int) -> float: ...
@overload
def rounded_float(value: None, decimals: int) -> None: ...
@overload
def rounded_float(value: float | int | None, decimals: int) -> float | None: ...
def rounded_float(value: float | int | None, decimals: int) -> float | None:
    """``round_half_up`` as a float (for figures kept as numbers), None stays None."""
    return None if value is None else float(round_half_up(value, decimals))


def format_number(value: int | float | Decimal, decimals: int | None = None, *,
                  grouping: bool = True, trim: bool = False) -> str:
    """A number as people read it: thousands separators (``grouping``), ``decimals`` fixed
    places rounded half up, or with ``decimals=None`` as stored (up to six places, no trailing
    zeros); ``trim`` drops trailing zeros of a fixed number too (rule messages)."""
    places = MAX_DECIMALS if decimals is None else decimals
    number = round_half_up(value, places)
    if number == 0:
        number = abs(number)  # never "-0.00"
    text = f"{number:,.{places}f}" if grouping else f"{number:.{places}f}"
    if (decimals is None or trim) and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
