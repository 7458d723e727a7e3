"""The county roll-up lists its data centres (issue 19.3): IT energy, PUE, the status against
1.5 (须改造) and 1.3 (above the limit for new large centres) and online monitoring at 10,000 tce;
read back from the workbook's sheet 数据中心 and the PDF."""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl
import pytest

from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import write_rollup_pdf
from lowcarbon_desk.reports.rollup_xlsx import write_rollup_xlsx
from lowcarbon_desk.storage import Store

from .conftest import pdftotext
from .sample_data import COUNTY, OPERATOR, county_org, enterprise

YEAR = 2025


def _report(period: str, power: float, it: float | None) -> dict:
    data = {"period": period, "value_added_10k_yuan": 5_000,
            "lines": [{"energy": "electricity", "consumption_total": power, "industrial_use": power}]}
    if it is not None:
        data["it_energy_10k_kwh"] = it
    return data


@pytest.fixture
def county(store: Store) -> dict[str, str]:
    """Centres: efficient and large (PUE 1.25, 12,290 tce), between the limits (1.45), above
    1.5 (1.6), without IT energy, by months only; and a factory that is no data centre."""
    orgs = {key: enterprise(i) for i, key in enumerate(("good", "info", "upgrade", "no_it", "monthly", "factory"), 1)}
    for key, org in orgs.items():
        org["industry_code"] = "C3011" if key == "factory" else "I6450"
    store.add_orgs([county_org(), *orgs.values()], OPERATOR)
    rng = random.Random(5)
    for key, power, it in (("good", 10_000, 8_000), ("info", 1_450, 1_000), ("upgrade", 1_600, 1_000),
                           ("no_it", 900, None), ("factory", 5_000, None)):
        store.add_record("energy_report", orgs[key]["org_id"], _report(str(YEAR), power, it), OPERATOR, rng=rng)
    store.add_record("energy_report", orgs["monthly"]["org_id"], _report(f"{YEAR}-03", 80, 60), OPERATOR, rng=rng)
    return {key: org["org_id"] for key, org in orgs.items()}


def test_the_workbook_lists_each_data_centre_with_its_status(store: Store, county: dict[str, str],
                                                              tmp_path: Path) -> None:
    rollup = county_rollup(store, YEAR, COUNTY)
    book = openpyxl.load_workbook(write_rollup_xlsx(rollup, tmp_path / "r.xlsx"), read_only=True)
    rows = list(book["数据中心"].iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "单位代码"))
    table = {r[0]: r for r in rows[header + 1:] if r and r[0]}
    assert set(table) == {v for k, v in county.items() if k != "factory"}
    good = table[county["good"]]
    assert good[4] == 8_000 and good[5] == pytest.approx(1.25) and good[6] == "达标" and good[7] == "是"
    assert good[3] == pytest.approx(12_290)  # 10,000 × 10^4 kWh × 1.229 tce
    assert table[county["info"]][5:8] == (pytest.approx(1.45), "高于新建大型数据中心上限", "否")
    assert table[county["upgrade"]][5:7] == (pytest.approx(1.6), "须改造")
    assert table[county["no_it"]][4:7] == ("—", "—", "未填 IT 设备用电量，无法计算 PUE")
    assert table[county["monthly"]][6] == "仅有月报，无 PUE"
    assert "PUE 高于 1.5 须改造" in str(rows[1][0]) and "10,000" in str(rows[1][0])


def test_the_pdf_has_the_section(store: Store, county: dict[str, str], tmp_path: Path) -> None:
    text = pdftotext(write_rollup_pdf(county_rollup(store, YEAR, COUNTY), tmp_path / "r.pdf"))
    section = text.split("数据中心（2025 年，5 个）", 1)[1].split("分单位明细", 1)[0]
    lines = {line.split()[0]: line for line in section.splitlines() if line.strip()[:2] == "91"}
    assert "1.25" in lines[county["good"]] and "达标" in lines[county["good"]]
    assert "1.60" in lines[county["upgrade"]] and "须改造" in lines[county["upgrade"]]
    assert county["factory"] not in section


def test_a_county_without_data_centres_says_none(store: Store, tmp_path: Path) -> None:
    store.add_orgs([county_org(), enterprise(1)], OPERATOR)
    rollup = county_rollup(store, YEAR, COUNTY)
    book = openpyxl.load_workbook(write_rollup_xlsx(rollup, tmp_path / "r.xlsx"), read_only=True)
    assert any("无" in str(r[0]) for r in book["数据中心"].iter_rows(values_only=True) if r and r[0])
