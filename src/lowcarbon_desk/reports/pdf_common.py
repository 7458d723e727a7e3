"""Page furniture shared by every PDF: styles, tables, the page footer, the sign-off block.

Every PDF is deterministic: reportlab runs with ``invariant=1`` (no random document id), the
document date is a fixed timestamp given by the caller (the record's ``updated_at``), and the
only font is the bundled CJK font, set as ``initialFontName`` so no page refers to an
unembedded Helvetica. Every PDF is PDF/A-2b (``pdfa.py``: output intent, XMP, ID).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from . import pdfa
from .fonts import cjk_font
from .markup import esc as esc  # where the reports have always imported it from
from .plain_cells import cell as plain_cell
from .qr_mask import encoded
from .table_ends import TableWithEnds

# Page streams Flate-compressed only, in binary, not also ASCII85-encoded (reportlab's
# default): a fifth fewer bytes and less CPU, and PDF/A allows binary streams (the header's
# binary comment line stays). Every PDF is built here, so every PDF is written this way.
rl_config.useA85 = 0
# The charts' shapes are not checked attribute by attribute as they are built and drawn
# (reportlab's aid for developing, a sixth of a chart's time; the bytes are the same)
rl_config.shapeChecking = 0

PAGE = A4
MARGIN = 15 * mm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN
HEADER_BG = colors.HexColor("#E8EEF4")
COMPUTED_BG = colors.HexColor("#F4F4F4")
GRID = colors.HexColor("#9AA5B1")
HEAD_TEXT = colors.HexColor("#1F2933")  # the text of header cells (``Styles.head``)
PRODUCER = "lowcarbon-desk"


class Styles:
    """Paragraph styles, all in the CJK font with CJK word wrapping."""

    def __init__(self) -> None:
        font = cjk_font()
        base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12, wordWrap="CJK",
                              alignment=TA_LEFT)
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5)
        # a table's caption stays with its table (no caption alone at the foot of a page)
        self.caption = ParagraphStyle("caption", parent=self.small, keepWithNext=1)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8, leading=10)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=2)
        self.head = ParagraphStyle("head", parent=base, fontSize=8, leading=10, textColor=HEAD_TEXT)
        self.title = ParagraphStyle("title", parent=base, fontSize=17, leading=22,
                                    alignment=TA_CENTER, spaceAfter=2 * mm)
        self.subtitle = ParagraphStyle("subtitle", parent=base, fontSize=10, leading=13,
                                       alignment=TA_CENTER, spaceAfter=3 * mm)
        self.h1 = ParagraphStyle("h1", parent=base, fontSize=12, leading=16, spaceBefore=4 * mm,
                                 spaceAfter=2 * mm, textColor=colors.HexColor("#12355B"),
                                 keepWithNext=1)
        self.h2 = ParagraphStyle("h2", parent=base, fontSize=10, leading=13, spaceBefore=2 * mm,
                                 spaceAfter=1.5 * mm, keepWithNext=1)


class PlainTable(Table):
    """A Table that leaves its empty string cells undrawn: reportlab draws each as an empty
    text object (``BT … () Tj ET``), on the appendix's pages thousands of them. The cells look
    the same; splits keep the class."""

    def _drawCell(self, cellval, cellstyle, pos, size):
        if cellval == "" and not cellstyle.href and not cellstyle.destination:
            return
        super()._drawCell(cellval, cellstyle, pos, size)  # type: ignore[misc]  # not in reportlab's stubs


def grid_table(rows: Sequence[Sequence[object]], widths: Sequence[float], *, header_rows: int = 1,
               shaded_columns: Sequence[int] = (), key_value: bool = False, plain: bool = False,
               right_columns: Sequence[int] = (), small_columns: Sequence[int] = ()) -> Table:
    """A bordered table whose header rows repeat when it breaks across pages. With ``plain``
    its plain string cells (``plain_cells.cell``) look as Paragraphs of ``Styles``: ``cell``
    (8/10 pt), the header rows ``head``, ``right_columns`` below the header ``cell_right``,
    ``small_columns`` ``small``; without it string cells keep reportlab's 12 pt leading."""
    table = (PlainTable if plain else Table)([list(row) for row in rows], colWidths=list(widths),
                                             repeatRows=header_rows if not key_value else 0, hAlign="LEFT")
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), cjk_font(), 8, 10) if plain else ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if not plain:
        commands.insert(1, ("FONTSIZE", (0, 0), (-1, -1), 8))
    if key_value:
        commands.append(("BACKGROUND", (0, 0), (0, -1), HEADER_BG))
    elif header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_BG))
        if plain:
            commands.append(("TEXTCOLOR", (0, 0), (-1, header_rows - 1), HEAD_TEXT))
    for column in shaded_columns:
        commands.append(("BACKGROUND", (column, header_rows), (column, -1), COMPUTED_BG))
    for column in right_columns:
        commands.append(("ALIGN", (column, header_rows), (column, -1), "RIGHT"))
    for column in small_columns:
        commands.append(("FONT", (column, header_rows), (column, -1), cjk_font(), 7.5, 9.5))
    table.setStyle(TableStyle(commands))
    return table


