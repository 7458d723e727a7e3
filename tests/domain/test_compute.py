"""Computed values against reference-data.md and hand-worked examples (data-standard.md)."""

from __future__ import annotations

import pytest

from lowcarbon_desk.domain.compute.cp_audit import audit_duration_days, payback_years
from lowcarbon_desk.domain.compute.energy_budget import budget_status
from lowcarbon_desk.domain.compute.energy_report import co2_of_quantity, tce_of_quantity
from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.domain.reference import ReferenceCatalog, shipped_reference

from .samples import COUNTY, ENTERPRISE, coal_line, sample, stages

REF = shipped_reference()


def approx(value: float, tolerance: float = 1e-6):
    return pytest.approx(value, rel=0, abs=tolerance)


# --- reference-data.md §1 quick checks ----------------------------------------------------

QUICK_CHECKS = [("raw_coal", 1000, 714.3), ("electricity", 100, 122.9),
                ("natural_gas", 50, 607.15), ("heat", 1000, 34.12)]


@pytest.mark.parametrize("code, quantity, tce", QUICK_CHECKS)
def test_quick_check_conversion(code: str, quantity: float, tce: float) -> None:
    assert tce_of_quantity(code, quantity, REF) == approx(tce)


@pytest.mark.parametrize("code, quantity, tce", QUICK_CHECKS)
def test_quick_check_in_a_report(code: str, quantity: float, tce: float) -> None:
    data = sample("energy_report")
    data["lines"] = [{"energy": code, "consumption_total": quantity, "industrial_use": quantity}]
    result = evaluate("energy_report", data, org=ENTERPRISE)
    assert result.computed["lines"][0]["line_tce"] == approx(tce)
    assert result.computed["total_tce"] == approx(tce)


def test_equal_value_electricity_uses_supply_coal_consumption() -> None:
    # tce per 10^4 kWh = gce/kWh / 100: 300 gce/kWh -> 3 tce per 10^4 kWh
    assert tce_of_quantity("electricity", 100, REF, power_gce_per_kwh=300) == approx(300)
    # other codes ignore it
    assert tce_of_quantity("raw_coal", 1000, REF, power_gce_per_kwh=300) == approx(714.3)


SPEC_COEFFICIENTS = {
    "raw_coal": 0.7143, "washed_coal": 0.9000, "coke": 0.9714, "crude_oil": 1.4286,
    "fuel_oil": 1.4286, "gasoline": 1.4714, "kerosene": 1.4714, "diesel": 1.4571,
    "lpg": 1.7143, "refinery_gas": 1.5714, "natural_gas": 12.143, "coke_oven_gas": 5.714,
    "heat": 0.03412, "electricity": 1.229, "other": 1,
}
# renewable and non-fossil codes (set 2026.1): electricity-like ones at electricity's equivalent
# value; biomass and hydrogen are marked unconfirmed in their source
RENEWABLE_COEFFICIENTS = {"pv_self": 1.229, "wind_self": 1.229, "green_power": 1.229,
                          "biomass": 0.5, "hydrogen": 4.0945}


def test_shipped_coefficients_are_the_spec_table() -> None:
    fossil = {c: e.tce_per_unit for c, e in REF.energy.items() if e.kind != "renewable"}
    renewable = {c: e.tce_per_unit for c, e in REF.energy.items() if e.kind == "renewable"}
    assert fossil == SPEC_COEFFICIENTS
    assert renewable in ({}, RENEWABLE_COEFFICIENTS)


# --- reference-data.md §2: NCV x carbon content x oxidation x 44/12 -------------------------

