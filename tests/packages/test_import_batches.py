"""A package's new records written at once (``importer._new_batch``, issue 22): the same rows
as record by record, a handful of reads per package instead of several per record, and the
record-by-record checks wherever something stored could matter."""

from __future__ import annotations

from lowcarbon_desk.packages import importer as importer_module
from lowcarbon_desk.packages.importer import import_packages

from .offices import open_county, stored_rows

OPERATOR = "县审核员"


def test_written_at_once_are_the_rows_written_one_by_one(five_packages, tmp_path, monkeypatch) -> None:
    batched = open_county(tmp_path / "batched", OPERATOR)
    first = import_packages(batched.store, five_packages, OPERATOR, verify_workers=0)
    monkeypatch.setattr(importer_module._Importer, "_new_batch", lambda *args: False)
    single = open_county(tmp_path / "single", OPERATOR)
    second = import_packages(single.store, five_packages, OPERATOR, verify_workers=0)
    assert [r.added for r in first] == [r.added for r in second]
    batched.store.close()
    single.store.close()
    assert stored_rows(batched.db_path) == stored_rows(single.db_path)


def test_reads_per_package_do_not_grow_with_its_records(five_packages, tmp_path) -> None:
    county = open_county(tmp_path, OPERATOR)
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

    county = open_county(tmp_path, OPERATOR)
    import_packages(county.store, five_packages, OPERATOR, verify_workers=0)
    db = county.store.db
    written = db.execute("SELECT * FROM record_figures ORDER BY record_id").fetchall()
    with db.conn:
        rebuild_figures(db)
    assert written and written == db.execute("SELECT * FROM record_figures ORDER BY record_id").fetchall()
    county.store.close()
