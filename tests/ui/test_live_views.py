"""Live views (issue 17): another seat's change refreshes the open pages and a quiet note
names new items waiting for the user; the seat's own changes are left to the runner."""

from __future__ import annotations

from sales_desk.db.notify import Change
from sales_desk.services.customers import files as customers
from sales_desk.services.customers.data import CustomerInput
from sales_desk.ui.main_window import MainWindow
from sales_desk.ui.widgets.page import REMOTE
from tests.ui.conftest import idle


def test_another_seats_change_refreshes_the_views_and_notes_new_items_waiting(qtbot, ctx, person) -> None:
    supervisor = person("sup", "sales_supervisor")
    rep = person("rep", "sales_rep")
    window = MainWindow(ctx, supervisor)
    qtbot.addWidget(window)
    idle(qtbot, ctx)
    topics: list[str] = []
    ctx.runner.sig_data_changed.connect(topics.append)

    customers.create_customer(ctx.uow(rep), CustomerInput(name="华东贸易"))  # a new file to review
    ctx.database.changes.publish(Change(frozenset({"customer"}), rep.user_id))  # this process's own
    qtbot.wait(400)
    assert topics == []  # the runner announces this seat's own changes

    ctx.database.changes.publish(Change(frozenset({"customer"}), rep.user_id, origin="desk-2:42:ab"))
    ctx.database.changes.publish(Change(frozenset({"customer"}), rep.user_id, origin="desk-2:42:ab"))
    qtbot.waitUntil(lambda: topics == [REMOTE], timeout=5_000)  # a burst refreshes once
    qtbot.waitUntil(lambda: "1 new item is waiting for you." in window.statusBar().currentMessage(),
                    timeout=20_000)
    idle(qtbot, ctx)