SPEC_FACTORS = [  # code, NCV (GJ per unit), tC/TJ, oxidation %, tabled tCO2 per unit
    ("raw_coal", 20.908, 26.37, 94, "1.9003"),
    ("coke", 28.435, 29.5, 93, "2.8604"),
    ("crude_oil", 41.816, 20.1, 98, "3.0202"),
    ("fuel_oil", 41.816, 21.1, 98, "3.1705"),
    ("gasoline", 43.070, 18.9, 98, "2.9251"),
    ("kerosene", 43.070, 19.5, 98, "3.0179"),
    ("diesel", 42.652, 20.2, 98, "3.0959"),
    ("lpg", 50.179, 17.2, 98, "3.1013"),
    ("refinery_gas", 46.055, 18.2, 98, "3.0119"),
    ("natural_gas", 389.31, 15.3, 99, "21.622"),
]


@pytest.mark.parametrize("code, ncv, carbon, oxidation, tabled", SPEC_FACTORS,
                         ids=[f[0] for f in SPEC_FACTORS])
def test_combustion_factor_recomputed(code, ncv, carbon, oxidation, tabled) -> None:
    half_last_digit = 0.5 * 10 ** -len(tabled.split(".")[1])
    # GJ x tC/TJ / 1000 = tC; x oxidation; x 44/12 = tCO2
    by_hand = ncv * carbon / 1000 * oxidation / 100 * 44 / 12
    assert by_hand == approx(float(tabled), half_last_digit)
    factor = REF.combustion[code]
    assert (factor.ncv, factor.carbon_content_tc_per_tj, factor.oxidation_pct) == (
        ncv, carbon, oxidation)
    assert factor.tco2_per_unit == float(tabled)
    assert factor.derived() == approx(by_hand, 1e-12)
    assert REF.co2_factor(code) == float(tabled)


def test_no_default_factor_for_washed_coal_coke_oven_gas_other() -> None:
    for code in ("washed_coal", "coke_oven_gas", "other"):
        assert REF.co2_factor(code) is None
        assert co2_of_quantity(code, 10, REF) is None


def test_indirect_factors() -> None:
    assert REF.default_grid_factor == "mee_2023_2025"
    assert REF.grid_factor().tco2_per_mwh == 0.5703
    assert REF.grid_factor().tco2_per_10k_kwh == approx(5.703)
    assert REF.heat_factor.tco2_per_gj == 0.11
    assert co2_of_quantity("electricity", 100, REF) == approx(570.3)
    assert co2_of_quantity("electricity", 100, REF, "region_2023_south") == approx(404.2)
    assert co2_of_quantity("heat", 1000, REF) == approx(110)
    expected = {"nbs_2021": 0.5568, "nbs_2022": 0.5366, "nbs_2023": 0.5306,
                "region_2023_north": 0.6361, "region_2023_northeast": 0.5122,
                "region_2023_east": 0.5500, "region_2023_central": 0.5271,
                "region_2023_northwest": 0.5543, "region_2023_south": 0.4042,
                "region_2023_southwest": 0.2472, "mee_2023_2025": 0.5703}
    assert {g.id: g.tco2_per_mwh for g in REF.grid.values()} == expected


# --- a hand-worked annual energy report -----------------------------------------------------

