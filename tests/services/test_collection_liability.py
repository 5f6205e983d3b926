"""Staff liability 5:3:2 through the services: 29/30/31 days, month after month, 20 % at
120 days, the refund in the month a bad debt is recovered in full, the statements."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sales_desk.domain.collections.liability import month_end, month_start
from sales_desk.domain.common.calendar import add_months
from sales_desk.domain.common.errors import NotPermitted, ValidationError
from sales_desk.services.collections import liability
from tests.services.collection_flow import crew, customer, opening, pay, today


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def months_ago(n: int):  # noqa: ANN201
    return add_months(month_start(today()), -n)


def test_liability_at_29_30_31_days_split_5_3_2(database, team) -> None:  # noqa: ANN001
    m = months_ago(1)
    end = month_end(m)
    customer(database, team.rep, "C500")
    opening(database, team.fin, [("C500", f"LB-{d}", end - timedelta(days=d + 30), end - timedelta(days=d), 100_000)
                                 for d in (29, 30, 31)])
    result = liability.run_liability(database.uow(team.fin), m)
    assert (result.charges, result.total) == (2, 1_000)  # 0.5 % of 1,000.00 twice; 29 days: nothing
    st = liability.liability_statement(database.uow(team.fin), m)
    by_name = {p.name: (p.awaiting, sorted({line.doc_no for line in p.lines})) for p in st.people}
    assert by_name == {"rep": (500, ["OB-LB-30", "OB-LB-31"]), "mgr": (300, ["OB-LB-30", "OB-LB-31"]),
                       "vp": (200, ["OB-LB-30", "OB-LB-31"])}
    assert st.awaiting == 1_000 and st.total == 0 and st.computed  # proposed until fault is recorded


def test_liability_across_months_bad_at_120_days_and_refunded_on_full_recovery(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C501")
    due = month_end(months_ago(5)) - timedelta(days=30)
    opening(database, team.fin, [("C501", "LB-X", due - timedelta(days=30), due, 100_000)])
    pay(database, team.fin, cid, 100_000, on=months_ago(1) + timedelta(days=9))  # all of it, last month
    runs = [liability.run_liability(database.uow(team.fin), months_ago(n)) for n in (5, 4, 3, 2, 1)]
    assert [(r.charges, r.refunds, r.total) for r in runs] == [
        (1, 0, 500), (1, 0, 500), (1, 0, 500), (1, 0, 20_000), (0, 1, -21_500)]
    refund = liability.liability_statement(database.uow(team.fin), months_ago(1))
    assert {p.name: p.awaiting for p in refund.people} == {"rep": -10_750, "mgr": -6_450, "vp": -4_300}
    assert all(line.kind == "refund" for p in refund.people for line in p.lines)
    charged = [liability.liability_statement(database.uow(team.fin), months_ago(n)).awaiting for n in (5, 4, 3, 2)]
    assert sum(charged) + refund.awaiting == 0


def test_a_debt_paid_before_it_became_bad_keeps_its_monthly_charges(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C502")
    due = month_end(months_ago(3)) - timedelta(days=40)
    opening(database, team.fin, [("C502", "LB-Y", due - timedelta(days=30), due, 100_000)])
    pay(database, team.fin, cid, 100_000, on=months_ago(1) + timedelta(days=3))
    runs = [liability.run_liability(database.uow(team.fin), months_ago(n)) for n in (3, 2, 1)]
    assert [(r.charges, r.refunds, r.total) for r in runs] == [(1, 0, 500), (1, 0, 500), (0, 0, 0)]


def test_a_month_is_computed_once_in_order_after_it_ended_by_finance(database, team) -> None:  # noqa: ANN001
    liability.run_liability(database.uow(team.fin), months_ago(1))
    with pytest.raises(ValidationError):
        liability.run_liability(database.uow(team.fin), months_ago(1))
    with pytest.raises(ValidationError):
        liability.run_liability(database.uow(team.fin), months_ago(2))
    with pytest.raises(ValidationError):
        liability.run_liability(database.uow(team.fin), months_ago(0))
    with pytest.raises(NotPermitted):
        liability.run_liability(database.uow(team.mgr), months_ago(3))


def test_a_month_is_not_computed_on_its_own_last_day(database, team, pin_business_date) -> None:  # noqa: ANN001
    last_day = pin_business_date(month_end(months_ago(1)))
    with pytest.raises(ValidationError, match="has not ended"):
        liability.run_liability(database.uow(team.fin), last_day)
    pin_business_date(last_day + timedelta(days=1))
    liability.run_liability(database.uow(team.fin), last_day)


def test_each_person_sees_their_own_statement_finance_sees_all(database, team) -> None:  # noqa: ANN001
    m = months_ago(1)
    end = month_end(m)
    customer(database, team.rep, "C503")
    customer(database, team.rep2, "C504")
    opening(database, team.fin, [("C503", "LB-A", end - timedelta(days=60), end - timedelta(days=45), 10_000),
                                 ("C504", "LB-B", end - timedelta(days=60), end - timedelta(days=45), 20_000)])
    liability.run_liability(database.uow(team.fin), m)
    mine = liability.liability_statement(database.uow(team.rep2), m)
    assert [(p.name, p.awaiting) for p in mine.people] == [("rep2", 50)]
    everyone = liability.liability_statement(database.uow(team.fin), m)
    assert sorted(p.name for p in everyone.people) == ["mgr", "rep", "rep2", "vp"]
    assert everyone.awaiting == 150  # 0.5 % of 100.00 and of 200.00
