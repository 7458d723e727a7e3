"""A new form version is data, under a contract the loader checks.

A version's ``[[computed]]`` ids are exactly what its computation produces (a value no code
computes is refused at load, naming the file, the version and the id; so is a value the code
computes that the version does not declare); computations get the version and a record gets
only its own version's computed values; the headline figures are the ones the file declares.
The newer versions here are written into temporary folders from the newest shipped version
(``tests/fixtures/versions.py``), so these tests hold whatever version ships next.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from fixtures.versions import FORM, NEWER, SHIPPED, newer_version_text
from lowcarbon_desk.domain import registry
from lowcarbon_desk.domain.compute import energy_report as energy_report_compute
from lowcarbon_desk.domain.compute.trace import given, op
from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import FORMS_DIR_ENV, FormFileError, all_forms, get_form, load_forms
from lowcarbon_desk.domain.labels import record_totals
from lowcarbon_desk.paths import forms_dir
from lowcarbon_desk.storage import Store

from .samples import ENTERPRISE, sample

NEW_COMPUTED = "process_co2_t"
COMPUTED_TOML = f'''
[[computed]]
id = "{NEW_COMPUTED}"
label_zh = "工业生产过程排放"
label_en = "Process CO2"
unit_zh = "吨CO2"
unit_en = "tCO2"
decimals = 2
'''
# an entered field, added to the record-level fields of the newer version
ENTERED_TOML = '''
[[section]]
id = "process"
label_zh = "工业生产过程"
label_en = "Industrial processes"

[[section.field]]
id = "process_co2_entered_t"
type = "number"
label_zh = "过程排放（填报）"
label_en = "Process CO2 (entered)"
unit_zh = "吨CO2"
unit_en = "tCO2"
min = 0
'''


def newer_folder(tmp_path: Path, extra: str, text: str | None = None) -> Path:
    """A forms folder holding one TOML-only newer version of the energy report."""
    folder = tmp_path / "forms"
    folder.mkdir()
    body = text if text is not None else newer_version_text(extra, changes=False)
    (folder / f"{FORM}.v{NEWER}.toml").write_text(body, encoding="utf-8")
    return folder


def test_a_computed_value_no_computation_produces_is_refused_at_load(tmp_path: Path, monkeypatch) -> None:
    folder = newer_folder(tmp_path, ENTERED_TOML + COMPUTED_TOML)
    with pytest.raises(FormFileError) as info:
        load_forms(forms_dir(), folder)
    name = f"{FORM}.v{NEWER}.toml"
    zh, en = info.value.message("zh"), info.value.message("en")
    assert zh.startswith("表单定义文件有误") and name in zh and f"第 {NEWER} 版" in zh and NEW_COMPUTED in zh
    assert f"{name}: {FORM} version {NEWER}: computed value {NEW_COMPUTED} ([[computed]]) is produced by " \
           "no computation" in en
    # the installation refuses to start with it, in one line, rather than show a blank value
    monkeypatch.setenv(FORMS_DIR_ENV, os.pathsep.join([str(forms_dir()), str(folder)]))
    with pytest.raises(FormFileError, match=NEW_COMPUTED):
        all_forms()


def test_a_computed_value_the_version_does_not_declare_is_refused(tmp_path: Path) -> None:
    text = newer_version_text(changes=False)
    start = text.index('[[computed]]\nid = "grid_factor_used"')
    end = text.find("\n[[", start + 1) + 1 or len(text)
    folder = newer_folder(tmp_path, "", text[:start] + text[end:])
    with pytest.raises(FormFileError) as info:
        load_forms(forms_dir(), folder)
    en = info.value.message("en")
    assert f"{FORM}.v{NEWER}.toml: {FORM} version {NEWER}: the computation " in en
    assert "produces grid_factor_used, which this version does not declare" in en
    assert "grid_factor_used" in info.value.message("zh")


def test_a_version_adding_only_an_entered_field_loads_and_evaluates(tmp_path: Path, monkeypatch) -> None:
    folder = newer_folder(tmp_path, ENTERED_TOML)
    assert (FORM, NEWER) in load_forms(forms_dir(), folder)
    old = evaluate(FORM, sample(FORM), org=ENTERPRISE)
    monkeypatch.setenv(FORMS_DIR_ENV, os.pathsep.join([str(forms_dir()), str(folder)]))
    new = evaluate(FORM, sample(FORM) | {"process_co2_entered_t": 12.5}, org=ENTERPRISE)
    assert new.form.version == NEWER and new.data["process_co2_entered_t"] == 12.5
    assert new.computed == old.computed and not new.errors
    again = evaluate(FORM, sample(FORM), org=ENTERPRISE, version=SHIPPED)
    assert again.computed == old.computed


def _with_process_co2(form, data: dict, ref) -> dict:
    """The shipped computation plus one value: a stand-in for the computation a real newer
    version that adds a computed value would register."""
    terms = energy_report_compute.compute_energy_report(form, data, ref)
    terms[NEW_COMPUTED] = op("round", op("num", given(data.get("process_co2_entered_t"), "process_co2_entered_t")))
    return terms


@pytest.fixture
def newer_with_a_computation(tmp_path: Path, monkeypatch) -> Path:
    """An installation with a newer version that adds an entered and a computed value, and the
    computation serving that version (withdrawn again after the test)."""
    monkeypatch.setattr(registry, "_COMPUTATIONS", {k: dict(v) for k, v in registry._COMPUTATIONS.items()})
    produces = registry.computation_for(FORM, SHIPPED).produces | {NEW_COMPUTED}
    registry.computes(FORM, produces, since=NEWER)(_with_process_co2)
    folder = newer_folder(tmp_path, ENTERED_TOML + COMPUTED_TOML)
    path = tmp_path / "office.db"
    with Store.open(path) as store:  # a record of the shipped version, stored before the update
        store.add_orgs([ENTERPRISE], "填报员")
        store.add_record(FORM, ENTERPRISE["org_id"], sample(FORM), "填报员")
    monkeypatch.setenv(FORMS_DIR_ENV, os.pathsep.join([str(forms_dir()), str(folder)]))
    return path


def test_records_of_the_older_version_never_gain_the_newer_versions_values(newer_with_a_computation: Path) -> None:
    shipped_ids = {c.id for c in get_form(FORM, SHIPPED).computed_for("record", internal=True)}
    data = sample(FORM) | {"process_co2_entered_t": 30}
    new = evaluate(FORM, data, org=ENTERPRISE)
    assert new.form.version == NEWER and new.computed[NEW_COMPUTED] == 30
    old = evaluate(FORM, sample(FORM), org=ENTERPRISE, version=SHIPPED)
    assert set(old.computed) - {"lines"} == shipped_ids
    with Store.open(newer_with_a_computation) as store:
        (stored,) = store.list_records(form=FORM)
        recomputed = store.recompute(stored["record_id"], "复核员")
        assert recomputed["form_version"] == SHIPPED and NEW_COMPUTED not in recomputed["computed"]
        assert set(recomputed["computed"]) - {"lines"} == shipped_ids


def test_the_headline_is_what_the_file_declares_not_the_last_tco2_value(newer_with_a_computation: Path) -> None:
    """A new tCO2 value after the total does not take the total's place in the headline."""
    form = get_form(FORM)
    assert form.version == NEWER and form.computed_for("record")[-1].id == NEW_COMPUTED
    values = {figure: 10.0 + i for i, figure in enumerate(form.headline)}
    totals = record_totals(form, {**values, NEW_COMPUTED: 3.0}, "en")
    assert [t.id for t in totals] == list(form.headline) and NEW_COMPUTED not in form.headline
    assert [t.text for t in totals] == [f"{value:.2f}" for value in values.values()]


