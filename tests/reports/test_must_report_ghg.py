"""Who must report greenhouse gases (issue 18.4): the county overview and the roll-up count a
listed sector at 26,000 tCO2 or 10,000 tce, not every large emitter, for records of either
energy-report version; the old sector-blind 重点排放单位 wording is gone from both outputs."""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl

from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import write_rollup_pdf
from lowcarbon_desk.reports.rollup_xlsx import write_rollup_xlsx
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.overview import county_overview

from .conftest import pdftotext
from .sample_data import COUNTY, OPERATOR, county_org, enterprise

YEAR = 2025


def _coal_report(tonnes: float) -> dict:
    """An annual report burning ``tonnes`` of raw coal (20,000 t: about 38,000 tCO2, 14,286 tce)."""
    return {"period": str(YEAR), "value_added_10k_yuan": 20_000,
            "lines": [{"energy": "raw_coal", "consumption_total": tonnes, "industrial_use": tonnes,
                       "opening_stock": 0, "purchase_qty": tonnes, "closing_stock": 0}]}


def _county(store: Store) -> dict[str, str]:
    cement, textiles, small_cement, dyeing_v1 = (enterprise(i) for i in range(1, 5))
    textiles["industry_code"] = dyeing_v1["industry_code"] = "C1713"  # printing and dyeing: not listed
    store.add_orgs([county_org(), cement, textiles, small_cement, dyeing_v1], OPERATOR)
    rng = random.Random(3)
    for org, tonnes, version in ((cement, 20_000, 1), (textiles, 20_000, 2), (small_cement, 500, 2),
                                 (dyeing_v1, 20_000, 1)):
        record = store.add_record("energy_report", org["org_id"], _coal_report(tonnes), OPERATOR, rng=rng,
                                  version=version)
        store.submit(record, OPERATOR)
    return {"cement": cement["org_id"], "textiles": textiles["org_id"], "small": small_cement["org_id"],
            "dyeing_v1": dyeing_v1["org_id"]}


def test_only_a_listed_sector_above_a_threshold_must_report(store: Store) -> None:
    orgs = _county(store)
    rollup = county_rollup(store, YEAR, COUNTY)
    flags = {r.org_id: r.must_report_ghg for r in rollup.rows if r.kind == "enterprise"}
    assert flags == {orgs["cement"]: True, orgs["textiles"]: False, orgs["small"]: False, orgs["dyeing_v1"]: False}
    assert rollup.totals()["must_report_ghg_units"] == 1
    figures = {f.key: f for _, _, fs in county_overview(store, YEAR, COUNTY).groups() for f in fs}
    assert "key_emitting" not in figures
    assert figures["must_report_ghg"].value == 1 and figures["must_report_ghg"].org_ids == [orgs["cement"]]
    assert figures["must_report_ghg"].label_zh == "须报告温室气体排放"


def test_the_rollup_outputs_name_the_duty_not_key_emitters(store: Store, tmp_path: Path) -> None:
    _county(store)
    rollup = county_rollup(store, YEAR, COUNTY)
    book = openpyxl.load_workbook(write_rollup_xlsx(rollup, tmp_path / "r.xlsx"), read_only=True)
    cells = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v]
    assert "须报告温室气体" in cells and "须报告温室气体排放单位" in cells
    assert not [c for c in cells if "重点排放" in c]
    text = pdftotext(write_rollup_pdf(rollup, tmp_path / "r.pdf"))
    assert "须报告温室气体排放单位" in text and "重点排放" not in text
