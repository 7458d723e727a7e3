"""Storage for submission packages: imported records, imported packages, pinned keys.

The functions take the ``Store`` and never open a transaction of their own; the package
importer holds one transaction around everything it writes, so a package is imported
completely or not at all (its key pins included).

Large contents (a package's original bytes, attachments) are written through SQLite's
incremental blob I/O, one chunk at a time, so importing a 500 MB package never holds it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, BinaryIO

import sqlite_utils

from ..domain.forms import FormDef, get_form
from ..domain.jsontypes import Computed, JsonObject, RecordData
from ..domain.records import content_fingerprint
from . import audit
from .id_chunks import id_chunks
from .ordering import newest_revision_clause
from .record_io import content_rows, read_content
from .rows import DbRow

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

    from .base import StoreBase

IMPORTED_ORIGIN = "package"


# --- records ---------------------------------------------------------------------------
def record_identity(store: StoreBase, record_id: str) -> DbRow | None:
    """``record_id, lineage_id, revision, org_id, form, state, origin, decision_comment,
    reference_data_version`` of a stored record, or ``None``."""
    db = store.db
    cursor = db.conn.execute(
        "SELECT record_id, lineage_id, revision, org_id, form, state, origin, decision_comment,"
        " reference_data_version FROM records WHERE record_id = ?", [record_id])
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row, strict=True)) if row else None


def lineage_revision_owner(store: StoreBase, lineage_id: str, revision: int) -> str | None:
    """The record id holding ``revision`` of ``lineage_id`` here, if any."""
    db = store.db
    row = db.conn.execute("SELECT record_id FROM records WHERE lineage_id = ? AND revision = ?",
                          [lineage_id, revision]).fetchone()
    return row[0] if row else None


def lineage_origin(store: StoreBase, lineage_id: str) -> DbRow | None:
    """Where a lineage stored here came from, read from its oldest revision here, or ``None``
    when none is here: ``org_id``, ``origin``, and for a received revision the package that
    brought it (``sender_org_id``, ``sender_name``, ``fingerprint``, ``package_sha256``). Only
    the lineage's own sender adds revisions, so that package's sender is the one whose package
    first brought the lineage; an oldest revision entered here (``origin`` other than
    ``package``, no sender) makes it this office's own lineage. A revision an office makes of a
    received record leaves the lineage its sender's."""
    db = store.db
    cursor = db.conn.execute(
        "SELECT r.org_id, r.origin, p.sender_org_id, p.sender_name, p.fingerprint, p.sha256 AS package_sha256"
        " FROM records r"
        " LEFT JOIN package_records pr ON pr.record_id = r.record_id AND pr.result = 'added'"
        " LEFT JOIN imported_packages p ON p.sha256 = pr.package_sha256"
        " WHERE r.lineage_id = ? ORDER BY r.revision LIMIT 1", [lineage_id])
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row, strict=True)) if row else None


def lineage_org_ids(store: StoreBase, lineage_id: str) -> list[str]:
    """The organisations the stored revisions of ``lineage_id`` belong to (one, normally)."""
    db = store.db
    return [r[0] for r in db.conn.execute(
        "SELECT DISTINCT org_id FROM records WHERE lineage_id = ? ORDER BY org_id", [lineage_id])]


def stored_content_fingerprint(store: StoreBase, record_id: str) -> str:
    """``domain.records.content_fingerprint`` of a stored record: what it says (values,
    computed values, justifications, ids, revision, period), read straight from its tables."""
    db = store.db
    cursor = db.conn.execute("SELECT * FROM records WHERE record_id = ?", [record_id])
    row = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
    data, computed = read_content(db, get_form(row["form"], row["form_version"]), record_id)
    justifications = [{"rule": r[0], "field": r[1], "text": r[2]} for r in db.conn.execute(
        "SELECT rule, field, text FROM justifications WHERE record_id = ?", [record_id])]
    return content_fingerprint({**row, "data": data, "computed": computed, "justifications": justifications})


def profile_package_times(store: StoreBase, org_id: str, except_sha256: str) -> list[str]:
    """The manifest ``created_at`` of every stored submission package sent by ``org_id`` that
    carried records of its own, so its organisation profile (other than ``except_sha256``)."""
    db = store.db
    return [r[0] for r in db.conn.execute(
        "SELECT p.created_at FROM imported_packages p WHERE p.sender_org_id = ? AND p.sha256 != ?"
        " AND p.kind = 'submission' AND EXISTS (SELECT 1 FROM package_records pr"
        " JOIN records r ON r.record_id = pr.record_id"
        " WHERE pr.package_sha256 = p.sha256 AND r.org_id = p.sender_org_id)", [org_id, except_sha256])]


