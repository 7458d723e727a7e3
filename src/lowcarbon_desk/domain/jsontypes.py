"""Names for the JSON-shaped values the domain passes around.

A record's data, its computed values and the form and reference files are JSON documents
whose shape the form definition describes, not the type system: which field holds a number,
a text or a table is known from ``FormDef`` at run time. Their values are therefore ``Any``,
behind one name each, so a reader sees what a dict is and mypy still checks the keys are text.
"""

from __future__ import annotations

from typing import Any, TypeAlias

RecordData: TypeAlias = dict[str, Any]
"""A record's data: field name → value (text, number, flag, ``None``, a table's rows)."""

Row: TypeAlias = dict[str, Any]
"""One row (item) of a table field, or one month of a monthly group: field name → value."""

Computed: TypeAlias = dict[str, Any]
"""Computed values: id → number or ``None``, and per group a list of per-item dicts."""

JsonObject: TypeAlias = dict[str, Any]
"""A parsed JSON or TOML object (a form file, a reference table's row, a JSON output)."""

Terms: TypeAlias = dict[str, Any]
"""Computed values as traced terms, nested like ``Computed``: id → ``Term``, per group a list
of per-item dicts of terms."""
