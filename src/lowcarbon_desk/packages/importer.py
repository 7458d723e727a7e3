"""Importing packages at the upper level (and decisions at the enterprise).

Verify first, then write: a package (with every package it nests) is verified completely
before anything is written; then everything is written in one transaction, the key pins
last, so a refusal at any point leaves the database unchanged and pins nothing. (The command
line and the window call this once per file, so each file is all or nothing.) A county
package's nested enterprise packages are imported oldest first (manifest ``created_at``, as
``verify`` returns them), so trust on first use pins the key the enterprise used first and a
later key change is met, in order, as a change.

- The same package a second time changes nothing and says so: the same file (SHA-256), or
  the same content in another file (a re-zipped copy: same sender, same ``created_at``, the
  same ``manifest.json`` byte for byte, which lists the SHA-256 of every member).
- Trust on first use: the first key seen for an organisation is pinned; a package signed by
  another key is refused, showing both fingerprints, until an officer accepts the new key
  explicitly (``accept_new_key``), which is written to the audit log. The trust decisions for
  the whole package are taken before anything is written; the pins are written after
  everything else, in the same transaction.
- Received records arrive ``submitted`` with their original ids, revision, values,
  justifications and audit log; a newer revision supersedes the older one, which stays.
- Organisations are created or updated from the profiles in the record files.
- The original package bytes are kept, so a county can forward accepted packages unchanged;
  they, and attachments, are copied from the file in chunks and their hashes checked again
  while copying (a file changed after verification is refused, nothing written).
- A decision package moves the enterprise's own records to ``accepted`` / ``returned``.
- Who may send what (``jurisdiction``): a package from outside this database's division is
  refused unless the officer accepts it (``accept_foreign``); a decision package only decides
  this database's own, locally entered records, never comes from this database itself, and
  pins a county's key only at an enterprise database on its own county's first decision.
"""

from __future__ import annotations

import hashlib
from collections.abc import Generator, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path

from ..domain.errors import LowcarbonError
from ..domain.reference import ReferenceCatalog
from ..storage import Store, audit
from ..storage import imported as stored
from ..storage.identity import UNKNOWN, Home
from .archive import CHUNK, PackageArchive
from .commit_groups import DEFAULT_GROUPS, CommitGroup, GroupLimits
from .deciders import may_decide
from .errors import ImportConflictError, PackageError, TrustError
from .import_home import HomeTracker
from .jurisdiction import check_package, check_submission
from .keys import encode_public_key, fingerprint
from .layout import KIND_DECISION, MANIFEST
from .limits import DEFAULT_LIMITS, PackageLimits
from .lineage import check_lineage, check_same_content, profile_is_newer
from .recordfile import SubmittedRecord
from .source import BytesSource
from .targets_member import import_targets
from .verify import VerifiedPackage
from .verify_ahead import Item, verified_or_refused, verified_packages

ALREADY_IMPORTED = "already_imported"
BATCH = 200  # records written at once: a package's, or a large one's in parts of this many
IMPORTED = "imported"


@dataclass
class ImportResult:
    """What one package did to the database."""

    label: str
    sha256: str
    kind: str
    sender_org_id: str
    sender_name: str
    fingerprint: str
    status: str
    key_status: str = ""
    previous_fingerprint: str | None = None
    imported_at: str | None = None
    added: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    superseding: list[str] = field(default_factory=list)
    decided: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    orgs_created: list[str] = field(default_factory=list)
    orgs_updated: list[str] = field(default_factory=list)
    nested: list[ImportResult] = field(default_factory=list)


@dataclass
class _Pin:
    """A key to pin once everything else is written."""

    org_id: str
    public_key: str
    fingerprint: str
    package_sha256: str
    how: str


def _conflict(reason: str, label: str, zh: str, en: str, subject: str) -> ImportConflictError:
    return ImportConflictError(reason, f"{label}：{zh}；未做任何改动", f"{label}: {en}; nothing was changed",
                               subject=subject)


