"""Rendering a package's record PDFs in worker processes, where that pays.

A record PDF is pure Python (reportlab) and takes 50–150 ms; a package of an enterprise year
has 15. With two or more cores they are rendered by forked worker processes, which start in a
few milliseconds holding everything the parent has loaded (modules, the registered font) and
get the prepared inputs (``record_pdf.RecordPdfInput``) without pickling
them. Each PDF is the same bytes whichever process renders it: rendering reads nothing but
its input.

Serial, in this process, when parallel work cannot pay or is not safe:

- fewer than ``MIN_JOBS`` PDFs, or one usable core, or no core left idle by other programs
  (a load average over the last minute of the cores − ``IDLE_MARGIN`` or more);
- no ``fork`` start method (Windows; macOS, where forking is unsafe): a spawned worker starts
  a new interpreter and imports reportlab and the font, about the time of several PDFs;
- other Python threads running in this process (the window's workers): a forked child holds
  only the calling thread, and a lock another thread held at the fork would never be released;
- a worker that fails in any way: the whole batch is then rendered again here, so a real
  rendering error is raised as itself and a broken pool never loses a PDF.

``start_record_pdfs`` returns while the workers render, so that the caller can make the
package's workbook meanwhile. The pool is shut down and its workers waited for when the PDFs
are collected or the ``with`` block is left, also on an error or Ctrl-C (the workers ignore
SIGINT and finish their PDF), so no child process is left running or unreaped (``tests/packages/test_parallel_pdfs.py``).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from .fonts import cjk_font

if TYPE_CHECKING:
    from .record_pdf import RecordPdfInput

MIN_JOBS = 4  # below this, the fork and the copy back cost about what a second core saves
MAX_WORKERS = 4
# workers only while a core is left idle by other programs: on 2 cores shared with other jobs,
# 2 workers gained nothing at a load average of 2.1–2.4 (the whole command 3.26 s → 3.24 s, 6 %
# more CPU: the fork, the workers' cold caches, the copy back) and lost 18 % at 3.3
IDLE_MARGIN = 0.5  # serial from a load average of the cores − 0.5

# the inputs of the batch being rendered, inherited by the forked workers (read only there)
_batch: Sequence[RecordPdfInput] = ()


def usable_cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_count(jobs: int) -> int:
    """How many worker processes render ``jobs`` PDFs: 0 means serial, in this process."""
    if jobs < MIN_JOBS or not sys.platform.startswith("linux"):
        return 0
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 0
    if load_average() >= usable_cores() - IDLE_MARGIN:
        return 0
    cores = min(usable_cores(), MAX_WORKERS, jobs)
    return cores if cores >= 2 else 0


def load_average() -> float:
    """The machine's load average over the last minute (0 where the system has none)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the program stops (and shuts the pool down),
    # a worker finishes its PDF quietly instead of printing a traceback of its own
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _render(index: int) -> bytes:
    return _batch[index].render()


def _serial(inputs: Sequence[RecordPdfInput]) -> list[bytes]:
    return [item.render() for item in inputs]


class PendingPdfs:
    """PDFs being rendered in worker processes while the caller does other work (the package's
    workbook): ``result()`` waits for them (or renders them here, when serial or when a worker
    failed); leaving the ``with`` block shuts the pool down and waits for its workers, also on
    an error or Ctrl-C."""

    def __init__(self, inputs: Sequence[RecordPdfInput], pool: ProcessPoolExecutor | None = None,
                 results: Iterator[bytes] | None = None) -> None:
        self.inputs, self.pool, self.results = inputs, pool, results

    def result(self) -> list[bytes]:
        """The PDFs, in the order of the inputs."""
        pdfs: list[bytes] | None = None
        if self.results is not None:
            try:
                pdfs = list(self.results)
            except Exception:  # a worker failed or died: render here (a real error is raised as itself)
                pdfs = None
            finally:
                self.close()
        return pdfs if pdfs is not None else _serial(self.inputs)

    def close(self) -> None:
        """Shut the pool down, waiting for its workers to exit (they are reaped)."""
        global _batch
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool, self.results = None, None
            _batch = ()

    def __enter__(self) -> PendingPdfs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start_record_pdfs(inputs: Sequence[RecordPdfInput], workers: int | None = None) -> PendingPdfs:
    """Start rendering the PDFs of ``inputs`` in ``workers`` processes (``None``:
    ``worker_count``; 0 or 1: serial, when ``result()`` is asked); use it in a ``with`` block."""
    global _batch
    count = worker_count(len(inputs)) if workers is None else workers
    if count < 2:
        return PendingPdfs(inputs)
    cjk_font()  # registered before the fork: the workers inherit it instead of each loading it
    _batch = inputs
    pool = None
    try:
        pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_ignore_interrupts)
        # one PDF at a time: the annual report with its appendix takes several monthly ones' time;
        # submitting forks every worker now
        return PendingPdfs(inputs, pool, pool.map(_render, range(len(inputs)), chunksize=1))
    except Exception:  # no pool: serial
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        _batch = ()
        return PendingPdfs(inputs)


def render_record_pdfs(inputs: Sequence[RecordPdfInput], workers: int | None = None) -> list[bytes]:
    """The PDFs of ``inputs``, in their order; in ``workers`` processes (``None``:
    ``worker_count``; 0 or 1: serial)."""
    with start_record_pdfs(inputs, workers) as pending:
        return pending.result()
