"""Which rows of the record list contain a typed text, found by groups of rows.

A row's search key (``record_list.search_key``) is its organisation's name and code and its
period, joined by spaces; a typed part never holds a space, so it is in the key exactly when it
is in the organisation's text or in the period. A few thousand organisations and a few dozen
periods and (form, state) facets cover 300,000 rows, so a part is checked once per distinct
value and the rows of the values that match (or fail) are taken from lists kept per value:
the work follows the number of rows that match, or of those that do not, whichever is
smaller, instead of every row. A kind with at most 256 values (periods, facets) also keeps
one byte per row, so its matching rows are marked by one C-level ``bytes.translate``. Record
ids, one per row, are searched in one string of them all.
"""

from __future__ import annotations

import operator
import re
from array import array
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, compress, count, repeat
from operator import itemgetter
from typing import Any

from ...storage.record_index import FIELD_INDEX

F = FIELD_INDEX


def _org_text(org: tuple) -> str:
    """The organisation's part of a search key: name and code (``record_list.search_key``)."""
    return f"{org[0] or ''} {org[1] or ''}".lower()


def _period_text(period: object) -> str:
    """The period's part of a search key."""
    return f"{period or ''}".lower()


@dataclass(frozen=True)
class Plan:
    """Values whose text holds a part, and the cheaper way to list the rows that do."""

    part: str
    orgs: frozenset[int]
    periods: frozenset[int]
    facets: frozenset[int]
    in_ids: bool  # whether the part may be in a record id
    complement: bool  # list the rows that do not match (few) rather than those that do
    cost: int  # rows touched, about
    in_ids_count: int = -1  # about how many times the part is in the joined ids; -1: not counted
    # (group, numbers of its values that match) for groups whose rows are marked by translating
    # their ``row_bytes`` rather than from their lists
    by_bytes: tuple = ()


class ValueGroup:
    """One kind of value (organisation, period or facet): each row's value number, and per
    number the value's text and its rows in source order. A value's number is the first row
    that has it, so numbering costs one dictionary pass."""

    def __init__(self, values: Iterable, text_of: Callable[[Any], str], numbers: list[int]):
        self.code_of: dict = {}
        self.codes = list(map(self.code_of.setdefault, values, count()))
        self.texts = {code: text_of(value) for value, code in self.code_of.items()}
        self.rows: dict[int, list[int]] = {code: [] for code in self.texts}
        deque(map(list.append, map(self.rows.__getitem__, self.codes), numbers), maxlen=0)
        self._text_of = text_of
        self._bytes: bytes | None = None
        self._byte_of: dict[int, int] = {}

    def append(self, value: object, number: int) -> None:
        """Row ``number`` (the last) has ``value``."""
        code = self.code_of.setdefault(value, number)
        if code == number:
            self.texts[code] = self._text_of(value)
            self.rows[code] = []
        self.codes.append(code)
        self.rows[code].append(number)

    def row_bytes(self) -> bytes | None:
        """Each row's value as one byte (the value's place among the values), or None for more
        than 256 values; made on first use."""
        if self._bytes is None or len(self._bytes) != len(self.codes):
            if len(self.texts) > 256:
                return None
            self._byte_of = {code: place for place, code in enumerate(self.texts)}
            self._bytes = bytes(map(self._byte_of.__getitem__, self.codes))
        return self._bytes

    def table(self, codes: frozenset[int]) -> bytes:
        """A ``bytes.translate`` table turning the bytes of ``codes`` (``row_bytes``) into 1, others 0."""
        table = bytearray(256)
        for code in codes:
            table[self._byte_of[code]] = 1
        return bytes(table)

    def matching(self, part: str) -> tuple[frozenset[int], int]:
        """Numbers of the values whose text holds ``part``, and how many rows have them."""
        codes = frozenset(code for code, text in self.texts.items() if part in text)
        return codes, sum(map(len, map(self.rows.__getitem__, codes)))


