"""A package's new records written at once (``importer._new_batch``, issue 22): the same rows
as record by record, a handful of reads per package instead of several per record, and the
record-by-record checks wherever something stored could matter."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lowcarbon_desk.packages import importer as importer_module
from lowcarbon_desk.packages.importer import import_packages

from .offices import Office, county_org, open_office

OPERATOR = "县审核员"


def _county(root: Path) -> Office:
    office = open_office(root, "county")
    office.store.add_orgs([county_org()], OPERATOR)
    return office


def _rows(db: Path) -> list:
    """Every stored row but this import's moments, with the audit log in its order."""
    conn = sqlite3.connect(db)
    try:
        rows = []
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            names = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
            keep = [n for n in names if n not in ("imported_at", "at", "accepted_at", "first_seen", "updated_at",
                                                  "created_at")]
            order = "id" if table == "audit_log" else "1, 2"
            rows.append((table, conn.execute(f"SELECT {', '.join(keep)} FROM [{table}] ORDER BY {order}").fetchall()))
        return rows
    finally:
        conn.close()


def test_written_at_once_are_the_rows_written_one_by_one(five_packages, tmp_path, monkeypatch) -> None:
    batched = _county(tmp_path / "batched")
    first = import_packages(batched.store, five_packages, OPERATOR, verify_workers=0)
    monkeypatch.setattr(importer_module._Importer, "_new_batch", lambda *args: False)
    single = _county(tmp_path / "single")
    second = import_packages(single.store, five_packages, OPERATOR, verify_workers=0)
    assert [r.added for r in first] == [r.added for r in second]
    batched.store.close()
    single.store.close()
    assert _rows(batched.db_path) == _rows(single.db_path)


def test_reads_per_package_do_not_grow_with_its_records(five_packages, tmp_path) -> None:
    county = _county(tmp_path)
    reads: list[str] = []
    county.store.db.conn.set_trace_callback(
        lambda sql: reads.append(sql) if sql.lstrip().upper().startswith("SELECT") and " records " in sql else None)
    results = import_packages(county.store, five_packages, OPERATOR, verify_workers=0)
    county.store.db.conn.set_trace_callback(None)
    records = sum(len(r.added) for r in results)
    assert records == 16
    assert len(reads) <= 2 * len(five_packages) + 5, reads  # was 4 reads of records per record


def test_imported_records_carry_their_roll_up_figures(five_packages, tmp_path) -> None:
    """The one-statement write of a package's records writes each record's ``record_figures``
    row too: the table is what rebuilding it from the stored values gives."""
    from lowcarbon_desk.storage.migrations import rebuild_figures

    county = _county(tmp_path)
    import_packages(county.store, five_packages, OPERATOR, verify_workers=0)
    db = county.store.db
    written = db.execute("SELECT * FROM record_figures ORDER BY record_id").fetchall()
    with db.conn:
        rebuild_figures(db)
    assert written and written == db.execute("SELECT * FROM record_figures ORDER BY record_id").fetchall()
    county.store.close()
