"""Realistic test data built through the Store API (no fixtures files, no mocks)."""

from __future__ import annotations

import random

from lowcarbon_desk.domain.creditcode import make_credit_code
from lowcarbon_desk.storage import Store

COUNTY = "430124"
OPERATOR = "测试员"
ENERGY_CODES = ("raw_coal", "diesel", "natural_gas", "electricity", "heat", "gasoline", "coke")


def county_org(admin_code: str = COUNTY) -> dict:
    return {"org_id": admin_code, "kind": "county", "name": "宁乡市发展和改革局",
            "admin_code": admin_code, "contact_name": "王主任", "contact_phone": "0731-87654321"}


def enterprise(index: int, admin_code: str = COUNTY) -> dict:
    return {"org_id": make_credit_code(admin_code, f"M{index:08d}"), "kind": "enterprise",
            "name": f"湖南示范{index:04d}号制造有限公司", "admin_code": admin_code,
            "industry_code": "C3011", "contact_name": f"李工{index}",
            "contact_phone": f"139{index:08d}", "address": f"宁乡经开区第 {index} 号"}


def energy_lines(rng: random.Random, scale: float, count: int = 4) -> list[dict]:
    lines = []
    for code in ENERGY_CODES[:count]:
        consumption = round(rng.uniform(50, 500) * scale, 2)
        non_ind = round(consumption * 0.1, 2)
        lines.append({"energy": code, "opening_stock": 10, "purchase_qty": consumption,
                      "purchase_value_k_yuan": round(consumption * 0.8, 1),
                      "consumption_total": consumption, "industrial_use": round(consumption - non_ind, 2),
                      "feedstock_use": 0, "non_industrial_use": non_ind, "transport_use": 0,
                      "closing_stock": 10})
    return lines


def annual_report(rng: random.Random, year: int = 2025, scale: float = 1.0, lines: int = 4) -> dict:
    return {"period": str(year), "gross_output_10k_yuan": round(rng.uniform(5000, 90000), 1),
            "value_added_10k_yuan": round(rng.uniform(2000, 30000), 1),
            "lines": energy_lines(rng, scale, lines)}


def monthly_report(rng: random.Random, year: int, month: int, scale: float = 1.0) -> dict:
    return {"period": f"{year}-{month:02d}", "gross_output_10k_yuan": 500,
            "value_added_10k_yuan": 200, "lines": energy_lines(rng, scale / 12, 3)}


def budget(rng: random.Random, year: int = 2025, months: int = 9) -> dict:
    base = round(rng.uniform(800, 5000), 1)
    monthly = [round(base / 12 * rng.uniform(0.7, 1.3), 1) for _ in range(months)]
    return {"year": year, "basis": "equivalent", "baseline_year": year - 1, "baseline_tce": base,
            "planned_value_added_10k_yuan": 12000, "intensity_target": 0.5, "budget_tce": round(base * 1.05, 1),
            "adjustments": [{"date": f"{year}-06-30", "delta_tce": 120, "reason": "new_project",
                             "note": "新建生产线"},
                            {"date": f"{year}-09-15", "delta_tce": -40.5, "reason": "transfer_out",
                             "note": ""}],
            "monthly_actual_tce": monthly + [None] * (12 - months)}


def audit(year: int = 2025) -> dict:
    stages = [{"stage": "preparation", "start": f"{year}-01-10", "end": f"{year}-02-01"},
              {"stage": "pre_assessment", "start": f"{year}-02-02", "end": f"{year}-03-15"},
              {"stage": "assessment", "start": f"{year}-03-16", "end": f"{year}-05-01"},
              {"stage": "options", "start": f"{year}-05-02", "end": None}]
    options = []
    categories = ["raw_material_energy", "technology", "equipment", "process_control", "management",
                  "waste", "staff", "equipment"]
    for i, cat in enumerate(categories):
        options.append({"code": f"F{i + 1:02d}", "name": f"方案{i + 1}：余热回收改造", "category": cat,
                        "cost_class": "medium_high" if i % 3 == 0 else "no_low",
                        "investment_10k_yuan": 50 + i * 10, "annual_benefit_10k_yuan": 12 + i,
                        "energy_saving_tce": 30 + i, "co2_reduction_t": 80 + i * 2,
                        "status": "implemented" if i % 2 == 0 else "feasible"})
    return {"audit_year": year, "kind": "mandatory", "mandatory_reasons": ["high_energy"],
            "consultancy": "长沙绿色咨询有限公司", "focus": "锅炉及空压系统", "stages": stages,
            "indicators": [{"name": "单位产品综合能耗", "unit": "kgce/t", "kind": "energy",
                            "baseline": 120, "target": 100, "achieved": 105, "level": "II"}],
            "options": options, "acceptance_result": "pending"}


def pilot(year: int = 2024) -> dict:
    return {"pilot_type": "county", "title": "宁乡市低碳试点县建设方案", "baseline_year": year,
            "baseline_energy_tce": 1_250_000, "baseline_co2_t": 3_100_000,
            "baseline_value_added_10k_yuan": 9_800_000, "baseline_non_fossil_pct": 18.5,
            "target_year": 2030, "co2_intensity_cut_pct": 22, "non_fossil_target_pct": 25,
            "peak_year": 2029,
            "projects": [{"name": f"屋顶分布式光伏 {i} 期", "category": "energy_supply",
                          "investment_10k_yuan": 3000 + i * 100, "co2_cut_t_per_year": 5000 + i,
                          "start_year": 2025, "end_year": 2027} for i in range(1, 6)],
            "measures": "推进园区循环化改造；严控高耗能项目；发展公共交通。" * 3,
            "self_assessment": [{"indicator": "组织保障", "score": 8, "max_score": 10},
                                {"indicator": "目标设定", "score": 18, "max_score": 20}]}


def build_small(store: Store, seed: int = 7) -> dict[str, str]:
    """One county, three enterprises and one record of every form; returns named record ids."""
    rng = random.Random(seed)
    orgs = [county_org(), enterprise(1), enterprise(2), enterprise(3)]
    store.add_orgs(orgs, OPERATOR)
    e1, e2 = orgs[1]["org_id"], orgs[2]["org_id"]
    ids = {
        "annual": store.add_record("energy_report", e1, annual_report(rng, lines=7), OPERATOR,
                                   rng=rng, at="2026-01-20T10:00:00+08:00"),
        "budget": store.add_record("energy_budget", e1, budget(rng), OPERATOR, rng=rng,
                                   at="2026-01-21T10:00:00+08:00"),
        "audit": store.add_record("cp_audit", e1, audit(), OPERATOR, rng=rng,
                                  at="2026-01-22T10:00:00+08:00"),
        "pilot": store.add_record("pilot_application", COUNTY, pilot(), OPERATOR, rng=rng,
                                  at="2026-01-23T10:00:00+08:00"),
    }
    for month in (1, 2, 3):
        ids[f"month{month}"] = store.add_record("energy_report", e2,
                                                monthly_report(rng, 2025, month, 30), OPERATOR,
                                                rng=rng, at=f"2025-0{month + 1}-05T09:00:00+08:00")
    return ids