def older_revision_count(store: StoreBase, lineage_id: str, revision: int) -> int:
    """How many revisions of ``lineage_id`` below ``revision`` are stored here."""
    db = store.db
    count: int = db.conn.execute("SELECT COUNT(*) FROM records WHERE lineage_id = ? AND revision < ?",
                                 [lineage_id, revision]).fetchone()[0]
    return count


def _period_clause(period: str | None, where: list[str], params: list[str]) -> None:
    if period:
        where.append("(period = ? OR period LIKE ?)")
        params.extend([period, f"{period}-%"])


def sendable_record_ids(store: StoreBase, org_id: str, period: str | None) -> list[str]:
    """Per lineage, the newest ``submitted``/``accepted`` revision entered here (not received),
    of ``period`` (a year takes its months too) or of every period."""
    db = store.db
    where, params = ["org_id = ?", "state IN ('submitted', 'accepted')", "origin != ?"], \
        [org_id, IMPORTED_ORIGIN]
    _period_clause(period, where, params)
    rows = db.conn.execute(
        f"SELECT record_id, lineage_id, revision FROM records WHERE {' AND '.join(where)}"
        " ORDER BY period, form, lineage_id, revision", params).fetchall()
    newest: dict[str, tuple[int, str]] = {}
    for record_id, lineage_id, revision in rows:
        if lineage_id not in newest or revision > newest[lineage_id][0]:
            newest[lineage_id] = (revision, record_id)
    return [record_id for _, record_id in newest.values()]


def decided_imported_records(store: StoreBase, org_id: str, period: str | None) -> list[DbRow]:
    """Received records of ``org_id`` that this office accepted or returned (rows of
    ``records``), by period, form and revision."""
    db = store.db
    where, params = ["org_id = ?", "origin = ?", "state IN ('accepted', 'returned')"], \
        [org_id, IMPORTED_ORIGIN]
    _period_clause(period, where, params)
    return list(db.query(f"SELECT * FROM records WHERE {' AND '.join(where)} "
                         "ORDER BY period, form, revision", params))


def decided_received_records(store: StoreBase) -> list[DbRow]:
    """Every record received in a package and decided here (accepted or returned), with its
    organisation's name; newest decision first (what the county's decision packages carry)."""
    db = store.db
    return list(db.query(
        "SELECT r.record_id, r.org_id, o.name AS org_name, r.form, r.form_version, r.period, r.state,"
        " r.decision_comment, r.decided_at FROM records r JOIN organisations o ON o.org_id = r.org_id"
        " WHERE r.origin = ? AND r.state IN ('accepted', 'returned')"
        " ORDER BY r.decided_at DESC, o.name, r.period, r.form", [IMPORTED_ORIGIN]))


def new_records_and_lineages(store: StoreBase, record_ids: Sequence[str], lineage_ids: Sequence[str]) -> bool:
    """True when no record here has one of ``record_ids`` as its id or one of ``lineage_ids``
    as its lineage (a package of new records needs no check of each against what is stored)."""
    db = store.db
    for records, marks in id_chunks(record_ids):
        if db.conn.execute(f"SELECT 1 FROM records WHERE record_id IN ({marks}) LIMIT 1", records).fetchone():
            return False
    for lineages, marks in id_chunks(lineage_ids):
        if db.conn.execute(f"SELECT 1 FROM records WHERE lineage_id IN ({marks}) LIMIT 1", lineages).fetchone():
            return False
    return True


ImportedRecord = tuple[FormDef, JsonObject, RecordData, Computed]  # form, record file, entered, computed


