"""Fixtures for storage tests: real SQLite files in ``tmp_path``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from domain.samples import COUNTY, ENTERPRISE, PARK
from lowcarbon_desk.domain.reference import ReferenceCatalog
from lowcarbon_desk.storage import Store

OPERATOR = "测试员"


@pytest.fixture
def user_reference(tmp_path: Path) -> Path:
    root = tmp_path / "user-reference"
    root.mkdir()
    return root


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.db"


@pytest.fixture
def store(db_path: Path, user_reference: Path):
    with Store.open(db_path, ReferenceCatalog(user_root=user_reference)) as opened:
        yield opened


@pytest.fixture
def orgs_store(store: Store) -> Store:
    """A store with the county, the park and the enterprise of the samples."""
    store.add_orgs([COUNTY, PARK, ENTERPRISE], OPERATOR)
    return store


def dump(store: Store) -> list[str]:
    """Every table's rows and the schema, as SQL text (``iterdump``)."""
    return list(store.db.conn.iterdump())


def table_counts(store: Store) -> dict[str, int]:
    names = [r[0] for r in store.db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {n: store.db.conn.execute(f"SELECT count(*) FROM [{n}]").fetchone()[0] for n in names}


def make_sqlite(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
