"""Rules of the energy report, after form 205-1 (data-standard.md §2)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..compute.energy_report_v2 import COAL_CODES  # the lines the SO2 estimate reads a sulfur content on
from ..compute.numbers import num
from ..issues import ERROR, INFO, WARNING
from ..jsontypes import Row
from ..plausibility import change_pct, changed_too_much, robust_position, unit_slip
from .base import Finding, RuleContext, fmt, rule
from .energy_report_factors import factor_override_findings

FORM = "energy_report"
DATA_CENTRE_INDUSTRY = ("I645",)


def _lines(ctx: RuleContext) -> Iterator[tuple[int, Row]]:
    yield from enumerate(ctx.data.get("lines") or [])


@rule("energy_report.feedstock_within_industrial", FORM, ERROR,
      "用作原材料不能大于工业生产消费", "feedstock use must not exceed industrial use")
def feedstock(ctx: RuleContext) -> Iterator[Finding]:
    for i, line in _lines(ctx):
        if line.get("feedstock_use") is not None and num(line["feedstock_use"]) > num(line.get("industrial_use")):
            yield Finding(f"lines[{i}].feedstock_use",
                          f"{fmt(line['feedstock_use'])} 大于工业生产消费 {fmt(num(line.get('industrial_use')))}",
                          f"{fmt(line['feedstock_use'])} is more than industrial use {fmt(num(line.get('industrial_use')))}")


@rule("energy_report.transport_within_total", FORM, ERROR,
      "运输工具消费不能大于消费量合计", "transport use must not exceed total consumption")
def transport(ctx: RuleContext) -> Iterator[Finding]:
    for i, line in _lines(ctx):
        if line.get("transport_use") is not None and num(line["transport_use"]) > num(line.get("consumption_total")):
            yield Finding(f"lines[{i}].transport_use",
                          f"{fmt(line['transport_use'])} 大于消费量合计 {fmt(num(line.get('consumption_total')))}",
                          f"{fmt(line['transport_use'])} is more than total consumption {fmt(num(line.get('consumption_total')))}")


@rule("energy_report.consumption_balance", FORM, ERROR,
      "消费量合计应等于工业生产消费与非工业生产消费之和",
      "total consumption must equal industrial plus non-industrial use")
def consumption_balance(ctx: RuleContext) -> Iterator[Finding]:
    for i, line in _lines(ctx):
        total = line.get("consumption_total")
        if total is None or (line.get("industrial_use") is None and line.get("non_industrial_use") is None):
            continue
        parts = num(line.get("industrial_use")) + num(line.get("non_industrial_use"))
        tolerance = max(abs(total) * 0.001, 0.01)
        if abs(total - parts) > tolerance:
            yield Finding(f"lines[{i}].consumption_total",
                          f"消费量合计 {fmt(total)} ≠ 工业生产消费 + 非工业生产消费 = {fmt(parts)}（允许误差 0.1% 或 0.01）",
                          f"total {fmt(total)} differs from industrial + non-industrial = {fmt(parts)} (tolerance 0.1 % or 0.01)")


@rule("energy_report.stock_balance", FORM, WARNING,
      "期末库存应等于期初库存 + 购进 − 消费", "closing stock should equal opening + purchases - consumption")
def stock_balance(ctx: RuleContext) -> Iterator[Finding]:
    for i, line in _lines(ctx):
        if line.get("purchase_qty") is None or line.get("consumption_total") is None:
            continue
        available = num(line.get("opening_stock")) + num(line["purchase_qty"])
        expected = available - num(line["consumption_total"])
        closing = num(line.get("closing_stock"))
        tolerance = max(0.01 * max(available, num(line["consumption_total"])), 0.01)
        if abs(closing - expected) > tolerance:
            yield Finding(f"lines[{i}].closing_stock",
                          f"期末库存 {fmt(closing)} 与 期初 + 购进 − 消费 = {fmt(expected)} 相差超过 1%（损耗、调出请说明）",
                          f"closing stock {fmt(closing)} differs from opening + purchases - consumption = {fmt(expected)} by more than 1 % (explain losses or transfers)")


@rule("energy_report.coefficient_deviation", FORM, WARNING,
      "折标系数偏离参考值超过 10%", "coefficient more than 10 % away from the reference")
def coefficient_deviation(ctx: RuleContext) -> Iterator[Finding]:
    limit = ctx.ref.threshold("coefficient_deviation_pct") / 100
    for i, line in _lines(ctx):
        energy = ctx.ref.energy.get(line.get("energy") or "")
        coefficient = line.get("coefficient")
        if energy is None or coefficient is None or energy.tce_per_unit <= 0:
            continue
        deviation = abs(coefficient - energy.tce_per_unit) / energy.tce_per_unit
        if deviation > limit:
            yield Finding(f"lines[{i}].coefficient",
                          f"{fmt(coefficient, 4)} 偏离参考系数 {fmt(energy.tce_per_unit, 4)} 达 {deviation:.0%}，请说明依据",
                          f"{fmt(coefficient, 4)} is {deviation:.0%} away from the reference {fmt(energy.tce_per_unit, 4)}; explain why")


@rule("energy_report.missing_co2_factor", FORM, ERROR,
      "该能源无缺省排放因子，须填写排放因子", "no default CO2 factor: one must be entered")
def missing_factor(ctx: RuleContext) -> Iterator[Finding]:
    computed_lines = ctx.computed.get("lines") or []
    for i, line in _lines(ctx):
        info = computed_lines[i] if i < len(computed_lines) else {}
        burnt = num(line.get("consumption_total")) - num(line.get("feedstock_use"))
        if info.get("co2_basis") == "combustion" and info.get("co2_factor_used") is None and burnt > 0:
            energy = ctx.ref.energy[line["energy"]]
            yield Finding(f"lines[{i}].co2_factor",
                          f"{energy.name_zh}没有缺省排放因子，有消费时须填写排放因子（吨CO2/{energy.unit_zh}）并注明来源，否则不能上报",
                          f"{energy.name_en} has no default CO2 factor: enter one (tCO2 per {energy.unit_en}) with its source before submitting")


@rule("energy_report.co2_factor_source", FORM, ERROR,
      "自填排放因子须注明来源", "an entered CO2 factor needs its source")
def factor_source(ctx: RuleContext) -> Iterator[Finding]:
    for i, line in _lines(ctx):
        if line.get("co2_factor") is not None and not line.get("co2_factor_source"):
            yield Finding(f"lines[{i}].co2_factor_source", "填写了排放因子，须注明来源（如检测报告、核算指南）",
                          "an entered CO2 factor needs its source (test report, guideline)")


@rule("energy_report.value_added_required", FORM, ERROR,
      "年报须填工业增加值", "annual reports need value added")
def value_added(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.is_annual and ctx.data.get("value_added_10k_yuan") is None:
        yield Finding("value_added_10k_yuan", "年报必须填写工业增加值（用于计算能耗强度）",
                      "an annual report must give value added (the intensities need it)")


@rule("energy_report.key_energy_unit", FORM, INFO,
      "重点用能单位", "key energy-consuming unit")
def key_energy_unit(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.computed.get("key_energy_unit"):
        limit = ctx.ref.threshold("key_energy_unit_tce")
        yield Finding("", f"综合能源消费量 {fmt(ctx.computed['total_tce'])} 吨标准煤 ≥ {fmt(limit)}：属重点用能单位，还须向国家重点用能单位能耗在线监测系统报送",
                      f"total energy {fmt(ctx.computed['total_tce'])} tce ≥ {fmt(limit)}: a key energy-consuming unit, which must also report to the national online monitoring system")


# version 1's flag knows no sector: it names the threshold only, and who must report (a listed
# sector) is the roll-up's and the record PDF's must_report_ghg
@rule("energy_report.key_emitting_unit", FORM, INFO,
      "二氧化碳排放达到温室气体报告门槛", "CO2 at the greenhouse-gas reporting threshold")
def key_emitting_unit(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.computed.get("key_emitting_unit"):
        limit = ctx.ref.threshold("key_emitting_unit_tco2")
        yield Finding("", f"二氧化碳排放 {fmt(ctx.computed['total_co2_t'])} 吨 ≥ {fmt(limit)}：达到温室气体报告门槛；"
                          "属所列八个行业的单位须报告温室气体排放",
                      f"CO2 {fmt(ctx.computed['total_co2_t'])} t ≥ {fmt(limit)}: the greenhouse-gas reporting "
                      "threshold; units of the eight listed sectors must report greenhouse gases")


@rule("energy_report.data_centre_pue", FORM, INFO,
      "数据中心能效指引", "data-centre efficiency guidance")
def data_centre(ctx: RuleContext) -> Iterator[Finding]:
    industry = (ctx.org or {}).get("industry_code") or ""
    if ctx.is_annual and industry.startswith(DATA_CENTRE_INDUSTRY):
        new, upgrade = ctx.ref.threshold("pue_new_large_dc"), ctx.ref.threshold("pue_upgrade_dc")
        yield Finding("", f"数据中心：新建大型数据中心 PUE 不高于 {new}，PUE 高于 {upgrade} 的须改造",
                      f"data centre: new large data centres PUE ≤ {new}; above {upgrade} must be upgraded")


# --- version 2: pollutants, renewables, data centres, greenhouse-gas reporting (data-standard.md §8) ---
# Each reads a field or computed value only version 2 has: silent on version-1 records.



def _industry(ctx: RuleContext) -> str:
    """The record's industry code (version 2 keeps it), else the organisation's."""
    return str(ctx.data.get("industry_code") or (ctx.org or {}).get("industry_code") or "").upper()


def _is_data_centre(ctx: RuleContext) -> bool:
    return _industry(ctx).startswith(DATA_CENTRE_INDUSTRY)


@rule("energy_report.so2_cross_check", FORM, WARNING,
      "填报的二氧化硫与燃料法估算相差过大", "reported SO2 far from the fuel-based estimate")
def so2_cross_check(ctx: RuleContext) -> Iterator[Finding]:
    reported, estimate = ctx.data.get("so2_t"), ctx.computed.get("so2_fuel_estimate_t")
    if reported is None or not estimate or "so2_cross_check_low" not in ctx.ref.thresholds:
        return
    low, high = ctx.ref.threshold("so2_cross_check_low"), ctx.ref.threshold("so2_cross_check_high")
    if low * estimate <= reported <= high * estimate:
        return
    below = reported < low * estimate
    times = low if below else high
    yield Finding("so2_t",
                  f"填报二氧化硫 {fmt(reported)} 吨，燃料法估算 {fmt(estimate)} 吨（燃煤量 × 硫分 × 2 × K × "
                  f"(1 − 脱硫效率)），{'低于估算值的' if below else '高于估算值的'} {fmt(times)} 倍，请核对排放量、"
                  "硫分或脱硫效率并说明",
                  f"reported SO2 {fmt(reported)} t against the fuel-based estimate {fmt(estimate)} t (coal × "
                  f"sulfur × 2 × K × (1 − removal)): {'below' if below else 'above'} {fmt(times)} times the "
                  "estimate; check the emissions, the sulfur content or the removal efficiency and explain")


@rule("energy_report.sulfur_not_coal", FORM, INFO,
      "硫分只用于燃煤行", "a sulfur content counts on coal lines only")
def sulfur_not_coal(ctx: RuleContext) -> Iterator[Finding]:
    yield from _unused_on_lines(ctx, "sulfur_pct", lambda line: line.get("energy") in COAL_CODES,
                                "硫分只在原煤、洗精煤行用于估算二氧化硫，本行填写的硫分不参与计算",
                                "a sulfur content is used on raw and washed coal lines only (SO2 estimate); "
                                "the one on this line is not used")


@rule("energy_report.certificates_not_green_power", FORM, INFO,
      "绿证数量只用于购入绿电行", "green certificates count on purchased green electricity lines only")
def certificates_not_green_power(ctx: RuleContext) -> Iterator[Finding]:
    def green_power(line: Row) -> bool:
        renewable = ctx.ref.renewables.get(line.get("energy") or "")
        return bool(renewable and renewable.certificates)

    yield from _unused_on_lines(ctx, "green_certificates", green_power,
                                "绿证数量只在购入绿电行填写，本行填写的数量不计入",
                                "green certificates belong on a purchased green electricity line; the count "
                                "on this line is not used")


def _unused_on_lines(ctx: RuleContext, field: str, used: Callable[[Row], bool], zh: str,
                     en: str) -> Iterator[Finding]:
    for i, line in _lines(ctx):
        if line.get(field) is not None and not used(line):
            yield Finding(f"lines[{i}].{field}", zh, en)


@rule("energy_report.it_energy_missing", FORM, WARNING,
      "数据中心须填 IT 设备用电量", "a data centre should give its IT equipment energy")
def it_energy_missing(ctx: RuleContext) -> Iterator[Finding]:
    has_field = any(f.id == "it_energy_10k_kwh" for f in ctx.form.fields)
    if has_field and ctx.is_annual and _is_data_centre(ctx) and ctx.data.get("it_energy_10k_kwh") is None:
        yield Finding("it_energy_10k_kwh",
                      f"行业代码 {_industry(ctx)} 为数据中心：请填写 IT 设备用电量（万千瓦时），否则无法计算 PUE",
                      f"industry code {_industry(ctx)} is a data centre: give the IT equipment energy "
                      "(10^4 kWh), PUE needs it")


@rule("energy_report.pue_upgrade", FORM, WARNING,
      "PUE 高于须改造线", "PUE above the level that requires an upgrade")
def pue_upgrade(ctx: RuleContext) -> Iterator[Finding]:
    pue, limit = ctx.computed.get("pue"), ctx.ref.threshold("pue_upgrade_dc")
    if pue is not None and pue > limit:
        yield Finding("pue", f"PUE {fmt(pue)} 高于 {fmt(limit)}：数据中心须实施节能改造",
                      f"PUE {fmt(pue)} is above {fmt(limit)}: the data centre must be upgraded")


@rule("energy_report.pue_new_large", FORM, INFO,
      "PUE 高于新建大型数据中心上限", "PUE above the limit for new large data centres")
def pue_new_large(ctx: RuleContext) -> Iterator[Finding]:
    pue = ctx.computed.get("pue")
    new, upgrade = ctx.ref.threshold("pue_new_large_dc"), ctx.ref.threshold("pue_upgrade_dc")
    if pue is not None and new < pue <= upgrade:
        yield Finding("pue", f"PUE {fmt(pue)} 高于 {fmt(new)}：新建大型数据中心不应高于此值",
                      f"PUE {fmt(pue)} is above {fmt(new)}, the limit for new large data centres")


@rule("energy_report.dc_online_monitoring", FORM, INFO,
      "数据中心纳入能耗在线监测", "data centre for online energy monitoring")
def dc_online_monitoring(ctx: RuleContext) -> Iterator[Finding]:
    threshold = ctx.ref.thresholds.get("dc_online_monitoring_tce")
    total_tce = ctx.computed.get("total_tce")
    if threshold is None or total_tce is None or not ctx.is_annual or not _is_data_centre(ctx):
        return
    if total_tce >= threshold.value:
        yield Finding("", f"数据中心年综合能源消费量 {fmt(total_tce)} 吨标准煤 ≥ {fmt(threshold.value)}：应纳入能耗在线监测",
                      f"data centre with {fmt(total_tce)} tce a year ≥ {fmt(threshold.value)}: to be connected "
                      "to online energy monitoring")


@rule("energy_report.must_report_ghg", FORM, INFO,
      "须报告温室气体排放", "must report greenhouse gases")
def must_report_ghg(ctx: RuleContext) -> Iterator[Finding]:
    if not ctx.computed.get("must_report_ghg"):
        return
    sector = ctx.ref.ghg_sector(_industry(ctx))
    co2, tce = ctx.computed.get("total_co2_t"), ctx.computed.get("total_tce")
    co2_limit, tce_limit = ctx.ref.threshold("key_emitting_unit_tco2"), ctx.ref.threshold("key_energy_unit_tce")
    name_zh, name_en = (sector.name_zh, sector.name_en) if sector else ("", "")
    yield Finding("", f"属{name_zh}行业（行业代码 {_industry(ctx)}），二氧化碳排放 {fmt(co2)} 吨（门槛 {fmt(co2_limit)}）、"
                      f"综合能源消费量 {fmt(tce)} 吨标准煤（门槛 {fmt(tce_limit)}）达到其一：须报告温室气体排放",
                  f"in the {name_en.lower()} sector (industry code {_industry(ctx)}) with CO2 {fmt(co2)} t "
                  f"(threshold {fmt(co2_limit)}) or total energy {fmt(tce)} tce (threshold {fmt(tce_limit)}) "
                  "reached: must report greenhouse gases")


# --- plausibility: compared with last year and with the peers (RuleContext.history) ---

POWER_TEXT = {4: "10⁴", 3: "10³", -3: "1/10³", -4: "1/10⁴"}
TOTALS = (("total_tce", "综合能源消费量", "total energy", "吨标准煤", "tce", "yoy_total_tce"),
          ("total_co2_t", "二氧化碳排放总量", "total CO2", "吨CO2", "tCO2", "yoy_total_tco2"))


def _pct_text(current: float, previous: float) -> str:
    pct = change_pct(current, previous)
    return "—" if pct is None else f"{pct:+.1f}%"


def _previous_lines(ctx: RuleContext) -> Iterator[tuple[int, str, float, float]]:
    """``(index, energy, this year's, last year's)`` for every line whose energy was reported
    the year before, on an annual report with a previous report."""
    previous = ctx.history.previous_report
    if previous is None or not ctx.is_annual:
        return
    for index, line in enumerate(ctx.data.get("lines") or []):
        code = line.get("energy")
        current = line.get("consumption_total")
        if code in previous.consumption and current is not None:
            yield index, code, float(current), previous.consumption[code]


def _unit(ctx: RuleContext, code: str, lang: str) -> str:
    energy = ctx.ref.energy.get(code)
    return energy.unit(lang) if energy else ""


@rule("energy_report.year_on_year", "energy_report", WARNING,
      "与上年年报相比变化过大", "changed too much against last year's annual report")
def year_on_year(ctx: RuleContext) -> Iterator[Finding]:
    previous = ctx.history.previous_report
    if previous is None or not ctx.is_annual:
        return
    pct = ctx.ref.threshold("yoy_total_pct")
    for key, name_zh, name_en, unit_zh, unit_en, abs_key in TOTALS:
        current, before = ctx.computed.get(key), getattr(previous, key)
        limit = ctx.ref.threshold(abs_key)
        if current is None or before is None or not changed_too_much(current, before, pct, limit):
            continue
        change = _pct_text(current, before)
        yield Finding(key,
                      f"{name_zh} {fmt(current)} {unit_zh}，上年（{previous.period}，记录 {previous.record_id}）"
                      f"为 {fmt(before)} {unit_zh}，变化 {change}（超过 {fmt(pct)}% 且超过 {fmt(limit)} {unit_zh}），请说明原因",
                      f"{name_en} {fmt(current)} {unit_en} against {fmt(before)} {unit_en} last year "
                      f"({previous.period}, record {previous.record_id}), {change} (more than {fmt(pct)} % "
                      f"and more than {fmt(limit)} {unit_en}); explain why")
    line_pct, line_units = ctx.ref.threshold("yoy_line_pct"), ctx.ref.threshold("yoy_line_units")
    band = ctx.ref.threshold("unit_suspect_band")
    for index, code, current, before in _previous_lines(ctx):
        if unit_slip(current, before, band) is not None:
            continue  # energy_report.unit_suspect says it better
        if changed_too_much(current, before, line_pct, line_units):
            change = _pct_text(current, before)
            yield Finding(f"lines[{index}].consumption_total",
                          f"本年 {fmt(current)} {_unit(ctx, code, 'zh')}，上年（{previous.period}）为 "
                          f"{fmt(before)} {_unit(ctx, code, 'zh')}，变化 {change}（超过 {fmt(line_pct)}% 且超过 "
                          f"{fmt(line_units)} 个单位），请说明原因",
                          f"{fmt(current)} {_unit(ctx, code, 'en')} this year against {fmt(before)} "
                          f"{_unit(ctx, code, 'en')} in {previous.period}, {change} (more than {fmt(line_pct)} % "
                          f"and more than {fmt(line_units)} units); explain why")


@rule("energy_report.unit_suspect", "energy_report", WARNING,
      "疑似单位填错（约为上年的 10³ 或 10⁴ 倍）", "likely a unit slip (about 10³ or 10⁴ times last year's)")
def unit_suspect(ctx: RuleContext) -> Iterator[Finding]:
    band = ctx.ref.threshold("unit_suspect_band")
    previous = ctx.history.previous_report
    if previous is None:  # the messages name last year's period
        return
    for index, code, current, before in _previous_lines(ctx):
        power = unit_slip(current, before, band)
        if power is None:
            continue
        times = POWER_TEXT[power]
        yield Finding(f"lines[{index}].consumption_total",
                      f"本年 {fmt(current)} {_unit(ctx, code, 'zh')} 约为上年（{previous.period}）"
                      f"{fmt(before)} {_unit(ctx, code, 'zh')} 的 {times} 倍，请检查是否把万/千的单位填错",
                      f"{fmt(current)} {_unit(ctx, code, 'en')} is about {times} times last year's "
                      f"{fmt(before)} {_unit(ctx, code, 'en')} ({previous.period}); check the unit "
                      "(10⁴ or 10³ slipped)")


@rule("energy_report.intensity_outlier", "energy_report", INFO,
      "能耗强度远离本县同行业中位数", "energy intensity far from the county's industry median")
def intensity_outlier(ctx: RuleContext) -> Iterator[Finding]:
    peers = ctx.history.peers
    value = ctx.computed.get("energy_intensity")
    if peers is None or value is None or not ctx.is_annual:
        return
    position = robust_position(value, peers.intensities, int(ctx.ref.threshold("intensity_outlier_min_peers")))
    limit = ctx.ref.threshold("intensity_outlier_sd")
    if position is None or abs(position.distance_sd) <= limit:
        return
    yield Finding("energy_intensity",
                  f"能耗强度 {fmt(value, 4)} 吨标准煤/万元，本县 {peers.industry_class} 类 {position.peers} 家同行的"
                  f"中位数为 {fmt(position.median, 4)}，偏离 {position.distance_sd:+.1f} 个稳健标准差"
                  f"（{fmt(position.robust_sd, 4)}，超过 {fmt(limit)} 个）",
                  f"energy intensity {fmt(value, 4)} tce per 10k yuan against the median {fmt(position.median, 4)} "
                  f"of {position.peers} {peers.industry_class} peers in the county: {position.distance_sd:+.1f} "
                  f"robust SD ({fmt(position.robust_sd, 4)}; more than {fmt(limit)})")


# --- entered CO2 factors against the reference (issue 21; the check is energy_report_factors.py) ---

@rule("energy_report.factor_override", FORM, WARNING,
      "填报的排放因子偏离参考值超过 20%", "entered CO2 factor more than 20 % away from the reference")
def factor_override(ctx: RuleContext) -> Iterator[Finding]:
    """An entered ``co2_factor`` more than ``factor_override_pct`` away from the reference."""
    yield from factor_override_findings(ctx)
