"""Toolbar icons: small SVG drawings in ``resources/icons/toolbar/``, rendered by QtSvg.

Each is drawn at the sizes a toolbar asks for (and twice that for high-DPI screens) through
``QSvgRenderer`` rather than the SVG icon-engine plugin, so a bundle without Qt's plugins
still shows them. A missing drawing gives an empty icon: the action shows its text.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ..paths import resources_dir

SIZES = (16, 20, 24, 32, 48)


def toolbar_folder():
    return resources_dir() / "icons" / "toolbar"


@cache
def toolbar_icon(name: str) -> QIcon:
    """The icon ``resources/icons/toolbar/<name>.svg``; an empty icon when there is none."""
    path = toolbar_folder() / f"{name}.svg"
    renderer = QSvgRenderer(str(path)) if path.is_file() else None
    icon = QIcon()
    if renderer is None or not renderer.isValid():
        return icon
    for size in SIZES:
        image = QImage(QSize(size, size), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(QPixmap.fromImage(image))
    return icon
