"""Labels for ids: field paths, computed values and totals as a person reads them."""

from __future__ import annotations

import pytest

from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import RECORD_FORMS, get_form
from lowcarbon_desk.domain.labels import (
    computed_text,
    field_label,
    parse_path,
    record_file_name,
    record_totals,
    unit_text,
)
from lowcarbon_desk.domain.reference import shipped_reference

from .samples import sample

REF = shipped_reference()
ORG = {"org_id": "91350999MA0000001X", "kind": "enterprise", "name": "测试", "admin_code": "350999",
       "industry_code": "C3110"}


def test_paths_become_the_labels_the_editor_shows():
    form = get_form("energy_report")
    data = {"lines": [{"energy": "raw_coal"}, {"energy": "electricity"}]}
    assert field_label(form, "value_added_10k_yuan", "zh") == "工业增加值"
    assert field_label(form, "value_added_10k_yuan", "en") == "Industrial value added"
    assert field_label(form, "lines[0].closing_stock", "zh", data, REF) == "第 1 行 原煤 · 期末库存量"
    assert field_label(form, "lines[1].closing_stock", "en", data, REF) == "Row 2 Electricity · Closing stock"
    # a row not filled in yet, a whole row, a computed value, the record itself
    assert field_label(form, "lines[4].feedstock_use", "zh", data, REF) == "第 5 行 · 用作原材料"
    assert field_label(form, "lines[0]", "zh", data, REF) == "第 1 行 原煤"
    assert field_label(form, "total_tce", "zh") == "综合能源消费量"
    assert field_label(form, "", "en") == "Energy purchase, consumption and stock"
    assert field_label(form, "no_such_field", "zh") == "no_such_field"


def test_forms_with_several_tables_name_the_table_and_months_name_the_month():
    audit = get_form("cp_audit")
    data = {"options": [{"code": "F1"}, {"code": "F2"}], "stages": [{"stage": "preparation"}]}
    assert field_label(audit, "options[1].investment_10k_yuan", "zh", data, REF).startswith("清洁生产方案 第 2 行 F2 · ")
    assert field_label(audit, "stages[0].end", "en", data, REF) == "Stages, row 1 Preparation · End"
    budget = get_form("energy_budget")
    assert field_label(budget, "monthly_actual_tce[2]", "zh") == "月度实际用能 · 3月"
    assert field_label(budget, "monthly_actual_tce[2]", "en").endswith("month 3")


@pytest.mark.parametrize("form_id", list(RECORD_FORMS))
def test_no_issue_of_a_sample_record_is_labelled_with_an_id(form_id):
    """Every field an issue names reads as a label: no path with brackets or underscores."""
    data = sample(form_id)
    # numbers dropped, also in the tables' rows: "required" issues on fields and on cells
    spoiled = {k: [{c: x for c, x in row.items() if isinstance(x, str)} for row in v]
               if isinstance(v, list) and v and isinstance(v[0], dict) else v
               for k, v in data.items() if not isinstance(v, (int, float)) or isinstance(v, bool)}
    form = get_form(form_id)
    seen = 0
    for candidate in (data, spoiled):
        evaluation = evaluate(form_id, candidate, org=ORG, ref=REF)
        seen += len(evaluation.issues)
        for issue in evaluation.issues:
            label = field_label(form, issue.field, "zh", evaluation.data, REF)
            assert "[" not in label and "_" not in label, (issue.field, label)
    assert seen >= 2


def test_computed_values_read_as_labels_and_numbers():
    form = get_form("energy_report")
    grid = form.computed_def("grid_factor_used")
    factor = next(iter(REF.grid))
    assert computed_text(form, grid, factor, "zh", REF) == REF.grid[factor].label("zh")
    assert computed_text(form, grid, factor, "en", REF) == REF.grid[factor].label("en")
    assert computed_text(form, form.computed_def("total_tce"), 1234.5, "zh") == "1,234.50"
    assert computed_text(form, form.computed_def("key_energy_unit"), True, "en") == "yes"
    budget = get_form("energy_budget")
    status = budget.computed_def("status")
    assert computed_text(budget, status, "alert", "zh") == budget.enum_label(status.enum, "alert", "zh")


def test_record_totals_are_the_declared_headline_figures():
    form = get_form("energy_report")
    totals = record_totals(form, {"total_tce": 10.0, "heat_co2_t": 5.0}, "zh", REF)
    assert [t.id for t in totals] == ["total_tce", "combustion_co2_t", "electricity_co2_t", "heat_co2_t",
                                      "total_co2_t"] == list(form.headline)
    assert totals[0].text == "10.00" and totals[0].unit == "吨标准煤"
    assert totals[3].text == "5.00" and totals[4].text == "—"
    audit = record_totals(get_form("cp_audit"), {}, "en")
    assert [t.id for t in audit] == ["implemented_energy_saving_tce", "implemented_co2_reduction_t"]
    assert record_totals(get_form("org"), {}, "en") == []


def test_units_print_powers_and_paths_parse():
    assert unit_text("10^4 kWh") == "10⁴ kWh"
    assert unit_text("10^4 m^3") == "10⁴ m³"
    assert unit_text("万千瓦时") == "万千瓦时"
    assert parse_path("lines[1].feedstock_use") == ("lines", 1, "feedstock_use")
    assert parse_path("budget_tce") == ("budget_tce", None, None)
    assert parse_path("not a path") == ("", None, None)


def test_record_file_names_say_whose_what_and_when():
    form = get_form("energy_report")
    assert record_file_name(form, "新丰造纸有限公司", "2025-03") == "新丰造纸有限公司_能源购进、消费与库存_2025-03.pdf"
    assert record_file_name(form, "A/B:C*公司", "2025", revision=2, suffix=".xlsx") == \
        "A-B-C-公司_能源购进、消费与库存_2025_第2版.xlsx"
    assert record_file_name(form, "Acme", "2025", revision=3, lang="en") == \
        "Acme_Energy purchase, consumption and stock_2025_rev3.pdf"
    assert len(record_file_name(form, "长" * 300, "2025")) <= 124
