"""Bad input: exit 1, a message naming the field or file, and an unchanged database."""

from __future__ import annotations

import sqlite3

import pytest

from .conftest import org_json, report_json

BAD_LINES = [
    ("consumption_total", "lots", "lines[0].consumption_total", "不是数字"),
    ("consumption_total", -5, "lines[0].consumption_total", "不能为负数"),
    ("consumption_total", 1e13, "lines[0].consumption_total", "1e12"),
    ("energy", "unobtainium", "lines[0].energy", "不是允许的取值"),
]


@pytest.mark.parametrize(("column", "value", "field", "reason"), BAD_LINES)
def test_bad_line_values_are_refused(office, column, value, field, reason):
    report = report_json()
    report["data"]["lines"][0][column] = value
    before = office.fingerprint()
    result = office("record", "add", "--json", office.write_json("bad.json", report))
    assert result.code == 1
    assert field in result.err and reason in result.err
    assert result.out == ""
    assert office.fingerprint() == before


def test_nan_in_json_is_refused(office):
    path = office.tmp / "nan.json"
    path.write_text('{"form": "energy_report", "org_id": "91350100M000100Y43", "data": {"period": "2025", '
                    '"lines": [{"energy": "raw_coal", "consumption_total": NaN}]}}', encoding="utf-8")
    before = office.fingerprint()
    result = office("record", "add", "--json", str(path))
    assert result.code == 1 and "NaN" in result.err and "nan.json" in result.err
    assert office.fingerprint() == before


def test_duplicate_lines_refused(office):
    report = report_json()
    report["data"]["lines"].append(dict(report["data"]["lines"][0]))
    before = office.fingerprint()
    result = office("record", "add", "--json", office.write_json("dup.json", report), lang="en")
    assert result.code == 1 and "lines[1].energy" in result.err and "repeats row 1" in result.err
    assert office.fingerprint() == before


@pytest.mark.parametrize("period", ["2025-13", "25", "2025-1-1", "1999", "二〇二五"])
def test_wrong_periods_refused(office, period):
    before = office.fingerprint()
    result = office("record", "add", "--json", office.write_json("p.json", report_json(period=period)))
    assert result.code == 1 and "period" in result.err
    assert office.fingerprint() == before


def test_unknown_organisation(office):
    report = report_json()
    report["org_id"] = "91110000802100433B"
    before = office.fingerprint()
    result = office("record", "add", "--json", office.write_json("o.json", report))
    assert result.code == 1 and "91110000802100433B" in result.err and "不存在" in result.err
    assert office.fingerprint() == before


def test_malformed_json(office):
    path = office.tmp / "broken.json"
    path.write_text('{"form": "energy_report", ', encoding="utf-8")
    before = office.fingerprint()
    result = office("record", "add", "--json", str(path), lang="en")
    assert result.code == 1 and "broken.json" in result.err and "not valid JSON" in result.err
    assert office.fingerprint() == before


def test_missing_file_and_unknown_form(office):
    assert office("record", "add", "--json", str(office.tmp / "nope.json")).code == 1
    report = report_json()
    report["form"] = "energy_reprot"
    result = office("record", "add", "--json", office.write_json("f.json", report))
    assert result.code == 1 and "energy_reprot" in result.err


def test_bad_credit_code_org_refused(office):
    before = office.fingerprint()
    result = office("org", "add", "--json", office.write_json("o.json", org_json("91350100M000100Y44")), lang="en")
    assert result.code == 1 and "org_id" in result.err and "credit code" in result.err
    assert office.fingerprint() == before


def test_one_bad_org_in_a_list_adds_none(office):
    before = office.fingerprint()
    good = org_json("91110000802100433B", name="北京示例有限公司", admin_code="110000")
    bad = org_json("91110000802100433C", contact_phone="12345")
    result = office("org", "add", "--json", office.write_json("o.json", [good, bad]))
    assert result.code == 1 and "contact_phone" in result.err
    assert office.fingerprint() == before


def test_database_that_is_not_sqlite(cli):
    cli.db.write_bytes(b"this is a spreadsheet, not a database" * 10)
    original = cli.db.read_bytes()
    result = cli("record", "list")
    assert result.code == 1 and str(cli.db) in result.err and "不是 SQLite" in result.err
    assert cli.db.read_bytes() == original


def test_database_from_newer_version(cli):
    assert cli("init").code == 0
    conn = sqlite3.connect(cli.db)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = cli.fingerprint()
    result = cli("record", "list", lang="en")
    assert result.code == 1 and "newer version" in result.err
    assert cli.fingerprint() == before


def test_usage_errors_exit_2(cli):
    assert cli("record", "frobnicate").code == 2
    assert cli("record", "add").code == 2


def test_convert_bad_input(cli):
    assert cli("convert", "plutonium", "5").code == 1
    bad = cli("convert", "raw_coal", "abc")
    assert bad.code == 1 and "QTY" in bad.err
    assert cli("convert", "raw_coal", "-1").code == 1