class QrCode(Flowable):
    """A QR code (medium error correction) holding ``payload``, drawn straight on the canvas.

    Each row's runs of dark modules become one filled rectangle: reportlab's QR widget builds
    a shape per module and costs ~80 ms a page, this ~15 ms (most of it the encoding).
    """

    QUIET_ZONE = 4  # modules of white border, as the QR standard asks

    def __init__(self, payload: str, size: float = 30 * mm):
        super().__init__()
        count, self.runs = _qr_runs(payload)
        self.size = size
        self.modules = count + 2 * self.QUIET_ZONE

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        unit = self.size / self.modules
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.black)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0)
        top = self.size - self.QUIET_ZONE * unit
        for row, start, end in self.runs:
            canvas.rect((self.QUIET_ZONE + start) * unit, top - (row + 1) * unit,
                        (end - start) * unit, unit, stroke=0, fill=1)
        canvas.restoreState()


@lru_cache(maxsize=64)
def _qr_runs(payload: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The module count of ``payload``'s QR code (medium error correction) and its rows' runs
    of dark modules; kept for the same record's PDF made again (with and without the
    appendix, the window's export and the package)."""
    code = encoded(payload)
    count = code.getModuleCount()
    return count, tuple((row, start, end) for row, modules in enumerate(code.modules)
                        for start, end in _dark_runs(modules))


DARK_RUN = re.compile("1+")


def _dark_runs(modules: list[bool]) -> list[tuple[int, int]]:
    """Where each run of dark modules of a row starts and ends (exclusive)."""
    return [match.span() for match in DARK_RUN.finditer("".join(["01"[dark] for dark in modules]))]


@dataclass(frozen=True)
class SignOff:
    """Who signs a PDF: the seal line, the signature lines, and what is already known."""

    seal: str  # 填报单位（盖章） / 填报机关（盖章）
    signatures: tuple[str, ...]  # each printed as "<label>（签字）："
    phone: str = ""
    date: str = ""  # 报出日期, e.g. 2026年11月30日; empty: blanks to fill by hand


def record_signoff(org: dict | None, date: str = "") -> SignOff:
    """The statistical forms' sign-off of a unit (205-1: 单位负责人, 统计负责人, 填表人,
    联系电话, 报出日期); the phone from the organisation profile when it has one."""
    return SignOff("填报单位（盖章）", ("单位负责人", "统计负责人", "填表人"),
                   phone=(org or {}).get("contact_phone") or "", date=date)


def county_signoff(org: dict | None, date: str = "") -> SignOff:
    """A county office's sign-off of what it reports upward: 填报机关（盖章）, 机关负责人,
    审核人, 填表人, 联系电话, 报出日期."""
    return SignOff("填报机关（盖章）", ("机关负责人", "审核人", "填表人"),
                   phone=(org or {}).get("contact_phone") or "", date=date)


def signoff_block(styles: Styles, signoff: SignOff) -> Table:
    """The sign-off lines with a box for the seal (one unbreakable table)."""
    seal = Table([[Paragraph("（盖章处）", styles.small)]], colWidths=[45 * mm],
                 rowHeights=[38 * mm])
    seal.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, GRID),
                              ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
                              ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    line = "＿" * 12
    lines = [f"{signoff.seal}：{line}"]
    lines += [f"{who}（签字）：{line}" for who in signoff.signatures]
    lines.append(f"联系电话：{signoff.phone or line}")
    lines.append(f"报出日期：{signoff.date or '＿＿＿＿年＿＿月＿＿日'}")
    width = FRAME_WIDTH - 55 * mm
    # plain strings broken as their Paragraphs (styles.body, the table's 6 pt paddings): the same lines
    left = [[plain_cell(text, styles.body, width, padding=12)] for text in lines]
    inner = Table(left, colWidths=[width], rowHeights=[7.2 * mm] * len(lines))
    inner.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), cjk_font(), styles.body.fontSize, styles.body.leading),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    outer = Table([[inner, seal]], colWidths=[FRAME_WIDTH - 50 * mm, 50 * mm], hAlign="LEFT")
    outer.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), cjk_font()),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOX", (0, 0), (-1, -1), 0.6, GRID)]))
    return outer


