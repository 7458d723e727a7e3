"""The roll-up PDFs' table headings and sign-offs never stand alone on a page (issue 21)."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from lowcarbon_desk.demo import build_demo
from lowcarbon_desk.reports.pdf_common import Styles, build_pdf, county_signoff, grid_table, signed_ending
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import PAGE, rollup_pdf_bytes
from lowcarbon_desk.storage import Store

CODE = re.compile(r"\b[0-9A-HJ-NPQRTUWXY]{18}\b")  # a credit code: one row of the table
SIGNOFF = "填报机关（盖章）"


def _page_texts(content: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in pypdf.PdfReader(io.BytesIO(content)).pages]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> list[str]:
    store = Store.open(tmp_path_factory.mktemp("rollup") / "demo.db")
    try:
        build_demo(store, county="410199", enterprises=request.param, seed=2025)
        return _page_texts(rollup_pdf_bytes(county_rollup(store, 2025)))
    finally:
        store.close()


@pytest.mark.parametrize("pages", [5, 20, 50, pytest.param(150, marks=pytest.mark.slow)], indirect=True)
def test_heading_and_signoff_travel_with_table_rows(pages: list[str]) -> None:
    headed = [text for text in pages if "分单位明细" in text]
    signed = [text for text in pages if SIGNOFF in text]
    assert len(headed) == 1 and len(signed) == 1
    assert "单位代码" in headed[0] and CODE.search(headed[0]), "分单位明细 alone on its page"
    assert CODE.search(signed[0].split(SIGNOFF)[0]), "the sign-off alone on the last page"
    assert signed[0] is pages[-1]


def _signed_table_pages(filler_mm: float, rows: int) -> list[str]:
    styles = Styles()
    table = grid_table([["代码", "名称"], *([f"R{n:04d}", "某单位"] for n in range(1, rows + 1))], [40 * mm, 60 * mm])
    start = Spacer(1, filler_mm * mm) if filler_mm else PageBreak()  # 0: the heading at a page's top
    story = [Paragraph("前言", styles.body), start, Paragraph("分单位明细", styles.h1), table]
    content = build_pdf(signed_ending(styles, story, county_signoff(None)), title="t", subject="t",
                        stamp="2025-01-01T00:00:00+08:00", footer="t", pagesize=PAGE)
    return _page_texts(content)


@pytest.mark.parametrize("filler_mm", [0, 90, 150])
def test_any_long_table_keeps_its_heading_and_signoff_with_rows(filler_mm: float) -> None:
    # the same ending as the province roll-up's last county table and any signed table
    for rows in range(1, 90, 4):  # one to three landscape pages
        pages = _signed_table_pages(filler_mm, rows)
        headed = next(text for text in pages if "分单位明细" in text)
        first = [f"R{n:04d}" for n in range(1, min(3, rows) + 1)]
        assert all(code in headed.split("分单位明细")[1] for code in first), (filler_mm, rows, "heading alone")
        assert SIGNOFF in pages[-1] and f"R{rows:04d}" in pages[-1], (filler_mm, rows, "sign-off alone")
        assert pages[-1].count("R0") >= min(3, rows), (filler_mm, rows, "sign-off with too few rows")
        assert all("代码 名称" in text for text in pages if "R0" in text)  # the header repeats
