"""Database, backup and package names with ``#``, ``%`` and ``?``: SQLite's ``file:`` URIs
are escaped, so nothing is cut off the name and no stray file appears beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from lowcarbon_desk.cli.main import run
from lowcarbon_desk.storage.sqlite_uri import read_only_uri

from .conftest import COUNTY, STEEL, org_json, report_json

ODD = "county#1 %20?.db"


def _run(capsys, *args: str) -> str:
    status = run(["--lang", "en", "--operator", "tester", *args])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def _write(path: Path, value: object) -> str:
    import json

    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_backup_restore_and_packages_with_odd_names_leave_no_stray_files(tmp_path: Path, capsys) -> None:
    work = tmp_path / "work"
    work.mkdir()
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    db = work / ODD
    county = {"org_id": COUNTY, "kind": "county", "name": "示例县", "admin_code": COUNTY,
              "contact_name": "陈科长", "contact_phone": "0591-87654321"}
    _run(capsys, "--db", str(db), "org", "add", "--json", _write(inputs / "orgs.json", [county, org_json()]))
    record_id = _run(capsys, "--db", str(db), "record", "add", "--json",
                     _write(inputs / "r.json", report_json())).split()[0]
    _run(capsys, "--db", str(db), "record", "submit", record_id)
    before = _run(capsys, "--db", str(db), "record", "list")

    copy = work / "copy#2 %41?.db"
    assert _run(capsys, "--db", str(db), "backup", "-o", str(copy)).strip() == str(copy)
    _run(capsys, "--db", str(db), "restore", str(copy))
    assert _run(capsys, "--db", str(db), "record", "list") == before

    managed = Path(_run(capsys, "--db", str(db), "backup").strip())  # the folder of copies
    assert managed.name.startswith(ODD) and managed.is_file()
    _run(capsys, "--db", str(db), "restore", "--latest")
    assert _run(capsys, "--db", str(db), "record", "list") == before
    assert [p.name for p in managed.parent.iterdir() if not p.name.startswith(managed.name)] == ["database.json"]

    package = work / "pkg#1 %20?.lcpkg"
    _run(capsys, "--db", str(db), "package", "create", "--org", STEEL, "--period", "2025", "-o", str(package))
    _run(capsys, "--db", str(db), "package", "verify", str(package))
    upper = work / "upper#%3F?.db"
    _run(capsys, "--db", str(upper), "package", "import", str(package))
    assert record_id in _run(capsys, "--db", str(upper), "record", "list")

    names = sorted(p.name for p in work.iterdir())
    made = (ODD, copy.name, package.name, upper.name)
    strays = [n for n in names if not n.startswith(made)]
    assert strays == []
    assert {ODD, copy.name, package.name, upper.name} <= set(names)


@pytest.mark.parametrize("name", ["a#b.db", "a?b.db", "a%20b.db", "a%b.db", "中文 名.db"])
def test_read_only_uri_opens_exactly_that_file(tmp_path: Path, name: str) -> None:
    import sqlite3

    path = tmp_path / name
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("CREATE TABLE u (x)")  # read-only: the ?mode=ro was not cut off
    finally:
        conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
