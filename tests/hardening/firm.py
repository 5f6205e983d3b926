"""The hardening suite's world: a demo-loaded SQLite template, its people as Actors, the
business actions a day brings (each one service call, one commit) and the ledger's invariants."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from sales_desk import clock
from sales_desk.config import AppConfig
from sales_desk.db.database import Database, open_database
from sales_desk.demo import firm as demo
from sales_desk.domain.common.roles import Actor, Perm, Role
from sales_desk.domain.credit.rating import DowngradeTrigger
from sales_desk.models import (
    Customer,
    ExpenseClaim,
    Product,
    Receipt,
    Receivable,
    ReceivableAllocation,
    SalesOrder,
    User,
    UserRole,
    WriteOff,
)
from sales_desk.models.credit import RatingProposal
from sales_desk.models.orders import OrderLine
from sales_desk.services.admin import auth
from sales_desk.services.collections import receipts, writeoffs
from sales_desk.services.collections.receipts import ReceiptInput
from sales_desk.services.credit import position as credit
from sales_desk.services.credit import rating as credit_rating
from sales_desk.services.expenses import approvals as expense_approvals
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses.approvals import PaymentInput
from sales_desk.services.expenses.claims import ClaimInput
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import dispatch
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders.dispatch import ReturnInput, ShipmentInput
from sales_desk.services.orders.dispatch_register import shipment_view
from sales_desk.services.orders.entry import OrderInput, OrderLineInput

DB_FILE = "sales-desk.sqlite"
SKIP = "nothing to act on"  # an action found no target and called no service


def config(folder: Path) -> AppConfig:
    return AppConfig(data_dir=folder, language="en")


def make_template(folder: Path) -> None:
    """The demo firm in a fresh SQLite folder (about a second); tests copy it."""
    db = open_database(config(folder))
    try:
        admin = auth.create_first_admin(db.uow(), "admin", "correct horse battery", "系统管理员")
        demo.load_demo(db.uow(admin))
    finally:
        db.close()


def copy_template(template: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy2(template / DB_FILE, folder / DB_FILE)  # closed cleanly: no WAL to carry
    return folder


def today():  # noqa: ANN201
    return clock.today()


def people(db: Database) -> list[Actor]:
    """Every active user as the services see them, the admin included (no password hashing)."""
    with db.uow() as uow:
        roles: dict[int, set[Role]] = {}
        for ur in uow.session.scalars(select(UserRole)):
            roles.setdefault(ur.user_id, set()).add(Role(ur.role))
        return [Actor(u.id, u.username, frozenset(roles.get(u.id, ())))
                for u in uow.session.scalars(select(User).order_by(User.id)) if u.active]


def by_role(actors: list[Actor], role: Role) -> list[Actor]:
    return [a for a in actors if role in a.roles]


# -- business actions: (db, rng, actor) → a service's result; each picks its target from the state


def _pick(db: Database, stmt, rng: random.Random):  # noqa: ANN001, ANN202
    with db.uow() as uow:
        rows = list(uow.session.execute(stmt).all())
    if not rows:
        return None
    return rng.choice(rows)


def create_order(db: Database, rng: random.Random, actor: Actor):  # noqa: ANN201
    own = select(Customer.id).where(Customer.rep_id == actor.user_id) if Role.SALES_REP in actor.roles \
        else select(Customer.id)
    c = _pick(db, own.where(Customer.payment_mode == "credit", Customer.credit_hold.is_(False)), rng) \
        or _pick(db, select(Customer.id), rng)
    with db.uow() as uow:
        products = list(uow.session.scalars(select(Product.id).where(Product.active.is_(True))))
    lines = [OrderLineInput(pid, rng.randint(1, 4), None) for pid in rng.sample(products, rng.randint(1, 2))]
    return orders.create_order(db.uow(actor), OrderInput(c[0], lines, days_to_pay=30,
                                                         delivery_terms="汽运送货上门"))


def _order_in(db: Database, rng: random.Random, *statuses: str, actor: Actor | None = None):  # noqa: ANN202
    """An order in one of `statuses` (a rep's own when the actor is a rep: theirs to work on)."""
    stmt = select(SalesOrder.id).where(SalesOrder.status.in_(statuses))
    if actor is not None and Role.SALES_REP in actor.roles:
        stmt = stmt.where(SalesOrder.rep_id == actor.user_id)
    row = _pick(db, stmt, rng)
    return None if row is None else row[0]


def submit_order(db, rng, actor):  # noqa: ANN001, ANN201
    oid = _order_in(db, rng, "draft", actor=actor)
    return SKIP if oid is None else orders.submit_order(db.uow(actor), oid)


def sign_order(db, rng, actor):  # noqa: ANN001, ANN201
    oid = _order_in(db, rng, "submitted", actor=actor)
    return SKIP if oid is None else orders.sign_order(db.uow(actor), oid)


def approve_order(db, rng, actor):  # noqa: ANN001, ANN201
    oid = _order_in(db, rng, "signed")
    return SKIP if oid is None else order_approvals.approve_order(db.uow(actor), oid)


def override_credit(db, rng, actor):  # noqa: ANN001, ANN201
    row = _pick(db, select(SalesOrder.id, SalesOrder.total).where(SalesOrder.status == "blocked"), rng)
    return SKIP if row is None else order_approvals.override_credit(
        db.uow(actor), row[0], row[1], "老客户，付款记录良好，总经理同意放行")


def ship(db, rng, actor):  # noqa: ANN001, ANN201
    row = _pick(db, select(SalesOrder.id).where(SalesOrder.status.in_(("approved", "partly_shipped")),
                                               SalesOrder.prepayment_required <= SalesOrder.prepayment_received), rng)
    if row is None:
        return SKIP
    oid = row[0]
    with db.uow() as uow:
        qty = {ln.id: ln.quantity - ln.shipped_qty for ln in uow.session.scalars(
            select(OrderLine).where(OrderLine.order_id == oid)) if ln.quantity > ln.shipped_qty}
    return dispatch.ship_order(db.uow(actor), oid, ShipmentInput(
        qty, None, "顺丰速运", f"SF{rng.randint(10**9, 10**10 - 1)}", checked=True))


def record_return(db, rng, actor):  # noqa: ANN001, ANN201
    from sales_desk.models import Shipment

    row = _pick(db, select(Shipment.id), rng)
    if row is None:
        return SKIP
    with db.uow(actor) as uow:
        lines = [ln for ln in shipment_view(uow, row[0]).lines if ln.movement_id]
    if not lines:
        return SKIP
    return dispatch.record_return(db.uow(actor), row[0], ReturnInput({rng.choice(lines).movement_id: 1},
                                                                     "外壳运输途中破损，客户退回"))


def record_receipt(db, rng, actor):  # noqa: ANN001, ANN201
    row = _pick(db, select(Receivable.customer_id, func.sum(Receivable.open_amount))
                .where(Receivable.open_amount > 0).group_by(Receivable.customer_id), rng)
    if row is None:
        return SKIP
    amount = rng.randint(1, row[1]) if rng.random() < 0.7 else row[1]
    return receipts.record_receipt(db.uow(actor), ReceiptInput(row[0], amount, None, "transfer", "工行回单"))


def reverse_receipt(db, rng, actor):  # noqa: ANN001, ANN201 - a bounced cheque
    row = _pick(db, select(Receipt.id).where(Receipt.reversed_on.is_(None)), rng)
    return SKIP if row is None else receipts.reverse_receipt(db.uow(actor), row[0], "支票退票")


def recover_written_off(db, rng, actor):  # noqa: ANN001, ANN201 - money for a debt written off
    row = _pick(db, select(WriteOff.customer_id).where(WriteOff.status == "approved").distinct(), rng)
    if row is None:
        return SKIP
    with db.uow() as uow:
        still = sum(left for _w, left in receipts.written_off(uow, row[0]).values())
    if not still:
        return SKIP
    return receipts.record_receipt(db.uow(actor), ReceiptInput(
        row[0], rng.randint(1, still), None, "transfer", "法院执行款", recovers_write_off=True))


def submit_writeoff(db, rng, actor):  # noqa: ANN001, ANN201
    row = _pick(db, select(Receivable.customer_id).where(Receivable.open_amount > 0).distinct(), rng)
    return SKIP if row is None else writeoffs.submit_writeoff(db.uow(actor), row[0], "客户已注销，无法追回")


def decide_writeoff(db, rng, actor):  # noqa: ANN001, ANN201
    row = _pick(db, select(WriteOff.id).where(WriteOff.status == "submitted"), rng)
    return SKIP if row is None else writeoffs.decide_writeoff(db.uow(actor), row[0], rng.random() < 0.7)


def apply_expense(db, rng, actor, purpose: str = "客户招待"):  # noqa: ANN001, ANN201
    return expenses.apply_for_expense(db.uow(actor), ClaimInput(
        "business", "Hospitality", rng.randint(1, 3000) * 100, today(), purpose,
        no_receipt_reason="发票随后补交"))


def decide_expense(db, rng, actor):  # noqa: ANN001, ANN201
    row = _pick(db, select(ExpenseClaim.id).where(ExpenseClaim.current_step.is_not(None)), rng)
    return SKIP if row is None else expense_approvals.decide_claim(db.uow(actor), row[0], rng.random() < 0.85)


def pay_expense(db, rng, actor):  # noqa: ANN001, ANN201
    row = _pick(db, select(ExpenseClaim.id).where(ExpenseClaim.status == "signed"), rng)
    return SKIP if row is None else expense_approvals.pay_claim(db.uow(actor), row[0],
                                                                PaymentInput("transfer", "网银 20260101"))


def record_trigger(db, rng, actor):  # noqa: ANN001, ANN201
    row = _pick(db, select(Customer.id), rng)
    return credit.record_trigger(db.uow(actor), row[0], rng.choice(list(DowngradeTrigger)), today(),
                                 "法院公告：客户涉及重大诉讼")


def decide_rating(db, rng, actor):  # noqa: ANN001, ANN201
    row = _pick(db, select(RatingProposal.id).where(RatingProposal.status == "proposed"), rng)
    return SKIP if row is None else credit_rating.decide_rating(db.uow(actor), row[0], rng.random() < 0.8)


Action = Callable[[Database, random.Random, Actor], object]


@dataclass(frozen=True)
class Duty:
    action: Action
    roles: tuple[Role, ...]  # who normally does it (the crash workload acts as them)
    weight: int = 1
    perm: Perm | None = None  # the right its service asks (None: decided inside, per step)


DUTIES: tuple[Duty, ...] = (
    Duty(create_order, (Role.SALES_REP,), 3, perm=Perm.ORDER_CREATE), Duty(submit_order, (Role.SALES_REP,), 3, perm=Perm.ORDER_CREATE),
    Duty(sign_order, (Role.SALES_REP,), 3, perm=Perm.ORDER_CREATE), Duty(approve_order, (Role.SALES_MANAGER,), 3, perm=Perm.ORDER_APPROVE),
    Duty(override_credit, (Role.FINANCE_DIRECTOR,), 1, perm=Perm.CREDIT_OVERRIDE), Duty(ship, (Role.WAREHOUSE,), 3, perm=Perm.DISPATCH_SHIP),
    Duty(record_return, (Role.SALES_REP,), 1, perm=Perm.RETURN_RECORD),
    Duty(record_receipt, (Role.FINANCE,), 3, perm=Perm.RECEIPT_RECORD), Duty(submit_writeoff, (Role.FINANCE,), 1, perm=Perm.WRITEOFF_SUBMIT),
    Duty(reverse_receipt, (Role.FINANCE,), 1, perm=Perm.RECEIPT_RECORD),
    Duty(recover_written_off, (Role.FINANCE,), 1, perm=Perm.RECEIPT_RECORD),
    Duty(decide_writeoff, (Role.SALES_MANAGER,), 1, perm=Perm.WRITEOFF_APPROVE), Duty(apply_expense, (Role.SALES_REP,), 2, perm=Perm.EXPENSE_APPLY),
    Duty(decide_expense, (Role.SALES_SUPERVISOR, Role.SALES_MANAGER, Role.GM, Role.FINANCE), 3),
    Duty(pay_expense, (Role.CASHIER,), 1, perm=Perm.EXPENSE_PAY), Duty(record_trigger, (Role.CS_MANAGER, Role.CS_SPECIALIST), 1, perm=Perm.CREDIT_RECORD_TRIGGER),
    Duty(decide_rating, (Role.CS_MANAGER, Role.SALES_MANAGER, Role.GM), 1, perm=Perm.CREDIT_APPROVE_RATING),
)


# -- the ledger's invariants (models/receivables.py, models/collections.py)


def ledger_violations(db: Database) -> list[str]:
    """What breaks the books: every open amount is its amount less what was applied to it (a credit
    note: plus what it applied), within [0, amount]; every receipt allocated in full (a reversed
    one then undone in full); an approved write-off's allocations are what it wrote off, less
    no more than that recovered; per customer Σ open == Σ amount − Σ applied."""
    out: list[str] = []
    with db.uow() as uow:
        s = uow.session
        docs = {r.id: r for r in s.scalars(select(Receivable))}
        applied_to = dict(s.execute(select(ReceivableAllocation.receivable_id, func.sum(ReceivableAllocation.amount))
                                    .group_by(ReceivableAllocation.receivable_id)).all())
        applied_from = dict(s.execute(select(ReceivableAllocation.credit_note_id, func.sum(ReceivableAllocation.amount))
                                      .where(ReceivableAllocation.credit_note_id.is_not(None))
                                      .group_by(ReceivableAllocation.credit_note_id)).all())
        for r in docs.values():
            if r.amount >= 0:
                want = r.amount - applied_to.get(r.id, 0)
                if not 0 <= r.open_amount <= r.amount:
                    out.append(f"{r.doc_no}: open {r.open_amount} outside [0, {r.amount}]")
            else:
                want = r.amount + applied_from.get(r.id, 0)
                if r.id in applied_to:
                    out.append(f"{r.doc_no}: a credit note settled by an allocation")
                if not r.amount <= r.open_amount <= 0:
                    out.append(f"{r.doc_no}: open {r.open_amount} outside [{r.amount}, 0]")
            if r.open_amount != want:
                out.append(f"{r.doc_no}: open {r.open_amount} != amount − applied {want}")
        def sums(column, sign):  # noqa: ANN001, ANN202 - Σ of the positive (or negative) allocations per source
            kept = ReceivableAllocation.amount > 0 if sign > 0 else ReceivableAllocation.amount < 0
            return dict(s.execute(select(column, func.sum(ReceivableAllocation.amount))
                                  .where(column.is_not(None), kept).group_by(column)).all())

        # a reversed receipt (a bounced cheque) is undone by negative allocations: allocated in
        # full, then nothing; a recovery undoes part of a write-off the same way
        paid, undone = sums(ReceivableAllocation.receipt_id, 1), sums(ReceivableAllocation.receipt_id, -1)
        for rc in s.scalars(select(Receipt)):
            net = paid.get(rc.id, 0) + undone.get(rc.id, 0)
            if paid.get(rc.id, 0) != rc.amount or net != (0 if rc.reversed_on else rc.amount):
                out.append(f"{rc.number}: amount {rc.amount} allocated {paid.get(rc.id, 0)}, net {net}"
                           + (" (reversed)" if rc.reversed_on else ""))
        off, back = sums(ReceivableAllocation.write_off_id, 1), sums(ReceivableAllocation.write_off_id, -1)
        for w in s.scalars(select(WriteOff)):
            if off.get(w.id, 0) != (w.written_off if w.status == "approved" else 0) \
                    or -back.get(w.id, 0) > off.get(w.id, 0):
                out.append(f"{w.number} ({w.status}): written off {w.written_off}, allocated {off.get(w.id, 0)}, "
                           f"recovered {-back.get(w.id, 0)}")
        for a in s.scalars(select(ReceivableAllocation)):
            sources = [x for x in (a.credit_note_id, a.prepayment_id, a.receipt_id, a.write_off_id) if x]
            if len(sources) != 1:
                out.append(f"allocation {a.id}: {len(sources)} sources")
            if docs[a.receivable_id].amount < 0:
                out.append(f"allocation {a.id}: applied to a credit note")
        per_customer: dict[int, list[int]] = {}
        for r in docs.values():
            t = per_customer.setdefault(r.customer_id, [0, 0, 0])
            t[0] += r.open_amount
            t[1] += r.amount
            t[2] += applied_to.get(r.id, 0) - applied_from.get(r.id, 0)
        for cid, (open_, amount, applied) in per_customer.items():
            if open_ != amount - applied:
                out.append(f"customer {cid}: Σ open {open_} != Σ amount {amount} − Σ applied {applied}")
    return out
