"""The energy report's entered CO2 factors against the reference: the check of
``energy_report.factor_override`` (registered at the end of ``energy_report.py``, where the
form's rules are registered; the logic lives here so the form's other rules can change
without touching it).

An entered factor replaces the reference factor in every CO2 figure, so a slip (a factor of
100 for raw coal, 52 times the reference) silently makes an enterprise a key emitter. The
entered coefficient has its own, stricter check (``energy_report.coefficient_deviation``).
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Finding, RuleContext, fmt

THRESHOLD = "factor_override_pct"


def reference_co2_factor(ctx: RuleContext, code: str) -> float | None:
    """The reference combustion factor of the energy ``code`` (``None``: it has none; an
    entered factor is then the only one and nothing is compared)."""
    energy = ctx.ref.energy.get(code)
    if energy is None or energy.kind in ("electricity", "heat"):
        return None  # their factors come from the grid and heat tables, never from the line
    combustion = ctx.ref.combustion.get(code)
    return combustion.tco2_per_unit if combustion is not None and combustion.tco2_per_unit > 0 else None


def factor_override_findings(ctx: RuleContext) -> Iterator[Finding]:
    """An entered ``co2_factor`` more than ``factor_override_pct`` away from the reference."""
    if THRESHOLD not in ctx.ref.thresholds:
        return  # an older reference set without the threshold: nothing to compare with
    limit = ctx.ref.threshold(THRESHOLD)
    for i, line in enumerate(ctx.data.get("lines") or []):
        entered = line.get("co2_factor")
        reference = reference_co2_factor(ctx, line.get("energy") or "")
        if entered is None or reference is None:
            continue
        deviation = abs(float(entered) - reference) / reference * 100
        if deviation <= limit:
            continue
        energy = ctx.ref.energy[line["energy"]]
        ratio = float(entered) / reference
        yield Finding(
            f"lines[{i}].co2_factor",
            f"{energy.name_zh}填报排放因子 {fmt(entered, None)} 吨CO2/{energy.unit_zh}，参考值（参考数据 {ctx.ref.version}）"
            f"为 {fmt(reference, None)}，是参考值的 {fmt(ratio)} 倍（偏离超过 {fmt(limit)}%）：排放量和是否属重点排放单位都随之改变，"
            "请核对或说明依据",
            f"{energy.name_en}: entered CO2 factor {fmt(entered, None)} tCO2 per {energy.unit_en}, reference "
            f"(reference data {ctx.ref.version}) {fmt(reference, None)}, {fmt(ratio)} times the reference (more than "
            f"{fmt(limit)} % away): the emissions and the key-emitter status follow it; check it or explain why")
