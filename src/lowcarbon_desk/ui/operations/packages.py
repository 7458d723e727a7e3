"""The package actions' operation functions: export, verify, import (``package create``,
``package verify``, ``package import``).

Each ``*_op`` returns ``fn(store, progress)`` for an ``Operation`` and touches no widget; the
plain results (``ExportOutcome``, ``VerifyOutcome``, ``FileResult``) are in
``submissions.tasks``. A cancel is honoured at the progress calls: an export stops before its
file is written (between the records it renders); an import stops between files, each file
being verified and imported by itself in its own transaction.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ...domain.errors import LowcarbonError
from ...packages.create import create_submission_package, default_renderers, sendable_record_ids
from ...packages.errors import NothingToPackageError
from ...storage import Store
from ..submissions.tasks import (
    CANCELLED,
    IMPORTED,
    ExportOutcome,
    FileResult,
    VerifyOutcome,
    import_one,
    package_results,
)
from .base import Changes, Done, Progress, TaskCancelled, go_on


# --- export ----------------------------------------------------------------------------------
def export_package_op(org_id: str, period: str, folder: Path, operator: str, lang: str):
    """The organisation's submission package written into ``folder``, and what was left out;
    a cancel while the records' PDFs are rendered writes no file."""

    def work(store: Store, progress: Progress) -> Done[ExportOutcome]:
        go_on(progress, 0, 0)
        latest = store.list_records(org_id=org_id, period=period or None, latest_only=True)
        total = len(sendable_record_ids(store, org_id, period or None)) + 2
        rendered = [0]

        def step() -> None:
            rendered[0] += 1
            go_on(progress, rendered[0], total)

        standard = default_renderers()

        def record_pdf(s: Store, record_id: str) -> bytes:
            step()
            return standard.record_pdf(s, record_id)

        def workbook(s: Store, record_ids: list[str]) -> bytes:
            step()
            return standard.workbook(s, record_ids)

        def rollup(s: Store, org: str, year: int) -> tuple[bytes, bytes]:
            step()
            return standard.rollup(s, org, year)

        renderers = replace(standard, record_pdf=record_pdf, workbook=workbook, rollup=rollup)
        try:
            made = create_submission_package(store, org_id, folder, operator=operator,
                                             period=period or None, renderers=renderers)
        except NothingToPackageError as exc:
            return Done(ExportOutcome(org_id, period, None, left_out=latest, nothing=exc.message(lang)))
        ids = set(made.record_ids)
        rows = store.list_records(org_id=org_id, period=period or None)
        included = [r for r in rows if r["record_id"] in ids]
        lineages = {r["lineage_id"] for r in included}
        left_out = [r for r in latest if r["record_id"] not in ids and (
            r["lineage_id"] not in lineages or r["state"] == "draft")]
        written = tuple(part.path for part in made.parts) or (made.path,)  # a county's package may have parts
        return Done(ExportOutcome(org_id, period, made, included, left_out), Changes(packages=written))

    return work


# --- verify ----------------------------------------------------------------------------------
def verify_package_op(path: Path, lang: str):
    """Check a package file (no database); a refusal is a result, not a failure."""

    def work(_store: None, progress: Progress) -> Done[VerifyOutcome]:
        from ...domain.reference import catalog as installed_catalog
        from ...packages.verify import verify_file

        go_on(progress, 0, 0)
        try:
            outcome = VerifyOutcome(path, verify_file(path, catalog=installed_catalog()))
        except LowcarbonError as exc:
            outcome = VerifyOutcome(path, None, exc.message(lang))
        go_on(progress, 1, 1)  # cancelled meanwhile: the officer no longer waits for the answer
        return Done(outcome)

    return work


# --- import ----------------------------------------------------------------------------------
def import_files(store: Store, paths: list[Path], operator: str, lang: str, progress: Progress,
                 accept_new_key: bool = False, accept_foreign: bool = False) -> list[FileResult]:
    """Verify and import ``paths`` one by one after a backup copy; a cancel marks the files not
    yet begun as cancelled (those done stay imported)."""
    from ...storage.autobackup import BEFORE_PACKAGE_IMPORT, backup_before

    backup_before(store.db, store.path, BEFORE_PACKAGE_IMPORT)  # a copy first (data-safety.md)
    results: list[FileResult] = []
    for position, path in enumerate(paths):
        if not progress(position, len(paths)):
            results.extend(FileResult(p, CANCELLED) for p in paths[position:])
            return results
        results.append(import_one(store, path, operator, lang, accept_new_key, accept_foreign))
    progress(len(paths), len(paths))
    return results


def import_packages_op(paths: list[Path], operator: str, lang: str, accept_new_key: bool = False,
                       accept_foreign: bool = False):
    """``import_files`` as an operation: the results, and what they changed."""

    def work(store: Store, progress: Progress) -> Done[list[FileResult]]:
        results = import_files(store, paths, operator, lang, progress, accept_new_key, accept_foreign)
        return Done(results, import_changes(results))

    return work


def import_changes(results: list[FileResult]) -> Changes:
    """What an import run changed: records added or decided, organisations, pinned keys."""
    records: list[str] = []
    orgs: list[str] = []
    keys = False
    for row in results:
        if row.status != IMPORTED or row.result is None:
            continue
        for one in package_results(row.result):
            records += one.added + [record_id for record_id, _state in one.decided]
            orgs += one.orgs_created + one.orgs_updated
            keys = keys or one.key_status in ("first_use", "accepted_new")
    return Changes(records=tuple(dict.fromkeys(records)), orgs=tuple(dict.fromkeys(orgs)), keys=keys)


__all__ = ["TaskCancelled", "export_package_op", "import_changes", "import_files", "import_packages_op",
           "verify_package_op"]
