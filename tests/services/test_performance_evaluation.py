"""Evaluations per rep and period (issue 19): weights the manager proposes and the GM approves,
the figures behind each criterion, feedback given and acknowledged, the team's ranking."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.models import Customer
from sales_desk.services.customers import records
from sales_desk.services.performance import evaluations as ev
from sales_desk.services.performance import schemes
from tests.services.collection_flow import crew, customer, invoice, pay

WEIGHTS = {"sales": 30, "gross_profit": 20, "collection": 20, "overdue": 10, "complaints": 10, "expenses": 10}


@pytest.fixture
def t(database, make_user, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(date(2026, 6, 20))
    return crew(make_user)


def test_evaluation_weights_summing_to_100_percent(database, t) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError, match="sum to 100"):
        schemes.propose_weighting(database.uow(t.mgr), WEIGHTS | {"sales": 31}, date(2026, 1, 1))
    wid = schemes.propose_weighting(database.uow(t.mgr), WEIGHTS, date(2026, 1, 1))
    with pytest.raises(NotPermitted):
        schemes.decide_weighting(database.uow(t.mgr), wid, True)
    with pytest.raises(ValidationError, match="no approved weights"):
        ev.evaluate(database.uow(t.mgr), 2026, 5)
    schemes.decide_weighting(database.uow(t.gm), wid, True)
    assert schemes.list_weightings(database.uow(t.rep))[0].weights == WEIGHTS | {"activities": 0}  # every criterion named


def test_no_self_approval_of_the_weights(database, t, make_user) -> None:  # noqa: ANN001
    boss = make_user("boss", "sales_manager", "gm", justification="small firm")
    wid = schemes.propose_weighting(database.uow(boss), WEIGHTS, date(2026, 1, 1))
    with pytest.raises(SelfApprovalRefused):
        schemes.decide_weighting(database.uow(boss), wid, True)


def test_an_evaluation_is_given_with_feedback_and_acknowledged_by_its_rep(database, t) -> None:  # noqa: ANN001
    wid = schemes.propose_weighting(database.uow(t.mgr), WEIGHTS, date(2026, 1, 1))
    schemes.decide_weighting(database.uow(t.gm), wid, True)
    cid = customer(database, t.rep, "E100")
    invoice(database, t.fin, "E100", "E100-1", 25, 500_000)  # due 26 May
    invoice(database, t.fin, "E100", "E100-2", 60, 500_000)  # overdue since April
    pay(database, t.fin, cid, 500_000, on=date(2026, 5, 12), allocations=None)
    with database.engine.begin() as c:
        c.execute(update(Customer).where(Customer.id == cid).values(rep_id=t.rep.user_id))
    records.log_interaction(database.uow(t.rep), cid, records.InteractionInput("complaint", date(2026, 5, 3), "交货延迟"))
    assert ev.evaluate(database.uow(t.mgr), 2026, 5) == 2  # both reps
    rows = ev.ranking(database.uow(t.mgr), 2026, 5)
    mine = next(r for r in rows if r.rep_id == t.rep.user_id)
    detail = ev.evaluation_detail(database.uow(t.mgr), mine.id)
    lines = {x.key: x for x in detail.lines}
    assert lines["complaints"].value == 1 and lines["complaints"].score == 80
    assert lines["overdue"].value == 500_000 and lines["overdue"].against == 500_000  # open at 31 May: all overdue (the money paid the older)
    assert sum(x.weight for x in detail.lines) == 100
    assert detail.row.total == sum(x.points for x in detail.lines)
    assert ev.list_evaluations(database.uow(t.rep), 2026, 5) == []  # a draft is not shown to the rep
    with pytest.raises(NotPermitted):
        ev.evaluation_detail(database.uow(t.rep), mine.id)
    with pytest.raises(ValidationError, match="feedback"):
        ev.give_feedback(database.uow(t.mgr), mine.id, "  ")
    ev.give_feedback(database.uow(t.mgr), mine.id, "回款不错，投诉要减少。")
    with pytest.raises(ValidationError, match="already given"):
        ev.give_feedback(database.uow(t.mgr), mine.id, "again")
    with pytest.raises(NotPermitted):  # only the rep it is about
        ev.acknowledge(database.uow(t.rep2), mine.id)
    assert [r.id for r in ev.list_evaluations(database.uow(t.rep), 2026, 5)] == [mine.id]
    ev.acknowledge(database.uow(t.rep), mine.id, "收到")
    seen = ev.evaluation_detail(database.uow(t.rep), mine.id)
    assert seen.row.status == "acknowledged" and seen.rep_comment == "收到" and seen.feedback.startswith("回款")
    ev.evaluate(database.uow(t.mgr), 2026, 5)  # a second run leaves what was given as given
    assert ev.evaluation_detail(database.uow(t.mgr), mine.id).row.total == detail.row.total
    assert ev.evaluate(database.uow(t.mgr), 2026, 0) == 2  # the year


def test_visits_and_activities_done_count_against_the_teams_best(database, t) -> None:  # noqa: ANN001
    """对客户的拜访次数 (seed 003 1.2.7): the criterion reads the activities done in the period
    (services/activities), the best rep scores 100, one with none scores 0."""
    from sales_desk.services.activities import activities as act
    from tests.services.test_activities import new_customer, plan

    weights = WEIGHTS | {"sales": 20, "activities": 10}
    wid = schemes.propose_weighting(database.uow(t.mgr), weights, date(2026, 1, 1))
    schemes.decide_weighting(database.uow(t.gm), wid, True)
    cid = new_customer(database, t.rep)
    for day in (date(2026, 4, 30), date(2026, 5, 6), date(2026, 5, 20)):
        act.complete_activity(database.uow(t.rep), plan(database, t.rep, cid, day), "已拜访", done_on=day)
    plan(database, t.rep, cid, date(2026, 5, 25))  # planned, not done: not counted
    ev.evaluate(database.uow(t.mgr), 2026, 5)
    lines = {}
    for r in ev.ranking(database.uow(t.mgr), 2026, 5):
        lines[r.rep_id] = {x.key: x for x in ev.evaluation_detail(database.uow(t.mgr), r.id).lines}
    mine, other = lines[t.rep.user_id]["activities"], lines[t.rep2.user_id]["activities"]
    assert (mine.value, mine.against, mine.score, mine.weight) == (2, 2, 100, 10)
    assert (other.value, other.score) == (0, 0)
