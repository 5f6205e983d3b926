"""Property: random sequences of invoices, receipts (some reversed: a bounced cheque),
credit notes, write-offs and their recovery keep every
balance, aging total and ledger total consistent — today and as of any earlier day.

Each example works on customers of its own in one database (codes never reused), through
the services (the write-off walks the ladder as the policy requires)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from sales_desk.models import Receivable, ReceivableAllocation
from sales_desk.services.collections import (
    aging,
    dunning,
    ladder,
    lawsuits,
    ledger,
    receipts,
    writeoffs,
)
from sales_desk.services.collections.receipts import ReceiptInput
from tests.services.collection_flow import ago, credit_note, crew, customer, opening, pay, today

_codes = itertools.count(1)

OPS = st.lists(st.one_of(
    st.tuples(st.just("invoice"), st.integers(0, 1), st.integers(1, 500_00), st.integers(-20, 200),
              st.integers(0, 60)),
    st.tuples(st.just("receipt"), st.integers(0, 1), st.integers(1, 100), st.integers(0, 80), st.just(0)),
    st.tuples(st.just("credit"), st.integers(0, 1), st.integers(1, 200_00), st.integers(0, 90), st.just(0)),
    st.tuples(st.just("apply"), st.integers(0, 1), st.just(0), st.just(0), st.just(0)),
    # the latest receipt bounces, `days` after it came (no later than today)
    st.tuples(st.just("bounce"), st.integers(0, 1), st.just(0), st.integers(0, 40), st.just(0)),
    # money for a written-off debt (a share of what is still written off), today
    st.tuples(st.just("recover"), st.integers(0, 1), st.integers(1, 100), st.just(0), st.just(0)),
    st.tuples(st.just("write_off"), st.integers(0, 1), st.just(0), st.just(0), st.just(0)),
    # old debts, then their write-off: the ladder's whole length in a few operations
    st.tuples(st.just("old_and_write_off"), st.integers(0, 1), st.integers(1, 500_00), st.integers(80, 200),
              st.just(30)),
), min_size=1, max_size=12)


@pytest.fixture
def world(database, make_user):  # noqa: ANN001, ANN201
    return database, crew(make_user)


def _eligible_open(database, cid: int, on: date) -> int:  # noqa: ANN001
    with database.engine.connect() as c:
        return int(c.execute(select(func.coalesce(func.sum(Receivable.open_amount), 0)).where(
            Receivable.customer_id == cid, Receivable.open_amount > 0, Receivable.doc_date <= on)).scalar())


def _write_off(database, team, cid: int) -> None:  # noqa: ANN001
    """Walk the ladder to an unrecoverable lawsuit and write off, when the debt is old enough."""
    view = ladder.customer_ladder(database.uow(team.fin), cid)
    if view.oldest_due is None or view.oldest_due >= ago(51) or view.current_step is not None:
        return
    t = ago(50)
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=t)
    if view.good_credit:
        dunning.record_step(database.uow(team.rep), cid, "thank_you", on=t, sent_via="mail",
                            deadline=t + timedelta(days=5))
    dunning.record_step(database.uow(team.rep), cid, "dunning", on=t + timedelta(days=6), sent_via="fax",
                        deadline=t + timedelta(days=11))
    dunning.send_lawyer_letter(database.uow(team.mgr), cid, on=t + timedelta(days=12), sent_via="courier",
                               deadline=t + timedelta(days=17))
    suit = lawsuits.prepare_lawsuit(database.uow(team.mgr), cid, on=t + timedelta(days=18), court="人民法院")
    for item in ("contract", "delivery", "invoices", "dunning_record", "lawyer_letter"):
        lawsuits.record_evidence(database.uow(team.rep), suit, item, True)
    lawsuits.file_lawsuit(database.uow(team.mgr), suit, filed_on=t + timedelta(days=18))
    lawsuits.record_outcome(database.uow(team.mgr), suit, "unrecoverable", on=t + timedelta(days=19))
    wid = writeoffs.submit_writeoff(database.uow(team.fin), cid, "无法收回")
    writeoffs.decide_writeoff(database.uow(team.mgr), wid, True)


def _check(database, team, cids: list[int]) -> None:  # noqa: ANN001
    with database.engine.connect() as c:
        docs = c.execute(select(Receivable.id, Receivable.amount, Receivable.open_amount, Receivable.customer_id)
                         .where(Receivable.customer_id.in_(cids))).all()
        applied_to = dict(c.execute(select(ReceivableAllocation.receivable_id, func.sum(ReceivableAllocation.amount))
                                    .group_by(ReceivableAllocation.receivable_id)).all())
        applied_from = dict(c.execute(select(ReceivableAllocation.credit_note_id, func.sum(ReceivableAllocation.amount))
                                      .where(ReceivableAllocation.credit_note_id.is_not(None))
                                      .group_by(ReceivableAllocation.credit_note_id)).all())
    for rid, amount, open_amount, _cid in docs:
        expected = amount - applied_to.get(rid, 0) if amount > 0 else amount + applied_from.get(rid, 0)
        assert open_amount == expected, "open amount = amount − allocations"
    days = [today()] + [ago(n) for n in (1, 7, 30, 61, 120, 200)]
    for cid in cids:
        open_total = sum(o for _r, _a, o, c in docs if c == cid)
        view = ledger.customer_ledger(database.uow(team.fin), cid)
        with database.uow(team.fin) as uow:
            assert view.balance == ledger.ledger_balance(uow, cid) == open_total == view.open_receivables
        assert (view.lines[-1].balance if view.lines else 0) == view.balance
        for d in days:
            rows = aging.aging_report(database.uow(team.fin), as_of=d).rows
            row = next((r for r in rows if r.customer_id == cid), None)
            aged = row.total if row else 0
            if row:
                assert sum(row.buckets) + row.credits == row.total
                items = aging.aging_items(database.uow(team.fin), cid, d)
                assert sum(i.open_amount for i in items) == row.total
            until = [x.balance for x in ledger.customer_ledger(database.uow(team.fin), cid, until=d).lines]
            assert aged == (until[-1] if until else 0), f"aging as of {d} = ledger balance that day"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(ops=OPS)
def test_balances_aging_and_ledger_stay_consistent(world, ops) -> None:  # noqa: ANN001
    database, team = world
    codes = [f"P{next(_codes):05d}" for _ in range(2)]
    cids = [customer(database, team.rep, code, grade="AB"[i]) for i, code in enumerate(codes)]
    n = 0
    for kind, who, amount, days, term in ops:
        cid, code = cids[who], codes[who]
        n += 1
        if kind == "invoice":
            due = ago(days)
            doc_date = min(due - timedelta(days=term), today())
            opening(database, team.fin, [(code, f"{code}-{n}", doc_date, due, amount)])
        elif kind == "receipt":
            on = ago(days)
            eligible = _eligible_open(database, cid, on)
            if eligible:
                pay(database, team.fin, cid, max(1, eligible * amount // 100), on=on)
        elif kind == "credit":
            credit_note(database, cid, f"CN-{code}-{n}", ago(days), amount)
        elif kind == "apply":
            receipts.apply_open_credits(database.uow(team.fin), cid)
        elif kind == "recover":
            with database.uow(team.fin) as uow:
                still = sum(left for _w, left in receipts.written_off(uow, cid).values())
            if still:
                receipts.record_receipt(database.uow(team.fin), ReceiptInput(
                    cid, max(1, still * amount // 100), None, "transfer", "执行款", recovers_write_off=True))
        elif kind == "bounce":
            standing = [r for r in receipts.customer_receipts(database.uow(team.fin), cid) if r.reversed_on is None]
            if standing:
                r = standing[0]
                receipts.reverse_receipt(database.uow(team.fin), r.id, "退票",
                                         on=min(r.received_on + timedelta(days=days), today()))
        else:
            if kind == "old_and_write_off":
                due = ago(days)
                opening(database, team.fin, [(code, f"{code}-{n}", due - timedelta(days=term), due, amount)])
            _write_off(database, team, cid)
    _check(database, team, cids)