def test_hand_worked_energy_report() -> None:
    data = {
        "period": "2025",
        "value_added_10k_yuan": 10000,
        "grid_factor_id": "region_2023_central",  # 0.5271 tCO2/MWh = 5.271 t per 10^4 kWh
        "lines": [
            # raw coal: 2,000 t, 500 t of it feedstock (not burnt)
            {"energy": "raw_coal", "opening_stock": 100, "purchase_qty": 2000,
             "consumption_total": 2000, "industrial_use": 2000, "feedstock_use": 500,
             "non_industrial_use": 0, "closing_stock": 100},
            # natural gas: 10 (10^4 m³), 8 industrial + 2 non-industrial
            {"energy": "natural_gas", "purchase_qty": 10, "consumption_total": 10,
             "industrial_use": 8, "non_industrial_use": 2},
            # electricity: 500 (10^4 kWh) on the regional grid factor
            {"energy": "electricity", "purchase_qty": 500, "consumption_total": 500,
             "industrial_use": 500},
            # heat: 2,000 GJ
            {"energy": "heat", "purchase_qty": 2000, "consumption_total": 2000,
             "industrial_use": 2000},
            # washed coal: 300 t, no default factor, entered 2.5 tCO2/t with its source
            {"energy": "washed_coal", "purchase_qty": 300, "consumption_total": 300,
             "industrial_use": 300, "co2_factor": 2.5, "co2_factor_source": "2025 检测报告"},
        ],
    }
    result = evaluate("energy_report", data, version=1, org=ENTERPRISE)
    assert result.issues == []
    c = result.computed
    lines = c["lines"]
    # line_tce = consumption x coefficient
    assert lines[0]["line_tce"] == approx(1428.6)   # 2000 x 0.7143
    assert lines[1]["line_tce"] == approx(121.43)   # 10 x 12.143
    assert lines[2]["line_tce"] == approx(614.5)    # 500 x 1.229
    assert lines[3]["line_tce"] == approx(68.24)    # 2000 x 0.03412
    assert lines[4]["line_tce"] == approx(270)      # 300 x 0.9
    # line CO2: fuels burn (consumption - feedstock) x factor; electricity/heat all of it
    assert lines[0]["line_co2_t"] == approx(2850.45)  # (2000 - 500) x 1.9003
    assert lines[1]["line_co2_t"] == approx(216.22)   # 10 x 21.622
    assert lines[2]["line_co2_t"] == approx(2635.5)   # 500 x 5.271
    assert lines[3]["line_co2_t"] == approx(220)      # 2000 x 0.11
    assert lines[4]["line_co2_t"] == approx(750)      # 300 x 2.5 (entered)
    assert [x["co2_basis"] for x in lines] == [
        "combustion", "combustion", "electricity", "heat", "combustion"]
    assert [x["coefficient_used"] for x in lines] == [0.7143, 12.143, 1.229, 0.03412, 0.9]
    assert lines[2]["co2_factor_used"] == approx(5.271)
    assert lines[4]["co2_factor_used"] == 2.5
    # total_tce = 1428.6 + 121.43 + 614.5 + 68.24 + 270 = 2502.77 (feedstock included)
    assert c["total_tce"] == approx(2502.77)
    # combustion = 2850.45 + 216.22 + 750 = 3816.67
    assert c["combustion_co2_t"] == approx(3816.67)
    assert c["electricity_co2_t"] == approx(2635.5)
    assert c["heat_co2_t"] == approx(220)
    # total = 3816.67 + 2635.5 + 220 = 6672.17
    assert c["total_co2_t"] == approx(6672.17)
    # intensities per 10,000 yuan of value added: 2502.77 / 10000, 6672.17 / 10000
    assert c["energy_intensity"] == approx(0.250277)
    assert c["carbon_intensity"] == approx(0.667217)
    # below 10,000 tce and 26,000 tCO2
    assert c["key_energy_unit"] is False
    assert c["key_emitting_unit"] is False
    assert c["grid_factor_used"] == "region_2023_central"
    # every computed id of the form is present (version 1: key_emitting_unit; version 2 replaced
    # it with must_report_ghg, tests/domain/test_energy_report_v2.py)
    form = get_form("energy_report", 1)
    assert {d.id for d in form.computed_for("record")} <= set(c)
    assert all({d.id for d in form.computed_for("lines")} <= set(x) for x in lines)


def test_entered_coefficient_replaces_the_reference() -> None:
    data = sample("energy_report")
    data["lines"] = [coal_line(coefficient=0.7)]
    c = evaluate("energy_report", data).computed
    assert c["lines"][0]["coefficient_used"] == 0.7
    assert c["total_tce"] == approx(700)


