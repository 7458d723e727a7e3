"""Plausibility figures: year-on-year change, a likely unit slip, monthly jumps, robust outliers.

Pure functions of numbers and thresholds (reference data ``thresholds.csv``); the rules in
``rules/plausibility.py`` and the county figures in ``storage/history.py`` both use them, so a
warning on a record and the figure a reviewer sees agree.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

# a robust standard deviation is 1.4826 x the median absolute deviation (normal consistency)
MAD_TO_SD = 1.4826


def changed_too_much(current: float, previous: float, max_pct: float, max_abs: float) -> bool:
    """More than ``max_pct`` % and more than ``max_abs`` units away from ``previous`` (a change
    from zero counts as any percentage)."""
    delta = abs(current - previous)
    if delta <= max_abs:
        return False
    if previous <= 0:
        return True
    return delta / previous * 100 > max_pct


def change_pct(current: float, previous: float) -> float | None:
    """Signed change in percent; None from a previous value of zero."""
    return None if previous <= 0 else (current - previous) / previous * 100


def unit_slip(current: float, previous: float, band: float) -> int | None:
    """The power of ten (±3 or ±4) that ``current`` is of ``previous`` within a factor ``band``
    (the 万/千 slip), or None."""
    if current <= 0 or previous <= 0:
        return None
    ratio = current / previous
    for power in (4, 3, -3, -4):
        scale = 10.0 ** power
        if scale / band <= ratio <= scale * band:
            return power
    return None


def monthly_jumps(months: list[float | None], ratio: float, min_months: int) -> list[tuple[int, float, float]]:
    """``(index, value, median)`` of the months above ``ratio`` x the median of the months
    reported, when at least ``min_months`` are reported and the median is above zero."""
    reported = [m for m in months if m is not None]
    if len(reported) < min_months:
        return []
    median = statistics.median(reported)
    if median <= 0:
        return []
    return [(i, m, median) for i, m in enumerate(months) if m is not None and m > ratio * median]


@dataclass(frozen=True)
class Outlier:
    """Where a value sits among its peers: their median, robust SD and the distance in SDs."""

    value: float
    median: float
    robust_sd: float
    distance_sd: float
    peers: int


def robust_position(value: float, peers: list[float] | tuple[float, ...], min_peers: int) -> Outlier | None:
    """The position of ``value`` among ``peers`` by median and MAD; None with fewer than
    ``min_peers`` peers or when the peers do not spread (MAD 0)."""
    if len(peers) < min_peers:
        return None
    median = statistics.median(peers)
    mad = statistics.median(abs(p - median) for p in peers)
    if mad <= 0:
        return None
    robust_sd = MAD_TO_SD * mad
    distance = (value - median) / robust_sd
    return Outlier(value, median, robust_sd, distance if math.isfinite(distance) else 0.0, len(peers))


def industry_class(industry_code: str | None, length: int) -> str:
    """The class of a GB/T 4754 code that peers share (``C3110`` → ``C31`` at length 3)."""
    code = (industry_code or "").strip().upper()
    return code[:length] if len(code) >= length else ""
