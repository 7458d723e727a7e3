"""Budgets, audits and pilot applications of the demo county."""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

from .catalogue import Sector

STAGES = ("preparation", "pre_assessment", "assessment", "options", "feasibility", "implementation", "continuous")
OPTION_NAMES = {
    "raw_material_energy": ("燃煤锅炉改天然气", "原料煤替换为低硫煤", "余热蒸汽回收利用"),
    "technology": ("窑炉富氧燃烧改造", "干法熄焦技术应用", "高效印染短流程工艺"),
    "equipment": ("电机变频改造", "空压机系统节能改造", "高效换热器更换"),
    "process_control": ("DCS 优化燃烧控制", "能源管控中心建设", "在线计量仪表完善"),
    "product": ("产品轻量化设计", "低碳产品认证"),
    "waste": ("废水回用系统", "固废资源化利用", "VOCs 收集治理"),
    "management": ("能源管理体系认证", "跑冒滴漏巡检制度", "碳排放台账管理"),
    "staff": ("清洁生产全员培训", "节能合理化建议奖励"),
}
INDICATORS = (
    ("单位产品综合能耗", "kgce/t", "energy"), ("单位产品取水量", "m³/t", "water"),
    ("单位产品二氧化碳排放", "tCO2/t", "carbon"), ("化学需氧量排放浓度", "mg/L", "pollutant"),
    ("原料利用率", "%", "material"), ("产品合格率", "%", "product"),
)


def intensity_target(budget: float, planned_value_added: float, rng: random.Random) -> float:
    """A target 2-15 % above the planned intensity, rounded up to four decimals.

    Rounded up, not to nearest: a target drawn just above the plan and then rounded down
    could fall below it and raise an unjustified warning that stops the budget's submission.
    """
    planned = budget / planned_value_added
    return math.ceil(planned * rng.uniform(1.02, 1.15) * 10_000) / 10_000


def budget_data(year: int, monthly_tce: list[float], sector: Sector, rng: random.Random,
                index: int) -> tuple[dict, dict[str, str]]:
    """A budget whose status (ok / alert / exceeded) follows from the year's real months."""
    reported = 12 if rng.random() > 0.15 else rng.randint(8, 11)
    months = [round(v, 2) for v in monthly_tce[:reported]] + [None] * (12 - reported)
    actual = sum(monthly_tce[:reported])
    target_pct = {0: 92.0, 1: 70.0, 2: 108.0}.get(index, rng.choice([rng.uniform(55, 78)] * 5 + [rng.uniform(81, 98)] * 3 + [rng.uniform(102, 118)] * 2))
    effective = actual / (target_pct / 100)
    adjustments: list[dict[str, Any]] = []
    if rng.random() < 0.3 or index == 0:
        delta = round(effective * 0.05, 1)
        adjustments.append({"date": f"{year}-06-{rng.randint(1, 28):02d}", "delta_tce": delta,
                            "reason": rng.choice(["transfer_in", "new_project", "reward"]),
                            "note": "经县发展改革局批准调增"})
    budget = round(effective - sum(a["delta_tce"] for a in adjustments), 1)
    baseline = round(actual * 12 / reported * rng.uniform(0.93, 1.06), 1)
    planned_va = round(sector.value_added * rng.uniform(0.6, 1.4), 1)
    data = {"year": year, "basis": "equivalent", "baseline_year": year - 1, "baseline_tce": baseline,
            "planned_value_added_10k_yuan": planned_va,
            "intensity_target": intensity_target(budget, planned_va, rng),
            "budget_tce": budget, "adjustments": adjustments, "monthly_actual_tce": months}
    justify = {}
    if budget > baseline * 1.1:
        justify["energy_budget.budget_above_baseline"] = "年内新建生产线投产，已列入县重点项目清单"
    if index == 5:
        data["basis"], data["power_coal_gce_per_kwh"] = "equal", 300.0
    return data, justify


def _date(start: dt.date, days: int) -> str:
    return (start + dt.timedelta(days=days)).isoformat()