def test_default_grid_factor_and_monthly_flags() -> None:
    data = sample("energy_report")
    data.update(period="2025-06", value_added_10k_yuan=None)
    data["lines"] = [{"energy": "electricity", "consumption_total": 10000,
                      "industrial_use": 10000}]
    c = evaluate("energy_report", data, version=1).computed
    assert c["grid_factor_used"] == "mee_2023_2025"
    assert c["electricity_co2_t"] == approx(57030)   # 10000 x 5.703
    assert c["total_tce"] == approx(12290)
    # flags are for annual reports only; intensities need value added
    assert c["key_energy_unit"] is None and c["key_emitting_unit"] is None
    assert c["energy_intensity"] is None and c["carbon_intensity"] is None


def test_key_unit_thresholds_are_inclusive() -> None:
    data = sample("energy_report")
    data["lines"] = [{"energy": "other", "consumption_total": 10000, "industrial_use": 10000,
                      "co2_factor": 2.6, "co2_factor_source": "x"}]
    c = evaluate("energy_report", data, version=1).computed
    assert c["total_tce"] == 10000 and c["key_energy_unit"] is True
    assert c["total_co2_t"] == approx(26000) and c["key_emitting_unit"] is True


def test_missing_factor_counts_zero_co2_but_blocks() -> None:
    data = sample("energy_report")
    data["lines"] = [coal_line(energy="coke_oven_gas")]
    result = evaluate("energy_report", data)
    assert result.computed["lines"][0]["line_co2_t"] == 0
    assert result.computed["lines"][0]["co2_factor_used"] is None
    assert result.computed["total_tce"] == approx(5714)
    assert [i.rule for i in result.errors] == ["energy_report.missing_co2_factor"]


# --- energy budget (§3) ----------------------------------------------------------------------

def budget(**changes) -> dict:
    data = sample("energy_budget")
    data.update(changes)
    return evaluate("energy_budget", data).computed


def test_budget_hand_worked() -> None:
    c = budget(budget_tce=1000, planned_value_added_10k_yuan=4000,
               adjustments=[{"date": "2025-03-01", "delta_tce": 100, "reason": "transfer_in"},
                            {"date": "2025-05-01", "delta_tce": -50, "reason": "penalty"}],
               monthly_actual_tce=[70, 80, 90] + [None] * 9)
    assert c["effective_budget_tce"] == 1050          # 1000 + 100 - 50
    assert c["ytd_actual_tce"] == 240                 # 70 + 80 + 90
    assert c["months_reported"] == 3
    assert c["utilization_pct"] == approx(22.857143)  # 240 / 1050 x 100
    assert c["projected_tce"] == 960                  # 240 x 12 / 3
    assert c["projected_utilization_pct"] == approx(91.428571)  # 960 / 1050 x 100
    assert c["status"] == "ok"
    assert c["projected_status"] == "alert"
    assert c["planned_intensity"] == approx(0.25)     # 1000 / 4000


def test_budget_projection_skips_unreported_months() -> None:
    # months 1 and 3 reported (2 non-null values), so ytd x 12 / 2
    c = budget(budget_tce=1200, monthly_actual_tce=[100, None, 110] + [None] * 9)
    assert c["months_reported"] == 2 and c["ytd_actual_tce"] == 210
    assert c["projected_tce"] == 1260
    assert c["projected_status"] == "exceeded"  # 105 %


@pytest.mark.parametrize("actual, status", [(799, "ok"), (800, "alert"), (1000, "alert"),
                                            (1001, "exceeded")])
def test_budget_status_boundaries(actual: int, status: str) -> None:
    # 79.9 %, 80 %, 100 %, 100.1 % of an effective budget of 1,000 (all twelve months in)
    months = [0] * 11 + [actual]
    c = budget(budget_tce=1000, monthly_actual_tce=months)
    assert c["utilization_pct"] == approx(actual / 10)
    assert c["status"] == status
    assert c["projected_status"] == status  # twelve months: projection equals actual


@pytest.mark.parametrize("pct, status", [(0, "ok"), (79.9, "ok"), (79.999999, "ok"),
                                         (80, "alert"), (100, "alert"), (100.1, "exceeded"),
                                         (None, None)])
