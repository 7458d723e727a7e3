"""The font's subsets (``font_subset.make_subset``) are reportlab's, byte for byte, made
without reportlab's reader."""

from __future__ import annotations

import random
import struct

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFile

from lowcarbon_desk.reports.fonts import cjk_font


@pytest.fixture(scope="module")
def face():
    return pdfmetrics.getFont(cjk_font()).face


def _subsets(face) -> list[list[int]]:
    rng = random.Random(22)
    chars = sorted(face.charToGlyph)
    data, start, positions = face._ttf_data, face.table["glyf"]["offset"], face.glyphPos

    def composite(char: int) -> bool:
        glyph = face.charToGlyph[char]
        return positions[glyph + 1] > positions[glyph] and struct.unpack_from(">h", data, start + positions[glyph])[0] < 0

    simple = [c for c in chars[:3000] if not composite(c)]
    assert simple and any(composite(c) for c in chars[:3000])  # both kinds are covered
    text = "能源购进、消费与库存 单位负责人：张三 2025 年 1–12 月（吨标准煤）ABCxyz0123.,;"
    return [
        [ord(c) for c in dict.fromkeys(" " + text)],
        [0x20, *rng.sample(chars, 255)],
        [0x20, *rng.sample(simple, 40)],
        [0x20, 0x1F600, 0x20BB7, 0x4E00],  # characters the font lacks: glyph 0
        [0x20],
    ]


def test_subsets_are_reportlabs_bytes(face) -> None:
    for subset in _subsets(face):
        assert face.makeSubset(subset) == TTFontFile.makeSubset(face, subset), subset[:8]
        assert face.makeSubset(subset) == TTFontFile.makeSubset(face, subset)  # and again, from the kept parts


def test_subsets_are_made_without_reportlabs_reader(face, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [TTFontFile.makeSubset(face, subset) for subset in _subsets(face)]

    def refused(*_args):
        raise AssertionError("the font read through reportlab's reader")

    for name in ("get_table", "read_ushort", "read_short", "seek"):
        monkeypatch.setattr(TTFontFile, name, refused)
    assert [face.makeSubset(subset) for subset in _subsets(face)] == expected
