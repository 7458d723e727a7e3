"""Effective budget, utilisation, projection and status of an energy-use budget (§3)."""

from __future__ import annotations

from ..reference import ReferenceData
from ..registry import computes
from .numbers import num, ratio, rounded


def budget_status(pct: float | None, ref: ReferenceData) -> str | None:
    """``ok`` below the alert level, ``alert`` from it up to 100 %, ``exceeded`` above."""
    if pct is None:
        return None
    if pct > ref.threshold("budget_exceeded_pct"):
        return "exceeded"
    if pct >= ref.threshold("budget_alert_pct"):
        return "alert"
    return "ok"


@computes("energy_budget")
def compute_energy_budget(data: dict, ref: ReferenceData) -> dict:
    """Every computed value of a budget."""
    budget = data.get("budget_tce")
    effective = num(budget) + sum(num(a.get("delta_tce")) for a in data.get("adjustments") or [])
    months = [m for m in (data.get("monthly_actual_tce") or []) if m is not None]
    ytd = sum(months)
    reported = len(months)
    utilization = ratio(ytd * 100, effective) if budget is not None else None
    projected = ytd * 12 / reported if reported else None
    projected_utilization = ratio(projected * 100, effective) if projected is not None else None
    return {
        "effective_budget_tce": rounded(effective) if budget is not None else None,
        "ytd_actual_tce": rounded(ytd),
        "months_reported": reported,
        "utilization_pct": rounded(utilization),
        "projected_tce": rounded(projected),
        "projected_utilization_pct": rounded(projected_utilization),
        "status": budget_status(utilization, ref),
        "projected_status": budget_status(projected_utilization, ref),
        "planned_intensity": rounded(ratio(budget, data.get("planned_value_added_10k_yuan"))
                                     if budget is not None else None),
    }
