"""The record PDF's appendix 计算说明: every computed value of the demo county, as the appendix
prints it, read back from the PDF by pdftotext in Chinese and English; the same explanation
re-evaluates to the stored value; packages carry the appendix."""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile
from pathlib import Path

import pytest

from lowcarbon_desk.cli.main import run
from lowcarbon_desk.demo import build_demo
from lowcarbon_desk.domain.compute.trace import as_json, reevaluate
from lowcarbon_desk.domain.explain import explain_record
from lowcarbon_desk.domain.forms import RECORD_FORMS, get_form
from lowcarbon_desk.packages.create import create_submission_package
from lowcarbon_desk.packages.report_names import report_names
from lowcarbon_desk.reports.explain_pdf import SUBSCRIPT, appendix_texts, marked
from lowcarbon_desk.reports.record_pdf import write_record_pdf
from lowcarbon_desk.storage import Store

from .conftest import pdftotext

OPERATOR = "县审核员"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(path) as store:
        build_demo(store, enterprises=6, seed=5)
    return path


def _stored(computed: dict, path: str) -> object:
    if "]." not in path:
        return computed[path]
    head, column = path.split("].")
    name, index = head.split("[")
    return computed[name][int(index)][column]


def _covering_records(store: Store) -> dict[str, list[str]]:
    """Per form, records of the demo county that together have every computed value the form
    declares (each record is picked for a value the ones before it lack)."""
    chosen: dict[str, list[str]] = {form: [] for form in RECORD_FORMS}
    covered: dict[str, set[str]] = {form: set() for form in RECORD_FORMS}
    for row in store.list_records():
        doc = store.get_record(row["record_id"])
        _form, _data, found = explain_record(doc, store.reference(doc["reference_data_version"]))
        ids = {e.spec.id for e in found}
        if ids - covered[doc["form"]]:
            chosen[doc["form"]].append(doc["record_id"])
            covered[doc["form"]] |= ids
    for form_id, ids in covered.items():
        assert ids == {c.id for c in get_form(form_id).computed if not c.internal}, form_id
    return chosen


def _flat(text: str) -> str:
    """pdftotext's lines without the layout's runs of spaces (a cell's text is one run); "0 %"
    as "0%": with -layout pdftotext drops the space after a lone digit (-raw keeps it)."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines()).replace(" %", "%")


def _printed(text: str) -> str:
    """A value as ``_flat`` reads it back."""
    return text.replace(" %", "%")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_appendix_prints_every_computed_value_of_the_demo_county(demo_db, tmp_path, lang):
    with Store.open(demo_db) as store:
        chosen = _covering_records(store)
        for form_id, record_ids in chosen.items():
            assert record_ids, form_id
            for record_id in record_ids:
                doc = store.get_record(record_id)
                ref = store.reference(doc["reference_data_version"])
                pdf = write_record_pdf(store, record_id, tmp_path / f"{record_id}.pdf", explain=lang)
                text = _flat(pdftotext(pdf))
                appendix = text[text.index("附录 计算说明" if lang == "zh" else "Appendix: calculation notes"):]
                texts = appendix_texts(doc, ref, lang)
                _form, _data, found = explain_record(doc, ref)
                assert [t.path for t in texts] == [e.path for e in found]
                for item, explanation in zip(texts, found, strict=True):
                    # the value as the appendix prints it, beside the label and path it explains
                    assert _printed(f"{item.label} ({item.path}) {item.value}") in appendix, (record_id, item.path)
                    # and it is the stored value, worked out again from the explanation's terms
                    tree = json.loads(json.dumps(as_json(explanation.term)))
                    assert reevaluate(tree) == _stored(doc["computed"], item.path), (record_id, item.path)
                    for part in item.parts:
                        assert _printed(" ".join(part.heading.split())) in appendix, (record_id, item.path, part.key)
                assert doc["reference_data_version"] in appendix


def test_sources_are_named_in_the_appendix_language(demo_db, tmp_path):
    with Store.open(demo_db) as store:
        record_id = next(r["record_id"] for r in store.list_records(form="energy_report")
                         if len(r["period"]) == 4)
        zh = _flat(pdftotext(write_record_pdf(store, record_id, tmp_path / "zh.pdf", explain="zh")))
        en = _flat(pdftotext(write_record_pdf(store, record_id, tmp_path / "en.pdf", explain="en")))
        plain = _flat(pdftotext(write_record_pdf(store, record_id, tmp_path / "plain.pdf")))
        again = write_record_pdf(store, record_id, tmp_path / "again.pdf", explain="zh")
    assert again.read_bytes() == (tmp_path / "zh.pdf").read_bytes()  # deterministic, appendix too
    appendix_zh = zh[zh.index("附录 计算说明"):]
    appendix_en = en[en.index("Appendix: calculation notes"):]
    assert "《综合能耗计算通则》（GB/T 2589-2020）附录A" in appendix_zh
    assert "《省级温室气体清单编制指南（试行）》" in appendix_zh
    assert "GB/T 2589-2020 Appendix A" not in appendix_zh
    assert "GB/T 2589-2020 Appendix A" in appendix_en and "Provincial GHG inventory guideline" in appendix_en
    assert "《综合能耗计算通则》" not in appendix_en
    # the form before the appendix is the same Chinese form, and without --explain there is none
    assert "计算说明" not in plain and "calculation notes" not in plain
    assert zh.startswith(plain[:200]) and en.startswith(plain[:200])


def test_subscripts_are_drawn_as_subscripts():
    # the bundled font has no glyphs for ᵢ ₀ ⱼ ₘ: they become <sub> of the plain letter
    assert marked("E = Σ Qᵢ × kᵢ; B = B₀ + Σ ΔBⱼ; A = Σ Aₘ <&>") == (
        "E = Σ Q<sub>i</sub> × k<sub>i</sub>; B = B<sub>0</sub> + Σ ΔB<sub>j</sub>; "
        "A = Σ A<sub>m</sub> &lt;&amp;&gt;")
    # every subscript of Unicode is recognised (Unicode has none beyond the first plane)
    subscripts = {chr(c) for c in range(0x10000) if unicodedata.decomposition(chr(c)).startswith("<sub>")}
    assert {c for c in map(chr, range(0x10000)) if SUBSCRIPT.match(c) and unicodedata.name(c, "")} == subscripts


def test_export_pdf_explain_on_the_command_line(demo_db, tmp_path):
    db = tmp_path / "copy.db"
    db.write_bytes(demo_db.read_bytes())
    with Store.open(db) as store:
        record_id = next(r["record_id"] for r in store.list_records(form="energy_budget"))
    for lang, title in (("zh", "附录 计算说明"), ("en", "Appendix: calculation notes")):
        out = tmp_path / f"budget-{lang}.pdf"
        assert run(["--db", str(db), "--lang", lang, "export", "pdf", record_id, "-o", str(out), "--explain"]) == 0
        text = _flat(pdftotext(out))
        assert title in text
        assert ("已报月份数 (months_reported) 12" if lang == "zh" else "(months_reported) 12") in text
    plain = tmp_path / "plain.pdf"
    assert run(["--db", str(db), "export", "pdf", record_id, "-o", str(plain)]) == 0
    assert "计算说明" not in pdftotext(plain)


def _member_texts(path: Path, tmp_path: Path) -> dict[str, str]:
    """The text of every record PDF in a package, by record id (the manifest names its PDF)."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        names = report_names(json.loads(archive.read("manifest.json"))["records"])
        for record_id, name in names.items():
            pdf = tmp_path / name.replace("/", "_")
            pdf.write_bytes(archive.read(name))
            out[record_id] = _flat(pdftotext(pdf))
    return out


