"""The database's identity across the packages of one import call, read once.

``storage.identity.home_of`` reads every organisation and every distinct organisation of the
records, so reading it again before each package made importing N packages take time in N²
(a province's 10,000 enterprise packages: 150,000 records read 10,000 times). What it depends
on changes during an import only in a few ways, followed here so that it is read again only
then:

- the organisations with records entered here never change (an import adds received records
  only, and refuses packages from this database itself);
- an organisation becomes *received* when a package of its own is written (every record of a
  package belongs to its sender); one first made by that package, from the profile in its
  records, was not there before, so it changes no difference ``home_of`` takes;
- so the identity is read again when a written package comes from an organisation that was
  here before without having sent anything, when a package changed a stored profile, or when
  the first submission package is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from ..storage import Store
from ..storage import imported as stored
from ..storage.identity import Home, home_of
from .layout import KIND_SUBMISSION


class Written(Protocol):
    """What the tracker reads of an ``importer.ImportResult``."""

    status: str
    kind: str
    sender_org_id: str
    orgs_created: list[str]
    orgs_updated: list[str]

    @property
    def nested(self) -> Sequence[Written]: ...


class HomeTracker:
    """``home_of`` for one import call, read again only when a written package may change it."""

    def __init__(self, store: Store):
        self.store = store
        self.home: Home | None = None
        self.received: set[str] | None = None
        self.submissions = False
        self.reads = 0

    def current(self) -> Home:
        """The database's identity now."""
        if self.received is None:
            self.received = stored.received_org_ids(self.store)
            self.submissions = stored.has_submission_package(self.store)
        if self.home is None:
            self.home = home_of(self.store)
            self.reads += 1
        return self.home

    def written(self, results: Iterable[Written]) -> None:
        """Note the packages just written (a result and the results it nests)."""
        assert self.received is not None, "current() is read before anything is written"
        for result in results:
            self.written(result.nested)
            if result.status != "imported":
                continue
            sender = result.sender_org_id
            if result.orgs_updated or (sender not in self.received and sender not in result.orgs_created):
                self.home = None
            if result.kind == KIND_SUBMISSION and not self.submissions:
                self.submissions = True
                self.home = None
            self.received.add(sender)


__all__ = ["HomeTracker"]
