"""The demo firm's customer care (issue 19): a year of maintenance plans for the key accounts —
filed by the sales manager, some coming due, one late, one awaiting review — two market reports
filed; and a distributor with its stock reports and a rebate agreement, last quarter's rebate
approved by the general manager and paid by finance as a credit note."""

from __future__ import annotations

from sales_desk.services.admin import auth
from sales_desk.services.collections import distributors, ledger, rebate_reads
from sales_desk.services.relationship import care_plans, market_reports


def _login(database, result, role: str):  # noqa: ANN001, ANN202
    user = next(u for u in result.users if role in u.roles)
    return auth.login(database.uow(), user.username, user.password)


def _name(result, role: str) -> str:  # noqa: ANN001
    return next(u.full_name for u in result.users if role in u.roles)


def test_demo_plans_due_late_waiting_and_market_reports_filed(database, demo_loaded) -> None:  # noqa: ANN001
    mgr = _login(database, demo_loaded, "sales_manager")
    plans = care_plans.list_plans(database.uow(mgr))
    statuses = [p.status for p in plans]
    assert statuses.count("submitted") == 1 and statuses.count("filed") >= 4
    assert all(p.written_by_id != mgr.user_id for p in plans)  # the reps write, the manager reviews
    filed = [p for p in plans if p.status == "filed"]
    assert all(all(text for _k, text in p.parts) for p in filed)
    assert {p.reviewed_by for p in filed} == {_name(demo_loaded, "sales_manager")}
    due = care_plans.plans_due(database.uow(mgr))
    states = [d.state for d in due]
    assert states.count("late") == 1 and states.count("due") >= 2
    assert [p.id for p in care_plans.plans_to_review(database.uow(mgr))] == [
        p.id for p in plans if p.status == "submitted"]
    reports = market_reports.list_reports(database.uow(mgr))
    assert len(reports) == 2 and {r.status for r in reports} == {"filed"}


def test_demo_distributor_reports_stock_and_its_rebate_is_paid_as_a_credit_note(database, demo_loaded) -> None:  # noqa: ANN001
    fin = _login(database, demo_loaded, "finance")
    gm = _login(database, demo_loaded, "gm")
    mgr = _login(database, demo_loaded, "sales_manager")
    [d] = distributors.distributors(database.uow(mgr))
    assert d.last_report is not None
    [agreement] = rebate_reads.agreements(database.uow(mgr))
    assert agreement.status == "approved"
    [r] = rebate_reads.rebates(database.uow(fin))
    assert r.status == "paid" and r.credit_note.startswith("CN") and r.amount > 0
    assert r.decided_by == _name(demo_loaded, "gm") and gm.user_id
    sheet = distributors.stock_sheet(database.uow(mgr), d.customer_id, r.period_start.year)
    reported = [s for s in sheet if s.received is not None and r.period_start <= s.month <= r.period_end]
    assert reported and any(s.received_gap == -1 for s in reported)  # a carton short one month
    lines = ledger.customer_ledger(database.uow(fin), d.customer_id).lines
    assert any(x.number == r.credit_note and x.credit == r.amount for x in lines)
