"""Record and roll-up PDFs are PDF/A-2b: checked on the real bytes by ``pdfa_checks`` (pikepdf
and qpdf), and the checks themselves shown to catch what they look for."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf
import pytest
from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen import canvas as rl_canvas

from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.paths import resources_dir
from lowcarbon_desk.reports import pdfa
from lowcarbon_desk.reports.fonts import cjk_font
from lowcarbon_desk.reports.record_pdf import record_pdf
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import rollup_pdf_bytes
from lowcarbon_desk.storage import Store

from . import pdfa_checks
from .pdfa_checks import problems

FORMS = ("annual", "budget", "audit", "pilot", "month1")


@pytest.mark.parametrize("name", FORMS)
def test_record_pdf_is_pdfa_2b(store: Store, ids: dict[str, str], name: str) -> None:
    assert problems(record_pdf(store, ids[name])) == []


def test_rollup_pdf_is_pdfa_2b(store: Store, ids: dict[str, str]) -> None:
    assert problems(rollup_pdf_bytes(county_rollup(store, 2025))) == []


def test_metadata_says_what_the_record_is(store: Store, ids: dict[str, str]) -> None:
    doc = store.get_record(ids["annual"])
    with pikepdf.open(io.BytesIO(record_pdf(store, ids["annual"]))) as pdf:
        xmp = pdf.open_metadata()
        title = f"{get_form('energy_report').title()} {doc['period']}"
        assert str(xmp["dc:title"]) == str(pdf.docinfo["/Title"]) == title
        assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("2", "B")
        # the creation date is the record's last change, the same instant in XMP and Info
        updated = dt.datetime.fromisoformat(doc["updated_at"])
        assert dt.datetime.fromisoformat(xmp["xmp:CreateDate"]) == updated
        assert pdfa_checks.pdf_date(str(pdf.docinfo["/CreationDate"])) == updated
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1"
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        assert intent.DestOutputProfile.read_bytes() == (resources_dir() / "icc" / "sRGB.icc").read_bytes()
        assert "/Encrypt" not in pdf.trailer and len(bytes(pdf.trailer.ID[0])) == 16


def test_every_page_kind_is_covered(store: Store, ids: dict[str, str]) -> None:
    """The record PDFs checked above hold what could break PDF/A: the QR code, each chart
    kind and the landscape 205-1 page, each drawn in the embedded font."""
    annual = record_pdf(store, ids["annual"])
    with pikepdf.open(io.BytesIO(annual)) as pdf:
        boxes = [tuple(float(v) for v in page.mediabox) for page in pdf.pages]
        assert any(width > height for _, _, width, height in boxes)  # the 205-1 page
        fonts_per_page = [len(page.Resources.get("/Font", {})) for page in pdf.pages]
        assert all(fonts_per_page)


def test_stream_ends_are_rewritten_with_correct_offsets() -> None:
    raw = _plain_reportlab(lambda c: c.drawString(50, 800, "能源"))
    assert any("no EOL then endstream" in p for p in pdfa_checks.file_structure(raw))
    fixed = pdfa.with_stream_eols(raw)
    assert pdfa_checks.file_structure(fixed) == []
    with pikepdf.open(io.BytesIO(fixed)) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert len(pdf.pages) == 1


def test_dates_in_both_forms_are_one_instant() -> None:
    when = pdfa.document_time("2026-11-30T04:49:39+00:00")
    assert pdfa.pdf_date(when) == "D:20261130044939+00'00'"
    assert pdfa.xmp_date(when) == "2026-11-30T04:49:39+00:00"
    east = pdfa.document_time("2026-11-30T12:49:39+08:00")
    assert pdfa_checks.pdf_date(pdfa.pdf_date(east)) == dt.datetime.fromisoformat(pdfa.xmp_date(east)) == when
    assert pdfa.pdf_date(pdfa.document_time("not a date")) == "D:20000101000000+00'00'"


# --- the checks find what they look for -------------------------------------------------------

def _plain_reportlab(draw) -> bytes:
    """One page from reportlab without anything of pdfa.py."""
    buffer = io.BytesIO()
    canvas = rl_canvas.Canvas(buffer, invariant=1)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _text_in(font: str, text: str):
    def draw(canvas: rl_canvas.Canvas) -> None:
        canvas.setFont(font, 12)
        canvas.drawString(50, 800, text)
    return draw


def test_checks_catch_a_plain_reportlab_file() -> None:
    found = problems(_plain_reportlab(_text_in("Helvetica", "Hello")))
    assert "no /OutputIntents in the catalog" in found
    assert "no /Metadata stream in the catalog" in found
    assert any("Helvetica" in p and "not embedded" in p for p in found)


def test_checks_catch_transparency_and_cmyk() -> None:
    def draw(canvas: rl_canvas.Canvas) -> None:
        canvas.setFillAlpha(0.5)
        canvas.rect(10, 10, 50, 50, fill=1)
        canvas.setFillColor(CMYKColor(0, 1, 1, 0))
        canvas.rect(70, 10, 50, 50, fill=1)

    found = pdfa_checks.problems(_plain_reportlab(draw))
    assert any("/ca 0.5" in p for p in found)
    assert any("CMYK colour operator" in p for p in found)


def test_checks_catch_notdef_and_lost_characters() -> None:
    # an emoji the bundled font lacks: reportlab draws it blank and its text is gone
    content = _plain_reportlab(_text_in(cjk_font(), "能源\U0001f600"))
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert not any(".notdef" in p for p in pdfa_checks.fonts(pdf))
        assert any("have no character" in p for p in pdfa_checks.lost_characters(pdf))
        # code 127 of reportlab's first subset maps to glyph 0 (.notdef) in the font program
        name = next(n for n in pdf.pages[0].Resources.Font if n != "/F1")
        pdf.pages[0].Contents = pdf.make_stream(f"BT {name} 12 Tf 50 800 Td <7f> Tj ET".encode())
        assert any(".notdef" in p for p in pdfa_checks.fonts(pdf))


@pytest.mark.parametrize("name", FORMS)
def test_no_character_is_lost(store: Store, ids: dict[str, str], name: str) -> None:
    with pikepdf.open(io.BytesIO(record_pdf(store, ids[name]))) as pdf:
        assert pdfa_checks.lost_characters(pdf) == []


def test_checks_catch_metadata_that_disagrees(store: Store, ids: dict[str, str]) -> None:
    content = record_pdf(store, ids["budget"])
    with pikepdf.open(io.BytesIO(content)) as pdf:
        pdf.docinfo["/Title"] = "另一个标题"
        pdf.docinfo["/CreationDate"] = "D:20300101000000+00'00'"
        found = pdfa_checks.metadata(pdf)
    assert any("/Title" in p for p in found)
    assert any("/CreationDate" in p for p in found)