@pytest.mark.parametrize(("headline", "reason"), [
    ('["total_tce", "no_such_value"]', "headline no_such_value is not a record-level computed number"),
    ('["key_energy_unit"]', "headline key_energy_unit is not a record-level computed number"),
    ('["line_tce"]', "headline line_tce is not a record-level computed number"),
    ('["total_tce", "total_tce"]', "headline names a value twice"),
])
def test_a_wrong_headline_is_refused_naming_it(tmp_path: Path, headline: str, reason: str) -> None:
    text = re.sub(r"^headline = .*$", f"headline = {headline}", newer_version_text(changes=False), count=1,
                  flags=re.MULTILINE)
    folder = newer_folder(tmp_path, "", text)
    with pytest.raises(FormFileError, match=reason):
        load_forms(forms_dir(), folder)


def test_every_shipped_form_declares_its_headline_and_every_computation_produces_what_it_declares() -> None:
    from lowcarbon_desk.domain.reference import shipped_reference

    ref = shipped_reference()
    for (form_id, _version), form in all_forms().items():
        if not form.computed:
            assert form.headline == ()
            continue
        assert form.headline, form_id
        # what the code really returns (one item in every group) is what it declares
        computation = registry.computation_for(form.id, form.version)
        data = {f.id: [{}] for f in form.container_fields() if f.type == "group"}
        terms = computation.function(form, data, ref)
        returned = {k for k in terms if not isinstance(terms[k], list)}
        returned |= {k for v in terms.values() if isinstance(v, list) for item in v for k in item}
        assert returned == computation.produces, form_id
