"""Small numeric helpers shared by the computations."""

from __future__ import annotations

from typing import overload

DIGITS = 6


def num(value: object) -> float:
    """A missing value counts as zero in sums."""
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


@overload
def rounded(value: float) -> float | int: ...
@overload
def rounded(value: None) -> None: ...
@overload
def rounded(value: float | None) -> float | int | None: ...
def rounded(value: float | None) -> float | int | None:
    """Stored precision: six decimals, whole numbers as ints (stable JSON and PDF bytes)."""
    if value is None:
        return None
    result = round(value, DIGITS) + 0.0
    if result.is_integer() and abs(result) < 2**53:
        return int(result)
    return result


def ratio(numerator: float | None, denominator: object) -> float | None:
    """``numerator / denominator``, or None when the denominator is missing or not positive."""
    if numerator is None or not isinstance(denominator, (int, float)) or denominator <= 0:
        return None
    return numerator / denominator
