"""A string whose characters a document has already drawn splits into its subsets' codes
without reportlab's character loop, into exactly the pieces reportlab's loop gives."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont

from lowcarbon_desk.reports.fonts import MISSING_MARK, cjk_font

IDEOGRAPHS = "".join(chr(0x4E00 + i) for i in range(0, 1200, 3))  # 400: the codes fill two subsets
TEXTS = [
    "能源购进、消费与库存（吨标准煤）",
    "Energy 2025 – 12,345.67 t",
    IDEOGRAPHS[:200],
    IDEOGRAPHS,
    "单位\xa0负责人 A\xa0B",  # no-break spaces: drawn as spaces
    "𠮷野家 😀",  # characters the font lacks: the mark
    "",
]
AGAIN = [
    IDEOGRAPHS[350:] + IDEOGRAPHS[:30] + "2025 能源",  # subset 1, then 0, then 0 again
    IDEOGRAPHS[::-7],
    "能源 A\xa0B 2025",
    "吨标准煤" * 3,
    "野家 😀",
    "",
]


@pytest.fixture(scope="module")
def font():
    return pdfmetrics.getFont(cjk_font())


def test_pieces_are_reportlabs(font) -> None:
    ours, theirs = PDFDocument(), PDFDocument()
    for text in TEXTS + AGAIN + TEXTS:
        marked = "".join(MISSING_MARK if c in "𠮷😀" else c for c in text)
        assert font.splitString(text, ours) == TTFont.splitString(font, marked, theirs), text
    assert any(len(pieces) > 2 for pieces in (font.splitString(t, ours) for t in AGAIN))


def test_drawn_characters_split_without_reportlabs_loop(font, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = PDFDocument()
    for text in TEXTS:
        font.splitString(text, doc)
    expected = {text: TTFont.splitString(font, text.replace("😀", MISSING_MARK), doc) for text in AGAIN}
    looped = []
    real = TTFont.splitString
    monkeypatch.setattr(TTFont, "splitString", lambda *args: looped.append(args[1]) or real(*args))
    assert {text: font.splitString(text, doc) for text in AGAIN} == expected
    assert looped == []
    font.splitString("新字：鑫", doc)  # a character not drawn yet: reportlab gives it its code
    assert looped == ["新字：鑫"]
