"""The dashboard's early warnings through the service: each rule at its edge, counted over
what the user sees, shown to those whose duties it concerns, with the records behind it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from sales_desk import clock
from sales_desk.domain.common.errors import NotPermitted
from sales_desk.domain.credit.rating import DowngradeTrigger
from sales_desk.domain.planning.warnings import Level, WarningKind
from sales_desk.models import Customer, DowngradeTriggerRecord, SalesOrder
from sales_desk.services.credit import position as credit
from sales_desk.services.orders import entry as orders
from sales_desk.services.planning import dashboard, drill_down, plans
from sales_desk.services.planning.dashboard import Dashboard
from sales_desk.services.planning.progress import plan_progress
from tests.policy_helpers import enact_policy
from tests.services.collection_flow import ago, customer, invoice, today
from tests.services.expense_flow import monthly_lines
from tests.services.order_flow import Team, draft, product, team

YEAR = today().year


@pytest.fixture
def t(make_user) -> Team:  # noqa: ANN001
    return team(make_user)


def board(database, actor) -> Dashboard:  # noqa: ANN001
    return dashboard.dashboard(database.uow(actor))


def card(database, actor, kind: WarningKind):  # noqa: ANN001, ANN201
    c = board(database, actor).card(kind)
    assert c is not None, kind
    return c


def records(database, actor, kind: WarningKind, part: str = ""):  # noqa: ANN001, ANN201
    return drill_down.warning_records(database.uow(actor), kind.value, part)


def _placed(database, t: Team, cid: int, pid: int, on, rep=None) -> int:  # noqa: ANN001
    """An order placed (submitted) on `on`."""
    oid = draft(database, t, cid, [(pid, 1, None)], rep=rep, order_date=on)
    orders.submit_order(database.uow(rep or t.rep), oid)
    return oid


# -- each warning at its edge --------------------------------------------------------------------


def test_churn_counts_customers_without_an_order_for_the_set_number_of_days(database, t, admin) -> None:  # noqa: ANN001
    enact_policy(database, admin, {"customer.churn_days": 60})
    pid = product(database, t)
    at_edge = customer(database, t.rep, "C-EDGE")
    inside = customer(database, t.rep, "C-IN")
    never = customer(database, t.rep, "C-NEVER")  # never ordered: nothing to lose yet
    _placed(database, t, at_edge, pid, ago(60))
    _placed(database, t, inside, pid, ago(59))
    cancelled = _placed(database, t, inside, pid, ago(1))
    orders.cancel_order(database.uow(t.rep), cancelled, "客户取消")  # a cancelled order is no order
    c = card(database, t.mgr, WarningKind.CHURN)
    assert c.count == 1 and c.level == Level.WATCH
    assert [r.open_id for r in records(database, t.mgr, WarningKind.CHURN)] == [at_edge]
    assert never not in [r.open_id for r in records(database, t.mgr, WarningKind.CHURN)]
    rec = records(database, t.mgr, WarningKind.CHURN)[0]
    assert (rec.tab, rec.open_kind, rec.on) == ("customers", "customer", ago(60))


def test_a_file_untouched_for_more_than_three_months_is_stale(database, t) -> None:  # noqa: ANN001
    from sales_desk.domain.customers.files import stale_cutoff

    fresh, stale = customer(database, t.rep, "S-1"), customer(database, t.rep, "S-2")
    edge = stale_cutoff(today(), 3)
    with database.engine.begin() as c:
        c.execute(update(Customer).where(Customer.id == fresh).values(file_updated_on=edge))
        c.execute(update(Customer).where(Customer.id == stale).values(file_updated_on=edge - timedelta(days=1)))
    assert card(database, t.rep, WarningKind.STALE_FILES).count == 1
    assert [r.open_id for r in records(database, t.rep, WarningKind.STALE_FILES)] == [stale]


def test_overdue_receivables_by_bucket_from_the_day_after_the_due_date(database, t) -> None:  # noqa: ANN001
    for code in ("B0", "B1", "B30", "B31", "B121"):
        customer(database, t.rep, code)
    invoice(database, t.fin, "B0", "I-0", 0, 1_000)  # due today: not overdue
    invoice(database, t.fin, "B1", "I-1", 1, 10_000)
    invoice(database, t.fin, "B30", "I-30", 30, 20_000)
    invoice(database, t.fin, "B31", "I-31", 31, 40_000)
    invoice(database, t.fin, "B121", "I-121", 121, 80_000)
    c = card(database, t.fin, WarningKind.OVERDUE)
    assert (c.count, c.amount, c.level) == (4, 150_000, Level.ALERT)
    assert [(f.label, f.count, f.amount) for f in c.figures] == [
        ("1–30 days", 2, 30_000), ("31–60 days", 1, 40_000), ("61–90 days", 0, 0), ("91–120 days", 0, 0),
        ("Over 120 days", 1, 80_000)]
    assert [f.level for f in c.figures] == [Level.WATCH, Level.ALERT, Level.OK, Level.OK, Level.ALERT]
    first = records(database, t.fin, WarningKind.OVERDUE, "1")
    assert [(r.code, r.amount) for r in first] == [("B30", 20_000), ("B1", 10_000)]
    assert (first[0].tab, first[0].open_kind) == ("collections", "ledger")
    assert [r.code for r in records(database, t.fin, WarningKind.OVERDUE)] == ["B121", "B31", "B30", "B1"]


def test_overdue_within_the_first_bucket_only_is_watched(database, t) -> None:  # noqa: ANN001
    customer(database, t.rep, "W1")
    invoice(database, t.fin, "W1", "J-1", 30, 5_000)
    assert card(database, t.fin, WarningKind.OVERDUE).level == Level.WATCH


def test_a_credit_review_is_due_on_its_day(database, t) -> None:  # noqa: ANN001
    due, later = customer(database, t.rep, "R-1"), customer(database, t.rep, "R-2")
    with database.engine.begin() as c:
        c.execute(update(Customer).where(Customer.id == due).values(rerating_due_on=today()))
        c.execute(update(Customer).where(Customer.id == later).values(rerating_due_on=today() + timedelta(days=1)))
    assert card(database, t.rep, WarningKind.REVIEWS_DUE).count == 1
    rec = records(database, t.rep, WarningKind.REVIEWS_DUE)
    assert [(r.open_id, r.tab, r.open_kind) for r in rec] == [(due, "credit", "customer")]


def test_a_major_change_is_recent_for_30_days_and_puts_the_customer_on_hold(database, t) -> None:  # noqa: ANN001
    cid = customer(database, t.rep, "M-1")
    old = customer(database, t.rep, "M-2")
    credit.record_trigger(database.uow(t.spec), cid, DowngradeTrigger.LEGAL_CASE, today(), "法人代表涉诉")
    tid = credit.record_trigger(database.uow(t.spec), old, DowngradeTrigger.LEGAL_CASE, ago(40), "旧案")
    with database.engine.begin() as c:
        c.execute(update(DowngradeTriggerRecord).where(DowngradeTriggerRecord.id == tid)
                  .values(recorded_at=clock.now() - timedelta(days=31)))
    c = card(database, t.mgr, WarningKind.MAJOR_CHANGES)
    assert c.level == Level.ALERT and c.count == 1
    assert [(f.key, f.count) for f in c.figures] == [("recent", 1), ("hold", 2)]
    assert [r.open_id for r in records(database, t.mgr, WarningKind.MAJOR_CHANGES, "recent")] == [cid]
    assert {r.open_id for r in records(database, t.mgr, WarningKind.MAJOR_CHANGES, "hold")} == {cid, old}


def test_orders_blocked_on_credit_are_an_alert(database, t) -> None:  # noqa: ANN001
    cid = customer(database, t.rep, "O-1")
    oid = _placed(database, t, cid, product(database, t), today())
    with database.engine.begin() as c:
        c.execute(update(SalesOrder).where(SalesOrder.id == oid).values(
            status="blocked", blocked_at=clock.now(), block_excess=12_300))
    c = card(database, t.fd, WarningKind.BLOCKED_ORDERS)
    assert (c.count, c.level) == (1, Level.ALERT)
    rec = records(database, t.fd, WarningKind.BLOCKED_ORDERS)
    assert [(r.open_id, r.tab, r.open_kind) for r in rec] == [(oid, "orders", "order")]


def test_sales_against_plan_reads_the_sold_total_and_the_plans_months(database, t) -> None:  # noqa: ANN001
    pid = plans.prepare_plan(database.uow(t.vp), YEAR, [("rep", str(t.rep.user_id), m, 1_000_000)
                                                          for m in range(1, 13)])
    plans.submit_plan(database.uow(t.vp), pid)
    plans.decide_plan(database.uow(t.gm), pid, True)
    b = board(database, t.gm)
    c = b.card(WarningKind.SALES_PROGRESS)
    month, year = c.figures
    assert (month.target, month.amount, year.target, year.amount) == (1_000_000, 0, 12_000_000, 0)
    assert len(b.sales_by_month) == 12 and {m.target for m in b.sales_by_month} == {1_000_000}
    progress = plan_progress(database.uow(t.gm), YEAR)
    assert year.amount == progress.total().actual


def test_expenses_against_budget_watch_the_month_and_the_year(database, t) -> None:  # noqa: ANN001
    from sales_desk.services.expenses import budgets

    bid = budgets.prepare_budget(database.uow(t.mgr), YEAR, monthly_lines("100"))
    budgets.submit_budget(database.uow(t.mgr), bid)
    budgets.check_budget(database.uow(t.fin), bid, True)
    budgets.approve_budget(database.uow(t.gm), bid, True)
    c = card(database, t.gm, WarningKind.EXPENSES)
    month, ytd = c.figures
    assert month.target == 700_00 and month.amount == 0 and month.level == Level.OK  # 7 categories × 100
    assert ytd.target == 700_00 * today().month
    recs = records(database, t.gm, WarningKind.EXPENSES)
    assert len(recs) == 7 and all(r.tab == "expenses" for r in recs)


# -- for whom, over what ---------------------------------------------------------------------------


def test_a_rep_counts_only_their_own_customers(database, t) -> None:  # noqa: ANN001
    mine, theirs = customer(database, t.rep, "V-1"), customer(database, t.rep2, "V-2")
    invoice(database, t.fin, "V-1", "K-1", 10, 1_000)
    invoice(database, t.fin, "V-2", "K-2", 10, 2_000)
    with database.engine.begin() as c:
        c.execute(update(Customer).values(rerating_due_on=today()))
    assert card(database, t.rep, WarningKind.OVERDUE).amount == 1_000
    assert card(database, t.rep2, WarningKind.OVERDUE).amount == 2_000
    assert card(database, t.mgr, WarningKind.OVERDUE).amount == 3_000
    assert [r.open_id for r in records(database, t.rep, WarningKind.REVIEWS_DUE)] == [mine]
    assert [r.open_id for r in records(database, t.rep, WarningKind.OVERDUE)] == [mine]
    assert theirs in [r.open_id for r in records(database, t.gm, WarningKind.REVIEWS_DUE)]


def test_each_user_sees_the_warnings_their_duties_concern(database, t) -> None:  # noqa: ANN001
    def shown(actor) -> set[str]:  # noqa: ANN001
        return {c.kind for c in board(database, actor).cards}

    assert shown(t.gm) == {k.value for k in WarningKind}
    assert shown(t.rep) == {"overdue", "sales_progress", "churn", "major_changes", "reviews_due", "stale_files",
                            "blocked_orders", "advance_reports", "statements", "care_plans",
                            "overdue_activities", "overdue_complaints"}
    assert shown(t.fin) == {"overdue", "expenses", "major_changes", "reviews_due", "blocked_orders", "year_end",
                            "statements"}
    assert shown(t.wh) == set()
    with pytest.raises(NotPermitted):
        records(database, t.wh, WarningKind.OVERDUE)
    with pytest.raises(NotPermitted):
        records(database, t.fin, WarningKind.CHURN)


def test_the_administrator_has_no_dashboard(database, admin) -> None:  # noqa: ANN001
    with pytest.raises(NotPermitted):
        board(database, admin)
