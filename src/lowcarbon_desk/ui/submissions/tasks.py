"""The plain results of the package actions, for the GUI thread (no widgets here).

- ``ExportOutcome``: what ``create_submission_package`` wrote (as ``package create``), plus the
  organisation's latest records that were left out and why (their state);
- ``VerifyOutcome``: what ``verify_file`` found (as ``package verify``);
- ``FileResult``: one file of an import; ``import_one`` verifies and imports one file by
  itself in its own transaction (``import_verified``), so one refused file does not stop the
  others. A package signed by a changed key is reported with both fingerprints; importing it
  again with ``accept_new_key`` is the officer's explicit choice. A package from outside this
  database's division is reported ``foreign`` with both division codes; importing it again with
  ``accept_foreign`` is the officer's explicit choice too.

The operation functions that produce them are in ``operations.packages``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...domain.errors import LowcarbonError
from ...packages.create import CreatedPackage
from ...packages.errors import PackageError, TrustError
from ...packages.importer import ALREADY_IMPORTED, ImportResult, import_verified
from ...packages.jurisdiction import FOREIGN_DIVISION, sender_division
from ...packages.verify import VerifiedPackage, verify_file
from ...storage import Store
from ...storage import imported as stored
from ...storage.identity import home_of

# Outcome of one file of an import
IMPORTED = "imported"
ALREADY = ALREADY_IMPORTED
REFUSED = "refused"
KEY_CHANGED = "key_changed"
CANCELLED = "cancelled"
FOREIGN = "foreign"


@dataclass
class ExportOutcome:
    """What ``create_submission_package`` wrote, or why nothing was written."""

    org_id: str
    period: str
    created: CreatedPackage | None
    included: list[dict] = field(default_factory=list)  # list_records rows of the packaged records
    left_out: list[dict] = field(default_factory=list)  # latest revisions not packaged (their state says why)
    nothing: str = ""  # the message when there was nothing to package


@dataclass
class VerifyOutcome:
    path: Path
    package: VerifiedPackage | None
    error: str = ""


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
    sender_division: str = ""  # of a foreign package: the sender's division and this database's
    home_division: str = ""

    @property
    def file_name(self) -> str:
        return self.path.name


def import_one(store: Store, path: Path, operator: str, lang: str,
               accept_new_key: bool = False, accept_foreign: bool = False) -> FileResult:
    """Verify and import one file in its own transaction; never raises for a refusal."""
    try:
        package = verify_file(path, catalog=store.catalog)  # read in bounded chunks, never whole
    except LowcarbonError as exc:
        return FileResult(path, REFUSED, message=exc.message(lang))
    outcome = FileResult(path, IMPORTED, package.kind, package.sender["org_id"], package.sender["name"],
                         package.fingerprint, records=package_record_count(package))
    try:
        result = import_verified(store, [package], operator, accept_new_key=accept_new_key,
                                 accept_foreign=accept_foreign)[0]
    except TrustError as exc:
        pinned = stored.pinned_key(store, outcome.sender_org_id) or {}
        outcome.status = KEY_CHANGED if exc.reason == "key_changed" else REFUSED
        outcome.previous_fingerprint = str(pinned.get("fingerprint") or "")
        outcome.message = exc.message(lang)
        return outcome
    except (PackageError, LowcarbonError) as exc:
        outcome.status, outcome.message = REFUSED, exc.message(lang)
        if getattr(exc, "reason", "") == FOREIGN_DIVISION:
            outcome.status = FOREIGN
            outcome.sender_division = sender_division(package)
            outcome.home_division = home_of(store).code
        return outcome
    outcome.status = ALREADY if result.status == ALREADY_IMPORTED else IMPORTED
    outcome.previous_fingerprint = result.previous_fingerprint or ""
    outcome.result = result
    return outcome


def package_results(result: ImportResult) -> list[ImportResult]:
    """A package's import result and those of the packages nested in it."""
    out = [result]
    for inner in result.nested:
        out.extend(package_results(inner))
    return out


@dataclass(frozen=True)
class PinnedKey:
    """A sender's key registered on first use: what the officer reads out to the sender."""

    sender_org_id: str
    sender_name: str
    fingerprint: str
    file_name: str


def first_use_keys(rows: list[FileResult]) -> list[PinnedKey]:
    """The keys an import run registered for senders seen for the first time (nested packages
    included), once per sender."""
    pinned: dict[str, PinnedKey] = {}
    for row in rows:
        if row.status != IMPORTED or row.result is None:
            continue
        for one in package_results(row.result):
            if one.key_status == "first_use" and one.sender_org_id not in pinned:
                pinned[one.sender_org_id] = PinnedKey(one.sender_org_id, one.sender_name, one.fingerprint,
                                                      row.file_name)
    return list(pinned.values())


__all__ = ["ALREADY", "CANCELLED", "FOREIGN", "IMPORTED", "KEY_CHANGED", "REFUSED", "ExportOutcome", "FileResult",
           "PinnedKey", "VerifyOutcome", "first_use_keys", "import_one", "package_record_count",
           "package_results"]
