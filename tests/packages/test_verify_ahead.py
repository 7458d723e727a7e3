"""Packages verified ahead in a forked worker while the import writes (``packages.verify_ahead``,
issue 22): the same database as the serial import, the first refusal in order reported and
nothing changed, a failing or dying worker leaving the rest to the import itself, and no child
process left behind."""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import time
from pathlib import Path

import pytest

from lowcarbon_desk.domain.reference import catalog as installed_catalog
from lowcarbon_desk.packages import importer as importer_module
from lowcarbon_desk.packages import verify_ahead
from lowcarbon_desk.packages.create import create_submission_package
from lowcarbon_desk.packages.errors import FileMismatchError, PackageError, TrustError
from lowcarbon_desk.packages.importer import ALREADY_IMPORTED, import_each, import_packages
from lowcarbon_desk.packages.keys import InstallationKey
from lowcarbon_desk.packages.limits import DEFAULT_LIMITS
from lowcarbon_desk.packages.source import BytesSource, PathSource
from lowcarbon_desk.storage.imported import package_chunks

from . import tamper
from .offices import (
    FAST,
    county_org,
    enterprise_org,
    fill_enterprise,
    interrupt_import_at,
    no_children,
    open_county,
    open_office,
    stored_rows,
)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker process is forked (Linux)")

OPERATOR = "县审核员"
COUNT = 5


def test_verified_ahead_writes_what_the_serial_import_writes(five_packages, tmp_path) -> None:
    serial, ahead = open_county(tmp_path / "serial", OPERATOR), open_county(tmp_path / "ahead", OPERATOR)
    one = import_packages(serial.store, [*five_packages, five_packages[0]], OPERATOR, verify_workers=0)
    two = import_packages(ahead.store, [*five_packages, five_packages[0]], OPERATOR, verify_workers=1)
    assert [(r.sha256, r.status, r.added) for r in two] == [(r.sha256, r.status, r.added) for r in one]
    assert two[-1].status == ALREADY_IMPORTED and len(two[0].added) == 4
    serial.store.close()
    ahead.store.close()
    assert stored_rows(ahead.db_path) == stored_rows(serial.db_path)
    assert no_children()


def test_the_first_refusal_in_order_is_reported_and_nothing_changed(five_packages, tmp_path) -> None:
    county = open_county(tmp_path, OPERATOR)
    broken = tmp_path / "broken.lcpkg"
    broken.write_bytes(tamper.flip_byte(five_packages[3].read_bytes(), 200))
    before = county.dump()
    with pytest.raises(PackageError) as serial:
        import_packages(county.store, [*five_packages[:3], broken, five_packages[4]], OPERATOR, verify_workers=0)
    with pytest.raises(PackageError) as ahead:
        import_packages(county.store, [*five_packages[:3], broken, five_packages[4]], OPERATOR, verify_workers=1)
    assert type(ahead.value) is type(serial.value) and ahead.value.reason == serial.value.reason
    assert (ahead.value.message_zh, ahead.value.message_en, ahead.value.subject) == (
        serial.value.message_zh, serial.value.message_en, serial.value.subject)
    assert "broken.lcpkg" in ahead.value.message_en
    assert county.dump() == before
    assert no_children()


def _rekeyed_package(tmp_path: Path) -> Path:
    """Enterprise 1's 2025 package signed by another key than its first package's."""
    office = open_office(tmp_path / "again", "enterprise")
    org = enterprise_org(1)
    office.store.add_orgs([county_org(), org], "企业填报员")
    fill_enterprise(office.store, org, months=False, pilot=False)
    made = create_submission_package(office.store, org["org_id"], tmp_path / "rekeyed.lcpkg", operator="企业填报员",
                                     period="2025", key=InstallationKey.generate(), renderers=FAST)
    office.store.close()
    return made.path


