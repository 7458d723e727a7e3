"""One fast query for the record list: a summary tuple per record, ready for a table model.

The window keeps 100,000 of these in memory, so each row is a plain tuple (see ``INDEX_FIELDS``)
and the query joins the three computed figures the list shows instead of running a subquery
per record. Values that repeat across rows (form, organisation, period, state…) are shared
string objects rather than one copy per row: less memory, and equality filters over all rows
mostly compare identical objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from .base import StoreBase

INDEX_FIELDS = ("record_id", "form", "org_id", "org_name", "org_kind", "admin_code", "period",
                "state", "revision", "lineage_id", "updated_at", "total_tce", "total_co2_t",
                "budget_status", "is_latest")
IndexRow: TypeAlias = tuple[Any, ...]
"""One record's summary: its values in the order of ``INDEX_FIELDS``."""

FIELD_INDEX = {name: position for position, name in enumerate(INDEX_FIELDS)}

_SQL = """
SELECT r.record_id, r.form, r.org_id, o.name, o.kind, o.admin_code, r.period, r.state,
       r.revision, r.lineage_id, r.updated_at, ct.value_num, cc.value_num, cs.value_text,
       r.revision = (SELECT MAX(x.revision) FROM records x WHERE x.lineage_id = r.lineage_id)
FROM records r
JOIN organisations o ON o.org_id = r.org_id
LEFT JOIN record_computed ct ON ct.record_id = r.record_id AND ct.key = 'total_tce'
LEFT JOIN record_computed cc ON cc.record_id = r.record_id AND cc.key = 'total_co2_t'
LEFT JOIN record_computed cs ON cs.record_id = r.record_id AND cs.key = 'status'
{where}
ORDER BY r.period DESC, r.org_id, r.form, r.revision
"""


def record_index(store: StoreBase, record_ids: list[str] | None = None) -> list[IndexRow]:
    """Summary tuples (``INDEX_FIELDS``) of every record, or of the given ones."""
    db = store.db
    if record_ids is None:
        cursor = db.conn.execute(_SQL.format(where=""))
    else:
        marks = ", ".join("?" * len(record_ids))
        cursor = db.conn.execute(_SQL.format(where=f"WHERE r.record_id IN ({marks})"), record_ids)
    shared: dict[object, object] = {}
    share = shared.setdefault
    return [(row[0], share(row[1], row[1]), share(row[2], row[2]), share(row[3], row[3]),
             share(row[4], row[4]), share(row[5], row[5]), share(row[6], row[6]),
             share(row[7], row[7]), *row[8:13], share(row[13], row[13]), bool(row[14]))
            for row in cursor.fetchall()]
