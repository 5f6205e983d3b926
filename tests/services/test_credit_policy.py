"""The credit policy as written (seed 001; SPEC §9): grades from the exact weighted total,
a downgrade trigger lowers the grade at once [降级处理] (第14条), an investigation is due for
review within the set days [在规定时间内递交审核] (第7条1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.credit.rating import DowngradeTrigger, Grade, PaymentMode
from sales_desk.domain.planning.warnings import Level, WarningKind
from sales_desk.models import AuditEntry
from sales_desk.services.admin import integrity
from sales_desk.services.credit import investigation as inv_svc
from sales_desk.services.credit import limit as credit_limit
from sales_desk.services.credit import position as credit
from sales_desk.services.credit import rating as credit_rating
from sales_desk.services.planning import dashboard, drill_down
from tests.policy_helpers import enact_policy
from tests.services.credit_flow import (
    new_customer,
    rate,
    ratings_for,
    reviewed_investigation,
    staff,
)


@pytest.fixture
def s(make_user):  # noqa: ANN001, ANN201
    return staff(make_user)


@pytest.fixture
def cid(database, s) -> int:  # noqa: ANN001
    return new_customer(database, s.rep)


# 85 % everywhere is 85.00; years in business (weight 5) one point up and sales growth (weight 6)
# one point down is 85 + 0.05 − 0.06 = 84.99.
RATINGS_84_99 = ratings_for(85) | {"years_in_business": 86, "sales_growth": 84}


def _approve(database, s, cid: int, ratings: dict[str, int], note: str = "") -> int | None:  # noqa: ANN001
    inv_id = reviewed_investigation(database, s, cid)
    pid = credit_rating.propose_rating(database.uow(s.spec), inv_id, ratings, "综合评价")
    return credit_rating.decide_rating(database.uow(s.csm), pid, True, note)


# -- grades from the exact total -------------------------------------------------------------------


def test_a_total_of_84_99_is_grade_b_and_kept_with_its_decimals(database, s, cid) -> None:  # noqa: ANN001
    _approve(database, s, cid, RATINGS_84_99)
    pos = credit.get_credit_position(database.uow(s.rep), cid)
    assert (pos.grade, pos.score) == ("B", Decimal("84.99"))
    [row] = credit.rating_history(database.uow(s.csm), cid)
    assert (row.grade, row.score) == ("B", Decimal("84.99"))
    [proposal] = credit_rating.list_proposals(database.uow(s.csm), None, cid)
    assert proposal.total_score == Decimal("84.99")


def test_a_total_of_85_00_is_grade_a(database, s, cid) -> None:  # noqa: ANN001
    _approve(database, s, cid, ratings_for(85))
    pos = credit.get_credit_position(database.uow(s.rep), cid)
    assert (pos.grade, pos.score) == ("A", Decimal("85.00"))


# -- downgrade [降级处理] (第14条) -------------------------------------------------------------------


def test_a_trigger_lowers_the_grade_one_step_at_once_with_the_new_grades_terms(database, s, cid, admin) -> None:  # noqa: ANN001, E501
    rate(database, s, cid, 90)
    credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("500000"), None, reasons="长期客户")
    credit.record_trigger(database.uow(s.spec), cid, DowngradeTrigger.MAJOR_BREACH, date(2026, 1, 2),
                          "拖欠货款且拒绝对账")
    pos = credit.get_credit_position(database.uow(s.rep), cid)
    assert (pos.grade, pos.on_hold, pos.rerating_due) == ("B", True, True)
    assert (pos.limit, pos.term_days) == (to_minor("100000"), 60)  # grade B's base and longest term
    [t] = credit.triggers_of(database.uow(s.csm), cid)
    assert (t.grade_before, t.grade_after) == ("A", "B")
    newest = credit.limit_history(database.uow(s.csm), cid)[0]
    assert newest.automatic and newest.grade == "B" and newest.previous_amount == to_minor("500000")
    with database.uow() as uow:
        actions = [a for (a,) in uow.session.execute(select(AuditEntry.action).order_by(AuditEntry.seq))]
    assert actions[-2:] == ["credit.trigger", "credit.limit_policy"]
    report = integrity.check_database(database.uow(admin), database.known_anchors(),
                                      sole_writer=database.sole_anchor_writer)
    assert report.table_differences == (), integrity.describe(report)  # the trail explains the new grade


def test_a_trigger_on_grade_c_leaves_no_credit(database, s, cid) -> None:  # noqa: ANN001
    rate(database, s, cid, 60)
    credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("20000"), 30, reasons="谨慎授信")
    credit.record_trigger(database.uow(s.spec), cid, DowngradeTrigger.OPERATING_DIFFICULTY, date(2026, 1, 2),
                          "主要财务指标恶化")
    pos = credit.get_credit_position(database.uow(s.rep), cid)
    assert (pos.grade, pos.limit, pos.payment_mode) == ("D", 0, PaymentMode.PREPAYMENT.value)


def test_a_trigger_may_lower_the_grade_further_but_not_keep_it(database, s, cid) -> None:  # noqa: ANN001
    rate(database, s, cid, 90)
    with pytest.raises(ValidationError, match="第14条"):
        credit.record_trigger(database.uow(s.spec), cid, DowngradeTrigger.OTHER, date(2026, 1, 2), "传闻",
                              to_grade=Grade.A)
    assert not credit.get_credit_position(database.uow(s.rep), cid).on_hold  # refused: nothing changed
    credit.record_trigger(database.uow(s.spec), cid, DowngradeTrigger.LEGAL_CASE, date(2026, 1, 2), "涉案",
                          to_grade=Grade.D)
    assert credit.get_credit_position(database.uow(s.rep), cid).grade == "D"


def test_the_customer_stays_on_hold_after_a_downgrade_until_re_rated(database, s, cid) -> None:  # noqa: ANN001
    rate(database, s, cid, 80)
    credit.record_trigger(database.uow(s.spec), cid, DowngradeTrigger.OTHER, date(2026, 1, 2), "核心人员变更")
    with pytest.raises(credit_limit.CreditOnHold):
        credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("10000"), 30, reasons="x")
    _approve(database, s, cid, ratings_for(60))  # C: the downgraded grade, no reasons needed
    pos = credit.get_credit_position(database.uow(s.rep), cid)
    assert (pos.grade, pos.on_hold) == ("C", False)


def test_a_re_rating_above_the_downgraded_grade_is_refused_without_written_reasons(database, s, cid) -> None:  # noqa: ANN001, E501
    rate(database, s, cid, 90)
    credit.record_trigger(database.uow(s.spec), cid, DowngradeTrigger.FALSE_STATEMENTS, date(2026, 1, 2),
                          "报表数据相互矛盾")
    inv_id = reviewed_investigation(database, s, cid)
    pid = credit_rating.propose_rating(database.uow(s.spec), inv_id, ratings_for(90))
    with pytest.raises(ValidationError, match="第14条"):
        credit_rating.decide_rating(database.uow(s.csm), pid, True, "  ")
    assert credit.get_credit_position(database.uow(s.rep), cid).grade == "B"  # still downgraded, on hold
    credit_rating.decide_rating(database.uow(s.csm), pid, True, "审计报告证实报表无误，原降级依据不成立")
    pos = credit.get_credit_position(database.uow(s.rep), cid)
    assert (pos.grade, pos.on_hold) == ("A", False)
    with database.uow() as uow:
        after = uow.session.scalars(select(AuditEntry.after).where(AuditEntry.action == "credit.rating_approve")
                                    .order_by(AuditEntry.seq.desc())).first()
    assert '"downgraded_to":"B"' in after and "原降级依据不成立" in after


# -- the investigation's deadline [在规定时间内递交审核] (第7条1) ------------------------------------


def test_an_investigation_is_due_the_set_days_after_opening(database, s, cid, admin, pin_business_date) -> None:  # noqa: ANN001, E501
    pin_business_date(date(2026, 3, 1))
    first = inv_svc.open_investigation(database.uow(s.spec), cid)
    assert inv_svc.get_investigation(database.uow(s.csm), first).due_on == date(2026, 3, 11)
    enact_policy(database, admin, {"credit.investigation_days": 5})
    other = new_customer(database, s.rep, "杭州临安贸易有限公司")
    second = inv_svc.open_investigation(database.uow(s.spec), other)
    assert inv_svc.get_investigation(database.uow(s.csm), second).due_on == date(2026, 3, 6)
    assert inv_svc.get_investigation(database.uow(s.csm), first).due_on == date(2026, 3, 11)  # fixed on opening


def test_a_late_investigation_is_listed_and_warned_from_the_day_after_its_due_date(
        database, s, cid, make_user, pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 3, 1))
    inv_id = inv_svc.open_investigation(database.uow(s.spec), cid)
    gm = make_user("gm", "gm")
    pin_business_date(date(2026, 3, 11))  # the due date: still in time
    assert inv_svc.list_investigations(database.uow(s.csm), late_only=True) == []
    assert dashboard.dashboard(database.uow(s.csm)).card(WarningKind.LATE_INVESTIGATIONS).count == 0
    pin_business_date(date(2026, 3, 12))
    [row] = inv_svc.list_investigations(database.uow(s.csm), late_only=True)
    assert (row.id, row.late, row.due_on) == (inv_id, True, date(2026, 3, 11))
    for who in (s.csm, s.mgr, gm):
        card = dashboard.dashboard(database.uow(who)).card(WarningKind.LATE_INVESTIGATIONS)
        assert card is not None and (card.count, card.level) == (1, Level.ALERT.value)
    [rec] = drill_down.warning_records(database.uow(s.mgr), WarningKind.LATE_INVESTIGATIONS.value)
    assert (rec.tab, rec.open_kind, rec.open_id, rec.on) == ("credit", "investigation", inv_id, date(2026, 3, 11))
    assert dashboard.dashboard(database.uow(s.rep)).card(WarningKind.LATE_INVESTIGATIONS) is None


def test_an_investigation_submitted_by_its_due_date_is_not_late(database, s, cid, pin_business_date) -> None:  # noqa: ANN001, E501
    pin_business_date(date(2026, 3, 1))
    inv_id = reviewed_investigation(database, s, cid)  # submitted and reviewed the same day
    pin_business_date(date(2026, 4, 1))
    assert not inv_svc.get_investigation(database.uow(s.csm), inv_id).late
    assert inv_svc.list_investigations(database.uow(s.csm), late_only=True) == []
