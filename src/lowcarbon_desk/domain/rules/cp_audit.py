"""Rules of the cleaner-production audit (data-standard.md §4)."""

from __future__ import annotations

from collections.abc import Iterator

from ..compute.numbers import num
from ..issues import ERROR, WARNING
from .base import Finding, RuleContext, rule

FORM = "cp_audit"


@rule("cp_audit.mandatory_reasons", FORM, ERROR,
      "强制性审核须至少选一项原因", "a mandatory audit needs at least one reason")
def mandatory_reasons(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.data.get("kind") == "mandatory" and not ctx.data.get("mandatory_reasons"):
        yield Finding("mandatory_reasons", "强制性审核须至少选择一项原因（超标/超总量、超能耗限额、有毒有害物质）",
                      "a mandatory audit needs at least one reason (exceeds standards, high energy, toxic substances)")


@rule("cp_audit.stage_dates", FORM, ERROR, "阶段结束日期不能早于开始日期",
      "a stage cannot end before it starts")
def stage_dates(ctx: RuleContext) -> Iterator[Finding]:
    for i, stage in enumerate(ctx.data.get("stages") or []):
        start, end = stage.get("start"), stage.get("end")
        if end and not start:
            yield Finding(f"stages[{i}].end", "有结束日期却没有开始日期", "has an end date but no start date")
        elif start and end and end < start:
            yield Finding(f"stages[{i}].end", f"结束日期 {end} 早于开始日期 {start}",
                          f"end {end} is before start {start}")


@rule("cp_audit.stage_order", FORM, ERROR, "审核阶段须按顺序开展",
      "audit stages must follow their fixed order")
def stage_order(ctx: RuleContext) -> Iterator[Finding]:
    stages = ctx.data.get("stages") or []
    labels = {o.value: (o.zh, o.en) for o in ctx.form.enums["stage"]}
    for i in range(1, len(stages)):
        previous, current = stages[i - 1], stages[i]
        start = current.get("start")
        if not start:
            continue
        prev_zh, prev_en = labels.get(previous.get("stage"), ("", ""))
        if not previous.get("start"):
            yield Finding(f"stages[{i}].start", f"上一阶段“{prev_zh}”尚未开始，本阶段不能开始",
                          f"cannot start while the previous stage ({prev_en}) has not started")
        elif start < previous["start"]:
            yield Finding(f"stages[{i}].start",
                          f"开始日期 {start} 早于上一阶段“{prev_zh}”的开始日期 {previous['start']}",
                          f"start {start} is before the previous stage ({prev_en}) started on {previous['start']}")


@rule("cp_audit.carbon_indicator", FORM, WARNING, "未设碳排放类指标",
      "no carbon indicator")
def carbon_indicator(ctx: RuleContext) -> Iterator[Finding]:
    if not any(ind.get("kind") == "carbon" for ind in ctx.data.get("indicators") or []):
        yield Finding("indicators", "没有“碳排放”类指标：省级方案要求将碳排放指标纳入清洁生产审核",
                      "no indicator of kind carbon: the provincial plan brings carbon indicators into audits")


@rule("cp_audit.medium_high_investment", FORM, ERROR, "已实施的中/高费方案投资不能为 0",
      "an implemented medium/high-cost option needs its investment")
def medium_high_investment(ctx: RuleContext) -> Iterator[Finding]:
    for i, option in enumerate(ctx.data.get("options") or []):
        if (option.get("status") == "implemented" and option.get("cost_class") == "medium_high"
                and num(option.get("investment_10k_yuan")) <= 0):
            yield Finding(f"options[{i}].investment_10k_yuan", "已实施的中/高费方案投资不能为 0",
                          "an implemented medium/high-cost option cannot have zero investment")


@rule("cp_audit.duration", FORM, WARNING, "审核历时超过一年", "audit longer than a year")
def duration(ctx: RuleContext) -> Iterator[Finding]:
    days = ctx.computed.get("duration_days")
    limit = ctx.ref.threshold("audit_duration_days")
    if days is not None and days > limit:
        index = next((i for i, s in enumerate(ctx.data.get("stages") or [])
                      if s.get("stage") == "implementation"), 5)
        yield Finding(f"stages[{index}].end", f"从审核准备开始到方案实施结束共 {days} 天，超过 {limit:g} 天（审核应在一年内完成）",
                      f"{days} days from the start of preparation to the end of implementation, over {limit:g} (an audit should finish within a year)")


@rule("cp_audit.acceptance_after_evaluation", FORM, ERROR, "验收日期不能早于评估日期",
      "acceptance cannot come before evaluation")
def acceptance_order(ctx: RuleContext) -> Iterator[Finding]:
    evaluation, acceptance = ctx.data.get("evaluation_date"), ctx.data.get("acceptance_date")
    if evaluation and acceptance and acceptance < evaluation:
        yield Finding("acceptance_date", f"验收日期 {acceptance} 早于审核评估日期 {evaluation}",
                      f"acceptance {acceptance} is before the evaluation {evaluation}")


@rule("cp_audit.acceptance_date_required", FORM, WARNING, "有验收结论须填验收日期",
      "an acceptance result needs its date")
def acceptance_date(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.data.get("acceptance_result") in ("pass", "fail") and not ctx.data.get("acceptance_date"):
        yield Finding("acceptance_date", "已有验收结论，应填写验收日期（未填请说明）",
                      "an acceptance result should give the acceptance date (explain if it cannot)")
