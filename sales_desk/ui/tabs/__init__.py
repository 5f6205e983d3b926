"""Pluggable tabs: each module's tab registers itself with the permissions it needs.

A later issue adds a tab by writing `ui/tabs/<module>/` and adding its module name to
TAB_MODULES. The main window shows only the tabs the user's roles allow, so modules
not built yet, or not allowed, are simply absent. Tabs do not import each other.

One tab asks for something to be opened in another (the dashboard's "waiting for me",
a warning's records) by emitting `sig_open_item(tab key, kind, id)`; the main window
shows that tab and hands the request to its spec's `opener`, which knows its own forms.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sales_desk.domain.common.roles import Actor, Perm

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from sales_desk.ui.context import AppContext

# In the order the tabs appear.
TAB_MODULES: tuple[str, ...] = ("sales_desk.ui.tabs.dashboard", "sales_desk.ui.tabs.customers", "sales_desk.ui.tabs.activities", "sales_desk.ui.tabs.credit", "sales_desk.ui.tabs.orders", "sales_desk.ui.tabs.opportunities", "sales_desk.ui.tabs.expenses", "sales_desk.ui.tabs.collections", "sales_desk.ui.tabs.performance", "sales_desk.ui.tabs.care", "sales_desk.ui.tabs.admin")


@dataclass(frozen=True)
class TabSpec:
    key: str  # stable id: remembered layout, tests
    title: str  # msgid, translated when shown
    permissions: frozenset[Perm]  # the tab shows if the user holds any of these
    factory: Callable[[AppContext, Actor], QWidget]
    order: int = 100
    # opener(tab widget, kind, id): open that item in this tab ("order", 42); False if
    # the tab has no such kind. None: nothing in the tab can be opened from elsewhere.
    opener: Callable[[QWidget, str, int], bool] | None = None
    # the window opens on this tab, whichever tab was open last time (a predicate: for whom)
    home: bool | Callable[[Actor], bool] = False

    def is_home_for(self, actor: Actor) -> bool:
        return self.home(actor) if callable(self.home) else self.home


_REGISTRY: dict[str, TabSpec] = {}


def register_tab(spec: TabSpec) -> TabSpec:
    _REGISTRY[spec.key] = spec
    return spec


def load_tabs() -> list[TabSpec]:
    for name in TAB_MODULES:
        importlib.import_module(name)
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key))


def tabs_for(actor: Actor) -> list[TabSpec]:
    """The tabs this user may open."""
    perms = actor.permissions
    return [s for s in load_tabs() if s.permissions & perms]
