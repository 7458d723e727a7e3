"""The bundled CJK font as the application font (the machine may have no Chinese font)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..paths import font_path

_FAMILY: list[str] = []


def install_font(app: QApplication) -> str:
    """Register WenQuanYi Micro Hei once and make it the application font; returns the family."""
    if not _FAMILY:
        font_id = QFontDatabase.addApplicationFont(str(font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _FAMILY.append(families[0] if families else "")
    family = _FAMILY[0]
    if family:
        font = QFont(family)
        font.setPointSize(max(app.font().pointSize(), 10))
        app.setFont(font)
    return family