class _Importer:
    def __init__(self, store: Store, operator: str, accept_new_key: bool, accept_foreign: bool = False):
        self.store = store
        self.operator = operator
        self.accept_new_key = accept_new_key
        self.accept_foreign = accept_foreign
        self.home = Home(UNKNOWN)
        self.homes = HomeTracker(store)

    def run(self, package: VerifiedPackage) -> ImportResult:
        """Import one verified package (and what it nests): decide, write, then pin."""
        pins: list[_Pin] = []
        results: dict[str, ImportResult] = {}
        self.home = self.homes.current()  # read again only when a package written may change it
        self._plan(package, pins, results, {}, top=True)
        result = self._write(package, results, parent=None)
        self.homes.written([result])
        at = result.imported_at
        for pin in pins:
            stored.pin_key(self.store, pin.org_id, pin.public_key, pin.fingerprint, operator=self.operator,
                           package_sha256=pin.package_sha256, at=at or audit.now_iso(), how=pin.how)
        return result

    # --- deciding (reads only) ---------------------------------------------------------------
    def _plan(self, package: VerifiedPackage, pins: list[_Pin], results: dict[str, ImportResult],
              keys: dict[str, tuple[str, str]], top: bool = False) -> None:
        """Whether each package of the tree is new, who may send it (``jurisdiction``), and
        the trust decision for each new one; raises before anything is written."""
        result = ImportResult(package.label, package.sha256, package.kind, package.sender["org_id"],
                              package.sender["name"], package.fingerprint, IMPORTED)
        results[package.sha256] = result
        existing = self._already(package)
        if existing is not None:
            result.status = ALREADY_IMPORTED
            result.imported_at = existing["imported_at"]
            return
        if top:
            check_package(self.store, package, self.home, self.accept_foreign)
        else:  # nested: in the forwarding county's division (verify), but never this database itself
            check_submission(package, self.home, accept_foreign=True)
        self._trust(package, result, pins, keys)
        for inner in package.nested:
            self._plan(inner, pins, results, keys)

    def _already(self, package: VerifiedPackage) -> dict | None:
        """The stored package with the same file, or with the same content in another file."""
        existing = stored.imported_package(self.store, package.sha256)
        if existing is not None:
            return existing
        for row in stored.packages_sent_at(self.store, package.sender["org_id"], package.manifest.raw["created_at"]):
            if self._stored_manifest_sha256(row["sha256"], row["size"], package) == package.manifest_sha256:
                return stored.imported_package(self.store, row["sha256"])
        return None

    def _stored_manifest_sha256(self, sha256: str, size: int, package: VerifiedPackage) -> str | None:
        limits = package.limits
        try:
            with stored.package_blob(self.store, sha256) as blob:
                archive = PackageArchive(blob, size, sha256, limits)
                if MANIFEST not in archive.members:
                    return None
                content = archive.read_small(MANIFEST, limits.max_manifest_bytes, "清单", "the manifest")
        except PackageError:  # a stored package this version would refuse is not the same content
            return None
        return hashlib.sha256(content).hexdigest()

    def _trust(self, package: VerifiedPackage, result: ImportResult, pins: list[_Pin],
               keys: dict[str, tuple[str, str]]) -> None:
        org_id = package.sender["org_id"]
        encoded = encode_public_key(package.public_key)
        if org_id in keys:  # decided earlier in this same package (a nested one)
            current: tuple[str, str] | None = keys[org_id]
        else:
            pinned = stored.pinned_key(self.store, org_id)
            current = (pinned["public_key"], pinned["fingerprint"]) if pinned else None
        if current is not None and current[0] == encoded:
            result.key_status = "known"
            return
        if current is not None and not self.accept_new_key:
            raise TrustError(
                "key_changed",
                f"{package.label}：单位 {org_id} 的数据包由另一把密钥签名，已拒绝（已登记的密钥指纹 {current[1]}，"
                f"本数据包的密钥指纹 {package.fingerprint}）。请与对方电话核对新指纹；确认对方确实更换了密钥"
                "（如重装电脑）后，用 package import 文件 --accept-new-key 接受新密钥。未做任何改动",
                f"{package.label}: the package of {org_id} is signed by a different key; refused (pinned key "
                f"fingerprint {current[1]}, this package's fingerprint {package.fingerprint}). Check the new "
                "fingerprint with the sender by phone; once sure they changed keys (e.g. a reinstalled computer), "
                "accept it with package import FILE --accept-new-key. Nothing was changed",
                subject=org_id)
        result.key_status = "first_use" if current is None else "accepted_new"
        result.previous_fingerprint = current[1] if current else None
        keys[org_id] = (encoded, package.fingerprint)
        pins.append(_Pin(org_id, encoded, fingerprint(package.public_key), package.sha256,
                         "first_use" if current is None else "accepted"))

    # --- writing -----------------------------------------------------------------------------
    def _write(self, package: VerifiedPackage, results: dict[str, ImportResult], parent: str | None) -> ImportResult:
        result = results[package.sha256]
        if result.status == ALREADY_IMPORTED:
            return result
        at = audit.now_iso()
        result.imported_at = at
        stored.add_imported_package(self.store, {
            "sha256": package.sha256, "file_name": package.label.rsplit(" › ", 1)[-1],
            "kind": package.kind, "sender_org_id": package.sender["org_id"],
            "sender_name": package.sender["name"], "sender_operator": package.sender["operator"],
            "public_key": encode_public_key(package.public_key), "fingerprint": package.fingerprint,
            "created_at": package.manifest.raw["created_at"], "imported_at": at, "operator": self.operator,
            "parent_sha256": parent, "size": package.size},
            # bytes in memory are the ones verified; a file is hashed again while it is copied
            _memory_chunks(package.source.content) if isinstance(package.source, BytesSource)
            else package.content_chunks())
        if package.kind == KIND_DECISION:
            self._decisions(package, result)
        else:
            result.nested = [self._write(inner, results, package.sha256) for inner in package.nested]
            self._organisations(package, result)
            # every record kept from verifying and no attachment: nothing to read again
            needed = package.attachments or any(r.submitted is None for r in package.records)
            with package.reopen() if needed else nullcontext() as archive:
                self._records(package, archive, result, at)
            import_targets(self.store, package.targets, package.sender["org_id"], self.operator)
        stored.log_package_import(self.store, operator=self.operator, sender_org_id=package.sender["org_id"],
                                  sha256=package.sha256, kind=package.kind, file_name=package.label, at=at)
        return result

    def _organisations(self, package: VerifiedPackage, result: ImportResult) -> None:
        profiles = {r.org["org_id"]: r.org for r in package.records}
        for org_id, profile in profiles.items():
            current = self.store.get_org(org_id)
            if current is None:
                self.store.add_orgs([profile], self.operator)
                result.orgs_created.append(org_id)
                continue
            if not profile_is_newer(self.store, org_id, package):
                continue  # an older package of the sender never rolls its profile back
            changes = {k: v for k, v in profile.items() if current.get(k) != v}
            if changes:
                self.store.update_org(org_id, changes, self.operator)
                result.orgs_updated.append(org_id)

    def _records(self, package: VerifiedPackage, archive: PackageArchive | None, result: ImportResult,
                 at: str) -> None:
        for digest, attached in package.attachments.items():
            assert archive is not None, "a package with attachments is read again"
            stored.add_attachment_blob(self.store, digest, attached.size,
                                       partial(package.listed_chunks, archive, attached.member))
        records = package.submitted_records(archive)
        while batch := list(islice(records, BATCH)):
            if not self._new_batch(package, batch, result, at):
                for record in batch:
                    self._record(package, record, result, at)

    def _new_batch(self, package: VerifiedPackage, batch: list[SubmittedRecord], result: ImportResult,
                   at: str) -> bool:
        """Write ``batch`` at once when every record is new here, each of a lineage of its own
        not stored here either: nothing stored to compare them with, so each record's checks
        (``_record``) would pass. False, writing nothing, otherwise."""
        docs = [record.doc for record in batch]
        lineages = [doc["lineage_id"] for doc in docs]
        if len(set(lineages)) != len(lineages) or not stored.new_records_and_lineages(
                self.store, [doc["record_id"] for doc in docs], lineages):
            return False
        stored.insert_imported_records(
            self.store, [(r.form, r.doc, r.evaluation.data, r.doc["computed"]) for r in batch],
            operator=self.operator, package_sha256=package.sha256, at=at)
        stored.add_package_records(self.store, package.sha256,
                                   [(doc["record_id"], doc["revision"], doc["state"], "added") for doc in docs])
        result.added.extend(doc["record_id"] for doc in docs)
        return True

    def _record(self, package: VerifiedPackage, record: SubmittedRecord, result: ImportResult, at: str) -> None:
        """One record checked against what is stored (same revision again, a lineage's new
        revision), then written."""
        doc = record.doc
        record_id = doc["record_id"]
        local = stored.record_identity(self.store, record_id)
        if local is not None:
            if (local["lineage_id"], local["revision"], local["org_id"]) != (
                    doc["lineage_id"], doc["revision"], doc["org_id"]):
                raise _conflict("record_conflict", package.label,
                                f"记录 {record_id} 在本库中已存在，但版本或单位不同",
                                f"record {record_id} already exists here with another revision or organisation",
                                record_id)
            check_same_content(self.store, package, doc)
            stored.add_package_record(self.store, package.sha256, record_id, doc["revision"], doc["state"], "present")
            result.present.append(record_id)
            return
        check_lineage(self.store, package, doc)
        owner = stored.lineage_revision_owner(self.store, doc["lineage_id"], doc["revision"])
        if owner is not None:
            raise _conflict("revision_conflict", package.label,
                            f"记录 {record_id} 的第 {doc['revision']} 版在本库中已是另一条记录 {owner}",
                            f"revision {doc['revision']} of record {record_id} is already another record here ({owner})",
                            record_id)
        older = stored.older_revision_count(self.store, doc["lineage_id"], doc["revision"])
        stored.insert_imported_record(self.store, record.form, doc, record.evaluation.data, doc["computed"],
                                      operator=self.operator, package_sha256=package.sha256, at=at)
        stored.add_package_record(self.store, package.sha256, record_id, doc["revision"], doc["state"], "added")
        result.added.append(record_id)
        if older:
            result.superseding.append(record_id)

    def _decisions(self, package: VerifiedPackage, result: ImportResult) -> None:
        sender = package.sender
        for decision in package.decisions:
            local = stored.record_identity(self.store, decision.record_id)
            if local is None:
                raise _conflict("decision_unknown_record", package.label,
                                f"审核结论针对的记录 {decision.record_id} 在本库中不存在",
                                f"the decision is about record {decision.record_id}, which is not in this database",
                                decision.record_id)
            if (local["lineage_id"], local["revision"]) != (decision.lineage_id, decision.revision):
                raise _conflict("record_conflict", package.label,
                                f"审核结论针对的记录 {decision.record_id} 版本不符",
                                f"the decision on record {decision.record_id} names another revision",
                                decision.record_id)
            org = self.store.get_org(local["org_id"]) or {}
            if not may_decide(sender["org_id"], org):
                raise _conflict("decision_sender", package.label,
                                f"记录 {decision.record_id} 的单位属于 {org.get('admin_code')}，不归发送方 {sender['org_id']} 审核",
                                f"record {decision.record_id} belongs to county {org.get('admin_code')}, not to the sender {sender['org_id']}",
                                decision.record_id)
            if local["state"] == decision.state and (local["decision_comment"] or None) == decision.comment:
                stored.add_package_record(self.store, package.sha256, decision.record_id, decision.revision,
                                          decision.state, "unchanged")
                result.unchanged.append(decision.record_id)
                continue
            if local["state"] != "submitted":
                raise _conflict("decision_state", package.label,
                                f"记录 {decision.record_id} 当前为 {local['state']}，不能再改为 {decision.state}",
                                f"record {decision.record_id} is {local['state']} and cannot become {decision.state}",
                                decision.record_id)
            # the county decided this revision when it was its newest; the enterprise may have
            # revised it since, and the decision still belongs to this revision
            self.store.decide(decision.record_id, decision.state, f"{sender['operator']} ({sender['org_id']})",
                              decision.comment, allow_superseded=True, check_figures=False)
            stored.add_package_record(self.store, package.sha256, decision.record_id, decision.revision,
                                      decision.state, "decided")
            result.decided.append((decision.record_id, decision.state))


