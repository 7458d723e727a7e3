"""历年趋势 in the record PDF: present for an annual energy report with two or more years of the
organisation, absent with one; read back from the PDF's text."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from domain.samples import COUNTY, ENTERPRISE, coal_line
from lowcarbon_desk.reports.record_pdf import record_pdf
from lowcarbon_desk.storage import Store

OPERATOR = "测试员"
ORG = ENTERPRISE["org_id"]
HEADING = "历年趋势"


def _text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _report(store: Store, period: str, coal: float, submit: bool = True) -> str:
    record_id = store.add_record("energy_report", ORG, {
        "period": period, "value_added_10k_yuan": 10_000,
        "lines": [coal_line(consumption_total=coal, industrial_use=coal, purchase_qty=coal)]}, OPERATOR)
    if submit:
        store.submit(record_id, OPERATOR)
    return record_id


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "trend.db")
    opened.add_orgs([COUNTY, ENTERPRISE], OPERATOR)
    yield opened
    opened.close()


def test_one_year_has_no_trend(store: Store) -> None:
    only = _report(store, "2023", 1000)
    _report(store, "2024", 1100, submit=False)  # a draft of another year is not a year of the trend
    text = _text(record_pdf(store, only))
    assert HEADING not in text and "能源购进" in text


def test_two_years_and_more_show_the_chart_and_the_figures(store: Store) -> None:
    _report(store, "2022", 1000)
    _report(store, "2023", 1100)
    this = _report(store, "2024", 1200, submit=False)  # the PDF's own record counts even as a draft
    _report(store, "2025", 1300)  # a later year is not this report's history
    text = _text(record_pdf(store, this))
    assert HEADING in text and "综合能耗、二氧化碳排放与能耗强度" in text
    trend = text[text.index(HEADING):]
    # the figures table: 1,000 / 1,100 / 1,200 t of coal x 0.7143 tce/t and x 1.9003 tCO2/t;
    # intensity per 10⁴ yuan of value added (10,000)
    for year, tce, co2, intensity in (("2022", "714.30", "1,900.30", "0.0714"),
                                      ("2023", "785.73", "2,090.33", "0.0786"),
                                      ("2024", "857.16", "2,280.36", "0.0857")):
        assert f"{year}{tce}{co2}{intensity}" in trend
    assert "草稿（本报表）" in trend
    assert "2025" not in trend.split("草稿（本报表）")[1][:40]  # no row after this report's year
    assert "1,300" not in trend and "928.59" not in trend


def test_other_forms_and_months_have_no_trend(store: Store) -> None:
    _report(store, "2022", 1000)
    _report(store, "2023", 1100)
    month = _report(store, "2023-05", 90)
    assert HEADING not in _text(record_pdf(store, month))
    budget = store.add_record("energy_budget", ORG, {
        "year": 2023, "basis": "equivalent", "baseline_year": 2022, "baseline_tce": 714.3,
        "planned_value_added_10k_yuan": 10_000, "intensity_target": 0.1, "budget_tce": 800,
        "monthly_actual_tce": [60] * 6 + [None] * 6}, OPERATOR)
    assert HEADING not in _text(record_pdf(store, budget))


def test_trend_and_appendix_pages_stay_pdfa(store: Store) -> None:
    """The chart of 历年趋势 and the appendix 计算说明 go through the same PDF/A checks as the
    form itself: fonts embedded, no transparency, no character lost."""
    from . import pdfa_checks

    _report(store, "2023", 1000)
    this = _report(store, "2024", 1100)
    for lang in ("zh", "en"):
        content = record_pdf(store, this, lang)
        assert HEADING in _text(content)
        assert pdfa_checks.problems(content) == []
        assert pdfa_checks.lost_characters(pdfa_checks.open_pdf(content)) == []
