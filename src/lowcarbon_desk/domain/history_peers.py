"""Robust positions among peers, for a whole group at once: sort the group once, then each
member's median and MAD without itself in O(log n) (bisect and counts), not O(n log n).

The figures are exactly ``plausibility.robust_position(value, others, min_peers)``'s, with
``others`` the group's values less those of the asking organisation: the same middle values,
the same deviations (``|x - m|`` is ``m - x`` below the median and ``x - m`` above it, computed
the same way), the same halves of two middle values. A group holding a value that is not a
finite number is left to ``robust_position`` itself (its sorting order is not defined).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Hashable, Iterable

from .plausibility import MAD_TO_SD, Outlier, robust_position

# beyond this many values of one organisation the group's others are listed outright
_FEW = 8


class PeerGroup:
    """The values of one peer group (an industry class in a county), by organisation."""

    def __init__(self, members: Iterable[tuple[Hashable, float]]):
        pairs = list(members)
        self._values = sorted(v for _, v in pairs)
        self._by_org: dict[Hashable, list[float]] = {}
        for org, value in pairs:
            self._by_org.setdefault(org, []).append(value)
        self._finite = all(math.isfinite(v) for v in self._values)

    def others(self, org: Hashable) -> list[float]:
        """The group's values less the organisation's own, sorted."""
        own = self._by_org.get(org, ())
        out = list(self._values)
        for value in own:
            out.remove(value)
        return out

    def position(self, org: Hashable, value: float, min_peers: int) -> Outlier | None:
        """``robust_position(value, self.others(org), min_peers)``, without listing the others."""
        own = self._by_org.get(org, [])
        if not self._finite or len(own) > _FEW or not math.isfinite(value):
            return robust_position(value, self.others(org), min_peers)
        n = len(self._values) - len(own)
        if n < min_peers:
            return None
        if n == 0:
            return robust_position(value, (), min_peers)
        at = _without(self._values, own)
        median = _middle(at, n)
        # the deviations below and above the median, each rising away from it
        split = _first_at_least(at, n, median)

        def below(i: int) -> float:
            return median - at(split - 1 - i)

        def above(i: int) -> float:
            return at(split + i) - median

        half = n // 2
        if n % 2:
            mad = _kth(below, split, above, n - split, half)
        else:
            mad = (_kth(below, split, above, n - split, half - 1)
                   + _kth(below, split, above, n - split, half)) / 2
        if mad <= 0:
            return None
        robust_sd = MAD_TO_SD * mad
        distance = (value - median) / robust_sd
        return Outlier(value, median, robust_sd, distance if math.isfinite(distance) else 0.0, n)


def _without(values: list[float], removed: list[float]) -> Callable[[int], float]:
    """The i-th of the sorted ``values`` once one copy of each of ``removed`` is taken out."""
    taken: dict[float, int] = {}
    gaps = []
    for value in sorted(removed):
        # equal values removed take consecutive places from the first of them
        gaps.append(bisect.bisect_left(values, value) + taken.get(value, 0))
        taken[value] = taken.get(value, 0) + 1

    def at(i: int) -> float:
        for gap in gaps:
            if i >= gap:
                i += 1
        return values[i]
    return at


def _middle(at: Callable[[int], float], n: int) -> float:
    # statistics.median: the middle value, or half the sum of the two middle values
    if n % 2:
        return at(n // 2)
    return (at(n // 2 - 1) + at(n // 2)) / 2


def _first_at_least(at: Callable[[int], float], n: int, x: float) -> int:
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi) // 2
        if at(mid) < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _kth(a: Callable[[int], float], len_a: int, b: Callable[[int], float], len_b: int, k: int) -> float:
    """The k-th smallest (from 0) of two rising sequences taken together."""
    # take the first i of a and the first k + 1 - i of b: the least i whose a(i) is not below
    # b(k - i), the last one b would give
    lo, hi = max(0, k + 1 - len_b), min(k + 1, len_a)
    while lo < hi:
        i = (lo + hi) // 2
        if a(i) < b(k - i):
            lo = i + 1
        else:
            hi = i
    last_a = a(lo - 1) if lo > 0 else -math.inf
    last_b = b(k - lo) if k - lo >= 0 else -math.inf
    return max(last_a, last_b)


__all__ = ["PeerGroup"]
