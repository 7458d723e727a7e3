"""The database's identity is kept between calls (``identity.home_of``) only while the database
is as it was: a commit by another connection, a write of this one, and a rolled-back write
each give the identity of what the file holds then."""

from __future__ import annotations

import sqlite3

from domain.samples import COUNTY_ID, ENTERPRISE_ID
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.identity import COUNTY, ENTERPRISE, UNKNOWN, home_of

_RECORD = ("INSERT INTO records (record_id, lineage_id, revision, form, form_version, org_id, period, state,"
           " origin) VALUES (?, ?, 1, 'energy_report', 2, ?, '2025', 'draft', 'local')")


def test_a_commit_by_another_connection_is_seen(orgs_store: Store, db_path):
    assert home_of(orgs_store).kind == UNKNOWN  # a county, a park and an enterprise, nothing entered
    assert home_of(orgs_store).kind == UNKNOWN  # kept
    other = sqlite3.connect(db_path)
    try:
        other.execute(_RECORD, ["r-other", "l-other", ENTERPRISE_ID])
        other.commit()
    finally:
        other.close()
    home = home_of(orgs_store)
    assert home.kind == ENTERPRISE and home.codes == (COUNTY_ID,) and home.is_own(ENTERPRISE_ID)


def test_a_write_of_this_connection_is_seen(orgs_store: Store):
    assert home_of(orgs_store).kind == UNKNOWN
    orgs_store.db.conn.execute(_RECORD, ["r-county", "l-county", COUNTY_ID])  # autocommit
    home = home_of(orgs_store)
    assert home.kind == COUNTY and home.is_own(COUNTY_ID)
    orgs_store.db.conn.execute("DELETE FROM records WHERE record_id = 'r-county'")
    assert home_of(orgs_store).kind == UNKNOWN


def test_a_rolled_back_write_leaves_no_identity_behind(orgs_store: Store):
    assert home_of(orgs_store).kind == UNKNOWN
    conn = orgs_store.db.conn
    conn.execute("BEGIN")
    conn.execute(_RECORD, ["r-county", "l-county", COUNTY_ID])
    assert home_of(orgs_store).kind == COUNTY  # what this transaction sees
    conn.execute("ROLLBACK")
    # the change counter kept the rolled-back insert: only the transaction tells it was not kept
    assert home_of(orgs_store).kind == UNKNOWN


def test_each_store_keeps_its_own(orgs_store: Store, db_path):
    assert home_of(orgs_store).kind == UNKNOWN
    with Store.open(db_path) as second:
        assert home_of(second).kind == UNKNOWN
        second.db.conn.execute(_RECORD, ["r-2", "l-2", COUNTY_ID])
        assert home_of(second).kind == COUNTY
    assert home_of(orgs_store).kind == COUNTY  # another connection of this process committed
