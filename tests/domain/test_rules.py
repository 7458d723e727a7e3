"""Every registered rule has a failing case and a passing case (data-standard.md §1-5).

The failing case asserts the rule id, its severity, the field path, and that the Chinese and
English messages both name the field (its path). A meta-test fails when a rule is registered
without a case here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.domain.history import History, Peers, PreviousReport
from lowcarbon_desk.domain.issues import ERROR, INFO, WARNING
from lowcarbon_desk.domain.rules import REGISTRY

from .samples import COUNTY, ENTERPRISE, PARK, SAMPLE_ORG, coal_line, sample, stages

Mutation = Callable[[dict], None]


@dataclass(frozen=True)
class Case:
    rule: str
    severity: str
    form: str
    mutate: Mutation
    field: str
    org: dict | None = None
    name: str = ""
    also: tuple[str, ...] = ()  # other errors the same change necessarily brings
    history: History | None = None  # what the database would say (plausibility rules)
    version: int | None = None  # the form version (None: the newest)

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.name or self.field or 'record'}"


def setter(**changes) -> Mutation:
    def mutate(data: dict) -> None:
        data.update(changes)
    return mutate


def line(**changes) -> Mutation:
    """Replace the first energy line by a raw-coal line with ``changes``."""
    def mutate(data: dict) -> None:
        data["lines"] = [coal_line(**changes)]
    return mutate


def first(group: str, **changes) -> Mutation:
    def mutate(data: dict) -> None:
        data[group][0].update(changes)
    return mutate


def stage(index: int, **changes) -> Mutation:
    def mutate(data: dict) -> None:
        data["stages"][index].update(changes)
    return mutate


def chain(*mutations: Mutation) -> Mutation:
    def mutate(data: dict) -> None:
        for m in mutations:
            m(data)
    return mutate


def nothing(data: dict) -> None:
    return None


DATA_CENTRE = {**ENTERPRISE, "industry_code": "I6450"}
CHEMICALS = {**ENTERPRISE, "industry_code": "C2614"}


def power(consumption: float, it_energy: float | None = None) -> Mutation:
    """One grid-electricity line of ``consumption`` 10^4 kWh and, given, the IT equipment energy."""
    return chain(line(energy="electricity", consumption_total=consumption, industrial_use=consumption,
                      purchase_qty=consumption), setter(it_energy_10k_kwh=it_energy))


# 1,000 t raw coal at 1.0 % sulfur, K 0.8, 90 % removed: 1,000 × 0.01 × 2 × 0.8 × 0.1 = 1.6 t SO2
SULFUR = chain(line(sulfur_pct=1.0), setter(so2_removal_pct=90))
# 10,504 t of energy already in tce, at an entered 2 tCO2/tce: 10,504 tce, 21,008 tCO2
LARGE_OTHER = line(energy="other", consumption_total=10504, industrial_use=10504, purchase_qty=10504,
                   co2_factor=2.0, co2_factor_source="检测报告")

# --- failing cases: each breaks exactly one rule of a valid sample -------------------------
def last_year(total_tce: float = 714.3, total_co2_t: float = 1900.3, coal: float = 1000) -> History:
    """The sample report's previous year (the sample: 1,000 t raw coal, 714.3 tce, 1,900.3 tCO2)."""
    return History(PreviousReport("R-2024", "2024", total_tce, total_co2_t, {"raw_coal": coal}))


def months(*values: float) -> Mutation:
    return setter(monthly_actual_tce=[*values, *[None] * (12 - len(values))])


SPREAD_PEERS = History(peers=Peers("C31", (0.1, 0.11, 0.12, 0.09, 0.1)))