def _memory_chunks(content: bytes) -> Iterator[memoryview]:
    """``content`` in 1 MiB views (SQLite's blob I/O copies them; a bound parameter would be one more copy)."""
    view = memoryview(content)
    for start in range(0, len(view), CHUNK):
        yield view[start:start + CHUNK]


def import_verified(store: Store, packages: Sequence[VerifiedPackage], operator: str, *,
                    accept_new_key: bool = False, accept_foreign: bool = False) -> list[ImportResult]:
    """Import packages that already passed verification, all in one transaction;
    ``accept_foreign``: the officer confirmed packages from outside this database's division."""
    importer = _Importer(store, operator, accept_new_key, accept_foreign)
    with store.transaction():
        return [importer.run(package) for package in packages]


def import_packages(store: Store, sources: Sequence[Path | str | bytes], operator: str, *,
                    accept_new_key: bool = False, accept_foreign: bool = False,
                    limits: PackageLimits = DEFAULT_LIMITS,
                    catalog: ReferenceCatalog | None = None,
                    verify_workers: int | None = None) -> list[ImportResult]:
    """Verify and import every package, all or none; returns one result per package.

    One transaction holds the whole call; each package is verified completely, then imported,
    in turn. A file is read in bounded chunks, never held whole. Where a second core is idle
    the next packages are verified in a worker process while this one writes
    (``verify_ahead``; ``verify_workers``: ``None`` decides, 0 never, 1 always).
    """
    importer = _Importer(store, operator, accept_new_key, accept_foreign)
    store.remove_unnamed_package_files()  # what a killed import left
    results = []
    with store.transaction(), verified_packages(sources, limits, catalog or store.catalog,
                                                verify_workers) as packages:
        for package in packages:
            results.append(importer.run(package))
    return results


