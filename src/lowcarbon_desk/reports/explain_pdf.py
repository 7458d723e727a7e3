"""The appendix 计算说明 / calculation notes of a record PDF: how each computed value was obtained.

Every computed value of the record gets a block: its label and path with the value, the formula
in words and symbols, the working with its numbers, the intermediate results, the entered
values with their units and the reference factors with their source and the reference-data
version. The words are ``domain/explain.py``'s (``explanation_text``), which reads the same
traced terms that computed the stored values: this module lays them out and computes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from ..domain.explain import ExplanationText, explain_record, explanation_text
from ..domain.reference import ReferenceData
from .explain_draw import CellParagraph, ExplanationTable
from .fonts import cjk_font
from .pdf_common import FRAME_WIDTH, GRID, HEADER_BG, Styles, esc, spacer
from .text_wrap import text_width, wrap

HEADING_WIDTH = 24 * mm  # at least: 公式, 计算, 中间结果, 填报值; wider when a heading needs it
CELL_PADDING = 6  # points, left and right of a cell
VALUE_WIDTH = 45 * mm  # the result beside the label, at least; wider to keep it on one line
PART_RULE = colors.HexColor("#D5DAE0")

TITLE = {"zh": "附录 计算说明", "en": "Appendix: calculation notes (计算说明)"}


def marked(text: str) -> str:
    """``text`` for a Paragraph, subscript letters and digits (the formulas' ``Qᵢ``, ``B₀``) as
    ``<sub>`` of the plain letter: the bundled font has no glyphs for them."""
    out = []
    for char in esc(text):
        form = unicodedata.decomposition(char)
        out.append(f"<sub>{chr(int(form.split()[1], 16))}</sub>" if form.startswith("<sub>") else char)
    return "".join(out)


def _intro(version: str, lang: str) -> str:
    if lang == "en":
        return (f"How each computed value of this record was obtained: the formula in words and "
                f"symbols, the working with its numbers, the intermediate results, the entered "
                f"values with their units, and the coefficients and factors applied with their "
                f"source (reference data version {version}). These notes are produced from the "
                f"same computation that stored the values; the values are given as stored (up to six "
                f"decimals), the form above shows them to its decimals.")
    return (f"本附录说明本记录每个计算值的来历：公式（文字与符号）、代入数值的计算过程、中间结果、"
            f"填报值及其单位、所用折标系数或排放因子及其出处（参考数据版本 {version}）。说明与数值"
            f"出自同一计算过程；此处列出存储的数值（最多六位小数），正文按表单规定的小数位显示。")


def _width(text: str, style) -> float:
    return text_width(text, style.fontName, style.fontSize) + CELL_PADDING + 1


# the subscript letters and digits of Unicode (ᵢ…ᵪ, ₀…ₜ, ⱼ): what ``marked`` turns into <sub>
SUBSCRIPT = re.compile("[\u1d62-\u1d6a\u2080-\u209c\u2c7c]")


def _has_subscript(text: str) -> bool:
    return SUBSCRIPT.search(text) is not None


def _cell(text: str, style, width: float) -> object:
    """A cell's content: the text as lines broken beforehand (plain strings cost a fraction of
    a Paragraph), or a Paragraph where subscripts need its markup."""
    if _has_subscript(text):
        return CellParagraph(marked(text), style)
    return "\n".join(wrap(text, width - CELL_PADDING, style.fontName, style.fontSize))


@lru_cache(maxsize=4)
def _cell_style(font: str, size: float, leading: float) -> type[CellStyle]:
    """The cells' starting style: the font, size and leading of ``Styles.cell``, at the top,
    padded 1.5 pt above and below and 3 pt at the sides. Set as the cells' defaults instead of
    by table-wide style commands, each of which visits every cell (hundreds of rows a record)."""
    return type("ExplanationCell", (CellStyle,), {
        "fontname": font, "fontsize": size, "leading": leading, "valign": "TOP",
        "topPadding": 1.5, "bottomPadding": 1.5, "leftPadding": 3, "rightPadding": 3})


def _row_height(cells: list[object], leadings: list[float]) -> float | None:
    """A row's height as reportlab's Table computes it for cells of plain lines (each cell its
    lines times its leading, plus the padding above and below; the tallest), or None where a
    cell is a Paragraph and the table must lay it out."""
    height = 0.0
    for content, leading in zip(cells, leadings, strict=True):
        if not isinstance(content, str):
            return None
        height = max(height, leading * len(content.split("\n")) + (1.5 + 1.5))
    return height


def explanation_table(text: ExplanationText, styles: Styles) -> Table:
    """One computed value as a table: label and value on top, then one row per line of each
    part (a long list breaks across pages between rows; the top row repeats)."""
    # headings (参考数据（版本 2025.1）, reference data (version 2025.1)) and the value stay on
    # one line each: a reader finds the value whole, and so does a PDF-to-text tool
    heading = max([HEADING_WIDTH] + [_width(p.heading, styles.small) for p in text.parts])
    value = min(max(VALUE_WIDTH, _width(text.value, styles.cell)), FRAME_WIDTH * 0.6)
    widths = [heading, FRAME_WIDTH - heading - value, value]
    label = _cell(f"{text.label} ({text.path})", styles.cell, widths[0] + widths[1])
    rows: list[list[object]] = [[label, "", _cell(text.value, styles.cell, value)]]
    # a cell of lines broken beforehand is drawn from its cell's left edge whatever its width,
    # so only a Paragraph (broken at its cell's width) needs the span over its neighbour; a
    # table without spans skips reportlab's span bookkeeping
    parts: list[tuple] = [] if isinstance(label, str) else [("SPAN", (0, 0), (1, 0))]
    for part in text.parts:
        first = len(rows)
        for index, line in enumerate(part.lines):
            content = _cell(line, styles.cell, widths[1] + widths[2])
            rows.append([part.heading if index == 0 else "", content, ""])
            if not isinstance(content, str):
                parts.append(("SPAN", (1, len(rows) - 1), (2, len(rows) - 1)))
        parts.append(("LINEABOVE", (0, first), (-1, first), 0.3, PART_RULE))
    style = TableStyle([
        ("FONT", (0, 1), (0, -1), cjk_font(), styles.small.fontSize, styles.small.leading),  # the parts' headings
        ("TEXTCOLOR", (0, 0), (-1, 0), styles.head.textColor),
        ("ALIGN", (2, 0), (2, 0), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("BOX", (0, 0), (-1, -1), 0.4, GRID),
        *parts,
    ])
    cells = _cell_style(cjk_font(), styles.cell.fontSize, styles.cell.leading)
    # the rows' heights given, so laying out and splitting the table does not measure them again
    body = [styles.small.leading, styles.cell.leading, styles.cell.leading]
    heights = [_row_height(rows[0], [styles.cell.leading] * 3)] + [_row_height(row, body) for row in rows[1:]]
    table = ExplanationTable(rows, colWidths=widths, rowHeights=heights, repeatRows=1, hAlign="LEFT",
                             cellStyles=[[cells("cell") for _ in widths] for _ in rows])
    table.setStyle(style)
    return table


def appendix_texts(doc: dict, ref: ReferenceData, lang: str = "zh") -> list[ExplanationText]:
    """The explanations in words of every computed value of the record document ``doc`` (as
    from ``Store.get_record``), computed with ``ref`` (the record's reference-data version)."""
    form, data, found = explain_record(doc, ref)
    return [explanation_text(item, form, data, ref, lang) for item in found]


def appendix_flowables(doc: dict, ref: ReferenceData, styles: Styles,
                       lang: str = "zh") -> list[Flowable]:
    """The appendix on pages of its own after the record: a title, what it holds, one table per
    computed value in the form's order (record-level values, then each row's)."""
    texts = appendix_texts(doc, ref, lang)
    version = doc.get("reference_data_version") or ref.version
    out: list[Flowable] = [PageBreak(), Paragraph(esc(TITLE["en" if lang == "en" else "zh"]), styles.h1),
                           Paragraph(esc(_intro(version, lang)), styles.body), spacer(2)]
    if not texts:
        out.append(Paragraph("This record has no computed values." if lang == "en" else "本记录没有计算值。",
                             styles.body))
    for text in texts:
        out += [explanation_table(text, styles), spacer(2.5)]
    return out
