"""What version 2 of the energy report adds for a demo enterprise: pollutants (permit, SO2,
NOx, particulates, VOCs, sulfur on coal lines, removal efficiency), renewables for a few and a
data centre's IT equipment energy.

Only annual reports carry them (the permit's execution report is annual). Every number is drawn
from the record's own random source, so the rest of the demo does not move.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .catalogue import DEFAULT_COUNTY
from .energy import PRICE_K_YUAN

COAL = ("raw_coal", "washed_coal")
DATA_CENTRE = "I645"
# the SO2 estimate multiplies coal (t) × sulfur % ÷ 100 × 2 × K 0.80 × (1 − removal %)
SULFUR_TO_SO2 = 2 * 0.80
# industries whose plants hold a pollutant discharge permit in the demo, with the VOCs they emit
# (t per 1,000 tce): printing and dyeing, paper, chemicals and painting emit some
PERMIT_VOCS = {"C31": 0.4, "C30": 0.2, "C26": 3.0, "C17": 2.5, "C22": 1.2, "C34": 4.0, "C13": 0.3}
# own rooftop PV for these industries, green power for data centres (share of their electricity)
OWN_PV = ("C17", "C34", "C13")


@dataclass(frozen=True)
class Owner:
    """The organisation a demo record belongs to, as the form versions need it."""

    org_id: str
    industry_code: str = ""
    admin_code: str = ""
    so2_off: bool = False  # the one enterprise of the county whose reported SO2 fails the cross-check


SO2_OFF_REASON = ("二氧化硫排放量取自烟气在线监测（CEMS）全年有效数据，经排污许可证执行报告核定；"
                  "燃料法按入厂煤批次硫分加权且未计石灰石炉内脱硫，估算偏高")


def _line(data: dict, code: str) -> dict | None:
    return next((line for line in data["lines"] if line["energy"] == code), None)


def _split_power(data: dict, code: str, share: float) -> dict | None:
    """Move ``share`` of the grid electricity line to a renewable line ``code``."""
    grid = _line(data, "electricity")
    if grid is None:
        return None
    # each part moved as rounded, and each total the sum of its parts: both lines balance
    moved = {key: round(grid[key] * share, 2) for key in ("industrial_use", "non_industrial_use")}
    moved["consumption_total"] = round(moved["industrial_use"] + moved["non_industrial_use"], 2)
    for key in ("industrial_use", "non_industrial_use"):
        grid[key] = round(grid[key] - moved[key], 2)
    grid["consumption_total"] = round(grid["industrial_use"] + grid["non_industrial_use"], 2)
    grid["purchase_qty"] = grid["consumption_total"]
    grid["purchase_value_k_yuan"] = round(grid["purchase_qty"] * PRICE_K_YUAN["electricity"], 2)
    line = {"energy": code, **moved, "feedstock_use": 0.0, "transport_use": 0.0, "opening_stock": 0.0,
            "closing_stock": 0.0}
    if code == "green_power":  # bought, one certificate per MWh (0.1 × 10^4 kWh)
        line.update(purchase_qty=moved["consumption_total"],
                    purchase_value_k_yuan=round(moved["consumption_total"] * 6.9, 2),
                    green_certificates=round(moved["consumption_total"] * 10))
    data["lines"].append(line)
    return line


def _pollutants(data: dict, owner: Owner, extra: random.Random) -> None:
    prefix = owner.industry_code[:3]
    if prefix not in PERMIT_VOCS:
        return
    data["permit_no"] = f"{owner.org_id}{extra.randint(1, 3):03d}P"
    coal = [line for line in data["lines"] if line["energy"] in COAL]
    removal = round(extra.uniform(88, 96), 1)  # used only where there is coal
    estimate = 0.0
    for line in coal:
        line["sulfur_pct"] = round(extra.uniform(0.55, 1.2), 2)
        estimate += line["consumption_total"] * line["sulfur_pct"] / 100 * SULFUR_TO_SO2 * (1 - removal / 100)
    coal_t = sum(line["consumption_total"] for line in coal)
    gas = sum(line["consumption_total"] for line in data["lines"] if line["energy"] == "natural_gas")
    tce = coal_t * 0.7143 + gas * 13.3
    if coal:
        data["so2_removal_pct"] = removal
        # within the cross-check's band (0.5 to 2 times the estimate), but for the one enterprise
        data["so2_t"] = round(estimate * (extra.uniform(0.22, 0.32) if owner.so2_off else extra.uniform(0.8, 1.25)), 2)
    else:
        data["so2_t"] = round(gas * extra.uniform(0.001, 0.003), 3)  # gas: little sulfur
    data["nox_t"] = round(coal_t * extra.uniform(1.2, 2.6) / 1000 + gas * extra.uniform(0.01, 0.02), 2)
    data["pm_t"] = round(coal_t * extra.uniform(0.15, 0.4) / 1000 + gas * 0.002, 2)
    data["vocs_t"] = round(max(tce, 500) * PERMIT_VOCS[prefix] / 1000 * extra.uniform(0.7, 1.3), 2)


def energy_report_v2(data: dict, extra: random.Random, owner: Owner) -> dict:
    """Version 2 of an annual energy report: pollutants, renewables, a data centre's IT energy."""
    if len(str(data.get("period") or "")) != 4:
        return data  # monthly: the lines as drawn
    data = {**data, "lines": [dict(line) for line in data["lines"]]}
    _pollutants(data, owner, extra)
    if owner.industry_code.startswith(DATA_CENTRE):
        _split_power(data, "green_power", round(extra.uniform(0.15, 0.25), 2))
        site = sum(line["consumption_total"] for line in data["lines"]
                   if line["energy"] in ("electricity", "green_power"))
        # one demo county runs an efficient centre, the others one between the two PUE limits
        pue = extra.uniform(1.23, 1.27) if owner.admin_code == DEFAULT_COUNTY else extra.uniform(1.43, 1.47)
        data["it_energy_10k_kwh"] = round(site / pue, 1)
    elif owner.industry_code[:3] in OWN_PV and extra.random() < 0.7:
        _split_power(data, "pv_self", round(extra.uniform(0.08, 0.2), 2))
    return data
