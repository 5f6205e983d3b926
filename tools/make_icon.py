"""Render the app icon (resources/icons/sales-desk.svg) to PNGs and a .ico.

    python tools/make_icon.py

Qt's SVG renderer draws each size (the window icon loads the PNGs); Pillow, already
installed as reportlab's dependency, packs the Windows .ico with one image per size
(Qt's ico writer stores only one). The outputs are committed, so a build needs neither.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int):  # noqa: ANN201 - QImage
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ICONS / "sales-desk.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts, painting
    images = []
    for size in SIZES:
        image = render(size)
        path = ICONS / f"sales-desk-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"could not write {path}")
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        images.append(Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA"))
        print(path)
    largest = images[-1]
    ico = ICONS / "sales-desk.ico"
    largest.save(ico, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    print(ico)
    return 0


if __name__ == "__main__":
    sys.exit(main())
