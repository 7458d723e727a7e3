"""Explanations are the computation itself: every computed value of every form re-evaluates
from its explanation to the stored value, and the words carry the numbers and sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lowcarbon_desk.demo import build_demo
from lowcarbon_desk.domain.compute.trace import as_json, reevaluate
from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.explain import as_dict, explain, explain_record, explanation_text, text_lines
from lowcarbon_desk.domain.forms import RECORD_FORMS, get_form
from lowcarbon_desk.domain.reference import shipped_reference
from lowcarbon_desk.storage import Store

REF = shipped_reference()


def _stored(computed: dict, path: str) -> object:
    if "]." not in path:
        return computed[path]
    head, column = path.split("].")
    name, index = head.split("[")
    return computed[name][int(index)][column]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(path) as store:
        build_demo(store, enterprises=6, seed=5)
    return path


def test_every_computed_value_of_the_demo_county_reevaluates_from_its_explanation(demo_db):
    covered: dict[str, set[str]] = {form: set() for form in RECORD_FORMS}
    written: dict[str, set[int]] = {form: set() for form in RECORD_FORMS}  # the versions the demo stores
    with Store.open(demo_db) as store:
        rows = store.list_records()
        assert rows
        for row in rows:
            doc = store.get_record(row["record_id"])
            ref = store.reference(doc["reference_data_version"])
            form, _data, found = explain_record(doc, ref)
            written[form.id].add(form.version)
            expected = {c.id for c in form.computed_for("record")}
            assert expected <= {e.path for e in found}, doc["record_id"]
            for explanation in found:
                # through JSON, as `record explain --json` prints it
                tree = json.loads(json.dumps(as_json(explanation.term)))
                assert reevaluate(tree) == _stored(doc["computed"], explanation.path), \
                    (doc["record_id"], explanation.path)
                covered[form.id].add(explanation.spec.id)
    for form_id, ids in covered.items():
        declared = {c.id for version in written[form_id] for c in get_form(form_id, version).computed
                    if not c.internal}
        assert declared == ids, (form_id, declared - ids)


def test_energy_report_line_words_and_numbers():
    data = {"period": "2024", "value_added_10k_yuan": 5000,
            "lines": [{"energy": "raw_coal", "consumption_total": 1100, "feedstock_use": 100}]}
    clean = evaluate("energy_report", data, ref=REF).data
    form = get_form("energy_report")
    (co2,) = explain("energy_report", clean, REF, field="lines[0].line_co2_t")
    # (1,100 - 100) t x 1.9003 tCO2/t = 1,900.3 t
    assert co2.value == 1900.3
    text = "\n".join(text_lines(co2, form, clean, REF, "zh"))
    assert "max(1,100 吨 − 100 吨, 0) × 1.9003 吨CO2/吨" in text
    assert "combustion_factors: raw_coal" in text and f"版本 {REF.version}" in text
    (intensity,) = explain("energy_report", clean, REF, field="energy_intensity")
    # 1,100 x 0.7143 / 5,000 = 0.157146
    assert intensity.value == 0.157146
    item = as_dict(intensity, form, clean, REF, "en")
    assert item["symbols"] == "e = E ÷ VA"
    assert [i["path"] for i in item["inputs"]] == ["lines[0].consumption_total", "value_added_10k_yuan"]
    assert [f["source"]["key"] for f in item["factors"]] == ["raw_coal"]



def test_sources_in_chinese_and_english():
    data = {"period": "2024", "lines": [{"energy": "raw_coal", "consumption_total": 1100},
                                        {"energy": "electricity", "consumption_total": 10}]}
    clean = evaluate("energy_report", data, ref=REF).data
    form = get_form("energy_report")
    (tce,) = explain("energy_report", clean, REF, field="lines[0].line_tce")
    zh = "\n".join(text_lines(tce, form, clean, REF, "zh"))
    en = "\n".join(text_lines(tce, form, clean, REF, "en"))
    # 1,100 t x 0.7143 tce/t = 785.73 tce, the source by the reference data's source_zh / source
    assert "1,100 吨 × 0.7143 吨标准煤/吨 (《综合能耗计算通则》（GB/T 2589-2020）附录A) = 785.73 吨标准煤" in zh
    assert "1,100 t × 0.7143 tce/t (GB/T 2589-2020 Appendix A) = 785.73 tce" in en
    (grid,) = explain("energy_report", clean, REF, field="lines[1].line_co2_t")
    factor = as_dict(grid, form, clean, REF, "zh")["factors"][0]
    assert factor["source_text"] == "生态环境部（环办气候函〔2023〕43号），2023 年"
    assert factor["source"]["text"] == "Ministry of Ecology and Environment, 2023 (2023)"
    assert as_dict(grid, form, clean, REF, "en")["factors"][0]["source_text"] == factor["source"]["text"]
    # the text is the explanation's parts, line for line
    text = explanation_text(tce, form, clean, REF, "zh")
    assert [p.key for p in text.parts] == ["formula", "working", "inputs", "factors"]
    assert text.value == "785.73 吨标准煤" and text.path == "lines[0].line_tce"


def test_budget_projection_and_status():
    data = {"year": "2025", "budget_tce": 1000, "adjustments": [{"delta_tce": 200, "reason": "扩产"}],
            "monthly_actual_tce": [100, 120, 110] + [None] * 9}
    clean = evaluate("energy_budget", data, ref=REF).data
    by_path = {e.path: e for e in explain("energy_budget", clean, REF)}
    # (100 + 120 + 110) x 12 / 3 = 1,320; x 100 / (1,000 + 200) = 110 %
    assert by_path["projected_tce"].value == 1320
    assert by_path["projected_utilization_pct"].value == 110
    assert by_path["projected_status"].value == "exceeded"
    text = "\n".join(text_lines(by_path["projected_tce"], get_form("energy_budget"), clean, REF, "en"))
    assert "330 tce × 12 ÷ 3 = 1,320 tce" in text


def test_audit_payback_and_duration():
    data = {"options": [{"code": "F1", "status": "implemented", "cost_class": "no_low",
                         "investment_10k_yuan": 30, "annual_benefit_10k_yuan": 12}],
            "stages": [{"stage": "preparation", "start": "2025-01-10"},
                       {"stage": "implementation", "end": "2025-03-01"}]}
    clean = evaluate("cp_audit", data, ref=REF).data
    by_path = {e.path: e for e in explain("cp_audit", clean, REF)}
    assert by_path["options[0].payback_years"].value == 2.5  # 30 / 12
    assert by_path["duration_days"].value == 50  # 10 January to 1 March 2025
    assert reevaluate(as_json(by_path["count_no_low"].term)) == 1


def test_pilot_share():
    data = {"baseline_co2_t": 8000, "baseline_value_added_10k_yuan": 4000,
            "projects": [{"co2_cut_t_per_year": 600}, {"co2_cut_t_per_year": 200}]}
    clean = evaluate("pilot_application", data, ref=REF).data
    by_path = {e.path: e for e in explain("pilot_application", clean, REF)}
    assert by_path["co2_cut_share_pct"].value == 10  # (600 + 200) x 100 / 8,000
    assert by_path["baseline_carbon_intensity"].value == 2