FAILING: list[Case] = [
    # energy report version 2 (data-standard.md §8)
    Case("energy_report.so2_cross_check", WARNING, "energy_report", chain(SULFUR, setter(so2_t=0.5)), "so2_t"),
    Case("energy_report.so2_cross_check", WARNING, "energy_report", chain(SULFUR, setter(so2_t=3.3)), "so2_t",
         name="above"),
    Case("energy_report.sulfur_not_coal", INFO, "energy_report", line(energy="diesel", sulfur_pct=0.5),
         "lines[0].sulfur_pct"),
    Case("energy_report.certificates_not_green_power", INFO, "energy_report", line(green_certificates=10),
         "lines[0].green_certificates"),
    Case("energy_report.it_energy_missing", WARNING, "energy_report", nothing, "it_energy_10k_kwh",
         org=DATA_CENTRE),
    Case("energy_report.pue_upgrade", WARNING, "energy_report", power(160, 100), "pue", org=DATA_CENTRE),
    Case("energy_report.pue_new_large", INFO, "energy_report", power(140, 100), "pue", org=DATA_CENTRE),
    Case("energy_report.dc_online_monitoring", INFO, "energy_report", power(8137, 6000), "", org=DATA_CENTRE),
    Case("energy_report.must_report_ghg", INFO, "energy_report", LARGE_OTHER, "", org=CHEMICALS),
    Case("energy_report.year_on_year", WARNING, "energy_report", setter(), "total_tce",
         history=last_year(total_tce=100), name="total tce from 100"),
    Case("energy_report.unit_suspect", WARNING, "energy_report", setter(), "lines[0].consumption_total",
         history=last_year(coal=0.1), name="10^4 times"),
    Case("energy_budget.monthly_jump", WARNING, "energy_budget", months(100, 100, 100, 250),
         "monthly_actual_tce[3]"),
    Case("energy_report.intensity_outlier", INFO, "energy_report", setter(), "energy_intensity",
         history=SPREAD_PEERS),
    # common
    Case("field.required", ERROR, "energy_report", setter(period=None), "period"),
    Case("field.required", ERROR, "energy_report", setter(lines=[]), "lines", name="min_items"),
    Case("field.required", ERROR, "energy_report", line(consumption_total=None,
         industrial_use=None, non_industrial_use=None, purchase_qty=None),
         "lines[0].consumption_total"),
    Case("field.required", ERROR, "energy_budget", setter(budget_tce=None), "budget_tce"),
    Case("field.required", ERROR, "cp_audit", setter(audit_year=None), "audit_year"),
    Case("field.required", ERROR, "pilot_application", setter(title=None), "title"),
    Case("field.required", ERROR, "org", setter(contact_phone=None), "contact_phone"),
    Case("record.org_kind", ERROR, "energy_report", nothing, "org_id", org=COUNTY),
    Case("record.org_kind", ERROR, "cp_audit", nothing, "org_id", org=PARK),
    # org
    Case("org.credit_code", ERROR, "org", setter(org_id="91350100M000100Y44"), "org_id"),
    Case("org.credit_code", ERROR, "org", setter(org_id="350100A", kind="county",
         industry_code=None, admin_code="350100"), "org_id", name="county",
         also=("org.county_admin_code",)),
    Case("org.county_admin_code", ERROR, "org", setter(org_id="350100", kind="county",
         admin_code="350200", industry_code=None), "admin_code"),
    Case("org.industry_code_required", ERROR, "org", setter(industry_code=None), "industry_code"),
    # energy report
    Case("energy_report.feedstock_within_industrial", ERROR, "energy_report",
         line(feedstock_use=1000.5), "lines[0].feedstock_use"),
    Case("energy_report.transport_within_total", ERROR, "energy_report",
         line(transport_use=1000.5), "lines[0].transport_use"),
    Case("energy_report.consumption_balance", ERROR, "energy_report",
         line(industrial_use=900), "lines[0].consumption_total"),
    Case("energy_report.stock_balance", WARNING, "energy_report",
         line(closing_stock=10.5), "lines[0].closing_stock"),
    Case("energy_report.coefficient_deviation", WARNING, "energy_report",
         line(coefficient=0.79), "lines[0].coefficient"),
    Case("energy_report.missing_co2_factor", ERROR, "energy_report",
         line(energy="washed_coal"), "lines[0].co2_factor"),
    Case("energy_report.missing_co2_factor", ERROR, "energy_report",
         line(energy="coke_oven_gas"), "lines[0].co2_factor", name="coke_oven_gas"),
    Case("energy_report.missing_co2_factor", ERROR, "energy_report",
         line(energy="other"), "lines[0].co2_factor", name="other"),
    Case("energy_report.co2_factor_source", ERROR, "energy_report",
         line(co2_factor=1.95), "lines[0].co2_factor_source"),
    Case("energy_report.factor_override", WARNING, "energy_report",
         line(co2_factor=100, co2_factor_source="示例"), "lines[0].co2_factor"),
    Case("energy_report.value_added_required", ERROR, "energy_report",
         setter(value_added_10k_yuan=None), "value_added_10k_yuan"),
    Case("energy_report.key_energy_unit", INFO, "energy_report",
         line(consumption_total=14000, industrial_use=14000, purchase_qty=14000), ""),
    Case("energy_report.key_emitting_unit", INFO, "energy_report",
         line(energy="electricity", consumption_total=5000, industrial_use=5000,
              purchase_qty=5000), "", version=1),
    Case("energy_report.data_centre_pue", INFO, "energy_report", nothing, "", org=DATA_CENTRE),
    # energy budget
    Case("energy_budget.power_coal_required", ERROR, "energy_budget", setter(basis="equal"),
         "power_coal_gce_per_kwh"),
    Case("energy_budget.baseline_before_year", ERROR, "energy_budget", setter(baseline_year=2025),
         "baseline_year"),
    Case("energy_budget.budget_above_baseline", WARNING, "energy_budget", setter(budget_tce=1100.5),
         "budget_tce"),
    Case("energy_budget.effective_budget_positive", ERROR, "energy_budget",
         setter(adjustments=[{"date": "2025-06-01", "delta_tce": -1050, "reason": "penalty"}]),
         "adjustments"),
    Case("energy_budget.intensity_above_target", WARNING, "energy_budget",
         setter(intensity_target=0.2), "intensity_target"),
    Case("energy_budget.status", INFO, "energy_budget",
         setter(monthly_actual_tce=[840] + [None] * 11), "monthly_actual_tce"),
    # cleaner-production audit
    Case("cp_audit.mandatory_reasons", ERROR, "cp_audit", setter(kind="mandatory"),
         "mandatory_reasons"),
    Case("cp_audit.stage_dates", ERROR, "cp_audit", stage(1, end="2025-01-31"), "stages[1].end"),
    Case("cp_audit.stage_dates", ERROR, "cp_audit",
         setter(stages=stages(("2025-01-06", "2025-01-31"), (None, "2025-02-28"))),
         "stages[1].end", name="end_without_start"),
    Case("cp_audit.stage_order", ERROR, "cp_audit", stage(2, start="2025-01-31"),
         "stages[2].start"),
    Case("cp_audit.stage_order", ERROR, "cp_audit",
         setter(stages=stages(("2025-01-06", "2025-01-31"), (None, None),
                              ("2025-03-01", None))),
         "stages[2].start", name="previous_not_started"),
    Case("cp_audit.carbon_indicator", WARNING, "cp_audit",
         lambda d: d.update(indicators=d["indicators"][:1]), "indicators"),
    Case("cp_audit.medium_high_investment", ERROR, "cp_audit",
         first("options", investment_10k_yuan=0), "options[0].investment_10k_yuan"),
    Case("cp_audit.duration", WARNING, "cp_audit",
         chain(stage(0, start="2025-01-06"), stage(5, end="2026-01-07"),
               stage(6, start="2026-01-08")), "stages[5].end"),
    Case("cp_audit.acceptance_after_evaluation", ERROR, "cp_audit",
         setter(acceptance_date="2025-11-09"), "acceptance_date"),
    Case("cp_audit.acceptance_date_required", WARNING, "cp_audit", setter(acceptance_date=None),
         "acceptance_date"),
    # pilot application
    Case("pilot_application.type_matches_org", ERROR, "pilot_application",
         setter(pilot_type="park"), "pilot_type"),
    Case("pilot_application.target_year", ERROR, "pilot_application", setter(target_year=2020),
         "target_year"),
    Case("pilot_application.target_year", ERROR, "pilot_application", setter(target_year=2036),
         "target_year", name="after_2035"),
    Case("pilot_application.non_fossil_below_baseline", WARNING, "pilot_application",
         setter(non_fossil_target_pct=19.5), "non_fossil_target_pct"),
    Case("pilot_application.non_fossil_guidance", INFO, "pilot_application",
         setter(non_fossil_target_pct=24.9), "non_fossil_target_pct"),
    Case("pilot_application.peak_year_late", WARNING, "pilot_application",
         setter(peak_year=2031), "peak_year"),
    Case("pilot_application.peak_year_scope", WARNING, "pilot_application",
         setter(pilot_type="enterprise"), "peak_year", org=ENTERPRISE),
    Case("pilot_application.project_years", ERROR, "pilot_application",
         first("projects", end_year=2023), "projects[0].end_year"),
    Case("pilot_application.score_within_max", ERROR, "pilot_application",
         first("self_assessment", score=20.5), "self_assessment[0].score"),
    Case("pilot_application.cut_share", ERROR, "pilot_application",
         first("projects", co2_cut_t_per_year=2_500_001), "projects"),
    Case("pilot_application.attachment", ERROR, "pilot_application",
         setter(attachments=[{"name": "setup.exe", "size": 10, "sha256": "0" * 64}]),
         "attachments[0]"),
    Case("pilot_application.attachment", ERROR, "pilot_application",
         setter(attachments=[{"name": "big.pdf", "size": 52428801, "sha256": "0" * 64}]),
         "attachments[0]", name="too_big"),
]

