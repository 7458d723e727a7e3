"""What storage offers so that nothing outside it needs the database object (issue 23)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils.db import Table

from domain.samples import ENTERPRISE_ID, sample
from lowcarbon_desk.storage import Store, workflow
from lowcarbon_desk.storage.autobackup import copy_to
from lowcarbon_desk.storage.base import StoreBase
from lowcarbon_desk.storage.persistence import Persistence
from lowcarbon_desk.storage.tables import table

from .conftest import OPERATOR


def _temp_store(store: Store) -> int:
    return int(store.db.execute("PRAGMA temp_store").fetchone()[0])


def test_table_is_a_table_and_a_view_is_refused(store: Store) -> None:
    assert isinstance(table(store.db, "records"), Table)
    store.db.execute("CREATE VIEW drafts AS SELECT * FROM records WHERE state = 'draft'")
    with pytest.raises(TypeError, match="drafts is a view"):
        table(store.db, "drafts")


def test_temp_files_in_memory_only_for_the_body_and_not_inside_a_transaction(store: Store) -> None:
    before = _temp_store(store)
    with store.temp_files_in_memory():
        assert _temp_store(store) == 2  # MEMORY
    assert _temp_store(store) == before
    with store.transaction(), store.temp_files_in_memory():
        assert _temp_store(store) == before  # a transaction's temporary files may be open


def test_journal_mode_of_an_opened_store(store: Store) -> None:
    assert store.journal_mode == "wal"


def test_copy_to_writes_a_database_with_the_same_organisations(orgs_store: Store, tmp_path: Path) -> None:
    target = tmp_path / "copies" / "office-copy.db"
    copy_to(orgs_store, target)
    with Store.open(target) as copy:
        assert [o["org_id"] for o in copy.list_orgs()] == [o["org_id"] for o in orgs_store.list_orgs()]


def test_the_workflow_runs_as_functions_and_as_store_methods(orgs_store: Store) -> None:
    assert isinstance(orgs_store, Persistence) and isinstance(orgs_store, StoreBase)
    first = orgs_store.add_record("energy_report", ENTERPRISE_ID, sample("energy_report"), OPERATOR)
    workflow.submit(orgs_store, first, OPERATOR)
    second = workflow.revise(orgs_store, first, OPERATOR)
    assert orgs_store.get_record(second)["previous_record_id"] == first
    assert [r["state"] for r in orgs_store.revisions(first)] == ["submitted", "draft"]
