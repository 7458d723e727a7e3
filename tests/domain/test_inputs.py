"""Generic input checks of ``normalise``/``values``: each rule id with a failing case.

A present value must be well-formed to be stored at all; every problem names its field path
in both languages and is an error. A meta-test collects the rule ids from the source so a
new check without a case here fails.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lowcarbon_desk.domain import normalise as normalise_module
from lowcarbon_desk.domain import text as text_module
from lowcarbon_desk.domain import values as values_module
from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import FieldDef, all_forms, get_form
from lowcarbon_desk.domain.issues import ERROR
from lowcarbon_desk.domain.normalise import read_scalar
from lowcarbon_desk.domain.reference import shipped_reference
from lowcarbon_desk.domain.values import (
    ValueProblem,
    read_date,
    read_int,
    read_number,
    read_period,
    read_text,
    read_year,
)

from .samples import SAMPLE_ORG, coal_line, sample


def put(path: str, value: object):
    """A mutation setting ``path`` (``name``, ``name[i]`` or ``name[i].column``) to ``value``."""
    match = re.fullmatch(r"(\w+)(?:\[(\d+)\](?:\.(\w+))?)?", path)
    assert match, path
    name, index, column = match.groups()

    def mutate(data: dict) -> None:
        if index is None:
            data[name] = value
        elif column is None:
            data[name][int(index)] = value
        else:
            data[name][int(index)][column] = value
    return mutate


def whole(name: str, value: object):
    def mutate(data: dict) -> None:
        data[name] = value
    return mutate


LONG = "长" * 2001
TWO_COAL = [coal_line(), coal_line(purchase_value_k_yuan=1)]
ATTACHMENT = {"name": "a.pdf", "size": 3, "sha256": "a" * 64}

# (rule, form, mutation, field path, case name)
CASES = [
    ("field.number", "energy_report", put("value_added_10k_yuan", "abc"), "value_added_10k_yuan", "text"),
    ("field.number", "energy_report", put("lines[0].consumption_total", "一千"), "lines[0].consumption_total", "chinese"),
    ("field.number", "energy_report", put("gross_output_10k_yuan", True), "gross_output_10k_yuan", "bool"),
    ("field.number", "energy_report", put("gross_output_10k_yuan", [1]), "gross_output_10k_yuan", "list"),
    ("field.number", "energy_report", put("gross_output_10k_yuan", "1.2.3"), "gross_output_10k_yuan", "two dots"),
    ("field.finite", "energy_report", put("lines[0].consumption_total", math.nan), "lines[0].consumption_total", "nan"),
    ("field.finite", "energy_report", put("value_added_10k_yuan", "NaN"), "value_added_10k_yuan", "nan text"),
    ("field.finite", "energy_report", put("value_added_10k_yuan", math.inf), "value_added_10k_yuan", "inf"),
    ("field.finite", "energy_report", put("value_added_10k_yuan", "-Infinity"), "value_added_10k_yuan", "-inf text"),
    ("field.too_large", "energy_report", put("value_added_10k_yuan", 1e12 + 1), "value_added_10k_yuan", "1e12+1"),
    ("field.too_large", "energy_report", put("value_added_10k_yuan", "1e15"), "value_added_10k_yuan", "text"),
    ("field.too_large", "energy_budget", put("adjustments", [{"date": "2025-01-01", "delta_tce": -2e12, "reason": "other"}]), "adjustments[0].delta_tce", "negative huge"),
    ("field.too_large", "energy_budget", put("year", 10**13), "year", "year"),
    ("field.negative", "energy_report", put("value_added_10k_yuan", -1), "value_added_10k_yuan", "header"),
    ("field.negative", "energy_report", put("lines[0].feedstock_use", -0.5), "lines[0].feedstock_use", "column"),
    ("field.negative", "energy_budget", put("monthly_actual_tce", [None, None, -5] + [None] * 9), "monthly_actual_tce[2]", "month"),
    ("field.range", "energy_budget", put("power_coal_gce_per_kwh", 199), "power_coal_gce_per_kwh", "below min"),
    ("field.range", "energy_budget", put("power_coal_gce_per_kwh", 400.5), "power_coal_gce_per_kwh", "above max"),
    ("field.range", "energy_budget", put("budget_tce", 0), "budget_tce", "gt 0"),
    ("field.range", "pilot_application", put("baseline_non_fossil_pct", 100.1), "baseline_non_fossil_pct", "percent"),
    ("field.enum", "energy_report", put("lines[0].energy", "coal"), "lines[0].energy", "energy code"),
    ("field.enum", "energy_report", put("grid_factor_id", "mars_grid"), "grid_factor_id", "grid factor"),
    ("field.enum", "org", put("kind", "company"), "kind", "org kind"),
    ("field.enum", "cp_audit", put("mandatory_reasons", ["noise"]), "mandatory_reasons[0]", "set item"),
    ("field.enum", "energy_report", put("lines[0].energy", 3), "lines[0].energy", "number"),
    ("field.pattern", "org", put("contact_phone", "12345"), "contact_phone", "phone"),
    ("field.pattern", "org", put("contact_phone", "0591-123456"), "contact_phone", "landline short"),
    ("field.pattern", "org", put("admin_code", "35010"), "admin_code", "admin code"),
    ("field.pattern", "org", put("industry_code", "c3011"), "industry_code", "industry code"),
    ("field.pattern", "org", put("admin_code", "35010\u0660"), "admin_code", "arabic-indic digit"),
    ("field.pattern", "org", put("contact_phone", "138000000001"), "contact_phone", "12 digits"),
    ("field.length", "org", put("name", "名" * 201), "name", "name"),
    ("field.length", "cp_audit", put("consultancy", LONG), "consultancy", "default 2000"),
    ("field.length", "org", put("org_id", "9135010" * 3), "org_id", "org id"),
    ("field.text", "org", put("name", 12.5), "name", "float"),
    ("field.text", "cp_audit", put("focus", {"a": 1}), "focus", "object"),
    ("field.date", "cp_audit", put("evaluation_date", "2025-13-01"), "evaluation_date", "month 13"),
    ("field.date", "cp_audit", put("evaluation_date", "2025-02-30"), "evaluation_date", "feb 30"),
    ("field.date", "cp_audit", put("evaluation_date", "yesterday"), "evaluation_date", "word"),
    ("field.date", "cp_audit", put("evaluation_date", "10/11/2025"), "evaluation_date", "us form"),
    ("field.date", "cp_audit", put("evaluation_date", "1999-12-31"), "evaluation_date", "before 2000"),
    ("field.date", "cp_audit", put("evaluation_date", 20251110), "evaluation_date", "number"),
    ("field.date", "cp_audit", put("stages[0].start", "2025-1-32"), "stages[0].start", "stage"),
    ("field.period", "energy_report", put("period", "2025-13"), "period", "month 13"),
    ("field.period", "energy_report", put("period", "2025-00"), "period", "month 0"),
    ("field.period", "energy_report", put("period", "25"), "period", "short"),
    ("field.period", "energy_report", put("period", "1999"), "period", "1999"),
    ("field.period", "energy_report", put("period", "2025-3"), "period", "one-digit month"),
    ("field.period", "energy_report", put("period", "2025Q1"), "period", "quarter"),
    ("field.period", "energy_report", put("period", 2025.5), "period", "float"),
    ("field.year", "cp_audit", put("audit_year", 1999), "audit_year", "1999"),
    ("field.year", "cp_audit", put("audit_year", "2101"), "audit_year", "2101"),
    ("field.year", "pilot_application", put("projects[0].end_year", 3000), "projects[0].end_year", "column"),
    ("field.integer", "cp_audit", put("audit_year", 2025.5), "audit_year", "fraction"),
    ("field.unknown", "energy_report", put("colour", "red"), "colour", "top level"),
    ("field.unknown", "energy_report", put("lines[0].colour", "red"), "lines[0].colour", "column"),
    ("lines.duplicate", "energy_report", whole("lines", TWO_COAL), "lines[1].energy", "same code"),
    ("options.duplicate", "cp_audit", lambda d: d["options"].append(dict(d["options"][0])), "options[1].code", "same code"),
    ("stages.duplicate", "cp_audit", lambda d: d["stages"].append(dict(d["stages"][0])), "stages[7].stage", "same stage"),
    ("mandatory_reasons.duplicate", "cp_audit", put("mandatory_reasons", ["high_energy", "超能耗限额"]), "mandatory_reasons[1]", "label repeats value"),
    ("field.months", "energy_budget", put("monthly_actual_tce", [1] * 11), "monthly_actual_tce", "11 months"),
    ("field.months", "energy_budget", put("monthly_actual_tce", {"1": 5}), "monthly_actual_tce", "object"),
    ("field.list", "energy_report", put("lines", "raw_coal"), "lines", "group"),
    ("field.list", "cp_audit", put("mandatory_reasons", "high_energy"), "mandatory_reasons", "set"),
    ("field.list", "pilot_application", put("attachments", ATTACHMENT), "attachments", "attachments"),
    ("field.max_items", "energy_report", whole("lines", [coal_line()] * 51), "lines", "51 lines"),
    ("field.item", "energy_report", whole("lines", ["raw_coal"]), "lines[0]", "text item"),
    ("attachment.metadata", "pilot_application", put("attachments", [{"name": "a.pdf"}]), "attachments[0]", "no sha"),
    ("attachment.metadata", "pilot_application", put("attachments", ["a.pdf"]), "attachments[0]", "text"),
    # text hygiene (domain/text.py): named by code point, never echoed
    ("field.control_char", "cp_audit", put("focus", "锅炉\x07空压"), "focus", "bell"),
    ("field.control_char", "org", put("name", "示例\x00公司"), "name", "nul"),
    ("field.control_char", "org", put("name", "示例\x7f公司"), "name", "del"),
    ("field.control_char", "org", put("name", "示例\x9b公司"), "name", "c1 csi"),
    ("field.control_char", "org", put("name", "示例\ufffe公司"), "name", "non-character"),
    ("field.control_char", "energy_report", put("period", "2025\x01"), "period", "in a period"),
    ("field.control_char", "energy_report", put("lines[0].energy", "raw_coal\x1b[2J"), "lines[0].energy", "escape in a code"),
    ("field.control_char", "cp_audit", put("evaluation_date", "2025-11-10\x00"), "evaluation_date", "in a date"),
    ("field.control_char", "cp_audit", put("mandatory_reasons", ["high\x00_energy"]), "mandatory_reasons[0]", "set item"),
    ("field.control_char", "pilot_application", put("measures", "一\r二"), "measures", "lone CR, multi-line"),
    ("field.control_char", "pilot_application", put("measures", "一\n二\x0c三"), "measures", "form feed, multi-line"),
    ("field.control_char", "pilot_application", put("attachments", [{**ATTACHMENT, "name": "a\x01.pdf"}]), "attachments[0]", "attachment name"),
    ("field.single_line", "cp_audit", put("focus", "锅炉\n空压"), "focus", "line break"),
    ("field.single_line", "org", put("address", "示例\t路"), "address", "tab"),
    ("field.single_line", "org", put("contact_name", "张\r\n三"), "contact_name", "crlf"),
    ("field.surrogate", "org", put("name", "示例\ud800公司"), "name", "high"),
    ("field.surrogate", "pilot_application", put("measures", "措施\udfff"), "measures", "low, multi-line"),
    ("field.surrogate", "energy_report", put("lines[0].energy", "\ud83d"), "lines[0].energy", "half an emoji"),
    # numbers a float cannot hold, refused by value before any conversion
    ("field.too_large", "energy_report", put("value_added_10k_yuan", 10**400), "value_added_10k_yuan", "int 1e400"),
    ("field.too_large", "energy_report", put("value_added_10k_yuan", -(7 * 10**4999)), "value_added_10k_yuan", "5000 digits"),
    ("field.too_large", "energy_report", put("value_added_10k_yuan", Decimal("1e400")), "value_added_10k_yuan", "decimal 1e400"),
    ("field.too_large", "energy_report", put("value_added_10k_yuan", "1" + "0" * 400), "value_added_10k_yuan", "text 1e400"),
    ("field.too_large", "energy_report", put("value_added_10k_yuan", "1e400"), "value_added_10k_yuan", "text e notation"),
    ("field.too_large", "energy_report", put("value_added_10k_yuan", "-1e999999999999"), "value_added_10k_yuan", "exponent beyond Decimal's context"),
    ("field.too_large", "energy_budget", put("year", 10**400), "year", "int year"),
    ("field.finite", "energy_report", put("value_added_10k_yuan", Decimal("NaN")), "value_added_10k_yuan", "decimal nan"),
    ("field.finite", "energy_report", put("value_added_10k_yuan", Decimal("-Infinity")), "value_added_10k_yuan", "decimal inf"),
    ("field.number", "energy_report", put("value_added_10k_yuan", "9" * 10_001), "value_added_10k_yuan", "text too long"),
    ("field.length", "org", put("name", 10**400), "name", "huge int as text"),
    ("field.period", "energy_report", put("period", 10**400), "period", "huge int period"),
    ("field.enum", "energy_report", put("lines[0].energy", 10**5000), "lines[0].energy", "huge int code"),
]


def _run(form_id: str, mutate) -> object:
    data = sample(form_id)
    mutate(data)
    return evaluate(form_id, data, org=SAMPLE_ORG[form_id])


@pytest.mark.parametrize("rule, form_id, mutate, path, name", CASES,
                         ids=[f"{c[0]}:{c[4]}" for c in CASES])
def test_input_problem(rule: str, form_id: str, mutate, path: str, name: str) -> None:
    result = _run(form_id, mutate)
    found = [i for i in result.input_problems if i.rule == rule]
    assert [i.field for i in found] == [path], [(i.rule, i.field) for i in result.input_problems]
    issue = found[0]
    assert issue.severity == ERROR
    assert path in issue.message_zh and path in issue.message_en
    form = get_form(form_id)
    assert issue.message_zh.startswith(form.describe(path, "zh") + "：")
    assert issue.message_en.startswith(form.describe(path, "en") + ": ")
    # an input problem is among the record's issues and blocks it
    assert issue in result.issues and issue in result.blocking


def test_record_data_must_be_an_object() -> None:
    result = evaluate("energy_report", ["not", "an", "object"])
    assert [(i.rule, i.severity, i.field) for i in result.input_problems] == [
        ("record.data", ERROR, "")]
    assert "JSON 对象" in result.input_problems[0].message_zh
    assert "JSON object" in result.input_problems[0].message_en


def test_bool_reader() -> None:
    """No form has an entered yes/no field yet; the reader is checked directly."""
    form = get_form("energy_report")
    spec = FieldDef(id="flag", type="bool", label_zh="标志", label_en="Flag")
    ref = shipped_reference()
    assert read_scalar(form, spec, True, ref) is True
    with pytest.raises(ValueProblem) as info:
        read_scalar(form, spec, "yes", ref)
    assert info.value.rule == "field.bool"


def _source_rules() -> set[str]:
    """Rule ids the input checks can produce, read from their source."""
    rules: set[str] = set()
    for module in (values_module, normalise_module, text_module):
        text = Path(module.__file__).read_text(encoding="utf-8")
        rules |= set(re.findall(r'(?:ValueProblem\(|TextProblem\(|sink\.add\()\s*"([a-z_]+\.[a-z_]+)"', text))
    assert 'f"{spec.id}.duplicate"' in Path(normalise_module.__file__).read_text(encoding="utf-8")
    for form in all_forms().values():
        for spec in form.fields:
            if spec.type == "set" or spec.unique or spec.fixed_key:
                rules.add(f"{spec.id}.duplicate")
    return rules


def test_every_input_check_has_a_case() -> None:
    source = _source_rules()
    covered = {c[0] for c in CASES} | {"record.data", "field.bool"}
    assert source >= {"field.number", "field.finite", "field.too_large", "field.negative",
                      "field.range", "field.enum", "field.pattern", "field.length", "field.date",
                      "field.period", "field.year", "field.integer", "field.unknown",
                      "lines.duplicate", "options.duplicate", "stages.duplicate",
                      "field.months", "field.list"}
    assert source - covered == set(), "input checks without a case"


# --- what is accepted, and how it is normalised -------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    (1000, 1000), (1000.0, 1000), ("1,234.5", 1234.5), (" 1 234 ", 1234), ("１２３", 123),
    ("1e3", 1000), (-0.0, 0), (1e12, 10**12), (-1e12, -(10**12)), ("0.1", 0.1),
])
def test_read_number_accepts(raw, expected) -> None:
    value = read_number(raw)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("raw, expected", [
    ("2025-03-01", "2025-03-01"), ("2025-3-1", "2025-03-01"), ("2025/3/1", "2025-03-01"),
    ("2025.3.1", "2025-03-01"), ("2025年3月1日", "2025-03-01"), ("2025年3月1", "2025-03-01"),
    (dt.date(2025, 3, 1), "2025-03-01"), (dt.datetime(2025, 3, 1, 12, 0), "2025-03-01"),
    ("２０２５-０３-０１", "2025-03-01"), ("2024-02-29", "2024-02-29"),
])
def test_read_date_accepts(raw, expected) -> None:
    assert read_date(raw) == expected


def test_read_date_rejects_feb_29_of_common_year() -> None:
    with pytest.raises(ValueProblem) as info:
        read_date("2025-02-29")
    assert info.value.rule == "field.date"


@pytest.mark.parametrize("raw, expected", [
    ("2025", "2025"), ("2025-03", "2025-03"), (2025, "2025"), ("2025年", "2025"),
    ("2025年3月", "2025-03"), (" 2025-12 ", "2025-12"),
])
def test_read_period_accepts(raw, expected) -> None:
    assert read_period(raw) == expected


@pytest.mark.parametrize("raw, expected", [(2025, 2025), ("2025", 2025), ("2025年", 2025),
                                           (2025.0, 2025), (2000, 2000), (2100, 2100)])
def test_read_year_accepts(raw, expected) -> None:
    assert read_year(raw) == expected


def test_read_int_and_text() -> None:
    assert read_int("12") == 12
    assert read_text("  a b  ", 3) == "a b"
    assert read_text(12, 5) == "12"
    with pytest.raises(ValueProblem):
        read_text("abcd", 3)


def test_normalise_labels_defaults_and_blanks() -> None:
    data = sample("energy_report")
    data["lines"] = [coal_line(energy="原煤"), coal_line(energy="Natural gas")]
    data["gross_output_10k_yuan"] = "  "
    data["period"] = " 2025 "
    result = evaluate("energy_report", data)
    assert result.input_problems == []
    assert [line["energy"] for line in result.data["lines"]] == ["raw_coal", "natural_gas"]
    assert result.data["gross_output_10k_yuan"] is None
    assert result.data["period"] == "2025"
    budget = sample("energy_budget")
    del budget["basis"]
    assert evaluate("energy_budget", budget).data["basis"] == "equivalent"
    audit = sample("cp_audit")
    audit["acceptance_result"] = ""
    audit["acceptance_date"] = None
    assert evaluate("cp_audit", audit).data["acceptance_result"] == "pending"


def test_full_width_codes_and_phones_become_ascii() -> None:
    """Chinese input methods often give full-width digits: patterned text is NFKC-normalised."""
    data = sample("org")
    data.update(admin_code="３５０１００", contact_phone="１３８００００００００",
                industry_code="Ｃ３０１１")
    result = evaluate("org", data)
    assert result.issues == []
    assert (result.data["admin_code"], result.data["contact_phone"],
            result.data["industry_code"]) == ("350100", "13800000000", "C3011")
    data["name"] = "（示例）公司"  # text without a pattern is kept as typed
    assert evaluate("org", data).data["name"] == "（示例）公司"


def test_stages_are_put_in_fixed_order_and_completed() -> None:
    data = sample("cp_audit")
    data["stages"] = [{"stage": "assessment", "start": "2025-03-01"},
                      {"stage": "preparation", "start": "2025-01-06"}]
    result = evaluate("cp_audit", data)
    assert [s["stage"] for s in result.data["stages"]] == [
        "preparation", "pre_assessment", "assessment", "options", "feasibility",
        "implementation", "continuous"]
    assert result.data["stages"][0]["start"] == "2025-01-06"
    assert result.data["stages"][1] == {"stage": "pre_assessment", "start": None, "end": None}


def test_set_is_kept_in_enum_order() -> None:
    data = sample("cp_audit")
    data.update(kind="mandatory", mandatory_reasons=["toxic_substances", "超标/超总量排放"])
    assert evaluate("cp_audit", data).data["mandatory_reasons"] == [
        "exceeds_standards", "toxic_substances"]


def test_several_problems_are_all_reported() -> None:
    data = sample("energy_report")
    data.update(period="2025-13", value_added_10k_yuan=-1)
    data["lines"][0].update(consumption_total="x", energy="coal")
    result = evaluate("energy_report", data)
    assert sorted((i.rule, i.field) for i in result.input_problems) == [
        ("field.enum", "lines[0].energy"), ("field.negative", "value_added_10k_yuan"),
        ("field.number", "lines[0].consumption_total"), ("field.period", "period")]


def test_messages_in_both_languages_carry_the_reason() -> None:
    data = sample("energy_report")
    data["value_added_10k_yuan"] = "abc"
    issue = evaluate("energy_report", data).input_problems[0]
    assert issue.message_zh == "「工业增加值」(value_added_10k_yuan)：“abc”不是数字"
    assert issue.message_en == "Industrial value added (value_added_10k_yuan): 'abc' is not a number"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_read_number_round_trips_finite_floats(value: float) -> None:
    assert read_number(value) == value
    assert read_number(repr(value)) == value


@given(st.floats(allow_nan=True, allow_infinity=True).filter(
    lambda v: not math.isfinite(v) or abs(v) > 1e12))
def test_read_number_rejects_nonfinite_and_huge(value: float) -> None:
    with pytest.raises(ValueProblem) as info:
        read_number(value)
    assert info.value.rule in {"field.finite", "field.too_large"}


@given(st.text(max_size=30))
def test_read_number_never_crashes_on_text(text: str) -> None:
    try:
        value = read_number(text)
    except ValueProblem as problem:
        assert problem.rule in {"field.number", "field.finite", "field.too_large"}
    else:
        assert math.isfinite(value) and abs(value) <= 1e12
