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