def audit_data(year: int, sector: Sector, rng: random.Random, index: int) -> tuple[dict, dict[str, str]]:
    """An audit at some stage, with options and indicators (carbon included, mostly)."""
    reached = {0: 7, 2: 4, 4: 6, 5: 2}.get(index, rng.randint(1, 7))
    start = dt.date(year, 1, 10) + dt.timedelta(days=rng.randint(0, 40))
    stages, cursor = [], start
    for position, stage in enumerate(STAGES):
        if position < reached:
            length = rng.randint(20, 45)
            end = cursor + dt.timedelta(days=length)
            finished = position < reached - 1 or stage == "continuous"
            stages.append({"stage": stage, "start": cursor.isoformat(), "end": end.isoformat() if finished else None})
            cursor = end + dt.timedelta(days=rng.randint(0, 5))
        else:
            stages.append({"stage": stage, "start": None, "end": None})
    mandatory = sector.key in ("steel", "chemicals", "paper", "cement") or rng.random() < 0.3
    options = []
    for number in range(1, rng.randint(6, 11)):
        category = rng.choice(list(OPTION_NAMES))
        cost = "no_low" if rng.random() < 0.6 else "medium_high"
        if reached >= 6:
            status = rng.choice(["implemented", "implemented", "feasible", "rejected"])
        elif reached >= 4:
            status = rng.choice(["proposed", "feasible", "rejected"])
        else:
            status = "proposed"
        investment = round(rng.uniform(0.5, 15) if cost == "no_low" else rng.uniform(50, 1200), 1)
        saving = round(investment * rng.uniform(0.5, 3), 1)
        options.append({
            "code": f"F{number:02d}", "name": rng.choice(OPTION_NAMES[category]), "category": category,
            "cost_class": cost, "investment_10k_yuan": investment,
            "annual_benefit_10k_yuan": round(investment * rng.uniform(0.15, 1.2), 1) if category != "staff" else 0,
            "energy_saving_tce": saving, "water_saving_t": round(rng.uniform(0, 5000), 0),
            "co2_reduction_t": round(saving * 2.6, 1), "cod_t": round(rng.uniform(0, 2), 2),
            "nh3n_t": round(rng.uniform(0, 0.2), 3), "so2_t": round(rng.uniform(0, 3), 2),
            "nox_t": round(rng.uniform(0, 3), 2), "particulates_t": round(rng.uniform(0, 1.5), 2),
            "vocs_t": round(rng.uniform(0, 0.8), 2), "status": status})
    indicators = []
    for name, unit, kind in INDICATORS:
        if kind == "carbon" and index == 4:
            continue  # one audit without a carbon indicator: a justified warning
        baseline = round(rng.uniform(10, 500), 2)
        indicators.append({"name": name, "unit": unit, "kind": kind, "baseline": baseline,
                           "target": round(baseline * 0.92, 2),
                           "achieved": round(baseline * rng.uniform(0.88, 0.97), 2) if reached >= 6 else None,
                           "level": rng.choice(["I", "II", "II", "III"])})
    data = {"audit_year": year, "kind": "mandatory" if mandatory else "voluntary",
            "mandatory_reasons": (["high_energy"] + (["exceeds_standards"] if rng.random() < 0.4 else [])) if mandatory else [],
            "consultancy": rng.choice(["省环境科学研究院", "绿源清洁生产咨询有限公司", "华清节能技术服务中心"]),
            "focus": f"{sector.label}主要耗能工序与碳排放环节", "stages": stages, "indicators": indicators,
            "options": options, "acceptance_result": "pending"}
    if reached == 7:
        data["evaluation_date"] = _date(cursor, 10)
        data["acceptance_date"] = _date(cursor, 60)
        data["acceptance_result"] = "pass"
    justify = {}
    if index == 4:
        justify["cp_audit.carbon_indicator"] = "造纸行业清洁生产评价指标体系尚未设碳指标，已在能耗指标中折算体现"
    return data, justify


