"""The database of one office: organisations and records, their workflow and audit log.

``Store`` is the one object callers hold. It is built in layers, each its own module:
``base.StoreBase`` (the open file, transactions, reference sets), ``persistence.Persistence``
(organisations, records and attachments read and written) and the record workflow
(``workflow.py``), whose functions ``Store`` offers as methods. Every public method that
changes something runs in one transaction and writes the audit log; a method that raises has
changed nothing.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.versions import VersionChanges, VersionMove
from . import workflow
from .persistence import EDITABLE_STATES, ORG_FIELDS, RECORD_COLUMNS, Persistence


class Store(Persistence):
    """High-level access to one lowcarbon-desk database file."""

    def justify(self, record_id: str, rule: str, text: str, operator: str,
                field: str | None = None) -> int:
        """Justify the record's current warnings of ``rule`` (one field, or all); returns how many."""
        return workflow.justify(self, record_id, rule, text, operator, field)

    def submit(self, record_id: str, operator: str) -> None:
        """Move a draft to ``submitted``; refused with the reasons while anything blocks."""
        workflow.submit(self, record_id, operator)

    def decide(self, record_id: str, decision: str, operator: str, comment: str | None = None, *,
               allow_superseded: bool = False, check_figures: bool = True) -> None:
        """The upper level's decision on a submitted record: ``accepted`` or ``returned``
        (``workflow.decide``)."""
        workflow.decide(self, record_id, decision, operator, comment, allow_superseded=allow_superseded,
                        check_figures=check_figures)

    def revise(self, record_id: str, operator: str) -> str:
        """A new draft revision (revision + 1) of a submitted, accepted or returned record."""
        return workflow.revise(self, record_id, operator)

    def version_changes(self, record_id: str) -> VersionChanges:
        """What moving the record onto the newest version of its form would change (nothing is stored)."""
        return workflow.version_changes(self, record_id)

    def revise_to_latest(self, record_id: str, operator: str) -> VersionMove:
        """Move a record onto the newest version of its form (``workflow.revise_to_latest``)."""
        return workflow.revise_to_latest(self, record_id, operator)

    def delete_draft(self, record_id: str, operator: str) -> None:
        """Remove a draft that was never submitted (the audit log keeps its trace)."""
        workflow.delete_draft(self, record_id, operator)


def open_store(path: Path | str) -> Store:
    """Open a database with the reference sets of this installation (shipped + user-added)."""
    from ..domain.reference import catalog

    return Store.open(path, catalog())


__all__ = ["EDITABLE_STATES", "ORG_FIELDS", "RECORD_COLUMNS", "Store", "open_store"]
