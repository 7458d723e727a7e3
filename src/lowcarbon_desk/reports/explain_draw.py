"""The appendix's explanation tables drawn with one text object each instead of one per line.

A reportlab Table draws a string cell line by line, each line a text object of its own
(``drawString``: a new text object, the font looked up and set again, the line formatted by
the general ``_formatText``, the object serialised): an enterprise year's appendix has about
7,300 such lines in 474 tables. ``ExplanationTable`` is laid out, split and repeated across
pages by reportlab's Table itself, so every position is the Table's; only the drawing of its
string cells differs: their lines go into one text object, each placed where
``Table._drawCell`` places it (the same sums in the same order), written as ``_formatText``
writes a TrueType font's text (each run of one font subset as ``(...) Tj`` after that subset's
``Tf``) with the subsets' names looked up once per table. The background, the Paragraph cells
(subscripts) and the rules are drawn by the Table's own methods, in its order; text never
overlaps another cell, so the page looks the same pixel for pixel. ``CellParagraph`` keeps a
cell Paragraph's lines between the Table's many wraps of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Paragraph

from .pdf_common import PlainTable


class ExplanationTable(PlainTable):
    """A Table whose plain string cells, TOP-aligned LEFT or RIGHT, are drawn as one text
    object; other cells (Paragraphs) as a Table draws them. Its splits keep the class."""

    def _cells(self) -> Iterator[tuple[Any, Any, float, float, float, float]]:
        """Each drawn cell as (value, style, x, y, width, height), as ``Table.draw`` visits them."""
        table: Any = self  # reportlab's stubs leave out the Table's layout attributes
        if table._spanCmds:
            rects = table._spanRects
            for row_no, (row, row_styles) in enumerate(zip(table._cellvalues, table._cellStyles, strict=False)):
                for col_no, (value, style) in enumerate(zip(row, row_styles, strict=False)):
                    rect = rects[col_no, row_no]
                    if rect is not None:
                        yield (value, style, *rect)
        else:
            for row, row_styles, y, height in zip(table._cellvalues, table._cellStyles, table._rowpositions[1:],
                                                  table._rowHeights, strict=False):
                for value, style, x, width in zip(row, row_styles, table._colpositions[:-1], table._colWidths,
                                              strict=False):
                    yield value, style, x, y, width, height

    def draw(self) -> None:
        table: Any = self  # reportlab's stubs leave out the Table's layout and drawing methods
        canv: Any = self.canv
        if not canv.bottomup:
            super().draw()
            return
        canv.saveState()
        table._curweight = table._curcolor = table._curcellstyle = None
        table._makeShadow()
        table._makeRoundedCornersClip()
        table._drawBkgrnd()
        text: Any = canv.beginText()
        code = text._code  # 'BT' and the origin so far; the lines' operators are appended
        empty = len(code)
        doc, escape = canv._doc, canv._escape
        names: dict[int, str] = {}  # font subset → its name in this document
        key: tuple | None = None
        color: Any = None
        font: Any = None
        measure: Any = None
        tf = ""
        subset_now = -1
        for value, style, x, y, width, height in self._cells():
            if value == "":
                continue
            if (not isinstance(value, str) or style.valign != "TOP" or style.alignment not in ("LEFT", "RIGHT")
                    or not getattr(getFont(style.fontname), "_dynamicFont", False)):
                table._drawCell(value, style, (x, y), (width, height))  # a Paragraph (subscripts)
                continue
            if style.color != color:
                color = style.color
                text.setFillColor(color)
            size, leading = style.fontsize, style.leading
            if (style.fontname, size, leading) != key:
                key = (style.fontname, size, leading)
                font = getFont(style.fontname)
                measure = font.stringWidth
                tf = f"{fp_str(size)} Tf {fp_str(leading)} TL"
                subset_now = -1
            # as Table._drawCell computes them for valign TOP
            base = y + height - style.topPadding - size
            right = style.alignment == "RIGHT"
            left = x + width - style.rightPadding if right else x + style.leftPadding
            for line in value.split("\n"):
                code.append(f"1 0 0 1 {fp_str(left - measure(line, size) if right else left, base)} Tm")
                for subset, chars in font.splitString(line, doc):
                    if subset != subset_now:
                        name = names.get(subset)
                        if name is None:
                            name = names[subset] = font.getSubsetInternalName(subset, doc)
                        code.append(f"{name} {tf}")
                        subset_now = subset
                    code.append(f"({escape(chars)}) Tj")
                base -= leading
        if len(code) > empty:
            canv.drawText(text)
        table._drawLines()
        canv.restoreState()


class CellParagraph(Paragraph):
    """A Paragraph in a table cell that breaks its lines once per width: a Table wraps each
    cell Paragraph again whenever it is measured, split or drawn (three times and more a
    table), and the result depends on the width alone."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped is not None and self._wrapped[0] == availWidth:
            return self._wrapped[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size