# --- passing cases: the boundary or the allowed variant right next to each failure ---------
PASSING: list[Case] = [
    Case("energy_report.so2_cross_check", WARNING, "energy_report", chain(SULFUR, setter(so2_t=0.8)), "",
         name="half the estimate"),
    Case("energy_report.so2_cross_check", WARNING, "energy_report", chain(SULFUR, setter(so2_t=3.2)), "",
         name="twice the estimate"),
    Case("energy_report.so2_cross_check", WARNING, "energy_report", setter(so2_t=0.5), "", name="no sulfur"),
    Case("energy_report.sulfur_not_coal", INFO, "energy_report", line(sulfur_pct=0.5), ""),
    Case("energy_report.certificates_not_green_power", INFO, "energy_report",
         line(energy="green_power", green_certificates=10, consumption_total=100, industrial_use=100,
              purchase_qty=100), ""),
    Case("energy_report.it_energy_missing", WARNING, "energy_report", setter(it_energy_10k_kwh=50), "",
         org=DATA_CENTRE),
    Case("energy_report.it_energy_missing", WARNING, "energy_report", nothing, "", name="not a data centre"),
    Case("energy_report.it_energy_missing", WARNING, "energy_report", nothing, "", org=DATA_CENTRE,
         name="version 1", version=1),
    Case("energy_report.pue_upgrade", WARNING, "energy_report", power(150, 100), "", org=DATA_CENTRE),
    Case("energy_report.pue_new_large", INFO, "energy_report", power(130, 100), "", org=DATA_CENTRE),
    Case("energy_report.pue_new_large", INFO, "energy_report", power(160, 100), "", org=DATA_CENTRE,
         name="above the upgrade level: the warning says it"),
    Case("energy_report.dc_online_monitoring", INFO, "energy_report", power(8136, 6000), "", org=DATA_CENTRE),
    Case("energy_report.must_report_ghg", INFO, "energy_report", LARGE_OTHER, "", org=DATA_CENTRE,
         name="not a listed sector"),
    Case("energy_report.must_report_ghg", INFO, "energy_report", nothing, "", org=CHEMICALS, name="small"),
    Case("energy_report.year_on_year", WARNING, "energy_report", setter(), "", history=last_year()),
    Case("energy_report.unit_suspect", WARNING, "energy_report", setter(), "", history=last_year()),
    Case("energy_budget.monthly_jump", WARNING, "energy_budget", months(100, 100, 100, 200), ""),
    Case("energy_report.intensity_outlier", INFO, "energy_report", setter(), "",
         history=History(peers=Peers("C31", (0.1, 0.11, 0.12, 0.09)))),
    Case("field.required", ERROR, "energy_report", line(opening_stock=None, purchase_qty=None,
         purchase_value_k_yuan=None, industrial_use=None, feedstock_use=None,
         non_industrial_use=None, transport_use=None, closing_stock=None), "",
         name="only required columns"),
    Case("field.required", ERROR, "org", setter(address=None, industry_code="C30"), ""),
    Case("record.org_kind", ERROR, "energy_report", nothing, "", org=PARK),
    Case("record.org_kind", ERROR, "pilot_application",
         setter(pilot_type="enterprise", peak_year=None), "", org=ENTERPRISE),
    Case("org.credit_code", ERROR, "org", setter(org_id="91110000802100433B"), ""),
    Case("org.credit_code", ERROR, "org", setter(org_id="350100", kind="county",
         industry_code=None), "", name="county"),
    Case("org.county_admin_code", ERROR, "org", setter(org_id="350100", kind="county",
         admin_code="350100", industry_code=None), ""),
    Case("org.county_admin_code", ERROR, "org", setter(admin_code="350200"), "",
         name="enterprise elsewhere"),
    Case("org.industry_code_required", ERROR, "org", setter(kind="park", industry_code=None), ""),
    Case("energy_report.feedstock_within_industrial", ERROR, "energy_report",
         line(feedstock_use=1000), ""),
    Case("energy_report.transport_within_total", ERROR, "energy_report",
         line(transport_use=1000), ""),
    Case("energy_report.consumption_balance", ERROR, "energy_report",
         line(industrial_use=999.05), "", name="within 0.1 %"),
    Case("energy_report.consumption_balance", ERROR, "energy_report",
         line(consumption_total=5, industrial_use=4.995, purchase_qty=5), "",
         name="within 0.01"),
    Case("energy_report.stock_balance", WARNING, "energy_report", line(closing_stock=10), "",
         name="exactly 1 %"),
    Case("energy_report.coefficient_deviation", WARNING, "energy_report",
         line(coefficient=0.78), "", name="9 %"),
    Case("energy_report.missing_co2_factor", ERROR, "energy_report",
         line(energy="washed_coal", co2_factor=2.5, co2_factor_source="检测报告"), ""),
    Case("energy_report.missing_co2_factor", ERROR, "energy_report",
         line(energy="washed_coal", feedstock_use=1000), "", name="all feedstock"),
    Case("energy_report.co2_factor_source", ERROR, "energy_report",
         line(co2_factor=1.95, co2_factor_source="实测"), ""),
    Case("energy_report.factor_override", WARNING, "energy_report",
         line(co2_factor=2.28, co2_factor_source="实测"), "", name="20 %"),
    Case("energy_report.value_added_required", ERROR, "energy_report",
         setter(period="2025-03", value_added_10k_yuan=None), "", name="monthly"),
    Case("energy_report.key_energy_unit", INFO, "energy_report",
         line(consumption_total=13999, industrial_use=13999, purchase_qty=13999), ""),
    Case("energy_report.key_energy_unit", INFO, "energy_report",
         chain(setter(period="2025-12"),
               line(consumption_total=14000, industrial_use=14000, purchase_qty=14000)),
         "", name="monthly"),
    Case("energy_report.key_emitting_unit", INFO, "energy_report",
         line(energy="electricity", consumption_total=4559, industrial_use=4559,
              purchase_qty=4559), "", version=1),
    Case("energy_report.data_centre_pue", INFO, "energy_report", setter(period="2025-01"), "",
         org=DATA_CENTRE, name="monthly"),
    Case("energy_budget.power_coal_required", ERROR, "energy_budget",
         setter(basis="equal", power_coal_gce_per_kwh=300), ""),
    Case("energy_budget.baseline_before_year", ERROR, "energy_budget", setter(baseline_year=2024),
         ""),
    Case("energy_budget.budget_above_baseline", WARNING, "energy_budget", setter(budget_tce=1100),
         "", name="exactly 10 %"),
    Case("energy_budget.effective_budget_positive", ERROR, "energy_budget",
         setter(adjustments=[{"date": "2025-06-01", "delta_tce": -1049, "reason": "penalty"}]),
         ""),
    Case("energy_budget.intensity_above_target", WARNING, "energy_budget",
         setter(intensity_target=0.21), "", name="equal"),
    Case("energy_budget.status", INFO, "energy_budget",
         setter(monthly_actual_tce=[60] * 12), "", name="ok"),
    Case("cp_audit.mandatory_reasons", ERROR, "cp_audit",
         setter(kind="mandatory", mandatory_reasons=["high_energy"]), ""),
    Case("cp_audit.stage_dates", ERROR, "cp_audit", stage(1, end="2025-02-01"), "",
         name="one-day stage"),
    Case("cp_audit.stage_order", ERROR, "cp_audit", stage(1, start="2025-01-06"), "",
         name="same start"),
    Case("cp_audit.carbon_indicator", WARNING, "cp_audit", nothing, ""),
    Case("cp_audit.medium_high_investment", ERROR, "cp_audit",
         first("options", investment_10k_yuan=0, cost_class="no_low"), ""),
    Case("cp_audit.medium_high_investment", ERROR, "cp_audit",
         first("options", investment_10k_yuan=0, status="feasible"), "", name="not implemented"),
    Case("cp_audit.duration", WARNING, "cp_audit",
         chain(stage(0, start="2025-01-06"), stage(5, end="2026-01-06"),
               stage(6, start="2026-01-07")), "", name="exactly 365 days"),
    Case("cp_audit.acceptance_after_evaluation", ERROR, "cp_audit",
         setter(acceptance_date="2025-11-10"), "", name="same day"),
    Case("cp_audit.acceptance_date_required", WARNING, "cp_audit",
         setter(acceptance_date=None, acceptance_result="pending"), ""),
    Case("pilot_application.type_matches_org", ERROR, "pilot_application",
         setter(pilot_type="park"), "", org=PARK),
    Case("pilot_application.target_year", ERROR, "pilot_application", setter(target_year=2035),
         ""),
    Case("pilot_application.non_fossil_below_baseline", WARNING, "pilot_application",
         setter(non_fossil_target_pct=20, target_year=2024), "", name="equal"),
    Case("pilot_application.non_fossil_guidance", INFO, "pilot_application",
         setter(non_fossil_target_pct=22, target_year=2029), "", name="2025 guidance"),
    Case("pilot_application.peak_year_late", WARNING, "pilot_application", setter(peak_year=2030),
         ""),
    Case("pilot_application.peak_year_late", WARNING, "pilot_application",
         setter(pilot_type="enterprise", peak_year=2032), "", org=ENTERPRISE,
         name="enterprise (other rule)"),
    Case("pilot_application.peak_year_scope", WARNING, "pilot_application",
         setter(pilot_type="enterprise", peak_year=None), "", org=ENTERPRISE),
    Case("pilot_application.project_years", ERROR, "pilot_application",
         first("projects", end_year=2024), "", name="same year"),
    Case("pilot_application.score_within_max", ERROR, "pilot_application",
         first("self_assessment", score=20), ""),
    Case("pilot_application.cut_share", ERROR, "pilot_application",
         first("projects", co2_cut_t_per_year=2_500_000), "", name="exactly 100 %"),
    Case("pilot_application.attachment", ERROR, "pilot_application",
         setter(attachments=[{"name": "报告.PDF", "size": 52428800, "sha256": "0" * 64}]), ""),
]


