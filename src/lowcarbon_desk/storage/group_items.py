"""Some columns of one group field's items and their per-item computed values, for many
records at once: what a roll-up needs of a record's list (its measures), read without its
whole content (``record_io.read_content``), the values exactly as that gives them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..domain.forms import FormDef
from ..domain.jsontypes import Row
from .id_chunks import CHUNK, id_chunks
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


def counting_items(store: Store, form: FormDef, group: str, columns: Iterable[str], record_ids: Iterable[str],
                   status: tuple[str, str] | None = None) -> dict[str, list[tuple[int, Row]]]:
    """``group_items`` of the items that count, each with its place among all the record's
    items: with ``status`` = (column, value) only the items holding that value (none when the
    form version has no such column), else every item. The other items are skipped by SQLite
    (a roll-up counts the implemented options only: one in seven)."""
    spec = form.field(group)
    wanted = [c for c in spec.columns if c.id in set(columns)]
    if status is not None and status[0] not in {c.id for c in wanted}:
        return {}
    numeric = [c.type == "number" for c in wanted]
    names = "".join(f", [{c.id}]" for c in wanted)
    if status is None:
        sql = (f"SELECT record_id, position{names} FROM [{spec.table}] WHERE record_id IN ({{marks}}) "
               "ORDER BY record_id, position")
    else:  # the place among all items: counted before the others are left out
        sql = (f"SELECT * FROM (SELECT record_id, row_number() OVER (PARTITION BY record_id ORDER BY position) - 1"
               f"{names} FROM [{spec.table}] WHERE record_id IN ({{marks}})) WHERE [{status[0]}] = ? "
               "ORDER BY record_id, 2")
    out: dict[str, list[tuple[int, Row]]] = {}
    for chunk, marks in id_chunks(record_ids):
        params = chunk if status is None else [*chunk, status[1]]
        for record_id, place, *cells in store.db.execute(sql.format(marks=marks), params):
            items = out.setdefault(record_id, [])
            items.append((len(items) if status is None else place, {
                c.id: int(v) if number and isinstance(v, float) and v.is_integer() else v
                for c, v, number in zip(wanted, cells, numeric, strict=True)}))
    return out


def item_values(store: Store, group: str, keys: Iterable[str],
                places: dict[str, list[int]]) -> dict[tuple[str, int], Row]:
    """``computed_items(store, group, keys, …)[record][place]`` for the places asked of each
    record (``{}`` where that list has no such place), without reading the other items' values.

    Where a record's items with values are exactly 0…n−1 (every item computed: the usual case,
    told by SQLite from the keys alone), the item at a place is the one of that index, and only
    its values are read; a record with gaps is read whole by ``computed_items``."""
    wanted = tuple(keys)
    start, low, high = len(group) + 2, f"{group}[", f"{group}\\"
    index = f"CAST(substr(key, {start}) AS INTEGER)"  # ``group[i].name``: i
    whole: list[str] = []
    asked: dict[tuple[str, str], tuple[str, int, str]] = {}  # (record, key) -> (record, place, name)
    for chunk, marks in id_chunks([r for r, asked_places in places.items() if asked_places]):
        for record_id, count, lowest, highest in store.db.execute(
                f"SELECT record_id, count(DISTINCT {index}), min({index}), max({index}) FROM record_computed "
                f"WHERE record_id IN ({marks}) AND key >= ? AND key < ? GROUP BY record_id", [*chunk, low, high]):
            if lowest != 0 or highest != count - 1:
                whole.append(record_id)
                continue
            for place in places[record_id]:
                if place < count:
                    for name in wanted:
                        asked[record_id, f"{group}[{place}].{name}"] = (record_id, place, name)
    out: dict[tuple[str, int], Row] = {}
    pairs = list(asked)
    for start_at in range(0, len(pairs), CHUNK // 2):
        chunk_pairs = pairs[start_at:start_at + CHUNK // 2]
        rows = ", ".join("(?, ?)" for _ in chunk_pairs)
        for record_id, key, value_num, value_text, value_type in store.db.execute(
                f"SELECT c.record_id, c.key, c.value_num, c.value_text, c.value_type FROM (VALUES {rows}) v "
                "CROSS JOIN record_computed c ON c.record_id = v.column1 AND c.key = v.column2",
                [value for pair in chunk_pairs for value in pair]):
            _, place, name = asked[record_id, key]
            out.setdefault((record_id, place), {})[name] = _untyped(value_num, value_text, value_type)
    for record_id, items in computed_items(store, group, wanted, whole).items():
        for place in places[record_id]:
            if place < len(items):
                out[record_id, place] = items[place]
    return out
