"""Worker functions for the package actions: each calls the headless API and returns a plain
result for the GUI thread (no widgets here; runs on a pool thread with its own ``Store``).

- ``export_task``: ``create_submission_package`` (as ``package create``), plus the organisation's
  latest records that were left out and why (their state);
- ``verify_task``: ``verify_file`` (as ``package verify``), no database;
- ``import_task``: one file at a time, each verified and imported by itself in its own
  transaction (``import_verified``), so one refused file does not stop the others and a
  cancel takes effect between files. A package signed by a changed key is reported with both
  fingerprints; importing it again with ``accept_new_key`` is the officer's explicit choice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ...domain.errors import LowcarbonError
from ...domain.reference import catalog as installed_catalog
from ...packages.create import CreatedPackage, create_submission_package
from ...packages.errors import NothingToPackageError, PackageError, TrustError
from ...packages.importer import ALREADY_IMPORTED, ImportResult, import_verified
from ...packages.verify import VerifiedPackage, verify_file
from ...storage import Store
from ...storage import imported as stored

Progress = Callable[[int, int], bool]

# Outcome of one file of an import
IMPORTED = "imported"
ALREADY = ALREADY_IMPORTED
REFUSED = "refused"
KEY_CHANGED = "key_changed"
CANCELLED = "cancelled"


@dataclass
class ExportOutcome:
    """What ``create_submission_package`` wrote, or why nothing was written."""

    org_id: str
    period: str
    created: CreatedPackage | None
    included: list[dict] = field(default_factory=list)  # list_records rows of the packaged records
    left_out: list[dict] = field(default_factory=list)  # latest revisions not packaged (their state says why)
    nothing: str = ""  # the message when there was nothing to package


def export_task(org_id: str, period: str, folder: Path, operator: str, lang: str):
    def work(store: Store, progress: Progress) -> ExportOutcome:
        progress(0, 0)
        latest = store.list_records(org_id=org_id, period=period or None, latest_only=True)
        try:
            made = create_submission_package(store, org_id, folder, operator=operator,
                                             period=period or None)
        except NothingToPackageError as exc:
            return ExportOutcome(org_id, period, None, left_out=latest, nothing=exc.message(lang))
        ids = set(made.record_ids)
        rows = store.list_records(org_id=org_id, period=period or None)
        included = [r for r in rows if r["record_id"] in ids]
        lineages = {r["lineage_id"] for r in included}
        left_out = [r for r in latest if r["record_id"] not in ids and (
            r["lineage_id"] not in lineages or r["state"] == "draft")]
        return ExportOutcome(org_id, period, made, included, left_out)

    return work


@dataclass
class VerifyOutcome:
    path: Path
    package: VerifiedPackage | None
    error: str = ""


def verify_task(path: Path, lang: str):
    def work(_store: None, progress: Progress) -> VerifyOutcome:
        progress(0, 0)
        try:
            return VerifyOutcome(path, verify_file(path, catalog=installed_catalog()))
        except LowcarbonError as exc:
            return VerifyOutcome(path, None, exc.message(lang))

    return work


def package_record_count(package: VerifiedPackage) -> int:
    """Records (or decisions) in the package, nested enterprise packages included."""
    own = len(package.manifest.records)
    return own + sum(package_record_count(inner) for inner in package.nested)


@dataclass
class FileResult:
    """One file of an import, for the result table."""

    path: Path
    status: str
    kind: str = ""
    sender_org_id: str = ""
    sender_name: str = ""
    fingerprint: str = ""
    previous_fingerprint: str = ""
    records: int | None = None
    message: str = ""  # the reason of a refusal
    result: ImportResult | None = None

    @property
    def file_name(self) -> str:
        return self.path.name


def import_one(store: Store, path: Path, operator: str, lang: str,
               accept_new_key: bool = False) -> FileResult:
    """Verify and import one file in its own transaction; never raises for a refusal."""
    try:
        package = verify_file(path, catalog=store.catalog)  # read in bounded chunks, never whole
    except LowcarbonError as exc:
        return FileResult(path, REFUSED, message=exc.message(lang))
    outcome = FileResult(path, IMPORTED, package.kind, package.sender["org_id"], package.sender["name"],
                         package.fingerprint, records=package_record_count(package))
    try:
        result = import_verified(store, [package], operator, accept_new_key=accept_new_key)[0]
    except TrustError as exc:
        pinned = stored.pinned_key(store.db, outcome.sender_org_id) or {}
        outcome.status = KEY_CHANGED if exc.reason == "key_changed" else REFUSED
        outcome.previous_fingerprint = str(pinned.get("fingerprint") or "")
        outcome.message = exc.message(lang)
        return outcome
    except (PackageError, LowcarbonError) as exc:
        outcome.status, outcome.message = REFUSED, exc.message(lang)
        return outcome
    outcome.status = ALREADY if result.status == ALREADY_IMPORTED else IMPORTED
    outcome.previous_fingerprint = result.previous_fingerprint or ""
    outcome.result = result
    return outcome


def import_task(paths: list[Path], operator: str, lang: str, accept_new_key: bool = False):
    def work(store: Store, progress: Progress) -> list[FileResult]:
        from ...storage.autobackup import BEFORE_PACKAGE_IMPORT, backup_before

        backup_before(store.db, store.path, BEFORE_PACKAGE_IMPORT)  # a copy first (data-safety.md)
        results: list[FileResult] = []
        for position, path in enumerate(paths):
            if not progress(position, len(paths)):
                results.extend(FileResult(p, CANCELLED) for p in paths[position:])
                return results
            results.append(import_one(store, path, operator, lang, accept_new_key))
        progress(len(paths), len(paths))
        return results

    return work


__all__ = ["ALREADY", "CANCELLED", "IMPORTED", "KEY_CHANGED", "REFUSED", "ExportOutcome", "FileResult",
           "VerifyOutcome", "export_task", "import_one", "import_task",
           "package_record_count", "verify_task"]
