"""``DbRow``: one row read from the database, the shape storage's reads hand out.

A row's values are what SQLite returns for its columns (text, integer, real, bytes or
``None``); which column holds which is the schema's business (``migrations.py``), not the type
system's, so the values are ``Any`` behind this one name, as the JSON shapes are in
``domain/jsontypes.py``.
"""

from __future__ import annotations

from typing import Any, TypeAlias

DbRow: TypeAlias = dict[str, Any]
"""One row of a table or query: column name → value."""

__all__ = ["DbRow"]
