"""The county office's operation functions: roll-up, blank template, decision packages.

Each ``*_op`` returns ``fn(store, progress)`` for an ``Operation``; it runs on a worker with its
own ``Store``, touches no widget, and calls the same headless writers as the command line
(``export rollup``, ``export xlsx`` without records, ``package create --decisions``). A cancel
is honoured at the progress calls and leaves no file: every output is written to its
temporary first and renamed only when all of them are complete.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ...domain.periods import common_period
from ...fileio import atomic_output
from ...storage import Store
from ...storage.imported import decided_received_records
from .base import Changes, Done, Progress, TaskCancelled

if TYPE_CHECKING:
    from ...packages.create import CreatedPackage

# reportlab, openpyxl and the package writer are imported by the work that needs them, on its
# worker: the window builds its county menu without them (a quarter of a second at start)

R = TypeVar("R")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name_part(text: str) -> str:
    """``text`` usable in a file name on every system (separators and reserved characters become -)."""
    return _UNSAFE.sub("-", str(text)).strip(" .-") or "-"


def _go_on(progress: Progress, done: int, total: int) -> None:
    if not progress(done, total):
        raise TaskCancelled()


# --- roll-up ---------------------------------------------------------------------------------
@dataclass
class RollupWritten:
    """The roll-up files written and what they hold."""

    year: int
    admin_code: str
    county_name: str
    organisations: int
    missing: int
    paths: list[Path] = field(default_factory=list)


def write_rollup_files(progress: Progress, build: Callable[[], R], pdf_bytes: Callable[[R], bytes],
                       write_xlsx: Callable[[R, Path], object], pdf: Path | None, xlsx: Path | None) -> R:
    """Build a roll-up and write it as PDF and/or workbook: each file to its temporary, all
    renamed into place only after the last chance to cancel. Returns the roll-up."""
    steps = 2 + (pdf is not None) + (xlsx is not None)
    _go_on(progress, 0, steps)
    rollup = build()
    _go_on(progress, 1, steps)
    content = pdf_bytes(rollup) if pdf is not None else b""
    _go_on(progress, 2, steps)
    with ExitStack() as outputs:
        if pdf is not None:
            outputs.enter_context(atomic_output(pdf)).write_bytes(content)
            _go_on(progress, 3, steps)
        if xlsx is not None:
            write_xlsx(rollup, outputs.enter_context(atomic_output(xlsx)))
        # the last chance to cancel: after this line both files are renamed into place
        _go_on(progress, steps, steps)
    return rollup


def rollup_op(year: int, county: str | None, pdf: Path | None, xlsx: Path | None):
    """The county roll-up of ``year`` as PDF and/or workbook (``export rollup``), both or neither."""
    targets = [p for p in (pdf, xlsx) if p is not None]

    def work(store: Store, progress: Progress) -> Done[RollupWritten]:
        from ...reports.rollup_data import county_rollup
        from ...reports.rollup_pdf import rollup_pdf_bytes
        from ...reports.rollup_xlsx import write_rollup_xlsx

        rollup = write_rollup_files(progress, lambda: county_rollup(store, year, county), rollup_pdf_bytes,
                                    write_rollup_xlsx, pdf, xlsx)
        written = RollupWritten(rollup.year, rollup.admin_code, rollup.county_name, len(rollup.rows),
                                len(rollup.missing), targets)
        return Done(written, Changes(files=tuple(targets)))

    return work


# --- blank template --------------------------------------------------------------------------
def template_op(path: Path):
    """The empty standard workbook of every record form (``export xlsx`` with no records)."""

    def work(store: Store, progress: Progress) -> Done[Path]:
        from ...reports.workbook import export_workbook

        _go_on(progress, 0, 1)
        with atomic_output(path) as temp:
            export_workbook(store, temp, record_ids=[])
            _go_on(progress, 1, 1)
        return Done(path, Changes(files=(path,)))

    return work


# --- decision packages -----------------------------------------------------------------------
def decided_records(store: Store) -> list[dict]:
    """Records received in packages and decided here (accepted or returned), newest decision first."""
    return decided_received_records(store)


def decided_records_op():
    """Read the decided records on a worker (the decision-package dialog's list)."""

    def work(store: Store, progress: Progress) -> Done[list[dict]]:
        progress(0, 0)
        return Done(decided_records(store))

    return work


def decision_packages_op(record_ids: list[str], folder: Path, operator: str):
    """One signed decision package per enterprise for the chosen decided records, written into
    ``folder`` (``package create ORG --decisions``). A cancel between enterprises removes the
    packages this run already wrote (their names are new: they carry the time they were made)."""

    def work(store: Store, progress: Progress) -> Done[list[CreatedPackage]]:
        from ...packages.create import create_decision_package

        by_org: dict[str, list[str]] = {}
        periods: dict[str, str | None] = {}
        for row in decided_records(store):
            if row["record_id"] in set(record_ids):
                by_org.setdefault(row["org_id"], []).append(row["record_id"])
                periods[row["record_id"]] = row["period"]
        made: list[CreatedPackage] = []
        try:
            for position, (org_id, ids) in enumerate(sorted(by_org.items())):
                _go_on(progress, position, len(by_org))
                made.append(create_decision_package(  # named by the records' period, not "all"
                    store, org_id, folder, operator=operator, record_ids=ids,
                    period=common_period([periods[i] for i in ids])))
            _go_on(progress, len(by_org), len(by_org))
        except BaseException:
            for package in made:
                package.path.unlink(missing_ok=True)
            raise
        return Done(made, Changes(packages=tuple(m.path for m in made)))

    return work
