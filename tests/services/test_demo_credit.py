"""The demo firm's credit side: every grade, work under way, a hold, a re-rating due, a stale file."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from sales_desk.demo import firm as demo
from sales_desk.domain.admin.settings import DEFAULTS
from sales_desk.domain.credit.rating import Grade, PaymentMode, Terms, TermsPolicy, check_terms
from sales_desk.domain.planning.warnings import WarningKind
from sales_desk.models import CreditInvestigation, CreditRating, Customer, RatingProposal
from sales_desk.services.admin import audit, auth, integrity
from sales_desk.services.credit import investigation as inv_svc
from sales_desk.services.credit import position as credit
from sales_desk.services.credit import rating as credit_rating
from sales_desk.services.customers import listing as customer_list
from sales_desk.services.customers.listing import CustomerFilter
from sales_desk.services.planning import dashboard


def _login(database, result, role: str):
    user = next(u for u in result.users if role in u.roles)
    return auth.login(database.uow(), user.username, user.password)


def test_demo_has_customers_at_every_grade_within_the_grade_policy(database, admin) -> None:
    demo.load_demo(database.uow(admin))
    policy = TermsPolicy.from_settings(DEFAULTS)
    with database.uow() as uow:
        rated = uow.session.execute(select(
            Customer.credit_grade, Customer.credit_limit, Customer.payment_term_days, Customer.payment_mode,
        ).where(Customer.credit_grade.is_not(None))).all()
    assert {grade for grade, *_rest in rated} == {"A", "B", "C", "D"}
    for grade, limit, term, mode in rated:
        check_terms(Grade(grade), Terms(limit, term, PaymentMode(mode)), 0, policy, "demo")


def test_demo_has_credit_work_under_way(database, admin) -> None:
    result = demo.load_demo(database.uow(admin))
    with database.uow() as uow:
        statuses = set(uow.session.scalars(select(CreditInvestigation.status)))
        pending = uow.session.scalars(select(RatingProposal.id).where(RatingProposal.status == "proposed")).all()
    assert {"open", "submitted", "returned", "reviewed"} <= statuses
    assert pending
    csm = _login(database, result, "cs_manager")
    assert credit_rating.list_proposals(database.uow(csm))


def test_demo_has_a_hold_a_rerating_due_and_a_stale_file(database, admin) -> None:
    result = demo.load_demo(database.uow(admin))
    mgr = _login(database, result, "sales_manager")
    held = customer_list.list_customers(database.uow(mgr), CustomerFilter(credit_hold=True)).rows
    assert len(held) == 1 and credit.get_credit_position(database.uow(mgr), held[0].id).on_hold
    due = credit.reratings_due(database.uow(mgr))
    assert len(due) >= 3 and held[0].id in {d.customer_id for d in due}
    assert len(customer_list.list_customers(database.uow(mgr), CustomerFilter(stale=True)).rows) >= 2
    with database.uow() as uow:
        twice = uow.session.scalar(select(CreditRating.customer_id).group_by(CreditRating.customer_id)
                                   .having(func.count() == 2).limit(1))
    assert twice is not None and len(credit.rating_history(database.uow(mgr), twice)) == 2
    assert audit.verify_chain(database.uow(admin)).ok


def test_demo_shows_the_exact_band_edge_a_downgrade_and_a_late_investigation(database, admin) -> None:
    result = demo.load_demo(database.uow(admin))
    mgr = _login(database, result, "sales_manager")
    with database.uow() as uow:
        edge = uow.session.execute(select(Customer.credit_grade).where(
            Customer.credit_score == Decimal("84.99"))).scalars().all()
    assert edge == ["B"]  # 84.99 is B: A starts at 85.00
    [held] = customer_list.list_customers(database.uow(mgr), CustomerFilter(credit_hold=True)).rows
    [trigger] = credit.triggers_of(database.uow(mgr), held.id)
    assert trigger.grade_after == credit.get_credit_position(database.uow(mgr), held.id).grade
    assert trigger.grade_before != trigger.grade_after or trigger.grade_after == "D"
    late = inv_svc.list_investigations(database.uow(mgr), late_only=True)
    assert len(late) == 1 and late[0].status == "open"
    card = dashboard.dashboard(database.uow(mgr)).card(WarningKind.LATE_INVESTIGATIONS)
    assert card is not None and card.count == 1
    gm = _login(database, result, "gm")
    report = integrity.check_database(database.uow(gm), database.known_anchors(),
                                      sole_writer=database.sole_anchor_writer)
    assert report.table_differences == (), integrity.describe(report)[:10]  # the downgrade is on the trail
