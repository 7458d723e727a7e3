"""The record JSON examples of ``docs/standard/record-json.md``, made from real data.

The energy report and the budget come from the demo county (``lowcarbon_desk.demo``), the
audit and the pilot application from the test samples (``tests/domain/samples.py``), all
filed by the sample organisations. ``test_record_json_doc.py`` loads every example of the
document through the real ``org add`` / ``record add`` commands, so the examples stay valid.

Run ``PYTHONPATH=src:tests python -m docs.record_examples`` from the repository root to
rewrite the example blocks (each follows an ``<!-- example NAME -->`` marker) in place.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tempfile
from pathlib import Path

from domain.samples import COUNTY, ENTERPRISE, sample
from lowcarbon_desk.cli.main import run
from lowcarbon_desk.demo import build_demo
from lowcarbon_desk.storage import Store

EXAMPLE_FORMS = ("org", "energy_report", "energy_budget", "cp_audit", "pilot_application")
SHOWN_FORM = "energy_budget"
DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "standard" / "record-json.md"
EXAMPLE = re.compile(r"<!-- example (?P<name>[\w ]+) -->\n```json\n(?P<body>.*?)\n```", re.S)


def _without_nulls(value: object) -> object:
    """Drop keys whose value is null (left out means empty); lists keep their nulls."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _demo_data(folder: Path) -> dict[str, dict]:
    """The annual energy report with the most lines and a budget with an adjustment."""
    store = Store.open(folder / "demo.db")
    try:
        build_demo(store, county="410199", enterprises=3, seed=2025, year=2025, operator="docs")
        reports = [store.get_record(r["record_id"]) for r in store.list_records(form="energy_report")
                   if r["period"] == "2025"]
        report = max(reports, key=lambda d: (len(d["data"]["lines"]), d["org_id"]))
        budgets = [store.get_record(r["record_id"]) for r in store.list_records(form="energy_budget")]
        budget = max(budgets, key=lambda d: (len(d["data"]["adjustments"]), d["org_id"]))
        return {"energy_report": report["data"], "energy_budget": budget["data"]}
    finally:
        store.close()


def example_records() -> dict[str, object]:
    """``org``: the organisations (a list, as ``org add`` takes it); each record form: the
    record JSON ``record add`` takes."""
    with tempfile.TemporaryDirectory(prefix="lcd-examples-") as folder:
        demo = _demo_data(Path(folder))
    data = {**demo, "cp_audit": sample("cp_audit"), "pilot_application": sample("pilot_application")}
    filed_by = {"energy_report": ENTERPRISE, "energy_budget": ENTERPRISE, "cp_audit": ENTERPRISE,
                "pilot_application": COUNTY}
    examples: dict[str, object] = {"org": [_without_nulls(COUNTY), _without_nulls(ENTERPRISE)]}
    for form, org in filed_by.items():
        examples[form] = {"form": form, "org_id": org["org_id"], "data": _without_nulls(data[form])}
    return examples


def run_cli(*args: str) -> tuple[int, str, str]:
    """The real command line in this process: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(list(args))
    return code, out.getvalue(), err.getvalue()


def load_examples(examples: dict[str, object], db: Path, folder: Path) -> dict[str, str]:
    """Add the organisations with ``org add`` and each record with ``record add`` to ``db``;
    returns the record id of each form. Raises ``AssertionError`` naming a refused example."""
    ids: dict[str, str] = {}
    for form, value in examples.items():
        path = folder / f"{form}.json"
        path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        command = ("org", "add") if form == "org" else ("record", "add")
        code, out, err = run_cli("--db", str(db), "--lang", "en", "--operator", "张三", *command,
                                 "--json", str(path))
        assert code == 0 and not err, f"example {form}: exit {code}: {err}"
        ids[form] = out.split()[-1]
    return ids


def shown_example(form: str = SHOWN_FORM) -> dict:
    """What ``record show --json`` prints for the example of ``form`` (made in a temporary
    database and user folder)."""
    with tempfile.TemporaryDirectory(prefix="lcd-shown-") as name:
        folder = Path(name)
        saved = os.environ.get("LOWCARBON_DESK_HOME")
        os.environ["LOWCARBON_DESK_HOME"] = str(folder / "home")
        try:
            ids = load_examples(example_records(), folder / "office.db", folder)
            code, out, err = run_cli("--db", str(folder / "office.db"), "record", "show", ids[form], "--json")
        finally:
            if saved is None:
                os.environ.pop("LOWCARBON_DESK_HOME")
            else:
                os.environ["LOWCARBON_DESK_HOME"] = saved
    assert code == 0, err
    return json.loads(out)


def example_block(name: str, value: object) -> str:
    """One example as it stands in the document."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return f"<!-- example {name} -->\n```json\n{text}\n```"


def document_examples(text: str) -> dict[str, object]:
    """The examples of a document, parsed, by name (``org``, the form ids, ``shown <form>``)."""
    return {m.group("name"): json.loads(m.group("body")) for m in EXAMPLE.finditer(text)}


def main() -> None:
    """Rewrite the example blocks of ``docs/standard/record-json.md`` from the current data."""
    made = {**example_records(), f"shown {SHOWN_FORM}": shown_example()}
    text = DOCUMENT.read_text(encoding="utf-8")

    def replace(match: re.Match) -> str:
        return example_block(match.group("name"), made[match.group("name")])

    DOCUMENT.write_text(EXAMPLE.sub(replace, text), encoding="utf-8")


if __name__ == "__main__":
    main()
