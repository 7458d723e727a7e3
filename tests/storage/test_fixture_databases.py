"""Databases saved by every released schema (``tests/fixtures/databases/schema<N>.db``, made by
that release's own code with ``make_database.py``) open in this program: migrated after a
backup, every value, justification, attachment and audit entry intact, and the same schema
as a database made new.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from fixtures.versions import (
    DATABASES,
    NEW_FIELD,
    RELEASED_SCHEMAS,
    fixture_database,
    normalised_schema,
    use_newer,
    use_shipped_only,
)
from lowcarbon_desk.domain.forms import RECORD_FORMS
from lowcarbon_desk.domain.records import STATES
from lowcarbon_desk.paths import forms_dir
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.migrations import LATEST_VERSION

# What a record document holds besides the issues, which later releases may derive differently
# (a rule made a warning instead of an error); the issues are compared for the current schema.
STORED_KEYS = ("form", "form_version", "record_id", "lineage_id", "revision", "previous_record_id", "org_id",
               "period", "state", "decision_comment", "reference_data_version", "origin", "created_at",
               "updated_at", "submitted_at", "decided_at", "operator", "data", "computed", "justifications",
               "audit_log")


SHIPS_NEWER_FORM_VERSIONS = any(not p.name.endswith(".v1.toml") for p in forms_dir().glob("*.v*.toml"))


def expected(schema: int) -> dict:
    return json.loads((DATABASES / f"schema{schema}.expected.json").read_text(encoding="utf-8"))


def raw_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in the columns the file has, sorted."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        out = {}
        for table in tables:
            names = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
            out[table] = (names, sorted(conn.execute(f"SELECT * FROM [{table}]").fetchall(), key=repr))
        return out
    finally:
        conn.close()


def rows_in(path: Path, table: str, names: list[str]) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        cols = ", ".join(f"[{n}]" for n in names)
        return sorted(conn.execute(f"SELECT {cols} FROM [{table}]").fetchall(), key=repr)
    finally:
        conn.close()


def test_fixtures_are_small_and_of_their_schema() -> None:
    for schema in RELEASED_SCHEMAS:
        path = DATABASES / f"schema{schema}.db"
        assert path.stat().st_size < 1_000_000
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == schema
        finally:
            conn.close()


@pytest.mark.parametrize("schema", RELEASED_SCHEMAS)
def test_fixture_holds_every_form_and_state(schema: int) -> None:
    records = expected(schema)["records"].values()
    assert {(r["form"], r["state"]) for r in records} == {(f, s) for f in RECORD_FORMS for s in STATES}
    assert any(r["justifications"] for r in records)
    assert any(r["revision"] > 1 for r in records)
    attached = [r for r in records if r["data"].get("attachments")]
    assert {r["state"] for r in attached} >= {"draft", "submitted"}
    assert all(r["audit_log"] for r in records)


@pytest.mark.parametrize("schema", RELEASED_SCHEMAS)
def test_released_database_migrates_with_everything_intact(schema: int, tmp_path: Path, monkeypatch) -> None:
    use_shipped_only(monkeypatch)
    path = fixture_database(schema, tmp_path)
    before = raw_rows(path)
    want = expected(schema)
    with Store.open(path) as store:
        assert store.schema_version == LATEST_VERSION
        # a copy before the numbered steps, or before the form step that adds the columns of a
        # form version newer than the released schemas' (they hold version 1 of every form)
        assert len(store.backups) == (1 if schema < LATEST_VERSION or SHIPS_NEWER_FORM_VERSIONS else 0)
        for record_id, old in want["records"].items():
            doc = store.get_record(record_id, with_audit=True)
            assert {k: doc[k] for k in STORED_KEYS} == {k: old[k] for k in STORED_KEYS}, record_id
            if schema == LATEST_VERSION:
                assert doc["issues"] == old["issues"], record_id
            assert [i.to_json() for i in store.issues(record_id)] == doc["issues"]
        for sha256, digest in want["attachments"].items():
            assert hashlib.sha256(store.attachment_content(sha256)).hexdigest() == digest
        assert store.list_orgs() == want["organisations"]
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    for table, (names, rows) in before.items():
        now = rows_in(path, table, names)
        if table == "settings":  # gains a row per migration step
            assert set(rows) <= set(now)
        else:
            assert now == rows, f"{table} changed"
    for backup in store.backups:
        assert raw_rows(backup) == before


@pytest.mark.parametrize("schema", RELEASED_SCHEMAS)
def test_released_database_ends_with_the_schema_of_a_new_one(schema: int, tmp_path: Path, monkeypatch) -> None:
    use_shipped_only(monkeypatch)
    fresh = tmp_path / "fresh.db"
    Store.open(fresh).close()
    path = fixture_database(schema, tmp_path)
    Store.open(path).close()
    assert normalised_schema(path) == normalised_schema(fresh)


@pytest.mark.parametrize("schema", RELEASED_SCHEMAS)
def test_released_database_takes_a_new_form_version(schema: int, tmp_path: Path, monkeypatch) -> None:
    """Opened by a v1+v2 installation: migrated, the v2 column added, same schema as a new file."""
    use_newer(monkeypatch)
    fresh = tmp_path / "fresh.db"
    Store.open(fresh).close()
    path = fixture_database(schema, tmp_path)
    want = expected(schema)
    with Store.open(path) as store:
        assert len(store.backups) == 1  # one copy before the numbered steps and the form step
        for record_id, old in want["records"].items():
            doc = store.get_record(record_id)
            assert doc["form_version"] == 1 and doc["data"] == old["data"], record_id
            assert NEW_FIELD not in doc["data"]
    assert normalised_schema(path) == normalised_schema(fresh)
