"""Baseline intensities and project totals of a low-carbon pilot application (§5)."""

from __future__ import annotations

from ..reference import ReferenceData
from ..registry import computes
from .numbers import num, ratio, rounded


@computes("pilot_application")
def compute_pilot_application(data: dict, ref: ReferenceData) -> dict:
    """Every computed value of a pilot application."""
    projects = data.get("projects") or []
    assessment = data.get("self_assessment") or []
    cut = sum(num(p.get("co2_cut_t_per_year")) for p in projects)
    value_added = data.get("baseline_value_added_10k_yuan")
    energy, co2 = data.get("baseline_energy_tce"), data.get("baseline_co2_t")
    return {
        "baseline_energy_intensity": rounded(ratio(energy, value_added)),
        "baseline_carbon_intensity": rounded(ratio(co2, value_added)),
        "total_investment_10k_yuan": rounded(sum(num(p.get("investment_10k_yuan")) for p in projects)),
        "total_co2_cut_t_per_year": rounded(cut),
        "co2_cut_share_pct": rounded(ratio(cut * 100, co2)),
        "self_assessment_total": rounded(sum(num(a.get("score")) for a in assessment)),
        "self_assessment_max_total": rounded(sum(num(a.get("max_score")) for a in assessment)),
    }
