"""The demo firm's collections: receivables of every age, customers at every step of the
ladder, a deferral, a write-off, a recovered bad debt, liability charges and a refund —
made by the services' own steps, so the books add up."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from sales_desk.demo import firm as demo
from sales_desk.domain.collections.liability import ChargeKind
from sales_desk.models import (
    Customer,
    Deferral,
    DunningStep,
    LiabilityCharge,
    LiabilityFault,
    Receivable,
    WriteOff,
)
from sales_desk.services.admin import auth
from sales_desk.services.collections import aging, ledger, letter_data, worklist, year_end


def _login(database, result, role: str):  # noqa: ANN001, ANN202
    user = next(u for u in result.users if role in u.roles)
    return auth.login(database.uow(), user.username, user.password)


def test_demo_has_every_age_every_step_a_deferral_a_write_off_and_a_refund(database, admin) -> None:  # noqa: ANN001
    result = demo.load_demo(database.uow(admin))
    made = dict(result.made)
    assert made["opening balances"] >= 10 and made["receipts"] >= 5 and made["collection steps"] >= 15
    fin = _login(database, result, "finance")
    report = aging.aging_report(database.uow(fin))
    assert all(total > 0 for total in report.totals), report.totals  # current … over 120 days
    mgr = _login(database, result, "sales_manager")
    current = {w.current_step for w in worklist.worklist(database.uow(mgr))}
    assert {"reminder", "overdue", "thank_you", "dunning", "lawyer", "lawsuit"} <= current
    with database.uow() as uow:
        s = uow.session
        closing = set(s.scalars(select(DunningStep.step).where(DunningStep.step.in_(["collected", "written_off",
                                                                                      "deferred"]))))
        deferrals = dict(s.execute(select(Deferral.status, func.count()).group_by(Deferral.status)).all())
        written = s.scalar(select(func.count()).select_from(WriteOff).where(WriteOff.status == "approved"))
        kinds = set(s.scalars(select(LiabilityCharge.kind)))
        faults = sorted(s.scalars(select(LiabilityFault.status)))
        ids = list(s.scalars(select(Customer.id)))
        open_total = s.scalar(select(func.sum(Receivable.open_amount)))
    assert {"collected", "written_off"} <= closing
    assert deferrals == {"approved": 1, "requested": 1, "returned": 1} and written == 1
    assert {c.value for c in ChargeKind} <= kinds
    # the bad debt's fault, a month's fault, an exemption approved, one awaiting the GM
    assert faults == ["exempted", "final", "final", "pending"]
    with database.uow(fin) as uow:
        assert sum(ledger.ledger_balance(uow, cid) for cid in ids) <= open_total  # prepayments unapplied lower it
    assert report.total == open_total
    assert len(letter_data.letters_at(database.uow(fin), "dunning")) == 2


def test_demo_in_late_december_fills_the_year_end_list_and_keeps_every_deferral_in_its_year(
        database, admin, pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 12, 30))
    result = demo.load_demo(database.uow(admin))
    gm = _login(database, result, "gm")
    c = year_end.clearance(database.uow(gm))
    assert c.started and c.days_left == 1 and c.sales and c.reps
    with database.uow() as uow:
        dues = list(uow.session.scalars(select(Deferral.new_due_date)))
    assert len(dues) == 3 and max(dues) <= date(2026, 12, 31)
