"""The bundled CJK font, registered once with reportlab (embedded as a subset in every PDF)."""

from __future__ import annotations

from fnmatch import fnmatch
from functools import lru_cache
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

from ..paths import font_path
from .font_tables import QuickFace

FONT_NAME = "WQYMicroHei"
# 〓 (geta mark) is what Chinese and Japanese printers set for a character the type lacks
MISSING_MARK = "〓"
WIDTH_CACHE_SIZE = 100_000  # measured strings kept (a few MB at most)


class _MarkedFont(TTFont):
    """The font, with every character it lacks drawn and measured as ``MISSING_MARK``.

    reportlab would draw such a character (a rare ideograph such as 𠮷, an emoji) with the
    glyph of U+0000: a blank on paper, and a NUL in the text that stops poppler's text
    extraction for the rest of the line. The record keeps the character; only print shows
    the mark."""

    def __init__(self, name: str, filename: str, subfontIndex: int = 0) -> None:
        # TTFont.__init__, with the face's tables read by QuickFace (reportlab makes its own
        # TTFontFace there); tests/reports/test_font_tables.py compares the two fonts
        self.fontName = name
        self.face = QuickFace(filename, validate=0, subfontIndex=subfontIndex)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob or ())
        # a set of characters: issuperset() tests a whole string at C speed (the roll-up
        # measures thousands of strings character by character)
        self._known = frozenset(map(chr, self.face.charToGlyph))
        self._widths: dict[tuple[str | bytes, float, str], float] = {}
        # per document: each string drawn, split into its subsets' codes
        self._splits: WeakKeyDictionary[object, dict[str | bytes, list]] = WeakKeyDictionary()

    def _marked(self, text: str | bytes, encoding: str) -> str:
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if self._known.issuperset(text):
            return text
        return "".join(c if c in self._known else MISSING_MARK for c in text)

    def splitString(self, text, doc, encoding="utf-8"):
        # a string drawn again in the same document (a unit, a label, a heading on every page)
        # splits the same way: its characters keep the codes the document gave them
        split = self._splits.get(doc)
        if split is None:
            split = self._splits[doc] = {}
        found = split.get(text)
        if found is None:
            found = split[text] = super().splitString(self._marked(text, encoding), doc, encoding)
        return found

    def stringWidth(self, text, size, encoding="utf8"):
        # paragraphs measure every character of every word (wordSplit), mostly the same few
        # hundred characters and sizes: measured once per process, then looked up
        key = (text, size, encoding)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) >= WIDTH_CACHE_SIZE:
                self._widths.clear()
            width = self._widths[key] = super().stringWidth(self._marked(text, encoding), size, encoding)
        return width


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """Register WenQuanYi Micro Hei (sub-font 0 of the bundled .ttc) and return its name."""
    pdfmetrics.registerFont(_MarkedFont(FONT_NAME, str(font_path()), subfontIndex=0))
    return FONT_NAME
