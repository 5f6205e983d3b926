"""Every table model of the Orders and Warehouse tabs passes Qt's model tester, empty and
filled, and the paged ones page by keyset to the end."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex

from sales_desk.services.orders import products
from sales_desk.services.orders import views as order_views
from sales_desk.ui.tabs.orders.lines_model import PRICE, PRODUCT, QUANTITY, EditLine, LinesModel
from sales_desk.ui.tabs.orders.notices_page import NoticesModel
from sales_desk.ui.tabs.orders.order_list import OrderListModel
from sales_desk.ui.tabs.orders.register_page import RegisterModel
from tests.services.order_flow import approved, credit_customer, draft, product, ship, team
from tests.ui.conftest import idle


@pytest.fixture
def t(person):  # noqa: ANN001
    return team(person)


@pytest.fixture
def pid(ctx, t) -> int:  # noqa: ANN001
    return product(ctx.database, t)


def _all(qtbot, ctx, model) -> list:  # noqa: ANN001
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        idle(qtbot, ctx)
    return [model.row_at(i) for i in range(model.rowCount())]


def test_lines_model_passes_the_model_tester_while_lines_are_edited(ctx, t, pid, qtmodeltester) -> None:  # noqa: ANN001
    model = LinesModel()
    qtmodeltester.check(model)
    model.set_products(products.list_products(ctx.uow(t.rep)))
    model.set_lines([EditLine()], editable=True)
    qtmodeltester.check(model)
    assert model.setData(model.index(0, PRODUCT), pid) and model.setData(model.index(0, QUANTITY), 4)
    assert model.setData(model.index(0, PRICE), "95.50") and model.total() == 38_200
    assert not model.setData(model.index(0, QUANTITY), 0)  # a whole number above 0
    model.add_line(pid)
    qtmodeltester.check(model)
    model.remove_line(0)
    assert model.rowCount() == 1 and model.total() == 10_000
    model.set_lines(model.lines(), editable=False, shipping=True)
    qtmodeltester.check(model)
    assert model.columnCount() == 9 and not model.setData(model.index(0, QUANTITY), 2)  # read-only


def test_order_list_model_passes_the_model_tester_and_pages_newest_first(qtbot, ctx, t, pid, qtmodeltester) -> None:  # noqa: ANN001
    cid = credit_customer(ctx.database, t)
    ids = [draft(ctx.database, t, cid, [(pid, n + 1, None)]) for n in range(5)]
    model = OrderListModel(ctx, t.rep, page_size=2)
    qtmodeltester.check(model)
    idle(qtbot, ctx)
    assert model.rowCount() == 2 and model.canFetchMore(QModelIndex())
    assert [r.id for r in _all(qtbot, ctx, model)] == ids[::-1]
    qtmodeltester.check(model)
    assert model.index(0, 4).data() == "Draft" and model.index(0, 5).data() == "500.00"


def test_notices_model_passes_the_model_tester_and_pages(qtbot, ctx, t, pid, qtmodeltester) -> None:  # noqa: ANN001
    cid = credit_customer(ctx.database, t)
    ids = [approved(ctx.database, t, cid, [(pid, 1, None)]) for _n in range(3)]
    model = NoticesModel(ctx, t.wh, page_size=2)
    qtmodeltester.check(model)
    idle(qtbot, ctx)
    assert [r.order_id for r in _all(qtbot, ctx, model)] == ids  # oldest approval first
    qtmodeltester.check(model)


def test_register_model_passes_the_model_tester_and_pages(qtbot, ctx, t, pid, qtmodeltester) -> None:  # noqa: ANN001
    cid = credit_customer(ctx.database, t)
    for _n in range(3):
        oid = approved(ctx.database, t, cid, [(pid, 2, None)])
        ship(ctx.database, t, oid, {order_views.get_order(ctx.uow(t.wh), oid).lines[0].id: 2})
    model = RegisterModel(ctx, t.mgr, page_size=2)
    qtmodeltester.check(model)
    idle(qtbot, ctx)
    rows = _all(qtbot, ctx, model)
    assert len(rows) == 3 and [r.movement_id for r in rows] == sorted((r.movement_id for r in rows), reverse=True)
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Shipped" and model.index(0, 9).data() == "200.00"
