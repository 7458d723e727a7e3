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


REPORT_WITH = ('{"form": "energy_report", "org_id": "91350100M000100Y43", "data": {"period": "2025", '
               '"value_added_10k_yuan": 52000, "lines": [{"energy": "raw_coal", "consumption_total": %s}]}}')


@pytest.mark.parametrize(("number", "reason_en"), [
    ("NaN", "must not be NaN or infinite"),
    ("Infinity", "must not be NaN or infinite"),
    ("-Infinity", "must not be NaN or infinite"),
    ("1e400", "beyond the limit of 1e12"),
    ("1" + "0" * 400, "beyond the limit of 1e12"),
    ("7" * 5000, "beyond the limit of 1e12"),
    ("-" + "9" * 4500 + ".5", "beyond the limit of 1e12"),
])
def test_numbers_a_float_cannot_hold_are_refused_naming_the_field(office, number, reason_en):
    path = office.tmp / "number.json"
    path.write_text(REPORT_WITH % number, encoding="utf-8")
    before = office.fingerprint()
    result = office("record", "add", "--json", str(path), lang="en")
    assert result.code == 1, result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert "lines[0].consumption_total" in result.err and reason_en in result.err
    assert office.fingerprint() == before


def test_a_lone_surrogate_is_refused_naming_the_file_and_place(office):
    path = office.tmp / "surrogate.json"
    path.write_text(REPORT_WITH.replace('"2025"', '"2025\\ud800"') % 1000, encoding="utf-8")
    before = office.fingerprint()
    for lang, words in (("zh", "不成对的代理项 U+D800"), ("en", "lone surrogate U+D800")):
        result = office("record", "add", "--json", str(path), lang=lang)
        assert result.code == 1 and "Traceback" not in result.err
        assert "surrogate.json" in result.err and "data.period" in result.err and words in result.err
    path.write_text(REPORT_WITH.replace('"org_id": "91350100M000100Y43"', '"org_id": "\\udfff"') % 1,
                    encoding="utf-8")
    result = office("record", "add", "--json", str(path), lang="en")
    assert result.code == 1 and "org_id" in result.err and "U+DFFF" in result.err
    assert office.fingerprint() == before


@pytest.mark.parametrize("depth", [100_000, 200])
def test_deeply_nested_json_is_refused_in_one_line(office, depth):
    path = office.tmp / "deep.json"
    path.write_text('{"form": "energy_report", "org_id": "x", "data": ' + "[" * depth + "]" * depth + "}",
                    encoding="utf-8")
    before = office.fingerprint()
    result = office("record", "add", "--json", str(path), lang="en")
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.count("\n") == 1 and "deep.json" in result.err and "nested" in result.err
    assert office.fingerprint() == before


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\t", "\n"])
def test_control_characters_in_text_are_refused_naming_the_field(office, char):
    before = office.fingerprint()
    org = org_json("91110000802100433B", name=f"北京示例{char}有限公司", admin_code="110000")
    result = office("org", "add", "--json", office.write_json("o.json", org), lang="en")
    assert result.code == 1 and "Traceback" not in result.err
    assert "(name)" in result.err and f"U+{ord(char):04X}" in result.err
    assert char not in result.err.rstrip("\n")  # the message names the character, never echoes it
    report = report_json()
    report["data"]["lines"][0]["energy"] = f"raw{char}coal"
    result = office("record", "add", "--json", office.write_json("r.json", report))
    assert result.code == 1 and "lines[0].energy" in result.err and f"U+{ord(char):04X}" in result.err
    assert office.fingerprint() == before


def test_justification_with_a_control_character_is_refused(office):
    report = report_json()
    report["data"]["lines"][0]["coefficient"] = 0.9  # far from the reference: a warning
    added = office("record", "add", "--json", office.write_json("r.json", report))
    assert added.code == 0, added.err
    record_id = added.out.strip()
    before = office.fingerprint()
    result = office("record", "justify", record_id, "--rule", "energy_report.coefficient_deviation",
                    "--text", "实测\x07热值", lang="en")
    assert result.code == 1 and "justification" in result.err and "U+0007" in result.err
    assert office.fingerprint() == before
    lines = office("record", "justify", record_id, "--rule", "energy_report.coefficient_deviation",
                   "--text", "第一行\r\n第二行\t附表")
    assert lines.code == 0, lines.err  # a justification may hold line breaks and tabs
    shown = office("record", "show", record_id, "--json")
    assert "第一行\\n第二行\\t附表" in shown.out


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


def test_review_comment_with_a_control_character_is_refused(office):
    added = office("record", "add", "--json", office.write_json("r.json", report_json()))
    record_id = added.out.strip()
    assert office("record", "submit", record_id).code == 0, office("record", "validate", record_id).out
    before = office.fingerprint()
    result = office("review", record_id, "--return", "--comment", "请核实\x1b[2J增加值", lang="en")
    assert result.code == 1 and "review comment" in result.err and "U+001B" in result.err
    assert "\x1b" not in result.err
    assert office.fingerprint() == before
    assert office("review", record_id, "--return", "--comment", "请核实增加值\n与统计快报不一致").code == 0
