"""Record and roll-up PDFs laid out as the statistical forms people know (issue 11)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pypdf

from lowcarbon_desk.domain.forms import FORMS_DIR_ENV
from lowcarbon_desk.paths import forms_dir
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


# China's time (no daylight saving): tests name the zone, so they pass under any TZ
CHANGSHA = dt.timezone(dt.timedelta(hours=8))


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
        store: Store, ids: dict[str, str]) -> None:
    store.submit(ids["budget"], OPERATOR)
    doc = store.get_record(ids["budget"])
    org = store.get_org(doc["org_id"])
    pages = _pages(record_pdf(store, ids["budget"], zone=CHANGSHA))
    last = pages[-1][2].replace(" ", "")
    for label in ("填报单位（盖章）", "单位负责人（签字）", "统计负责人（签字）", "填表人（签字）"):
        assert label in last
    assert f"联系电话：{org['contact_phone']}" in last
    local = dt.datetime.fromisoformat(doc["submitted_at"]).astimezone(CHANGSHA)
    assert f"报出日期：{local.year}年{local.month}月{local.day}日" in last
    assert "校验结果与说明" in last  # the sign-off never stands alone on the last page


def test_local_times_and_labels_never_ids(store: Store, ids: dict[str, str]) -> None:
    data = store.get_record(ids["annual"])["data"]
    data["lines"][0]["closing_stock"] = 99999
    data["grid_factor_id"] = "mee_2023_2025"
    store.update_record(ids["annual"], data, OPERATOR)
    text = " ".join(t for _, _, t in _pages(record_pdf(store, ids["annual"], zone=CHANGSHA)))
    flat = text.replace(" ", "")
    assert "energy_report" not in text and "lines[0]" not in text and "mee_2023_2025" not in text
    assert "第1行原煤·期末库存量：" in flat
    assert "全国电网平均排放因子" in flat
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:", text)  # no ISO stamps
    # a record last changed at 10:00 in Changsha prints 10:00 there, in local time
    pilot = re.sub(r"\s+", "", " ".join(t for _, _, t in _pages(record_pdf(store, ids["pilot"], zone=CHANGSHA))))
    assert "生成时间2026-01-2310:00（记录最后修改时间）" in pilot


def test_rollup_signoff_is_the_countys(store: Store, ids: dict[str, str]) -> None:
    pages = _pages(rollup_pdf_bytes(county_rollup(store, 2025)))
    last = pages[-1][2].replace(" ", "")
    assert "填报机关（盖章）" in last and "审核人（签字）" in last and "机关负责人（签字）" in last
    assert "填报单位（盖章）" not in last
    assert f"联系电话：{county_org()['contact_phone']}" in last
    assert "统计负责人" not in last


def test_printed_times_follow_the_zone_the_metadata_keeps_the_stored_offset(
        store: Store, ids: dict[str, str]) -> None:
    doc = store.get_record(ids["pilot"])
    assert doc["updated_at"] == "2026-01-23T10:00:00+08:00"
    changsha, utc = (record_pdf(store, ids["pilot"], zone=z) for z in (CHANGSHA, dt.UTC))
    assert "2026-01-2310:00（记录最后修改时间）" in _flat(changsha)
    assert "2026-01-2302:00（记录最后修改时间）" in _flat(utc)
    for content in (changsha, utc):
        assert pypdf.PdfReader(io.BytesIO(content)).metadata["/CreationDate"] == "D:20260123100000+08'00'"
    rollup = county_rollup(store, 2025)
    for zone, clock in ((CHANGSHA, "10:00"), (dt.UTC, "02:00")):
        text = _flat(rollup_pdf_bytes(rollup, zone))
        assert f"数据截至（所用记录最后修改时间）：{rollup.as_of[:10]}{clock}" in text
        assert rollup.as_of not in text  # never the ISO stamp


def _flat(content: bytes) -> str:
    return re.sub(r"\s+", "", " ".join(t for _, _, t in _pages(content)))


def test_energy_page_has_the_paper_forms_header(store: Store, ids: dict[str, str]) -> None:
    doc = store.get_record(ids["annual"])
    org = store.get_org(doc["org_id"])
    wide = next(t for w, h, t in _pages(record_pdf(store, ids["annual"])) if w > h)
    flat = re.sub(r"\s+", "", wide)
    assert "表号：205-1表" in flat and "制定机关：国家统计局" in flat
    assert "文号：＿" in flat and "有效期至：＿" in flat  # unconfirmed: a blank to fill by hand
    assert f"统一社会信用代码：{doc['org_id']}" in flat  # one character a box
    assert f"单位详细名称：{org['name']}" in flat
    assert "能源购进、消费与库存2025年" in flat
    month = re.sub(r"\s+", "", next(t for w, h, t in _pages(record_pdf(store, ids["month1"])) if w > h))
    assert "能源购进、消费与库存2025年1月" in month


def test_paper_header_values_come_from_the_form_file(store: Store, ids: dict[str, str], tmp_path: Path,
                                                     monkeypatch) -> None:
    folder = tmp_path / "forms"
    shutil.copytree(forms_dir(), folder)
    # the file of the version the record has (new records take the newest)
    path = folder / f"energy_report.v{store.get_record(ids['annual'])['form_version']}.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('label = "文　　号"\nvalue = ""', 'label = "文　　号"\nvalue = "国统制〔2099〕1号"')
    text = text.replace('label = "有效期至"\nvalue = ""', 'label = "有效期至"\nvalue = "2100年12月"')
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(FORMS_DIR_ENV, str(folder))
    wide = next(t for w, h, t in _pages(record_pdf(store, ids["annual"])) if w > h)
    flat = re.sub(r"\s+", "", wide)
    assert "文号：国统制〔2099〕1号" in flat and "有效期至：2100年12月" in flat