def insert_imported_records(store: StoreBase, records: Sequence[ImportedRecord], *, operator: str,
                            package_sha256: str, at: str) -> None:
    """Store received records as ``submitted`` with their original ids, values,
    justifications and audit log (each record's sender's entries first, then one entry for
    the import), each statement run once for all of them."""
    db = store.db
    record_rows: list[tuple[object, ...]] = []
    justifications: list[tuple[object, ...]] = []
    audit_rows: list[tuple[object, ...]] = []
    content: dict[str, list[Sequence[object]]] = {}
    for form, doc, data, computed in records:
        record_id, org_id = doc["record_id"], doc["org_id"]
        record_rows.append(
            (record_id, doc["lineage_id"], doc["revision"], doc["previous_record_id"], form.id, form.version,
             org_id, doc["period"], doc["reference_data_version"], IMPORTED_ORIGIN, doc["created_at"] or at, at,
             doc["submitted_at"] or at, doc["operator"]))
        for sql, rows in content_rows(form, record_id, data, computed):
            content.setdefault(sql, []).extend(rows)
        justifications.extend((record_id, j["rule"], j["field"], j["text"], j["operator"], j["created_at"])
                              for j in doc["justifications"])
        audit_rows.extend((e["at"], e["operator"], record_id, org_id, e["action"], e["field_path"],
                           e["old_value"], e["new_value"]) for e in doc["audit_log"])
        audit_rows.extend(audit.entry_rows(operator=operator, action="record.import", record_id=record_id,
                                           org_id=org_id, at=at, changes=[("state", doc["state"], "submitted"),
                                                                          ("package_sha256", None, package_sha256)]))
    db.conn.executemany(
        "INSERT INTO records (record_id, lineage_id, revision, previous_record_id, form, form_version,"
        " org_id, period, state, decision_comment, reference_data_version, origin, created_at,"
        " updated_at, submitted_at, decided_at, operator)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'submitted', NULL, ?, ?, ?, ?, ?, NULL, ?)", record_rows)
    for sql, rows in content.items():
        db.conn.executemany(sql, rows)
    db.conn.executemany(
        "INSERT INTO justifications (record_id, rule, field, text, operator, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)", justifications)
    db.conn.executemany(
        "INSERT INTO audit_log (at, operator, record_id, org_id, action, field_path, old_value, new_value)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", audit_rows)


def insert_imported_record(store: StoreBase, form: FormDef, doc: JsonObject, data: RecordData,
                           computed: Computed, *, operator: str, package_sha256: str, at: str) -> None:
    """Store one received record (``insert_imported_records``)."""
    insert_imported_records(store, [(form, doc, data, computed)], operator=operator,
                            package_sha256=package_sha256, at=at)


def received_org_ids(store: StoreBase) -> set[str]:
    """The organisations that sent something here: of a received record, or the sender of an
    imported package (``identity.home_of``'s *received*)."""
    db = store.db
    return {row[0] for row in db.conn.execute(
        "SELECT DISTINCT org_id FROM records WHERE origin = ?"
        " UNION SELECT DISTINCT sender_org_id FROM imported_packages", [IMPORTED_ORIGIN])}


def has_submission_package(store: StoreBase) -> bool:
    """Whether a submission package was imported here."""
    db = store.db
    return db.conn.execute("SELECT 1 FROM imported_packages WHERE kind = 'submission' LIMIT 1").fetchone() is not None


# --- packages --------------------------------------------------------------------------
def imported_package(store: StoreBase, sha256: str) -> DbRow | None:
    """The stored row (without the content) of an imported package, or ``None``."""
    db = store.db
    cursor = db.conn.execute(
        "SELECT sha256, file_name, kind, sender_org_id, sender_name, sender_operator, fingerprint,"
        " created_at, imported_at, operator, parent_sha256, size FROM imported_packages WHERE sha256 = ?",
        [sha256])
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row, strict=True)) if row else None


PACKAGE_COLUMNS = ("sha256", "file_name", "kind", "sender_org_id", "sender_name", "sender_operator",
                   "public_key", "fingerprint", "created_at", "imported_at", "operator", "parent_sha256",
                   "size")


def _write_blob(db: sqlite_utils.Database, table: str, rowid: int, size: int,
                chunks: Iterable[bytes | memoryview]) -> None:
    written = 0
    with db.conn.blobopen(table, "content", rowid) as blob:
        for chunk in chunks:
            if written + len(chunk) > size:
                raise ValueError(f"more than the {size} bytes announced for {table}")
            blob.write(chunk)
            written += len(chunk)
    if written != size:
        raise ValueError(f"{written} bytes instead of the {size} announced for {table}")


