"""Round axis scales, shared by the window's charts and the PDF charts so both show the same
steps for the same figures."""

from __future__ import annotations

import math


def nice_scale(value: float | None, steps: int = 5) -> tuple[float, float]:
    """``(top, step)``: the smallest top of ``steps`` round steps (1, 2, 2.5 or 5 x 10ⁿ) that
    holds ``value``; ``(steps, 1)`` for nothing to show."""
    if value is None or value <= 0 or not math.isfinite(value):
        return float(steps), 1.0
    magnitude = 10.0 ** math.floor(math.log10(value / steps))
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * magnitude
        if step * steps >= value * (1 - 1e-12):  # a value exactly on a step stays on it
            return step * steps, step
    return 10 * magnitude * steps, 10 * magnitude


def step_decimals(step: float) -> int:
    """Decimals an axis label needs to show multiples of ``step`` exactly (0.025 → 3)."""
    for decimals in range(7):
        scaled = step * 10 ** decimals
        if abs(scaled - round(scaled)) < 1e-9 * max(1.0, scaled):
            return decimals
    return 6
