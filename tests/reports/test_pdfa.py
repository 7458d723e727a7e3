"""Record and roll-up PDFs are PDF/A-2b: checked on the real bytes by ``pdfa_checks`` (pypdf
in strict mode and our own reading of file structure and font programs), and the checks
themselves shown to catch what they look for."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from pypdf.generic import DecodedStreamObject, NameObject, TextStringObject, create_string_object
from reportlab.lib.colors import CMYKColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.paths import font_path, resources_dir
from lowcarbon_desk.reports import pdfa
from lowcarbon_desk.reports.fonts import MISSING_MARK, cjk_font
from lowcarbon_desk.reports.record_pdf import record_pdf
from lowcarbon_desk.reports.rollup_data import county_rollup
from lowcarbon_desk.reports.rollup_pdf import rollup_pdf_bytes
from lowcarbon_desk.storage import Store

from . import pdfa_checks
from .conftest import pdftotext
from .pdfa_checks import problems

FORMS = ("annual", "budget", "audit", "pilot", "month1")


@pytest.mark.parametrize("name", FORMS)
def test_record_pdf_is_pdfa_2b(store: Store, ids: dict[str, str], name: str) -> None:
    assert problems(record_pdf(store, ids[name])) == []


def test_rollup_pdf_is_pdfa_2b(store: Store, ids: dict[str, str]) -> None:
    assert problems(rollup_pdf_bytes(county_rollup(store, 2025))) == []


def _qpdf_check(content: bytes, tmp_path) -> str:
    """What ``qpdf --check`` (an independent reader of the file structure: cross-reference
    table, object streams, every stream's length and filters) says of ``content``."""
    path = tmp_path / "checked.pdf"
    path.write_bytes(content)
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr  # 2: errors, 3: warnings
    return done.stdout


@pytest.mark.parametrize("name", FORMS)
def test_qpdf_finds_no_error_or_warning(store: Store, ids: dict[str, str], name: str, tmp_path) -> None:
    out = _qpdf_check(record_pdf(store, ids[name], "zh"), tmp_path)  # with the appendix as well
    assert "No syntax or stream encoding errors found" in out


def test_qpdf_finds_no_error_in_the_rollup(store: Store, ids: dict[str, str], tmp_path) -> None:
    out = _qpdf_check(rollup_pdf_bytes(county_rollup(store, 2025)), tmp_path)
    assert "No syntax or stream encoding errors found" in out


def test_metadata_says_what_the_record_is(store: Store, ids: dict[str, str]) -> None:
    doc = store.get_record(ids["annual"])
    reader = pdfa_checks.open_pdf(record_pdf(store, ids["annual"]))
    xmp = pdfa_checks.xmp_values(reader.root_object["/Metadata"].get_object().get_data())
    info = reader.metadata
    title = f"{get_form('energy_report').title()} {doc['period']}"
    assert xmp["dc:title"] == info["/Title"] == title
    assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("2", "B")
    # the creation date is the record's last change, the same instant in XMP and Info
    updated = dt.datetime.fromisoformat(doc["updated_at"])
    assert dt.datetime.fromisoformat(xmp["xmp:CreateDate"]) == updated
    assert pdfa_checks.pdf_date(info["/CreationDate"]) == updated
    intent = reader.root_object["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1"
    profile = intent["/DestOutputProfile"].get_object().get_data()
    assert profile == (resources_dir() / "icc" / "sRGB.icc").read_bytes()
    assert "/Encrypt" not in reader.trailer
    assert len(pdfa_checks.raw(reader.trailer["/ID"][0])) == 16


def test_every_page_kind_is_covered(store: Store, ids: dict[str, str]) -> None:
    """The record PDFs checked above hold what could break PDF/A: the QR code, each chart
    kind and the landscape 205-1 page, each drawn in the embedded font."""
    reader = pdfa_checks.open_pdf(record_pdf(store, ids["annual"]))
    assert any(page.mediabox.width > page.mediabox.height for page in reader.pages)  # 205-1
    assert all(page["/Resources"].get("/Font") for page in reader.pages)
    assert reader.pages[0]["/Resources"].get("/Font")  # the QR code's page has text too
    for name in ("budget", "audit"):  # the monthly and the options chart
        pages = pdfa_checks.open_pdf(record_pdf(store, ids[name])).pages
        assert any(b" re" in page.get_contents().get_data() for page in pages)


def test_stream_ends_are_rewritten_with_correct_offsets() -> None:
    raw = _plain_reportlab(_text_in(cjk_font(), "能源"))
    assert any("no EOL then endstream" in p for p in pdfa_checks.file_structure(raw))
    fixed = pdfa.with_stream_eols(raw)
    assert pdfa_checks.file_structure(fixed) == []
    reader = pdfa_checks.open_pdf(fixed)
    assert pdfa_checks.every_object(reader) == []
    assert "能源" in reader.pages[0].extract_text()


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


def _plain_cjk_font() -> str:
    """A face of the bundled font (the mono one: reportlab would alias the first face to the
    program's registration) registered as plain reportlab does it, without the missing mark."""
    if "PlainWQYMono" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PlainWQYMono", str(font_path()), subfontIndex=1))
    return "PlainWQYMono"


def test_checks_catch_notdef_and_lost_characters() -> None:
    # an emoji the font lacks: plain reportlab draws it blank and its text is gone
    reader = pdfa_checks.open_pdf(_plain_reportlab(_text_in(_plain_cjk_font(), "能源\U0001f600")))
    assert not any(".notdef" in p for p in pdfa_checks.fonts(reader))
    assert any("have no character" in p for p in pdfa_checks.lost_characters(reader))
    # code 127 of reportlab's first subset maps to glyph 0 (.notdef) in the font program
    page = reader.pages[0]
    name = next(n for n in page["/Resources"]["/Font"] if n != "/F1")
    contents = DecodedStreamObject()
    contents.set_data(f"BT {name} 12 Tf 50 800 Td <7f> Tj ET".encode())
    page[NameObject("/Contents")] = contents
    assert any(".notdef" in p for p in pdfa_checks.fonts(reader))


@pytest.mark.parametrize("name", FORMS)
def test_no_character_is_lost(store: Store, ids: dict[str, str], name: str) -> None:
    assert pdfa_checks.lost_characters(pdfa_checks.open_pdf(record_pdf(store, ids[name]))) == []


def test_checks_catch_metadata_that_disagrees(store: Store, ids: dict[str, str]) -> None:
    reader = pdfa_checks.open_pdf(record_pdf(store, ids["budget"]))
    assert pdfa_checks.metadata(reader) == []
    info = reader.trailer["/Info"].get_object()
    info[NameObject("/Title")] = TextStringObject("另一个标题")
    info[NameObject("/CreationDate")] = TextStringObject("D:20300101000000+00'00'")
    found = pdfa_checks.metadata(reader)
    assert any("/Title" in p for p in found)
    assert any("/CreationDate" in p for p in found)


def test_a_character_the_font_lacks_prints_as_the_missing_mark(store: Store, ids: dict[str, str],
                                                                tmp_path) -> None:
    """𠮷 (a rare ideograph) and an emoji print as 〓, and the text after them is still there
    for readers and search; the record keeps the characters."""
    org = store.get_org(store.get_record(ids["annual"])["org_id"])
    store.update_org(org["org_id"], {"name": "湖南𠮷祥\U0001f600制造有限公司"}, "测试员")
    content = record_pdf(store, ids["annual"])
    reader = pdfa_checks.open_pdf(content)
    assert pdfa_checks.lost_characters(reader) == []
    assert problems(content) == []
    path = tmp_path / "r.pdf"
    path.write_bytes(content)
    for text in (reader.pages[0].extract_text(), pdftotext(path)):
        assert f"湖南{MISSING_MARK}祥{MISSING_MARK}制造有限公司" in text
    assert store.get_org(org["org_id"])["name"] == "湖南𠮷祥\U0001f600制造有限公司"


@pytest.mark.parametrize("data", [b"\x49\x00\x7a\x02", b"\x00\x01\x02", b"\xfe\xff\x00\x41", b"abc"])
def test_checks_read_strings_as_their_bytes(data: bytes) -> None:
    """pypdf takes ``49 00 …`` for UTF-16; the checks must still see the bytes of the file
    (an ID, the codes a Tj shows)."""
    assert pdfa_checks.raw(create_string_object(data)) == data
