"""The year a new record is for by default, per form."""

from __future__ import annotations

import datetime as dt

import pytest

from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.domain.periods import default_year


@pytest.mark.parametrize(("form_id", "today", "year"), [
    ("energy_report", dt.date(2026, 3, 15), 2025),  # last year's annual report, in its season
    ("energy_report", dt.date(2026, 6, 30), 2025),
    ("energy_report", dt.date(2026, 7, 1), 2026),  # the season is over
    ("energy_budget", dt.date(2026, 1, 10), 2026),  # this year's budget
    ("cp_audit", dt.date(2026, 11, 2), 2026),
    ("pilot_application", dt.date(2026, 9, 1), 2025),  # the baseline: the last complete year
])
def test_default_year_of_each_form(form_id, today, year):
    assert default_year(get_form(form_id).period_default, today) == year


def test_unknown_kind_refused():
    with pytest.raises(ValueError, match="period_default"):
        default_year("next_decade", dt.date(2026, 1, 1))


def test_the_common_period_of_several_records():
    from lowcarbon_desk.domain.periods import common_period

    assert common_period(["2025-03", "2025-03"]) == "2025-03"
    assert common_period(["2025-03", "2025", "2025-11"]) == "2025"
    assert common_period(["2024", "2025"]) is None and common_period([]) is None
    assert common_period(["2025", None]) is None