def add_imported_package(store: StoreBase, row: DbRow, content: bytes | Iterable[bytes | memoryview]) -> None:
    """Keep an imported package with its original bytes (to forward it unchanged); ``content``
    may be the bytes or chunks of them adding up to ``row["size"]`` (written without holding
    them all). A large package goes into a file beside the database (``package_files``), in
    the caller's transaction: synced before it commits, removed if it rolls back."""
    db = store.db
    if not db.conn.in_transaction:
        with store.transaction():
            add_imported_package(store, row, content)
        return
    files = store.package_files
    if files.keeps(row["size"]):
        name = files.write(row["sha256"], row["size"], [content] if isinstance(content, bytes) else content)
        db.conn.execute(f"INSERT INTO imported_packages ({', '.join([*PACKAGE_COLUMNS, 'content', 'content_file'])})"
                        f" VALUES ({', '.join(['?'] * len(PACKAGE_COLUMNS))}, x'', ?)",
                        [*(row[c] for c in PACKAGE_COLUMNS), name])
        return
    names = ", ".join([*PACKAGE_COLUMNS, "content"])
    values = ", ".join(["?"] * len(PACKAGE_COLUMNS) + ["?" if isinstance(content, bytes) else "zeroblob(?)"])
    cursor = db.conn.execute(f"INSERT INTO imported_packages ({names}) VALUES ({values})",
                             [*(row[c] for c in PACKAGE_COLUMNS),
                              content if isinstance(content, bytes) else row["size"]])
    if not isinstance(content, bytes):
        assert cursor.lastrowid is not None  # the row just inserted
        _write_blob(db, "imported_packages", cursor.lastrowid, row["size"], content)


def add_attachment_blob(store: StoreBase, sha256: str, size: int,
                        chunks: Callable[[], Iterable[bytes]]) -> bool:
    """Store an attachment's content unless it is already here; ``chunks`` is called only when
    it is new. True when it was added."""
    db = store.db
    cursor = db.conn.execute("INSERT OR IGNORE INTO attachment_blobs (sha256, size, content) VALUES (?, ?, zeroblob(?))",
                             [sha256, size, size])
    if cursor.rowcount != 1:
        return False
    assert cursor.lastrowid is not None  # the row just inserted
    _write_blob(db, "attachment_blobs", cursor.lastrowid, size, chunks())
    return True


def packages_sent_at(store: StoreBase, sender_org_id: str, created_at: str) -> list[DbRow]:
    """Imported packages of one sender made at one moment (manifest ``created_at``): the
    candidates for "the same package again" when the file's bytes differ."""
    db = store.db
    return list(db.query("SELECT sha256, imported_at, size FROM imported_packages"
                         " WHERE sender_org_id = ? AND created_at = ? ORDER BY imported_at", [sender_org_id, created_at]))


