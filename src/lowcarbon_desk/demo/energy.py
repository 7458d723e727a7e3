"""Monthly and annual energy lines that balance, for one demo enterprise."""

from __future__ import annotations

import random

from .catalogue import SEASONAL, Sector

STORABLE = {"raw_coal", "washed_coal", "coke", "crude_oil", "fuel_oil", "gasoline", "kerosene",
            "diesel", "lpg"}
PRICE_K_YUAN = {"raw_coal": 0.9, "washed_coal": 1.4, "coke": 2.1, "fuel_oil": 5.2, "gasoline": 8.6,
                "kerosene": 7.9, "diesel": 7.6, "lpg": 6.1, "natural_gas": 35.0, "coke_oven_gas": 8.0,
                "heat": 0.08, "electricity": 6.5, "other": 1.0}
TRANSPORT_FUELS = {"diesel": 0.7, "gasoline": 0.9}
ENTERED_FACTORS = {"coke_oven_gas": (7.62, "企业煤气组分检测报告（2025 年度），按核算指南公式计算")}


def _r(value: float) -> float:
    return round(value, 2)


def yearly_quantities(sector: Sector, scale: float, rng: random.Random) -> dict[str, float]:
    """The year's consumption per energy code."""
    return {code: qty * scale * rng.uniform(0.85, 1.15) for code, qty in sector.mix.items()}


def monthly_lines(sector: Sector, quantities: dict[str, float], rng: random.Random) -> list[list[dict]]:
    """Twelve months of lines; stocks carry from month to month and every line balances."""
    weight = sum(SEASONAL)
    stocks = {code: _r(q * rng.uniform(0.04, 0.1)) for code, q in quantities.items() if code in STORABLE}
    months: list[list[dict]] = []
    for month in range(12):
        lines = []
        for code, yearly in quantities.items():
            total = _r(yearly * SEASONAL[month] / weight * rng.uniform(0.96, 1.04))
            industrial = _r(total * (0.97 if code not in TRANSPORT_FUELS else 0.4))
            line = {"energy": code, "consumption_total": total, "industrial_use": industrial,
                    "non_industrial_use": _r(total - industrial),
                    "feedstock_use": _r(industrial * sector.feedstock_share.get(code, 0.0)),
                    "transport_use": _r(total * TRANSPORT_FUELS.get(code, 0.0))}
            if code in STORABLE:
                opening = stocks[code]
                closing = _r(max(total * rng.uniform(0.05, 0.12), 0))
                purchase = _r(closing + total - opening)
                if purchase < 0:
                    purchase, closing = 0.0, _r(opening - total)
                stocks[code] = closing
            else:
                opening, purchase, closing = 0.0, total, 0.0
            line.update({"opening_stock": opening, "purchase_qty": purchase, "closing_stock": closing,
                         "purchase_value_k_yuan": _r(purchase * PRICE_K_YUAN.get(code, 1.0))})
            if code in ENTERED_FACTORS:
                line["co2_factor"], line["co2_factor_source"] = ENTERED_FACTORS[code]
            lines.append(line)
        months.append(lines)
    return months


def annual_lines(months: list[list[dict]]) -> list[dict]:
    """The year as the sum of its months (stocks: January's opening, December's closing)."""
    summed: dict[str, dict] = {}
    for month_lines in months:
        for line in month_lines:
            code = line["energy"]
            if code not in summed:
                summed[code] = {**line}
                continue
            target = summed[code]
            for key in ("consumption_total", "industrial_use", "non_industrial_use", "feedstock_use",
                        "transport_use", "purchase_qty", "purchase_value_k_yuan"):
                target[key] = _r(target[key] + line[key])
            target["closing_stock"] = line["closing_stock"]
    return list(summed.values())
