"""Rules of the energy-use budget (data-standard.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from ..compute.numbers import num
from ..issues import ERROR, INFO, WARNING
from ..plausibility import monthly_jumps
from .base import Finding, RuleContext, fmt, rule

FORM = "energy_budget"
STATUS_ZH = {"ok": "正常", "alert": "预警", "exceeded": "超出"}


@rule("energy_budget.power_coal_required", FORM, ERROR,
      "等价值口径须填供电标准煤耗", "the equal-value basis needs the supply coal consumption")
def power_coal(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.data.get("basis") == "equal" and ctx.data.get("power_coal_gce_per_kwh") is None:
        yield Finding("power_coal_gce_per_kwh", "采用等价值口径时必须填写供电标准煤耗（200～400 克标准煤/千瓦时）",
                      "the equal-value basis needs the power supply coal consumption (200-400 gce/kWh)")


@rule("energy_budget.baseline_before_year", FORM, ERROR,
      "基准年须早于预算年度", "the baseline year must come before the budget year")
def baseline_year(ctx: RuleContext) -> Iterator[Finding]:
    year, baseline = ctx.data.get("year"), ctx.data.get("baseline_year")
    if year is not None and baseline is not None and baseline >= year:
        yield Finding("baseline_year", f"基准年 {baseline} 须早于预算年度 {year}",
                      f"baseline year {baseline} must be before the budget year {year}")


@rule("energy_budget.budget_above_baseline", FORM, WARNING,
      "预算高于基准年用能 10% 以上", "budget more than 10 % above the baseline")
def above_baseline(ctx: RuleContext) -> Iterator[Finding]:
    budget, baseline = ctx.data.get("budget_tce"), ctx.data.get("baseline_tce")
    if budget is not None and baseline is not None and budget > baseline * 1.1:
        yield Finding("budget_tce", f"预算 {fmt(budget)} 吨标准煤比基准年 {fmt(baseline)} 高出 10% 以上，请说明理由",
                      f"budget {fmt(budget)} tce is more than 10 % above the baseline {fmt(baseline)}; explain why")


@rule("energy_budget.effective_budget_positive", FORM, ERROR,
      "有效预算必须大于 0", "the effective budget must be above 0")
def effective_positive(ctx: RuleContext) -> Iterator[Finding]:
    effective = ctx.computed.get("effective_budget_tce")
    if ctx.data.get("budget_tce") is not None and effective is not None and effective <= 0:
        yield Finding("adjustments", f"预算加调整后的有效预算为 {fmt(effective)}，必须大于 0",
                      f"budget plus adjustments gives an effective budget of {fmt(effective)}; it must be above 0")


@rule("energy_budget.intensity_above_target", FORM, WARNING,
      "计划能耗强度高于目标", "planned intensity above the target")
def intensity(ctx: RuleContext) -> Iterator[Finding]:
    planned, target = ctx.computed.get("planned_intensity"), ctx.data.get("intensity_target")
    if planned is not None and target is not None and planned > target:
        digits = telling_digits(planned, target)
        yield Finding("intensity_target",
                      f"计划能耗强度 {fmt(planned, digits)} 高于目标 {fmt(target, digits)} 吨标准煤/万元",
                      f"planned intensity {fmt(planned, digits)} is above the target {fmt(target, digits)} "
                      "tce per 10k yuan")


def telling_digits(a: float, b: float, least: int = 4, most: int = 12) -> int:
    """Decimals enough (at least ``least``) for two different numbers to read differently:
    "0.008234 is above 0.0082", never "0.0082 is above 0.0082"."""
    for digits in range(least, most + 1):
        if fmt(a, digits) != fmt(b, digits):
            return digits
    return most


@rule("energy_budget.status", FORM, INFO, "预算执行状态", "budget status")
def status(ctx: RuleContext) -> Iterator[Finding]:
    actual, projected = ctx.computed.get("status"), ctx.computed.get("projected_status")
    if actual in ("alert", "exceeded") or projected in ("alert", "exceeded"):
        yield Finding("monthly_actual_tce",
                      f"预算使用率 {fmt(ctx.computed.get('utilization_pct'), 1)}%（{STATUS_ZH.get(str(actual), '—')}），全年预计 {fmt(ctx.computed.get('projected_utilization_pct'), 1)}%（{STATUS_ZH.get(str(projected), '—')}）",
                      f"utilisation {fmt(ctx.computed.get('utilization_pct'), 1)} % ({actual}), projected {fmt(ctx.computed.get('projected_utilization_pct'), 1)} % ({projected})")


@rule("energy_budget.monthly_jump", "energy_budget", WARNING,
      "某月用能超过已报月份中位数的 2 倍", "a month above twice the median month")
def monthly_jump(ctx: RuleContext) -> Iterator[Finding]:
    ratio = ctx.ref.threshold("monthly_jump_ratio")
    months = ctx.data.get("monthly_actual_tce") or []
    jumps = monthly_jumps([None if m is None else num(m) for m in months], ratio,
                          int(ctx.ref.threshold("monthly_jump_min_months")))
    for index, value, median in jumps:
        yield Finding(f"monthly_actual_tce[{index}]",
                      f"{index + 1} 月实际用能 {fmt(value)} 吨标准煤，超过已报月份中位数 {fmt(median)} 吨标准煤的 "
                      f"{fmt(ratio)} 倍，请说明原因",
                      f"month {index + 1}: {fmt(value)} tce is more than {fmt(ratio)} times the median "
                      f"{fmt(median)} tce of the months reported; explain why")