@contextmanager
def package_blob(store: StoreBase, sha256: str) -> Iterator[BinaryIO | sqlite3.Blob]:
    """An imported package's original bytes, opened read-only as a file-like object (its file
    beside the database, or the blob in it); ``KeyError`` when it is not stored."""
    db = store.db
    row = db.conn.execute("SELECT rowid, content_file FROM imported_packages WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        raise KeyError(sha256)
    if row[1] is not None:
        with store.package_files.open(row[1]) as handle:
            yield handle
        return
    with db.conn.blobopen("imported_packages", "content", row[0], readonly=True) as blob:
        yield blob


def add_package_record(store: StoreBase, package_sha256: str, record_id: str, revision: int,
                       state: str, result: str) -> None:
    """Note that ``record_id`` came in (or was decided) through the package."""
    add_package_records(store, package_sha256, [(record_id, revision, state, result)])


def add_package_records(store: StoreBase, package_sha256: str, rows: Sequence[tuple[str, int, str, str]]) -> None:
    """``add_package_record`` for each ``(record_id, revision, state, result)``, in one statement."""
    db = store.db
    db.conn.executemany(
        "INSERT INTO package_records (package_sha256, record_id, revision, state, result) VALUES (?, ?, ?, ?, ?)",
        [(package_sha256, *row) for row in rows])


CHUNK = 1 << 20


def _blob_chunks(db: sqlite_utils.Database, table: str, rowid: int, chunk: int) -> Iterator[bytes]:
    with db.conn.blobopen(table, "content", rowid, readonly=True) as blob:
        while piece := blob.read(chunk):
            yield piece


def _content_chunks(db: sqlite_utils.Database, table: str, sha256: str, chunk: int) -> Iterator[bytes] | None:
    row = db.conn.execute(f"SELECT rowid FROM {table} WHERE sha256 = ?", [sha256]).fetchone()
    return None if row is None else _blob_chunks(db, table, row[0], chunk)


def package_chunks(store: StoreBase, sha256: str, chunk: int = CHUNK) -> Iterator[bytes] | None:
    """The original bytes of an imported package, ``chunk`` bytes at a time (incremental blob
    I/O or its file, never the whole package), or ``None`` when it is not stored. The blob or
    file is opened at the first chunk and closed after the last, or when the iterator is
    closed."""
    db = store.db
    row = db.conn.execute("SELECT rowid, content_file FROM imported_packages WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        return None
    if row[1] is None:
        return _blob_chunks(db, "imported_packages", row[0], chunk)
    return store.package_files.chunks(row[1], chunk)


def attachment_chunks(store: StoreBase, sha256: str, chunk: int = CHUNK) -> Iterator[bytes] | None:
    """A stored attachment's bytes, ``chunk`` bytes at a time, or ``None`` when it is not
    stored (as ``package_chunks``)."""
    db = store.db
    return _content_chunks(db, "attachment_blobs", sha256, chunk)


NOT_ACCEPTED = "not_accepted"
SUPERSEDED = "superseded"
DUPLICATE = "duplicate"

_COUNTY_PACKAGES_SQL = """
SELECT p.sha256, p.sender_org_id, p.sender_name, p.file_name, p.created_at,
       r.record_id, r.state, r.period, r.revision, pr.result,
       (SELECT MAX(n.revision) FROM records n WHERE n.lineage_id = r.lineage_id) AS latest
FROM imported_packages p JOIN organisations o ON o.org_id = p.sender_org_id
JOIN package_records pr ON pr.package_sha256 = p.sha256
JOIN records r ON r.record_id = pr.record_id
WHERE p.kind = 'submission' AND p.parent_sha256 IS NULL AND o.admin_code = ? AND p.sender_org_id != ?
ORDER BY p.sha256, r.record_id
"""


def _county_packages(db: sqlite_utils.Database, county: str, period: str | None) -> tuple[list[DbRow], dict[str, str]]:
    """The candidate packages (each with ``needed``: its accepted latest revisions) and, per
    record, the package that first brought it (its ``added`` row)."""
    packages: dict[str, DbRow] = {}
    brought: dict[str, str] = {}
    for row in db.query(_COUNTY_PACKAGES_SQL, [county, county]):
        package = packages.setdefault(row["sha256"], {
            "sha256": row["sha256"], "sender_org_id": row["sender_org_id"], "sender_name": row["sender_name"],
            "file_name": row["file_name"], "created_at": row["created_at"], "records": 0, "accepted": 0,
            "open": 0, "periods": [], "needed": set(), "in_period": period is None})
        current = row["revision"] == row["latest"]
        package["records"] += 1
        package["accepted"] += row["state"] == "accepted"
        if row["result"] == "added":
            brought[row["record_id"]] = row["sha256"]
        if current and row["state"] == "accepted":
            package["needed"].add(row["record_id"])
        elif current:
            package["open"] += 1
        if row["period"] is not None and row["period"] not in package["periods"]:
            package["periods"].append(row["period"])
        if period is not None and (row["period"] == period or str(row["period"]).startswith(f"{period}-")):
            package["in_period"] = True
    return [p for p in packages.values() if p.pop("in_period")], brought


def accepted_packages_of_county(store: StoreBase, county: str, period: str | None,
                                order: Callable[[str | None], SupportsRichComparison] | None = None,
                                ) -> tuple[list[DbRow], list[DbRow]]:
    """The top-level submission packages from organisations of ``county`` (and period) to
    forward unchanged, and those left out, each with ``reason``:

    - ``not_accepted``: a record that is the latest revision here is not accepted (yet);
      ``open`` counts them;
    - ``superseded``: none of its records is an accepted latest revision;
    - ``duplicate``: the forwarded packages (``covered_by``, file names) already carry every
      accepted latest revision it holds.

    Every accepted latest revision travels in exactly one forwarded package, chosen so: first
    the packages that alone carry one of them; then, for a revision not yet carried, the package
    that first brought it (the one the officer reviewed); only when that one is held back
    (``not_accepted``), the newest other package carrying it (per organisation by manifest
    ``created_at``; ``order`` turns that text into a sort key). A package carrying a revision
    again holds the same content (the import refuses other content under the same revision).
    Rows keep ``records`` and ``accepted`` (counts); both lists come per organisation, oldest
    first.
    """
    db = store.db
    order = order or (lambda text: text or "")
    candidates, brought = _county_packages(db, county, period)
    rows = sorted(candidates, key=lambda p: (p["sender_org_id"], order(p["created_at"]), p["sha256"]))
    for package in rows:
        package["periods"].sort()
    ready = [p for p in rows if not p["open"] and p["needed"]]
    carried_by: dict[str, list[DbRow]] = {}
    for package in ready:
        for record_id in package["needed"]:
            carried_by.setdefault(record_id, []).append(package)
    carrier: dict[str, DbRow] = {}  # record id -> the forwarded package that carries it

    def take(package: DbRow) -> None:
        for record_id in package["needed"]:
            carrier.setdefault(record_id, package)

    for record_id in sorted(carried_by):  # a package that alone carries a revision
        if len(carried_by[record_id]) == 1:
            take(carried_by[record_id][0])
    for package in rows:
        for record_id in sorted(package["needed"] - set(carrier)):
            if record_id in carrier:  # taken with an earlier revision's package
                continue
            holders = carried_by.get(record_id, [])
            first = [p for p in holders if p["sha256"] == brought.get(record_id)]
            if holders:
                take(first[0] if first else holders[-1])  # the first one, else the newest
    forwarded = {p["sha256"] for p in carrier.values()}
    forward, left_out = [], []
    for package in rows:
        needed = package.pop("needed")
        if package["sha256"] in forwarded:
            forward.append(package)
        elif package["open"]:
            left_out.append({**package, "reason": NOT_ACCEPTED})
        elif not needed:
            left_out.append({**package, "reason": SUPERSEDED})
        else:
            left_out.append({**package, "reason": DUPLICATE,
                             "covered_by": sorted({carrier[r]["file_name"] for r in needed})})
    return forward, left_out


def log_package_import(store: StoreBase, *, operator: str, sender_org_id: str, sha256: str, kind: str,
                       file_name: str, at: str) -> None:
    """The audit log's entry for a package imported (written last, inside the import's transaction)."""
    audit.log(store.db, operator=operator, action="package.import", org_id=sender_org_id, at=at,
              changes=[("package_sha256", None, sha256), ("kind", None, kind), ("file_name", None, file_name)])


# --- keys ------------------------------------------------------------------------------
def pinned_key(store: StoreBase, org_id: str) -> DbRow | None:
    """The key pinned for ``org_id`` (trust on first use), or ``None``."""
    db = store.db
    cursor = db.conn.execute("SELECT * FROM pinned_keys WHERE org_id = ?", [org_id])
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row, strict=True)) if row else None


