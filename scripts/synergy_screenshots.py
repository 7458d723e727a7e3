"""Screenshots of the co-benefits of measures (减污降碳协同), into docs/screenshots/.

    python scripts/synergy_screenshots.py [--out FOLDER]

A small database in a temporary folder gets a county, four enterprises with version-2
cleaner-production audits of 2025 and the county's pilot application (one measure of every
synergy class) through the Store API. Written: the audit PDF's 协同效应 page and the county
roll-up PDF's 减污降碳协同 page as PNG (pdftoppm), and the county overview scrolled to its
quadrant chart at 1024x700 in Chinese and English.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import shots

COUNTY = "410199"
YEAR = 2025


def _option(code: str, name: str, co2: float, **cuts: float) -> dict:
    return {"code": code, "name": name, "category": "technology", "cost_class": "no_low",
            "investment_10k_yuan": 20, "annual_benefit_10k_yuan": 8, "co2_reduction_t": co2,
            "status": "implemented", **cuts}


AUDITS = {
    "XT0000001": ("示范热电有限公司", [
        _option("A1", "燃煤锅炉煤改气", 5200, so2_t=9.5, nox_t=3.8, particulates_t=2.18),
        _option("A2", "湿法脱硫改造", -420, so2_t=6.65),
        _option("A3", "汽轮机通流改造", 3100)]),
    "XT0000002": ("示范水泥有限公司", [
        _option("B1", "窑尾脱硝（SNCR）", -150, nox_t=4.75),
        _option("B2", "余热发电", 8600, nox_t=0.95),
        _option("B3", "袋式除尘升级", 0, particulates_t=6.54)]),
    "XT0000003": ("示范化工有限公司", [
        _option("C1", "VOCs 蓄热焚烧（RTO）", -260, vocs_t=12),
        _option("C2", "电机变频", 900),
        _option("C3", "工艺加热炉低氮燃烧", 600, nox_t=1.9)]),
    "XT0000004": ("示范造纸有限公司", [
        _option("D1", "生物质锅炉替代燃煤", 7400, so2_t=3.8, particulates_t=-1.09),
        _option("D2", "管理制度完善", 0)]),
}
PROJECTS = [
    {"name": "县城集中供热替代分散燃煤", "category": "energy_supply", "co2_cut_t_per_year": 12000,
     "so2_cut_t_per_year": 14.25, "nox_cut_t_per_year": 5.7, "pm_cut_t_per_year": 4.36},
    {"name": "公交车电动化", "category": "transport", "co2_cut_t_per_year": 2600, "nox_cut_t_per_year": 2.85},
    {"name": "碳汇林建设", "category": "carbon_sink", "co2_cut_t_per_year": 4000},
]


def build(path: Path) -> tuple[str, str]:
    """The database; returns the first audit's record id and the county code."""
    from lowcarbon_desk.domain.creditcode import make_credit_code
    from lowcarbon_desk.storage import open_store

    store = open_store(path)
    orgs = [{"org_id": COUNTY, "kind": "county", "name": "示范县发展和改革局", "admin_code": COUNTY,
             "contact_name": "王主任", "contact_phone": "0591-12345678"}]
    for serial, (name, _options) in AUDITS.items():
        orgs.append({"org_id": make_credit_code(COUNTY, serial), "kind": "enterprise", "name": name,
                     "admin_code": COUNTY, "industry_code": "C3011", "contact_name": "李工",
                     "contact_phone": "13800000000"})
    store.add_orgs(orgs, "截图")
    first = ""
    base = {"audit_year": YEAR, "kind": "voluntary", "mandatory_reasons": [], "focus": "锅炉与窑炉",
            "stages": [], "indicators": [{"name": "单位产品二氧化碳排放", "unit": "kg/t", "kind": "carbon",
                                         "baseline": 900, "target": 850}]}
    for serial, (_name, options) in AUDITS.items():
        record_id = store.add_record("cp_audit", make_credit_code(COUNTY, serial), base | {"options": options}, "截图")
        first = first or record_id
    store.add_record("pilot_application", COUNTY, {
        "pilot_type": "county", "title": "示范县低碳试点", "baseline_year": YEAR, "baseline_energy_tce": 1_200_000,
        "baseline_co2_t": 3_000_000, "baseline_value_added_10k_yuan": 4_800_000, "target_year": 2030,
        "co2_intensity_cut_pct": 18, "peak_year": 2028, "projects": PROJECTS}, "截图")
    store.close()
    return first, COUNTY


def _page_png(pdf: Path, marker: str, target: Path) -> None:
    import pypdf

    reader = pypdf.PdfReader(pdf)
    page = next(i for i, p in enumerate(reader.pages) if marker in p.extract_text()) + 1
    stem = target.with_suffix("")
    subprocess.run([shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "90", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True)
    print(target)


def main(argv: list[str] | None = None) -> int:
    out, work = shots.start(__doc__, "synergy", argv)

    from PySide6.QtWidgets import QScrollArea

    from lowcarbon_desk.reports.record_pdf import write_record_pdf
    from lowcarbon_desk.reports.rollup_data import county_rollup
    from lowcarbon_desk.reports.rollup_pdf import write_rollup_pdf
    from lowcarbon_desk.storage import open_store
    from lowcarbon_desk.ui import i18n
    from lowcarbon_desk.ui.overview_view import OverviewView
    from lowcarbon_desk.ui.service import DeskService

    database = work / "synergy.db"
    audit_id, county = build(database)
    store = open_store(database)
    write_record_pdf(store, audit_id, work / "audit.pdf")
    _page_png(work / "audit.pdf", "按协同类别", out / "28-synergy-record-pdf.png")
    write_rollup_pdf(county_rollup(store, YEAR, county), work / "rollup.pdf")
    _page_png(work / "rollup.pdf", "措施象限图", out / "29-synergy-rollup-pdf.png")
    shots.application()
    for lang in ("zh", "en"):
        i18n.install(lang)
        view = OverviewView(DeskService(store, "截图", lang))
        view.resize(*shots.SMALL)
        view.show()
        view.set_year(YEAR)
        view.refresh(synchronous=True)
        shots.settle(4)  # the figures' layout settles over a few event rounds
        scroll = view.findChild(QScrollArea)
        scroll.verticalScrollBar().setValue(view.synergy_box.y() - 8)
        scroll.horizontalScrollBar().setValue(0)
        shots.settle(1)
        shots.save(view, out / f"30-synergy-quadrant-{lang}-1024x700.png")
        view.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
