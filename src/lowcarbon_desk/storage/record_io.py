"""Writing a record's entered and computed values into typed tables, and reading them back."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

import sqlite_utils

from ..domain.forms import MONTHS, FormDef
from ..domain.jsontypes import Computed, RecordData, Row
from .migrations import FIGURE_COLUMNS, FIGURE_KEYS
from .schema import SQL_TYPES, child_tables


def _flatten_computed(computed: Computed) -> list[tuple[str, object]]:
    flat: list[tuple[str, object]] = []
    for key, value in computed.items():
        if isinstance(value, list):
            for index, item in enumerate(value):
                for sub, sub_value in item.items():
                    flat.append((f"{key}[{index}].{sub}", sub_value))
        else:
            flat.append((key, value))
    return flat


def _typed(value: object) -> tuple[float | None, str | None, str]:
    if value is None:
        return None, None, "null"
    if isinstance(value, bool):
        return float(value), None, "bool"
    if isinstance(value, int):
        return float(value), None, "int"
    if isinstance(value, float):
        return value, None, "num"
    return None, str(value), "text"


def _untyped(value_num: float | None, value_text: str | None, value_type: str) -> object:
    if value_type == "bool":
        return bool(value_num)
    if value_type == "int":
        return None if value_num is None else int(value_num)
    if value_type == "num":
        return value_num
    if value_type == "text":
        return value_text
    return None


def delete_content(db: sqlite_utils.Database, form: FormDef, record_id: str) -> None:
    """Remove a record's values (before rewriting them); the records row stays."""
    db.execute("DELETE FROM record_figures WHERE record_id = ?", [record_id])  # first: no trigger work left
    for child in child_tables(form):
        db.execute(f"DELETE FROM [{child.name}] WHERE record_id = ?", [record_id])
    db.execute(f"DELETE FROM [{form.table}] WHERE record_id = ?", [record_id])
    db.execute("DELETE FROM record_computed WHERE record_id = ?", [record_id])


Statement = tuple[str, Sequence[Sequence[object]]]  # an INSERT and the rows it runs for


def content_rows(form: FormDef, record_id: str, data: RecordData, computed: Computed) -> list[Statement]:
    """The inserts of a record's values: each statement with its rows (``write_content``
    runs them; an import of many records runs each statement once for all of them)."""
    header = {"record_id": record_id, **{f.id: data.get(f.id) for f in form.scalar_fields()}}
    columns = ", ".join(f"[{c}]" for c in header)
    statements: list[Statement] = [
        (f"INSERT INTO [{form.table}] ({columns}) VALUES ({', '.join('?' * len(header))})",
         [[int(v) if isinstance(v, bool) else v for v in header.values()]])]
    for child in child_tables(form):
        value = data.get(child.field.id) or []
        if child.field.type == "group":
            cols = [c.id for c in child.field.columns]
            rows = [[record_id, i, *(item.get(c) for c in cols)] for i, item in enumerate(value)]
        elif child.field.type == "set":
            cols = ["value"]
            rows = [[record_id, i, item] for i, item in enumerate(value)]
        elif child.field.type == "months":
            cols = ["value"]
            rows = [[record_id, month + 1, v] for month, v in enumerate(value) if v is not None]
        else:
            cols = ["name", "size", "sha256", "media_type"]
            rows = [[record_id, i, *(item.get(c) for c in cols)] for i, item in enumerate(value)]
        if not rows:
            continue
        key = "month" if child.field.type == "months" else "position"
        names = ", ".join(f"[{c}]" for c in ["record_id", key, *cols])
        statements.append((f"INSERT INTO [{child.name}] ({names}) VALUES ({', '.join('?' * (len(cols) + 2))})",
                           rows))
    statements.append((
        "INSERT INTO record_computed (record_id, key, value_num, value_text, value_type) VALUES (?, ?, ?, ?, ?)",
        [(record_id, key, *_typed(value)) for key, value in _flatten_computed(computed)]))
    figures = _figures_row(form, record_id, header, computed)
    if figures is not None:
        statements.append((_FIGURES_SQL, [figures]))
    return statements


def write_content(db: sqlite_utils.Database, form: FormDef, record_id: str, data: RecordData,
                  computed: Computed) -> None:
    """Insert a record's values; the caller holds the transaction."""
    for sql, rows in content_rows(form, record_id, data, computed):
        db.conn.executemany(sql, rows)


