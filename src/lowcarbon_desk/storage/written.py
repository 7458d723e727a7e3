"""The values of the record a store has just written, so that checking it does not read them back.

Building the demo county adds a record, then justifies and submits it: each step used to read
back what the previous one had written. ``LastWritten`` keeps, for the record written last,
what reading it back would return (``record_io.stored_content``), and trusts it only while
nothing else has been written: inside the same transaction (a write transaction keeps other
connections out) and with the connection's change counter where the store left it. A change
the store knows leaves stored values as they are (a state, a justification, the audit log)
keeps it; any other write, a rollback or the end of the transaction forgets it. Transactions
are the store's (``Store.transaction``, which marks where each begins and ends).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from ..domain.forms import FormDef
from ..domain.jsontypes import Computed, RecordData
from .record_io import stored_content


def _copy(values: RecordData) -> RecordData:
    """A copy of stored values: a dict of scalars and lists of scalars or of dicts of scalars
    (the shape ``record_io`` reads), so the caller may change it."""
    return {k: [dict(i) if type(i) is dict else i for i in v] if type(v) is list else v
            for k, v in values.items()}


class LastWritten:
    """Entered and computed values of the record this connection wrote last, as stored."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self._scope = 0  # changes at the start and end of every transaction and at a rollback
        self._stamp: tuple[int, int] | None = None
        self._record: tuple[str, FormDef, RecordData, Computed] | None = None
        self._stored: tuple[RecordData, Computed] | None = None

    def _now(self) -> tuple[int, int] | None:
        return (self._scope, self._conn.total_changes) if self._conn.in_transaction else None

    def _valid(self) -> bool:
        if self._record is not None and (self._stamp is None or self._now() != self._stamp):
            self._record = self._stored = None
        return self._record is not None

    def new_scope(self) -> None:
        """A transaction began or ended, or part of one was rolled back: forget the record."""
        self._scope += 1
        self._record = self._stored = None

    def remember(self, record_id: str, form: FormDef, data: RecordData, computed: Computed) -> None:
        """Call right after writing a record's values and the rest of that change (audit log):
        until something else is written, its values need not be read back. ``data`` and
        ``computed`` are kept as they are: the caller must not change them afterwards."""
        self._stamp = self._now()
        self._record = None if self._stamp is None else (record_id, form, data, computed)
        self._stored = None  # worked out when first asked for: most single changes never are

    @contextmanager
    def unchanged(self) -> Iterator[None]:
        """Around a write that leaves every record's entered and computed values as they are."""
        valid = self._valid()
        yield
        if valid:
            self._stamp = self._now()

    def content(self, record_id: str) -> tuple[RecordData, Computed] | None:
        """A copy of the record's stored data and computed values, or None (read them back)."""
        if not self._valid():
            return None
        assert self._record is not None
        written_id, form, data, computed = self._record
        if written_id != record_id:
            return None
        if self._stored is None:
            self._stored = stored_content(form, data, computed)
            if self._stored is None:  # outside what stored_content models: read it back
                self._record = None
                return None
        return _copy(self._stored[0]), _copy(self._stored[1])
