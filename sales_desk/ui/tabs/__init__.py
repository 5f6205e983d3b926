"""Pluggable tabs: each module's tab registers itself with the permissions it needs.

A later issue adds a tab by writing `ui/tabs/<module>/` and adding its module name to
TAB_MODULES. The main window shows only the tabs the user's roles allow, so modules
not built yet, or not allowed, are simply absent. Tabs do not import each other.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sales_desk.domain.roles import Actor, Perm

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from sales_desk.ui.context import AppContext

# In the order the tabs appear.
TAB_MODULES: tuple[str, ...] = ("sales_desk.ui.tabs.customers", "sales_desk.ui.tabs.credit", "sales_desk.ui.tabs.orders", "sales_desk.ui.tabs.expenses", "sales_desk.ui.tabs.collections", "sales_desk.ui.tabs.admin")


@dataclass(frozen=True)
class TabSpec:
    key: str  # stable id: remembered layout, tests
    title: str  # msgid, translated when shown
    permissions: frozenset[Perm]  # the tab shows if the user holds any of these
    factory: Callable[[AppContext, Actor], QWidget]
    order: int = 100


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
