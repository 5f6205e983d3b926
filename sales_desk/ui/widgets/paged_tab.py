"""A tab of pages: their list on the left, the chosen page on the right.

Each page declares the rights that show it, so a user sees only the pages their duties
need. The page last chosen is remembered per user (several people may share one PC,
each with their own work queue); the first time, the user's home page opens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets.page import Page


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # msgid
    permissions: frozenset[Perm]  # shown to holders of any of these…
    factory: Callable[[AppContext, Actor], Page]
    unless: frozenset[Perm] = frozenset()  # …unless they hold one of these (it is in their other tab)

    def shows_for(self, actor: Actor) -> bool:
        return bool(self.permissions & actor.permissions) and not (self.unless & actor.permissions)


def tab_permissions(specs: Iterable[PageSpec]) -> frozenset[Perm]:
    """The rights that show the tab: any that shows one of its pages."""
    return frozenset().union(*(s.permissions for s in specs))


class PagedTab(QWidget):
    settings_key = ""  # names the nav list and the remembered page: "credit" → credit/page/<user>
    nav_min_width = 150

    def __init__(self, ctx: AppContext, actor: Actor, specs: Iterable[PageSpec], home: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.nav = QListWidget()
        self.nav.setObjectName(f"{self.settings_key}_nav")
        self.nav.setStyleSheet("QListWidget::item { padding: 5px 6px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        for spec in specs:
            if not spec.shows_for(actor):
                continue
            page = spec.factory(ctx, actor)
            page.setObjectName(f"page_{spec.key}")
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            self.nav.addItem(_(spec.title))
        self.nav.setFixedWidth(max(self.nav_min_width, self.nav.sizeHintForColumn(0) + 28))
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self._page_key = f"{self.settings_key}/page/{actor.username}"
        keys = list(self.pages)
        last = geometry.settings().value(self._page_key)
        start = last if last in keys else home
        self.nav.setCurrentRow(keys.index(start) if start in keys else 0)
        self.stack.setCurrentIndex(self.nav.currentRow())
        self.nav.currentRowChanged.connect(self._show_page)

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        geometry.settings().setValue(self._page_key, list(self.pages)[row])

    def show_page(self, key: str) -> Page:
        self.nav.setCurrentRow(list(self.pages).index(key))
        return self.pages[key]

    def save_layout(self) -> None:
        for page in self.pages.values():
            page.save_layout()
