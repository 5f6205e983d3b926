"""The app icon for every window (title bars, task bar, Alt+Tab), from the rendered PNGs.

PNGs rather than the SVG: they need no SVG plugin in the bundle and load in a few
milliseconds at start-up. tools/make_icon.py renders them from resources/icons/sales-desk.svg (at the project's top level).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from sales_desk.config import resources_dir

ICON_DIR = resources_dir() / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in SIZES:
        path = ICON_DIR / f"sales-desk-{size}.png"
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon
