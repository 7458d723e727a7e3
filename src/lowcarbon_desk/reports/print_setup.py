"""How the workbooks print (A4): repeated header rows, orientation, scaling that stays
readable, row heights for wrapped text.

Fit-to-width alone shrinks a wide sheet without limit: the county roll-up's 23 columns on one
A4 width printed at about 5 pt. ``fit_columns`` fits the columns to the page width only while
the scale stays at or above ``MIN_SCALE``; a wider sheet is printed in column blocks (a
manual column break where the width runs out) at a fixed scale, with its key columns
repeated on every block, so each page stays readable. Manual breaks count only at a fixed
scale: Excel and LibreOffice both ignore them when fitting to pages.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break, ColBreak

# A4 in points; openpyxl's default margins are 0.75 in left and right
A4_WIDTH_PT, A4_HEIGHT_PT = 595.3, 841.9
SIDE_MARGINS_PT = 2 * 0.75 * 72
# one unit of column width is one '0' of the default 11 pt font: 7 px at 96 dpi in Excel;
# LibreOffice lays the same widths out about a fifth wider (measured on its PDF of the
# roll-up), so its measure is taken, and 5 px of cell padding per column
PT_PER_WIDTH_UNIT = 6.3
PT_PER_COLUMN = 5 * 0.75
SAFETY = 0.93  # of the printable width: the programs' widths differ by a few per cent
MIN_SCALE = 60  # percent: 11 pt text prints at 6.6 pt, the smallest that still reads well
LINE_HEIGHT_PT = 15  # one line of 11 pt text in a row


def _printable_width(orientation: str) -> float:
    page = A4_HEIGHT_PT if orientation == "landscape" else A4_WIDTH_PT
    return page - SIDE_MARGINS_PT


def column_points(widths: Sequence[float]) -> float:
    """The printed width of columns of these widths (openpyxl units) at 100 %."""
    return sum(w * PT_PER_WIDTH_UNIT + PT_PER_COLUMN for w in widths)


def a4(ws, orientation: str = "portrait", title_rows: str | None = None) -> None:
    """A4 in ``orientation``, ``title_rows`` (``"1:2"``) repeated on every printed page."""
    ws.page_setup.orientation = orientation
    ws.page_setup.paperSize = "9"
    if title_rows:
        ws.print_title_rows = title_rows


def fit_columns(ws, widths: Sequence[float], *, orientation: str = "landscape",
                title_rows: str | None = None, key_columns: int = 0) -> list[int]:
    """Print ``ws`` (columns of ``widths``) one page wide when that keeps ``MIN_SCALE``, else
    in blocks of columns at one fixed scale, the first ``key_columns`` repeated on each.
    Returns the column numbers after which a block ends (empty: one block)."""
    a4(ws, orientation, title_rows)
    page = _printable_width(orientation) * SAFETY
    total = column_points(widths)
    setup = ws.sheet_properties.pageSetUpPr
    if total * MIN_SCALE / 100 <= page:
        setup.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        return []
    keys = column_points(widths[:key_columns])
    rest = list(widths[key_columns:])
    # as few blocks as MIN_SCALE allows, then balanced: the narrowest room giving that many
    count = len(_blocks(rest, page * 100 / MIN_SCALE - keys))
    low, high = max(column_points([w]) for w in rest), page * 100 / MIN_SCALE - keys
    while high - low > 1:
        middle = (low + high) / 2
        low, high = (middle, high) if len(_blocks(rest, middle)) > count else (low, middle)
    blocks = _blocks(rest, high)
    breaks = [key_columns + sum(len(b) for b in blocks[:i + 1]) for i in range(len(blocks) - 1)]
    widest = keys + max(column_points(b) for b in blocks)
    setup.fitToPage = False
    ws.page_setup.scale = max(MIN_SCALE, min(100, math.floor(page * 100 / widest)))
    for column in breaks:
        ws.col_breaks.append(Break(id=column))
    if key_columns:
        ws.print_title_cols = f"A:{get_column_letter(key_columns)}"
    return breaks


def _blocks(widths: list[float], room: float) -> list[list[float]]:
    """``widths`` cut greedily into runs of at most ``room`` points (a wider column alone)."""
    blocks: list[list[float]] = [[]]
    for width in widths:
        if blocks[-1] and column_points([*blocks[-1], width]) > room:
            blocks.append([])
        blocks[-1].append(width)
    return blocks


def wrapped_height(texts: Sequence[tuple[str, float]], text_width) -> float | None:
    """The height (points) of a row whose cells wrap ``(text, column width)``: enough lines for
    the longest, or ``None`` when every text fits on one line. ``text_width`` measures text in
    column-width units (CJK characters count double)."""
    lines = max((math.ceil(text_width(text) / max(width - 1, 1)) for text, width in texts if text), default=1)
    return LINE_HEIGHT_PT * lines + 2 if lines > 1 else None


__all__ = ["MIN_SCALE", "ColBreak", "a4", "column_points", "fit_columns", "wrapped_height"]


def printed_columns(ws, widths: Sequence[float], *, orientation: str = "landscape",
                    title_rows: str | None = None, key_columns: int = 0) -> list[int]:
    """Give the sheet's columns ``widths`` (in characters) and print them as ``fit_columns``
    does (a roll-up's section sheets: one call instead of three steps)."""
    for index, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    return fit_columns(ws, widths, orientation=orientation, title_rows=title_rows, key_columns=key_columns)

