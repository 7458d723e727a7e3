"""A package's record PDFs rendered in worker processes (``reports.pdf_pool``): the same bytes
as one at a time, no child process left behind, serial where a fork is not safe, and a
rendering error raised as itself (issue 22)."""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from lowcarbon_desk.domain.errors import InputError
from lowcarbon_desk.packages import create
from lowcarbon_desk.packages.create import Renderers, create_submission_package, default_renderers
from lowcarbon_desk.reports import pdf_pool
from lowcarbon_desk.reports.record_pdf import record_pdf_input

from .offices import Office, no_children

WHEN = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes are forked (Linux)")


def _ids(office: Office) -> list[str]:
    return [r["record_id"] for r in office.store.list_records() if r["state"] in ("submitted", "accepted")]


def test_parallel_pdfs_are_the_serial_bytes_and_leave_no_child(enterprise: Office) -> None:
    inputs = [record_pdf_input(enterprise.store, r, "zh") for r in _ids(enterprise)[:5]]
    serial = pdf_pool.render_record_pdfs(inputs, workers=0)
    parallel = pdf_pool.render_record_pdfs(inputs, workers=2)
    assert parallel == serial
    assert len(set(serial)) == len(serial)  # each record its own PDF, in the inputs' order
    assert no_children()


def test_package_made_in_parallel_is_the_serial_package(enterprise: Office, tmp_path, monkeypatch) -> None:
    org_id = enterprise.store.list_orgs(kind="enterprise")[0]["org_id"]
    standard = default_renderers()
    one_by_one = Renderers(record_pdf=lambda store, record_id: standard.record_pdf(store, record_id),
                           workbook=standard.workbook)  # no ``many``: one PDF at a time
    monkeypatch.setattr(pdf_pool, "worker_count", lambda jobs: 2)
    together = create_submission_package(enterprise.store, org_id, tmp_path / "together.lcpkg", operator="填报员",
                                         period="2025", key=enterprise.key, now=WHEN)
    alone = create_submission_package(enterprise.store, org_id, tmp_path / "alone.lcpkg", operator="填报员",
                                      period="2025", key=enterprise.key, now=WHEN, renderers=one_by_one)
    assert len(together.record_ids) >= pdf_pool.MIN_JOBS
    assert together.path.read_bytes() == alone.path.read_bytes()
    assert no_children()


def test_a_rendering_error_is_raised_as_itself(enterprise: Office) -> None:
    inputs = [record_pdf_input(enterprise.store, r) for r in _ids(enterprise)[:3]]
    broken = inputs[1].doc | {"form": "no_such_form"}
    inputs[1] = type(inputs[1])(broken, inputs[1].org, inputs[1].ref)
    with pytest.raises(InputError) as serial:
        pdf_pool.render_record_pdfs(inputs, workers=0)
    with pytest.raises(InputError) as parallel:
        pdf_pool.render_record_pdfs(inputs, workers=2)
    assert parallel.value.message("en") == serial.value.message("en")
    assert no_children()


