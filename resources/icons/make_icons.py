"""Render the application icon (``app.svg``) to the PNG sizes and the Windows ``app.ico``.

Run with the project's Python after changing the drawing:
``QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/make_icons.py``.
Qt's SVG renderer draws every size from the vector drawing (no scaling of a large bitmap);
Pillow (installed with reportlab) packs the Windows sizes into one ``.ico``.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SVG = HERE / "app.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Windows Explorer and the taskbar pick from these (256 is stored PNG-compressed)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The drawing at ``size`` × ``size`` pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def to_pillow(image: QImage) -> Image.Image:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (keeps Qt alive)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        path = HERE / f"app-{size}.png"
        if not render(renderer, size).save(str(path), "PNG"):
            print(f"make_icons: cannot write {path}", file=sys.stderr)
            return 1
    images = [to_pillow(render(renderer, size)) for size in ICO_SIZES]
    largest = images[-1]
    largest.save(HERE / "app.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    print(f"make_icons: {len(PNG_SIZES)} PNG files and app.ico ({len(ICO_SIZES)} sizes) in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
