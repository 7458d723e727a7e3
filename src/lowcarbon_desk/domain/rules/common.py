"""Rules every form shares: completeness of required fields and the organisation's kind."""

from __future__ import annotations

from collections.abc import Iterator

from ..issues import ERROR
from .base import Finding, RuleContext, rule

KIND_LABELS = {"enterprise": ("企业", "enterprise"), "park": ("园区", "park"),
               "county": ("县", "county")}


@rule("field.required", "*", ERROR, "必填项未填", "required field missing")
def required_fields(ctx: RuleContext) -> Iterator[Finding]:
    for spec in ctx.form.fields:
        value = ctx.data.get(spec.id)
        if spec.type == "group":
            if len(value or []) < spec.min_items:
                yield Finding(spec.id, f"至少需要 {spec.min_items} 行", f"needs at least {spec.min_items} row(s)")
            for index, row in enumerate(value or []):
                for column in spec.columns:
                    if column.required and row.get(column.id) is None:
                        yield Finding(f"{spec.id}[{index}].{column.id}", "必填", "is required")
        elif spec.required and value is None:
            yield Finding(spec.id, "必填", "is required")


@rule("record.org_kind", "*", ERROR, "单位类型与表单不符", "organisation kind does not fit the form")
def org_kind(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.org is None or not ctx.form.org_kinds:
        return
    kind = ctx.org.get("kind")
    if kind not in ctx.form.org_kinds:
        allowed_zh = "、".join(KIND_LABELS[k][0] for k in ctx.form.org_kinds)
        allowed_en = ", ".join(KIND_LABELS[k][1] for k in ctx.form.org_kinds)
        kind_zh = KIND_LABELS[kind][0] if kind in KIND_LABELS else kind
        yield Finding("org_id", f"{ctx.form.title_zh}只能由{allowed_zh}填报（该单位是{kind_zh}）",
                      f"{ctx.form.title_en} is for {allowed_en} only (this organisation is a {kind})")
