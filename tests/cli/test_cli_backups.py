"""``backup``, ``backup list``, ``restore --latest`` and the copies before imports, as a user runs them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from .conftest import Cli, report_json


def _damage(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xee" * 4096)


def _listed(cli: Cli) -> list[dict]:
    result = cli("backup", "list", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_backup_without_output_goes_to_the_folder_of_copies(office: Cli, _isolated_home: Path) -> None:
    result = office("backup")
    assert result.code == 0, result.err
    copy = Path(result.out.strip())
    assert copy.is_file() and (_isolated_home / "backups") in copy.parents
    listed = _listed(office)
    assert [(c["kind"], c["path"], c["size"]) for c in listed] == [("manual", str(copy), copy.stat().st_size)]
    text = office("backup", "list", lang="en")
    assert text.code == 0 and text.out.count("\n") == 1
    date, size, kind, path = text.out.strip().split("\t")
    assert date == listed[0]["made_at"].replace("T", " ")
    assert (size, kind, path) == (str(copy.stat().st_size), "manual", str(copy))


@pytest.mark.slow
def test_restore_latest_replaces_a_damaged_database_and_keeps_it(office: Cli) -> None:
    assert office("backup").code == 0
    before = office("org", "list").out
    _damage(office.db)
    damaged = office.db.read_bytes()
    refused = office("backup", lang="en")
    assert refused.code == 1 and refused.err.count("\n") == 1 and "damaged" in refused.err
    assert str(office.db) in refused.err
    assert office.db.read_bytes() == damaged
    result = office("restore", "--latest", lang="en")
    assert result.code == 0, result.err
    kept = [p for p in office.db.parent.iterdir() if ".damaged-" in p.name and not p.name.endswith("-wal")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert office("org", "list").out == before


def test_restore_latest_of_an_intact_database_keeps_the_old_one(office: Cli) -> None:
    assert office("backup").code == 0
    assert office("org", "add", "--json", office.write_json("more.json", [{
        "org_id": "91350100M000200X5A", "kind": "enterprise", "name": "后来的企业",
        "admin_code": "350100"}])).code in (0, 1)
    result = office("restore", "--latest", lang="en")
    assert result.code == 0, result.err
    assert list(office.db.parent.glob("office.db.before-restore-*.bak"))


def test_restore_needs_a_file_or_latest_and_latest_needs_a_copy(office: Cli) -> None:
    none = office("restore", lang="en")
    assert none.code == 1 and "--latest" in none.err
    both = office("restore", "x.db", "--latest", lang="en")
    assert both.code == 1
    missing = office("restore", "--latest", lang="en")
    assert missing.code == 1 and "no intact backup" in missing.err


def test_imports_keep_a_copy_first(office: Cli, tmp_path: Path) -> None:
    from lowcarbon_desk.reports.workbook import export_workbook
    from lowcarbon_desk.storage import Store

    assert office("record", "add", "--json", office.write_json("r.json", report_json())).code == 0
    workbook = tmp_path / "all.xlsx"
    with Store.open(office.db) as store:
        export_workbook(store, workbook)
    result = office("import", "xlsx", str(workbook))
    assert result.code == 0, result.err
    assert [c["kind"] for c in _listed(office)] == ["before-workbook-import"]


def test_backup_of_a_missing_database_is_refused_without_creating_it(cli: Cli) -> None:
    result = cli("backup", lang="en")
    assert result.code == 1 and "does not exist" in result.err
    assert not cli.db.exists()
    listed = cli("backup", "list", lang="en")
    assert listed.code == 0 and "no copies" in listed.err


@pytest.mark.slow
def test_only_the_newest_before_restore_copies_are_kept(office: Cli) -> None:
    """Trying backup after backup leaves at most KEEP_BEFORE_RESTORE copies beside the database:
    the oldest go, the newest (the state just before this restore) stays."""
    from lowcarbon_desk.storage.backup import KEEP_BEFORE_RESTORE, before_restore_copies

    assert office("backup").code == 0
    made = []
    for _ in range(KEEP_BEFORE_RESTORE + 2):
        result = office("restore", "--latest", lang="en")
        assert result.code == 0, result.err
        made.append(before_restore_copies(office.db)[0].name)
    kept = [p.name for p in before_restore_copies(office.db)]
    assert kept == list(reversed(made))[:KEEP_BEFORE_RESTORE]
