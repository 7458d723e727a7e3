"""Verifying the next packages of an import in a forked worker process while this one writes.

``import_packages`` verifies each package completely, then writes it; verifying is about two
thirds of the time, so with a second core idle a worker process verifies the next packages
(at most ``AHEAD`` waiting) while this process writes, and this process verifies a package
itself when the worker has not started it yet (``_Ahead``). What it hands back
is the same ``VerifiedPackage`` the serial import makes, in the same order; a refusal is
raised here only when the import reaches that package, so the first failure in order is the
one reported, as in the serial import, and the import's one transaction is rolled back.

The worker is a forked copy of this process: it holds the sources, limits and reference data
already, opens each package file itself and never touches the database (the inherited SQLite
connection is not used, and the child leaves with ``os._exit``, so it never closes it either).
A verified package is pickled there with the form definitions and the reference catalog
named, not copied (``_Pickler``), and joined to this process's own here.

Serial, in this process, when a worker cannot pay or is not safe: fewer than 4 packages, no
``fork`` (Windows, macOS), other threads in this process, a single core. Not by the load:
since the worker sends a verified file back as its path it costs about 8 % more CPU in all, and
two processes get more of a busy machine than one (``worker_wanted``).
A worker that fails for a reason other than a refusal, or dies, leaves the rest to this
process, so a real error is raised as itself. The worker is stopped and reaped on every way
out (an error, Ctrl-C: it ignores SIGINT, the parent terminates it).
"""

from __future__ import annotations

import io
import multiprocessing
import pickle
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from ..domain.errors import LowcarbonError
from ..domain.forms import FormDef, require_known_version
from ..domain.reference import ReferenceCatalog
from .limits import PackageLimits
from .source import BytesSource, PathSource, changed_since_verified
from .verify import VerifiedPackage, verify_source

# verified packages waiting at most. An enterprise year waits as 63 KB (its records pickled, the
# file sent as its path); a county's package of at most KEEP_BYTES verified in memory waits with
# its bytes, so 64 MB at the very most. Enough for the worker to go on verifying while this
# process syncs a group's files at its commit: 1,000 packages 11.3-12.3 s against 12.0-12.8 s
# with 3 waiting (alternated runs), the worker then busy all through.
AHEAD = 16
KEEP_BYTES = 4 << 20  # an enterprise year is about 1.3 MB
POLL_SECONDS = 0.2  # how often a wait for the worker looks whether it is still alive

Item = Path | str | bytes


def verify_item(index: int, item: Item, limits: PackageLimits, catalog: ReferenceCatalog) -> VerifiedPackage:
    """One import source verified (``package N`` labels bytes, a path its file name). A file
    of at most ``KEEP_BYTES`` is read once and verified in memory: the import then stores the
    very bytes verified, without reading and hashing the file again; a larger one is read in
    chunks, and hashed again while it is stored."""
    if isinstance(item, bytes):
        return verify_source(BytesSource(item, f"package {index + 1}"), limits=limits, catalog=catalog)
    source = PathSource.of(item, limits)
    if source.size <= KEEP_BYTES:
        with source.open() as handle:  # refuses a file whose size changed since it was measured
            content = handle.read(source.size)
        if len(content) != source.size:
            raise changed_since_verified(source.label)
        return verify_source(BytesSource(content, source.label), limits=limits, catalog=catalog)
    return verify_source(source, limits=limits, catalog=catalog)


def worker_wanted(count: int) -> bool:
    """Whether ``count`` packages are verified ahead in a worker process: at least 4, a
    ``fork`` with no other thread in this process, and two cores or more, whatever the load.

    Measured on the 2-core project machine, 1,000 packages: 11.5–11.9 s with the worker against
    18.2–19.3 s without at a load average of 1.8–1.9 (another job on one core), 22.4–23.0 s
    against 28.2–32.3 s with two busy loops beside it. (Before the worker sent files back as
    paths it cost a third more CPU and lost on a busy machine; it was then used only below a
    load of 0.5, which a 10,000-package import on an office desktop rarely starts at.)"""
    if count < 4:  # never worth a fork; also spares a small import loading reportlab for the check
        return False
    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return False
    from ..reports.pdf_pool import usable_cores

    return threading.active_count() == 1 and usable_cores() >= 2


class _Pickler(pickle.Pickler):
    """Names the shared, immutable definitions instead of copying them."""

    def __init__(self, file: io.BytesIO, catalog: ReferenceCatalog):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.catalog = catalog

    def persistent_id(self, obj: object) -> object:
        if isinstance(obj, FormDef):
            return ("form", obj.id, obj.version)
        if obj is self.catalog:
            return ("catalog",)
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, catalog: ReferenceCatalog):
        super().__init__(file)
        self.catalog = catalog

    def persistent_load(self, pid: object) -> object:
        if pid == ("catalog",):
            return self.catalog
        if isinstance(pid, tuple) and len(pid) == 3 and pid[0] == "form":
            return require_known_version(pid[1], pid[2])
        raise pickle.UnpicklingError(f"unknown reference {pid!r}")


def _dump(package: VerifiedPackage, catalog: ReferenceCatalog) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, catalog).dump(package)
    return buffer.getvalue()


def _load(content: bytes, catalog: ReferenceCatalog) -> VerifiedPackage:
    package: VerifiedPackage = _Unpickler(io.BytesIO(content), catalog).load()
    return package


RefusalState = tuple[type[LowcarbonError], tuple[Any, ...], dict[str, Any]]


