"""Energy report version 2 (data-standard.md §8, reference-data.md §4-§7): every new value worked
out by hand from the spec's numbers, its explanation naming each factor and source, and
version-1 records left as they were."""

from __future__ import annotations

import json

import pytest
from pytest import approx

from lowcarbon_desk.domain.compute.trace import as_json, reevaluate
from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.explain import explain, text_lines
from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.domain.key_units import must_report_ghg
from lowcarbon_desk.domain.reference import ReferenceCatalog, parse_supplement

from .samples import ENTERPRISE, coal_line, sample

REF = ReferenceCatalog().get("2026.1")
OLD_REF = ReferenceCatalog().get("2025.1")
CHEMICALS = {**ENTERPRISE, "industry_code": "C2614"}
DATA_CENTRE = {**ENTERPRISE, "industry_code": "I6450"}
NEW_IDS = ("must_report_ghg", "so2_intensity", "nox_intensity", "pm_intensity", "vocs_intensity",
           "pollutant_equivalents", "so2_fuel_estimate_t", "renewable_tce", "non_fossil_tce",
           "non_fossil_share_pct", "pue")


def report(*lines: dict, org: dict = ENTERPRISE, ref=REF, version: int | None = None, **fields):
    data = sample("energy_report")
    data["lines"] = list(lines) or data["lines"]
    data.update(fields)
    return evaluate("energy_report", data, org=org, ref=ref, version=version)


def power_line(code: str, quantity: float) -> dict:
    return {"energy": code, "consumption_total": quantity, "industrial_use": quantity}


# --- pollutants (reference-data.md §7) ----------------------------------------------------------

def test_fuel_based_so2_estimate_from_the_spec_numbers() -> None:
    # 1,000 t raw coal x 1.0 % / 100 x 2 x 0.8 x (1 - 0) = 16 t
    assert report(coal_line(sulfur_pct=1.0)).computed["so2_fuel_estimate_t"] == approx(16)
    # with 90 % removal: 16 x 0.1 = 1.6 t
    assert report(coal_line(sulfur_pct=1.0), so2_removal_pct=90).computed["so2_fuel_estimate_t"] == approx(1.6)
    # an enterprise's own K: 1,000 x 0.01 x 2 x 0.9 = 18 t
    assert report(coal_line(sulfur_pct=1.0), so2_conversion_k=0.9).computed["so2_fuel_estimate_t"] == approx(18)
    # only coal lines count; without a sulfur content there is no estimate
    diesel = {**power_line("diesel", 10), "sulfur_pct": 0.5}
    assert report(coal_line(sulfur_pct=1.0), diesel).computed["so2_fuel_estimate_t"] == approx(16)
    assert report(coal_line()).computed["so2_fuel_estimate_t"] is None
    # a reference set without the conversion factor gives none either
    assert report(coal_line(sulfur_pct=1.0), ref=OLD_REF).computed["so2_fuel_estimate_t"] is None


def test_so2_cross_check_names_both_figures() -> None:
    result = report(coal_line(sulfur_pct=1.0), so2_removal_pct=90, so2_t=0.5)
    (issue,) = [i for i in result.issues if i.rule == "energy_report.so2_cross_check"]
    assert issue.severity == "warning" and issue.field == "so2_t"
    for text in (issue.message_zh, issue.message_en):
        assert "0.5" in text and "1.6" in text, text
    assert "燃料法估算 1.6 吨" in issue.message_zh and "estimate 1.6 t" in issue.message_en


def test_pollutant_intensities_and_equivalents() -> None:
    # value added 52,000 (10^4 yuan): 52 t SO2 = 52,000 kg -> 1 kg per 10^4 yuan
    c = report(so2_t=52, nox_t=26, pm_t=5.2, vocs_t=104).computed
    assert (c["so2_intensity"], c["nox_intensity"], c["pm_intensity"], c["vocs_intensity"]) == \
        (approx(1), approx(0.5), approx(0.1), approx(2))
    # 0.95 t SO2 = 950 kg / 0.95 = 1,000; 1.9 t NOx / 0.95 = 2,000; 2.18 t particulates / 2.18 =
    # 1,000; VOCs are not converted: 4,000 equivalents
    c = report(so2_t=0.95, nox_t=1.9, pm_t=2.18, vocs_t=5).computed
    assert c["pollutant_equivalents"] == approx(4000)
    assert report(vocs_t=5).computed["pollutant_equivalents"] is None
    assert report().computed["pollutant_equivalents"] is None
    assert report().computed["so2_intensity"] is None


