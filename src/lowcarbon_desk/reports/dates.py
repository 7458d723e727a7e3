"""Dates and times as people read them on paper: local time, Chinese date order.

Stored stamps are ISO 8601 with an offset (often UTC); a printed "2026-11-30T04:49:39+00:00"
means nothing to a reader. Outputs show the user's local time zone instead.
"""

from __future__ import annotations

import datetime as dt


def _local(stamp: str | None) -> dt.datetime | None:
    if not stamp:
        return None
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if when.tzinfo is None:
        return when
    return when.astimezone()


def local_time_text(stamp: str | None) -> str:
    """``2026-11-30 12:49`` in the local time zone (the stamp itself when it is not a date)."""
    when = _local(stamp)
    return f"{when:%Y-%m-%d %H:%M}" if when else (stamp or "")


def local_date_text(stamp: str | None) -> str:
    """``2026年11月30日`` in the local time zone; empty when there is no date."""
    when = _local(stamp)
    return f"{when.year}年{when.month}月{when.day}日" if when else ""
