"""The demo firm's expenses: every route, refusals, payments, budgets and trips, consistent
with the rules the services enforce, and work waiting for each approver."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from sales_desk import clock
from sales_desk.models import (
    ExpenseBudget,
    ExpenseClaim,
    ExpenseClaimStep,
    ExpensePayment,
    TravelApplication,
)
from sales_desk.reports.expenses.annual_report import render_expense_report
from sales_desk.services.admin import auth
from sales_desk.services.expenses import analysis as expense_analysis
from sales_desk.services.expenses import report_review
from sales_desk.services.expenses import waiting as expense_waiting
from sales_desk.services.expenses.approvals import PaymentInput, decide_claim, pay_claim


@pytest.fixture
def demo_firm(database, demo_loaded):
    result = demo_loaded
    return {u.username: auth.login(database.uow(), u.username, u.password) for u in result.users}


def _routes(uow) -> Counter:  # noqa: ANN001
    s = ExpenseClaimStep
    routes: dict[tuple[int, int], list[str]] = {}
    for claim_id, rnd, kind in uow.session.execute(select(s.claim_id, s.round, s.kind)
                                                   .order_by(s.claim_id, s.round, s.position)):
        routes.setdefault((claim_id, rnd), []).append(kind)
    return Counter(">".join(v) for v in routes.values())


def test_the_demo_has_claims_along_every_route_with_refusals_and_every_payment_method(
        database, demo_firm) -> None:
    with database.uow() as uow:
        routes = _routes(uow)
        statuses = dict(uow.session.execute(select(ExpenseClaim.status, func.count())
                                            .group_by(ExpenseClaim.status)).all())
        methods = set(uow.session.scalars(select(ExpensePayment.method).distinct()))
        resubmitted = uow.session.scalar(select(func.count()).select_from(ExpenseClaimStep)
                                         .where(ExpenseClaimStep.round == 2, ExpenseClaimStep.position == 1))
        budgets = set(uow.session.execute(select(ExpenseBudget.revision, ExpenseBudget.status)).all())
        trips = set(uow.session.scalars(select(TravelApplication.status).distinct()))
        departmental = uow.session.execute(select(ExpenseClaim.status, ExpenseClaim.current_step)
                                           .where(ExpenseClaim.is_department.is_(True))).all()
    assert {"finance", "review>approve>finance", "review>approve>gm>finance", "gm>finance",
            "approve>finance", "approve>gm>finance"} <= set(routes)
    assert set(statuses) == {"in_route", "signed", "paid", "returned", "withdrawn"}
    assert statuses["paid"] > 400 and resubmitted > 0
    assert methods == {"cash", "cheque", "transfer"}
    assert {(1, "superseded"), (2, "approved"), (1, "approved"), (2, "submitted")} <= budgets
    assert trips == {"approved", "refused", "pending"}
    # department applications (第8条3): paid, past the VP, waiting for the VP
    assert set(map(tuple, departmental)) == {("paid", None), ("in_route", "approve"), ("in_route", "explanation")}


def test_the_demo_keeps_the_rules_it_shows(database, demo_firm) -> None:
    c, s, p = ExpenseClaim, ExpenseClaimStep, ExpensePayment
    with database.uow() as uow:
        own = uow.session.scalar(select(func.count()).select_from(s).join(c, c.id == s.claim_id)
                                 .where(s.actor_id == c.claimant_id))
        signer_paid = uow.session.scalar(select(func.count()).select_from(p).join(c, c.id == p.claim_id)
                                         .where(p.paid_by_id == c.signed_by_id))
        wrong_amount = uow.session.scalar(select(func.count()).select_from(p).join(c, c.id == p.claim_id)
                                          .where(p.amount != c.amount))
        unpaid_paid = uow.session.scalar(select(func.count()).select_from(c).outerjoin(p, p.claim_id == c.id)
                                         .where(c.status == "paid", p.id.is_(None)))
        silent_refusals = uow.session.scalar(select(func.count()).select_from(s)
                                             .where(s.status == "refused", s.comment == ""))
        travel_unapproved = uow.session.scalar(
            select(func.count()).select_from(c).join(TravelApplication, TravelApplication.id == c.travel_application_id)
            .where(TravelApplication.status != "approved"))
        travel_without = uow.session.scalar(select(func.count()).select_from(c).where(
            c.is_travel.is_(True), c.travel_application_id.is_(None)))
    assert (own, signer_paid, wrong_amount, unpaid_paid, silent_refusals) == (0, 0, 0, 0, 0)
    assert (travel_unapproved, travel_without) == (0, 0)


def test_each_approver_finds_work_waiting_and_can_do_it(database, demo_firm) -> None:
    def waiting(name: str) -> list:
        return expense_waiting.waiting_for_me(database.uow(demo_firm[name]))

    kinds = {name: {(i.kind, i.step) for i in waiting(name)} for name in
             ("liuyang", "zhangwei", "wangjianguo", "wufang", "xuqian", "suntao", "liming")}
    assert ("claim", "review") in kinds["liuyang"]
    assert ("claim", "approve") in kinds["zhangwei"] and ("travel", "approve") in kinds["zhangwei"]
    assert ("claim", "gm") in kinds["wangjianguo"] and ("travel", "gm") in kinds["wangjianguo"]
    assert ("claim", "finance") in kinds["wufang"] and ("budget", "submitted") in kinds["suntao"]
    assert ("payment", "pay") in kinds["xuqian"]  # the cashier (出纳) pays; finance does not
    assert ("claim", "explanation") in kinds["liming"]  # a department application for the VP (第8条3)
    assert not any(k == "payment" for k, _s in kinds["wufang"])
    explained = next(i for i in waiting("liming") if i.step == "explanation")
    decide_claim(database.uow(demo_firm["liming"]), explained.id, True, "说明充分")
    for name in ("liuyang", "zhangwei", "wangjianguo", "wufang"):  # the routes hold against the services
        item = next(i for i in waiting(name) if i.kind == "claim")
        decide_claim(database.uow(demo_firm[name]), item.id, True, "同意")
    pay = next(i for i in waiting("xuqian") if i.kind == "payment")
    pay_claim(database.uow(demo_firm["xuqian"]), pay.id, PaymentInput("transfer", "NY-DEMO-1"))


def test_last_years_report_prints_from_the_demo(database, demo_firm, tmp_path) -> None:
    gm = demo_firm["wangjianguo"]
    year = clock.now().astimezone().year - 1  # the demo's last full year
    r = expense_analysis.annual_report(database.uow(gm), year, "秋季展会费用经修订预算批准。")
    with database.uow() as uow:
        paid = uow.session.scalar(select(func.sum(ExpenseClaim.amount)).where(
            ExpenseClaim.status == "paid", ExpenseClaim.spent_on >= date(year, 1, 1),
            ExpenseClaim.spent_on <= date(year, 12, 31)))
    assert r.paid_total == paid and r.budget_revision == 2 and r.over_budget_count > 0
    render_expense_report(r, tmp_path / "demo.pdf", "zh_CN")
    assert (tmp_path / "demo.pdf").stat().st_size > 10_000
    # 第11条2: the demo's sales manager submitted it, the GM reviewed it, it is filed
    (sub,) = report_review.report_submissions(database.uow(gm), year)
    assert (sub.status, sub.submitted_by, sub.reviewed_by, sub.filed_by) == ("filed", "张伟", "王建国", "张伟")
    assert sub.document_number.startswith("DR") and sub.remarks
    assert [i.kind for i in expense_waiting.waiting_for_me(database.uow(gm))].count("report") == 0



def test_the_demo_shows_a_claim_above_its_spending_standard_with_its_reason(database, demo_firm) -> None:  # noqa: ANN001
    from sales_desk.services.expenses import queries as expense_queries

    with database.uow() as uow:
        above = [(c.id, c.standard, c.standard_reason, c.discretionary) for c in uow.session.scalars(
            select(ExpenseClaim).where(ExpenseClaim.standard.is_not(None))) if c.amount > c.standard]
    assert len(above) == 1
    claim_id, standard, reason, discretionary = above[0]
    assert reason and not discretionary
    view = expense_queries.get_claim(database.uow(demo_firm["zhangwei"]), claim_id)
    assert view.row.current_step == "gm" and view.standard == standard  # the GM may allow it
