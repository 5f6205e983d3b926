"""A header click on the customer list, the audit trail, the refusals log and the document
register sorts in the database (the model reloads from the first page in that order);
a second click turns it round."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt

from sales_desk.services.admin import users
from sales_desk.ui.register_model import RegisterTableModel
from sales_desk.ui.tabs.admin.audit_model import AuditTableModel
from sales_desk.ui.tabs.admin.refusals_page import RefusalsTableModel
from sales_desk.ui.tabs.customers.list_model import COLUMN_INDEX, CustomerListModel
from sales_desk.ui.widgets.table import Table
from tests.conftest import PASSWORD
from tests.services.credit_flow import new_customer
from tests.ui.conftest import idle


def _view(qtbot, ctx, model: Any) -> Table:  # noqa: ANN001, ANN401
    table = Table("tests/paged_sort")
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(1200, 400)
    table.show()
    model.reload()  # the first page, as the page showing the list asks for it
    idle(qtbot, ctx)
    return table


def _click(qtbot, ctx, table: Table, column: int) -> None:  # noqa: ANN001
    header = table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(column) + 5, 5))
    idle(qtbot, ctx)


def _column(model: Any, field: str) -> int:  # noqa: ANN401
    return next(c for c, f in model.sort_fields.items() if f == field)


def test_a_header_click_sorts_the_customer_list_in_the_database(qtbot, ctx, person) -> None:  # noqa: ANN001
    rep, mgr = person("rep", "sales_rep"), person("mgr", "sales_manager")
    for i, region in enumerate(["north", "east", "central"]):
        new_customer(ctx.database, rep, name=f"客户{i}", code=f"S{i}", region=region)
    model = CustomerListModel(ctx, mgr)
    table = _view(qtbot, ctx, model)
    assert [model.row_at(i).code for i in range(3)] == ["S0", "S1", "S2"]  # by name until asked
    _click(qtbot, ctx, table, COLUMN_INDEX["region"])
    assert model.sorted_by == ("region", False)
    assert [model.row_at(i).region for i in range(3)] == ["central", "east", "north"]
    _click(qtbot, ctx, table, COLUMN_INDEX["region"])
    assert [model.row_at(i).region for i in range(3)] == ["north", "east", "central"]


def test_a_header_click_sorts_the_audit_trail_and_the_refusals_in_the_database(qtbot, ctx, boss) -> None:  # noqa: ANN001
    for name in ("bob", "ann"):
        users.add_user(ctx.uow(boss), name, PASSWORD, ["sales_rep"])
    with ctx.uow(boss) as uow:
        for i, reason in enumerate(["b", "c", "a"]):
            uow.refusal("approvals.approve_order", "rule", "order", str(i), reason, {"n": i})
        uow.commit()
    trail = AuditTableModel(ctx, boss)
    table = _view(qtbot, ctx, trail)
    newest_first = [trail.row_at(i).seq for i in range(trail.rowCount())]
    assert newest_first == sorted(newest_first, reverse=True)
    _click(qtbot, ctx, table, _column(trail, "seq"))
    assert [trail.row_at(i).seq for i in range(trail.rowCount())] == sorted(newest_first)

    log = RefusalsTableModel(ctx, boss)
    table = _view(qtbot, ctx, log)
    _click(qtbot, ctx, table, _column(log, "reason"))
    assert [log.row_at(i).reason for i in range(3)] == ["a", "b", "c"]
    _click(qtbot, ctx, table, _column(log, "reason"))
    assert [log.row_at(i).reason for i in range(3)] == ["c", "b", "a"]


def test_a_header_click_sorts_the_document_register_in_the_database(qtbot, ctx, boss) -> None:  # noqa: ANN001
    model = RegisterTableModel(ctx, boss)
    table = _view(qtbot, ctx, model)
    _click(qtbot, ctx, table, _column(model, "pages"))
    assert model.sorted_by == ("pages", False) and not model.is_loading()
