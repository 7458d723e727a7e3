"""The county roll-up PDF's 分单位明细 heading and its sign-off never stand alone on a page (issue 21)."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from lowcarbon_desk.demo import build_demo
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import rollup_pdf_bytes
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
