"""An entered CO2 factor far from the reference is a warning naming both values; the
threshold is reference data; the template's example row teaches the reference values."""

from __future__ import annotations

import dataclasses

import openpyxl

from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.domain.reference import shipped_reference
from lowcarbon_desk.domain.rules.base import RuleContext
from lowcarbon_desk.domain.rules.energy_report import factor_override
from lowcarbon_desk.reports.template import write_template

from .samples import SAMPLE_ORG, coal_line, sample

RULE = "energy_report.factor_override"


def _evaluation(**changes):
    data = sample("energy_report")
    data["lines"] = [coal_line(**changes)]
    return evaluate("energy_report", data, org=SAMPLE_ORG["energy_report"])


def _issues(**changes):
    return _evaluation(**changes).issues


def test_a_factor_52_times_the_reference_warns_naming_both() -> None:
    evaluation = _evaluation(co2_factor=100, co2_factor_source="模板示例")
    issues = evaluation.issues
    found = [i for i in issues if i.rule == RULE]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "100" in found[0].message_zh and "1.9003" in found[0].message_zh and "52.62 倍" in found[0].message_zh
    assert "100" in found[0].message_en and "1.9003" in found[0].message_en
    # the factor would have put this small coal user over the greenhouse-gas reporting line
    # without a word
    assert evaluation.computed["total_co2_t"] >= shipped_reference().threshold("key_emitting_unit_tco2")


def test_the_reference_factor_and_fuels_without_one_give_no_warning() -> None:
    assert not [i for i in _issues(co2_factor=1.9003, co2_factor_source="参考") if i.rule == RULE]
    assert not [i for i in _issues(energy="washed_coal", co2_factor=25, co2_factor_source="检测")
                if i.rule == RULE]  # no default factor: nothing to compare with


def test_the_threshold_is_reference_data() -> None:
    ref = shipped_reference()
    assert ref.threshold("factor_override_pct") == 20
    data = sample("energy_report")
    data["lines"] = [coal_line(co2_factor=2.5, co2_factor_source="实测")]  # 31.6 % above
    form = get_form("energy_report")

    def findings(reference) -> list:
        return list(factor_override(RuleContext(form, data, {}, None, reference)))

    assert len(findings(ref)) == 1
    looser = {**ref.thresholds, "factor_override_pct": dataclasses.replace(ref.thresholds["factor_override_pct"], value=40)}
    assert findings(dataclasses.replace(ref, thresholds=looser)) == []
    older = {k: v for k, v in ref.thresholds.items() if k != "factor_override_pct"}
    assert findings(dataclasses.replace(ref, thresholds=older)) == []


def test_template_example_row_shows_the_reference_values(tmp_path) -> None:
    path = write_template(tmp_path / "template.xlsx", shipped_reference())
    ws = openpyxl.load_workbook(path)["能源消费明细"]
    headers = {ws.cell(r, c).value: c for r in range(1, 6) for c in range(1, ws.max_column + 1)}
    example = next(r for r in range(1, 12) if ws.cell(r, 1).value and "示例" in str(ws.cell(r, 1).value))
    ref = shipped_reference()
    assert ws.cell(example, headers["采用折标系数"]).value == ref.energy["raw_coal"].tce_per_unit
    assert ws.cell(example, headers["排放因子"]).value == ref.combustion["raw_coal"].tco2_per_unit
