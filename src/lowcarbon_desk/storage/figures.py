"""Computed values of many records, one key at a time, through the covering index of the
roll-up's figures (``idx_record_computed_figures``, migration step 5: ``(key, record_id)`` with
the values, for the keys of ``migrations.FIGURE_KEYS``).

The record ids are sent sorted, so SQLite visits the key's stretch of the index in order: the
figures of a county lie on neighbouring pages, where the primary key ``(record_id, key)`` put
each record's values on a page of its own among a million (a seek and a page read per record).
Each answer is two columns, made into a dictionary in one call.

The values are exactly ``counting.computed_values``' (text if there is text, else the number) or
``computed_numbers``' (a number, else ``None``); a record without the key is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .id_chunks import id_chunks
from .migrations import FIGURE_KEYS

if TYPE_CHECKING:
    from .store import Store

# The index is partial: SQLite takes it only for a query whose WHERE holds its very ``IN`` list.
_INDEXED = ("FROM record_computed INDEXED BY idx_record_computed_figures WHERE key IN ("
            + ", ".join(f"'{k}'" for k in FIGURE_KEYS) + ") AND key = ? AND record_id IN ({marks})")
_VALUE = "COALESCE(value_text, value_num)"
# a number stored as text is no number (``computed_numbers``); SQLite gives no other type here
_NUMBER = "CASE WHEN value_text IS NULL AND typeof(value_num) IN ('integer', 'real') THEN value_num END"


def is_figure(key: str) -> bool:
    """Whether ``key`` is read through the figures' index."""
    return key in FIGURE_KEYS


def figure_values(store: Store, record_ids: Iterable[str], key: str, *,
                  numbers: bool = False) -> dict[str, str | float | None]:
    """The computed value ``key`` (one of ``FIGURE_KEYS``) of each record that has it: text or
    number, or with ``numbers`` a number or ``None``."""
    if not is_figure(key):
        raise ValueError(f"{key} is not among the indexed figures")
    sql = f"SELECT record_id, {_NUMBER if numbers else _VALUE} {_INDEXED}"
    out: dict[str, str | float | None] = {}
    for chunk, marks in id_chunks(sorted(set(record_ids))):
        out.update(store.db.execute(sql.format(marks=marks), [key, *chunk]))
    return out


__all__ = ["figure_values", "is_figure"]