_FIGURE_COLUMN = dict(FIGURE_COLUMNS)  # the typed column among the figures, by its table
_FIGURES_SQL = (f"INSERT OR REPLACE INTO record_figures (record_id, {', '.join(f'[{k}]' for k in FIGURE_KEYS)}, "
                f"{', '.join(f'[{c}]' for _, c in FIGURE_COLUMNS)}) "
                f"VALUES ({', '.join('?' * (1 + len(FIGURE_KEYS) + len(FIGURE_COLUMNS)))})")


def _figures_row(form: FormDef, record_id: str, header: dict[str, object],
                 computed: Computed) -> list[object] | None:
    """The record's row of ``record_figures`` (migration step 5) with the values written beside
    it, as ``migrations.rebuild_figures`` makes it: a computed value as it reads back (text if
    there is text, else the number), the typed column through the same affinity as its table's;
    ``None`` when the record has none. Written with the record's values (one row per record,
    also in an import's one statement for many records): the table's triggers follow the other
    writers' changes, but an insert trigger would run for each computed value."""
    # a figure is a plain value (a list would be written as ``key[i].…``, not as the key)
    found = {k: computed[k] for k in FIGURE_KEYS if k in computed and not isinstance(computed[k], list)}
    column = _FIGURE_COLUMN.get(form.table)
    if not found and column is None:
        return None
    figures = []
    for key in FIGURE_KEYS:
        num, text, _ = _typed(found.get(key))
        figures.append(text if text is not None else num)
    value = header.get(column) if column else None
    value = int(value) if isinstance(value, bool) else value  # as the typed table's row was written
    return [record_id, *figures, *(value if c == column else None for _, c in FIGURE_COLUMNS)]


def read_content(db: sqlite_utils.Database, form: FormDef, record_id: str) -> tuple[RecordData, Computed]:
    """The entered data and the computed values of one record."""
    conn = db.conn
    conn_row = conn.execute(f"SELECT * FROM [{form.table}] WHERE record_id = ?", [record_id])
    names = [d[0] for d in conn_row.description]
    row = conn_row.fetchone()
    data: RecordData = {}
    header = dict(zip(names, row, strict=True)) if row else {}
    for spec in form.scalar_fields():
        value = header.get(spec.id)
        if spec.type == "bool" and value is not None:
            value = bool(value)
        elif spec.type == "number" and isinstance(value, float) and value.is_integer():
            value = int(value)
        data[spec.id] = value
    for child in child_tables(form):
        spec = child.field
        if spec.type == "months":
            months: list[float | None] = [None] * MONTHS
            for month, value in conn.execute(
                    f"SELECT month, value FROM [{child.name}] WHERE record_id = ?", [record_id]):
                months[month - 1] = int(value) if float(value).is_integer() else value
            data[spec.id] = months
            continue
        cursor = conn.execute(f"SELECT * FROM [{child.name}] WHERE record_id = ? ORDER BY position",
                              [record_id])
        cols = [d[0] for d in cursor.description]
        items = [dict(zip(cols, r, strict=True)) for r in cursor.fetchall()]
        if spec.type == "set":
            data[spec.id] = [item["value"] for item in items]
        elif spec.type == "attachments":
            data[spec.id] = [{k: item[k] for k in ("name", "size", "sha256", "media_type")}
                             for item in items]
        else:
            numeric = {c.id for c in spec.columns if c.type == "number"}
            data[spec.id] = [
                {c.id: (int(item[c.id]) if c.id in numeric and isinstance(item[c.id], float)
                        and item[c.id].is_integer() else item[c.id]) for c in spec.columns}
                for item in items
            ]
    return data, read_computed(db, record_id)


def read_computed(db: sqlite_utils.Database, record_id: str) -> Computed:
    """The computed values of one record, lists of items regrouped (``name[i].key``)."""
    computed: Computed = {}
    lists: dict[str, dict[int, Row]] = {}
    for key, value_num, value_text, value_type in db.conn.execute(
            "SELECT key, value_num, value_text, value_type FROM record_computed WHERE record_id = ?",
            [record_id]):
        value = _untyped(value_num, value_text, value_type)
        if "[" in key:
            name, rest = key.split("[", 1)
            index, sub = rest.split("].", 1)
            lists.setdefault(name, {}).setdefault(int(index), {})[sub] = value
        else:
            computed[key] = value
    for name, items in lists.items():
        computed[name] = [items[i] for i in sorted(items)]
    return computed


# --- what reading back would give, without reading ----------------------------------------

class _Unsure(Exception):
    """A value outside what ``_as_stored`` models: read it back instead."""


_EXACT_INT = 2 ** 53  # beyond it a float cannot hold every integer


