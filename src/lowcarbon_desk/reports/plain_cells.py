"""Table cells as plain strings broken into lines beforehand, looking as a Paragraph would.

A Paragraph per cell costs its markup parser, a line-breaking pass on every layout and its own
text object when drawn; the record PDFs had about 300 of them per PDF. A table draws a plain
string cell line by line, with the font, size, leading, colour and alignment its style gives
the cell, and puts the first baseline where a Paragraph of the same lines would have it (MIDDLE
and TOP alike); ``pdf_common.grid_table(plain=True)`` gives its plain cells the looks of the
``cell``, ``cell_right``, ``head`` and ``small`` styles. The lines are the Paragraph's own: its
whitespace cleaning, then reportlab's ``wordSplit`` (what a CJK-wrapped Paragraph of one piece
of text uses) at the cell's inner width. Text the Paragraph would treat otherwise (line breaks,
no-break spaces) stays a Paragraph.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.textsplit import wordSplit
from reportlab.platypus import Paragraph
from reportlab.rl_config import _FUZZ as FUZZ  # how far a line may overrun its width

from .markup import esc
from .text_wrap import text_width


def cell(text: object, style: ParagraphStyle, width: float, padding: float = 6) -> str | Paragraph:
    """``text`` for a table cell ``width`` points wide (``padding``: its left and right padding
    together) drawn in ``style``: the lines a Paragraph would have, joined by newlines, or a
    Paragraph where the text needs one."""
    raw = str(text)
    if "\n" in raw or "\xa0" in raw or "\r" in raw:
        return Paragraph(esc(raw), style)
    clean = " ".join(raw.split())
    avail = width - padding / 2 - padding / 2  # as a Table takes its left and right padding off
    if text_width(clean, style.fontName, style.fontSize) <= avail + FUZZ:
        return clean
    return "\n".join(line for _, line in wordSplit(clean, [avail], style.fontName, style.fontSize))

