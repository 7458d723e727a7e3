"""A long table whose heading travels with its first rows and whose ending with its last rows.

reportlab offers either ``KeepTogether`` (the whole table and what surrounds it on one page,
which for a table longer than a page keeps nothing together: a heading can end up alone at the
foot of one page and a sign-off alone on the last) or a table splitting freely. ``TableWithEnds``
lays the table out one page at a time, like ``KeepTogether`` always asking to be split:

- what comes ``before`` (a heading, a caption) is placed only with the table's header and at
  least ``first_rows`` rows below it, otherwise everything moves to the next page (a split
  returning nothing: reportlab then tries again at the top of the next page);
- what comes ``after`` (the sign-off) is placed only with at least ``last_rows`` rows of the
  table above it: the page before keeps back that many rows for the last page.

Each page's part is a plain reportlab table part (the header rows repeat as usual).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from reportlab.platypus import Flowable, Table

FIRST_ROWS = 3
LAST_ROWS = 3
FUZZ = 1e-3  # points: a split height just above the rows' own sum


def _height(flowables: Sequence[Flowable], width: float, height: float, canv: Any) -> float:
    """The height ``flowables`` take one after another, their spaces included (generous: the
    frame drops a space at the top of a page)."""
    total = 0.0
    for flowable in flowables:
        total += flowable.wrapOn(canv, width, height)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


class TableWithEnds(Flowable):
    """``before``, then ``table`` (its ``repeatRows`` header repeated on each page), then
    ``after``, split so that neither ``before`` nor ``after`` stands on a page without rows."""

    def __init__(self, before: Sequence[Flowable], table: Table, after: Sequence[Flowable], *,
                 first_rows: int = FIRST_ROWS, last_rows: int = LAST_ROWS) -> None:
        super().__init__()
        self.before = list(before)
        self.table = table
        self.after = list(after)
        self.first_rows = first_rows
        self.last_rows = last_rows

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, 0xFFFFFF  # always split: split() decides what goes on this page

    def _natural(self) -> list[Flowable]:
        return [*self.before, self.table, *self.after]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        canv: Any = getattr(self, "canv", None)
        table = self.table
        table.wrapOn(canv, availWidth, availHeight)
        heights = list(table._rowHeights)  # type: ignore[attr-defined]  # computed by wrap; reportlab keeps them here
        head = table.repeatRows if isinstance(table.repeatRows, int) else len(table.repeatRows)
        header, body = sum(heights[:head]), heights[head:]
        before = _height(self.before, availWidth, availHeight, canv)
        after = _height(self.after, availWidth, availHeight, canv)
        if before + sum(heights) + after <= availHeight:
            return self._natural()
        fit, used = 0, before + header
        for height in body:
            if used + height > availHeight:
                break
            used += height
            fit += 1
        # the rest of the table goes on, and its last rows stay for the page with the ending
        fit = min(fit, len(body) - min(self.last_rows, len(body))) if self.after else fit
        need = min(self.first_rows, len(body)) if self.before else 1
        if fit < max(need, 1):
            at_top = getattr(getattr(self, "_frame", None), "_atTop", True)
            # not here: [] sends it to the next page; at a page's top rows taller than a page
            # leave nothing better than splitting freely
            return self._natural() if at_top else []
        parts = table.split(availWidth, header + sum(body[:fit]) + FUZZ)
        if len(parts) != 2:
            return self._natural()
        rest = TableWithEnds([], cast(Table, parts[1]), self.after, first_rows=self.first_rows,
                             last_rows=self.last_rows)
        return [*self.before, parts[0], rest]
