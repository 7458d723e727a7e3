"""Energy report version 2 (data-standard.md §8): version 1's values, and pollutants with carbon,
renewable and non-fossil energy, data-centre PUE and ``must_report_ghg`` in place of the
sector-blind ``key_emitting_unit``.

Built on ``energy_report.report_terms`` (version 1 is not changed): every new value is a traced
term, so its explanation names the entered values and each reference value with its source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..reference import ReferenceData
from ..registry import computes
from .energy_report import PRODUCES, TCE, report_terms
from .ghg import must_report_ghg_term
from .trace import Source, Term, const, factor, given, op, total

if TYPE_CHECKING:
    from ..forms import FormDef

# the codes the fuel-based SO2 estimate reads a sulfur content on (raw and washed coal)
COAL_CODES = ("raw_coal", "washed_coal")
POLLUTANTS = (("so2", "so2_t"), ("nox", "nox_t"), ("pm", "pm_t"), ("vocs", "vocs_t"))
TONNES = ("吨", "t")
KG_PER_T = const(1000, ("千克/吨", "kg per t"))
KG_INTENSITY = ("千克/万元", "kg per 10k yuan")
TEN_K_KWH = ("万千瓦时", "10^4 kWh")
PERCENT = ("%", "%")

PRODUCES_V2 = (
    *(p for p in PRODUCES if p != "key_emitting_unit"), "must_report_ghg", "so2_intensity", "nox_intensity", "pm_intensity", "vocs_intensity",
    "pollutant_equivalents", "so2_fuel_estimate_t", "renewable_tce", "non_fossil_tce",
    "non_fossil_share_pct", "pue")


def _pollutant_name(ref: ReferenceData, key: str) -> tuple[str, str]:
    row = ref.pollutants.get(key)
    return (row.name_zh, row.name_en) if row else (key.upper(), key.upper())


def _intensities(data: dict[str, Any], ref: ReferenceData, value_added: Term) -> dict[str, Any]:
    out = {}
    for key, field_id in POLLUTANTS:
        name = _pollutant_name(ref, key)
        kg = op("mul", given(data.get(field_id), field_id, unit=TONNES), KG_PER_T)
        out[f"{key}_intensity"] = op("round", op("ratio", kg, value_added).named(
            (f"单位增加值{name[0]}排放", f"{name[1]} intensity"), KG_INTENSITY,
            (f"{name[0]}排放强度 = 年排放量 × 1000 ÷ 工业增加值",
             f"{name[1]} intensity = annual emissions × 1000 ÷ value added"), "i = m × 1000 ÷ VA"))
    return out


def _equivalents(data: dict[str, Any], ref: ReferenceData) -> Term:
    """Σ kg ÷ equivalent value over the pollutants the reference data gives a value for; VOCs
    (none given) are left out, not converted."""
    parts, entered = [], []
    for key, field_id in POLLUTANTS:
        row = ref.pollutants.get(key)
        if row is None or row.kg_per_equivalent is None:
            continue
        amount = given(data.get(field_id), field_id, unit=TONNES)
        entered.append(amount)
        value = factor(row.kg_per_equivalent,
                       Source(row.source, "pollutant_equivalents", row.id, ref.version, row.source_text("zh")),
                       (f"{row.name_zh}污染当量值", f"{row.name_en} equivalent value"), ("千克", "kg"))
        parts.append(op("div", op("mul", op("num", amount), KG_PER_T), value).named(
            (f"{row.name_zh}污染当量数", f"{row.name_en} equivalents"), ("污染当量", "equivalents")))
    if not parts:
        return const(None, ("参考数据无污染当量值", "no equivalent values in the reference data"))
    return op("when", op("count_given", *entered), total(parts)).named(
        words=("污染当量数 = Σ 排放量（千克）÷ 污染当量值（挥发性有机物不折算）",
               "equivalents = Σ emissions (kg) ÷ equivalent value (VOCs not converted)"),
        symbols="N = Σ mᵢ ÷ vᵢ")


def _so2_estimate(data: dict[str, Any], ref: ReferenceData) -> Term:
    """Σ over coal lines with a sulfur content: Q × S% / 100 × 2 × K × (1 − removal% / 100)."""
    conversion = ref.pollutant_factors.get("so2_sulfur_conversion")
    ratio_row = ref.pollutant_factors.get("so2_to_sulfur_mass_ratio")
    lines = [(i, line) for i, line in enumerate(data.get("lines") or [])
             if line.get("energy") in COAL_CODES and line.get("sulfur_pct") is not None]
    if not lines or conversion is None or ratio_row is None:
        why = (("无燃煤行硫分", "no coal line gives a sulfur content") if not lines
               else ("参考数据无二氧化硫转化率", "no SO2 conversion factor in the reference data"))
        return const(None, why)
    k = op("or", given(data.get("so2_conversion_k"), "so2_conversion_k"),
           factor(conversion.value, Source(conversion.source, "pollutant_factors", conversion.id, ref.version,
                                           conversion.source_text("zh")), (conversion.label_zh, conversion.label_en)))
    k = k.named(("硫分转化率 K", "conversion K"))
    mass_ratio = factor(ratio_row.value, Source(ratio_row.source, "pollutant_factors", ratio_row.id, ref.version,
                                                ratio_row.source_text("zh")), (ratio_row.label_zh, ratio_row.label_en))
    kept = op("sub", const(1), op("div", op("num", given(data.get("so2_removal_pct"), "so2_removal_pct",
                                                          unit=PERCENT)), const(100)))
    kept = kept.named(("未脱除比例", "share not removed"), words=("1 − 脱硫效率 ÷ 100", "1 − removal ÷ 100"))
    terms = []
    for index, line in lines:
        path = f"lines[{index}]"
        energy = ref.energy.get(line["energy"])
        name = (energy.name_zh, energy.name_en) if energy else (line["energy"], line["energy"])
        sulfur = op("div", given(line["sulfur_pct"], f"{path}.sulfur_pct", unit=PERCENT), const(100))
        terms.append(op("mul", op("num", given(line.get("consumption_total"), f"{path}.consumption_total",
                                               unit=TONNES)),
                        sulfur, mass_ratio, k, kept).named(
            (f"第 {index + 1} 行 {name[0]} 二氧化硫估算", f"row {index + 1} {name[1]} SO2 estimate"), TONNES))
    return total(terms).named(
        words=("燃料法二氧化硫 = Σ 燃煤行 消费量 × 硫分% ÷ 100 × 2 × K × (1 − 脱硫效率% ÷ 100)",
               "fuel-based SO2 = Σ coal lines consumption × S% ÷ 100 × 2 × K × (1 − removal% ÷ 100)"),
        symbols="SO₂ = Σ Q × S ÷ 100 × 2 × K × (1 − η ÷ 100)", unit=TONNES)


def _grid_share(data: dict[str, Any], ref: ReferenceData) -> Term:
    year = str(data.get("period") or "")[:4]
    share = ref.grid_non_fossil_share(year)
    if share is None:
        return factor(0, Source(f"none for {year} in this reference set: left to the province (a factor-set "
                                "file may add it); counted as 0",
                                "grid_non_fossil_share", year or "—", ref.version,
                                f"本参考数据无 {year} 年数值，留待省级确定（可用因子集文件补充），按 0 计"),
                      (f"{year} 年电网电力非化石占比", f"non-fossil share of grid power {year}"), PERCENT)
    return factor(share.share_pct, Source(share.source, "grid_non_fossil_share", share.year, ref.version,
                                          share.source_text("zh")),
                  (f"{share.year} 年电网电力非化石占比", f"non-fossil share of grid power {share.year}"), PERCENT)


def _renewable_and_non_fossil(data: dict[str, Any], ref: ReferenceData, raw_lines: list[dict[str, Any]],
                              total_tce: Term) -> dict[str, Any]:
    renewable = total((line["tce"] for line in raw_lines if line["basis"] == "renewable"),
                      ("可再生能源消费量", "renewable energy"), TCE).named(
        words=("可再生能源消费量 = Σ 可再生能源行折标准煤", "renewable energy = Σ standard coal of renewable lines"),
        symbols="R = Σ Eᵢ (renewable)")
    grid = total((line["tce"] for line in raw_lines if line["basis"] == "electricity"),
                 ("电网购入电力折标准煤", "grid electricity in standard coal"), TCE)
    grid_part = op("div", op("mul", grid, _grid_share(data, ref)), const(100)).named(
        ("电网电力中的非化石部分", "non-fossil part of grid electricity"), TCE)
    non_fossil = op("sum", renewable, grid_part).named(
        ("非化石能源消费量", "non-fossil energy"), TCE,
        ("非化石能源 = 可再生能源 + 电网电力 × 电网非化石占比", "non-fossil = renewables + grid power × its non-fossil share"),
        "F = R + E_grid × s ÷ 100")
    share = op("mul", op("ratio", non_fossil, total_tce), const(100)).named(
        ("非化石能源消费占比", "non-fossil share"), PERCENT,
        ("非化石能源占比 = 非化石能源消费量 ÷ 综合能源消费量 × 100", "non-fossil share = non-fossil ÷ total energy × 100"),
        "f = F ÷ E × 100")
    return {"renewable_tce": op("round", renewable), "non_fossil_tce": op("round", non_fossil),
            "non_fossil_share_pct": op("round", share)}


def _pue(data: dict[str, Any], ref: ReferenceData) -> Term:
    """Total electricity of the site (grid and renewable power, 10^4 kWh) ÷ IT equipment energy."""
    power = []
    for index, line in enumerate(data.get("lines") or []):
        energy = ref.energy.get(line.get("energy") or "")
        renewable = ref.renewables.get(energy.code) if energy else None
        if energy and (energy.kind == "electricity" or (renewable and renewable.carrier == "electricity")):
            power.append(given(line.get("consumption_total"), f"lines[{index}].consumption_total", unit=TEN_K_KWH))
    site = total(power, ("全站用电量", "site electricity"), TEN_K_KWH).named(
        words=("全站用电量 = Σ 电力行（电网、自发、绿电）消费量", "site electricity = Σ power lines (grid, own, green)"))
    pue = op("ratio", site, given(data.get("it_energy_10k_kwh"), "it_energy_10k_kwh", unit=TEN_K_KWH))
    return op("round", pue.named(words=("PUE = 全站用电量 ÷ IT 设备用电量", "PUE = site electricity ÷ IT equipment energy"),
                                 symbols="PUE = P_site ÷ P_IT"))


@computes("energy_report", produces=PRODUCES_V2, since=2)
def compute_energy_report_v2(form: FormDef, data: dict[str, Any], ref: ReferenceData) -> dict[str, Any]:
    """Every computed value of an energy report of version 2 on."""
    base = report_terms(data, ref)
    out = {key: term for key, term in base.items() if key in PRODUCES_V2 or key == "lines"}
    out["must_report_ghg"] = must_report_ghg_term(base["raw_total_tce"], base["raw_total_co2"],
                                                  given(data.get("industry_code"), "industry_code"),
                                                  base["annual"], ref)
    out.update(_intensities(data, ref, base["value_added"]))
    out["pollutant_equivalents"] = op("round", _equivalents(data, ref))
    out["so2_fuel_estimate_t"] = op("round", _so2_estimate(data, ref))
    out.update(_renewable_and_non_fossil(data, ref, base["raw_lines"], base["raw_total_tce"]))
    out["pue"] = _pue(data, ref)
    return out
