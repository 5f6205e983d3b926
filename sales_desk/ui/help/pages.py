"""Where the user guide's pages are, in the reader's language; no Qt, so tests read it plainly.

The guide is HTML in resources/help/<language>/ (resources/ ships inside the package and the
bundle), one page per tab and one per role's daily work, with pictures made by
tools/screenshots.py in resources/help/img/. A page missing in a language falls back to English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from sales_desk.config import resources_dir

FALLBACK_LANGUAGE = "en"
CONTENTS = "index"

# The contents, in reading order: the start page, a page per tab (keyed like the tabs, in
# ui/tabs TAB_MODULES order; Dispatch, registered by the orders module, after Orders), then
# a page per role's day.
TAB_PAGES: tuple[str, ...] = ("dashboard", "customers", "activities", "credit", "orders",
                              "warehouse", "opportunities", "expenses", "collections",
                              "performance", "care", "admin")
ROLE_PAGES: tuple[str, ...] = ("role-sales-rep", "role-supervisor", "role-vp", "role-gm", "role-finance",
                               "role-cashier", "role-warehouse", "role-admin")
PAGES: tuple[str, ...] = (CONTENTS, *TAB_PAGES, *ROLE_PAGES)

_TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class GuidePage:
    key: str
    title: str
    path: Path


def help_dir() -> Path:
    return resources_dir() / "help"


def page_path(key: str, language: str) -> Path:
    """The page `key` in `language`, else in English."""
    for lang in (language, FALLBACK_LANGUAGE):
        path = help_dir() / lang / f"{key}.html"
        if path.is_file():
            return path
    raise FileNotFoundError(f"no help page {key!r}")


def page_for_tab(tab_key: str | None) -> str:
    """The page F1 opens on a tab: the tab's own, or the contents."""
    return tab_key if tab_key in TAB_PAGES else CONTENTS


def key_of(path: Path) -> str | None:
    """Which page a file shown in the help window is (links move between pages)."""
    return path.stem if path.stem in PAGES else None


def contents(language: str) -> list[GuidePage]:
    """Every page with its title (each page's <title>, written in its language)."""
    pages = []
    for key in PAGES:
        path = page_path(key, language)
        found = _TITLE.search(path.read_text(encoding="utf-8"))
        pages.append(GuidePage(key, unescape(found.group(1).strip()) if found else key, path))
    return pages
