"""Forms come from their files and a registry: no list of forms in the code.

Covers the record-form list and its order, the period field, computations and rules found by
module name, rules declared in a form file, the refusal of an unknown version, and what moving
a record between versions carries over.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fixtures.versions import (
    NEW_FIELD,
    NEW_LABEL_EN,
    NEW_LABEL_ZH,
    NEW_RULE,
    NEWER,
    OLD_LABEL_EN,
    OLD_LABEL_ZH,
    RELABELLED,
    SHIPPED,
    use_newer,
    use_shipped_only,
)
from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import (
    RECORD_FORMS,
    UnknownFormError,
    all_forms,
    form_versions,
    get_form,
    latest_forms,
    load_form_file,
    record_form_ids,
    require_known_version,
)
from lowcarbon_desk.domain.records import record_period
from lowcarbon_desk.domain.registry import computation_for
from lowcarbon_desk.domain.rules import REGISTRY, form_rules, rules_for
from lowcarbon_desk.domain.versions import carry_over, version_changes
from lowcarbon_desk.paths import forms_dir

from .samples import ENTERPRISE, sample

SRC = Path(__file__).resolve().parents[2] / "src" / "lowcarbon_desk"


def test_record_forms_come_from_the_form_files(monkeypatch) -> None:
    use_shipped_only(monkeypatch)
    files = sorted(p.name.split(".")[0] for p in forms_dir().glob("*.v1.toml"))
    assert sorted([*RECORD_FORMS, "org"]) == files
    assert list(RECORD_FORMS) == ["energy_report", "energy_budget", "cp_audit", "pilot_application"]
    assert [f.order for f in latest_forms()] == sorted(f.order for f in latest_forms())
    assert "org" not in RECORD_FORMS and RECORD_FORMS.index("cp_audit") == 2 and len(RECORD_FORMS) == 4


def test_no_code_lists_the_forms() -> None:
    """The places that once listed every form by hand now read the form files or the registry."""
    listing = re.compile(r"energy_report.{0,40}energy_budget|energy_budget.{0,40}cp_audit", re.S)
    offenders = []
    for path in SRC.rglob("*.py"):
        if "demo" in path.parts:
            continue
        for match in listing.finditer(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(SRC)}: {match.group(0)[:60]!r}")
    assert offenders == []


@pytest.mark.parametrize(("form_id", "data", "period"), [
    ("energy_report", {"period": "2025-03"}, "2025-03"),
    ("energy_budget", {"year": 2026}, "2026"),
    ("cp_audit", {"audit_year": 2024}, "2024"),
    ("pilot_application", {"baseline_year": 2020}, "2020"),
    ("org", {"org_id": "350100"}, None),
])
def test_the_period_is_the_forms_period_field(form_id: str, data: dict, period: str | None) -> None:
    assert get_form(form_id).period_field == next(iter(data)) if period else get_form(form_id).period_field == ""
    assert record_period(form_id, data) == period


def test_computations_and_rules_are_registered_by_their_modules() -> None:
    for form in latest_forms():
        computation = computation_for(form.id, form.version)
        assert computation is not None
        # compute/<form>.py, or a module of its own beside it (compute/<form>_v2.py)
        assert computation.function.__module__.startswith(f"lowcarbon_desk.domain.compute.{form.id}")
        own = [r for r in rules_for(form.id) if r.form == form.id]
        assert own and all(r.check.__module__ == f"lowcarbon_desk.domain.rules.{form.id}" for r in own)
    assert computation_for("org", 1) is None
    assert {r.form for r in REGISTRY} == {"*", "org", *RECORD_FORMS}


def test_unknown_version_names_form_and_version_and_says_update(monkeypatch) -> None:
    use_shipped_only(monkeypatch)
    with pytest.raises(UnknownFormError) as info:
        require_known_version("energy_report", NEWER, "pkg.lcpkg")
    zh, en = info.value.message("zh"), info.value.message("en")
    shipped = form_versions("energy_report")
    assert zh.startswith(f"pkg.lcpkg：表单 energy_report 第 {NEWER} 版：本程序不认识"
                         f"（本程序只有 {'、'.join(f'v{v}' for v in shipped)}）")
    assert "请更新程序" in zh and "未做任何改动" in zh
    assert en.startswith(f"pkg.lcpkg: form energy_report version {NEWER} is not known to this program "
                         f"(it has {', '.join(f'v{v}' for v in shipped)})")
    assert "update the program" in en
    with pytest.raises(UnknownFormError, match=r"form 'water_report' .version 1. is not known.*update the program"):
        require_known_version("water_report", 1)
    for version in ("x", None, 1.5, True):
        with pytest.raises(UnknownFormError):
            require_known_version("energy_report", version)
    assert require_known_version("energy_report", "1").version == 1
    assert get_form("energy_report", 1) is require_known_version("energy_report", 1)


def test_the_fixture_version_is_found_only_when_its_folder_is_given(monkeypatch) -> None:
    use_shipped_only(monkeypatch)
    shipped, count = form_versions("energy_report"), len(all_forms())
    assert shipped[-1] == SHIPPED
    use_newer(monkeypatch)
    assert form_versions("energy_report") == (*shipped, NEWER)
    assert get_form("energy_report").version == NEWER
    assert get_form("energy_report", SHIPPED).field(RELABELLED).label_zh == OLD_LABEL_ZH
    assert get_form("energy_report").field(RELABELLED).label_zh == NEW_LABEL_ZH
    assert tuple(RECORD_FORMS) == record_form_ids() and len(all_forms()) == count + 1


def test_a_declared_rule_applies_to_its_version_only(monkeypatch) -> None:
    use_newer(monkeypatch)
    data = sample("energy_report") | {"gross_output_10k_yuan": 50000, "value_added_10k_yuan": 52000}
    v2 = evaluate("energy_report", data, org=ENTERPRISE)
    issue = next(i for i in v2.issues if i.rule == NEW_RULE)
    assert issue.field == "value_added_10k_yuan" and issue.severity == "error"
    assert issue.message_zh == "「工业增加值」(value_added_10k_yuan)：工业增加值不能大于工业总产值（52,000 <= 50,000 不成立）"
    assert "value added cannot exceed gross output (52,000 <= 50,000 does not hold)" in issue.message_en
    v1 = evaluate("energy_report", data, org=ENTERPRISE, version=SHIPPED)
    assert NEW_RULE not in {i.rule for i in v1.issues}
    fine = evaluate("energy_report", sample("energy_report"), org=ENTERPRISE)
    assert NEW_RULE not in {i.rule for i in fine.issues}
    assert NEW_RULE in {r.id for r in form_rules(get_form("energy_report"))}
    assert NEW_RULE not in {r.id for r in form_rules(get_form("energy_report", SHIPPED))}


def _form_file(tmp_path: Path, rule: str) -> Path:
    text = (forms_dir() / "energy_report.v1.toml").read_text(encoding="utf-8")
    path = tmp_path / "energy_report.v1.toml"
    path.write_text(text + "\n[[rule]]\n" + rule, encoding="utf-8")
    return path


def test_required_if_rule(tmp_path: Path) -> None:
    form = load_form_file(_form_file(tmp_path, 'id = "energy_report.output_with_value_added"\nseverity = "warning"\n'
                                               'check = "required_if"\nfield = "gross_output_10k_yuan"\n'
                                               'if_field = "value_added_10k_yuan"\n'
                                               'message_zh = "填了增加值须填总产值"\nmessage_en = "give the gross output too"\n'))
    from lowcarbon_desk.domain.evaluate import run_rules
    from lowcarbon_desk.domain.reference import shipped_reference

    ref = shipped_reference()
    findings = run_rules(form, {"value_added_10k_yuan": 5, "lines": []}, {}, ENTERPRISE, ref)
    assert [(i.rule, i.field, i.severity) for i in findings if i.rule.endswith("with_value_added")] == [
        ("energy_report.output_with_value_added", "gross_output_10k_yuan", "warning")]
    quiet = run_rules(form, {"value_added_10k_yuan": 5, "gross_output_10k_yuan": 9, "lines": []}, {}, ENTERPRISE, ref)
    assert not [i for i in quiet if i.rule.endswith("with_value_added")]


@pytest.mark.parametrize(("rule", "reason"), [
    ('id = "other.x"\nseverity = "error"\ncheck = "compare"\nfield = "period"\nop = "<"\nthan_value = 1\n'
     'message_zh = "a"\nmessage_en = "a"\n', "starts with the form id"),
    ('id = "energy_report.x"\nseverity = "fatal"\ncheck = "compare"\nfield = "period"\nop = "<"\nthan_value = 1\n'
     'message_zh = "a"\nmessage_en = "a"\n', "severity must be one of"),
    ('id = "energy_report.x"\nseverity = "error"\ncheck = "compare"\nfield = "nowhere"\nop = "<"\nthan_value = 1\n'
     'message_zh = "a"\nmessage_en = "a"\n', "nowhere is not a field"),
    ('id = "energy_report.x"\nseverity = "error"\ncheck = "compare"\nfield = "period"\nop = "~"\nthan_value = 1\n'
     'message_zh = "a"\nmessage_en = "a"\n', "compare needs op"),
    ('id = "energy_report.x"\nseverity = "error"\ncheck = "required_if"\nfield = "period"\n'
     'message_zh = "a"\nmessage_en = "a"\n', "required_if needs if_field"),
    ('id = "energy_report.x"\nseverity = "error"\ncheck = "compare"\nfield = "period"\nop = "<"\nthan_value = 1\n'
     'message_zh = "a"\nmessage_en = "a"\nhint = "b"\n', "unknown keys ['hint'] in rule"),
])
def test_a_malformed_declared_rule_names_the_file(tmp_path: Path, rule: str, reason: str) -> None:
    with pytest.raises(ValueError, match=re.escape(reason)) as info:
        load_form_file(_form_file(tmp_path, rule))
    assert info.value.detail.startswith("energy_report.v1.toml")
    assert info.value.message("zh").startswith("表单定义文件有误")


def test_a_form_file_must_be_named_for_its_form_and_version(tmp_path: Path) -> None:
    text = (forms_dir() / "energy_report.v1.toml").read_text(encoding="utf-8")
    path = tmp_path / "energy_report.v2.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape("must be named energy_report.v1.toml")):
        load_form_file(path)


def test_version_changes_and_carry_over(monkeypatch) -> None:
    use_newer(monkeypatch)
    old, new = get_form("energy_report", SHIPPED), get_form("energy_report", NEWER)
    changes = version_changes(old, new)
    assert [(c.path, c.label_zh, c.label_en) for c in changes.added] == [(NEW_FIELD, "年末从业人员", "Employees at year end")]
    assert [(c.path, c.old_label_zh, c.label_zh, c.old_label_en, c.label_en) for c in changes.relabelled] == [
        (RELABELLED, OLD_LABEL_ZH, NEW_LABEL_ZH, OLD_LABEL_EN, NEW_LABEL_EN)]
    assert changes.removed == ()
    assert changes.lines("en") == [f"new fields: Employees at year end ({NEW_FIELD})",
                                   f"renamed labels: {RELABELLED}: “{OLD_LABEL_EN}” → “{NEW_LABEL_EN}”"]
    back = version_changes(new, old)
    assert [c.path for c in back.removed] == [NEW_FIELD]
    data = sample("energy_report") | {NEW_FIELD: 12}
    carried, dropped = carry_over(new, old, data)
    assert NEW_FIELD not in carried and dropped == [(NEW_FIELD, 12)]
    assert carried["lines"] == data["lines"]
