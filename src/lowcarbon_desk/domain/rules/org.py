"""Rules of the organisation profile (data-standard.md §1)."""

from __future__ import annotations

from collections.abc import Iterator

from ..creditcode import DIVISION_CODE, full_width_reason, has_full_width, is_valid_credit_code
from ..issues import ERROR
from .base import Finding, RuleContext, rule


@rule("org.credit_code", "org", ERROR, "统一社会信用代码校验位不符",
      "credit code check character does not verify")
def credit_code(ctx: RuleContext) -> Iterator[Finding]:
    code, kind = ctx.data.get("org_id"), ctx.data.get("kind")
    if code is None or kind is None:
        return
    if has_full_width(code):
        yield Finding("org_id", *full_width_reason(code))
    elif kind == "county":
        if not DIVISION_CODE.match(code):
            yield Finding("org_id", f"县的代码应为 6 位行政区划代码（现为“{code}”）",
                          f"a county's code is its 6-digit division code (got {code!r})")
    elif not is_valid_credit_code(code):
        yield Finding("org_id", f"“{code}”不是有效的 18 位统一社会信用代码（校验位不符或含非法字符）",
                      f"{code!r} is not a valid 18-character credit code (check character or characters wrong)")


@rule("org.county_admin_code", "org", ERROR, "县的行政区划代码须与单位代码一致",
      "a county's division code must equal its org_id")
def county_admin_code(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.data.get("kind") == "county" and ctx.data.get("admin_code") not in (None, ctx.data.get("org_id")):
        yield Finding("admin_code", "县的所属行政区划代码应与其单位代码相同",
                      "a county's admin_code must equal its org_id")


@rule("org.industry_code_required", "org", ERROR, "企业须填行业代码", "enterprises need an industry code")
def industry_required(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.data.get("kind") == "enterprise" and not ctx.data.get("industry_code"):
        yield Finding("industry_code", "企业必须填写国民经济行业代码（如 C3011）",
                      "an enterprise must give its GB/T 4754-2017 industry code (e.g. C3011)")