def _evaluate(case: Case):
    data = sample(case.form)
    case.mutate(data)
    org = case.org if case.org is not None else SAMPLE_ORG[case.form]
    return evaluate(case.form, data, org=org, history=case.history, version=case.version)


@pytest.mark.parametrize("case", FAILING, ids=[c.id for c in FAILING])
def test_rule_fails(case: Case) -> None:
    result = _evaluate(case)
    assert result.input_problems == []
    found = [i for i in result.issues if i.rule == case.rule]
    assert found, f"{case.rule} not raised; issues: {[(i.rule, i.field) for i in result.issues]}"
    assert [i.field for i in found] == [case.field]
    issue = found[0]
    assert issue.severity == case.severity
    form = get_form(case.form)
    if case.field:
        assert case.field in issue.message_zh
        assert case.field in issue.message_en
        assert issue.message_zh.startswith(form.describe(case.field, "zh") + "：")
        assert issue.message_en.startswith(form.describe(case.field, "en") + ": ")
    else:  # record-level findings name the form
        assert issue.message_zh.startswith(form.title_zh + "：")
        assert issue.message_en.startswith(form.title_en + ": ")
    # no other error: the case breaks this rule only (infos and warnings may come along, a
    # huge coal line is also a key emitter, for example)
    others = [i for i in result.issues
              if i.rule != case.rule and i.severity == ERROR and i.rule not in case.also]
    assert others == [], [(i.rule, i.field) for i in others]


