"""Standard coal, CO2 and intensities of an energy report (data-standard.md §2)."""

from __future__ import annotations

from ..reference import ReferenceData
from ..registry import computes
from .numbers import num, ratio, rounded


def line_factors(line: dict, ref: ReferenceData, grid_factor_id: str | None) -> dict:
    """Coefficient and CO2 factor that apply to one line, and where the factor came from."""
    energy = ref.energy.get(line.get("energy") or "")
    if energy is None:
        return {"coefficient_used": None, "co2_factor_used": None, "co2_basis": None}
    coefficient = line.get("coefficient")
    coefficient_used = coefficient if coefficient is not None else energy.tce_per_unit
    if energy.kind == "electricity":
        return {"coefficient_used": coefficient_used,
                "co2_factor_used": ref.grid_factor(grid_factor_id).tco2_per_10k_kwh,
                "co2_basis": "electricity"}
    if energy.kind == "heat":
        return {"coefficient_used": coefficient_used,
                "co2_factor_used": ref.heat_factor.tco2_per_gj, "co2_basis": "heat"}
    entered = line.get("co2_factor")
    return {"coefficient_used": coefficient_used,
            "co2_factor_used": entered if entered is not None else ref.co2_factor(energy.code),
            "co2_basis": "combustion"}


@computes("energy_report")
def compute_energy_report(data: dict, ref: ReferenceData) -> dict:
    """Every computed value of an energy report, including the per-line ones under ``lines``."""
    grid_id = data.get("grid_factor_id") or ref.default_grid_factor
    totals = {"combustion": 0.0, "electricity": 0.0, "heat": 0.0}
    total_tce = 0.0
    lines_out = []
    for line in data.get("lines") or []:
        factors = line_factors(line, ref, grid_id)
        consumption = num(line.get("consumption_total"))
        coefficient = factors["coefficient_used"]
        line_tce = consumption * coefficient if coefficient is not None else 0.0
        basis, factor = factors["co2_basis"], factors["co2_factor_used"]
        if basis == "combustion":
            emitted = max(consumption - num(line.get("feedstock_use")), 0.0)
        else:
            emitted = consumption
        line_co2 = emitted * factor if factor is not None and basis else 0.0
        if basis:
            totals[basis] += line_co2
        total_tce += line_tce
        lines_out.append({"line_tce": rounded(line_tce), "line_co2_t": rounded(line_co2),
                          "coefficient_used": coefficient, "co2_factor_used": factor,
                          "co2_basis": basis})
    total_co2 = sum(totals.values())
    annual = len(str(data.get("period") or "")) == 4
    value_added = data.get("value_added_10k_yuan")
    return {
        "lines": lines_out,
        "total_tce": rounded(total_tce),
        "combustion_co2_t": rounded(totals["combustion"]),
        "electricity_co2_t": rounded(totals["electricity"]),
        "heat_co2_t": rounded(totals["heat"]),
        "total_co2_t": rounded(total_co2),
        "energy_intensity": rounded(ratio(total_tce, value_added)),
        "carbon_intensity": rounded(ratio(total_co2, value_added)),
        "key_energy_unit": (total_tce >= ref.threshold("key_energy_unit_tce")) if annual else None,
        "key_emitting_unit": (total_co2 >= ref.threshold("key_emitting_unit_tco2")) if annual else None,
        "grid_factor_used": grid_id,
    }


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
    factor = factors["co2_factor_used"]
    return None if factor is None else quantity * factor