def _refusal_state(exc: LowcarbonError) -> RefusalState:
    # a PackageError's keyword-only constructor does not survive pickle's default reduction
    return type(exc), exc.args, dict(exc.__dict__)


def _refusal(state: RefusalState) -> LowcarbonError:
    cls, args, attributes = state
    exc: LowcarbonError = cls.__new__(cls)
    exc.args = args
    exc.__dict__.update(attributes)
    return exc


def _claim(claimed: Synchronized, limit: int) -> int | None:
    """The next package no one verifies yet, now the worker's; ``None`` when none is left."""
    with claimed.get_lock():
        index = claimed.value
        if index >= limit:
            return None
        claimed.value = index + 1
        return index


def _by_path(package: VerifiedPackage, item: Item) -> VerifiedPackage:
    """``package`` to send to the importing process: a file verified in memory is sent as its
    path, not its bytes (the import reads it again and stores it only if its SHA-256 is the
    one verified, ``VerifiedPackage.content_chunks``). Copying 1.5 MB through the queue cost
    both processes 3.4 ms a package, reading and hashing the file again 1.7 ms."""
    if isinstance(item, bytes) or not isinstance(package.source, BytesSource) or package.nested:
        return package  # a nested package's bytes are a window of its parent's
    package.source = PathSource(Path(item), package.source.label, package.size)
    return package


def _work(items: Sequence[Item], limits: PackageLimits, catalog: ReferenceCatalog, claimed: Synchronized,
          out: multiprocessing.queues.Queue) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while (index := _claim(claimed, len(items))) is not None:
        message: tuple[int, str, object]
        try:
            message = (index, "ok", _dump(_by_path(verify_item(index, items[index], limits, catalog), items[index]),
                                          catalog))
        except LowcarbonError as exc:  # a refusal (or a file gone) names its package: raised there
            message = (index, "refused", _refusal_state(exc))
        except BaseException as exc:  # the parent verifies this one again and raises it as itself
            message = (index, "failed", repr(exc))
        out.put(message)  # waits while AHEAD packages wait already
        if message[1] == "failed":  # after a refusal an import of each file on its own goes on
            return


class _Ahead:
    """The worker, the queue of what it verified, and the next index no one has claimed yet:
    ``take(i)`` is package *i* from the worker, or ``None`` to verify it here, when the worker
    has not reached it (so the import never waits for a package the worker has not started,
    and the two processes share the verifying when writing is the faster half)."""

    def __init__(self, items: Sequence[Item], limits: PackageLimits, catalog: ReferenceCatalog):
        context = multiprocessing.get_context("fork")
        self.catalog = catalog
        self.queue = context.Queue(AHEAD)
        self.claimed: Synchronized = context.Value("q", 0)
        self.process = context.Process(target=_work, args=(items, limits, catalog, self.claimed, self.queue),
                                       daemon=True)
        self.process.start()
        self.broken = False

    def _mine(self, index: int) -> bool:
        """Claim ``index`` for this process unless the worker has it already."""
        lock = self.claimed.get_lock()
        while not lock.acquire(timeout=POLL_SECONDS):
            if not self.process.is_alive():  # died holding it (it never should): the rest is ours
                self.broken = True
                return True
        try:
            if self.claimed.value > index:
                return False
            self.claimed.value = index + 1
            return True
        finally:
            lock.release()

    def take(self, index: int) -> VerifiedPackage | None:
        if self.broken or self._mine(index):
            return None
        while True:
            try:
                got, how, payload = self.queue.get(timeout=POLL_SECONDS)
                break
            except queue.Empty:
                if not self.process.is_alive() and self.queue.empty():
                    self.broken = True  # died without a word: the rest is verified here
                    return None
        if got != index or how == "failed":
            self.broken = True
            return None
        if how == "refused":
            raise _refusal(payload)
        return _load(payload, self.catalog)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.queue.close()
        self.queue.join_thread()


@contextmanager
def verified_packages(items: Sequence[Item], limits: PackageLimits, catalog: ReferenceCatalog,
                      workers: int | None = None) -> Iterator[Iterator[VerifiedPackage]]:
    """The packages of ``items`` verified, in their order; a refusal is raised when its
    package is reached. ``workers``: ``None`` decides (``worker_wanted``), 0 verifies here,
    1 or more verifies ahead in one worker process."""
    with verified_or_refused(items, limits, catalog, workers) as packages:
        yield (package if isinstance(package, VerifiedPackage) else _raise(package) for package in packages)


def _raise(refusal: LowcarbonError) -> VerifiedPackage:
    raise refusal


@contextmanager
def verified_or_refused(items: Sequence[Item], limits: PackageLimits, catalog: ReferenceCatalog,
                        workers: int | None = None) -> Iterator[Iterator[VerifiedPackage | LowcarbonError]]:
    """Each package of ``items`` verified, or the refusal that names it, in their order (for
    an import of each file on its own: a refused file does not stop the others). ``workers``
    as for ``verified_packages``."""
    ahead = _Ahead(items, limits, catalog) if (worker_wanted(len(items)) if workers is None else workers > 0) \
        else None

    def each(take: Callable[[int], VerifiedPackage | None]) -> Iterator[VerifiedPackage | LowcarbonError]:
        for index, item in enumerate(items):
            try:
                package = take(index)
                yield package if package is not None else verify_item(index, item, limits, catalog)
            except LowcarbonError as refusal:
                yield refusal

    try:
        yield each(ahead.take if ahead is not None else lambda index: None)
    finally:
        if ahead is not None:
            ahead.stop()


__all__ = ["AHEAD", "verified_or_refused", "verified_packages", "verify_item", "worker_wanted"]
