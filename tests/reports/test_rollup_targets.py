"""目标进展 in the county roll-up: the workbook sheet read back and the PDF's text, figures by hand."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from lowcarbon_desk.domain.targets import Target
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import write_rollup_pdf
from lowcarbon_desk.reports.rollup_xlsx import write_rollup_xlsx
from lowcarbon_desk.storage import Store
from lowcarbon_desk.storage.targets import set_target

from .conftest import pdftotext
from .sample_data import COUNTY, OPERATOR, county_org, enterprise, pilot


def coal(tonnes: float) -> list[dict]:
    return [{"energy": "raw_coal", "opening_stock": 0, "purchase_qty": tonnes, "purchase_value_k_yuan": 900,
             "consumption_total": tonnes, "industrial_use": tonnes, "feedstock_use": 0,
             "non_industrial_use": 0, "transport_use": 0, "closing_stock": 0}]


def county_with_two_years(store: Store) -> None:
    """Two enterprises: 2020 1,000 t raw coal and 500 (10^4 yuan) each; 2023 900 t and 600 each.
    Energy intensity 2020: 2 × 714.3 / 1,000 = 1.4286; 2023: 2 × 642.87 / 1,200 = 1.07145 —
    25 % lower; CO2 intensity falls by the same 25 % (coal only)."""
    orgs = [county_org(), enterprise(1), enterprise(2)]
    store.add_orgs(orgs, OPERATOR)
    store.add_record("pilot_application", COUNTY, pilot(), OPERATOR)  # the county's own: a county database
    for org in orgs[1:]:
        for year, tonnes, va in ((2020, 1000, 500), (2023, 900, 600)):
            rid = store.add_record("energy_report", org["org_id"],
                                   {"period": str(year), "value_added_10k_yuan": va, "lines": coal(tonnes)}, OPERATOR)
            store.submit(rid, OPERATOR)


@pytest.fixture
def county(store: Store) -> Store:
    county_with_two_years(store)
    set_target(store, Target(COUNTY, 2025, 2020, co2_intensity_cut_pct=18, energy_intensity_cut_pct=13.5,
                             energy_cap_tce=1200), OPERATOR)
    return store


def test_rollup_carries_the_progress(county: Store) -> None:
    (dp,) = county_rollup(county, 2023).targets
    energy = dp.progress.indicator("energy_intensity")
    assert (energy.base, energy.now) == (pytest.approx(1.4286), pytest.approx(1.07145))
    assert energy.change_pct == pytest.approx(25.0)
    assert energy.expected == pytest.approx(8.1) and energy.status == "on_track"
    total = dp.progress.indicator("total_energy")
    assert total.now == pytest.approx(1285.74) and total.status == "exceeded"
    assert dp.series("energy_intensity") == [(2020, pytest.approx(1.4286)), (2021, None), (2022, None),
                                             (2023, pytest.approx(1.07145))]


def test_workbook_sheet_read_back(county: Store, tmp_path: Path) -> None:
    path = write_rollup_xlsx(county_rollup(county, 2023), tmp_path / "rollup.xlsx")
    ws = openpyxl.load_workbook(path)["目标进展"]
    rows = [tuple(row) for row in ws.iter_rows(values_only=True)]
    assert any(r[0] and str(r[0]).startswith("2025 年目标（基准年 2020；设定：测试员") for r in rows)
    by_name = {r[0]: r for r in rows if r[0] in ("碳排放强度", "能耗强度", "能源消费总量", "非化石能源占比")}
    assert by_name["能耗强度"][2:4] == (pytest.approx(1.4286), pytest.approx(1.07145))
    assert by_name["能耗强度"][4:9] == ("下降 25.00%", "下降 13.50%", "下降 8.10%",
                                       "185.19%", "达标进度正常")
    assert by_name["碳排放强度"][5:9] == ("下降 18.00%", "下降 10.80%", "138.89%", "达标进度正常")
    assert by_name["能源消费总量"][3] == pytest.approx(1285.74) and by_name["能源消费总量"][8] == "超出上限"
    # version-2 reports of coal alone: a share of 0 both years, no share target (the guidance beside it)
    assert by_name["非化石能源占比"][2:4] == (0, 0) and by_name["非化石能源占比"][8] == "未设目标"
    assert "参考 22.00%" in by_name["非化石能源占比"][5]
    assert "（2 × 10^4" not in by_name["能耗强度"][9] and "1.4286" in by_name["能耗强度"][9]
    path_rows = [r for r in rows if r[0] in (2020, 2021, 2022, 2023)]
    assert path_rows[0][1] == path_rows[0][2] and path_rows[0][3:5] == (pytest.approx(1.4286), pytest.approx(1.4286))
    assert path_rows[3][3:5] == (pytest.approx(1.07145), pytest.approx(1.4286 * (1 - 0.135 * 3 / 5)))


def test_pdf_section_text(county: Store, tmp_path: Path) -> None:
    path = write_rollup_pdf(county_rollup(county, 2023), tmp_path / "rollup.pdf")
    text = pdftotext(path)
    assert "目标进展" in text and "2025 年目标（基准年 2020" in text
    for words in ("1.4286", "1.0715", "下降 25.00%", "185.19%", "达标进度正常", "超出上限", "1,285.74",
                  "线性目标路径", "能耗强度：实际与目标路径"):
        assert words in text, words


def test_no_targets_says_so(store: Store, tmp_path: Path) -> None:
    county_with_two_years(store)
    rollup = county_rollup(store, 2023)
    assert rollup.targets == []
    ws = openpyxl.load_workbook(write_rollup_xlsx(rollup, tmp_path / "r.xlsx"))["目标进展"]
    assert any("本县未设定目标" in str(r[0]) for r in ws.iter_rows(values_only=True))
