"""Standard coal, CO2 and intensities of an energy report (data-standard.md §2).

Every value is built as a traced term (``trace.py``): the stored number and its explanation
are the same computation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from ..jsontypes import RecordData, Row, Terms
from ..reference import ReferenceData, Threshold
from ..registry import computes
from .trace import Source, Term, const, factor, given, op, total

if TYPE_CHECKING:
    from ..forms import FormDef

TCE = ("吨标准煤", "tce")
TCO2 = ("吨CO2", "tCO2")
INTENSITY_TCE = ("吨标准煤/万元", "tce per 10k yuan")
INTENSITY_CO2 = ("吨CO2/万元", "tCO2 per 10k yuan")


class FactorTerms(TypedDict):
    """A line's coefficient and CO2 factor as terms (``None``: unknown) and how its CO2 is counted."""

    coefficient: Term | None
    co2_factor: Term | None
    basis: str | None  # "combustion", "electricity", "heat"; None for an unknown energy


class LineTerms(FactorTerms):
    """One line's raw (unrounded) standard coal and CO2 as terms, with its factors."""

    tce: Term
    co2: Term


class LineFactors(TypedDict):
    """The coefficient and CO2 factor that apply to one line, and where the factor came from."""

    coefficient_used: float | None
    co2_factor_used: float | None
    co2_basis: str | None


def _per(energy_unit: tuple[str, str], numerator: tuple[str, str]) -> tuple[str, str]:
    return (f"{numerator[0]}/{energy_unit[0]}", f"{numerator[1]}/{energy_unit[1]}")


def line_factor_terms(line: Row, ref: ReferenceData, grid_factor_id: str | None,
                      path: str = "") -> FactorTerms:
    """Coefficient and CO2 factor terms of one line, and the basis of its CO2 (None if unknown)."""
    energy = ref.energy.get(line.get("energy") or "")
    if energy is None:
        return {"coefficient": None, "co2_factor": None, "basis": None}
    unit = (energy.unit_zh, energy.unit_en)
    entered = line.get("coefficient")
    if entered is not None:
        coefficient = given(entered, f"{path}.coefficient" if path else "coefficient",
                            unit=_per(unit, TCE))
    else:
        coefficient = factor(energy.tce_per_unit,
                             Source(energy.source, "energy_coefficients", energy.code, ref.version,
                                    energy.source_text("zh")),
                             (f"{energy.name_zh}折标系数", f"{energy.name_en} coefficient"),
                             _per(unit, TCE))
    co2: Term | None
    if energy.kind == "electricity":
        grid = ref.grid_factor(grid_factor_id)
        co2 = factor(grid.tco2_per_10k_kwh,
                     Source(f"{grid.source} ({grid.year})", "grid_factors", grid.id, ref.version,
                            f"{grid.source_text('zh')}，{grid.year} 年"),
                     (grid.label_zh, grid.label_en), _per(unit, TCO2))
        return {"coefficient": coefficient, "co2_factor": co2, "basis": "electricity"}
    if energy.kind == "renewable":
        renewable = ref.renewables[energy.code]
        co2 = factor(renewable.tco2_per_unit,
                     Source(renewable.source, "renewable_energy", renewable.code, ref.version,
                            renewable.source_text("zh")),
                     (f"{energy.name_zh}排放因子", f"{energy.name_en} CO2 factor"), _per(unit, TCO2))
        return {"coefficient": coefficient, "co2_factor": co2, "basis": "renewable"}
    if energy.kind == "heat":
        heat = ref.heat_factor
        co2 = factor(heat.tco2_per_gj,
                     Source(heat.source, "heat_factors", heat.id, ref.version, heat.source_text("zh")),
                     (heat.label_zh, heat.label_en), _per(unit, TCO2))
        return {"coefficient": coefficient, "co2_factor": co2, "basis": "heat"}
    entered_co2 = line.get("co2_factor")
    if entered_co2 is not None:
        source_text = line.get("co2_factor_source") or ""
        co2 = given(entered_co2, f"{path}.co2_factor" if path else "co2_factor",
                    (f"填报排放因子（{source_text}）", f"entered factor ({source_text})"),
                    _per(unit, TCO2))
    else:
        combustion = ref.combustion.get(energy.code)
        co2 = None if combustion is None else factor(
            combustion.tco2_per_unit,
            Source(combustion.source, "combustion_factors", combustion.code, ref.version,
                   combustion.source_text("zh")),
            (f"{energy.name_zh}排放因子", f"{energy.name_en} CO2 factor"), _per(unit, TCO2))
    return {"coefficient": coefficient, "co2_factor": co2, "basis": "combustion"}


def line_factors(line: Row, ref: ReferenceData, grid_factor_id: str | None) -> LineFactors:
    """Coefficient and CO2 factor that apply to one line, and where the factor came from."""
    terms = line_factor_terms(line, ref, grid_factor_id)
    return {"coefficient_used": terms["coefficient"].value if terms["coefficient"] else None,
            "co2_factor_used": terms["co2_factor"].value if terms["co2_factor"] else None,
            "co2_basis": terms["basis"]}


