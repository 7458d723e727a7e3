"""Totals, counts, paybacks and progress of a cleaner-production audit (§4)."""

from __future__ import annotations

import datetime as dt

from ..reference import ReferenceData
from ..registry import computes
from .numbers import num, rounded

OPTION_QUANTITIES = ("investment_10k_yuan", "annual_benefit_10k_yuan", "energy_saving_tce",
                     "water_saving_t", "co2_reduction_t", "cod_t", "nh3n_t", "so2_t", "nox_t",
                     "particulates_t", "vocs_t")
COST_CLASSES = ("no_low", "medium_high")
OPTION_STATUSES = ("proposed", "rejected", "feasible", "implemented")


def payback_years(option: dict) -> float | None:
    """Simple payback ``investment / annual_benefit``; None when the benefit is 0 or missing."""
    benefit = num(option.get("annual_benefit_10k_yuan"))
    if benefit <= 0:
        return None
    return rounded(num(option.get("investment_10k_yuan")) / benefit)


def _stage(stages: list[dict], name: str) -> dict:
    return next((s for s in stages if s.get("stage") == name), {})


def audit_duration_days(stages: list[dict]) -> int | None:
    """Days from the start of preparation to the end of implementation, when both are known."""
    start = _stage(stages, "preparation").get("start")
    end = _stage(stages, "implementation").get("end")
    if not start or not end:
        return None
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days


@computes("cp_audit")
def compute_cp_audit(data: dict, ref: ReferenceData) -> dict:
    """Every computed value of an audit."""
    options = data.get("options") or []
    implemented = [o for o in options if o.get("status") == "implemented"]
    stages = data.get("stages") or []
    computed: dict = {
        f"implemented_{q}": rounded(sum(num(o.get(q)) for o in implemented))
        for q in OPTION_QUANTITIES
    }
    for cost in COST_CLASSES:
        computed[f"count_{cost}"] = sum(1 for o in options if o.get("cost_class") == cost)
    for status in OPTION_STATUSES:
        computed[f"count_{status}"] = sum(1 for o in options if o.get("status") == status)
    started = [s.get("stage") for s in stages if s.get("start")]
    computed["stage_reached"] = started[-1] if started else None
    computed["duration_days"] = audit_duration_days(stages)
    computed["options"] = [{"payback_years": payback_years(o)} for o in options]
    return computed