def test_permit_number_pattern() -> None:
    good = report(permit_no="91410100MA00000000001P")
    assert [i for i in good.issues if i.field == "permit_no"] == []
    bad = report(permit_no="91410100MA0000000001P")  # one character short
    (issue,) = [i for i in bad.issues if i.field == "permit_no"]
    assert issue.severity == "error" and issue.rule == "field.pattern"
    assert "91410100MA00000000001P" in issue.message_zh and "credit code" in issue.message_en


# --- renewables and non-fossil energy (issue 19.1) --------------------------------------------

MIX = (coal_line(), power_line("electricity", 1000), power_line("pv_self", 100),
       {**power_line("biomass", 100)})


def test_renewable_and_non_fossil_energy_without_a_grid_share() -> None:
    c = report(*MIX).computed
    # 714.3 + 1,229 + 122.9 + 50 = 2,116.2 tce; renewables 122.9 + 50 = 172.9 tce at zero CO2
    assert c["total_tce"] == approx(2116.2)
    assert c["renewable_tce"] == approx(172.9)
    assert c["total_co2_t"] == approx(1900.3 + 5703)
    # no grid share in the shipped set (left to the province): counted as 0
    assert c["non_fossil_tce"] == approx(172.9)
    assert c["non_fossil_share_pct"] == approx(172.9 / 2116.2 * 100)
    assert "key_emitting_unit" not in c


def test_a_provincial_grid_share_adds_the_non_fossil_part_of_grid_power() -> None:
    province = parse_supplement('version = "2026.2"\n[[grid_non_fossil_share]]\nyear = 2025\n'
                                'share_pct = 40\nsource = "provincial energy bureau"\n', REF, "p.toml")
    c = report(*MIX, ref=province).computed
    # 172.9 + 1,229 x 40 / 100 = 664.5 tce of 2,116.2
    assert c["non_fossil_tce"] == approx(664.5)
    assert c["non_fossil_share_pct"] == approx(664.5 / 2116.2 * 100)
    (expl,) = explain("energy_report", report(*MIX, ref=province).data, province, field="non_fossil_tce")
    text = "\n".join(text_lines(expl, get_form("energy_report"), {}, province, "en"))
    assert "provincial energy bureau (grid_non_fossil_share: 2025)" in text


# --- data centres (issue 19.3) -----------------------------------------------------------------

def test_pue_is_site_electricity_over_it_energy() -> None:
    # (120 grid + 30 own PV) / 100 = 1.5
    c = report(power_line("electricity", 120), power_line("pv_self", 30), org=DATA_CENTRE,
               it_energy_10k_kwh=100).computed
    assert c["pue"] == approx(1.5)
    assert report(power_line("electricity", 120), org=DATA_CENTRE).computed["pue"] is None


# --- must_report_ghg (reference-data.md §4, §6) ------------------------------------------------

def test_must_report_ghg_for_a_chemicals_firm_and_a_data_centre() -> None:
    other = {**power_line("other", 10504), "co2_factor": 2.0, "co2_factor_source": "检测报告"}
    chemicals = report(other, org=CHEMICALS).computed
    # 10,504 tce >= 10,000 in chemicals (C26), though 21,008 tCO2 < 26,000
    assert (chemicals["total_tce"], chemicals["total_co2_t"]) == (approx(10504), approx(21008))
    assert chemicals["must_report_ghg"] is True
    # a data centre (I645, not a listed sector) at 30,000 tCO2: 5,260.4 x 5.703 = 30,000.06
    centre = report(power_line("electricity", 5260.4), org=DATA_CENTRE, it_energy_10k_kwh=4000).computed
    assert centre["total_co2_t"] == approx(30000.06) and centre["must_report_ghg"] is False
    # a monthly report: not applicable
    assert report(other, org=CHEMICALS, period="2025-03").computed["must_report_ghg"] is None
    # the same function for stored totals (version-1 records, the overview and the roll-up)
    assert must_report_ghg(10504, 21008, "C2614", REF) is True
    assert must_report_ghg(6484, 30000, "I6450", REF) is False
    assert must_report_ghg(9999, 25999, "C2614", REF) is False
    assert must_report_ghg(1000, 26000, "D4411", REF) is True
    assert must_report_ghg(None, None, "C2614", REF) is False
    assert must_report_ghg(20000, 50000, "C2614", OLD_REF) is False  # that set lists no sector


