"""Form versions through the real command line: an installation with only the shipped forms and
one with the test's newer version of the energy report (``tests/fixtures/versions.py``: the newest
shipped version plus one, ``NEWER``) share one database file.
"""

from __future__ import annotations

import json
import os

import pytest

from fixtures.versions import (
    NEW_FIELD,
    NEW_LABEL_EN,
    NEW_LABEL_ZH,
    NEW_RULE,
    NEWER,
    OLD_LABEL_ZH,
    SHIPPED,
    shipped_and_newer,
)
from lowcarbon_desk.domain.forms import FORMS_DIR_ENV

from .conftest import Cli, report_json


def shipped_only(cli: Cli) -> Cli:
    cli.env.pop(FORMS_DIR_ENV, None)
    return cli


def with_newer(cli: Cli) -> Cli:
    cli.env[FORMS_DIR_ENV] = shipped_and_newer()
    return cli


def add(cli: Cli, payload: dict) -> str:
    result = cli("record", "add", "--json", cli.write_json("record.json", payload))
    assert result.code == 0, result.err
    return result.out.strip()


@pytest.mark.slow
def test_records_of_both_versions_side_by_side(office: Cli) -> None:
    old = add(shipped_only(office), report_json(gross_output_10k_yuan=150000))
    assert office("record", "submit", old).code == 0

    with_newer(office)
    shown = office("record", "show", old)
    assert shown.code == 0 and f" v{SHIPPED} " in shown.out
    assert f"{OLD_LABEL_ZH}: 150000 万元" in shown.out and NEW_LABEL_ZH not in shown.out
    assert json.loads(office("record", "show", old, "--json").out)["form_version"] == SHIPPED
    assert office("record", "validate", old).code == 0

    payload = report_json(gross_output_10k_yuan=50000, **{NEW_FIELD: 340})
    new = add(office, payload)
    doc = json.loads(office("record", "show", new, "--json").out)
    assert doc["form_version"] == NEWER and doc["data"][NEW_FIELD] == 340
    text = office("record", "show", new).out
    assert f" v{NEWER} " in text and "年末从业人员: 340 人" in text and f"{NEW_LABEL_ZH}: 50000 万元" in text
    assert f"{NEW_LABEL_EN}: 50000 10k yuan" in office("record", "show", new, lang="en").out
    validated = office("record", "validate", new, lang="en")
    assert validated.code == 1
    assert f"[error] {NEW_RULE} value_added_10k_yuan: Industrial value added (value_added_10k_yuan): " \
           "value added cannot exceed gross output" in validated.out

    older = add(office, {**report_json(), "form_version": SHIPPED})
    assert json.loads(office("record", "show", older, "--json").out)["form_version"] == SHIPPED
    refused = office("record", "add", "--json",
                     office.write_json("r.json", report_json(**{NEW_FIELD: 1}) | {"form_version": SHIPPED}))
    assert refused.code == 1 and NEW_FIELD in refused.err


@pytest.mark.slow
def test_revise_onto_the_newest_version(office: Cli) -> None:
    old = add(shipped_only(office), report_json())
    assert office("record", "submit", old).code == 0
    with_newer(office)
    plain = office("record", "revise", old)
    assert plain.code == 0
    draft = plain.out.strip()
    assert json.loads(office("record", "show", draft, "--json").out)["form_version"] == SHIPPED

    moved = office("record", "revise", draft, "--to-latest")
    assert moved.code == 0, moved.err
    assert moved.out.strip() == draft  # a draft moves in place
    assert f"energy_report：第 {SHIPPED} 版 → 第 {NEWER} 版" in moved.err
    assert f"新增字段：「年末从业人员」({NEW_FIELD})" in moved.err
    assert f"名称改变的字段：gross_output_10k_yuan：「{OLD_LABEL_ZH}」→「{NEW_LABEL_ZH}」" in moved.err
    doc = json.loads(office("record", "show", draft, "--json").out)
    assert doc["form_version"] == NEWER and doc["data"][NEW_FIELD] is None
    assert doc["data"]["lines"] == json.loads(office("record", "show", old, "--json").out)["data"]["lines"]

    again = office("record", "revise", draft, "--to-latest", lang="en")
    assert again.code == 1 and again.err.strip().endswith(f"(version {NEWER})")
    assert again.err.count("\n") == 1 and "Traceback" not in again.err


@pytest.mark.slow
def test_a_newer_version_is_refused_by_an_older_installation(office: Cli) -> None:
    new = add(with_newer(office), report_json(**{NEW_FIELD: 12}))
    shipped_only(office)
    before = office.fingerprint()
    listed = office("record", "list")
    assert listed.code == 0 and new in listed.out
    for args in (("record", "show", new), ("record", "validate", new), ("record", "submit", new),
                 ("record", "add", "--json", office.write_json("newer.json", {**report_json(), "form_version": NEWER}))):
        for lang, needles in (("zh", (f"表单 energy_report 第 {NEWER} 版", "请更新程序")),
                              ("en", (f"form energy_report version {NEWER}", "update the program"))):
            result = office(*args, lang=lang)
            assert result.code == 1, args
            assert all(n in result.err for n in needles), result.err
            assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert office.fingerprint() == before


def test_a_broken_form_file_is_one_line_not_a_traceback(office: Cli, tmp_path) -> None:
    folder = tmp_path / "broken-forms"
    folder.mkdir()
    broken = f"energy_report.v{NEWER + 1}.toml"
    (folder / broken).write_text(f'form = "energy_report"\nversion = {NEWER + 1}\ntitle_zh = [\n', encoding="utf-8")
    before = office.fingerprint()
    office.env[FORMS_DIR_ENV] = f"{shipped_and_newer()}{os.pathsep}{folder}"
    for lang, needle in (("zh", "表单定义文件有误"), ("en", "a form definition file is wrong")):
        result = office("record", "list", lang=lang)
        assert result.code == 1 and needle in result.err and broken in result.err
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert office.fingerprint() == before
