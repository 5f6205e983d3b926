"""A TrueType CJK font for every PDF, found at run time and registered once per process.

Reportlab embeds TrueType fonts as subsets (only the glyphs used), so a printed form
shows the same Chinese on any machine. Its built-in STSong-Light is not embedded
(viewers substitute), and Noto/Source Han CJK fonts carry PostScript outlines that
reportlab cannot read: candidates that fail to load are skipped.

Order: $SALES_DESK_CJK_FONT, a font bundled in resources/fonts/ (sales_desk/resources/fonts/ once installed), then the
usual system fonts on Linux, Windows and macOS.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from sales_desk.config import resources_dir
from sales_desk.domain.common.errors import DomainError
from sales_desk.i18n import _

ENV_FONT = "SALES_DESK_CJK_FONT"
FONT_NAME = "SalesDeskCJK"
BUNDLED_DIR = resources_dir() / "fonts"

_LINUX = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
)
_WINDOWS_NAMES = ("msyh.ttc", "msyh.ttf", "simsun.ttc", "simhei.ttf", "simkai.ttf", "msjh.ttc")
_MAC = (
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)


class CJKFontNotFound(DomainError):
    refusal = None  # the machine lacks a font, not a control

    def __init__(self, tried: list[str]):
        self.tried = tried
        super().__init__(_(
            "No Chinese TrueType font was found for printing. Install one (for example "
            "WenQuanYi Micro Hei, package fonts-wqy-microhei) or set {env} to a .ttf/.ttc file. "
            "Looked in: {paths}").format(env=ENV_FONT, paths=", ".join(tried) or "-"))


@dataclass(frozen=True)
class RegisteredFont:
    name: str
    path: Path


_lock = threading.Lock()
_registered: RegisteredFont | None = None


def candidates(env: dict[str, str] | os._Environ[str] | None = None) -> list[Path]:
    env = os.environ if env is None else env
    out: list[Path] = []
    if env.get(ENV_FONT):
        out.append(Path(env[ENV_FONT]).expanduser())
    if BUNDLED_DIR.is_dir():
        out += sorted(p for p in BUNDLED_DIR.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))
    if sys.platform.startswith("win"):
        fonts = Path(env.get("WINDIR", r"C:\Windows")) / "Fonts"
        out += [fonts / n for n in _WINDOWS_NAMES]
    elif sys.platform == "darwin":
        out += [Path(p) for p in _MAC]
    else:
        out += [Path(p) for p in _LINUX]
    return out


def _load(path: Path):  # noqa: ANN202 - a reportlab TTFont
    from reportlab.pdfbase.ttfonts import TTFont

    # A .ttc holds several faces; the first is the regular one in the fonts we list.
    if path.suffix.lower() == ".ttc":
        return TTFont(FONT_NAME, str(path), subfontIndex=0)
    return TTFont(FONT_NAME, str(path))


def cjk_font() -> RegisteredFont:
    """Register the first loadable candidate with reportlab (once) and return it."""
    global _registered
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is not None:
            return _registered
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics

        tried: list[str] = []
        for path in candidates():
            tried.append(str(path))
            if not path.is_file():
                continue
            try:
                font = _load(path)
            except Exception:  # PostScript outlines, a damaged file: try the next one
                continue
            pdfmetrics.registerFont(font)
            # One face serves as normal and bold: <b> in a paragraph must not fail.
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT_NAME, bold, italic, FONT_NAME)
            _registered = RegisteredFont(FONT_NAME, path)
            return _registered
        raise CJKFontNotFound(tried)