def _line_terms(index: int, line: Row, ref: ReferenceData, grid_id: str) -> LineTerms:
    """The raw (unrounded) standard coal and CO2 of one line, as terms."""
    path = f"lines[{index}]"
    energy = ref.energy.get(line.get("energy") or "")
    name = (energy.name_zh, energy.name_en) if energy else ("未知能源", "unknown energy")
    unit = (energy.unit_zh, energy.unit_en) if energy else ("", "")
    terms = line_factor_terms(line, ref, grid_id, path)
    consumption = op("num", given(line.get("consumption_total"), f"{path}.consumption_total",
                                  unit=unit), unit=unit)
    coefficient, co2_factor, basis = terms["coefficient"], terms["co2_factor"], terms["basis"]
    if coefficient is not None:
        tce = op("mul", consumption, coefficient)
    else:
        tce = const(0.0, ("无折标系数", "no coefficient"))
    tce = tce.named((f"第 {index + 1} 行 {name[0]} 折标准煤", f"row {index + 1} {name[1]} standard coal"),
                    TCE, ("折标准煤 = 实物量 × 折标系数", "standard coal = quantity × coefficient"),
                    "E = Q × k")
    if basis == "combustion":
        feedstock = given(line.get("feedstock_use"), f"{path}.feedstock_use", unit=unit)
        emitted = op("max0", op("sub", consumption, feedstock), unit=unit)
        words = ("燃烧排放 = (实物量 − 用作原材料) × 排放因子",
                 "combustion CO2 = (quantity − feedstock) × factor")
        symbols = "C = max(Q − F, 0) × f"
    elif basis == "renewable":
        emitted = consumption
        words = ("可再生能源排放 = 消费量 × 排放因子（0）", "renewable CO2 = quantity × factor (0)")
        symbols = "C = Q × f"
    else:
        emitted = consumption
        words = ("间接排放 = 净购入量 × 排放因子", "indirect CO2 = quantity bought × factor")
        symbols = "C = Q × f"
    if co2_factor is not None and basis:
        co2 = op("mul", emitted, co2_factor)
    else:
        co2 = const(0.0, ("无排放因子", "no CO2 factor"))
    co2 = co2.named((f"第 {index + 1} 行 {name[0]} 二氧化碳排放", f"row {index + 1} {name[1]} CO2"),
                    TCO2, words, symbols)
    return {"tce": tce, "co2": co2, "coefficient": coefficient, "co2_factor": co2_factor,
            "basis": basis}


PRODUCES = ("coefficient_used", "co2_factor_used", "co2_basis", "line_tce", "line_co2_t", "total_tce",
            "combustion_co2_t", "electricity_co2_t", "heat_co2_t", "total_co2_t", "energy_intensity",
            "carbon_intensity", "key_energy_unit", "key_emitting_unit", "grid_factor_used")


@computes("energy_report", produces=PRODUCES)
def compute_energy_report(form: FormDef, data: RecordData, ref: ReferenceData) -> Terms:
    """Every computed value of an energy report, including the per-line ones under ``lines``."""
    return {key: term for key, term in report_terms(data, ref).items() if key in PRODUCES or key == "lines"}


