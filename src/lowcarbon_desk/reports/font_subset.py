"""The font subset embedded in a PDF, made as reportlab makes it, in a fraction of its time.

Every record PDF embeds two subsets of the bundled font (up to 256 characters each);
reportlab's ``TTFontFile.makeSubset`` copies the whole glyph table (3.5 MB) and six more
tables out of the font file for each subset and walks the glyphs through its reader one
number at a time: about 4 ms a PDF. ``make_subset`` keeps those tables as views of the font
file (read once per font) and reads the glyphs with ``struct``; it builds every table of the
subset with reportlab's own steps and writes them with reportlab's ``TTFontMaker``, so the
subset is the same bytes (``tests/reports/test_font_subset.py`` compares them).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.ttfonts import (
    GF_ARG_1_AND_2_ARE_WORDS,
    GF_MORE_COMPONENTS,
    GF_WE_HAVE_A_SCALE,
    GF_WE_HAVE_A_TWO_BY_TWO,
    GF_WE_HAVE_AN_X_AND_Y_SCALE,
    TTFError,
    TTFontMaker,
)

COPIED = ("name", "OS/2", "cvt ", "fpgm", "prep")  # copied whole where the font has them
_SHORT = struct.Struct(">h")
_COMPONENT = struct.Struct(">HH")  # a composite glyph's component: flags, glyph index


def _component_length(flags: int) -> int:
    """The bytes of a component after its flags and glyph index (arguments, scale)."""
    length = 4 if flags & GF_ARG_1_AND_2_ARE_WORDS else 2
    if flags & GF_WE_HAVE_A_SCALE:
        return length + 2
    if flags & GF_WE_HAVE_AN_X_AND_Y_SCALE:
        return length + 4
    if flags & GF_WE_HAVE_A_TWO_BY_TWO:
        return length + 8
    return length


class FontTables:
    """A face's tables a subset copies or starts from, as views of the font file (no copies),
    and each glyph's components as it is first read."""

    def __init__(self, face: Any) -> None:
        data = memoryview(face._ttf_data)

        def table(tag: str) -> memoryview:
            offset, length = face.get_table_pos(tag)
            return data[offset:offset + length]

        self.data = face._ttf_data
        self.positions: list[int] = face.glyphPos
        self.copied = [(tag, bytes(table(tag))) for tag in COPIED if tag in face.table]
        self.post = bytes(table("post")[4:16])
        self.hhea, self.maxp, self.head = (bytes(table(tag)) for tag in ("hhea", "maxp", "head"))
        self.glyf_start = face.get_table_pos("glyf")[0]
        self.glyf = table("glyf")
        # glyph → its components: (where the component's glyph index is in the glyph, that index)
        self._components: dict[int, tuple[tuple[int, int], ...]] = {}

    def components(self, glyph: int) -> tuple[tuple[int, int], ...]:
        """The components of a composite ``glyph`` (none for a simple or empty one), read as
        reportlab reads them: from the font file at the glyph's position."""
        found = self._components.get(glyph)
        if found is None:
            found = self._components[glyph] = self._read_components(glyph)
        return found

    def _read_components(self, glyph: int) -> tuple[tuple[int, int], ...]:
        data, positions = self.data, self.positions
        start = self.glyf_start + positions[glyph]
        try:
            if positions[glyph + 1] == positions[glyph] or _SHORT.unpack_from(data, start)[0] >= 0:
                return ()
            found = []
            at = 10
            flags = GF_MORE_COMPONENTS
            while flags & GF_MORE_COMPONENTS:
                flags, part = _COMPONENT.unpack_from(data, start + at)
                found.append((at + 2, part))
                at += 4 + _component_length(flags)
        except struct.error as error:
            raise TTFError(error) from error
        return tuple(found)


