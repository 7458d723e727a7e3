"""``table(db, name)``: a table of the database, typed as one.

``db[name]`` is typed ``Table | View`` by sqlite-utils, so every ``.insert``/``.upsert`` on it
is a type error; storage names only tables, and this says so once.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.db import Table


def table(db: sqlite_utils.Database, name: str) -> Table:
    """The table ``name`` of ``db`` (created on first insert, as ``db[name]``); a view of that
    name is a bug and raises ``TypeError``."""
    found = db[name]
    if not isinstance(found, Table):
        raise TypeError(f"{name} is a view, not a table")
    return found


__all__ = ["table"]