@pytest.mark.parametrize("case", PASSING, ids=[c.id for c in PASSING])
def test_rule_passes(case: Case) -> None:
    result = _evaluate(case)
    assert result.input_problems == []
    assert [i for i in result.issues if i.rule == case.rule] == []


@pytest.mark.parametrize("form_id", ["org", "energy_report", "energy_budget", "cp_audit",
                                     "pilot_application"])
def test_samples_are_clean(form_id: str) -> None:
    result = evaluate(form_id, sample(form_id), org=SAMPLE_ORG[form_id])
    assert result.issues == []


def test_every_registered_rule_has_a_failing_and_a_passing_case() -> None:
    registered = {r.id for r in REGISTRY}
    assert len(registered) == len(REGISTRY), "rule ids must be unique"
    assert registered - {c.rule for c in FAILING} == set(), "rules without a failing case"
    assert registered - {c.rule for c in PASSING} == set(), "rules without a passing case"
    assert {c.rule for c in FAILING + PASSING} - registered == set(), "cases for unknown rules"


def test_case_severity_matches_registry() -> None:
    severity = {r.id: r.severity for r in REGISTRY}
    for case in FAILING + PASSING:
        assert severity[case.rule] == case.severity, case.id


def test_record_org_kind_messages_name_the_kinds() -> None:
    result = evaluate("energy_report", sample("energy_report"), org=COUNTY)
    issue = next(i for i in result.issues if i.rule == "record.org_kind")
    assert "企业、园区" in issue.message_zh and "该单位是县" in issue.message_zh
    assert "enterprise, park only" in issue.message_en and "county" in issue.message_en