def test_budget_status_function(pct, status) -> None:
    assert budget_status(pct, REF) == status


def test_budget_without_amount_or_months() -> None:
    c = budget(budget_tce=None)
    assert c["effective_budget_tce"] is None and c["utilization_pct"] is None
    assert c["status"] is None and c["planned_intensity"] is None
    c = budget()
    assert c["ytd_actual_tce"] == 0 and c["months_reported"] == 0
    assert c["projected_tce"] is None and c["projected_status"] is None


# --- cleaner-production audit (§4) ---------------------------------------------------------

def audit_options() -> list[dict]:
    return [
        {"code": "F1", "name": "余热回收", "category": "equipment", "cost_class": "medium_high",
         "investment_10k_yuan": 120, "annual_benefit_10k_yuan": 40, "energy_saving_tce": 800,
         "co2_reduction_t": 2100, "so2_t": 1.5, "status": "implemented"},
        {"code": "N1", "name": "照明改造", "category": "management", "cost_class": "no_low",
         "investment_10k_yuan": 3, "annual_benefit_10k_yuan": 0, "energy_saving_tce": 20,
         "co2_reduction_t": 52.5, "cod_t": 0.25, "status": "implemented"},
        {"code": "N2", "name": "培训", "category": "staff", "cost_class": "no_low",
         "investment_10k_yuan": 5, "annual_benefit_10k_yuan": 10, "status": "proposed"},
        {"code": "F2", "name": "电机变频", "category": "equipment", "cost_class": "medium_high",
         "investment_10k_yuan": 90, "annual_benefit_10k_yuan": 30, "energy_saving_tce": 300,
         "status": "feasible"},
        {"code": "F3", "name": "换原料", "category": "raw_material_energy",
         "cost_class": "medium_high", "investment_10k_yuan": 500, "status": "rejected"},
    ]


def test_audit_hand_worked() -> None:
    data = sample("cp_audit")
    data["options"] = audit_options()
    result = evaluate("cp_audit", data, org=ENTERPRISE)
    assert result.errors == []
    c = result.computed
    # only F1 and N1 are implemented
    assert c["implemented_investment_10k_yuan"] == 123          # 120 + 3
    assert c["implemented_annual_benefit_10k_yuan"] == 40       # 40 + 0
    assert c["implemented_energy_saving_tce"] == 820            # 800 + 20
    assert c["implemented_co2_reduction_t"] == approx(2152.5)   # 2100 + 52.5
    assert c["implemented_so2_t"] == approx(1.5)
    assert c["implemented_cod_t"] == approx(0.25)
    for name in ("water_saving_t", "nh3n_t", "nox_t", "particulates_t", "vocs_t"):
        assert c[f"implemented_{name}"] == 0
    assert (c["count_no_low"], c["count_medium_high"]) == (2, 3)
    assert (c["count_proposed"], c["count_rejected"], c["count_feasible"],
            c["count_implemented"]) == (1, 1, 1, 2)
    # payback = investment / annual benefit; empty when the benefit is 0 or missing
    assert [o["payback_years"] for o in c["options"]] == [3, None, 0.5, 3, None]
    assert c["stage_reached"] == "continuous"
    assert c["duration_days"] == 298  # 2025-01-06 .. 2025-10-31
    form = get_form("cp_audit")
    assert {d.id for d in form.computed_for("record")} <= set(c)


def test_payback_function() -> None:
    assert payback_years({"investment_10k_yuan": 10, "annual_benefit_10k_yuan": 3}) == approx(
        3.333333)
    assert payback_years({"investment_10k_yuan": 10, "annual_benefit_10k_yuan": 0}) is None
    assert payback_years({"investment_10k_yuan": 10}) is None
    assert payback_years({"annual_benefit_10k_yuan": 5}) == 0


