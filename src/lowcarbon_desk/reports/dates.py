"""Dates and times as people read them on paper: local time, Chinese date order.

Stored stamps are ISO 8601 with an offset (often UTC); a printed "2026-11-30T04:49:39+00:00"
means nothing to a reader. Outputs show a time zone's wall clock instead: ``zone`` when the
caller names one, else the machine's local zone (the user's). Tests name the zone, so what
they expect does not depend on the machine's TZ.
"""

from __future__ import annotations

import datetime as dt


def in_zone(stamp: str | None, zone: dt.tzinfo | None = None) -> dt.datetime | None:
    """The stamp as a wall-clock time in ``zone`` (``None``: the machine's local zone); a
    stamp without an offset is taken as already local; ``None`` when it is not a date."""
    if not stamp:
        return None
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if when.tzinfo is None:
        return when
    return when.astimezone(zone)


def local_time_text(stamp: str | None, zone: dt.tzinfo | None = None) -> str:
    """``2026-11-30 12:49`` in ``zone`` (the stamp itself when it is not a date)."""
    when = in_zone(stamp, zone)
    return f"{when:%Y-%m-%d %H:%M}" if when else (stamp or "")


def local_date_text(stamp: str | None, zone: dt.tzinfo | None = None) -> str:
    """``2026年11月30日`` in ``zone``; empty when there is no date."""
    when = in_zone(stamp, zone)
    return f"{when.year}年{when.month}月{when.day}日" if when else ""
