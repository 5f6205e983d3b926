"""Receipts, allocation and aging through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from sales_desk.domain.collections.allocation import ReceiptExceedsOpen
from sales_desk.domain.common.errors import ValidationError
from sales_desk.models import AuditEntry
from sales_desk.services.collections import aging, ledger, receipts
from tests.services.collection_flow import (
    ago,
    credit_note,
    crew,
    customer,
    doc_id,
    invoice,
    open_amount,
    opening,
    pay,
    today,
)


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def test_receipt_is_allocated_oldest_first(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C100")
    late = invoice(database, team.fin, "C100", "A-2", 10, 30_000)
    oldest = invoice(database, team.fin, "C100", "A-1", 40, 20_000)
    young = invoice(database, team.fin, "C100", "A-3", -5, 50_000)
    pay(database, team.fin, cid, 35_000)
    assert (open_amount(database, oldest), open_amount(database, late), open_amount(database, young)) == (
        0, 15_000, 50_000)
    rows = receipts.customer_receipts(database.uow(team.fin), cid)
    assert rows[0].allocations == (("OB-A-1", 20_000), ("OB-A-2", 15_000)) and not rows[0].by_hand
    with database.engine.connect() as c:  # audited, money in minor units
        after = c.execute(select(AuditEntry.after).where(AuditEntry.action == "receipt.record")).scalar_one()
    assert json.loads(after)["allocations"] == {"OB-A-1": 20_000, "OB-A-2": 15_000}


def test_receipt_allocated_by_hand(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C101")
    old = invoice(database, team.fin, "C101", "B-1", 40, 20_000)
    new = invoice(database, team.fin, "C101", "B-2", 10, 30_000)
    pay(database, team.fin, cid, 30_000, allocations={new: 30_000})
    assert (open_amount(database, old), open_amount(database, new)) == (20_000, 0)


def test_receipt_beyond_what_is_open_is_refused_and_changes_nothing(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C102")
    rid = invoice(database, team.fin, "C102", "D-1", 5, 10_000)
    with pytest.raises(ReceiptExceedsOpen):
        pay(database, team.fin, cid, 10_001)
    assert open_amount(database, rid) == 10_000
    assert receipts.customer_receipts(database.uow(team.fin), cid) == []


def test_receipt_settles_only_documents_dated_on_or_before_it(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C103")
    opening(database, team.fin, [("C103", "E-1", ago(3), ago(-27), 10_000)])
    with pytest.raises(ReceiptExceedsOpen):
        pay(database, team.fin, cid, 5_000, on=ago(5))
    with pytest.raises(ValidationError):
        pay(database, team.fin, cid, 5_000, on=today() + timedelta(days=1))


def test_open_credit_notes_are_applied_oldest_first(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C104")
    inv = invoice(database, team.fin, "C104", "F-1", 20, 30_000)
    cn = credit_note(database, cid, "CN-T-1", ago(2), 12_000)
    assert receipts.apply_open_credits(database.uow(team.fin), cid) == 12_000
    assert (open_amount(database, inv), open_amount(database, cn)) == (18_000, 0)


# -- aging ----------------------------------------------------------------------------------


def test_aging_bucket_edges_day_0_30_31_120_121_through_the_report(database, team) -> None:  # noqa: ANN001
    customer(database, team.rep, "C200")
    for days, amount in ((0, 1), (30, 10), (31, 100), (120, 1_000), (121, 10_000), (-3, 100_000)):
        invoice(database, team.fin, "C200", f"G{days}", days, amount)
    report = aging.aging_report(database.uow(team.fin))
    (row,) = report.rows
    assert row.buckets == (100_001, 10, 100, 0, 1_000, 10_000)
    assert row.total == report.total == 111_111 and report.totals == row.buckets


def test_aging_as_of_dates_before_and_after_a_receipt(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C201")
    invoice(database, team.fin, "C201", "H-1", 45, 40_000)  # due 45 days ago
    pay(database, team.fin, cid, 15_000, on=ago(10))
    before = aging.aging_report(database.uow(team.fin), as_of=ago(11)).rows[0]
    on_the_day = aging.aging_report(database.uow(team.fin), as_of=ago(10)).rows[0]
    now = aging.aging_report(database.uow(team.fin)).rows[0]
    assert before.total == 40_000 and before.buckets[2] == 40_000  # 34 days overdue then
    assert on_the_day.total == 25_000
    assert now.total == 25_000 and now.buckets[2] == 25_000  # 45 days: 31–60
    # before the document existed there was nothing to age
    assert aging.aging_report(database.uow(team.fin), as_of=ago(80)).rows == ()


def test_aging_as_of_a_past_date_adds_back_credits_applied_later(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C202")
    inv = invoice(database, team.fin, "C202", "I-1", 5, 30_000)
    credit_note(database, cid, "CN-T-2", ago(3), 10_000)
    receipts.apply_open_credits(database.uow(team.fin), cid)
    then = aging.aging_report(database.uow(team.fin), as_of=ago(1)).rows[0]
    assert (then.total, then.credits, sum(then.buckets)) == (20_000, -10_000, 30_000)
    now = aging.aging_report(database.uow(team.fin)).rows[0]
    assert (now.total, now.credits) == (20_000, 0) and open_amount(database, inv) == 20_000
    items = aging.aging_items(database.uow(team.fin), cid, ago(1))
    assert sorted((i.doc_no, i.open_amount) for i in items) == [("CN-T-2", -10_000), ("OB-I-1", 30_000)]


def test_aging_rolls_up_by_rep_and_region_and_a_rep_sees_their_own(database, team) -> None:  # noqa: ANN001
    customer(database, team.rep, "C210", region="east")
    customer(database, team.rep2, "C211", region="south")
    customer(database, team.rep2, "C212", region="east")
    invoice(database, team.fin, "C210", "J-1", 40, 1_000)
    invoice(database, team.fin, "C211", "J-2", 40, 2_000)
    invoice(database, team.fin, "C212", "J-3", 40, 4_000)
    report = aging.aging_report(database.uow(team.fin))
    by_rep = {g.key: g.total for g in aging.rollup(report, "rep")}
    by_region = {g.key: (g.customers, g.total) for g in aging.rollup(report, "region")}
    assert by_rep == {"rep": 1_000, "rep2": 6_000}
    assert by_region == {"east": (2, 5_000), "south": (1, 2_000)}
    mine = aging.aging_report(database.uow(team.rep2))
    assert [r.code for r in mine.rows] == ["C211", "C212"]
    assert [r.code for r in aging.aging_report(database.uow(team.fin), region="south").rows] == ["C211"]


def test_ledger_shows_documents_receipts_and_a_running_balance(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C220")
    invoice(database, team.fin, "C220", "K-1", 40, 30_000)
    invoice(database, team.fin, "C220", "K-2", 20, 20_000)
    pay(database, team.fin, cid, 35_000)
    view = ledger.customer_ledger(database.uow(team.rep), cid)
    assert [(x.kind, x.debit, x.credit, x.balance) for x in view.lines] == [
        ("opening", 30_000, 0, 30_000), ("opening", 20_000, 0, 50_000), ("receipt", 0, 35_000, 15_000)]
    with database.uow(team.rep) as uow:
        assert view.balance == view.open_receivables == ledger.ledger_balance(uow, cid) == 15_000
    assert doc_id(database, "OB-K-1")
