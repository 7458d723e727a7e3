"""The bundled font's character tables read in bulk (``reports.font_tables.QuickFace``) are
reportlab's own, and the registered font is reportlab's ``TTFont`` but for that (issue 22)."""

from __future__ import annotations

from pathlib import Path

import reportlab
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from lowcarbon_desk.paths import font_path
from lowcarbon_desk.reports.font_tables import QuickFace
from lowcarbon_desk.reports.fonts import _MarkedFont

# read by the face's methods, not data: the read position and reportlab's scaling closure
NOT_COMPARED = {"_pos", "_pdfScale"}
LATER = ("glyphToChar", "hmetrics")  # QuickFace makes them when first read


def _same_face(quick: TTFontFace, plain: TTFontFace) -> None:
    for name in LATER:
        getattr(quick, name)
    ours, theirs = {k: v for k, v in vars(quick).items() if k not in ("_metric_parts", "_cmap_spaces")}, vars(plain)
    assert set(ours) == set(theirs)
    for name in set(theirs) - NOT_COMPARED:
        assert ours[name] == theirs[name], name
    assert list(ours["charToGlyph"]) == list(theirs["charToGlyph"])  # also in reportlab's order
    assert quick._pdfScale(1234) == plain._pdfScale(1234)


def test_the_bundled_fonts_tables_are_reportlabs() -> None:
    path = str(font_path())
    quick, plain = QuickFace(path, subfontIndex=0), TTFontFace(path, subfontIndex=0)
    assert not set(LATER) & set(vars(quick))  # not made until read
    assert len(quick.charToGlyph) > 30_000 and len(quick.hmetrics) == quick.numGlyphs  # read in bulk, not skipped
    _same_face(quick, plain)


def test_another_character_map_is_left_to_reportlab() -> None:
    vera = str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")  # a format-4 character map
    _same_face(QuickFace(vera), TTFontFace(vera))


def test_the_registered_font_is_reportlabs_ttfont_but_for_its_face() -> None:
    path = str(font_path())
    ours, theirs = vars(_MarkedFont("F", path, subfontIndex=0)), vars(TTFont("F", path, subfontIndex=0))
    assert set(theirs) <= set(ours)
    for name in set(theirs) - {"face", "encoding", "state"}:
        assert ours[name] == theirs[name], name
    assert type(ours["encoding"]) is type(theirs["encoding"]) and vars(ours["encoding"]) == vars(theirs["encoding"])
    assert isinstance(ours["face"], QuickFace) and not ours["state"]