def test_no_org_means_no_org_rules() -> None:
    """Without an organisation (a template check) the org-dependent rules stay silent."""
    data = sample("pilot_application")
    data["pilot_type"] = "park"
    result = evaluate("pilot_application", data, org=None)
    assert {i.rule for i in result.issues} & {"record.org_kind",
                                             "pilot_application.type_matches_org"} == set()


def test_warning_justification_attaches_by_rule_and_field() -> None:
    data = sample("energy_report")
    data["lines"] = [coal_line(closing_stock=50)]
    key = "energy_report.stock_balance@lines[0].closing_stock"
    plain = evaluate("energy_report", data, org=ENTERPRISE)
    assert [i.key for i in plain.blocking] == [key]
    justified = evaluate("energy_report", data, org=ENTERPRISE, justifications={key: "运输损耗"})
    assert justified.blocking == []
    assert justified.warnings[0].justification == "运输损耗"
    other = evaluate("energy_report", data, org=ENTERPRISE,
                     justifications={"energy_report.stock_balance@lines[1].closing_stock": "x"})
    assert [i.key for i in other.blocking] == [key]


def test_errors_cannot_be_justified() -> None:
    data = sample("energy_report")
    data["value_added_10k_yuan"] = None
    key = "energy_report.value_added_required@value_added_10k_yuan"
    result = evaluate("energy_report", data, org=ENTERPRISE, justifications={key: "没有"})
    assert [i.key for i in result.blocking] == [key]
    assert result.errors[0].justification is None