def test_each_file_on_its_own_goes_on_after_a_refusal(five_packages, tmp_path) -> None:
    """``package import FILE…``: a tampered file, a missing one and a package refused while
    writing (a pinned sender's other key) are each refused, naming themselves, in their turn;
    the files around them are imported, with the worker as without it, and no child is left."""
    rekeyed = _rekeyed_package(tmp_path)
    broken = tmp_path / "broken.lcpkg"
    broken.write_bytes(tamper.flip_byte(five_packages[3].read_bytes(), 200))
    files = [five_packages[0], broken, five_packages[1], tmp_path / "gone.lcpkg", rekeyed, five_packages[2],
             five_packages[4]]
    outcomes = {}
    for workers in (0, 1):
        county = open_county(tmp_path / f"w{workers}", OPERATOR)
        outcomes[workers] = [(source, type(result).__name__,
                              result.message("en") if isinstance(result, Exception) else result.status)
                             for source, result in import_each(county.store, files, OPERATOR, verify_workers=workers)]
        county.store.close()
        assert no_children()
    assert outcomes[0] == outcomes[1]
    assert [kind != "ImportResult" for _, kind, _ in outcomes[1]] == [False, True, False, True, True, False, False]
    assert outcomes[1][4][1] == "TrustError"
    assert "broken.lcpkg" in outcomes[1][1][2] and "gone.lcpkg" in outcomes[1][3][2]
    assert stored_rows(tmp_path / "w1" / "county.db") == stored_rows(tmp_path / "w0" / "county.db")


def test_a_refusal_while_writing_stops_the_worker(five_packages, tmp_path) -> None:
    """The import refuses package 2 (another key for a pinned sender) while the worker has
    verified the next ones: the worker is stopped and reaped, the transaction rolled back."""
    county = open_county(tmp_path, OPERATOR)
    import_packages(county.store, [five_packages[0]], OPERATOR, verify_workers=0)
    before = county.dump()
    rekeyed = _rekeyed_package(tmp_path)
    with pytest.raises(TrustError):
        import_packages(county.store, [five_packages[1], rekeyed, *five_packages[2:]], OPERATOR, verify_workers=1)
    assert county.dump() == before
    assert no_children()


def test_an_interrupt_while_writing_leaves_no_child_and_nothing_changed(five_packages, tmp_path, monkeypatch) -> None:
    county = open_county(tmp_path, OPERATOR)
    before = county.dump()
    interrupt_import_at(monkeypatch, 2)
    with pytest.raises(KeyboardInterrupt):
        import_packages(county.store, five_packages, OPERATOR, verify_workers=1)
    assert county.dump() == before
    assert no_children()


@pytest.mark.parametrize("how", ["raises", "dies"])
def test_a_failing_worker_leaves_the_rest_to_the_import(five_packages, tmp_path, monkeypatch, how) -> None:
    """A worker that fails other than by a refusal (a bug, memory) or dies: the import
    verifies the remaining packages itself and imports them all."""
    parent = os.getpid()
    real = verify_ahead.verify_item

    def flaky(index, item, limits, catalog):
        if os.getpid() != parent:  # the first package the worker takes (the import may take some itself)
            if how == "dies":
                os._exit(3)
            raise MemoryError("worker")
        return real(index, item, limits, catalog)

    monkeypatch.setattr(verify_ahead, "verify_item", flaky)
    county = open_county(tmp_path, OPERATOR)
    results = import_packages(county.store, five_packages, OPERATOR, verify_workers=1)
    assert [len(r.added) for r in results] == [4, 3, 3, 3, 3]
    assert no_children()


def test_a_real_error_of_the_import_itself_is_raised_as_itself(five_packages, tmp_path, monkeypatch) -> None:
    """A refusal the worker found is the import's own exception type, with its reason."""
    county = open_county(tmp_path, OPERATOR)
    missing = tmp_path / "missing.lcpkg"
    with pytest.raises(PackageError) as caught:
        import_packages(county.store, [*five_packages[:4], missing], OPERATOR, verify_workers=1)
    assert caught.value.reason == "unreadable" and "missing.lcpkg" in caught.value.message_en
    assert not isinstance(caught.value, FileMismatchError)
    assert no_children()


