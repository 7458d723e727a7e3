"""The county roll-up's 减污降碳协同: totals by pollutant, counts by class and top measures,
checked by hand and against a recomputation from the raw typed rows; the workbook sheet read
back with openpyxl and the PDF section with pypdf."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pypdf
import pytest

from domain.samples import sample
from lowcarbon_desk.domain.synergy import classify
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import rollup_pdf_bytes
from lowcarbon_desk.reports.rollup_xlsx import write_rollup_xlsx
from lowcarbon_desk.storage import Store

from .sample_data import COUNTY, OPERATOR, county_org, enterprise

KG_PER_EQUIVALENT = {"so2": 0.95, "nox": 0.95, "pm": 2.18}  # reference data 2026.1


def _option(code: str, name: str, status: str = "implemented", **cuts: float) -> dict:
    return {"code": code, "name": name, "category": "technology", "cost_class": "no_low",
            "status": status, **cuts}


def _audit(year: int, *options: dict) -> dict:
    return sample("cp_audit") | {"audit_year": year, "options": list(options)}


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "county.db") as opened:
        orgs = [county_org(), enterprise(1), enterprise(2), enterprise(3)]
        opened.add_orgs(orgs, OPERATOR)
        e1, e2, e3 = (o["org_id"] for o in orgs[1:])
        opened.add_record("cp_audit", e1, _audit(
            2025, _option("A", "锅炉煤改气", co2_reduction_t=500, so2_t=1.9, nox_t=0.95, vocs_t=0.5),
            _option("B", "余热回收", co2_reduction_t=1200),
            _option("C", "湿法脱硫改造", co2_reduction_t=-80, so2_t=0.95),
            _option("D", "未实施", "proposed", co2_reduction_t=9999, so2_t=99)), OPERATOR)
        opened.add_record("cp_audit", e2, _audit(2025, _option("E", "除尘升级", particulates_t=4.36)),
                          OPERATOR)
        opened.add_record("cp_audit", e2, _audit(2024, _option("F", "上一年的方案", co2_reduction_t=7777)),
                          OPERATOR)  # another year: not counted
        opened.add_record("cp_audit", e3, _audit(2025, _option("G", "旧版方案", co2_reduction_t=300, so2_t=2)),
                          OPERATOR, version=1)  # version 1: for reference only
        pilot = sample("pilot_application") | {"baseline_year": 2025, "target_year": 2030, "projects": [
            {"name": "燃煤锅炉淘汰", "category": "industry", "co2_cut_t_per_year": 8000,
             "so2_cut_t_per_year": 9.5, "nox_cut_t_per_year": 1.9},
            {"name": "碳汇林", "category": "carbon_sink", "co2_cut_t_per_year": 3000}]}
        opened.add_record("pilot_application", COUNTY, pilot, OPERATOR)
        yield opened


def test_the_years_measures_by_hand(store: Store) -> None:
    synergy = county_rollup(store, 2025).synergy
    assert synergy is not None
    names = sorted(m.name for m in synergy.measures)
    assert names == sorted(["锅炉煤改气", "余热回收", "湿法脱硫改造", "除尘升级", "燃煤锅炉淘汰", "碳汇林"])
    assert synergy.co2_total_t == 500 + 1200 - 80 + 0 + 8000 + 3000
    assert synergy.pollutant_total_t("so2") == pytest.approx(1.9 + 0.95 + 9.5)
    assert synergy.pollutant_total_t("pm") == pytest.approx(4.36)
    assert synergy.pollutant_total_t("vocs") == pytest.approx(0.5)
    # 3,000 + 0 + 1,000 + 2,000 (4.36 t PM ÷ 2.18 kg) + 12,000 (10,000 SO2 + 2,000 NOx) + 0
    assert synergy.equivalents_total == pytest.approx(18000)
    assert synergy.class_counts() == {"synergy": 2, "carbon_only": 2, "pollution_only": 1,
                                      "trade_off": 1, "none": 0}
    assert [m.name for m in synergy.top_by_co2()[:3]] == ["燃煤锅炉淘汰", "碳汇林", "余热回收"]
    assert [m.name for m in synergy.top_by_equivalents()[:2]] == ["燃煤锅炉淘汰", "锅炉煤改气"]
    assert synergy.older_records == 1
    assert synergy.older_cuts_t["co2"] == 300 and synergy.older_cuts_t["so2"] == 2


def test_totals_equal_a_recomputation_from_the_raw_rows(store: Store) -> None:
    """Straight from the typed tables: the counted version-2 records of 2025, their implemented
    options and every project, converted by hand with the equivalent values."""
    sql = {
        "options": """SELECT o.co2_reduction_t, o.so2_t, o.nox_t, o.particulates_t, o.vocs_t
                      FROM audit_options o JOIN records r USING (record_id)
                      WHERE r.form_version = 2 AND r.period = '2025' AND o.status = 'implemented'""",
        "projects": """SELECT p.co2_cut_t_per_year, p.so2_cut_t_per_year, p.nox_cut_t_per_year,
                              p.pm_cut_t_per_year, p.vocs_cut_t_per_year
                       FROM pilot_projects p JOIN records r USING (record_id)
                       WHERE r.form_version = 2 AND r.period = '2025'""",
    }
    rows = [tuple(v or 0 for v in row) for query in sql.values() for row in store.db.execute(query)]
    equivalents = [(so2 * 1000 / 0.95 + nox * 1000 / 0.95 + pm * 1000 / 2.18) for _co2, so2, nox, pm, _v in rows]
    synergy = county_rollup(store, 2025).synergy
    assert synergy.co2_total_t == pytest.approx(sum(r[0] for r in rows))
    for index, pollutant in enumerate(("so2", "nox", "pm", "vocs"), start=1):
        assert synergy.pollutant_total_t(pollutant) == pytest.approx(sum(r[index] for r in rows))
    assert synergy.equivalents_total == pytest.approx(sum(equivalents))
    by_hand = [classify(r[0], round(eq, 6)) for r, eq in zip(rows, equivalents, strict=True)]
    assert synergy.class_counts() == {c: by_hand.count(c) for c in synergy.class_counts()}
    assert len(rows) == len(synergy.measures)


def test_the_workbook_sheet(store: Store, tmp_path: Path) -> None:
    path = write_rollup_xlsx(county_rollup(store, 2025), tmp_path / "rollup.xlsx")
    sheet = openpyxl.load_workbook(path)["减污降碳协同"]
    rows = list(sheet.iter_rows(values_only=True))
    by_label = {r[0]: r for r in rows if r and isinstance(r[0], str)}
    assert by_label["二氧化碳减排量"][1:4] == (12620, 300, "吨/年")
    assert by_label["二氧化硫削减量"][1] == pytest.approx(12.35)
    assert by_label["污染当量削减量"][1:4] == (18000, "—", "当量/年")
    assert by_label["协同减排"][1:4] == (2, 8500, 15000)
    assert by_label["此消彼长"][1] == 1
    first = rows.index(next(r for r in rows if r[0] == "二氧化碳减排量前 10 项措施"))
    assert rows[first + 2][:5] == (1, "宁乡市发展和改革局（草稿）", "燃煤锅炉淘汰", "低碳试点申报", 8000)
    assert rows[first + 2][6:] == ("协同减排", pytest.approx(8000 / 12000, abs=1e-6))


def test_the_pdf_section(store: Store) -> None:
    content = rollup_pdf_bytes(county_rollup(store, 2025))
    reader = pypdf.PdfReader(io.BytesIO(content))
    fonts = [str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()]
    assert fonts and not [f for f in fonts if "Helvetica" in f]  # only the embedded CJK font
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    assert "减污降碳协同（2025年）" in text
    assert "二氧化碳减排量12,620.00300.00吨/年" in text
    assert "污染当量削减量18,000.00—当量/年" in text
    assert "协同减排28,500.0015,000.0" in text
    assert "措施象限图" in text and "各项措施的二氧化碳减排量与污染当量削减量（6项）" in text
    assert "1宁乡市发展和改革局（草稿）燃煤锅炉淘汰低碳试点申报8,000.0012,000.0协同减排0.6667" in text


def test_a_year_without_measures(store: Store, tmp_path: Path) -> None:
    rollup = county_rollup(store, 2023)
    assert rollup.synergy.measures == [] and rollup.synergy.equivalents_total == 0
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in pypdf.PdfReader(
        io.BytesIO(rollup_pdf_bytes(rollup))).pages))
    assert "本年没有可计算协同效应的措施" in text and "措施象限图" in text
    sheet = openpyxl.load_workbook(write_rollup_xlsx(rollup, tmp_path / "r.xlsx"))["减污降碳协同"]
    assert [r for r in sheet.iter_rows(values_only=True) if r[1] == "（无）"] != []