def pin_key(store: StoreBase, org_id: str, public_key: str, fingerprint: str, *,
            operator: str, package_sha256: str, at: str, how: str) -> None:
    """Pin (``how='first_use'``) or replace (``how='accepted'``) an organisation's key, logged."""
    db = store.db
    old = pinned_key(store, org_id)
    db.conn.execute(
        "INSERT OR REPLACE INTO pinned_keys (org_id, public_key, fingerprint, first_seen, first_package_sha256,"
        " accepted_by, accepted_at, how) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [org_id, public_key, fingerprint, old["first_seen"] if old else at, package_sha256, operator, at, how])
    audit.log(db, operator=operator, action="key.pin" if how == "first_use" else "key.accept_new",
              org_id=org_id, at=at,
              changes=[("fingerprint", old["fingerprint"] if old else None, fingerprint),
                       ("package_sha256", None, package_sha256)])


_REVIEW_QUEUE_SQL = """
SELECT r.record_id, r.form, r.form_version, r.org_id, o.name AS org_name, r.period, r.revision,
       r.submitted_at, p.file_name AS package_file, p.imported_at, p.fingerprint
FROM records r
JOIN organisations o ON o.org_id = r.org_id
LEFT JOIN package_records pr ON pr.record_id = r.record_id AND pr.result = 'added'
LEFT JOIN imported_packages p ON p.sha256 = pr.package_sha256
WHERE r.state = 'submitted' AND r.origin = ?
  AND {newest}
ORDER BY p.imported_at, o.name, r.period, r.form
""".format(newest=newest_revision_clause("r"))


def review_queue(store: StoreBase) -> list[DbRow]:
    """Received records awaiting the upper level's decision, with the package each came in
    (not a superseded revision: only the newest revision of a lineage can be decided)."""
    db = store.db
    return list(db.query(_REVIEW_QUEUE_SQL, [IMPORTED_ORIGIN]))
