"""Effective budget, utilisation, projection and status of an energy-use budget (§3).

Every value is built as a traced term (``trace.py``): the stored number and its explanation
are the same computation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..jsontypes import RecordData, Terms
from ..reference import ReferenceData
from ..registry import computes
from .energy_report import threshold_term
from .trace import OPS, Term, const, given, op, total

if TYPE_CHECKING:
    from ..forms import FormDef

TCE = ("吨标准煤", "tce")
PCT = ("%", "%")


def budget_status(pct: float | None, ref: ReferenceData) -> str | None:
    """``ok`` below the alert level, ``alert`` from it up to 100 %, ``exceeded`` above."""
    status: str | None = OPS["status"](pct, ref.threshold("budget_alert_pct"), ref.threshold("budget_exceeded_pct"))
    return status


def _status_term(pct: Term, ref: ReferenceData) -> Term:
    return op("status", pct, threshold_term(ref.thresholds["budget_alert_pct"], ref),
              threshold_term(ref.thresholds["budget_exceeded_pct"], ref)).named(
        words=("使用率 < 预警线：正常；预警线 ≤ 使用率 ≤ 超限线：预警；高于超限线：超限",
               "below the alert level: ok; from it up to the exceeded level: alert; above: exceeded"))


PRODUCES = ("effective_budget_tce", "ytd_actual_tce", "months_reported", "utilization_pct",
            "projected_tce", "projected_utilization_pct", "status", "projected_status",
            "planned_intensity")


@computes("energy_budget", produces=PRODUCES)
def compute_energy_budget(form: FormDef, data: RecordData, ref: ReferenceData) -> Terms:
    """Every computed value of a budget."""
    budget = given(data.get("budget_tce"), "budget_tce", unit=TCE)
    adjustments = [given(a.get("delta_tce"), f"adjustments[{i}].delta_tce", unit=TCE)
                   for i, a in enumerate(data.get("adjustments") or [])]
    has_budget = op("present", budget)
    effective = total([budget, *adjustments]).named(
        ("有效预算", "effective budget"), TCE,
        ("有效预算 = 年度预算 + Σ 调整量", "effective budget = budget + Σ adjustments"), "B = B₀ + Σ ΔBⱼ")
    months = [given(m, f"monthly_actual_tce[{i}]", unit=TCE)
              for i, m in enumerate(data.get("monthly_actual_tce") or []) if m is not None]
    ytd = total(months, ("累计实际用能", "year-to-date actual"), TCE).named(
        words=("累计实际 = Σ 已报各月实际用能", "year to date = Σ months reported"), symbols="A = Σ Aₘ")
    reported = op("count_given", *months).named(
        ("已报月份数", "months reported"), words=("已填实际用能的月份数", "months with an actual entered"),
        symbols="n")
    utilization = op("when", has_budget, op("ratio", op("mul", ytd, const(100)), effective)).named(
        ("预算使用率", "utilisation"), PCT,
        ("使用率 = 累计实际 × 100 ÷ 有效预算", "utilisation = year to date × 100 ÷ effective budget"),
        "u = A × 100 ÷ B")
    projected = op("div", op("mul", ytd, const(12, ("月", "months"))), reported).named(
        ("全年预计用能", "projected year"), TCE,
        ("全年预计 = 累计实际 × 12 ÷ 已报月份数", "projected = year to date × 12 ÷ months reported"),
        "P = A × 12 ÷ n")
    projected_utilization = op("ratio", op("mul", projected, const(100)), effective).named(
        ("预计使用率", "projected utilisation"), PCT,
        ("预计使用率 = 全年预计 × 100 ÷ 有效预算", "projected utilisation = projected × 100 ÷ effective budget"),
        "p = P × 100 ÷ B")
    value_added = given(data.get("planned_value_added_10k_yuan"), "planned_value_added_10k_yuan",
                        unit=("万元", "10k yuan"))
    planned = op("ratio", budget, value_added).named(
        unit=("吨标准煤/万元", "tce per 10k yuan"),
        words=("计划能耗强度 = 年度预算 ÷ 计划工业增加值", "planned intensity = budget ÷ planned value added"),
        symbols="e = B₀ ÷ VA")
    return {
        "effective_budget_tce": op("round", op("when", has_budget, effective)),
        "ytd_actual_tce": op("round", ytd),
        "months_reported": reported,
        "utilization_pct": op("round", utilization),
        "projected_tce": op("round", projected),
        "projected_utilization_pct": op("round", projected_utilization),
        "status": _status_term(utilization, ref),
        "projected_status": _status_term(projected_utilization, ref),
        "planned_intensity": op("round", planned),
    }