def test_worker_only_where_it_can_pay(monkeypatch) -> None:
    from lowcarbon_desk.reports import pdf_pool

    monkeypatch.setattr(pdf_pool, "usable_cores", lambda: 2)
    forks = sys.platform.startswith("linux") and threading.active_count() == 1
    assert not verify_ahead.worker_wanted(3)  # a few packages: never worth the fork
    assert verify_ahead.worker_wanted(10) == forks
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not verify_ahead.worker_wanted(10)  # another thread: no fork
    finally:
        stop.set()
        thread.join()
    for load in (1.8, 3.0):  # a busy machine: two processes still get more of it than one
        monkeypatch.setattr(pdf_pool, "load_average", lambda load=load: load)
        assert verify_ahead.worker_wanted(10) == forks
    monkeypatch.setattr(pdf_pool, "usable_cores", lambda: 1)
    assert not verify_ahead.worker_wanted(10)


def test_a_small_file_is_read_once_and_its_verified_bytes_stored(five_packages, tmp_path, monkeypatch) -> None:
    county = open_county(tmp_path, OPERATOR)
    small = verify_ahead.verify_item(0, five_packages[1], DEFAULT_LIMITS, county.store.catalog)
    assert isinstance(small.source, BytesSource) and small.label == five_packages[1].name
    monkeypatch.setattr(verify_ahead, "KEEP_BYTES", 1000)  # a larger file streams, as before
    large = verify_ahead.verify_item(0, five_packages[2], DEFAULT_LIMITS, county.store.catalog)
    assert isinstance(large.source, PathSource)
    results = import_packages(county.store, five_packages[1:3], OPERATOR, verify_workers=0)
    for result, path in zip(results, five_packages[1:3], strict=True):
        assert b"".join(package_chunks(county.store, result.sha256)) == path.read_bytes()


def test_a_verified_package_is_freed_when_dropped(five_packages) -> None:
    """Its records refer to it weakly: no reference cycle keeps its bytes until a collection."""
    import gc
    import weakref

    gc.disable()
    try:
        package = verify_ahead.verify_item(0, five_packages[1], DEFAULT_LIMITS, installed_catalog())
        records, gone = package.records, weakref.ref(package)
        assert records[0].package is package
        del package
        assert gone() is None
        with pytest.raises(ReferenceError):
            records[0].package  # noqa: B018 - the access is the test
    finally:
        gc.enable()


def test_a_file_changed_after_the_worker_verified_it_is_refused(five_packages, tmp_path, monkeypatch) -> None:
    """The worker sends a file it verified as its path; the import reads it again and stores it
    only if it is still the file verified: one changed in between (same size, one byte) is
    refused naming it, nothing of it written, the others imported."""
    files = []
    for index, package in enumerate(five_packages):
        files.append(tmp_path / f"{index}.lcpkg")
        files[-1].write_bytes(package.read_bytes())
    county = open_county(tmp_path / "county", OPERATOR)
    real_run = importer_module._Importer.run

    def change_a_later_file(self, package):
        if package.label == "0.lcpkg":
            time.sleep(1.5)  # the worker verifies the next ones meanwhile (three wait at most)
            files[2].write_bytes(tamper.flip_byte(files[2].read_bytes(), 200))
        return real_run(self, package)

    monkeypatch.setattr(importer_module._Importer, "run", change_a_later_file)
    outcomes = list(import_each(county.store, files, OPERATOR, verify_workers=1))
    county.store.close()
    assert [isinstance(result, Exception) for _, result in outcomes] == [False, False, True, False, False]
    refusal = outcomes[2][1]
    assert isinstance(refusal, FileMismatchError) and refusal.reason == "changed_during_import"
    assert "2.lcpkg" in refusal.message("en")
    senders = sqlite3.connect(county.db_path).execute("SELECT file_name FROM imported_packages").fetchall()
    assert sorted(name for (name,) in senders) == ["0.lcpkg", "1.lcpkg", "3.lcpkg", "4.lcpkg"]
    assert no_children()
