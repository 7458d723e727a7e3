"""Round axis scales of the trend charts (window and PDF)."""

from __future__ import annotations

import pytest

from lowcarbon_desk.domain.axis import nice_scale, step_decimals


@pytest.mark.parametrize(("value", "top", "step"), [
    (4756.17, 5000, 1000),   # 5 x 1,000 holds it
    (14547.04, 25000, 5000),  # steps of 1,000, 2,000 and 2,500 top out below it
    (0.2315, 0.25, 0.05),
    (5000, 5000, 1000),       # a value on a step stays on it
    (5000.01, 10000, 2000),
    (0.0857, 0.1, 0.02),
])
def test_the_smallest_round_top_that_holds_the_value(value: float, top: float, step: float) -> None:
    assert nice_scale(value) == (pytest.approx(top), pytest.approx(step))


@pytest.mark.parametrize("value", [0, -3, None, float("inf"), float("nan")])
def test_nothing_to_show_gives_one_per_step(value) -> None:
    assert nice_scale(value) == (5.0, 1.0)


@pytest.mark.parametrize(("step", "decimals"), [(1000, 0), (0.05, 2), (0.025, 3), (2.5, 1), (0.02, 2)])
def test_labels_show_the_step_exactly(step: float, decimals: int) -> None:
    assert step_decimals(step) == decimals
