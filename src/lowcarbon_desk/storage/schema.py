"""Table layout derived from the form definitions, so a roll-up can query with plain SQL.

Each record form has a header table (one row per record, its scalar fields as typed columns)
and one table per repeating list keyed by ``(record_id, position)`` (``(record_id, month)`` for
the twelve months). A table holds the union of the columns of every version of its form: a
new version adds columns, never drops or retypes one, so every version's records fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.forms import FieldDef, FormDef, FormFileError

SQL_TYPES = {"text": str, "enum": str, "date": str, "period": str, "number": float,
             "int": int, "year": int, "bool": int}
# The declared type of a column added by ALTER TABLE (what sqlite-utils 4 writes in CREATE TABLE).
COLUMN_SQL = {str: "TEXT", int: "INTEGER", float: "REAL", bytes: "BLOB"}


@dataclass(frozen=True)
class ChildTable:
    """A table holding one container field of a form."""

    field: FieldDef
    name: str
    columns: dict[str, type]


@dataclass(frozen=True)
class TableSpec:
    """A table one form version needs: its columns in order and its primary key."""

    name: str
    columns: dict[str, type]
    pk: tuple[str, ...]
    form: str
    version: int


def header_columns(form: FormDef) -> dict[str, type]:
    columns: dict[str, type] = {"record_id": str}
    for spec in form.scalar_fields():
        columns[spec.id] = SQL_TYPES[spec.type]
    return columns


def child_tables(form: FormDef) -> list[ChildTable]:
    tables = []
    for spec in form.container_fields():
        if spec.type == "group":
            columns = {"record_id": str, "position": int}
            columns.update({c.id: SQL_TYPES[c.type] for c in spec.columns})
        elif spec.type == "set":
            columns = {"record_id": str, "position": int, "value": str}
        elif spec.type == "months":
            columns = {"record_id": str, "month": int, "value": float}
        else:  # attachments
            columns = {"record_id": str, "position": int, "name": str, "size": int,
                       "sha256": str, "media_type": str}
        tables.append(ChildTable(spec, spec.table, columns))
    return tables


def form_tables(form: FormDef) -> list[TableSpec]:
    """The tables one form version needs: its header table, then one per container field."""
    specs = [TableSpec(form.table, header_columns(form), ("record_id",), form.id, form.version)]
    for child in child_tables(form):
        key = ("record_id", "month") if child.field.type == "months" else ("record_id", "position")
        specs.append(TableSpec(child.name, child.columns, key, form.id, form.version))
    return specs


def checked_layout(forms: Iterable[FormDef]) -> list[TableSpec]:
    """Every table spec of ``forms`` (oldest version first), after checking they fit together.

    Raises ``FormFileError`` naming the form file when a version would retype a column, change a
    table's key, or use a table of another form: the stored data could not follow.
    """
    owners: dict[str, tuple[str, tuple[str, ...]]] = {}
    types: dict[tuple[str, str], tuple[type, str]] = {}
    specs: list[TableSpec] = []
    for form in sorted(forms, key=lambda f: (f.id, f.version)):
        for spec in form_tables(form):
            owner = owners.setdefault(spec.name, (form.id, spec.pk))
            if owner[0] != form.id:
                raise FormFileError(f"{form.source}: table {spec.name} already belongs to form {owner[0]}")
            if owner[1] != spec.pk:
                raise FormFileError(f"{form.source}: table {spec.name} changes its key from {owner[1]} to {spec.pk}")
            for column, kind in spec.columns.items():
                first, where = types.setdefault((spec.name, column), (kind, form.source))
                if first is not kind:
                    raise FormFileError(f"{form.source}: column {spec.name}.{column} is "
                                     f"{COLUMN_SQL[first]} in {where}; a column is never retyped")
            specs.append(spec)
    return specs
