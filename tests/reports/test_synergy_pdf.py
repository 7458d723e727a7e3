"""The 协同效应 table of version-2 audit and pilot PDFs (read back with pypdf), absent from a
version-1 record's PDF; the page renders with pdftoppm (scripts/synergy_screenshots.py keeps
a copy in docs/screenshots)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from domain.samples import COUNTY, ENTERPRISE, sample
from lowcarbon_desk.reports.record_pdf import record_pdf, write_record_pdf
from lowcarbon_desk.storage import Store

OPERATOR = "测试员"

OPTIONS = [
    {"code": "S1", "name": "锅炉煤改气", "category": "raw_material_energy", "cost_class": "medium_high",
     "investment_10k_yuan": 300, "annual_benefit_10k_yuan": 60, "co2_reduction_t": 500,
     "so2_t": 1.9, "nox_t": 0.95, "vocs_t": 0.4, "status": "implemented"},
    {"code": "S2", "name": "余热回收", "category": "equipment", "cost_class": "no_low",
     "co2_reduction_t": 120, "status": "implemented"},
    {"code": "S3", "name": "湿法脱硫改造", "category": "technology", "cost_class": "no_low",
     "co2_reduction_t": -80, "so2_t": 0.95, "status": "implemented"},
    {"code": "S4", "name": "未实施的方案", "category": "management", "cost_class": "no_low",
     "co2_reduction_t": 9, "status": "proposed"},
]


def _text(content: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(content)).pages))


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "t.db") as opened:
        opened.add_orgs([COUNTY, ENTERPRISE], OPERATOR)
        yield opened


def test_a_v2_audit_pdf_holds_the_synergy_table(store: Store, tmp_path: Path) -> None:
    record_id = store.add_record("cp_audit", ENTERPRISE["org_id"],
                                 sample("cp_audit") | {"options": OPTIONS}, OPERATOR)
    text = _text(record_pdf(store, record_id))
    assert "协同效应（减污降碳）" in text and "列示已实施的方案" in text
    # S1: 500 t CO2, SO2 1.9 + NOx 0.95 t → 3,000 equivalents, synergy, 500 ÷ 3,000
    assert "锅炉煤改气5001.90.950.43,000.0协同减排0.1667" in text
    assert "余热回收1200.0仅降碳" in text
    assert "湿法脱硫改造-800.951,000.0此消彼长-0.0800" in text
    assert "未实施的方案" not in text.split("协同效应（减污降碳）")[1].split("按协同类别")[0]
    assert "合计540.002.850.950.000.404,000.0" in text  # implemented totals
    assert "按协同类别：协同减排1项，仅降碳1项，仅减污0项，此消彼长1项，无0项。" in text


def test_a_v2_pilot_pdf_holds_the_synergy_table(store: Store) -> None:
    projects = [{"name": "燃煤锅炉淘汰", "category": "industry", "co2_cut_t_per_year": 500,
                 "so2_cut_t_per_year": 1.9, "nox_cut_t_per_year": 0.95},
                {"name": "除尘改造", "category": "industry", "pm_cut_t_per_year": 2.18}]
    record_id = store.add_record("pilot_application", COUNTY["org_id"],
                                 sample("pilot_application") | {"projects": projects}, OPERATOR)
    text = _text(record_pdf(store, record_id))
    assert "列示全部项目" in text
    assert "燃煤锅炉淘汰5001.90.953,000.0协同减排0.1667" in text
    assert "除尘改造2.181,000.0仅减污0.0000" in text
    assert "合计500.001.900.952.180.004,000.0" in text


def test_a_v1_audit_pdf_has_no_synergy_table(store: Store) -> None:
    options = [{k: v for k, v in OPTIONS[0].items()}]
    record_id = store.add_record("cp_audit", ENTERPRISE["org_id"],
                                 sample("cp_audit") | {"options": options}, OPERATOR, version=1)
    assert "协同效应" not in _text(record_pdf(store, record_id))


def test_the_synergy_page_as_an_image(store: Store, tmp_path: Path) -> None:
    """The page with the table renders (pdftoppm) to a non-trivial image."""
    record_id = store.add_record("cp_audit", ENTERPRISE["org_id"],
                                 sample("cp_audit") | {"options": OPTIONS}, OPERATOR)
    path = write_record_pdf(store, record_id, tmp_path / "audit.pdf")
    reader = pypdf.PdfReader(path)
    page = next(i for i, p in enumerate(reader.pages) if "按协同类别" in p.extract_text()) + 1
    exe = shutil.which("pdftoppm")
    if exe is None:
        pytest.fail("pdftoppm missing: scripts/setup.sh installs poppler-utils")
    out = tmp_path / "page"
    subprocess.run([exe, "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
                    str(path), str(out)], check=True)
    image = out.with_suffix(".png")
    assert image.stat().st_size > 10_000
