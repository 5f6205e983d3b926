"""Only the tab shown first is built before the window paints; the others follow, one per
turn of the event loop, or at once when the user picks one or another tab asks for it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from sales_desk.domain.common.roles import Role
from sales_desk.ui.main_window import MainWindow
from tests.ui.conftest import idle


class _WindowsShown(QObject):
    """Every widget that shows as a window of its own, but the main window."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow()
                and not isinstance(obj, MainWindow)):
            obj_text = getattr(obj, "text", lambda: "")()
            self.names.append(f"{type(obj).__name__} {obj.objectName()} {obj_text}".strip())
        return False


def test_only_the_first_tab_is_built_before_the_window_shows_and_the_rest_follow(qtbot, ctx, person) -> None:  # noqa: ANN001
    manager = person("mgr", "sales_manager")
    window = MainWindow(ctx, manager)
    qtbot.addWidget(window)
    first = window.tabs.currentWidget()
    assert first is window.tab("dashboard") and type(first) is not QWidget
    assert len(window.unbuilt_tabs()) == window.tabs.count() - 1
    window.show()
    qtbot.waitUntil(lambda: not window.unbuilt_tabs())
    assert all(type(window.tabs.widget(i)) is not QWidget for i in range(window.tabs.count()))
    assert window.tabs.currentWidget() is first
    idle(qtbot, ctx)


def test_choosing_a_tab_not_yet_built_builds_it_in_its_place_and_shows_it(qtbot, ctx, person) -> None:  # noqa: ANN001
    manager = person("mgr", "sales_manager")
    window = MainWindow(ctx, manager)
    qtbot.addWidget(window)
    index = next(i for i in range(window.tabs.count()) if window.tabs.widget(i).objectName() == "tab_orders")
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    window.tabs.setCurrentIndex(index)
    orders = window.tabs.currentWidget()
    assert orders.objectName() == "tab_orders" and type(orders) is not QWidget
    assert window.tabs.indexOf(orders) == index and "orders" not in window.unbuilt_tabs()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == titles
    idle(qtbot, ctx)


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_no_widget_opens_as_a_window_of_its_own_while_the_tabs_are_built(qtbot, ctx, person, role) -> None:  # noqa: ANN001
    """A button shown before it was laid out flashed as a window and took the focus away."""
    actor = person("someone", role)
    shown = _WindowsShown()
    app = QApplication.instance()
    app.installEventFilter(shown)
    try:
        window = MainWindow(ctx, actor)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(lambda: not window.unbuilt_tabs())
        assert window.isActiveWindow()
    finally:
        app.removeEventFilter(shown)
    assert shown.names == []
    idle(qtbot, ctx)


def test_a_list_in_a_tab_not_opened_queries_nothing_until_it_is_shown(qtbot, ctx, person, monkeypatch) -> None:  # noqa: ANN001
    """Its table laid out in a hidden tab asked for its first page and counted it, and that
    queued on the one runner ahead of the dashboard (at 100,000 customers, seconds)."""
    from sales_desk.services.orders import dispatch_register

    asked: list[str] = []
    for name in ("dispatch_register", "count_register"):
        real = getattr(dispatch_register, name)
        monkeypatch.setattr(dispatch_register, name,
                            lambda *a, _real=real, _name=name, **k: (asked.append(_name), _real(*a, **k))[1])
    manager = person("mgr", "sales_manager")
    window = MainWindow(ctx, manager)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.unbuilt_tabs())
    idle(qtbot, ctx)
    assert asked == []
    orders = window.tab("orders")
    window.tabs.setCurrentWidget(orders)
    register = orders.show_page("register")
    qtbot.waitUntil(lambda: "dispatch_register" in asked)
    qtbot.waitUntil(lambda: not register.model.is_loading())
    idle(qtbot, ctx)
