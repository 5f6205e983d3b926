"""Complaints and after-sales service cases [客户投诉管理, 售后服务跟踪] (issue 19): a deadline by
severity, repeat complaints within the set window, closing with the customer's confirmation,
satisfaction and its trend, the overdue early warning, the analysis and the per-rep count."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from sales_desk.domain.care.complaints import CaseAlreadyClosed, ClosingNeedsConfirmation
from sales_desk.domain.common.errors import NotFound, NotPermitted, ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.common.roles import Actor, Role
from sales_desk.services.care import case_reads, cases, complaint_analysis
from sales_desk.services.care.case_reads import CaseFilter
from sales_desk.services.care.cases import CaseInput, complaints_per_rep
from sales_desk.services.orders import products
from sales_desk.services.orders.products import ProductInput
from tests.policy_helpers import enact_policy
from tests.services.collection_flow import customer

TODAY = date(2026, 6, 15)


@pytest.fixture
def c(make_user, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(TODAY)
    return SimpleNamespace(cs=make_user("cs", "cs_specialist"), csm=make_user("csm", "cs_manager"),
                           rep=make_user("rep", "sales_rep"), rep2=make_user("rep2", "sales_rep"),
                           vp=make_user("vp", "sales_vp"))


def _product(database, c, code: str = "P-1") -> int:  # noqa: ANN001
    return products.create_product(database.uow(c.vp), ProductInput(
        code, f"产品{code}", "台", to_minor("100"), to_minor("90"), to_minor("120")))


def _case(database, c, cid: int, on: date, severity: str = "minor", cause: str = "quality",  # noqa: ANN001
          product_id: int | None = None, kind: str = "complaint", who=None) -> int:  # noqa: ANN001
    return cases.open_case(database.uow(who or c.cs), CaseInput(
        cid, kind, on, cause, severity, f"{cause} {on}", c.cs.user_id, product_id))


def _row(database, c, case_id: int):  # noqa: ANN001, ANN202
    return case_reads.case_detail(database.uow(c.csm), case_id).row


def test_a_complaints_deadline_by_severity(database, admin, c) -> None:  # noqa: ANN001
    cid = customer(database, c.rep, "C1")
    on = TODAY - timedelta(days=2)
    due = {s: _row(database, c, _case(database, c, cid, on, s, cause=cause)).due_on
           for s, cause in (("minor", "price"), ("major", "delivery"), ("critical", "billing"))}
    assert due == {"minor": on + timedelta(days=7), "major": on + timedelta(days=3),
                   "critical": on + timedelta(days=1)}
    # the days are policy: a new version changes the deadline of cases received from then on
    enact_policy(database, admin, {"customer.complaint_days_critical": 2})
    later = _case(database, c, cid, TODAY, "critical", cause="service")
    assert _row(database, c, later).due_on == TODAY + timedelta(days=2)
    assert _row(database, c, later).overdue is False


def test_a_repeat_complaint_within_the_set_window_and_not_outside_it(database, c) -> None:  # noqa: ANN001
    cid = customer(database, c.rep, "C1")
    other = customer(database, c.rep, "C2")
    p1, p2 = _product(database, c, "P-1"), _product(database, c, "P-2")
    first = _case(database, c, cid, TODAY - timedelta(days=90), cause="quality", product_id=p1)
    # within 90 days, the same cause: a repeat of the first
    same_cause = _case(database, c, cid, TODAY, cause="quality", product_id=p2)
    assert _row(database, c, same_cause).repeat_of == _row(database, c, first).number
    # the same product, another cause: a repeat too (of the latest earlier one)
    same_product = _case(database, c, cid, TODAY, cause="delivery", product_id=p2)
    assert _row(database, c, same_product).repeat_of == _row(database, c, same_cause).number
    # another customer, or neither cause nor product shared: not a repeat
    assert _row(database, c, _case(database, c, other, TODAY, cause="quality", product_id=p1)).repeat_of == ""
    assert _row(database, c, _case(database, c, cid, TODAY, cause="price")).repeat_of == ""
    # outside the window (91 days before): not a repeat
    third = customer(database, c.rep, "C3")
    _case(database, c, third, TODAY - timedelta(days=91), cause="quality")
    assert _row(database, c, _case(database, c, third, TODAY, cause="quality")).repeat_of == ""
    # service cases are not complaints: they neither repeat nor are repeated
    assert _row(database, c, _case(database, c, cid, TODAY, cause="quality", kind="service")).repeat_of == ""
    repeats = case_reads.list_cases(database.uow(c.csm), CaseFilter(repeat_only=True))
    assert {r.id for r in repeats} == {same_cause, same_product}


def test_closing_needs_the_customers_confirmation(database, c) -> None:  # noqa: ANN001
    cid = customer(database, c.rep, "C1")
    case_id = _case(database, c, cid, TODAY - timedelta(days=10), "major")
    cases.add_step(database.uow(c.cs), case_id, "上门检测，更换主板", TODAY - timedelta(days=8))
    for who, on in (("", TODAY), ("王经理", None)):
        with pytest.raises(ClosingNeedsConfirmation):
            cases.close_case(database.uow(c.cs), case_id, "已更换", who, on)
    with pytest.raises(ValidationError):  # confirmed before the complaint came in
        cases.close_case(database.uow(c.cs), case_id, "已更换", "王经理", TODAY - timedelta(days=11))
    assert _row(database, c, case_id).status == "open"
    cases.close_case(database.uow(c.cs), case_id, "已更换主板，客户确认运行正常", "王经理", TODAY, satisfaction=4)
    d = case_reads.case_detail(database.uow(c.csm), case_id)
    assert (d.row.status, d.confirmed_by, d.confirmed_on, d.row.closed_on, d.row.days_to_close) == (
        "closed", "王经理", TODAY, TODAY, 10)
    assert d.row.overdue  # major: 3 days, closed on the 10th
    assert [s.action for s in d.steps] == ["上门检测，更换主板"]
    assert [(s.occasion, s.score) for s in d.scores] == [("closing", 4)]
    with pytest.raises(CaseAlreadyClosed):
        cases.close_case(database.uow(c.cs), case_id, "again", "王经理", TODAY)
    with pytest.raises(CaseAlreadyClosed):
        cases.add_step(database.uow(c.cs), case_id, "late step")


def test_satisfaction_trend_per_customer_and_overall(database, c) -> None:  # noqa: ANN001
    a, b = customer(database, c.rep, "C1"), customer(database, c.rep2, "C2")
    for cid, on, score in ((a, date(2026, 4, 3), 3), (a, date(2026, 4, 20), 4), (a, date(2026, 5, 2), 5),
                           (b, date(2026, 4, 9), 2)):
        cases.record_satisfaction(database.uow(c.cs), cid, score, on, "回访")
    with pytest.raises(ValidationError):
        cases.record_satisfaction(database.uow(c.cs), a, 6)
    start, end = date(2026, 1, 1), date(2026, 6, 30)
    one = case_reads.satisfaction_trend(database.uow(c.csm), start, end, a)
    assert [(p.month, str(p.average), p.count) for p in one] == [("2026-04", "3.50", 2), ("2026-05", "5.00", 1)]
    overall = case_reads.satisfaction_trend(database.uow(c.csm), start, end)
    assert [(p.month, str(p.average), p.count) for p in overall] == [("2026-04", "3.00", 3), ("2026-05", "5.00", 1)]
    # a rep sees their own customers only
    mine = case_reads.satisfaction_trend(database.uow(c.rep2), start, end)
    assert [(p.month, p.count) for p in mine] == [("2026-04", 1)]
    with pytest.raises(NotFound):
        case_reads.satisfaction_trend(database.uow(c.rep2), start, end, a)


def test_overdue_complaints_are_an_early_warning_on_the_dashboard(database, c) -> None:  # noqa: ANN001
    from sales_desk.domain.planning.warnings import WarningKind
    from sales_desk.services.planning.dashboard import dashboard
    from sales_desk.services.planning.warning_scope import warnings_for

    cid = customer(database, c.rep, "C1")
    _case(database, c, cid, TODAY - timedelta(days=2), "critical")  # due yesterday: late
    _case(database, c, cid, TODAY - timedelta(days=2), "minor", cause="price")  # due in 5 days
    listed = case_reads.list_cases(database.uow(c.csm), CaseFilter(overdue_only=True))
    assert [r.severity for r in listed] == ["critical"]
    card = dashboard(database.uow(c.csm)).card(WarningKind.OVERDUE_COMPLAINTS)
    assert card is not None and card.count == 1
    assert dashboard(database.uow(c.rep2)).card(WarningKind.OVERDUE_COMPLAINTS).count == 0  # not rep2's
    finance = Actor(0, "f", frozenset({Role.FINANCE}))
    assert WarningKind.OVERDUE_COMPLAINTS not in warnings_for(finance)


def test_complaint_analysis_by_cause_product_severity_month_and_customer(database, c) -> None:  # noqa: ANN001
    a, b = customer(database, c.rep, "C1"), customer(database, c.rep2, "C2")
    p = _product(database, c)
    x = _case(database, c, a, date(2026, 3, 1), "minor", "quality", p)
    _case(database, c, a, date(2026, 3, 20), "major", "quality", p)  # a repeat of x
    _case(database, c, b, date(2026, 4, 2), "minor", "delivery")
    _case(database, c, b, date(2025, 12, 31), "minor", "delivery")  # outside the period
    _case(database, c, b, date(2026, 4, 3), "minor", "delivery", kind="service")  # not a complaint
    uow = database.uow(c.cs)
    uow.clock = lambda: datetime(2026, 3, 5, 9, tzinfo=UTC)
    cases.close_case(uow, x, "已处理", "张三", date(2026, 3, 5))
    got = complaint_analysis.complaint_analysis(database.uow(c.csm), date(2026, 1, 1), date(2026, 12, 31))
    assert (got.total.count, got.total.closed, got.total.average_days, got.total.repeats) == (3, 1, 4, 1)
    assert [(g.key, g.count) for g in got.by_cause] == [("quality", 2), ("delivery", 1)]
    assert [(g.label, g.count) for g in got.by_product] == [("产品P-1", 2), ("No product", 1)]
    assert [(g.key, g.count) for g in got.by_severity] == [("minor", 2), ("major", 1)]
    assert [(g.key, g.count) for g in got.by_month] == [("2026-03", 2), ("2026-04", 1)]
    assert [(g.key, g.count) for g in got.by_customer] == [(str(a), 2), (str(b), 1)]
    # the major one (due 23 March) is open past its deadline; the first closed in time
    assert got.total.late == 2  # the minor of 2 April is due 9 April, before today too
    both = complaint_analysis.complaint_analysis(database.uow(c.csm), date(2026, 1, 1), date(2026, 12, 31), None)
    assert both.total.count == 4
    with pytest.raises(NotPermitted):
        complaint_analysis.complaint_analysis(database.uow(c.rep), date(2026, 1, 1), date(2026, 12, 31))


def test_complaints_per_rep_counts_complaints_received_in_the_period(database, c) -> None:  # noqa: ANN001
    a, b = customer(database, c.rep, "C1"), customer(database, c.rep2, "C2")
    _case(database, c, a, date(2026, 5, 1))
    _case(database, c, a, date(2026, 5, 31), cause="price")
    _case(database, c, a, date(2026, 6, 1), cause="billing")  # next month
    _case(database, c, b, date(2026, 5, 10), kind="service")  # a service case is no complaint
    with database.uow(c.csm) as uow:
        got = complaints_per_rep(uow, [c.rep.user_id, c.rep2.user_id, c.vp.user_id],
                                 date(2026, 5, 1), date(2026, 5, 31))
    assert got == {c.rep.user_id: 2, c.rep2.user_id: 0, c.vp.user_id: 0}


def test_the_list_filters_sorts_and_keeps_a_rep_to_their_customers(database, c) -> None:  # noqa: ANN001
    a, b = customer(database, c.rep, "C1"), customer(database, c.rep2, "C2")
    x = _case(database, c, a, date(2026, 6, 1), "major")
    y = _case(database, c, b, date(2026, 6, 10), "minor", "price")
    z = _case(database, c, a, date(2026, 6, 5), "critical", "service", who=c.rep)
    ids = [r.id for r in case_reads.list_cases(database.uow(c.csm))]
    assert ids == [y, z, x]
    assert [r.id for r in case_reads.list_cases(database.uow(c.csm), CaseFilter(sort="due_on", descending=False))] \
        == [x, z, y]
    assert [r.id for r in case_reads.list_cases(database.uow(c.csm), CaseFilter(severity="major"))] == [x]
    assert [r.id for r in case_reads.list_cases(database.uow(c.csm), CaseFilter(text="C2"))] == [y]
    assert [r.id for r in case_reads.list_cases(database.uow(c.rep))] == [z, x]
    with pytest.raises(NotFound):
        cases.open_case(database.uow(c.rep2), CaseInput(a, "complaint", TODAY, "price", "minor", "x", c.cs.user_id))
    with pytest.raises(NotPermitted):
        cases.open_case(database.uow(c.vp), CaseInput(a, "complaint", TODAY, "price", "minor", "x", c.cs.user_id))
    with pytest.raises(ValidationError):  # the handler must handle complaints
        cases.open_case(database.uow(c.cs), CaseInput(a, "complaint", TODAY, "price", "minor", "x", c.vp.user_id))
