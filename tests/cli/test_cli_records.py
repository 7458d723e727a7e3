"""The record workflow through the real command line (cli.md)."""

from __future__ import annotations

import json

import pytest

from lowcarbon_desk.domain.reference import shipped_reference

from .conftest import STEEL, Cli, report_json


def test_init_prints_path_and_schema_version(cli):
    result = cli("init")
    assert result.code == 0
    assert str(cli.db.name) in result.out
    assert "数据库结构版本" in result.out
    assert "schema version" in cli("init", lang="en").out


def test_add_show_validate_submit_revise(office):
    added = office("record", "add", "--json", office.write_json("r.json", report_json()))
    assert added.code == 0, added.err
    record_id = added.out.strip()

    shown = office("record", "show", record_id, "--json")
    assert shown.code == 0
    doc = json.loads(shown.out)
    assert doc["record_id"] == record_id and doc["revision"] == 1 and doc["state"] == "draft"
    assert doc["computed"]["total_tce"] == 714.3
    assert doc["computed"]["combustion_co2_t"] == 1900.3
    assert doc["reference_data_version"] == shipped_reference().version
    assert doc["issues"] == []

    assert office("record", "validate", record_id).code == 0
    assert office("record", "submit", record_id).code == 0
    listed = json.loads(office("record", "list", "--json").out)
    assert [(r["record_id"], r["state"]) for r in listed] == [(record_id, "submitted")]

    revised = office("record", "revise", record_id)
    assert revised.code == 0
    new_id = revised.out.strip()
    new_doc = json.loads(office("record", "show", new_id, "--json").out)
    assert (new_doc["revision"], new_doc["state"], new_doc["previous_record_id"]) == (2, "draft", record_id)
    assert json.loads(office("record", "show", record_id, "--json").out)["state"] == "submitted"


def test_warning_blocks_submit_until_justified(office):
    report = report_json()
    report["data"]["lines"][0]["closing_stock"] = 80  # 8 % unexplained stock: a warning
    record_id = office("record", "add", "--json", office.write_json("r.json", report)).out.strip()
    validated = office("record", "validate", record_id)
    assert validated.code == 0  # warnings alone do not fail validation
    assert "energy_report.stock_balance" in validated.out

    before = office.fingerprint()
    refused = office("record", "submit", record_id)
    assert refused.code == 1
    assert "lines[0].closing_stock" in refused.err and "不能提交" in refused.err
    assert office.fingerprint() == before

    justified = office("record", "justify", record_id, "--rule", "energy_report.stock_balance",
                       "--text", "煤场损耗，已盘点")
    assert justified.code == 0
    assert office("record", "submit", record_id).code == 0
    doc = json.loads(office("record", "show", record_id, "--json").out)
    assert doc["issues"][0]["justification"] == "煤场损耗，已盘点"


def test_error_fails_validate_and_submit(office):
    report = report_json()
    report["data"]["lines"][0]["feedstock_use"] = 1200
    added = office("record", "add", "--json", office.write_json("r.json", report))
    assert added.code == 0
    record_id = added.out.strip()
    assert "错误" in added.err
    validated = office("record", "validate", record_id, lang="en")
    assert validated.code == 1
    assert "energy_report.feedstock_within_industrial" in validated.out
    assert "lines[0].feedstock_use" in validated.out
    assert office("record", "submit", record_id).code == 1


def test_submitted_record_refuses_justify(office):
    record_id = office("record", "add", "--json", office.write_json("r.json", report_json())).out.strip()
    office("record", "submit", record_id)
    before = office.fingerprint()
    result = office("record", "justify", record_id, "--rule", "x", "--text", "y")
    assert result.code == 1 and "只读" in result.err
    assert office.fingerprint() == before


def test_list_filters(office):
    office("record", "add", "--json", office.write_json("a.json", report_json()))
    office("record", "add", "--json", office.write_json("b.json", report_json(period="2025-03", value_added_10k_yuan=None)))
    assert len(json.loads(office("record", "list", "--period", "2025", "--json").out)) == 2
    assert len(json.loads(office("record", "list", "--period", "2025-03", "--json").out)) == 1
    assert len(json.loads(office("record", "list", "--org", STEEL, "--form", "energy_report", "--json").out)) == 2
    assert json.loads(office("record", "list", "--form", "cp_audit", "--json").out) == []


