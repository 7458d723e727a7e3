"""Who this database is: an enterprise's, a county's or the province's, and its division.

The database stores no explicit "this is me" (the welcome page only adds the user's own
organisation), so it is derived from what was entered here and what was received:

- an organisation is **local** when it owns a record entered in this database (``origin`` other
  than ``package``); one is **received** when it sent an imported package or owns a received
  record;
- a county-kind organisation with local records (the county's own pilot application) makes a
  county database of that code; a code ending in ``0000`` is a province, whose division is every
  code with its 2-digit prefix (``410000`` covers ``41xxxx``);
- otherwise, a database that imported submission packages is the upper level of its
  county-kind organisations that were never received;
- otherwise, local enterprise or park records make an enterprise database, whose division is
  its county (the ``admin_code`` of its organisations);
- otherwise, a database whose organisations that were never received are all county-kind (a new
  county database) is that county's, and one whose never-received organisations are all
  enterprises or parks is an enterprise's (an organisation known only from packages is never
  the database itself);
- anything else (an empty database, or one that mixes kinds with nothing entered) is
  ``unknown``: no division is enforced there.

A county's division covers the organisations whose ``admin_code`` is the county's code; the
province's those whose ``admin_code`` starts with its 2-digit prefix.

Deriving it reads every organisation and every record's (organisation, origin) pair, 6 ms at
2,000 enterprises, and a roll-up or an overview asks for it every time. So the answer is kept
per store, with the state of the database it was derived from: ``PRAGMA data_version`` (which
changes when any other connection, of this process or another, commits a change) and the
connection's ``total_changes`` (its own inserts, updates and deletes, triggers included). It
is kept and used only outside a transaction: inside one, this connection's uncommitted changes
may still be rolled back, which no counter shows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlite_utils

from .imported import IMPORTED_ORIGIN

if TYPE_CHECKING:
    from .base import StoreBase

ENTERPRISE, COUNTY, PROVINCE, UNKNOWN = "enterprise", "county", "province", "unknown"


def is_province_code(code: str) -> bool:
    """A 6-digit division code of a province (``350000``)."""
    return len(code) == 6 and code.isdigit() and code.endswith("0000")


@dataclass(frozen=True)
class Home:
    """The derived identity of a database: ``kind``, its division codes (``codes``, one for a
    county or an enterprise's county, the province's own code for a province) and the
    organisations that are this database's own (``own``: local ones, and the county's own)."""

    kind: str
    codes: tuple[str, ...] = ()
    own: frozenset[str] = field(default_factory=frozenset)

    @property
    def code(self) -> str:
        """The division code shown in messages (the first of ``codes``), or ``""``."""
        return self.codes[0] if self.codes else ""

    def covers(self, admin_code: str | None) -> bool:
        """Whether an organisation of ``admin_code`` belongs to this database's division
        (always true for an ``unknown`` database)."""
        if self.kind == UNKNOWN:
            return True
        code = str(admin_code or "")
        for mine in self.codes:
            if code == mine or (is_province_code(mine) and len(code) == 6 and code[:2] == mine[:2]):
                return True
        return False

    def is_own(self, org_id: str) -> bool:
        """Whether ``org_id`` is this database itself (a key for it must never be pinned)."""
        return org_id in self.own


def _column(db: sqlite_utils.Database, sql: str, params: Sequence[object] = ()) -> set[str]:
    return {row[0] for row in db.execute(sql, params).fetchall()}


_CACHE = "_identity_home"  # the store's attribute: (connection, database state, Home)


def _state(conn: sqlite3.Connection) -> tuple[int, int]:
    return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes


def home_of(store: StoreBase) -> Home:
    """The identity of the database (see the module's docstring); reads only."""
    conn = store.db.conn
    if conn.in_transaction:
        return _derived(store)
    state = _state(conn)
    cached: tuple[sqlite3.Connection, tuple[int, int], Home] | None = getattr(store, _CACHE, None)
    if cached is not None and cached[0] is conn and cached[1] == state:
        return cached[2]
    home = _derived(store)
    # the state read before deriving: a commit by another connection meanwhile makes it stale
    # and the next call derives again
    setattr(store, _CACHE, (conn, state, home))
    return home


def _derived(store: StoreBase) -> Home:
    db = store.db
    orgs = {row[0]: (row[1], row[2]) for row in db.execute(
        "SELECT org_id, kind, admin_code FROM organisations").fetchall()}
    # one pass over the records: each organisation with whether it has local or received ones
    pairs = db.execute("SELECT DISTINCT org_id, COALESCE(origin, '') = ? FROM records",
                       [IMPORTED_ORIGIN]).fetchall()
    local = {org for org, imported in pairs if not imported}
    received = {org for org, imported in pairs if imported} | \
        _column(db, "SELECT DISTINCT sender_org_id FROM imported_packages")
    counties = {o for o, (kind, _code) in orgs.items() if kind == "county"}
    units = {o for o, (kind, _code) in orgs.items() if kind != "county"}

    def upper(own: set[str]) -> Home:
        codes = tuple(sorted(orgs[o][1] for o in own))
        kind = PROVINCE if all(is_province_code(c) for c in codes) else COUNTY
        return Home(kind, codes, frozenset(own | local))

    if local & counties:
        return upper(local & counties)
    submissions = db.execute("SELECT 1 FROM imported_packages WHERE kind = 'submission' LIMIT 1").fetchone()
    if submissions and counties - received:
        return upper(counties - received)
    if local & units:
        codes = tuple(sorted({orgs[o][1] for o in local & units}))
        return Home(ENTERPRISE, codes, frozenset(local))
    # an organisation that only arrived in packages is never this database itself: a new
    # database that imported A's first package must still take A's next one
    if counties - received and not units - received:
        return upper(counties - received)
    if units - received and not counties - received:
        mine = units - received
        return Home(ENTERPRISE, tuple(sorted({orgs[o][1] for o in mine})), frozenset(mine))
    return Home(UNKNOWN)


def division_codes(store: StoreBase) -> list[str]:
    """The division codes (``admin_code``) of the organisations inside this database's
    division, sorted: the counties a roll-up may be made for here."""
    home = home_of(store)
    return [code for (code,) in store.db.execute("SELECT DISTINCT admin_code FROM organisations ORDER BY admin_code")
            if home.covers(code)]


__all__ = ["COUNTY", "ENTERPRISE", "PROVINCE", "UNKNOWN", "Home", "division_codes", "home_of",
           "is_province_code"]
