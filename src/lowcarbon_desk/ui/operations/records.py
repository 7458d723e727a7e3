"""The record files' operation functions: a record's PDF, the list's workbook, a workbook import.

Each ``*_op`` returns ``fn(store, progress)`` for an ``Operation``; it runs on a worker with its
own ``Store``, touches no widget, and calls the same headless code as the command line
(``export pdf``, ``export xlsx``, ``import xlsx``). A cancel is honoured at the progress calls
and leaves nothing half-done: an output file is renamed into place only after the last
cancel point, and an import is written in one transaction that a cancel rolls back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...fileio import atomic_output
from ...storage import Store
from .base import Changes, Done, Progress, go_on

if TYPE_CHECKING:  # openpyxl loads only when a workbook is read
    from ...reports.xlsx_import import ImportResult


# --- one record's PDF ------------------------------------------------------------------------
def record_pdf_op(record_id: str, path: Path, explain: str | None = None):
    """The standard PDF of ``record_id`` written to ``path`` (``export pdf``); with ``explain``
    ("zh"/"en") the appendix 计算说明 in that language (``export pdf --explain``)."""

    def work(store: Store, progress: Progress) -> Done[Path]:
        from ...reports.record_pdf import record_pdf

        go_on(progress, 0, 2)
        content = record_pdf(store, record_id, explain)
        go_on(progress, 1, 2)
        with atomic_output(path) as temp:
            temp.write_bytes(content)
            go_on(progress, 2, 2)  # the last chance to cancel: the file is renamed after this
        return Done(path, Changes(files=(path,)))

    return work


# --- the list's workbook ---------------------------------------------------------------------
@dataclass(frozen=True)
class WorkbookWritten:
    """The workbook written and how many records it holds."""

    path: Path
    records: int


def records_workbook_op(record_ids: list[str], path: Path):
    """The standard workbook of ``record_ids`` (``export xlsx --record …``); with no ids, the
    blank template of every record form."""

    def work(store: Store, progress: Progress) -> Done[WorkbookWritten]:
        from ...reports.workbook import write_workbook

        total = len(record_ids) + 1
        docs = []
        for position, record_id in enumerate(record_ids):
            go_on(progress, position, total)
            docs.append(store.get_record(record_id))
        orgs = {o["org_id"]: o for o in store.list_orgs()}
        with atomic_output(path) as temp:
            write_workbook(docs, orgs, temp, store.reference_for)
            go_on(progress, total, total)
        return Done(WorkbookWritten(path, len(docs)), Changes(files=(path,)))

    return work


# --- importing a workbook --------------------------------------------------------------------
def workbook_import_op(path: Path, operator: str):
    """Import a filled standard workbook (``import xlsx``): all rows or none, after a backup copy
    of the database. A cancel before the end rolls the whole import back."""

    def work(store: Store, progress: Progress) -> Done[ImportResult]:
        from ...reports.xlsx_import import import_workbook
        from ...storage.autobackup import BEFORE_WORKBOOK_IMPORT, backup_before

        go_on(progress, 0, 3)
        backup_before(store.db, store.path, BEFORE_WORKBOOK_IMPORT)  # a copy first (data-safety.md)
        go_on(progress, 1, 3)
        with store.transaction():
            result = import_workbook(store, path, operator)
            go_on(progress, 3, 3)  # raising here rolls back every row of the import
        return Done(result, import_changes(result))

    return work


def import_changes(result: ImportResult) -> Changes:
    """What a workbook import changed: the records added or updated, and organisations."""
    return Changes(records=tuple(result.added + result.updated), orgs=tuple(result.orgs_added))
