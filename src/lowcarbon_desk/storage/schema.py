"""Table layout derived from the form definitions, so a roll-up can query with plain SQL.

Each record form has a header table (one row per record, its scalar fields as typed columns)
and one table per repeating list keyed by ``(record_id, position)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.forms import FieldDef, FormDef

SQL_TYPES = {"text": str, "enum": str, "date": str, "period": str, "number": float,
             "int": int, "year": int, "bool": int}


@dataclass(frozen=True)
class ChildTable:
    """A table holding one container field of a form."""

    field: FieldDef
    name: str
    columns: dict[str, type]


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