def _glyph_map(face: Any, tables: FontTables, subset: Sequence[int]) -> tuple[list[int], dict[int, int], dict[int, int]]:
    """New glyph index → the font's, the font's → new, character → new glyph: the subset's
    characters' glyphs in order, then the parts of composite glyphs (reportlab's order)."""
    char_to_glyph = face.charToGlyph
    glyph_map = [0]
    glyph_set = {0: 0}
    code_to_glyph = {}
    for code in subset:
        original = char_to_glyph.get(code, 0)
        new = glyph_set.get(original)
        if new is None:
            new = glyph_set[original] = len(glyph_map)
            glyph_map.append(original)
        code_to_glyph[code] = new
    components = tables.components
    n = 0
    while n < len(glyph_map):
        for _, part in components(glyph_map[n]):
            if part not in glyph_set:
                glyph_set[part] = len(glyph_map)
                glyph_map.append(part)
        n += 1
    return glyph_map, glyph_set, code_to_glyph


def _hmtx(face: Any, glyph_map: list[int]) -> tuple[bytes, int]:
    """The subset's horizontal metrics and its count of full pairs (reportlab's packing: the
    run of equal advances at the end kept as bearings only)."""
    metrics = face.hmetrics
    hmtx: list[int] = []
    for original in glyph_map:
        advance, bearing = metrics[original]
        hmtx += (int(advance), int(bearing))
    n = len(hmtx) - 2
    while n and hmtx[n] == hmtx[n - 2]:
        n -= 2
    n += 2
    hmtx = hmtx[:n] + hmtx[n + 1::2]
    return struct.pack(f">{len(hmtx)}H", *hmtx), n >> 1


def _glyf(tables: FontTables, glyph_map: list[int], glyph_set: dict[int, int]) -> tuple[bytes, list[int]]:
    """The subset's glyph data (composite glyphs renumbered, each padded to 4 bytes) and the
    glyphs' offsets in it."""
    glyf, positions, components = tables.glyf, tables.positions, tables.components
    offsets: list[int] = []
    parts: list[bytes] = []
    pos = 0
    for original in glyph_map:
        offsets.append(pos)
        begin = positions[original]
        length = positions[original + 1] - begin
        data = glyf[begin:begin + length]
        if length > 2 and _SHORT.unpack_from(data)[0] < 0:
            fixed = bytearray(data)
            for at, part in components(original):
                struct.pack_into(">H", fixed, at, glyph_set[part])
            parts.append(bytes(fixed))
        else:
            parts.append(bytes(data))
        pos += length
        if pos % 4:
            padding = 4 - pos % 4
            parts.append(b"\0" * padding)
            pos += padding
    offsets.append(pos)
    return b"".join(parts), offsets


def make_subset(face: Any, tables: FontTables, subset: Sequence[int]) -> bytes:
    """``TTFontFile.makeSubset(subset)`` of ``face``: the TrueType file of the characters
    ``subset`` (their codes in the subset are their positions)."""
    glyph_map, glyph_set, code_to_glyph = _glyph_map(face, tables, subset)
    output = TTFontMaker()
    for tag, table in tables.copied:
        output.add(tag, table)
    output.add("post", b"\x00\x03\x00\x00" + tables.post + b"\x00" * 16)
    hmtx, full_pairs = _hmtx(face, glyph_map)
    output.add("hmtx", hmtx)
    output.add("hhea", tables.hhea[:34] + struct.pack(">H", full_pairs) + tables.hhea[36:])
    output.add("maxp", tables.maxp[:4] + struct.pack(">H", len(glyph_map)) + tables.maxp[6:])
    count = len(subset)
    cmap = [0, 1, 1, 0, 0, 12, 6, 10 + count * 2, 0, 0, count, *map(code_to_glyph.get, subset)]
    output.add("cmap", struct.pack(f">{len(cmap)}H", *cmap))
    glyf, offsets = _glyf(tables, glyph_map, glyph_set)
    output.add("glyf", glyf)
    if (offsets[-1] + 1) >> 1 > 0xFFFF:
        loc_format, loca = 1, struct.pack(f">{len(offsets)}L", *offsets)
    else:
        loc_format, loca = 0, struct.pack(f">{len(offsets)}H", *(offset >> 1 for offset in offsets))
    output.add("loca", loca)
    output.add("head", tables.head[:50] + struct.pack(">H", loc_format) + tables.head[52:])
    return output.makeStream()
