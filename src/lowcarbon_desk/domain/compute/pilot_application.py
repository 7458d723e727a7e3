"""Baseline intensities and project totals of a low-carbon pilot application (§5).

Every value is built as a traced term (``trace.py``): the stored number and its explanation
are the same computation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..jsontypes import Computed, RecordData, Terms
from ..reference import ReferenceData
from ..registry import computes
from ..synergy import MEASURES
from .synergy_terms import measure_terms, pollutant_total_terms, produces, record_terms
from .trace import const, given, op, total

if TYPE_CHECKING:
    from ..forms import FormDef

YUAN = ("万元", "10k yuan")
TCO2_A = ("吨CO2/年", "tCO2/a")


PRODUCES = ("baseline_energy_intensity", "baseline_carbon_intensity", "total_investment_10k_yuan",
            "total_co2_cut_t_per_year", "co2_cut_share_pct", "self_assessment_total",
            "self_assessment_max_total")


@computes("pilot_application", produces=PRODUCES)
def compute_pilot_application(form: FormDef, data: RecordData, ref: ReferenceData) -> Terms:
    """Every computed value of a pilot application."""
    projects = data.get("projects") or []
    assessment = data.get("self_assessment") or []
    cut = total((given(p.get("co2_cut_t_per_year"), f"projects[{i}].co2_cut_t_per_year", unit=TCO2_A)
                 for i, p in enumerate(projects)), ("项目年减排量合计", "projects' CO2 cut"), TCO2_A).named(
        words=("减排量合计 = Σ 各项目年减排量", "total cut = Σ every project's annual cut"), symbols="R = Σ Rᵢ")
    value_added = given(data.get("baseline_value_added_10k_yuan"), "baseline_value_added_10k_yuan", unit=YUAN)
    energy = given(data.get("baseline_energy_tce"), "baseline_energy_tce", unit=("吨标准煤", "tce"))
    co2 = given(data.get("baseline_co2_t"), "baseline_co2_t", unit=("吨CO2", "tCO2"))
    investment = total(given(p.get("investment_10k_yuan"), f"projects[{i}].investment_10k_yuan", unit=YUAN)
                       for i, p in enumerate(projects)).named(
        words=("总投资 = Σ 各项目投资", "total investment = Σ every project's investment"), symbols="I = Σ Iᵢ")
    scores = total(given(a.get("score"), f"self_assessment[{i}].score") for i, a in enumerate(assessment))
    max_scores = total(given(a.get("max_score"), f"self_assessment[{i}].max_score")
                       for i, a in enumerate(assessment))
    return {
        "baseline_energy_intensity": op("round", op("ratio", energy, value_added).named(
            words=("基准年能耗强度 = 基准年综合能耗 ÷ 基准年工业增加值",
                   "baseline energy intensity = baseline energy ÷ baseline value added"),
            symbols="e₀ = E₀ ÷ VA₀")),
        "baseline_carbon_intensity": op("round", op("ratio", co2, value_added).named(
            words=("基准年碳排放强度 = 基准年排放 ÷ 基准年工业增加值",
                   "baseline carbon intensity = baseline CO2 ÷ baseline value added"),
            symbols="c₀ = C₀ ÷ VA₀")),
        "total_investment_10k_yuan": op("round", investment),
        "total_co2_cut_t_per_year": op("round", cut),
        "co2_cut_share_pct": op("round", op("ratio", op("mul", cut, const(100)), co2).named(
            words=("减排占比 = 减排量合计 × 100 ÷ 基准年排放", "cut share = total cut × 100 ÷ baseline CO2"),
            symbols="s = R × 100 ÷ C₀")),
        "self_assessment_total": op("round", scores.named(
            words=("自评总分 = Σ 各项得分", "self-assessment = Σ scores"), symbols="S = Σ sᵢ")),
        "self_assessment_max_total": op("round", max_scores.named(
            words=("满分合计 = Σ 各项满分", "maximum = Σ maximum scores"), symbols="S_max = Σ mᵢ")),
    }


@computes("pilot_application", produces=PRODUCES + produces(MEASURES["pilot_application"],
                                                           pollutant_totals=True), since=2)
def compute_pilot_application_v2(form: FormDef, data: RecordData, ref: ReferenceData) -> Computed:
    """Version 2: version 1 plus each project's co-benefits (data-standard §8), the total cut
    of each pollutant and equivalents, and the count of projects per synergy class."""
    computed = compute_pilot_application(form, data, ref)
    columns = MEASURES["pilot_application"]
    projects = data.get("projects") or []
    per_item = [measure_terms(columns, p, i, ref) for i, p in enumerate(projects)]
    computed["projects"] = per_item
    computed.update(pollutant_total_terms(columns, projects))
    computed.update(record_terms(columns, projects, per_item, ref))
    return computed