def test_audit_stage_reached_and_duration_in_progress() -> None:
    data = sample("cp_audit")
    data["stages"] = stages(("2025-01-06", "2025-01-31"), ("2025-02-01", None))
    c = evaluate("cp_audit", data).computed
    assert c["stage_reached"] == "pre_assessment"
    assert c["duration_days"] is None  # implementation has not ended
    data["stages"] = stages()
    c = evaluate("cp_audit", data).computed
    assert c["stage_reached"] is None and c["duration_days"] is None
    assert audit_duration_days(stages(("2024-01-01", None), *[(None, None)] * 4,
                                      ("2024-03-01", "2024-12-31"))) == 365  # leap year


# --- pilot application (§5) ----------------------------------------------------------------

def test_pilot_hand_worked() -> None:
    data = sample("pilot_application")
    data.update(baseline_energy_tce=1_200_000, baseline_co2_t=3_000_000,
                baseline_value_added_10k_yuan=4_800_000)
    data["projects"] = [
        {"name": "光伏", "category": "energy_supply", "investment_10k_yuan": 50000,
         "co2_cut_t_per_year": 80000, "start_year": 2024, "end_year": 2026},
        {"name": "公交电动化", "category": "transport", "investment_10k_yuan": 12500.5,
         "co2_cut_t_per_year": 10000, "start_year": 2025, "end_year": 2027},
        {"name": "碳汇林", "category": "carbon_sink", "start_year": 2025},
    ]
    data["self_assessment"] = [{"indicator": "组织", "score": 18, "max_score": 20},
                               {"indicator": "项目", "score": 25.5, "max_score": 30},
                               {"indicator": "监测", "score": 0, "max_score": 10}]
    result = evaluate("pilot_application", data, org=COUNTY)
    assert result.errors == []
    c = result.computed
    assert c["baseline_energy_intensity"] == approx(0.25)      # 1,200,000 / 4,800,000
    assert c["baseline_carbon_intensity"] == approx(0.625)     # 3,000,000 / 4,800,000
    assert c["total_investment_10k_yuan"] == approx(62500.5)   # 50000 + 12500.5 + 0
    assert c["total_co2_cut_t_per_year"] == 90000              # 80000 + 10000 + 0
    assert c["co2_cut_share_pct"] == approx(3)                 # 90000 / 3,000,000 x 100
    assert c["self_assessment_total"] == approx(43.5)          # 18 + 25.5 + 0
    assert c["self_assessment_max_total"] == 60                # 20 + 30 + 10
    form = get_form("pilot_application")
    assert {d.id for d in form.computed_for("record")} == set(c) - {"projects"}  # v2: per-project co-benefits


def test_pilot_without_baseline_emissions_has_no_share() -> None:
    data = sample("pilot_application")
    data.update(baseline_co2_t=0, projects=[], self_assessment=[])
    c = evaluate("pilot_application", data, org=COUNTY).computed
    assert c["co2_cut_share_pct"] is None
    assert c["baseline_carbon_intensity"] == 0
    assert c["total_co2_cut_t_per_year"] == 0 and c["self_assessment_total"] == 0


def test_a_renewable_line_counts_its_energy_at_zero_co2() -> None:
    ref = ReferenceCatalog().get("2026.1")
    data = sample("energy_report")
    data["lines"] = [{"energy": "pv_self", "consumption_total": 100, "industrial_use": 100}]
    result = evaluate("energy_report", data, org=ENTERPRISE, ref=ref)
    line = result.computed["lines"][0]
    # 100 x 10^4 kWh x 1.229 tce per 10^4 kWh = 122.9 tce; no CO2 and no factor to enter
    assert line["line_tce"] == approx(122.9) and line["line_co2_t"] == 0
    assert line["co2_factor_used"] == 0 and line["co2_basis"] == "renewable"
    assert result.computed["total_co2_t"] == 0
    assert not [i for i in result.issues if i.severity == "error"]