def report_terms(data: dict[str, Any], ref: ReferenceData) -> dict[str, Any]:
    """Version 1's computed values as terms, and the unrounded terms a later version builds on:
    ``raw_lines`` (each line's ``tce``, ``co2``, ``basis``), ``raw_total_tce``, ``raw_total_co2``,
    ``value_added`` and ``annual``."""
    grid_id = data.get("grid_factor_id") or ref.default_grid_factor
    grid_term = op("or", given(data.get("grid_factor_id"), "grid_factor_id"),
                   factor(ref.default_grid_factor,
                          Source("manifest.toml default_grid_factor", "manifest",
                                 "default_grid_factor", ref.version,
                                 "参考数据清单的默认电网因子（manifest.toml default_grid_factor）"),
                          ("默认电力排放因子", "default grid factor")))
    lines = [_line_terms(i, line, ref, grid_id) for i, line in enumerate(data.get("lines") or [])]
    lines_out = []
    for index, line in enumerate(lines):
        basis = line["basis"]
        basis_term = (factor(basis, Source("energy_coefficients.kind", "energy_coefficients",
                                           data["lines"][index].get("energy") or "", ref.version,
                                           "能源品种的类别（energy_coefficients.kind）"),
                             ("排放核算方式", "CO2 basis"))
                      if basis else const(None))
        lines_out.append({
            "line_tce": op("round", line["tce"]),
            "line_co2_t": op("round", line["co2"]),
            "coefficient_used": line["coefficient"] if line["coefficient"] is not None else const(None),
            "co2_factor_used": line["co2_factor"] if line["co2_factor"] is not None else const(None),
            "co2_basis": basis_term,
        })
    total_tce = total((line["tce"] for line in lines), ("综合能源消费量", "total energy"), TCE).named(
        words=("综合能源消费量 = Σ 各行折标准煤", "total energy = Σ standard coal of every line"),
        symbols="E = Σ Qᵢ × kᵢ")
    by_basis: dict[str, Term] = {}
    for basis, label, words in (
            ("combustion", ("化石燃料燃烧排放", "combustion CO2"),
             ("燃烧排放 = Σ 燃料行 (实物量 − 用作原材料) × 排放因子",
              "combustion CO2 = Σ fuel lines (quantity − feedstock) × factor")),
            ("electricity", ("净购入电力排放", "electricity CO2"),
             ("电力排放 = Σ 电力行 购入量 × 电网排放因子", "electricity CO2 = Σ power lines × grid factor")),
            ("heat", ("净购入热力排放", "heat CO2"),
             ("热力排放 = Σ 热力行 购入量 × 热力排放因子", "heat CO2 = Σ heat lines × heat factor"))):
        by_basis[basis] = total((line["co2"] for line in lines if line["basis"] == basis),
                                label, TCO2).named(words=words, symbols="C = Σ Cᵢ")
    total_co2 = total(by_basis.values(), ("二氧化碳排放总量", "total CO2"), TCO2).named(
        words=("排放总量 = 燃烧排放 + 电力排放 + 热力排放", "total CO2 = combustion + electricity + heat"),
        symbols="C = C_comb + C_elec + C_heat")
    value_added = given(data.get("value_added_10k_yuan"), "value_added_10k_yuan", unit=("万元", "10k yuan"))
    energy_intensity = op("ratio", total_tce, value_added).named(
        words=("能耗强度 = 综合能源消费量 ÷ 工业增加值", "energy intensity = total energy ÷ value added"),
        symbols="e = E ÷ VA", unit=INTENSITY_TCE)
    carbon_intensity = op("ratio", total_co2, value_added).named(
        words=("碳排放强度 = 二氧化碳排放总量 ÷ 工业增加值", "carbon intensity = total CO2 ÷ value added"),
        symbols="c = C ÷ VA", unit=INTENSITY_CO2)
    annual = op("is_annual", given(data.get("period"), "period"), label=("年报", "annual report"))
    key_energy = ref.thresholds["key_energy_unit_tce"]
    key_emitting = ref.thresholds["key_emitting_unit_tco2"]
    return {
        "raw_lines": lines, "raw_total_tce": total_tce, "raw_total_co2": total_co2,
        "value_added": value_added, "annual": annual,
        "lines": lines_out,
        "total_tce": op("round", total_tce),
        "combustion_co2_t": op("round", by_basis["combustion"]),
        "electricity_co2_t": op("round", by_basis["electricity"]),
        "heat_co2_t": op("round", by_basis["heat"]),
        "total_co2_t": op("round", total_co2),
        "energy_intensity": op("round", energy_intensity),
        "carbon_intensity": op("round", carbon_intensity),
        "key_energy_unit": op("when", annual, op("ge", total_tce, threshold_term(key_energy, ref))).named(
            words=("年报且综合能源消费量 ≥ 重点用能单位门槛", "annual report and total energy ≥ the key-unit threshold"),
            symbols="E ≥ E_key"),
        "key_emitting_unit": op("when", annual, op("ge", total_co2, threshold_term(key_emitting, ref))).named(
            words=("年报且排放总量 ≥ 重点排放单位门槛", "annual report and total CO2 ≥ the key-emitter threshold"),
            symbols="C ≥ C_key"),
        "grid_factor_used": grid_term.named(
            words=("填报的电力排放因子，未填时用参考数据的默认值",
                   "the grid factor entered, else the reference data's default")),
    }


def threshold_term(threshold: Threshold, ref: ReferenceData) -> Term:
    """A policy threshold of the reference data as a traced factor."""
    return factor(threshold.value,
                  Source(threshold.source, "thresholds", threshold.id, ref.version,
                         threshold.source_text("zh")),
                  (threshold.label_zh, threshold.label_en), (threshold.unit, threshold.unit))


def tce_of_quantity(code: str, quantity: float, ref: ReferenceData,
                    power_gce_per_kwh: float | None = None) -> float:
    """Standard coal of a quantity in the code's own unit; electricity on the equal-value
    basis when ``power_gce_per_kwh`` is given (tce per 10^4 kWh = gce/kWh / 100)."""
    energy = ref.energy_type(code)
    if energy.kind == "electricity" and power_gce_per_kwh is not None:
        return quantity * power_gce_per_kwh / 100
    return quantity * energy.tce_per_unit


def co2_of_quantity(code: str, quantity: float, ref: ReferenceData,
                    grid_factor_id: str | None = None) -> float | None:
    """Default tCO2 of a quantity burnt or bought; None when the code has no default factor."""
    factors = line_factors({"energy": code}, ref, grid_factor_id)
    factor_value = factors["co2_factor_used"]
    return None if factor_value is None else quantity * factor_value

