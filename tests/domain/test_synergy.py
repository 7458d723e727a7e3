"""Co-benefits of measures (data-standard §8): every value worked out by hand from the spec's
numbers, each synergy class, the explanation, and version-1 records unchanged."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytest import approx

from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.explain import explain, expression
from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.domain.normalise import normalise
from lowcarbon_desk.domain.reference import shipped_reference
from lowcarbon_desk.domain.synergy import classify

from .samples import COUNTY, ENTERPRISE, sample

SPEC_OPTION = {"code": "S1", "name": "锅炉煤改气", "category": "raw_material_energy",
               "cost_class": "medium_high", "investment_10k_yuan": 300,
               "annual_benefit_10k_yuan": 60, "co2_reduction_t": 500, "so2_t": 1.9,
               "nox_t": 0.95, "vocs_t": 4, "cod_t": 2, "status": "implemented"}


def option(code: str, status: str = "implemented", **cuts: float) -> dict:
    return {"code": code, "name": f"方案{code}", "category": "technology", "cost_class": "no_low",
            "status": status, **cuts}


def audit(*options: dict, version: int | None = None):
    data = sample("cp_audit") | {"options": list(options)}
    return evaluate("cp_audit", data, org=ENTERPRISE, version=version)


def test_the_spec_measure_is_synergy_with_ratio_one_sixth() -> None:
    """SO2 1.9 t → 1,900 kg ÷ 0.95 = 2,000 equivalents; NOx 0.95 t → 1,000; VOCs and COD are
    not converted; CO2 500 t ÷ 3,000 = 0.1667 t per equivalent."""
    result = audit(SPEC_OPTION)
    assert result.form.version == 2 and result.errors == []
    item = result.computed["options"][0]
    assert item["equivalents_cut"] == 3000
    assert item["synergy_class"] == "synergy"
    assert item["co_control_ratio"] == approx(0.166667)
    assert round(500 / 3000, 4) == 0.1667


def test_particulates_use_their_own_equivalent_value() -> None:
    """Particulates 2.18 t → 2,180 kg ÷ 2.18 kg = 1,000 equivalents."""
    item = audit(option("P", co2_reduction_t=0, particulates_t=2.18)).computed["options"][0]
    assert item["equivalents_cut"] == 1000
    assert item["synergy_class"] == "pollution_only"
    assert item["co_control_ratio"] == 0  # 0 t ÷ 1,000


@pytest.mark.parametrize(("cuts", "expected", "ratio"), [
    ({"co2_reduction_t": 500, "so2_t": 0.95}, "synergy", 0.5),          # 500 ÷ 1,000
    ({"co2_reduction_t": 120}, "carbon_only", None),                    # no equivalents
    ({"co2_reduction_t": 120, "vocs_t": 3}, "carbon_only", None),       # VOCs not converted
    ({"nox_t": 0.095}, "pollution_only", 0),                            # 100 equivalents
    ({"co2_reduction_t": -80, "so2_t": 0.95}, "trade_off", -0.08),      # −80 ÷ 1,000
    ({"co2_reduction_t": 300, "so2_t": -0.19}, "trade_off", None),      # −200 equivalents
    ({}, "none", None),
    ({"co2_reduction_t": -10, "nox_t": -0.95}, "none", None),           # both worse: not one of the four
])
def test_each_synergy_class(cuts: dict, expected: str, ratio: float | None) -> None:
    result = audit(option("C", **cuts))
    assert result.errors == []
    item = result.computed["options"][0]
    assert item["synergy_class"] == expected
    assert item["co_control_ratio"] == (ratio if ratio is None else approx(ratio))


def test_classify_edges() -> None:
    assert classify(None, 0) == "none"
    assert classify(1, None) is None  # no equivalent values: no class
    assert classify(0, -5) == "none"


def test_audit_totals_count_implemented_options_only() -> None:
    result = audit(SPEC_OPTION,
                   option("B", co2_reduction_t=100),                          # carbon only
                   option("C", nox_t=0.19),                                   # 200 equivalents
                   option("D", "proposed", co2_reduction_t=9, so2_t=9.5))     # not counted
    c = result.computed
    assert c["implemented_equivalents_cut"] == 3200                           # 3,000 + 0 + 200
    assert [c[f"synergy_count_{k}"] for k in ("synergy", "carbon_only", "pollution_only",
                                              "trade_off", "none")] == [1, 1, 1, 0, 0]
    assert c["options"][3]["synergy_class"] == "synergy"  # still computed per option
    assert c["implemented_so2_t"] == approx(1.9)


def test_pilot_projects_carry_pollutant_cuts_and_co_benefits() -> None:
    data = sample("pilot_application")
    data["projects"] = [
        {"name": "燃煤锅炉淘汰", "category": "industry", "co2_cut_t_per_year": 500,
         "so2_cut_t_per_year": 1.9, "nox_cut_t_per_year": 0.95, "vocs_cut_t_per_year": 1},
        {"name": "碳汇林", "category": "carbon_sink", "co2_cut_t_per_year": 2000},
        {"name": "末端脱硝", "category": "industry", "co2_cut_t_per_year": -50,
         "nox_cut_t_per_year": 1.9, "pm_cut_t_per_year": 4.36},
    ]
    result = evaluate("pilot_application", data, org=COUNTY)
    assert result.form.version == 2 and result.errors == []
    c = result.computed
    assert [p["synergy_class"] for p in c["projects"]] == ["synergy", "carbon_only", "trade_off"]
    assert [p["equivalents_cut"] for p in c["projects"]] == [3000, 0, 4000]  # 2,000 + 2,000
    assert c["projects"][2]["co_control_ratio"] == approx(-0.0125)             # −50 ÷ 4,000
    assert c["total_equivalents_cut"] == 7000
    assert c["total_so2_cut_t_per_year"] == approx(1.9)
    assert c["total_nox_cut_t_per_year"] == approx(2.85)
    assert c["total_pm_cut_t_per_year"] == approx(4.36)
    assert c["total_vocs_cut_t_per_year"] == 1
    assert c["total_co2_cut_t_per_year"] == 2450
    assert (c["synergy_count_synergy"], c["synergy_count_carbon_only"],
            c["synergy_count_trade_off"]) == (1, 1, 1)


def test_version_1_records_gain_no_new_values_and_refuse_negative_cuts() -> None:
    v1 = audit(SPEC_OPTION, version=1)
    assert "equivalents_cut" not in v1.computed["options"][0]
    assert not [k for k in v1.computed if "equivalents" in k or "synergy" in k]
    assert [i.rule for i in audit(option("N", co2_reduction_t=-1), version=1).errors] == ["field.negative"]
    data = sample("pilot_application")
    data["projects"] = [{"name": "x", "category": "industry", "co2_cut_t_per_year": 5}]
    pilot = evaluate("pilot_application", data, org=COUNTY, version=1).computed
    assert "projects" not in pilot and "total_equivalents_cut" not in pilot


def test_the_explanation_names_the_equivalent_values_and_their_source() -> None:
    ref = shipped_reference()
    form = get_form("cp_audit", 2)
    clean, _ = normalise(form, sample("cp_audit") | {"options": [SPEC_OPTION]}, ref)
    found = {e.path: e for e in explain("cp_audit", clean, ref, version=2)}
    eq = found["options[0].equivalents_cut"]
    assert expression(eq.term) == "2,000 当量/年 + 1,000 当量/年 + 0 当量/年"
    factors = [t for t in _leaves(eq.term) if t.op == "factor"]
    assert [(f.source.key, f.value) for f in factors] == [("so2", 0.95), ("nox", 0.95), ("pm", 2.18)]
    assert factors[0].source.version == ref.version
    assert expression(found["options[0].synergy_class"].term, "en") == \
        "CO2 cut 500 t/a, equivalents cut 3,000 equivalents/a"
    assert expression(found["options[0].co_control_ratio"].term) == "500 吨/年 ÷ 3,000 当量/年"


def test_a_reference_set_without_equivalent_values_gives_none() -> None:
    ref = replace(shipped_reference(), pollutants={})
    data = sample("cp_audit") | {"options": [SPEC_OPTION]}
    c = evaluate("cp_audit", data, org=ENTERPRISE, ref=ref).computed
    assert c["options"][0]["equivalents_cut"] is None
    assert c["options"][0]["synergy_class"] is None
    assert c["implemented_equivalents_cut"] is None


def _leaves(term):
    yield term
    for arg in term.args:
        yield from _leaves(arg)
