"""The bundled CJK font, registered once with reportlab (embedded as a subset in every PDF)."""

from __future__ import annotations

import re
from fnmatch import fnmatch
from functools import lru_cache
from weakref import ReferenceType, WeakKeyDictionary, ref

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

from ..paths import font_path
from .font_tables import QuickFace

FONT_NAME = "WQYMicroHei"
# 〓 (geta mark) is what Chinese and Japanese printers set for a character the type lacks
MISSING_MARK = "〓"
WIDTH_CACHE_SIZE = 100_000  # measured strings kept (a few MB at most)


SAME_SUBSET = re.compile(rb"(.)\1*", re.DOTALL)  # a run of one byte value


class _DocumentCodes:
    """The strings one document drew, split, and the codes it gave their characters
    (reportlab's ``State.assignments``: the subset, times 256, plus the code in it) as a
    translation table, so a string of characters all given codes already splits at C speed
    into the same pieces reportlab's ``splitString`` would return."""

    def __init__(self) -> None:
        self.splits: dict[str | bytes, list] = {}  # each string drawn, split
        self.table: dict[int, int] = {}
        self.known: set[str] = set()

    def split(self, text: str) -> list[tuple[int, bytes]] | None:
        """``text`` as (subset, codes) pieces, one per run of characters in the same subset, or
        None when a character has no code yet (reportlab's own loop then gives it one)."""
        if not self.known.issuperset(text):
            return None
        if not text:
            return []
        try:  # each code as two bytes: the subset, then the code in it
            pairs = text.translate(self.table).encode("utf-16-be")
        except UnicodeEncodeError:  # a code past 0xD7FF (some 55,000 characters in one document)
            return None
        subsets, codes = pairs[0::2], pairs[1::2]
        if subsets.count(subsets[0]) == len(subsets):
            return [(subsets[0], codes)]
        return [(run.group()[0], codes[run.start():run.end()]) for run in SAME_SUBSET.finditer(subsets)]

    def learn(self, text: str, assignments: dict[int, int]) -> None:
        """Keep the codes the document gave the characters of ``text`` (just split by reportlab)."""
        for char in set(text) - self.known:
            code = ord(char)
            given = assignments.get(32 if code == 0xA0 else code)  # a no-break space is drawn as a space
            if given is not None:  # (a character the font lacks gets none: left to reportlab)
                self.table[code] = given
                self.known.add(char)


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
        self._documents: WeakKeyDictionary[object, _DocumentCodes] = WeakKeyDictionary()
        self._last: tuple[ReferenceType, _DocumentCodes] | None = None  # the last call's document

    def _marked(self, text: str | bytes, encoding: str) -> str:
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if self._known.issuperset(text):
            return text
        return "".join(c if c in self._known else MISSING_MARK for c in text)

    def splitString(self, text, doc, encoding="utf-8"):
        # a string drawn again in the same document (a unit, a label, a heading on every page)
        # splits the same way: its characters keep the codes the document gave them
        last = self._last
        if last is not None and last[0]() is doc:
            codes = last[1]
        else:  # another document than the last call's (a weak key: a dictionary look-up costs a weakref)
            known = self._documents.get(doc)
            codes = self._documents[doc] = _DocumentCodes() if known is None else known
            self._last = (ref(doc), codes)
        found = codes.splits.get(text)
        if found is None:
            marked = self._marked(text, encoding)
            found = codes.split(marked)
            if found is None:
                found = super().splitString(marked, doc, encoding)
                codes.learn(marked, self.state[doc].assignments)  # type: ignore[attr-defined]  # set in State.__init__; not in types-reportlab
            codes.splits[text] = found
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
