"""The period a new record is for, when the user has not said.

Forms report on different years (``period_default`` in the form file):

- ``reporting_year`` (the default; energy reports): the year whose annual report is being made.
  Annual reports of a year are made in the first half of the next one, so until the end of
  June it is the previous year, from July the current one.
- ``current_year`` (budgets, audits): the year the plan or the audit is for.
- ``previous_year`` (pilot applications): the last complete year, the baseline.
"""

from __future__ import annotations

import datetime as dt

PERIOD_DEFAULTS = ("reporting_year", "current_year", "previous_year")
SEASON_END_MONTH = 6  # annual reports of year Y are made until the end of June of Y + 1


def default_year(kind: str, today: dt.date) -> int:
    """The year a new record of a form whose ``period_default`` is ``kind`` is for."""
    if kind == "current_year":
        return today.year
    if kind == "previous_year":
        return today.year - 1
    if kind == "reporting_year":
        return today.year - 1 if today.month <= SEASON_END_MONTH else today.year
    raise ValueError(f"period_default must be one of {PERIOD_DEFAULTS}, not {kind!r}")


def common_period(periods: list[str | None]) -> str | None:
    """The period all of ``periods`` fall in: the period itself when they share it, else their
    year when they share one (``2025-03`` and ``2025`` → ``2025``), else None. A file of
    several records is named by it."""
    known = [p for p in periods if p]
    if not known or len(known) != len(periods):
        return None
    if len(set(known)) == 1:
        return known[0]
    years = {p[:4] for p in known}
    return years.pop() if len(years) == 1 and next(iter(years)).isdigit() else None
