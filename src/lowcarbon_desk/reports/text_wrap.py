"""Breaking mixed Chinese and Latin text into lines of a given width, for plain table cells.

reportlab's Paragraph wraps Chinese by measuring every character through several layers on
each layout pass; for the hundreds of lines of an appendix 计算说明 that tripled the time of a
record PDF. Plain strings in a table cell are drawn line by line without wrapping, so this
module breaks the lines beforehand, with each character's width measured once.

Where a line may break: after a space (the space is dropped), and between two characters when
one of them is Chinese (or other wide script) — never before closing punctuation （，。）》…）
nor after opening punctuation （（《…）. A run without any such place is cut where it overflows.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

CLOSING = frozenset("，。、；：！？）》」』】〕,.;:!?)]}%")
OPENING = frozenset("（《「『【〔([{")


class _Widths(dict):
    """Characters' advances in one font and size, each measured on first use."""

    def __init__(self, font: str, size: float):
        super().__init__()
        self.font, self.size = font, size

    def __missing__(self, char: str) -> float:
        width = self[char] = stringWidth(char, self.font, self.size)
        return width


@lru_cache(maxsize=16)
def _widths(font: str, size: float) -> _Widths:
    return _Widths(font, size)


def char_width(char: str, font: str, size: float) -> float:
    """The advance of one character in points."""
    return _widths(font, size)[char]


def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` in points (the sum of its characters' advances)."""
    return sum(map(_widths(font, size).__getitem__, text))


WIDE = "\u2e80"  # CJK radicals onwards: ideographs, kana, fullwidth forms


def _wide(char: str) -> bool:
    return char >= WIDE


def may_break(before: str, after: str) -> bool:
    """Whether a line may end between ``before`` and ``after``."""
    if before == " ":
        return after != " "
    if after == " " or after in CLOSING or before in OPENING:
        return False
    return _wide(before) or _wide(after)


def wrap(text: str, width: float, font: str, size: float) -> list[str]:
    """``text`` as lines no wider than ``width`` points (one line when it fits)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _kept_lines(paragraph, width, font, size)
    return lines


# a package's PDFs break the same lines again and again (an appendix's formulas and reference
# lines recur in each monthly report: 4,248 lines a package, 1,027 distinct)
@lru_cache(maxsize=8192)
def _kept_lines(text: str, width: float, font: str, size: float) -> tuple[str, ...]:
    return tuple(_wrap_one(text, width, font, size))


def _wrap_one(text: str, width: float, font: str, size: float) -> list[str]:
    advances = list(map(_widths(font, size).__getitem__, text))
    if sum(advances) <= width:
        return [text]
    lines: list[str] = []
    start, used, last = 0, 0.0, -1  # last: where the next line may start
    previous = ""
    for index, char in enumerate(text):
        # may_break(previous, char), written out: it runs for every character of a long line
        if index > start:
            if previous == " ":
                if char != " ":
                    last = index
            elif char != " " and char not in CLOSING and previous not in OPENING \
                    and (previous >= WIDE or char >= WIDE):
                last = index
        previous = char
        used += advances[index]
        if used <= width or index == start:
            continue
        cut = last if last > start else index
        lines.append(text[start:cut].rstrip(" "))
        start, last = cut, -1
        used = sum(advances[start:index + 1])
        if used > width and index > start:  # what followed the break fitted; this character does not
            lines.append(text[start:index])
            start, used = index, advances[index]
    lines.append(text[start:])
    return lines
