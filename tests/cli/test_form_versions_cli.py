"""Form versions through the real command line: a v1-only installation and one with the test
version 2 of the energy report (``tests/fixtures/forms``) share one database file.
"""

from __future__ import annotations

import json
import os

import pytest

from fixtures.versions import NEW_FIELD, NEW_LABEL_EN, NEW_LABEL_ZH, NEW_RULE, OLD_LABEL_ZH, v1_and_v2
from lowcarbon_desk.domain.forms import FORMS_DIR_ENV

from .conftest import Cli, report_json


def v1_only(cli: Cli) -> Cli:
    cli.env.pop(FORMS_DIR_ENV, None)
    return cli


def with_v2(cli: Cli) -> Cli:
    cli.env[FORMS_DIR_ENV] = v1_and_v2()
    return cli


def add(cli: Cli, payload: dict) -> str:
    result = cli("record", "add", "--json", cli.write_json("record.json", payload))
    assert result.code == 0, result.err
    return result.out.strip()


@pytest.mark.slow
def test_records_of_both_versions_side_by_side(office: Cli) -> None:
    old = add(v1_only(office), report_json(gross_output_10k_yuan=150000))
    assert office("record", "submit", old).code == 0

    with_v2(office)
    shown = office("record", "show", old)
    assert shown.code == 0 and " v1 " in shown.out
    assert f"{OLD_LABEL_ZH}: 150000 万元" in shown.out and NEW_LABEL_ZH not in shown.out
    assert json.loads(office("record", "show", old, "--json").out)["form_version"] == 1
    assert office("record", "validate", old).code == 0

    payload = report_json(gross_output_10k_yuan=50000, **{NEW_FIELD: 340})
    new = add(office, payload)
    doc = json.loads(office("record", "show", new, "--json").out)
    assert doc["form_version"] == 2 and doc["data"][NEW_FIELD] == 340
    text = office("record", "show", new).out
    assert " v2 " in text and "年末从业人员: 340 人" in text and f"{NEW_LABEL_ZH}: 50000 万元" in text
    assert f"{NEW_LABEL_EN}: 50000 10k yuan" in office("record", "show", new, lang="en").out
    validated = office("record", "validate", new, lang="en")
    assert validated.code == 1
    assert f"[error] {NEW_RULE} value_added_10k_yuan: Industrial value added (value_added_10k_yuan): " \
           "value added cannot exceed gross output" in validated.out

    older = add(office, {**report_json(), "form_version": 1})
    assert json.loads(office("record", "show", older, "--json").out)["form_version"] == 1
    refused = office("record", "add", "--json", office.write_json("r.json", report_json(**{NEW_FIELD: 1}) | {"form_version": 1}))
    assert refused.code == 1 and NEW_FIELD in refused.err


@pytest.mark.slow
def test_revise_onto_the_newest_version(office: Cli) -> None:
    old = add(v1_only(office), report_json())
    assert office("record", "submit", old).code == 0
    with_v2(office)
    plain = office("record", "revise", old)
    assert plain.code == 0
    draft = plain.out.strip()
    assert json.loads(office("record", "show", draft, "--json").out)["form_version"] == 1

    moved = office("record", "revise", draft, "--to-latest")
    assert moved.code == 0, moved.err
    assert moved.out.strip() == draft  # a draft moves in place
    assert "energy_report：第 1 版 → 第 2 版" in moved.err
    assert f"新增字段：「年末从业人员」({NEW_FIELD})" in moved.err
    assert f"名称改变的字段：gross_output_10k_yuan：「{OLD_LABEL_ZH}」→「{NEW_LABEL_ZH}」" in moved.err
    doc = json.loads(office("record", "show", draft, "--json").out)
    assert doc["form_version"] == 2 and doc["data"][NEW_FIELD] is None
    assert doc["data"]["lines"] == json.loads(office("record", "show", old, "--json").out)["data"]["lines"]

    again = office("record", "revise", draft, "--to-latest", lang="en")
    assert again.code == 1 and again.err.strip().endswith("(version 2)")
    assert again.err.count("\n") == 1 and "Traceback" not in again.err


@pytest.mark.slow
def test_a_newer_version_is_refused_by_an_older_installation(office: Cli) -> None:
    new = add(with_v2(office), report_json(**{NEW_FIELD: 12}))
    v1_only(office)
    before = office.fingerprint()
    listed = office("record", "list")
    assert listed.code == 0 and new in listed.out
    for args in (("record", "show", new), ("record", "validate", new), ("record", "submit", new),
                 ("record", "add", "--json", office.write_json("v2.json", {**report_json(), "form_version": 2}))):
        for lang, needles in (("zh", ("表单 energy_report 第 2 版", "请更新程序")),
                              ("en", ("form energy_report version 2", "update the program"))):
            result = office(*args, lang=lang)
            assert result.code == 1, args
            assert all(n in result.err for n in needles), result.err
            assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert office.fingerprint() == before


def test_a_broken_form_file_is_one_line_not_a_traceback(office: Cli, tmp_path) -> None:
    folder = tmp_path / "broken-forms"
    folder.mkdir()
    (folder / "energy_report.v3.toml").write_text('form = "energy_report"\nversion = 3\ntitle_zh = [\n', encoding="utf-8")
    before = office.fingerprint()
    office.env[FORMS_DIR_ENV] = f"{v1_and_v2()}{os.pathsep}{folder}"
    for lang, needle in (("zh", "表单定义文件有误"), ("en", "a form definition file is wrong")):
        result = office("record", "list", lang=lang)
        assert result.code == 1 and needle in result.err and "energy_report.v3.toml" in result.err
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert office.fingerprint() == before