def test_org_list_json(office):
    orgs = json.loads(office("org", "list", "--json").out)
    assert [o["kind"] for o in orgs] == ["county", "enterprise"]


def test_convert_quick_checks(cli):
    assert "714.3 吨标准煤" in cli("convert", "raw_coal", "1000").out
    assert "122.9" in cli("convert", "electricity", "100").out
    gas = json.loads(cli("convert", "natural_gas", "50", "--json").out)
    assert gas["tce"] == 607.15 and gas["tco2"] == 1081.1
    heat = json.loads(cli("convert", "heat", "1000", "--json").out)
    assert heat["tce"] == 34.12 and heat["tco2"] == 110
    washed = json.loads(cli("convert", "washed_coal", "10", "--json").out)
    assert washed["tco2"] is None
    equal = json.loads(cli("convert", "electricity", "100", "--gce-per-kwh", "300", "--json").out)
    assert equal["tce"] == 300


@pytest.mark.slow
def test_demo_is_deterministic_for_a_seed(cli, tmp_path, _isolated_home):
    assert cli("demo", "--enterprises", "8", "--seed", "7").code == 0
    first = json.loads(cli("org", "list", "--json").out)
    records = json.loads(cli("record", "list", "--json").out)
    (tmp_path / "other").mkdir()
    other = Cli(tmp_path / "other", _isolated_home)
    assert other("demo", "--enterprises", "8", "--seed", "7").code == 0
    assert [o["org_id"] for o in json.loads(other("org", "list", "--json").out)] == [o["org_id"] for o in first]
    again = json.loads(other("record", "list", "--json").out)
    assert [(r["record_id"], r["total_tce"], r["state"]) for r in again] == \
        [(r["record_id"], r["total_tce"], r["state"]) for r in records]
    forms = {r["form"] for r in records}
    assert forms == {"energy_report", "energy_budget", "cp_audit", "pilot_application"}
    assert {r["budget_status"] for r in records if r["form"] == "energy_budget"} >= {"ok", "alert", "exceeded"}


def test_backup_and_restore(office, tmp_path):
    office("record", "add", "--json", office.write_json("r.json", report_json()))
    backup = tmp_path / "copy.db"
    assert office("backup", "-o", str(backup)).code == 0
    office("record", "add", "--json", office.write_json("r2.json", report_json(period="2024")))
    assert len(json.loads(office("record", "list", "--json").out)) == 2
    restored = office("restore", str(backup))
    assert restored.code == 0, restored.err
    assert len(json.loads(office("record", "list", "--json").out)) == 1
    assert list(tmp_path.glob("office.db.before-restore-*.bak"))


def test_attachments_through_the_command_line(office, tmp_path):
    county = "350100"
    pilot = {"form": "pilot_application", "org_id": county,
             "data": {"pilot_type": "county", "title": "示例县低碳试点", "baseline_year": 2025}}
    record_id = office("record", "add", "--json", office.write_json("p.json", pilot)).out.strip()
    scan = tmp_path / "批复.pdf"
    scan.write_bytes(b"%PDF-1.4 test document")
    added = office("record", "attach", record_id, str(scan))
    assert added.code == 0, added.err
    name, size, digest = added.out.strip().split("\t")
    assert (name, int(size)) == ("批复.pdf", scan.stat().st_size)
    doc = json.loads(office("record", "show", record_id, "--json").out)
    assert doc["data"]["attachments"][0]["sha256"] == digest

    before = office.fingerprint()
    bad = tmp_path / "macro.exe"
    bad.write_bytes(b"MZ")
    refused = office("record", "attach", record_id, str(bad))
    assert refused.code == 1 and "macro.exe" in refused.err
    assert office.fingerprint() == before

    assert office("record", "detach", record_id, "1").code == 0
    assert json.loads(office("record", "show", record_id, "--json").out)["data"]["attachments"] == []


def test_attachment_metadata_without_content_is_refused(office):
    pilot = {"form": "pilot_application", "org_id": "350100",
             "data": {"pilot_type": "county", "title": "示例县低碳试点",
                      "attachments": [{"name": "a.pdf", "size": 3, "sha256": "0" * 64}]}}
    before = office.fingerprint()
    result = office("record", "add", "--json", office.write_json("p.json", pilot))
    assert result.code == 1 and "attachments[0]" in result.err and "a.pdf" in result.err
    assert office.fingerprint() == before
