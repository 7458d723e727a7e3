"""Rendering a package's record PDFs in worker processes, where that pays.

A record PDF is pure Python (reportlab) and takes 40–120 ms; a package of an enterprise year
has 15. With two or more cores this process and forked helper processes share them: helpers
start in a few milliseconds holding everything this process has loaded (modules, the inputs
``record_pdf.RecordPdfInput``, without pickling them) and take the PDFs one at a time from a
shared counter, the longest first (``job_order``), so no core waits at the end for a long
annual report. This process joins in when the caller asks for the PDFs (``result()``), after
its own work (the package's workbook and index): on two cores one helper and this process keep
both busy, where two workers beside a busy parent made three processes share two cores. Each
PDF is the same bytes whichever process renders it: rendering reads nothing but its input.

Serial, in this process, when parallel work cannot pay or is not safe:

- fewer than ``MIN_JOBS`` PDFs, or one usable core, or no core left idle by other programs
  (a load average over the last minute of the cores − ``IDLE_MARGIN`` or more);
- no ``fork`` start method (Windows; macOS, where forking is unsafe): a spawned worker starts
  a new interpreter and imports reportlab and the font, about the time of several PDFs;
- other Python threads running in this process (the window's workers): a forked child holds
  only the calling thread, and a lock another thread held at the fork would never be released.

A PDF a helper did not deliver (a rendering error, a helper that died) is rendered here after
the others, in the inputs' order, so a real rendering error is raised as itself, as serially,
and a broken helper never loses a PDF. The helpers are waited for when the PDFs are collected
or the ``with`` block is left, also on an error or Ctrl-C (they ignore SIGINT, take no new PDF
and finish the one they render), so no child process is left running or unreaped
(``tests/packages/test_parallel_pdfs.py``).
"""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from .fonts import cjk_font

if TYPE_CHECKING:
    from .record_pdf import RecordPdfInput

MIN_JOBS = 4  # below this, the fork and the copy back cost about what a second core saves
MAX_WORKERS = 4
# workers only while a core is left idle by other programs: on 2 cores shared with other jobs,
# 2 workers gained nothing at a load average of 2.1–2.4 (the whole command 3.26 s → 3.24 s, 6 %
# more CPU: the fork, the workers' cold caches, the copy back) and lost 18 % at 3.3
IDLE_MARGIN = 0.5  # serial from a load average of the cores − 0.5

# the inputs of the batch being rendered and the order they are taken in, inherited by the
# forked helpers (read only there)
_batch: Sequence[RecordPdfInput] = ()
_order: Sequence[int] = ()


def usable_cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_count(jobs: int) -> int:
    """How many processes render ``jobs`` PDFs, this one included (it forks one fewer
    helpers): 0 means serial, in this process."""
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


def job_weight(item: RecordPdfInput) -> int:
    """A rough cost of rendering ``item``: the size of its record (an annual report or an audit
    with many values and their explanations takes twice a monthly report's time)."""
    return len(json.dumps(item.doc, ensure_ascii=False, default=str))


def job_order(inputs: Sequence[RecordPdfInput]) -> list[int]:
    """The inputs' indexes, the heaviest first (ties in their order): the last PDFs taken are
    short, so the processes finish together."""
    weights = [job_weight(item) for item in inputs]
    return sorted(range(len(inputs)), key=lambda i: -weights[i])


def _claim(counter: Any) -> int | None:
    """The index of the next input to render, or ``None`` when every one is taken."""
    with counter.get_lock():
        taken = counter.value
        if taken >= len(_order):
            return None
        counter.value = taken + 1
    return _order[taken]


def _render_claimed(counter: Any, into: dict[int, bytes]) -> None:
    """Render inputs taken from ``counter`` until none is left; one that fails is left out."""
    while (index := _claim(counter)) is not None:
        try:
            into[index] = _batch[index].render()
        except Exception:  # rendered again by the parent, which raises it as itself
            continue


def _helper(counter: Any, conn: Connection) -> None:
    # Ctrl-C reaches the whole process group: the program stops (and waits for its helpers),
    # a helper finishes its PDF quietly instead of printing a traceback of its own
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    done: dict[int, bytes] = {}
    try:
        _render_claimed(counter, done)
        conn.send(done)
    except OSError:  # the parent stopped waiting (an error there): nothing to deliver
        pass
    finally:
        conn.close()


class PendingPdfs:
    """PDFs being rendered in helper processes while the caller does other work (the package's
    workbook and index): ``result()`` renders the rest here and collects them (all here, when
    serial); leaving the ``with`` block stops the helpers taking PDFs and waits for them, also
    on an error or Ctrl-C."""

    def __init__(self, inputs: Sequence[RecordPdfInput], counter: Any = None,
                 helpers: Sequence[tuple[Any, Connection]] = ()) -> None:
        self.inputs, self.counter, self.helpers = inputs, counter, list(helpers)
        self._pdfs: list[bytes] | None = None

    def result(self) -> list[bytes]:
        """The PDFs, in the order of the inputs."""
        if self._pdfs is None:
            done: dict[int, bytes] = {}
            if self.helpers:
                gc.freeze()  # what the workbook left (openpyxl's modules), likewise
                try:
                    _render_claimed(self.counter, done)
                    for _, conn in self.helpers:
                        with contextlib.suppress(EOFError, OSError):  # a helper died: its PDFs are rendered below
                            done.update(conn.recv())
                finally:
                    self.close()
            self._pdfs = [done[i] if i in done else item.render() for i, item in enumerate(self.inputs)]
        return self._pdfs

    def close(self) -> None:
        """Stop the helpers taking PDFs and wait for them to exit (they are reaped)."""
        global _batch, _order
        if not self.helpers:
            return
        with self.counter.get_lock():
            self.counter.value = len(_order)
        for process, conn in self.helpers:
            conn.close()  # a helper still sending gets an error and exits
            process.join()
        self.helpers = []
        _batch, _order = (), ()
        gc.unfreeze()

    def __enter__(self) -> PendingPdfs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start_record_pdfs(inputs: Sequence[RecordPdfInput], workers: int | None = None) -> PendingPdfs:
    """Start rendering the PDFs of ``inputs`` in ``workers`` processes, this one included
    (``None``: ``worker_count``; 0 or 1: serial, when ``result()`` is asked); use it in a
    ``with`` block."""
    global _batch, _order
    count = worker_count(len(inputs)) if workers is None else workers
    if count < 2:
        return PendingPdfs(inputs)
    cjk_font()  # registered before the fork: the helpers inherit it instead of each loading it
    _batch, _order = inputs, job_order(inputs)
    pending = PendingPdfs(inputs)
    # the objects made so far are left out of the cyclic collector while the helpers live: its
    # passes would write to each inherited object and copy its memory page (10,000 page faults,
    # 0.1 s of CPU a package); ``close`` gives them back to it
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        pending.counter = context.Value("i", 0)
        for _ in range(count - 1):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_helper, args=(pending.counter, send), daemon=True)
            try:
                process.start()
            finally:
                send.close()  # the helper's end: its exit is then seen here as the end of the pipe
            pending.helpers.append((process, receive))
    except Exception:  # fewer helpers than asked (none: serial); what they leave is rendered here
        pass
    if not pending.helpers:
        _batch, _order = (), ()
        gc.unfreeze()
    return pending


def render_record_pdfs(inputs: Sequence[RecordPdfInput], workers: int | None = None) -> list[bytes]:
    """The PDFs of ``inputs``, in their order; in ``workers`` processes, this one included
    (``None``: ``worker_count``; 0 or 1: serial)."""
    with start_record_pdfs(inputs, workers) as pending:
        return pending.result()
