"""The examples of docs/standard/record-json.md load through the real commands and stay valid."""

from __future__ import annotations

import json

import pytest

from lowcarbon_desk.domain.evaluate import evaluate
from lowcarbon_desk.domain.forms import RECORD_FORMS

from .record_examples import DOCUMENT, SHOWN_FORM, document_examples, load_examples, run_cli


@pytest.fixture(scope="module")
def examples() -> dict[str, object]:
    return document_examples(DOCUMENT.read_text(encoding="utf-8"))


def test_one_example_per_form(examples):
    assert set(examples) == {"org", *RECORD_FORMS, f"shown {SHOWN_FORM}"}
    for form in RECORD_FORMS:
        assert examples[form]["form"] == form


def test_examples_load_through_org_add_and_record_add_without_errors(examples, tmp_path):
    inputs = {k: v for k, v in examples.items() if not k.startswith("shown ")}
    db = tmp_path / "office.db"
    ids = load_examples(inputs, db, tmp_path)
    orgs = {o["org_id"]: o for o in inputs["org"]}
    for form in RECORD_FORMS:
        code, out, err = run_cli("--db", str(db), "--lang", "en", "record", "validate", ids[form])
        assert code == 0, f"{form}: {out}{err}"
        assert "0 error(s), 0 warning(s)" in out, f"the {form} example should have no error or warning: {out}"
        # the domain's own entry point agrees
        example = inputs[form]
        result = evaluate(form, example["data"], org=orgs[example["org_id"]])
        assert not result.errors and not result.warnings and not result.input_problems


def test_the_shown_output_has_the_documented_shape(examples, tmp_path):
    inputs = {k: v for k, v in examples.items() if not k.startswith("shown ")}
    db = tmp_path / "office.db"
    ids = load_examples(inputs, db, tmp_path)
    code, out, _err = run_cli("--db", str(db), "record", "show", ids[SHOWN_FORM], "--json")
    assert code == 0
    actual = json.loads(out)
    shown = examples[f"shown {SHOWN_FORM}"]
    assert sorted(actual) == sorted(shown)
    assert sorted(actual["computed"]) == sorted(shown["computed"])
    assert actual["data"] == shown["data"] and actual["computed"] == shown["computed"]
    assert [i["rule"] for i in actual["issues"]] == [i["rule"] for i in shown["issues"]]
    # every key of the document is explained in the output table
    table = DOCUMENT.read_text(encoding="utf-8").split("## 4. Output", 1)[1]
    for key in actual:
        assert f"`{key}`" in table, f"record show --json key {key} is not explained"
