"""The standard record PDF: text, fonts, determinism, QR payload, page numbers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from lowcarbon_desk.reports.dates import local_time_text
from lowcarbon_desk.reports.fingerprint import qr_payload, record_fingerprint
from lowcarbon_desk.reports.record_pdf import record_pdf, write_record_pdf
from lowcarbon_desk.storage import Store

from .conftest import pdftotext

FORMS = ("annual", "budget", "audit", "pilot", "month1")


def _text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def _fonts(content: bytes) -> list[pypdf.generic.DictionaryObject]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    fonts = []
    for page in reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            fonts.append(ref.get_object())
    return fonts


@pytest.mark.parametrize("name", FORMS)
def test_every_font_is_embedded(store: Store, ids: dict[str, str], name: str) -> None:
    fonts = _fonts(record_pdf(store, ids[name]))
    assert fonts
    for font in fonts:
        descriptors = [font.get("/FontDescriptor")]
        descriptors += [d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
        descriptor = next(d.get_object() for d in descriptors if d is not None)
        assert "/FontFile2" in descriptor or "/FontFile" in descriptor, font["/BaseFont"]
        assert "Helvetica" not in str(font["/BaseFont"])


@pytest.mark.parametrize("name", FORMS)
def test_same_record_same_bytes(store: Store, ids: dict[str, str], name: str) -> None:
    assert record_pdf(store, ids[name]) == record_pdf(store, ids[name])


def test_annual_report_text_by_two_readers(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    path = write_record_pdf(store, ids["annual"], tmp_path / "r.pdf")
    doc = store.get_record(ids["annual"])
    org = store.get_org(doc["org_id"])
    total = f"{doc['computed']['total_tce']:,.2f}"
    pages = len(pypdf.PdfReader(path).pages)
    for text in (_text(path.read_bytes()), pdftotext(path)):
        flat = re.sub(r"\s+", "", text)
        assert org["name"] in flat
        assert "能源购进、消费与库存" in flat
        assert doc["record_id"] in flat
        assert total in flat
        assert "原煤" in flat and "天然气" in flat
        assert "填报单位（盖章）" in flat and "单位负责人" in flat and "填表人" in flat
        assert "统计负责人" in flat and "报出日期" in flat and "填报日期" not in flat
        assert f"联系电话：{org['contact_phone']}" in flat  # filled from the profile
        assert f"共{pages}页" in flat
        for n in range(1, pages + 1):
            assert f"第{n}页共{pages}页" in flat
        # generation time is the record's updated_at, in local time, never ISO UTC
        assert local_time_text(doc["updated_at"]).replace(" ", "") in flat
        assert doc["updated_at"] not in flat
        assert doc["reference_data_version"] in flat


def test_warning_and_justification_are_printed(store: Store, ids: dict[str, str]) -> None:
    issue = next(i for i in store.get_record(ids["audit"])["issues"] if i["severity"] == "warning")
    store.justify(ids["audit"], issue["rule"], "当年尚未建立碳排放核算体系，下一轮审核补充", "测试员",
                  field=issue["field"])
    flat = re.sub(r"\s+", "", _text(record_pdf(store, ids["audit"])))
    assert "当年尚未建立碳排放核算体系" in flat
    assert "警告" in flat


def test_budget_months_and_computed_values(store: Store, ids: dict[str, str]) -> None:
    doc = store.get_record(ids["budget"])
    flat = re.sub(r"\s+", "", _text(record_pdf(store, ids["budget"])))
    assert f"{doc['computed']['effective_budget_tce']:,.2f}" in flat
    assert f"{doc['computed']['utilization_pct']:,.1f}" in flat
    assert "逐月实际用能与预算" in flat  # the chart's title
    assert "12月" in flat


def test_fingerprint_ignores_issues_and_audit_log(store: Store, ids: dict[str, str]) -> None:
    plain = store.get_record(ids["annual"])
    with_audit = store.get_record(ids["annual"], with_audit=True)
    assert record_fingerprint(plain) == record_fingerprint(with_audit)
    # the workflow does not change what the record says
    moved = {**plain, "state": "accepted", "updated_at": "2030-01-01T00:00:00+08:00", "origin": "package"}
    assert record_fingerprint(moved) == record_fingerprint(plain)
    changed = {**plain, "data": {**plain["data"], "value_added_10k_yuan": 1}}
    assert record_fingerprint(changed) != record_fingerprint(plain)
    assert qr_payload(plain) == f"LCD1|{plain['record_id']}|r1|{record_fingerprint(plain)}"


def test_long_group_breaks_with_repeated_header(store: Store, ids: dict[str, str]) -> None:
    doc = store.get_record(ids["audit"])
    data = doc["data"]
    base = data["options"][0]
    data["options"] = [{**base, "code": f"F{i:03d}", "name": f"第 {i} 号方案：空压机变频改造与管网查漏"}
                       for i in range(1, 121)]
    store.update_record(ids["audit"], data, "测试员")
    content = record_pdf(store, ids["audit"])
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 5
    headed = [p for p in reader.pages if "方案编号" in re.sub(r"\s+", "", p.extract_text())]
    assert len(headed) >= 4  # the header row repeats on every page the table spans
    assert "F120" in _text(content)


def test_missing_record_is_not_found(store: Store) -> None:
    from lowcarbon_desk.domain.errors import NotFoundError

    with pytest.raises(NotFoundError):
        record_pdf(store, "no-such-record")


def test_qr_code_on_page_one_scans_to_the_payload(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    """Render page 1 and read the QR code back with a real decoder (zbarimg)."""
    import shutil
    import subprocess

    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.fail("pdftoppm/zbarimg missing: scripts/setup.sh installs poppler-utils and zbar-tools")
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(record_pdf(store, ids["annual"]))
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    page = next(tmp_path.glob("page*.png"))
    scanned = subprocess.run(["zbarimg", "--quiet", "--raw", str(page)], capture_output=True, text=True)
    assert scanned.stdout.strip() == qr_payload(store.get_record(ids["annual"]))
