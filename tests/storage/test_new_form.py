"""A new form is one TOML file, plus a compute module and a rules module named after it: no
list of forms to edit. The form is written into a temporary folder (``LOWCARBON_DESK_FORMS_DIR``)
and its two modules into temporary folders added to the ``compute`` and ``rules`` packages,
exactly as they would sit in ``forms/``, ``domain/compute/`` and ``domain/rules/``.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pypdf
import pytest

from domain.samples import COUNTY, ENTERPRISE
from lowcarbon_desk.cli.main import run
from lowcarbon_desk.domain import compute as compute_package
from lowcarbon_desk.domain import registry
from lowcarbon_desk.domain import rules as rules_package
from lowcarbon_desk.domain.forms import FORMS_DIR_ENV, RECORD_FORMS, get_form
from lowcarbon_desk.domain.reference import shipped_reference
from lowcarbon_desk.domain.rules import base as rules_base
from lowcarbon_desk.paths import forms_dir
from lowcarbon_desk.reports.record_pdf import record_pdf_bytes
from lowcarbon_desk.storage import Store

from .conftest import OPERATOR

FORM = '''
form = "water_use"
version = 1
title_zh = "取用水情况"
title_en = "Water use"
table = "water_uses"
period_field = "year"
org_kinds = ["enterprise"]
order = 50

[enums.source]
options = [
  { value = "tap", zh = "自来水", en = "Tap water" },
  { value = "ground", zh = "地下水", en = "Groundwater" },
]

[[section]]
id = "header"
label_zh = "基本情况"
label_en = "General"

[[section.field]]
id = "year"
type = "year"
label_zh = "年份"
label_en = "Year"
required = true

[[section.field]]
id = "recycled_m3"
type = "number"
label_zh = "重复利用水量"
label_en = "Recycled water"
unit_zh = "立方米"
unit_en = "m3"
min = 0

[[section]]
id = "sources"
label_zh = "取水来源"
label_en = "Sources"

[[section.field]]
id = "sources"
type = "group"
table = "water_sources"
label_zh = "取水来源"
label_en = "Sources"
min_items = 1

[[section.field.column]]
id = "source"
type = "enum"
enum = "source"
label_zh = "来源"
label_en = "Source"
required = true

[[section.field.column]]
id = "volume_m3"
type = "number"
label_zh = "取水量"
label_en = "Volume"
unit_zh = "立方米"
unit_en = "m3"
min = 0
required = true

[[computed]]
id = "total_intake_m3"
label_zh = "取水总量"
label_en = "Total intake"
unit_zh = "立方米"
unit_en = "m3"

[[computed]]
id = "reuse_rate_pct"
label_zh = "重复利用率"
label_en = "Reuse rate"
unit_zh = "%"
unit_en = "%"
decimals = 1

[[rule]]
id = "water_use.recycled_given"
severity = "warning"
check = "required_if"
field = "recycled_m3"
if_field = "total_intake_m3"
message_zh = "请填写重复利用水量"
message_en = "give the recycled water"
'''

COMPUTE_MODULE = '''
from lowcarbon_desk.domain.registry import computes


@computes("water_use", produces=("total_intake_m3", "reuse_rate_pct"))
def compute_water_use(form, data, ref):
    intake = sum(s.get("volume_m3") or 0 for s in data.get("sources") or [])
    recycled = data.get("recycled_m3")
    rate = None if recycled is None or not intake + recycled else round(recycled * 100 / (intake + recycled), 1)
    return {"total_intake_m3": intake, "reuse_rate_pct": rate}
'''

RULES_MODULE = '''
from lowcarbon_desk.domain.issues import ERROR
from lowcarbon_desk.domain.rules.base import Finding, rule


@rule("water_use.groundwater_limit", "water_use", ERROR, "地下水取水超过许可", "groundwater above the permit")
def groundwater_limit(ctx):
    for index, item in enumerate(ctx.data.get("sources") or []):
        if item.get("source") == "ground" and (item.get("volume_m3") or 0) > 100_000:
            yield Finding(f"sources[{index}].volume_m3", "超过 10 万立方米的许可量", "above the 100,000 m3 permit")
'''

MODULES = ("lowcarbon_desk.domain.compute.water_use", "lowcarbon_desk.domain.rules.water_use")


@pytest.fixture
def water_form(tmp_path: Path, monkeypatch):
    """The form file and its two modules, in temporary folders; removed again afterwards."""
    forms = tmp_path / "forms"
    code = {"compute": tmp_path / "compute", "rules": tmp_path / "rules"}
    for folder in (forms, *code.values()):
        folder.mkdir()
    (forms / "water_use.v1.toml").write_text(FORM, encoding="utf-8")
    (code["compute"] / "water_use.py").write_text(COMPUTE_MODULE, encoding="utf-8")
    (code["rules"] / "water_use.py").write_text(RULES_MODULE, encoding="utf-8")
    monkeypatch.setenv(FORMS_DIR_ENV, os.pathsep.join([str(forms_dir()), str(forms)]))
    monkeypatch.setattr(compute_package, "__path__", [*compute_package.__path__, str(code["compute"])])
    monkeypatch.setattr(rules_package, "__path__", [*rules_package.__path__, str(code["rules"])])
    # what the modules register disappears with the test
    monkeypatch.setattr(registry, "_COMPUTATIONS", dict(registry._COMPUTATIONS))
    monkeypatch.setattr(registry, "_LOOKED_UP", set(registry._LOOKED_UP))
    monkeypatch.setattr(rules_base, "REGISTRY", list(rules_base.REGISTRY))
    yield forms
    for name in MODULES:
        sys.modules.pop(name, None)


def test_a_new_form_is_stored_listed_validated_and_shown(water_form: Path, tmp_path: Path, capsys) -> None:
    assert list(RECORD_FORMS)[-1] == "water_use"
    path = tmp_path / "office.db"
    with Store.open(path) as store:
        assert {"water_uses", "water_sources"} <= set(store.db.table_names())
        store.add_orgs([COUNTY, ENTERPRISE], OPERATOR)
        data = {"year": 2025, "sources": [{"source": "tap", "volume_m3": 8000},
                                          {"source": "ground", "volume_m3": 120000}]}
        record_id = store.add_record("water_use", ENTERPRISE["org_id"], data, OPERATOR)
        doc = store.get_record(record_id)
        listed = store.list_records(form="water_use")
    assert doc["form_version"] == 1 and doc["period"] == "2025"
    assert doc["computed"] == {"total_intake_m3": 128000, "reuse_rate_pct": None}
    assert [(r["record_id"], r["period"]) for r in listed] == [(record_id, "2025")]
    issues = {(i["rule"], i["field"], i["severity"]) for i in doc["issues"]}
    assert issues == {("water_use.groundwater_limit", "sources[1].volume_m3", "error"),
                      ("water_use.recycled_given", "recycled_m3", "warning")}
    assert run(["--db", str(path), "--lang", "en", "record", "validate", record_id]) == 1
    out = capsys.readouterr().out
    assert "water_use.groundwater_limit sources[1].volume_m3: Sources row 2, Volume" in out
    assert "1 error(s), 1 warning(s) (1 unjustified)" in out
    assert run(["--db", str(path), "--lang", "en", "record", "show", record_id]) == 0
    out = capsys.readouterr().out
    assert "Water use v1" in out and "Total intake: 128,000.00 m3" in out and "Sources: 2 item(s)" in out
    pdf = pypdf.PdfReader(io.BytesIO(record_pdf_bytes(doc, ENTERPRISE, shipped_reference())))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "取用水情况" in text and "取水总量" in text and "地下水" in text


def test_the_new_form_is_gone_with_its_folder(water_form: Path, monkeypatch) -> None:
    """Only the folder made it a form: without it the program does not know water_use."""
    assert get_form("water_use").title_en == "Water use"
    monkeypatch.setenv(FORMS_DIR_ENV, str(forms_dir()))
    assert "water_use" not in RECORD_FORMS