class SearchIndex:
    """The rows grouped by organisation, period and facet, and the record ids in one string."""

    def __init__(self, rows: Sequence[tuple], facets: Sequence[int], facet_texts: Sequence[str],
                 ids: Sequence[str]):
        name, org_id, period = itemgetter(F["org_name"]), itemgetter(F["org_id"]), itemgetter(F["period"])
        # zip's tuples are made anew only for the distinct pairs the dictionary keeps
        numbers = list(range(len(rows)))  # one int object per row, shared by the three groups' lists
        self.orgs = ValueGroup(zip(map(name, rows), map(org_id, rows), strict=True), _org_text, numbers)
        self.periods = ValueGroup(map(period, rows), _period_text, numbers)
        self.facets = ValueGroup(facets, facet_texts.__getitem__, numbers)
        self.ids = ids  # the model's list: one lowercase record id per row
        self._blob: tuple[str, array[int]] | None = None
        # made with the rows rather than on the first keystroke that needs them
        self._id_blob()
        self.periods.row_bytes()
        self.facets.row_bytes()

    def __len__(self) -> int:
        return len(self.orgs.codes)

    def append(self, number: int, row: tuple, facet: int) -> None:
        """Index ``row``, the model's row ``number`` (the last one), of facet number ``facet``."""
        self.orgs.append((row[F["org_name"]], row[F["org_id"]]), number)
        self.periods.append(row[F["period"]], number)
        self.facets.append(facet, number)  # the joined ids are made again when the count differs

    def plan(self, part: str, in_ids: bool) -> Plan:
        """What matches ``part`` (lowercase, no spaces) and how to list its rows cheaply."""
        (orgs, in_orgs), (periods, in_periods), (facets, in_facets) = (
            group.matching(part) for group in (self.orgs, self.periods, self.facets))
        rows = len(self)
        # failing rows of the most selective group are checked one by one on the others
        complement = 3 * (rows - max(in_orgs, in_periods, in_facets))
        by_bytes = tuple((group, codes) for group, codes in ((self.periods, periods), (self.facets, facets))
                         if codes and group.row_bytes() is not None)
        # a group of few values marks its rows in a C-level translate of one byte per row
        direct = in_orgs + sum(count for group, count in ((self.periods, in_periods), (self.facets, in_facets))
                               if group not in dict(by_bytes)) + (rows // 32 if by_bytes else 0)
        found = -1
        if in_ids and direct < complement:
            found = self._id_count(part)
            direct += 2 * found if 3 * found <= rows else 2 * rows
        return Plan(part, orgs, periods, facets, in_ids, complement <= direct, min(complement, direct), found,
                    by_bytes)

    def hits(self, plan: Plan) -> Iterable[int]:
        """Rows matching ``plan`` (a row may come more than once), for a plan not by complement,
        but those of the groups in ``plan.by_bytes``."""
        translated = dict(plan.by_bytes)
        groups: list[Iterable[int]] = [rows for group, codes in ((self.orgs, plan.orgs), (self.periods, plan.periods),
                                            (self.facets, plan.facets)) if group not in translated
                  for rows in map(group.rows.__getitem__, codes)]
        if plan.in_ids:
            groups.append(self._id_hits(plan))
        return chain.from_iterable(groups)

    def misses(self, plan: Plan) -> list[int]:
        """Rows not matching ``plan``: those failing the most selective group, checked on the rest."""
        groups = ((self.orgs, plan.orgs), (self.periods, plan.periods), (self.facets, plan.facets))
        least = max(groups, key=lambda group: sum(map(len, map(group[0].rows.__getitem__, group[1]))))
        candidates = list(chain.from_iterable(
            rows for code, rows in least[0].rows.items() if code not in least[1]))
        for group, codes in groups:
            if codes and group is not least[0]:
                candidates = list(compress(candidates, map(operator.not_, map(
                    codes.__contains__, map(group.codes.__getitem__, candidates)))))
        if plan.in_ids:
            ids = map(self.ids.__getitem__, candidates)
            candidates = list(compress(candidates, map(operator.not_, map(
                operator.contains, ids, repeat(plan.part)))))
        return candidates

    def _id_blob(self) -> tuple[str, array[int]]:
        """Every id in one newline-joined string, and where each one starts."""
        if self._blob is None or len(self._blob[1]) != len(self.ids):
            starts = array("q", accumulate(map(operator.add, map(len, self.ids), repeat(1)), initial=0))
            self._blob = ("\n".join(self.ids), starts[:-1])
        return self._blob

    def _id_count(self, part: str) -> int:
        """About how many times ``part`` is in the joined ids: counted in a sixteenth of them
        (it only chooses between ways that find the same rows)."""
        blob = self._id_blob()[0]
        return 16 * blob.count(part, 0, len(blob) // 16 + len(part))

    def _id_hits(self, plan: Plan) -> Iterable[int]:
        """Rows whose record id contains the part: a search of the joined ids for few hits,
        else a pass over every id."""
        blob, starts = self._id_blob()
        part = plan.part
        if 3 * (plan.in_ids_count if plan.in_ids_count >= 0 else self._id_count(part)) > len(starts):
            return compress(range(len(starts)), map(operator.contains, self.ids, repeat(part)))
        found = map(re.Match.start, re.finditer(re.escape(part), blob))
        return map(operator.sub, map(bisect_right, repeat(starts), found), repeat(1))