def _projects(rng: random.Random, year: int, scale: float) -> list[dict]:
    rows = [("屋顶分布式光伏", "energy_supply"), ("工业余热集中供热", "industry"), ("公共建筑节能改造", "building"),
            ("新能源公交替换", "transport"), ("再生资源回收体系", "circular"), ("国土绿化碳汇林", "carbon_sink"),
            ("碳排放监测管理平台", "management")]
    return [{"name": name, "category": category, "investment_10k_yuan": round(rng.uniform(500, 8000) * scale, 1),
             "co2_cut_t_per_year": round(rng.uniform(800, 12000) * scale, 1), "start_year": year + 1,
             "end_year": year + rng.randint(2, 5)} for name, category in rows]


def _assessment(rng: random.Random) -> list[dict]:
    items = ("组织领导与工作机制", "目标任务科学合理", "重点项目支撑", "统计核算能力", "创新示范亮点")
    return [{"indicator": name, "score": rng.randint(12, 19), "max_score": 20} for name in items]


def county_pilot(year: int, enterprise_tce: float, rng: random.Random, county_name: str) -> dict:
    """The county's own pilot application."""
    energy = round(enterprise_tce * 1.6, 1)
    return {"pilot_type": "county", "title": f"{county_name}国家低碳试点县建设实施方案", "baseline_year": year,
            "baseline_energy_tce": energy, "baseline_co2_t": round(energy * 2.3, 1),
            "baseline_value_added_10k_yuan": 3_850_000, "baseline_non_fossil_pct": 18.5, "target_year": 2030,
            "co2_intensity_cut_pct": 20, "non_fossil_target_pct": 25, "peak_year": 2029,
            "projects": _projects(rng, year, 1.0),
            "measures": "一、优化能源结构，推进整县屋顶分布式光伏开发；二、推动重点行业节能降碳改造；三、建立县级碳排放统计核算体系；四、开展低碳园区、低碳社区试点。",
            "self_assessment": _assessment(rng)}


def park_pilot(year: int, park_tce: float, rng: random.Random, park_name: str) -> dict:
    """A park's pilot application (named after the park, without its 管理委员会)."""
    energy = round(max(park_tce, 1000), 1)
    return {"pilot_type": "park", "title": f"{park_name.removesuffix('管理委员会')}低碳园区试点", "baseline_year": year,
            "baseline_energy_tce": energy, "baseline_co2_t": round(energy * 2.5, 1),
            "baseline_value_added_10k_yuan": 1_260_000, "baseline_non_fossil_pct": 12.0, "target_year": 2030,
            "co2_intensity_cut_pct": 22, "non_fossil_target_pct": 20, "peak_year": 2031,
            "projects": _projects(rng, year, 0.5)[:5],
            "measures": "园区集中供热替代分散燃煤锅炉，建设园区智慧能源管理平台，推行企业间余热、副产品循环利用。",
            "self_assessment": _assessment(rng)}


def enterprise_pilot(year: int, rng: random.Random) -> dict:
    return {"pilot_type": "enterprise", "title": "绿色低碳数据中心试点", "baseline_year": year,
            "baseline_energy_tce": 11_500, "baseline_co2_t": 53_000, "baseline_value_added_10k_yuan": 30_000,
            "baseline_non_fossil_pct": 8, "target_year": 2028, "co2_intensity_cut_pct": 18,
            "non_fossil_target_pct": 30,
            "projects": [{"name": "液冷服务器改造", "category": "industry", "investment_10k_yuan": 4200,
                          "co2_cut_t_per_year": 6100, "start_year": year + 1, "end_year": year + 2},
                         {"name": "绿电直购与屋顶光伏", "category": "energy_supply", "investment_10k_yuan": 1800,
                          "co2_cut_t_per_year": 4800, "start_year": year + 1, "end_year": year + 3}],
            "measures": "PUE 由 1.52 降至 1.28；提高绿电占比；余热向周边园区供暖。",
            "self_assessment": _assessment(rng)[:3]}