def test_serial_with_few_pdfs_busy_cores_or_other_threads_running(monkeypatch) -> None:
    monkeypatch.setattr(pdf_pool, "usable_cores", lambda: 2)
    monkeypatch.setattr(pdf_pool, "load_average", lambda: 0.3)
    assert pdf_pool.worker_count(pdf_pool.MIN_JOBS) == (2 if sys.platform.startswith("linux") else 0)
    assert pdf_pool.worker_count(pdf_pool.MIN_JOBS - 1) == 0
    monkeypatch.setattr(pdf_pool, "load_average", lambda: 1.6)  # no core left idle by other programs
    assert pdf_pool.worker_count(15) == 0
    monkeypatch.setattr(pdf_pool, "load_average", lambda: 0.3)
    monkeypatch.setattr(pdf_pool, "usable_cores", lambda: 1)
    assert pdf_pool.worker_count(15) == 0
    monkeypatch.setattr(pdf_pool, "usable_cores", lambda: 2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert pdf_pool.worker_count(15) == 0  # a fork copies only this thread: its locks could stay held
    finally:
        stop.set()
        other.join()


def test_the_workbook_is_made_while_the_workers_render(enterprise: Office, tmp_path, monkeypatch) -> None:
    """``package create`` makes the workbook in this process while the forked workers render the
    PDFs, and leaves no worker behind, also when the workbook fails."""
    org_id = enterprise.store.list_orgs(kind="enterprise")[0]["org_id"]
    standard = default_renderers()
    workers_seen: list[int] = []

    def workbook(store, record_ids):
        workers_seen.append(len(multiprocessing.active_children()))
        return standard.workbook(store, record_ids)

    monkeypatch.setattr(pdf_pool, "worker_count", lambda jobs: 2)
    made = create_submission_package(enterprise.store, org_id, tmp_path / "p.lcpkg", operator="填报员", period="2025",
                                     key=enterprise.key, now=WHEN,
                                     renderers=Renderers(record_pdf=standard.record_pdf, workbook=workbook))
    assert workers_seen == [1]  # one helper beside this process, which renders too when the workbook is made
    assert made.path.exists() and no_children()

    def failing(store, record_ids):
        raise InputError("工作簿失败", "workbook failed")

    with pytest.raises(InputError):
        create_submission_package(enterprise.store, org_id, tmp_path / "q.lcpkg", operator="填报员", period="2025",
                                  key=enterprise.key, now=WHEN,
                                  renderers=Renderers(record_pdf=standard.record_pdf, workbook=failing))
    assert not (tmp_path / "q.lcpkg").exists() and no_children()


@dataclass(frozen=True)
class _Logged:
    """A stand-in input for the pool's scheduling: writes which process renders it into ``log``."""

    index: int
    doc: dict
    log: Path
    die_in_helper_of: int = 0  # the parent's pid: a helper rendering this exits at once
    seconds: float = 0.03

    def render(self) -> bytes:
        if self.die_in_helper_of and os.getpid() != self.die_in_helper_of:
            os._exit(3)
        with self.log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {self.index} {gc.get_freeze_count()}\n")
        time.sleep(self.seconds)
        return f"pdf {self.index}".encode()


def test_the_heaviest_pdfs_are_taken_first() -> None:
    sizes = [10, 300, 20, 300, 5000]
    inputs = [_Logged(i, {"values": "x" * n}, Path("unused")) for i, n in enumerate(sizes)]
    assert pdf_pool.job_order(inputs) == [4, 1, 3, 2, 0]  # ties in the inputs' order


def test_this_process_renders_beside_one_helper(tmp_path) -> None:
    log = tmp_path / "who.txt"
    inputs = [_Logged(i, {"values": "x" * (i % 3)}, log) for i in range(8)]
    with pdf_pool.start_record_pdfs(inputs, workers=2) as pending:
        assert len(multiprocessing.active_children()) == 1
        pdfs = pending.result()
    assert pdfs == [f"pdf {i}".encode() for i in range(8)]
    renderers = {line.split()[0] for line in log.read_text().splitlines()}
    assert len(renderers) == 2 and str(os.getpid()) in renderers
    assert sorted(int(line.split()[1]) for line in log.read_text().splitlines()) == list(range(8))
    # the collector leaves the inherited objects alone while the helper lives (no copied pages), then has them back
    assert all(int(line.split()[2]) > 0 for line in log.read_text().splitlines())
    assert gc.get_freeze_count() == 0 and no_children()


def test_a_helper_that_dies_loses_no_pdf(tmp_path) -> None:
    log = tmp_path / "who.txt"
    inputs = [_Logged(i, {}, log, die_in_helper_of=os.getpid(), seconds=0.0) for i in range(6)]
    assert pdf_pool.render_record_pdfs(inputs, workers=2) == [f"pdf {i}".encode() for i in range(6)]
    assert {line.split()[0] for line in log.read_text().splitlines()} == {str(os.getpid())}
    assert no_children()


def test_the_index_is_made_while_the_helper_renders(enterprise: Office, tmp_path, monkeypatch) -> None:
    """An enterprise's 目录.pdf is made while the helper renders the record PDFs, not after."""
    org_id = enterprise.store.list_orgs(kind="enterprise")[0]["org_id"]
    seen: list[int] = []
    made_index = create.index_members

    def index_members(index):
        seen.append(len(multiprocessing.active_children()))
        return made_index(index)

    monkeypatch.setattr(pdf_pool, "worker_count", lambda jobs: 2)
    monkeypatch.setattr(create, "index_members", index_members)
    create_submission_package(enterprise.store, org_id, tmp_path / "p.lcpkg", operator="填报员", period="2025",
                              key=enterprise.key, now=WHEN)
    assert seen == [1] and no_children()
