"""Valid sample records of every form: each evaluates without errors and warnings.

Tests copy one (``sample(form)``) and break exactly one thing.
"""

from __future__ import annotations

import copy

ENTERPRISE_ID = "91350100M000100Y43"  # valid code from data-standard.md §1
PARK_ID = "91110000802100433B"  # the other valid code of the spec
COUNTY_ID = "350100"

ENTERPRISE = {"org_id": ENTERPRISE_ID, "kind": "enterprise", "name": "示例钢铁有限公司",
              "admin_code": COUNTY_ID, "industry_code": "C3011", "contact_name": "张三",
              "contact_phone": "13800000000", "address": "示例路 1 号"}
PARK = {"org_id": PARK_ID, "kind": "park", "name": "示例工业园区", "admin_code": COUNTY_ID,
        "industry_code": None, "contact_name": "李四", "contact_phone": "0591-8765432",
        "address": None}
COUNTY = {"org_id": COUNTY_ID, "kind": "county", "name": "示例县", "admin_code": COUNTY_ID,
          "industry_code": None, "contact_name": "王五", "contact_phone": "0591-12345678",
          "address": None}
ORGS = {"enterprise": ENTERPRISE, "park": PARK, "county": COUNTY}


def coal_line(**changes) -> dict:
    """1,000 t raw coal bought and burnt, balanced (714.3 tce, 1,900.3 tCO2)."""
    line = {"energy": "raw_coal", "opening_stock": 0, "purchase_qty": 1000,
            "purchase_value_k_yuan": 900, "consumption_total": 1000, "industrial_use": 1000,
            "feedstock_use": 0, "non_industrial_use": 0, "transport_use": 0, "closing_stock": 0}
    line.update(changes)
    return line


def _stages(*dates: tuple[str | None, str | None]) -> list[dict]:
    names = ["preparation", "pre_assessment", "assessment", "options", "feasibility",
             "implementation", "continuous"]
    padded = list(dates) + [(None, None)] * (len(names) - len(dates))
    return [{"stage": n, "start": s, "end": e} for n, (s, e) in zip(names, padded, strict=True)]


STAGE_DATES = [("2025-01-06", "2025-01-31"), ("2025-02-01", "2025-02-28"),
               ("2025-03-01", "2025-04-15"), ("2025-04-16", "2025-05-31"),
               ("2025-06-01", "2025-06-30"), ("2025-07-01", "2025-10-31"),
               ("2025-11-01", None)]

SAMPLES: dict[str, dict] = {
    "org": ENTERPRISE,
    "energy_report": {
        "period": "2025", "gross_output_10k_yuan": 150000, "value_added_10k_yuan": 52000,
        "lines": [coal_line()],
    },
    "energy_budget": {
        "year": 2025, "basis": "equivalent", "baseline_year": 2024, "baseline_tce": 1000,
        "planned_value_added_10k_yuan": 5000, "intensity_target": 0.3, "budget_tce": 1050,
        "adjustments": [], "monthly_actual_tce": [None] * 12,
    },
    "cp_audit": {
        "audit_year": 2025, "kind": "voluntary", "mandatory_reasons": [],
        "consultancy": "示例环保咨询", "focus": "锅炉与烧结工序",
        "stages": _stages(*STAGE_DATES),
        "indicators": [
            {"name": "单位产品综合能耗", "unit": "kgce/t", "kind": "energy", "baseline": 600,
             "target": 560, "achieved": 570, "level": "II"},
            {"name": "单位产品二氧化碳排放", "unit": "tCO2/t", "kind": "carbon", "baseline": 1.8,
             "target": 1.7, "achieved": 1.72, "level": "II"},
        ],
        "options": [
            {"code": "F1", "name": "余热回收", "category": "equipment", "cost_class": "medium_high",
             "investment_10k_yuan": 120, "annual_benefit_10k_yuan": 40, "energy_saving_tce": 800,
             "co2_reduction_t": 2100, "status": "implemented"},
        ],
        "evaluation_date": "2025-11-10", "acceptance_date": "2025-12-10",
        "acceptance_result": "pass",
    },
    "pilot_application": {
        "pilot_type": "county", "title": "示例县低碳试点", "baseline_year": 2020,
        "baseline_energy_tce": 1_000_000, "baseline_co2_t": 2_500_000,
        "baseline_value_added_10k_yuan": 4_000_000, "baseline_non_fossil_pct": 20,
        "target_year": 2030, "co2_intensity_cut_pct": 18, "non_fossil_target_pct": 26,
        "peak_year": 2028,
        "projects": [{"name": "光伏", "category": "energy_supply", "investment_10k_yuan": 50000,
                      "co2_cut_t_per_year": 80000, "start_year": 2024, "end_year": 2026}],
        "measures": "推进可再生能源与工业节能。",
        "self_assessment": [{"indicator": "组织保障", "score": 18, "max_score": 20}],
        "attachments": [],
    },
}

# The organisation each form's sample is filed by.
SAMPLE_ORG = {"org": None, "energy_report": ENTERPRISE, "energy_budget": ENTERPRISE,
              "cp_audit": ENTERPRISE, "pilot_application": COUNTY}


def sample(form_id: str) -> dict:
    """A deep copy of the valid sample of ``form_id``."""
    return copy.deepcopy(SAMPLES[form_id])


def stages(*dates: tuple[str | None, str | None]) -> list[dict]:
    return _stages(*dates)
