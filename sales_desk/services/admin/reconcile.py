"""`check`'s second half: the guarded tables against the audit trail (domain/admin/reconcile.py).

Reads the audit rows that set guarded fields and the tables' current values, streamed, so
a firm of 100,000 customers is checked without holding its trail in memory."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.reconcile import (
    CUSTOMER_ACTIONS,
    CUSTOMER_FIELDS,
    USER_ACTIONS,
    AuditedChange,
    Difference,
    differences,
    expected_values,
)
from sales_desk.models import AuditEntry, Customer, User, UserRole

_BATCH = 5_000


def table_differences(uow: UnitOfWork) -> list[Difference]:
    """Every guarded field whose value the trail does not explain, oldest row first."""
    expected = expected_values(_changes(uow))
    found = differences("customer", "customers", _customers(uow), expected)
    found += differences("user", "users", _users(uow), expected)
    return found


def _changes(uow: UnitOfWork) -> Iterator[AuditedChange]:
    q = (select(AuditEntry.seq, AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.after)
         .where(AuditEntry.action.in_(CUSTOMER_ACTIONS + USER_ACTIONS))
         .order_by(AuditEntry.seq)
         .execution_options(yield_per=_BATCH))
    for row in uow.session.execute(q):
        yield AuditedChange(row.seq, row.action, row.entity, row.entity_id, row.after)


def _customers(uow: UnitOfWork) -> Iterator[tuple[int, str, dict[str, object]]]:
    columns = [getattr(Customer, f) for f in CUSTOMER_FIELDS]
    q = select(Customer.id, Customer.code, *columns).order_by(Customer.id).execution_options(yield_per=_BATCH)
    for row in uow.session.execute(q):
        yield row[0], row[1], dict(zip(CUSTOMER_FIELDS, row[2:], strict=True))


def _users(uow: UnitOfWork) -> Iterator[tuple[int, str, dict[str, object]]]:
    roles: dict[int, list[str]] = {}
    for user_id, role in uow.session.execute(select(UserRole.user_id, UserRole.role).order_by(UserRole.role)):
        roles.setdefault(user_id, []).append(role)
    for user_id, name, active in uow.session.execute(select(User.id, User.username, User.active).order_by(User.id)):
        yield user_id, name, {"roles": roles.get(user_id, []), "active": bool(active)}