def signed_ending(styles: Styles, before: list[Flowable], signoff: SignOff) -> list[Flowable]:
    """``before`` (the last part of the document) and the sign-off, kept on one page when they
    fit: the sign-off never stands alone on the last page."""
    heading = Paragraph("签章", styles.h1)
    block = signoff_block(styles, signoff)
    if not before:
        return [KeepTogether([heading, block])]
    if isinstance(before[-1], Table) and before[-1].repeatRows:
        # a long table: its heading (kept with next) travels with its first rows, the sign-off
        # with its last rows, never the whole table in one KeepTogether
        lead = len(before) - 1
        while lead and before[lead - 1].getKeepWithNext():
            lead -= 1
        return [*before[:lead], *signed_table_ending(styles, before[lead:-1], before[-1], signoff)]
    # the last flowable before the sign-off travels with it
    return [*before[:-1], KeepTogether([before[-1], spacer(4), heading, block])]


def signed_table_ending(styles: Styles, heading: list[Flowable], table: Table,
                        signoff: SignOff) -> list[Flowable]:
    """``heading``, a long ``table`` and the sign-off: the heading stays with the table's first
    rows and the sign-off with its last rows, the table splitting across pages in between."""
    ending = [spacer(4), Paragraph("签章", styles.h1), signoff_block(styles, signoff)]
    return [TableWithEnds(heading, table, ending)]


def _numbered_canvas(footer_left: str, when: dt.datetime) -> type[rl_canvas.Canvas]:
    """A canvas class that writes "第 N 页 共 M 页" once the page count is known, dates the
    document ``when`` and makes it PDF/A-2b."""

    class NumberedCanvas(rl_canvas.Canvas):
        # Canvas internals this recipe uses; types-reportlab leaves them out
        _doc: PDFDocument
        _pagesize: tuple[float, float]
        _pageNumber: int
        _startPage: Callable[[], None]

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            fixed = pdfa.pdf_date(when)
            self.setDateFormatter(lambda *_: fixed)

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            pdfa.add_pdfa_parts(self._doc, when)
            super().save()

        def _footer(self, total: int) -> None:
            self.saveState()
            self.setFont(cjk_font(), 8)
            self.setFillColor(colors.HexColor("#52606D"))
            self.drawString(MARGIN, 9 * mm, footer_left)
            self.drawRightString(self._pagesize[0] - MARGIN, 9 * mm,
                                 f"第 {self._pageNumber} 页 共 {total} 页")
            self.restoreState()

    return NumberedCanvas


PORTRAIT, LANDSCAPE = "portrait", "landscape"
LANDSCAPE_WIDTH = landscape(PAGE)[0] - 2 * MARGIN  # the frame width of a landscape page


def landscape_pages(flowables: list[Flowable]) -> list[Flowable]:
    """``flowables`` on landscape pages of their own, then back to portrait (wide tables that
    people know as one band, such as form 205-1)."""
    return [NextPageTemplate(LANDSCAPE), PageBreak(), *flowables,
            NextPageTemplate(PORTRAIT), PageBreak()]


def _template(name: str, pagesize: tuple[float, float], on_page: Callable) -> PageTemplate:
    frame = Frame(MARGIN, MARGIN + 5 * mm, pagesize[0] - 2 * MARGIN,
                  pagesize[1] - 2 * MARGIN - 5 * mm, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id=name)
    return PageTemplate(id=name, frames=[frame], pagesize=pagesize, onPage=on_page)


def build_pdf(flowables: list[Flowable], *, title: str, subject: str, stamp: str | None,
              footer: str, pagesize: tuple[float, float] = PAGE,
              on_page: Callable | None = None) -> bytes:
    """Lay out ``flowables`` into PDF bytes with footers and fixed metadata; the first page
    has ``pagesize``, ``landscape_pages`` switches to landscape and back."""
    font = cjk_font()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN, bottomMargin=MARGIN + 5 * mm, title=title,
                          author=PRODUCER, subject=subject, creator=PRODUCER,
                          producer=PRODUCER, invariant=1, initialFontName=font,
                          initialFontSize=9, lang="zh-CN")
    extra = on_page or (lambda canv, doc: None)
    wide = pagesize[0] > pagesize[1]
    first = _template(LANDSCAPE if wide else PORTRAIT, pagesize, extra)
    other = _template(PORTRAIT if wide else LANDSCAPE,
                      portrait(pagesize) if wide else landscape(pagesize), extra)
    doc.addPageTemplates([first, other])
    doc.build(flowables, canvasmaker=_numbered_canvas(footer, pdfa.document_time(stamp)))
    return pdfa.with_content_id(pdfa.with_stream_eols(buffer.getvalue()))


def unbroken_width(texts: Iterable[str], font: str, size: float, minimum: float,
                   padding: float) -> float:
    """The width of a table column (points, at least ``minimum``) in which each of ``texts``
    fits on one line: codes such as credit codes are never broken mid-code."""
    widest = max((stringWidth(text, font, size) for text in texts), default=0.0)
    return max(minimum, widest + padding)


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)
