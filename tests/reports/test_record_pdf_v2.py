"""The record PDF of an energy report: version 2 prints its pollutant figures inside the section
污染物排放 (entered and computed) and PUE inside 数据中心; version 1 says who must report
greenhouse gases instead of the sector-blind 重点排放单位."""

from __future__ import annotations

import random
from pathlib import Path

from lowcarbon_desk.reports.record_pdf import write_record_pdf
from lowcarbon_desk.storage import Store

from .conftest import pdftotext
from .sample_data import OPERATOR, county_org, enterprise

LINES = [{"energy": "raw_coal", "consumption_total": 20_000, "industrial_use": 20_000, "sulfur_pct": 0.8},
         {"energy": "electricity", "consumption_total": 900, "industrial_use": 900},
         {"energy": "pv_self", "consumption_total": 100, "industrial_use": 100}]


def _pdf(store: Store, tmp_path: Path, data: dict, version: int, industry: str = "C3011") -> str:
    org = enterprise(1)
    org["industry_code"] = industry
    store.add_orgs([county_org(), org], OPERATOR)
    record = store.add_record("energy_report", org["org_id"], data, OPERATOR, rng=random.Random(1), version=version)
    return pdftotext(write_record_pdf(store, record, tmp_path / "r.pdf"))


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_version_2_prints_pollutants_with_their_computed_values(store: Store, tmp_path: Path) -> None:
    data = {"period": "2025", "value_added_10k_yuan": 20_000, "lines": LINES, "permit_no": None,
            "so2_t": 25.6, "nox_t": 40, "pm_t": 6, "vocs_t": 3, "so2_removal_pct": 90,
            "it_energy_10k_kwh": 800}
    text = _squash(_pdf(store, tmp_path, data, 2))
    section, rest = text.split("计算结果（程序计算，不可填写）", 1)
    pollutants = section.split("污染物排放", 1)[1]
    # 25.6 t × 1000 ÷ 20,000 = 1.28 kg per 10^4 yuan; fuel-based 20,000 × 0.8 % × 2 × 0.8 × 0.1 = 25.6 t
    assert "单位增加值二氧化硫排放 1.2800 千克/万元" in pollutants
    assert "燃料法估算二氧化硫排放 25.60 吨" in pollutants
    assert "大气污染当量数" in pollutants and "挥发性有机物 3 吨" in pollutants
    # PUE: (900 + 100) ÷ 800 = 1.25, in the data-centre section
    assert "电能利用效率 PUE 1.25" in section.split("数据中心", 1)[1]
    assert "可再生能源消费量 122.90 吨标准煤" in rest and "非化石能源消费占比" in rest
    assert "须报告温室气体排放 是" in rest and "重点排放" not in text


def test_version_1_says_who_must_report_not_key_emitter(store: Store, tmp_path: Path) -> None:
    data = {"period": "2025", "value_added_10k_yuan": 20_000,
            "lines": [{"energy": "raw_coal", "consumption_total": 20_000, "industrial_use": 20_000}]}
    text = _squash(_pdf(store, tmp_path, data, 1, industry="C1713"))  # dyeing: not a listed sector
    computed = text.split("计算结果（程序计算，不可填写）", 1)[1].split("校验结果与说明", 1)[0]
    assert "须报告温室气体排放 否" in computed
    assert "重点排放" not in text  # nor in its info: the threshold only, the sector decides
    assert "达到温室气体报告门槛" in text
    assert "污染物排放" not in text  # version 1 has no such section
