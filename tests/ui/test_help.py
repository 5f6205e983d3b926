"""Help: F1 opens the user guide at the current tab's page, in the reader's language; every
page exists in both languages with its pictures and links; About names the version, the data
folder, the database without its password, and the licences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from sales_desk import __version__
from sales_desk.config import resources_dir
from sales_desk.ui.context import AppContext
from sales_desk.ui.help.about import about_html
from sales_desk.ui.help.about_info import MAIN_DEPENDENCIES
from sales_desk.ui.help.pages import PAGES, ROLE_PAGES, TAB_PAGES, contents, page_for_tab, page_path
from sales_desk.ui.language import apply_language
from sales_desk.ui.main_window import MainWindow
from sales_desk.ui.tabs import TAB_MODULES, load_tabs
from tests.ui.conftest import idle

LANGUAGES = ("en", "zh_CN")


def _window(qtbot, ctx, actor) -> MainWindow:  # noqa: ANN001
    window = MainWindow(ctx, actor)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    idle(qtbot, ctx)
    return window


def _tab(window: MainWindow, key: str) -> QWidget:
    return window.tab(key)


@pytest.fixture
def restore_english() -> None:
    yield
    apply_language("en")


def test_f1_opens_the_guide_at_the_current_tabs_page(qtbot, ctx, person) -> None:  # noqa: ANN001
    window = _window(qtbot, ctx, person("rep1", "sales_rep"))
    window.tabs.setCurrentWidget(_tab(window, "credit"))
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_F1)
    guide = window.help_menu.guide
    assert guide is not None and guide.isVisible()
    assert guide.current_key == "credit"
    assert guide.pages.currentItem().text() == "Credit"

    window.tabs.setCurrentWidget(_tab(window, "customers"))
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_F1)
    assert window.help_menu.guide is guide  # one guide window, moved to the new page
    assert guide.current_key == "customers"


def test_a_link_followed_in_the_guide_moves_the_contents_with_it(qtbot, ctx, person) -> None:  # noqa: ANN001
    window = _window(qtbot, ctx, person("rep2", "sales_rep"))
    guide = window.help_menu.open_guide()
    guide.browser.setSource(guide.browser.source().resolved("role-finance.html"))
    assert guide.current_key == "role-finance"
    assert guide.pages.currentItem().text() == "Finance: a day's work"


def test_the_guide_is_in_the_readers_language(qtbot, ctx, person, restore_english) -> None:  # noqa: ANN001
    apply_language("zh_CN")
    window = _window(qtbot, ctx, person("rep3", "sales_rep"))
    window.tabs.setCurrentWidget(_tab(window, "customers"))
    guide = window.help_menu.open_guide()
    assert Path(guide.browser.source().toLocalFile()).parent.name == "zh_CN"
    assert "客户档案" in guide.browser.toPlainText()
    assert guide.pages.item(0).text() == "用户指南"


def test_help_menu_offers_the_guide_on_f1_and_about(qtbot, ctx, person) -> None:  # noqa: ANN001
    window = _window(qtbot, ctx, person("rep4", "sales_rep"))
    assert window.help_menu.guide_action.shortcut().toString() == "F1"
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-1] == "Help"
    about = window.help_menu.open_about()
    text = about.text.toPlainText()
    assert __version__ in text and str(ctx.database.config.data_dir) in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_of_the_guide_is_there_with_its_pictures_and_links(lang: str) -> None:
    for key in PAGES:
        path = page_path(key, lang)
        assert path.parent.name == lang, f"{key} has no {lang} page"
        html = path.read_text(encoding="utf-8")
        for src in re.findall(r'<img src="([^"]+)"', html):
            assert (path.parent / src).is_file(), f"{lang}/{key}: picture {src} missing"
        for href in re.findall(r'<a href="([^"]+)"', html):
            assert (path.parent / href).is_file(), f"{lang}/{key}: link {href} leads nowhere"
    assert len({p.title for p in contents(lang)}) == len(PAGES)  # every page has its own title


def test_the_guide_has_a_page_per_tab_and_per_role() -> None:
    assert len(ROLE_PAGES) == 8
    shown_tabs = {spec.key for spec in load_tabs()}
    assert shown_tabs == set(TAB_PAGES), TAB_MODULES
    assert page_for_tab("orders") == "orders" and page_for_tab("no-such-tab") == "index"


def test_the_guides_pictures_are_small() -> None:
    pictures = list((resources_dir() / "help" / "img").glob("*.png"))
    assert pictures
    assert sum(p.stat().st_size for p in pictures) < 3_000_000
    assert max(p.stat().st_size for p in pictures) < 150_000
    pages = "".join(path.read_text(encoding="utf-8") for path in (resources_dir() / "help").glob("*/*.html"))
    assert [p.name for p in pictures if f"img/{p.name}" not in pages] == []  # none shipped for nothing


def test_about_names_the_database_without_its_password(ctx) -> None:  # noqa: ANN001
    # A server's URL as named before the database opened (an open one hides it itself).
    before_open = AppContext(None, ctx.runner, where="postgresql+psycopg://seat:hunter2@db.example/firm")
    html = about_html(before_open)
    assert "hunter2" not in html
    assert "postgresql+psycopg://seat:***@db.example/firm" in html


def test_about_lists_the_licences_of_the_project_and_its_main_dependencies(ctx) -> None:  # noqa: ANN001
    html = about_html(ctx)
    for name, _purpose, licence in MAIN_DEPENDENCIES:
        assert name in html and licence in html
    assert "Proprietary" in html
