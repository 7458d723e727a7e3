"""The bundled CJK font, registered once with reportlab (embedded as a subset in every PDF)."""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..paths import font_path

FONT_NAME = "WQYMicroHei"


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """Register WenQuanYi Micro Hei (sub-font 0 of the bundled .ttc) and return its name."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=0))
    return FONT_NAME
