"""Rules of the low-carbon pilot application (data-standard.md §5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from ..issues import ERROR, INFO, WARNING
from .base import Finding, RuleContext, fmt, rule

FORM = "pilot_application"
TYPE_ZH = {"county": "县", "park": "园区", "enterprise": "企业"}
MAX_TARGET_YEAR = 2035


@rule("pilot_application.type_matches_org", FORM, ERROR, "试点类型须与申报单位类型一致",
      "the pilot type must match the applicant's kind")
def type_matches(ctx: RuleContext) -> Iterator[Finding]:
    pilot_type, kind = ctx.data.get("pilot_type"), (ctx.org or {}).get("kind")
    if pilot_type and kind and pilot_type != kind:
        yield Finding("pilot_type", f"试点类型为“{TYPE_ZH.get(pilot_type, pilot_type)}”，但申报单位是{TYPE_ZH.get(kind, kind)}",
                      f"pilot type {pilot_type} does not match the applicant, which is a {kind}")


@rule("pilot_application.target_year", FORM, ERROR, "目标年须晚于基准年且不晚于 2035 年",
      "the target year must follow the baseline year and be 2035 at the latest")
def target_year(ctx: RuleContext) -> Iterator[Finding]:
    target, baseline = ctx.data.get("target_year"), ctx.data.get("baseline_year")
    if target is None:
        return
    if baseline is not None and target <= baseline:
        yield Finding("target_year", f"目标年 {target} 须晚于基准年 {baseline}",
                      f"target year {target} must be after the baseline year {baseline}")
    if target > MAX_TARGET_YEAR:
        yield Finding("target_year", f"目标年 {target} 不能晚于 {MAX_TARGET_YEAR} 年",
                      f"target year {target} must be {MAX_TARGET_YEAR} at the latest")


@rule("pilot_application.non_fossil_below_baseline", FORM, WARNING,
      "非化石能源占比目标低于基准年", "non-fossil target below the baseline share")
def non_fossil(ctx: RuleContext) -> Iterator[Finding]:
    target, baseline = ctx.data.get("non_fossil_target_pct"), ctx.data.get("baseline_non_fossil_pct")
    if target is not None and baseline is not None and target < baseline:
        yield Finding("non_fossil_target_pct", f"目标 {fmt(target, 1)}% 低于基准年占比 {fmt(baseline, 1)}%",
                      f"target {fmt(target, 1)} % is below the baseline share {fmt(baseline, 1)} %")


@rule("pilot_application.non_fossil_guidance", FORM, INFO, "非化石能源占比参考",
      "non-fossil share guidance")
def non_fossil_guidance(ctx: RuleContext) -> Iterator[Finding]:
    target, year = ctx.data.get("non_fossil_target_pct"), ctx.data.get("target_year")
    if target is None or year is None:
        return
    key = "non_fossil_share_2030_pct" if year >= 2030 else "non_fossil_share_2025_pct"
    guide = ctx.ref.threshold(key)
    if target < guide:
        yield Finding("non_fossil_target_pct", f"参考：湖南方案非化石能源占比 2025 年约 22%、2030 年 25%；本目标 {fmt(target, 1)}% 低于 {guide:g}%",
                      f"guidance: the Hunan plan aims at about 22 % by 2025 and 25 % by 2030; this target {fmt(target, 1)} % is below {guide:g} %")


@rule("pilot_application.peak_year_late", FORM, WARNING, "达峰年份晚于 2030 年",
      "peak year after 2030")
def peak_late(ctx: RuleContext) -> Iterator[Finding]:
    peak, limit = ctx.data.get("peak_year"), ctx.ref.threshold("carbon_peak_year")
    if peak is not None and ctx.data.get("pilot_type") in ("county", "park") and peak > limit:
        yield Finding("peak_year", f"达峰年份 {peak} 晚于 {limit:g} 年（国家目标为 2030 年前达峰）",
                      f"peak year {peak} is after {limit:g} (the national goal is a peak before 2030)")


@rule("pilot_application.peak_year_scope", FORM, WARNING, "企业试点不填达峰年份",
      "enterprise pilots give no peak year")
def peak_scope(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.data.get("peak_year") is not None and ctx.data.get("pilot_type") == "enterprise":
        yield Finding("peak_year", "达峰年份只适用于县和园区试点，企业试点一般留空（如填写请说明）",
                      "the peak year is for county and park pilots; an enterprise normally leaves it empty (explain if given)")


@rule("pilot_application.project_years", FORM, ERROR, "项目完成年份不能早于开工年份",
      "a project cannot end before it starts")
def project_years(ctx: RuleContext) -> Iterator[Finding]:
    for i, project in enumerate(ctx.data.get("projects") or []):
        start, end = project.get("start_year"), project.get("end_year")
        if start is not None and end is not None and end < start:
            yield Finding(f"projects[{i}].end_year", f"完成年份 {end} 早于开工年份 {start}",
                          f"end year {end} is before the start year {start}")


@rule("pilot_application.score_within_max", FORM, ERROR, "自评得分不能超过满分",
      "a score cannot exceed its maximum")
def score(ctx: RuleContext) -> Iterator[Finding]:
    for i, row in enumerate(ctx.data.get("self_assessment") or []):
        if row.get("score") is not None and row.get("max_score") is not None and row["score"] > row["max_score"]:
            yield Finding(f"self_assessment[{i}].score", f"得分 {fmt(row['score'])} 超过满分 {fmt(row['max_score'])}",
                          f"score {fmt(row['score'])} is above the maximum {fmt(row['max_score'])}")


@rule("pilot_application.cut_share", FORM, ERROR, "项目年减排超过基准年排放",
      "planned cut above the baseline emissions")
def cut_share(ctx: RuleContext) -> Iterator[Finding]:
    share = ctx.computed.get("co2_cut_share_pct")
    if share is not None and share > 100:
        yield Finding("projects", f"项目年减排合计占基准年排放的 {fmt(share, 1)}%，不能超过 100%",
                      f"the projects' yearly cut is {fmt(share, 1)} % of the baseline emissions; it cannot exceed 100 %")


@rule("pilot_application.attachment", FORM, ERROR, "附件类型或大小不符合要求",
      "attachment type or size not allowed")
def attachments(ctx: RuleContext) -> Iterator[Finding]:
    spec = ctx.form.field("attachments")
    for i, item in enumerate(ctx.data.get("attachments") or []):
        suffix = PurePath(str(item.get("name", ""))).suffix.lower().lstrip(".")
        if suffix not in spec.allowed_types:
            yield Finding(f"attachments[{i}]", f"“{item.get('name')}”的类型不允许（只收 PDF、JPEG、PNG、XLSX、DOCX）",
                          f"{item.get('name')!r}: type not allowed (PDF, JPEG, PNG, XLSX, DOCX only)")
        if isinstance(item.get("size"), int) and item["size"] > spec.max_bytes:
            yield Finding(f"attachments[{i}]", f"“{item.get('name')}”超过 50 MB",
                          f"{item.get('name')!r} is larger than 50 MB")
