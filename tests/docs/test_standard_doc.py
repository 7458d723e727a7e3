"""docs/standard/ stays true: generated tables, every field, rule, computed value, reference
file and column, workbook sheet and roll-up column the program has."""

from __future__ import annotations

import csv
import re
import tomllib

import pytest

from lowcarbon_desk.domain.forms import RECORD_FORMS, all_forms, get_form
from lowcarbon_desk.domain.reference import ReferenceCatalog, _version_key
from lowcarbon_desk.domain.rules import REGISTRY
from lowcarbon_desk.paths import resources_dir
from lowcarbon_desk.reports.rollup_columns import COLUMNS
from lowcarbon_desk.reports.workbook_layout import workbook_sheets

from .standard_tables import STANDARD, blocks, document_blocks


def read(name: str) -> str:
    return (STANDARD / name).read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The text under the first heading that starts with ``heading``, up to the next heading
    of the same or a higher level."""
    match = re.search(rf"^(#+) {re.escape(heading)}.*$", text, re.M)
    assert match, f"no heading {heading!r}"
    level = len(match.group(1))
    rest = text[match.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[:end.start()] if end else rest


def test_generated_blocks_match_the_code():
    made = blocks()
    found: dict[str, str] = {}
    for path in sorted(STANDARD.glob("*.md")):
        for name, body in document_blocks(path.read_text(encoding="utf-8")).items():
            assert name not in found, f"{name} generated twice"
            found[name] = body
            assert name in made, f"{path.name}: unknown generated block {name}"
            assert body == made[name], (f"{path.name}: block {name} is out of date; run "
                                        "PYTHONPATH=src:tests python -m docs.standard_tables")
    assert set(made) <= set(found), f"blocks missing from docs/standard: {sorted(set(made) - set(found))}"


FORM_SECTIONS = {"org": "1. Organisation", "energy_report": "2. Energy report",
                 "energy_budget": "3. Energy-use budget", "cp_audit": "4. Cleaner-production audit",
                 "pilot_application": "5. Low-carbon pilot application"}


@pytest.mark.parametrize("form_id", list(FORM_SECTIONS))
def test_every_field_and_computed_value_is_in_its_forms_section(form_id):
    text = section(read("data-standard.md"), FORM_SECTIONS[form_id])
    prose = "\n".join(line for line in text.splitlines() if not line.startswith("|"))
    forms = [form for (fid, _version), form in all_forms().items() if fid == form_id]
    assert forms
    for form in forms:
        for spec in form.fields:
            assert f"`{spec.id}`" in text, f"{form_id}: field {spec.id} is not documented"
            for column in spec.columns:
                assert f"`{column.id}`" in text, f"{form_id}: column {spec.id}.{column.id} is not documented"
        for item in form.computed:
            assert f"`{item.id}`" in text, f"{form_id}: computed value {item.id} is not documented"
            # each computed value has its formula in the prose, not only a row in the table
            described = (re.search(rf"[`.]{item.id}\b", prose)
                         or (item.id.startswith("implemented_") and "`implemented_<quantity>`" in prose))
            assert described, f"{form_id}: no formula for {item.id}"


def test_every_registered_rule_is_documented_with_its_severity():
    text = read("data-standard.md")
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([\w.]+)` \| (error|warning|info) \|", text, re.M)}
    for rule in REGISTRY:
        assert rule.id in rows, f"rule {rule.id} is not in docs/standard/data-standard.md"
        assert rows[rule.id] == rule.severity, f"rule {rule.id}: documented as {rows[rule.id]}, is {rule.severity}"
    registered = {r.id for r in REGISTRY}
    assert not set(rows) - registered, f"documented rules the program does not have: {set(rows) - registered}"


def test_every_rule_of_a_form_is_in_that_forms_section():
    text = read("data-standard.md")
    for rule in REGISTRY:
        if rule.form == "*":
            continue
        assert f"`{rule.id}`" in section(text, FORM_SECTIONS[rule.form]), rule.id


def test_every_threshold_says_where_it_is_used():
    ref = ReferenceCatalog().latest_shipped()
    text = section(read("reference-data.md"), "4. Policy thresholds")
    used = {}
    for match in re.finditer(r"^\| ((?:`\w+`(?:, )?)+) \| (.+) \|$", text, re.M):
        for threshold in re.findall(r"`(\w+)`", match.group(1)):
            used[threshold] = re.findall(r"`([\w.]+)`", match.group(2))
    assert sorted(used) == sorted(ref.thresholds)
    rules = {r.id for r in REGISTRY}
    for threshold, users in used.items():
        for user in users:
            if "." in user:
                assert user in rules, f"threshold {threshold}: {user} is not a rule"


def _files_table() -> dict[str, list[str]]:
    text = section(read("reference-data.md"), "0. Files")
    table = {}
    for match in re.finditer(r"^\| `([\w.]+)` \| ([^|]+) \|", text, re.M):
        table[match.group(1)] = re.findall(r"`(\w+)`", match.group(2))
    return table


def test_every_reference_file_and_column_mentioned_exists_and_every_one_is_mentioned():
    documented = _files_table()
    shipped = resources_dir() / "reference"
    folders = sorted((p for p in shipped.iterdir() if p.is_dir()), key=lambda p: _version_key(p.name))
    for folder in folders:
        present = sorted(p.name for p in folder.iterdir() if p.is_file())
        if folder == folders[-1]:  # the newest set has every file; an older one may lack a newer table
            assert sorted(documented) == present, f"{folder.name}: files {present}, documented {sorted(documented)}"
        else:
            assert set(present) <= set(documented), f"{folder.name}: files {present}, documented {sorted(documented)}"
        for name, columns in documented.items():
            if name not in present:
                continue
            if name.endswith(".csv"):
                with (folder / name).open(encoding="utf-8", newline="") as handle:
                    header = next(csv.reader(handle))
            else:
                header = list(tomllib.loads((folder / name).read_text(encoding="utf-8")))
            assert columns == header, f"{folder.name}/{name}: columns {header}, documented {columns}"
    text = read("reference-data.md")
    for name in re.findall(r"`(\w+\.(?:csv|toml))`", text):
        assert name in documented or name == "FILE.toml", f"reference-data.md names {name}, not a file of a set"


def test_the_factor_set_example_is_accepted(tmp_path):
    example = re.search(r"```toml\n(.*?)```", read("reference-data.md"), re.S).group(1)
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    catalog = ReferenceCatalog(user_root=tmp_path / "user")
    (tmp_path / "user").mkdir()
    added = catalog.add_file(path)
    doc = tomllib.loads(example)
    assert added.version == doc["version"] and added.based_on == doc["based_on"]
    assert added.grid_factor().id == doc["default_grid_factor"]


def test_every_workbook_sheet_and_rollup_column_is_in_outputs():
    text = read("outputs.md")
    sheets = section(text, "2. Workbook")
    for sheet in workbook_sheets([get_form(f) for f in RECORD_FORMS]):
        assert f"| {sheet.name} |" in sheets, f"workbook sheet {sheet.name} is not in outputs.md"
    rollup = section(text, "3. County roll-up")
    for column in COLUMNS:
        row = f"| {column.label} | {column.unit} |" if column.unit else f"| {column.label} | |"
        assert row in rollup, f"roll-up column {column.label} ({column.unit}) is not in outputs.md"
