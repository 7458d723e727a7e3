"""The figures a county roll-up takes of thousands of records, read from ``record_figures``
(migration step 5): one row per record holding some of its computed values (``FIGURE_KEYS``)
and of its typed table's columns (``FIGURE_COLUMNS``), kept equal to them by triggers.

Read from where they live, an energy report's total energy, CO2 and value added cost a seek for
each among a million computed values and the report table; here they are one row, the record
ids sent sorted so SQLite walks the table in order. The values are exactly what
``counting.computed_values`` (text if there is text, else the number), ``computed_numbers`` (a
number, else ``None``) and ``typed_values`` give; a record without one gives ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from .id_chunks import id_chunks
from .migrations import FIGURE_COLUMNS, FIGURE_KEYS

if TYPE_CHECKING:
    from .store import Store

FIGURES = frozenset((*FIGURE_KEYS, *(column for _, column in FIGURE_COLUMNS)))


def figure_rows(store: Store, record_ids: Iterable[str], figures: tuple[str, ...],
                numbers: frozenset[str] = frozenset()) -> dict[str, tuple[Any, ...]]:
    """Per record that has any figure: the record id followed by ``figures`` in their order
    (``None`` for one it lacks); those named in ``numbers`` a number or ``None``
    (``computed_numbers``), the others as stored."""
    unknown = set(figures) - FIGURES
    if unknown:
        raise ValueError(f"not among the stored figures: {sorted(unknown)}")
    # a number stored as text is no number; SQLite gives no other type of number
    selected = ", ".join(f"CASE WHEN typeof([{f}]) IN ('integer', 'real') THEN [{f}] END" if f in numbers
                         else f"[{f}]" for f in figures)
    out: dict[str, tuple[Any, ...]] = {}
    for chunk, marks in id_chunks(sorted(set(record_ids))):
        rows = store.db.execute(f"SELECT record_id, {selected} FROM record_figures WHERE record_id IN ({marks})",
                                chunk).fetchall()
        out.update(zip(map(itemgetter(0), rows), rows, strict=True))  # no Python step per row
    return out


__all__ = ["FIGURES", "figure_rows"]