def test_the_industry_code_comes_from_the_organisation_unless_entered() -> None:
    assert report(org=CHEMICALS).data["industry_code"] == "C2614"
    assert report(org=CHEMICALS, industry_code="C3011").data["industry_code"] == "C3011"
    assert "industry_code" not in report(org=CHEMICALS, version=1).data


# --- version 1 unchanged -----------------------------------------------------------------------

def test_version_1_records_compute_as_before() -> None:
    lines = (coal_line(), power_line("electricity", 100), power_line("heat", 2000))
    v1_old = report(*lines, ref=OLD_REF, version=1)
    v1_new = report(*lines, version=1)
    assert v1_old.computed == v1_new.computed  # 2026.1 keeps every row 2025.1 had
    declared = {c.id for c in get_form("energy_report", 1).computed_for("record")}
    assert set(v1_new.computed) - {"lines"} == declared
    assert "key_emitting_unit" in declared and not set(NEW_IDS) & set(v1_new.computed)
    v2 = report(*lines).computed
    for key in declared - {"key_emitting_unit"}:
        assert v2[key] == v1_new.computed[key], key


# --- explanations (issue 18.6) ------------------------------------------------------------------

def _explained(result, ref=REF) -> dict[str, str]:
    form = get_form("energy_report")
    out = {}
    for expl in explain("energy_report", result.data, ref):
        if expl.path in NEW_IDS:
            tree = json.loads(json.dumps(as_json(expl.term)))
            assert reevaluate(tree) == result.computed[expl.path], expl.path
            out[expl.path] = "\n".join(text_lines(expl, form, result.data, ref, "zh")
                                       + text_lines(expl, form, result.data, ref, "en"))
    return out


@pytest.fixture(scope="module")
def full() -> dict[str, str]:
    result = report(coal_line(sulfur_pct=1.0), power_line("electricity", 1000), power_line("pv_self", 100),
                    org={**ENTERPRISE, "industry_code": "C2614"}, so2_t=1.6, nox_t=2, pm_t=1, vocs_t=3,
                    so2_removal_pct=90, it_energy_10k_kwh=800)
    return _explained(result)


def test_every_new_value_is_explained(full) -> None:
    assert set(full) == set(NEW_IDS)


@pytest.mark.parametrize(("value_id", "needles"), [
    ("so2_fuel_estimate_t", ["pollutant_factors: so2_sulfur_conversion", "coal-fired boilers", "燃煤锅炉",
                             "lines[0].sulfur_pct", "so2_removal_pct", "pollutant_factors: so2_to_sulfur_mass_ratio"]),
    ("pollutant_equivalents", ["pollutant_equivalents: so2", "pollutant_equivalents: pm", "未经核实",
                               "unconfirmed", "Environmental Protection Tax Law", "环境保护税法"]),
    ("so2_intensity", ["so2_t", "value_added_10k_yuan", "1,000"]),
    ("vocs_intensity", ["vocs_t"]),
    ("renewable_tce", ["energy_coefficients: pv_self", "GB/T 2589-2020"]),
    ("non_fossil_tce", ["grid_non_fossil_share: 2025", "left to the province", "留待省级确定",
                        "energy_coefficients: electricity"]),
    ("non_fossil_share_pct", ["grid_non_fossil_share: 2025", "× 100"]),
    ("pue", ["it_energy_10k_kwh", "lines[1].consumption_total", "lines[2].consumption_total"]),
    ("must_report_ghg", ["ghg_sectors: chemical", "GB/T 4754-2017", "Henan plan task 19",
                         "thresholds: key_emitting_unit_tco2", "thresholds: key_energy_unit_tce", "industry_code"]),
])
def test_explanations_name_factor_and_source(full, value_id: str, needles: list[str]) -> None:
    for needle in needles:
        assert needle in full[value_id], (value_id, needle, full[value_id])


def test_not_in_a_listed_sector_is_explained() -> None:
    text = _explained(report(org=DATA_CENTRE))["must_report_ghg"]
    assert "I6450" in text and "none of the listed sectors" in text and "不属所列行业" in text
