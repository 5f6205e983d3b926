"""`check`'s second half: who signed each audit row (domain/admin/signatures.py), and the
guarded tables against the trail (domain/admin/reconcile.py).

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
    RecordedApproval,
    differences,
    expected_values,
    unexplained_approvals,
)
from sales_desk.domain.admin.signatures import SignedRow, Unsigned, unsigned_rows
from sales_desk.domain.expenses.claims import StepStatus
from sales_desk.models import (
    AuditEntry,
    Customer,
    ExpenseClaim,
    ExpenseClaimStep,
    OrderApproval,
    SalesOrder,
    User,
    UserRole,
)

_BATCH = 5_000


def table_differences(uow: UnitOfWork) -> list[Difference]:
    """Every guarded field whose value the trail does not explain, oldest row first."""
    expected = expected_values(_changes(uow))
    found = differences("customer", "customers", _customers(uow), expected)
    found += differences("user", "users", _users(uow), expected)
    found += unexplained_approvals(_approvals(uow), _audited_approvals(uow))
    return found


_ORDER_ACTIONS = ("order.approve", "order.credit_override")


def _audited_approvals(uow: UnitOfWork) -> set[tuple[str, str, int, str]]:
    q = (select(AuditEntry.entity, AuditEntry.entity_id, AuditEntry.user_id, AuditEntry.action)
         .where(AuditEntry.entity.in_(("order", "expense_claim")),
                AuditEntry.action.like("order.%") | AuditEntry.action.like("expense.%"))
         .execution_options(yield_per=_BATCH))
    return {tuple(row) for row in uow.session.execute(q)}  # type: ignore[misc]


def _approvals(uow: UnitOfWork) -> Iterator[RecordedApproval]:
    names = {uid: name for uid, name in uow.session.execute(select(User.id, User.username))}
    q = (select(SalesOrder.id, SalesOrder.number, SalesOrder.approved_by_id)
         .where(SalesOrder.approved_by_id.is_not(None)).execution_options(yield_per=_BATCH))
    for oid, number, approver in uow.session.execute(q):
        yield RecordedApproval("sales_orders", oid, number, "order", oid, approver, names.get(approver, "?"),
                               _ORDER_ACTIONS)
    q = (select(OrderApproval.id, SalesOrder.number, OrderApproval.order_id, OrderApproval.approver_id,
                OrderApproval.kind).join(SalesOrder, SalesOrder.id == OrderApproval.order_id)
         .execution_options(yield_per=_BATCH))
    for aid, number, oid, approver, kind in uow.session.execute(q):
        yield RecordedApproval("sales_order_approvals", aid, number, "order", oid, approver,
                               names.get(approver, "?"), (f"order.{kind}",))
    q = (select(ExpenseClaimStep.id, ExpenseClaim.item, ExpenseClaimStep.claim_id, ExpenseClaimStep.actor_id,
                ExpenseClaimStep.kind, ExpenseClaimStep.status)
         .join(ExpenseClaim, ExpenseClaim.id == ExpenseClaimStep.claim_id)
         .where(ExpenseClaimStep.status.in_((StepStatus.APPROVED.value, StepStatus.REFUSED.value)),
                ExpenseClaimStep.actor_id.is_not(None))
         .execution_options(yield_per=_BATCH))
    for sid, number, cid, approver, kind, status in uow.session.execute(q):
        action = f"expense.{kind}" if status == StepStatus.APPROVED.value else "expense.refuse"
        yield RecordedApproval("expense_claim_steps", sid, number, "expense_claim", cid, approver,
                               names.get(approver, "?"), (action,))


def unsigned_audit_rows(uow: UnitOfWork) -> list[Unsigned]:
    """Rows the person they name did not sign: written by someone with the database, not the program."""
    q = (select(AuditEntry.seq, AuditEntry.user_id, AuditEntry.username, AuditEntry.action, AuditEntry.entity,
                AuditEntry.entity_id, AuditEntry.after, AuditEntry.hash, AuditEntry.signature)
         .order_by(AuditEntry.seq).execution_options(yield_per=_BATCH))
    return unsigned_rows(SignedRow(*row) for row in uow.session.execute(q))


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
    q = select(User.id, User.username, User.active, User.public_key).order_by(User.id)
    for user_id, name, active, public_key in uow.session.execute(q):
        yield user_id, name, {"roles": roles.get(user_id, []), "active": bool(active), "public_key": public_key}
