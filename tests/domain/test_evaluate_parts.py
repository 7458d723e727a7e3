"""Parts of an evaluation: storing needs no rules, submitting only the blocking ones."""

from __future__ import annotations

import pytest

from domain.samples import SAMPLE_ORG, coal_line, sample
from lowcarbon_desk.domain.evaluate import evaluate, run_rules
from lowcarbon_desk.domain.issues import ERROR, INFO, WARNING
from lowcarbon_desk.domain.reference import shipped_reference

RECORD_FORMS = [form for form, org in SAMPLE_ORG.items() if org is not None]


def _broken(form_id: str) -> dict:
    """The sample with a malformed value and (for the energy report) a warning and infos."""
    data = sample(form_id)
    if form_id == "energy_report":
        # 100,000 t of coal: a key energy-using unit (an info); a measured coefficient (a warning)
        data["lines"] = [coal_line(consumption_total=100_000, industrial_use=100_000, purchase_qty=100_000,
                                   coefficient=0.62)]
        data["value_added_10k_yuan"] = "many"  # an input problem
    return data


@pytest.mark.parametrize("form_id", RECORD_FORMS)
def test_without_rules_the_same_data_computed_values_and_input_problems(form_id: str) -> None:
    org, ref = SAMPLE_ORG[form_id], shipped_reference()
    full = evaluate(form_id, _broken(form_id), org=org, ref=ref)
    bare = evaluate(form_id, _broken(form_id), org=org, ref=ref, rules=False)
    assert (bare.data, bare.computed, bare.input_problems) == (full.data, full.computed, full.input_problems)
    assert bare.issues == bare.input_problems


def test_only_the_rules_asked_for_run() -> None:
    ref = shipped_reference()
    full = evaluate("energy_report", _broken("energy_report"), org=SAMPLE_ORG["energy_report"], ref=ref)
    every = run_rules(full.form, full.data, full.computed, SAMPLE_ORG["energy_report"], ref)
    assert {i.severity for i in every} >= {ERROR, WARNING, INFO}  # the filter below has something to drop
    ran: list[str] = []

    def blocking(rule) -> bool:
        ran.append(rule.id)
        return rule.severity in (ERROR, WARNING)

    some = run_rules(full.form, full.data, full.computed, SAMPLE_ORG["energy_report"], ref, which=blocking)
    assert some == [i for i in every if i.severity != INFO]
    assert ran  # every rule was offered to the filter
    one = run_rules(full.form, full.data, full.computed, SAMPLE_ORG["energy_report"], ref,
                    which=lambda r: r.id == "energy_report.coefficient_deviation")
    assert [i.rule for i in one] == ["energy_report.coefficient_deviation"]
