"""A record's stored figures against a recomputation from its entered values."""

from __future__ import annotations

import copy

from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.domain.recompute import figure_mismatch, same_values
from lowcarbon_desk.domain.reference import shipped_reference

from .samples import SAMPLE_ORG, sample


def _computed(form_id: str) -> tuple:
    ref = shipped_reference()
    result = evaluate(form_id, sample(form_id), org=SAMPLE_ORG, ref=ref)
    return result.form, result.data, result.computed, ref


def test_figures_computed_here_follow():
    for form_id in ("energy_report", "energy_budget", "cp_audit", "pilot_application"):
        form, data, computed, ref = _computed(form_id)
        assert figure_mismatch(form, data, computed, SAMPLE_ORG, ref) is None, form_id


def test_a_changed_line_value_is_named_by_its_path_and_label():
    form, data, computed, ref = _computed("energy_report")
    changed = copy.deepcopy(computed)
    changed["lines"][0]["line_tce"] = computed["lines"][0]["line_tce"] * 2
    found = figure_mismatch(form, data, changed, SAMPLE_ORG, ref)
    assert found is not None
    assert found.path == "lines[1].line_tce"
    assert (found.stored, found.recomputed) == (changed["lines"][0]["line_tce"], computed["lines"][0]["line_tce"])
    assert found.label(form, "en").endswith("(lines[1].line_tce)")
    assert get_form("energy_report").computed_def("line_tce").label("en") in found.label(form, "en")


def test_same_values_rounds_only_below_a_billionth_and_keeps_types():
    assert same_values({"a": 1.0, "b": None}, {"a": 1.0 + 1e-12, "b": []})
    assert not same_values({"a": 1.0}, {"a": 1.001})
    assert not same_values(True, 1)
    assert not same_values("1", 1)
    assert not same_values([1, 2], [1])