def import_each(store: Store, sources: Sequence[Item], operator: str, *,
                accept_new_key: bool = False, accept_foreign: bool = False,
                limits: PackageLimits = DEFAULT_LIMITS, catalog: ReferenceCatalog | None = None,
                verify_workers: int | None = None, groups: GroupLimits = DEFAULT_GROUPS,
                ) -> Generator[tuple[Item, ImportResult | LowcarbonError], None, None]:
    """Verify and import each package on its own (``package import FILE…``): each all or
    nothing in a savepoint of its own, a refused one leaving the others to go on; yields each
    source with its result or the refusal that names it, in order, once the group of files it
    belongs to is committed (``commit_groups``). The next packages are verified ahead in a
    worker process as for ``import_packages`` (a refusal there waits for its turn)."""
    importer = _Importer(store, operator, accept_new_key, accept_foreign)
    store.remove_unnamed_package_files()  # what a killed import left
    # the worker is forked before the checkpoints' thread starts (a fork copies no thread)
    with verified_or_refused(sources, limits, catalog or store.catalog, verify_workers) as packages, \
            store.bulk_writes() as log:
        pairs = zip(sources, packages, strict=True)
        finished = False
        while not finished:
            done: list[tuple[Item, ImportResult | LowcarbonError]] = []
            group = CommitGroup(groups)
            finished = True
            with store.transaction():
                for source, package in pairs:
                    done.append((source, _one_of_many(importer, package)))
                    if group.add(package.size if isinstance(package, VerifiedPackage) else 0):
                        finished = False
                        break
            log.after_commit()
            yield from done


def _one_of_many(importer: _Importer, package: VerifiedPackage | LowcarbonError) -> ImportResult | LowcarbonError:
    """One package of ``import_each``, in a savepoint: its result, or the refusal that left
    nothing of it behind."""
    if isinstance(package, LowcarbonError):
        return package
    try:
        with importer.store.transaction():
            return importer.run(package)
    except LowcarbonError as refusal:
        # rolled back: what the import noted of the database's identity may be gone too
        importer.homes = HomeTracker(importer.store)
        return refusal


def import_package(store: Store, source: Path | str | bytes, operator: str, *,
                   accept_new_key: bool = False, accept_foreign: bool = False,
                   limits: PackageLimits = DEFAULT_LIMITS,
                   catalog: ReferenceCatalog | None = None) -> ImportResult:
    """Verify and import one package (all or nothing)."""
    return import_packages(store, [source], operator, accept_new_key=accept_new_key,
                           accept_foreign=accept_foreign, limits=limits, catalog=catalog)[0]
