"""The bundled font's character tables read in bulk: the same tables reportlab reads, in a
fifth of the time.

reportlab's ``TTFontFile.extractInfo`` reads the character map, the horizontal metrics and
the glyph locations one number at a time in Python (about 150,000 reads for the bundled
WenQuanYi Micro Hei: 60–90 ms, once per process before any PDF, and the start of ``package
create`` waits for it). ``QuickFace`` lets reportlab read everything else (names, the header,
OS/2, post, hhea, maxp: ``extractInfo(charInfo=0)``), then reads those three tables with
``struct``/``array`` into the very structures reportlab builds (``charToGlyph``,
``glyphToChar``, ``charWidths``, ``hmetrics``, ``defaultWidth``, ``glyphPos``, in the same
order and with the same values: ``tests/reports/test_font_tables.py``); ``glyphToChar`` (read
by reportlab's text shaping only) and ``hmetrics`` (by font subsets) are made when first read.
A character map of any format but 12 (the bundled font's) is left to reportlab.
"""

from __future__ import annotations

import struct
import sys
from array import array
from typing import Any

from reportlab.pdfbase.ttfonts import TTFError, TTFontFace

from .font_subset import FontTables, make_subset


def _numbers(data: bytes, offset: int, count: int, code: str) -> list[int]:
    """``count`` big-endian unsigned numbers (``code``: ``H`` 16-bit, ``I`` 32-bit) at ``offset``."""
    values = array(code)
    end = offset + count * values.itemsize
    if end > len(data):
        raise TTFError("font table runs past the end of the file")
    values.frombytes(data[offset:end])
    if sys.byteorder == "little":
        values.byteswap()
    return values.tolist()


class QuickFace(TTFontFace):
    """A ``TTFontFace`` whose character tables are read in bulk (format-12 character maps) and
    whose subsets are made from tables read once (``font_subset.py``)."""

    _ttf_data: bytes  # the font file's bytes, read by reportlab's TTFontFile
    _subset_tables: FontTables | None = None

    def makeSubset(self, subset):
        # reportlab's subset, the same bytes (font_subset.py), from tables read once
        if self._subset_tables is None:
            self._subset_tables = FontTables(self)
        return make_subset(self, self._subset_tables, subset)

    def extractInfo(self, charInfo=1):
        super().extractInfo(0)
        if not charInfo:
            return
        data = self._ttf_data
        head = self.table["head"]["offset"]
        index_to_loc, glyph_format = struct.unpack_from(">hh", data, head + 50)
        encoding = self._cmap_subtable()
        if glyph_format != 0 or encoding is None or struct.unpack_from(">H", data, encoding)[0] != 12:
            super().extractInfo(charInfo)  # reportlab's own reading, and its errors
            return
        self._read_cmap12(data, encoding)
        self._read_metrics(data)
        self._read_locations(data, index_to_loc)
        char_to_glyph, widths = self.charToGlyph, self.charWidths
        self._cmap_spaces = {char: char_to_glyph.get(char) for char in (0x20, 0xA0)}
        if 0x20 in char_to_glyph:
            char_to_glyph[0xA0] = char_to_glyph[0x20]
            widths[0xA0] = widths[0x20]
        elif 0xA0 in char_to_glyph:
            char_to_glyph[0x20] = char_to_glyph[0xA0]
            widths[0x20] = widths[0xA0]

    def _cmap_subtable(self) -> int | None:
        """The offset of the character map reportlab chooses (its rule: the last suitable)."""
        data = self._ttf_data
        cmap = self.table["cmap"]["offset"]
        version, count = struct.unpack_from(">HH", data, cmap)
        if count == 0 and version != 0:
            count = version
        chosen, kind = None, 0
        for platform, encoding, offset in struct.iter_unpack(">HHL", data[cmap + 4:cmap + 4 + 8 * count]):
            if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
                kind, chosen = 1, offset
            elif platform == 1 and encoding == 0 and kind != 1:
                kind, chosen = 2, offset
        return None if chosen is None else cmap + chosen

    def _read_cmap12(self, data: bytes, offset: int) -> None:
        (groups,) = struct.unpack_from(">L", data, offset + 12)
        char_to_glyph: dict[int, int] = {}
        self.charToGlyph = char_to_glyph
        for start, end, glyph in struct.iter_unpack(">LLL", data[offset + 16:offset + 16 + 12 * groups]):
            chars = range(start, end + 1)
            char_to_glyph.update(zip(chars, range(glyph, glyph + len(chars)), strict=True))

    def __getattr__(self, name: str) -> Any:
        # made when first read: a third of the reading, for tables a PDF reads late or never
        if name == "glyphToChar":
            glyph_to_char: dict[int, list[int]] = {}
            spaces = self._cmap_spaces  # the character map's own, before one was given the other's glyph
            for char, glyph in self.charToGlyph.items():  # the character map's order, as reportlab
                if char in spaces:
                    glyph = spaces[char]
                    if glyph is None:
                        continue
                glyph_to_char.setdefault(glyph, []).append(char)
            self.glyphToChar = glyph_to_char
            return glyph_to_char
        if name == "hmetrics" and "_metric_parts" in self.__dict__:
            advances, bearings, last, rest = self._metric_parts
            self.hmetrics = [*zip(advances, bearings, strict=True), *((last, bearing) for bearing in rest)]
            return self.hmetrics
        raise AttributeError(name)

    def _read_metrics(self, data: bytes) -> None:
        (metrics,) = struct.unpack_from(">H", data, self.table["hhea"]["offset"] + 34)
        glyphs = self.numGlyphs
        pairs = _numbers(data, self.table["hmtx"]["offset"], 2 * metrics, "H")
        advances, bearings = pairs[0::2], pairs[1::2]
        # reportlab's scale: the number itself at 1,000 units per em, else times 1000 / units
        factor = 1000 / self.unitsPerEm
        scaled = advances if self.unitsPerEm == 1000 else [a * factor for a in advances]
        rest: list[int] = []
        if glyphs > metrics:  # the rest lists bearings only, with the last advance, scaled (as reportlab keeps it)
            rest = _numbers(data, self.table["hmtx"]["offset"] + 4 * metrics, glyphs - metrics, "H")
            scaled = [*scaled, *[scaled[-1]] * (glyphs - metrics)]
        # ``hmetrics`` (advance, bearing per glyph), made from these when first read
        self._metric_parts = (advances, bearings, scaled[metrics - 1], rest)
        self.defaultWidth = scaled[0]
        known = len(scaled)
        # every character whose glyph has metrics (reportlab goes glyph by glyph: the same
        # widths, kept in another order, which nothing reads)
        self.charWidths = {char: scaled[glyph] for char, glyph in self.charToGlyph.items() if glyph < known}

    def _read_locations(self, data: bytes, index_to_loc: int) -> None:
        if "loca" not in self.table:
            raise TTFError("missing location table")
        offset, count = self.table["loca"]["offset"], self.numGlyphs + 1
        if index_to_loc == 0:
            self.glyphPos = [n << 1 for n in _numbers(data, offset, count, "H")]
        elif index_to_loc == 1:
            self.glyphPos = _numbers(data, offset, count, "I" if array("I").itemsize == 4 else "L")
        else:
            raise TTFError(f"Unknown location table format ({index_to_loc})")
