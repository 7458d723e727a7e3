"""Some columns of one group field's items and their per-item computed values, for many
records at once: what a roll-up needs of a record's list (its measures), read without its
whole content (``record_io.read_content``), the values exactly as that gives them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..domain.forms import FormDef
from ..domain.jsontypes import Row
from .id_chunks import id_chunks
from .record_io import _untyped

if TYPE_CHECKING:
    from .store import Store

def group_items(store: Store, form: FormDef, group: str, columns: Iterable[str],
                record_ids: Iterable[str]) -> dict[str, list[Row]]:
    """The items of ``form``'s group field ``group`` of each record (in their order), with those
    of ``columns`` the form version has: a whole number in a number column as an ``int``, as
    ``read_content`` gives it. Records without items are left out."""
    spec = form.field(group)
    wanted = [c for c in spec.columns if c.id in set(columns)]
    numeric = [c.type == "number" for c in wanted]
    names = "".join(f", [{c.id}]" for c in wanted)
    out: dict[str, list[Row]] = {}
    for chunk, marks in id_chunks(record_ids):
        for record_id, *cells in store.db.execute(
                f"SELECT record_id{names} FROM [{spec.table}] WHERE record_id IN "
                f"({marks}) ORDER BY record_id, position", chunk):
            out.setdefault(record_id, []).append({
                c.id: int(v) if number and isinstance(v, float) and v.is_integer() else v
                for c, v, number in zip(wanted, cells, numeric, strict=True)})
    return out


def computed_items(store: Store, group: str, keys: Iterable[str],
                   record_ids: Iterable[str]) -> dict[str, list[Row]]:
    """The per-item computed values ``group[i].key`` of each record, regrouped as
    ``read_computed`` does (the items that have any value, in index order), each item with those
    of ``keys`` it has. Records without any are left out."""
    wanted = set(keys)
    found: dict[str, dict[int, Row]] = {}
    # ``[`` then ``\\`` in code-point order: the range holds exactly the keys ``group[…``
    for chunk, marks in id_chunks(record_ids):
        for record_id, key, value_num, value_text, value_type in store.db.execute(
                "SELECT record_id, key, value_num, value_text, value_type FROM record_computed "
                f"WHERE record_id IN ({marks}) AND key >= ? AND key < ?",
                [*chunk, f"{group}[", f"{group}\\"]):
            index, sub = key[len(group) + 1:].split("].", 1)
            item = found.setdefault(record_id, {}).setdefault(int(index), {})
            if sub in wanted:
                item[sub] = _untyped(value_num, value_text, value_type)
    return {record_id: [items[i] for i in sorted(items)] for record_id, items in found.items()}