def _as_stored(kind: type, value: object) -> str | int | float | None:
    """``value`` as SQLite returns it from a column of ``kind``'s affinity (schema.SQL_TYPES:
    str TEXT, float REAL, int INTEGER), for the values our forms produce; ``_Unsure`` for the
    rest (text in a numeric column, NaN, -0.0, integers a float cannot hold)."""
    if value is None:
        return None
    if type(value) is bool:  # sqlite3 binds a bool as an integer
        value = int(value)
    if kind is str:
        if type(value) is str:
            return value
        raise _Unsure  # a number in a text column becomes text
    if type(value) is float:
        if not -_EXACT_INT <= value <= _EXACT_INT or (value == 0 and math.copysign(1.0, value) < 0):
            raise _Unsure  # NaN is stored as NULL; the sign of zero may not be kept
        if kind is int and value.is_integer():
            return int(value)  # INTEGER affinity keeps a whole real as an integer
        return value
    if type(value) is int:
        if not -_EXACT_INT <= value <= _EXACT_INT:
            raise _Unsure
        return float(value) if kind is float else value
    raise _Unsure  # numeric-looking text in a numeric column would be converted


def _as_stored_real(value: object) -> float | None:
    """``value`` as SQLite returns it from a REAL column (``_as_stored`` of ``float``)."""
    stored = _as_stored(float, value)
    assert not isinstance(stored, str)  # for a REAL column text raises _Unsure
    return stored


def _stored_computed(computed: Computed) -> Computed:
    """What ``read_computed`` returns for ``computed``: the rows ``write_content`` makes come back in
    key order and are regrouped, so plain values come first in key order, then the lists (by
    ``name[``), each item's values in key order; an empty list or item leaves nothing."""
    plain: Computed = {}
    lists: dict[str, list[Row]] = {}
    for key in sorted(computed):
        value = computed[key]
        if "[" in key:
            raise _Unsure  # read back as an item of a list
        if type(value) is list:
            items = [{sub: _as_stored_computed(item[sub]) for sub in sorted(item)} for item in value if item]
            if items:
                lists[key] = items
        else:
            plain[key] = _as_stored_computed(value)
    for key in sorted(lists, key=lambda name: name + "["):
        plain[key] = lists[key]
    return plain


def _as_stored_computed(value: object) -> object:
    """A computed value after ``_typed``, the REAL or TEXT column and ``_untyped``."""
    if value is None or type(value) is str:
        return value
    if type(value) is bool:
        return value
    stored = _as_stored_real(value)  # raises _Unsure outside the model
    return int(stored) if type(value) is int and stored is not None else stored


def stored_content(form: FormDef, data: RecordData, computed: Computed) -> tuple[RecordData, Computed] | None:
    """What ``read_content`` will return for a record just written with ``write_content``,
    worked out without reading: each value through its column's affinity (``_as_stored``), then
    the conversions ``read_content`` applies. None when a value is outside the model (then read
    it back). ``tests/storage/test_read_back.py`` holds it to real read-backs."""
    out: RecordData = {}
    try:
        for spec in form.scalar_fields():
            value = _as_stored(SQL_TYPES[spec.type], data.get(spec.id))
            if spec.type == "bool" and value is not None:
                value = bool(value)
            elif spec.type == "number" and type(value) is float and value.is_integer():
                value = int(value)
            out[spec.id] = value
        for spec in form.container_fields():
            given = data.get(spec.id) or []
            if spec.type == "months":
                if len(given) > MONTHS:
                    return None
                months: list[float | None] = [None] * MONTHS
                for index, item in enumerate(given):
                    if item is not None:
                        real = _as_stored_real(item)
                        months[index] = int(real) if real is not None and real.is_integer() else real
                out[spec.id] = months
            elif spec.type == "set":
                out[spec.id] = [_as_stored(str, item) for item in given]
            elif spec.type == "attachments":
                out[spec.id] = [{k: _as_stored(kind, item.get(k)) for k, kind in _ATTACHMENT_COLUMNS}
                                for item in given]
            else:
                columns = [(c.id, SQL_TYPES[c.type], c.type == "number") for c in spec.columns]
                rows = []
                for item in given:
                    row = {}
                    for column, kind, number in columns:
                        value = _as_stored(kind, item.get(column))
                        if number and type(value) is float and value.is_integer():
                            value = int(value)
                        row[column] = value
                    rows.append(row)
                out[spec.id] = rows
        stored_computed = _stored_computed(computed)
    except _Unsure:
        return None
    return out, stored_computed


_ATTACHMENT_COLUMNS = (("name", str), ("size", int), ("sha256", str), ("media_type", str))


def to_text(value: object) -> str | None:
    """A value as stored in the audit log (JSON text, so types survive)."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
