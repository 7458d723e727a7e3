"""Record and roll-up PDFs laid out as the statistical forms people know (issue 11)."""

from __future__ import annotations

import io
import re
import time

import pypdf
import pytest

from lowcarbon_desk.reports.record_pdf import record_pdf
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import rollup_pdf_bytes
from lowcarbon_desk.storage import Store

from .sample_data import OPERATOR, county_org

CODES = ["甲", "乙", "丙", *map(str, range(1, 11)), "丁"]


def _pages(content: bytes) -> list[tuple[float, float, str]]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return [(float(p.mediabox.width), float(p.mediabox.height),
             re.sub(r"\s+", " ", p.extract_text() or "")) for p in reader.pages]


@pytest.fixture
def shanghai(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_energy_table_is_one_landscape_band_with_the_205_1_codes(store: Store, ids: dict[str, str]) -> None:
    pages = _pages(record_pdf(store, ids["annual"]))
    wide = [(w, h, text) for w, h, text in pages if "能源名称" in text and "计量单位" in text]
    assert len(wide) == 1
    width, height, text = wide[0]
    assert width > height  # landscape
    assert all(h > w for w, h, t in pages if t is not text)  # every other page portrait
    assert "续表" not in text
    assert " ".join(CODES) in text  # the code row under the heads, in the 205-1 order
    flat = text.replace(" ", "")
    # the two head rows of 205-1: the heads and groups, then the parts of 购进量 and 消费量
    assert "能源名称计量单位代码年初库存量购进量消费量年末库存量采用折标系数参考折标系数" in flat
    assert "实物量金额（千元）合计1.工业生产消费#用作原料、材料2.非工业生产消费合计中：运输工具消费" in flat
    assert "原煤 吨 01" in text and "焦炭 吨 09" in text  # row codes where known
    doc = store.get_record(ids["annual"])
    assert f"能源合计 吨标准煤 40 {doc['computed']['total_tce']:,.2f}" in text
    assert "0.03412" in text  # the heat coefficient as applied


def test_signoff_follows_the_statistical_forms_and_stays_with_what_precedes(
        store: Store, ids: dict[str, str], shanghai) -> None:
    store.submit(ids["budget"], OPERATOR)
    doc = store.get_record(ids["budget"])
    org = store.get_org(doc["org_id"])
    pages = _pages(record_pdf(store, ids["budget"]))
    last = pages[-1][2].replace(" ", "")
    for label in ("填报单位（盖章）", "单位负责人（签字）", "统计负责人（签字）", "填表人（签字）"):
        assert label in last
    assert f"联系电话：{org['contact_phone']}" in last
    submitted = doc["submitted_at"]
    from datetime import datetime

    local = datetime.fromisoformat(submitted).astimezone()
    assert f"报出日期：{local.year}年{local.month}月{local.day}日" in last
    assert "校验结果与说明" in last  # the sign-off never stands alone on the last page


def test_local_times_and_labels_never_ids(store: Store, ids: dict[str, str], shanghai) -> None:
    data = store.get_record(ids["annual"])["data"]
    data["lines"][0]["closing_stock"] = 99999
    data["grid_factor_id"] = "mee_2023_2025"
    store.update_record(ids["annual"], data, OPERATOR)
    text = " ".join(t for _, _, t in _pages(record_pdf(store, ids["annual"])))
    flat = text.replace(" ", "")
    assert "energy_report" not in text and "lines[0]" not in text and "mee_2023_2025" not in text
    assert "第1行原煤·期末库存量：" in flat
    assert "全国电网平均排放因子" in flat
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:", text)  # no ISO stamps
    # a record last changed at 10:00 in Changsha prints 10:00 there, in local time
    pilot = re.sub(r"\s+", "", " ".join(t for _, _, t in _pages(record_pdf(store, ids["pilot"]))))
    assert "生成时间2026-01-2310:00（记录最后修改时间）" in pilot


def test_rollup_signoff_is_the_countys(store: Store, ids: dict[str, str]) -> None:
    pages = _pages(rollup_pdf_bytes(county_rollup(store, 2025)))
    last = pages[-1][2].replace(" ", "")
    assert "填报机关（盖章）" in last and "审核人（签字）" in last and "机关负责人（签字）" in last
    assert "填报单位（盖章）" not in last
    assert f"联系电话：{county_org()['contact_phone']}" in last
    assert "统计负责人" not in last
