"""Rows for the caring-for-customers tests, written straight into the tables (the orders'
own procedure is tested elsewhere; here only what the analysis reads matters)."""

from __future__ import annotations

from datetime import date

from sales_desk.models import (
    OrderLine,
    PriceList,
    PriceListLine,
    Product,
    Receivable,
    SalesOrder,
)

_n = [0]


def _next() -> int:
    _n[0] += 1
    return _n[0]


def add_product(database, by: int, code: str = "P-1", price: int = 10_000) -> int:  # noqa: ANN001
    with database.uow() as uow:
        p = Product(code=code, name=code, unit="台", list_price=price, floor_price=price // 2,
                    ceiling_price=price * 2)
        uow.session.add(p)
        uow.session.flush()
        pid = p.id
        uow.session.commit()
    return pid


def add_cost(database, by: int, product_id: int, unit_cost: int, effective: date,  # noqa: ANN001
             version: int = 1) -> None:
    with database.uow() as uow:
        pl = PriceList(version=version, status="approved", effective_from=effective, proposed_by_id=by)
        uow.session.add(pl)
        uow.session.flush()
        uow.session.add(PriceListLine(price_list_id=pl.id, product_id=product_id, list_price=10_000,
                                      floor_price=5_000, ceiling_price=20_000, unit_cost=unit_cost))
        uow.session.commit()


def add_order(database, customer_id: int, rep: int, on: date, lines: list[tuple[int, int, int]],  # noqa: ANN001
              status: str = "shipped") -> int:
    """lines: (product id, quantity, unit price)."""
    with database.uow() as uow:
        total = sum(q * p for _pid, q, p in lines)
        o = SalesOrder(number=f"SO-T{_next():05d}", customer_id=customer_id, rep_id=rep, created_by_id=rep,
                       status=status, order_date=on, total=total, shipped_value=total)
        uow.session.add(o)
        uow.session.flush()
        for i, (pid, q, p) in enumerate(lines, 1):
            uow.session.add(OrderLine(order_id=o.id, line_no=i, product_id=pid, quantity=q, unit_price=p,
                                      amount=q * p, list_price=p, floor_price=p, ceiling_price=p,
                                      shipped_qty=q))
        oid = o.id
        uow.session.commit()
    return oid


def add_debt(database, customer_id: int, due: date, amount: int) -> None:  # noqa: ANN001
    with database.uow() as uow:
        uow.session.add(Receivable(doc_no=f"INV-T{_next():05d}", kind="invoice", customer_id=customer_id,
                                   doc_date=due, due_date=due, amount=amount, open_amount=amount))
        uow.session.commit()