def test_county_and_enterprise_packages_carry_the_appendix(demo_db, tmp_path):
    db = tmp_path / "copy.db"
    db.write_bytes(demo_db.read_bytes())
    with Store.open(db) as store:
        county = next(o for o in store.list_orgs() if o["kind"] == "county")
        made = create_submission_package(store, county["org_id"], tmp_path / "county.lcpkg", operator=OPERATOR)
        enterprise = store.list_records(form="energy_report", period="2025-01", state="submitted")[0]
        unit = create_submission_package(store, enterprise["org_id"], tmp_path / "unit.lcpkg",
                                         operator=OPERATOR, period="2025-01")
        bare = create_submission_package(store, enterprise["org_id"], tmp_path / "bare.lcpkg",
                                         operator=OPERATOR, period="2025-01", explain=None)
        expected = {}
        for record_id in made.record_ids + unit.record_ids:
            doc = store.get_record(record_id)
            expected[record_id] = appendix_texts(doc, store.reference(doc["reference_data_version"]))
    assert made.record_ids and unit.record_ids == [enterprise["record_id"]]
    for package in (made.path, unit.path):
        texts = _member_texts(package, tmp_path)
        assert texts
        for record_id, text in texts.items():
            name = record_id
            appendix = text[text.index("附录 计算说明"):]
            for item in expected[record_id]:
                assert _printed(f"({item.path}) {item.value}") in appendix, (name, item.path)
    assert all("计算说明" not in text for text in _member_texts(bare.path, tmp_path).values())


def test_package_create_no_explain_on_the_command_line(demo_db, tmp_path):
    db = tmp_path / "copy.db"
    db.write_bytes(demo_db.read_bytes())
    with Store.open(db) as store:
        enterprise = store.list_records(form="energy_report", period="2025-01", state="submitted")[0]
    made = {}
    for name, extra in (("with", []), ("without", ["--no-explain"])):
        made[name] = tmp_path / f"{name}.lcpkg"
        assert run(["--db", str(db), "package", "create", "--org", enterprise["org_id"], "--period", "2025-01",
                    "-o", str(made[name]), *extra]) == 0
    assert all("附录 计算说明" in text for text in _member_texts(made["with"], tmp_path).values())
    bare = _member_texts(made["without"], tmp_path)
    assert bare and all("计算说明" not in text for text in bare.values())
    assert made["without"].stat().st_size < made["with"].stat().st_size
