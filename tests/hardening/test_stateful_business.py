"""Random sequences of business actions by random people keep rights, duties and books straight.

Each step picks a business action (orders, dispatch, receipts, write-offs, expenses, credit) and
anyone in the demo firm — plus a rep who is also a sales manager, and a finance clerk who also
approves for sales with a recorded justification. Whoever lacks the service's right is refused
with NotPermitted and nothing is written; approving one's own work is SelfApprovalRefused; any
other refusal (DomainError) writes nothing either. After every step: the audit chain verifies,
nobody holds conflicting duties without a justification on record, the ledger adds up, and every
order approved without an override fitted its customer's available credit.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select, update

from sales_desk.db.database import open_database
from sales_desk.domain.common.errors import DomainError, NotPermitted, SelfApprovalRefused
from sales_desk.domain.common.roles import conflicts_in
from sales_desk.models import AuditEntry, Customer, SodJustification
from sales_desk.services.admin import auth, users
from sales_desk.services.admin.audit import verify_chain_in
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders.entry import OrderInput, OrderLineInput
from tests.hardening.firm import (
    DB_FILE,
    DUTIES,
    SKIP,
    config,
    ledger_violations,
    make_template,
    people,
)

pytestmark = pytest.mark.slow

EXAMPLES = 12
STEPS = 30


@pytest.fixture(scope="module")
def firm_with_doubles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo firm plus two people holding two roles each (one of them justified)."""
    folder = tmp_path_factory.mktemp("stateful") / "data"
    make_template(folder)
    db = open_database(config(folder))
    try:
        admin = auth.login(db.uow(), "admin", "correct horse battery")
        double = users.add_user(db.uow(admin), "shuangren", "correct horse battery", ["sales_rep", "sales_manager"])
        users.add_user(db.uow(admin), "jianzhi", "correct horse battery", ["finance", "sales_manager"],
                       justification="小团队：财务兼任销售经理，总经理书面同意")
        with db.engine.begin() as c:  # a few customers of their own, so the double can take orders
            ids = c.execute(select(Customer.id).where(Customer.payment_mode == "credit",
                                                      Customer.credit_hold.is_(False)).limit(3)).scalars().all()
            c.execute(update(Customer).where(Customer.id.in_(ids)).values(rep_id=_id_of(double)))
    finally:
        db.close()
    return folder


def _id_of(x) -> int:  # noqa: ANN001 - add_user returns an id (or the user)
    return x if isinstance(x, int) else x.id


class BusinessDay(RuleBasedStateMachine):
    template: Path
    workdir: Path
    counts: dict[str, int]

    def __init__(self) -> None:
        super().__init__()
        self.folder = self.workdir / f"ex{self.counts['examples']}"
        self.counts["examples"] += 1
        self.folder.mkdir(parents=True)
        shutil.copy2(self.template / DB_FILE, self.folder / DB_FILE)
        self.db = open_database(config(self.folder))
        self.actors = people(self.db)
        self.own_tries = 0
        self.approved: list[tuple[int, object]] = []  # (order, credit decision) without override

    def teardown(self) -> None:
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _tip(self) -> tuple[int, str | None]:
        with self.db.uow() as uow:
            seq = uow.session.scalar(select(func.max(AuditEntry.seq))) or 0
            return seq, uow.session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == seq))

    @initialize()
    def start(self) -> None:
        self.counts["machines"] += 1

    @rule(duty=st.sampled_from(DUTIES), who=st.integers(0, 10_000), anyone=st.booleans(),
          seed=st.integers(0, 2**32 - 1))
    def act(self, duty, who: int, anyone: bool, seed: int) -> None:  # noqa: ANN001
        """Anyone at all half the time; otherwise someone whose job it is (or who holds the right)."""
        fit = [a for a in self.actors if (duty.perm is not None and a.can(duty.perm))
               or any(r in a.roles for r in duty.roles)]
        pool = self.actors if anyone or not fit else fit
        actor = pool[who % len(pool)]
        before = self._tip()
        try:
            result = duty.action(self.db, random.Random(seed), actor)
        except NotPermitted:
            assert duty.perm is None or not actor.can(duty.perm), (duty.action.__name__, actor)
            assert self._tip() == before
            self.counts["not_permitted"] += 1
            return
        except DomainError:  # SelfApprovalRefused included
            assert self._tip() == before
            self.counts["refused"] += 1
            return
        if result == SKIP:
            return
        assert duty.perm is None or actor.can(duty.perm), (duty.action.__name__, actor, "acted without the right")
        assert self._tip() != before, (duty.action.__name__, "a change not audited")
        self.counts["done"] += 1
        if duty.action.__name__ == "approve_order" and result.passes:
            self.approved.append((self._last_entity(), result))

    def _last_entity(self) -> int:
        with self.db.uow() as uow:
            e = uow.session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
            return int(e.entity_id)

    @precondition(lambda self: self.own_tries < 2)  # a couple a run: the rest of the steps for the day's work
    @rule(qty=st.integers(1, 3))
    def approve_own_order(self, qty: int) -> None:
        """The rep who is also a sales manager takes an order and tries to approve it himself."""
        self.own_tries += 1
        me = next(a for a in self.actors if a.username == "shuangren")
        with self.db.uow() as uow:
            cid = uow.session.scalar(select(Customer.id).where(Customer.rep_id == me.user_id).limit(1))
            from sales_desk.models import Product

            pid = uow.session.scalar(select(Product.id).where(Product.active.is_(True)).order_by(Product.list_price))
        try:
            oid = orders.create_order(self.db.uow(me), OrderInput(cid, [OrderLineInput(pid, qty, None)],
                                                                  days_to_pay=30, delivery_terms="自提"))
            orders.submit_order(self.db.uow(me), oid)
            orders.sign_order(self.db.uow(me), oid)
        except DomainError:
            return
        before = self._tip()
        with pytest.raises(SelfApprovalRefused):
            order_approvals.approve_order(self.db.uow(me), oid)
        assert self._tip() == before
        self.counts["self_refused"] += 1

    @invariant()
    def audit_chain_verifies(self) -> None:
        with self.db.uow() as uow:
            assert verify_chain_in(uow).ok

    @invariant()
    def no_unjustified_conflicting_duties(self) -> None:
        with self.db.uow() as uow:
            justified = set(uow.session.scalars(select(SodJustification.user_id)))
        for a in people(self.db):
            assert not conflicts_in(a.roles) or a.user_id in justified, a

    @invariant()
    def ledger_adds_up(self) -> None:
        assert ledger_violations(self.db) == []

    @invariant()
    def approved_without_override_fitted_the_credit(self) -> None:
        for oid, d in self.approved:
            assert d.excess == 0 and (d.exposure == 0 or d.exposure <= d.available), (oid, d)


def test_random_business_by_random_people_keeps_rights_duties_and_books(
        firm_with_doubles: Path, tmp_path: Path) -> None:
    counts = {k: 0 for k in ("examples", "machines", "done", "not_permitted", "refused", "self_refused")}
    BusinessDay.template, BusinessDay.workdir, BusinessDay.counts = firm_with_doubles, tmp_path, counts
    run_state_machine_as_test(BusinessDay, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None, derandomize=True,
        suppress_health_check=list(HealthCheck)))
    assert counts["done"] > 0 and counts["not_permitted"] > 0 and counts["self_refused"] > 0, counts
    print(f"\nstateful: {counts}")
