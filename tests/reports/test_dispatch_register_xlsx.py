"""The dispatch register to Excel: every movement, returns negative, text never a formula,
nothing left on cancel, audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from sales_desk.domain.common.errors import Cancelled
from sales_desk.models import AuditEntry
from sales_desk.reports.orders.dispatch_register_xlsx import export_register_xlsx
from sales_desk.services.orders import dispatch, dispatch_register
from sales_desk.services.orders import views as order_views
from sales_desk.services.orders.dispatch import ReturnInput
from sales_desk.services.orders.dispatch_register import RegisterFilter
from tests.services.order_flow import approved, credit_customer, product, ship, team


def test_register_exports_every_movement_with_returns_negative(database, make_user, tmp_path: Path) -> None:
    t = team(make_user)
    cid = credit_customer(database, t, name="=HYPERLINK(\"http://x\")贸易公司")
    pid = product(database, t)
    oid = approved(database, t, cid, [(pid, 10, "95.00")])
    line = order_views.get_order(database.uow(t.wh), oid).lines[0].id
    sid = ship(database, t, oid, {line: 4}, tracking_no="+86 SF001")
    ship(database, t, oid, {line: 6})
    m = dispatch_register.get_shipment(database.uow(t.rep), sid).lines[0].movement_id
    dispatch.record_return(database.uow(t.rep), sid, ReturnInput({m: 1}, "破损"))

    out = tmp_path / "register.xlsx"
    assert export_register_xlsx(database.uow(t.wh), out) == 3
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("Date", "Movement", "Document", "Order")
    kinds = [(r[1], r[9], r[11]) for r in rows[1:]]
    assert ("Returned", -1, -95) in kinds and ("Shipped", 4, 380) in kinds
    assert all(r[5] == "=HYPERLINK(\"http://x\")贸易公司" for r in rows[1:])
    assert ws.cell(2, 6).data_type == "s"  # a string, not a formula
    assert any(r[13] == "+86 SF001" for r in rows[1:])

    only_returns = tmp_path / "returns.xlsx"
    assert export_register_xlsx(database.uow(t.wh), only_returns, RegisterFilter(kind="return")) == 1
    with database.uow() as uow:
        audited = list(uow.session.scalars(select(AuditEntry.after).where(
            AuditEntry.action == "dispatch.export_register")))
    assert len(audited) == 2 and '"rows":3' in audited[0] and '"kind":"return"' in audited[1]


def test_cancelled_export_leaves_no_file_and_no_audit(database, make_user, tmp_path: Path) -> None:
    t = team(make_user)
    cid = credit_customer(database, t)
    pid = product(database, t)
    oid = approved(database, t, cid, [(pid, 10, None)])
    ship(database, t, oid, {order_views.get_order(database.uow(t.wh), oid).lines[0].id: 1})

    def cancel(rows: int) -> None:
        raise Cancelled()

    out = tmp_path / "register.xlsx"
    with pytest.raises(Cancelled):
        export_register_xlsx(database.uow(t.wh), out, progress=cancel)
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    with database.uow() as uow:
        assert uow.session.scalar(select(AuditEntry.seq).where(
            AuditEntry.action == "dispatch.export_register")) is None
