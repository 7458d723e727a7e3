"""Text hygiene and exact numbers on every path: forms engine, free texts, package records."""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lowcarbon_desk.domain.errors import InputError
from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.records import canonical_json
from lowcarbon_desk.domain.text import clean_free_text, echo, shown, text_problem
from lowcarbon_desk.domain.values import ValueProblem, read_number, read_text
from lowcarbon_desk.packages.errors import RecordFileError
from lowcarbon_desk.packages.recordfile import (
    parse_decision_record,
    parse_submission_record,
    submission_record_file,
)
from lowcarbon_desk.storage import Store

from .samples import ENTERPRISE, SAMPLE_ORG, sample
from .test_inputs import CASES, _run

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
HYGIENE = ("field.control_char", "field.single_line", "field.surrogate")


@pytest.mark.parametrize("case", [c for c in CASES if c[0] in HYGIENE], ids=lambda c: f"{c[0]}:{c[4]}")
def test_messages_name_the_character_and_never_echo_it(case) -> None:
    rule, form_id, mutate, _path, _name = case
    issue = next(i for i in _run(form_id, mutate).input_problems if i.rule == rule)
    for message in (issue.message_zh, issue.message_en):
        assert not FORBIDDEN.search(message), repr(message)
        assert re.search(r"U\+[0-9A-F]{4}", message)
    json.dumps(issue.message_en, ensure_ascii=False).encode("utf-8")  # printable and encodable


def test_multi_line_fields_keep_line_breaks_and_tabs() -> None:
    data = sample("pilot_application")
    data["measures"] = "  一、节能改造；\r\n二、光伏：\t屋顶 20 MW\n三、管理  "
    result = evaluate("pilot_application", data, org=SAMPLE_ORG["pilot_application"])
    assert not result.input_problems
    assert result.data["measures"] == "一、节能改造；\n二、光伏：\t屋顶 20 MW\n三、管理"


@pytest.mark.parametrize(("text", "multiline", "rule"), [
    ("a\x00b", True, "field.control_char"), ("a\x85b", False, "field.control_char"),
    ("a\u2028b", False, None),  # a Unicode line separator is text, not a control character
    ("a\nb", False, "field.single_line"), ("a\nb", True, None), ("a\tb", True, None),
    ("a\rb", True, "field.control_char"), ("\ud800", True, "field.surrogate"), ("正常文本", False, None),
])
def test_text_problem(text: str, multiline: bool, rule: str | None) -> None:
    problem = text_problem(text, multiline)
    assert (problem.rule if problem else None) == rule


def test_free_text_and_echo_helpers() -> None:
    assert clean_free_text(" 第一行\r\n第二行 ", "说明", "justification", subject="text") == "第一行\n第二行"
    with pytest.raises(InputError) as caught:
        clean_free_text("退回\x1b[31m", "审核意见", "review comment", subject="comment")
    assert caught.value.message("en") == "review comment: character 3 is the control character U+001B, which cannot be stored"
    assert shown("a\x07b") == "a\\u0007b" and len(shown("长" * 100)) == 61
    assert echo(10**5000) == "1.000e+5000" and echo([1, 2]) == "[… 2 items]" and echo("x\x00") == "'x\\\\u0000'"


_NUMBERS = st.one_of(st.integers(), st.floats(), st.decimals(), st.text(max_size=40),
                    st.from_regex(r"-?[0-9]{0,600}(\.[0-9]{0,30})?([eE][-+]?[0-9]{1,15})?", fullmatch=True))


@given(_NUMBERS)
def test_read_number_refuses_by_value_or_returns_a_bounded_number(value) -> None:
    try:
        number = read_number(value)
    except ValueProblem as problem:
        assert problem.rule in ("field.number", "field.finite", "field.too_large")
        return
    assert isinstance(number, int | float) and not isinstance(number, bool)
    assert math.isfinite(number) and abs(number) <= 1e12


@given(st.text(max_size=60), st.booleans())
def test_read_text_keeps_only_clean_text(value: str, multiline: bool) -> None:
    try:
        text = read_text(value, 2000, multiline)
    except ValueProblem as problem:
        assert problem.rule in HYGIENE
        return
    assert text_problem(text, multiline) is None
    text.encode("utf-8")  # storable: no lone surrogate


def test_underflow_is_zero_and_huge_exponents_are_too_large() -> None:
    assert read_number("1e-999999999") == 0 and read_number(Decimal("-1E-1000000000")) == 0
    with pytest.raises(ValueProblem) as caught:
        read_number(Decimal("1E+999999999"))
    assert caught.value.rule == "field.too_large"


# --- package records: the same checks, and no overflow ------------------------------------

@pytest.fixture
def record_file(tmp_path: Path) -> tuple[dict, Store]:
    store = Store.open(tmp_path / "e.db")
    store.add_orgs([ENTERPRISE], "填报员")
    record_id = store.add_record("energy_report", ENTERPRISE["org_id"], sample("energy_report"), "填报员")
    store.submit(record_id, "填报员")
    doc = submission_record_file(store.get_record(record_id, with_audit=True), store.get_org(ENTERPRISE["org_id"]))
    yield doc, store
    store.close()


def _parse(doc: dict, store: Store) -> str:
    with pytest.raises(RecordFileError) as caught:
        parse_submission_record(canonical_json(doc), "records/x.json", "pkg.lcpkg", store.catalog)
    return caught.value.message("en")


def test_a_valid_record_file_parses(record_file) -> None:
    doc, store = record_file
    parsed = parse_submission_record(canonical_json(doc), "records/x.json", "pkg.lcpkg", store.catalog)
    assert parsed.record_id == doc["record_id"]


def test_a_package_number_of_400_digits_is_refused_not_an_overflow(record_file) -> None:
    doc, store = record_file
    doc["data"]["value_added_10k_yuan"] = 10**400
    message = _parse(doc, store)
    # the package reader refuses it while parsing, before the forms engine sees it
    assert "data.value_added_10k_yuan" in message and "out of range" in message
    doc["data"]["value_added_10k_yuan"] = sample("energy_report")["value_added_10k_yuan"]
    doc["computed"]["total_tce"] = 10**400
    message = _parse(doc, store)
    assert "computed.total_tce" in message and "out of range" in message


def test_package_texts_with_control_characters_are_refused(record_file) -> None:
    doc, store = record_file
    bad = json.loads(json.dumps(doc))
    bad["data"]["lines"][0]["co2_factor_source"] = "实测\x07"
    assert "U+0007" in _parse(bad, store)
    bad = json.loads(json.dumps(doc))
    bad["org"]["name"] = "示例\x1b[2J钢铁"
    assert "organisation profile" in _parse(bad, store) and "U+001B" in _parse(bad, store)
    bad = json.loads(json.dumps(doc))
    bad["operator"] = "填报员\x00"
    assert "operator must be text" in _parse(bad, store)
    bad = json.loads(json.dumps(doc))
    bad["revision"] = 10**400
    message = _parse(bad, store)
    assert "field revision" in message and "out of range" in message
    bad["revision"] = 0
    assert "revision must be a positive integer" in _parse(bad, store)
    decision = {"record_id": doc["record_id"], "lineage_id": doc["lineage_id"], "revision": 1,
                "state": "returned", "comment": "请核实\x08"}
    with pytest.raises(RecordFileError) as caught:
        parse_decision_record(canonical_json(decision), "decisions/x.json", "d.lcpkg")
    assert "comment must be text" in caught.value.message("en")