def test_issues_sorted_errors_warnings_infos() -> None:
    data = sample("pilot_application")
    data.update(non_fossil_target_pct=10, target_year=2040)  # info, warning, error
    result = evaluate("pilot_application", data, org=COUNTY)
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    severities = [order[i.severity] for i in result.issues]
    assert severities == sorted(severities)
    assert {i.severity for i in result.issues} == {ERROR, WARNING, INFO}


def test_intensity_warning_shows_digits_enough_to_tell_the_numbers_apart() -> None:
    """The demo once stopped on "0.0082 is above the target 0.0082": the planned intensity
    (0.008234) was above the target, but four decimals hid the difference."""
    data = sample("energy_budget")
    data.update(budget_tce=823.4, planned_value_added_10k_yuan=100_000, intensity_target=0.0082)
    result = evaluate("energy_budget", data, org=SAMPLE_ORG["energy_budget"])
    issue = next(i for i in result.issues if i.rule == "energy_budget.intensity_above_target")
    assert "0.00823 is above the target 0.0082 " in issue.message_en  # five decimals tell them apart
    assert "0.00823 高于目标 0.0082 " in issue.message_zh
    data["intensity_target"] = 0.008234  # equal: no warning
    result = evaluate("energy_budget", data, org=SAMPLE_ORG["energy_budget"])
    assert not [i for i in result.issues if i.rule == "energy_budget.intensity_above_target"]
