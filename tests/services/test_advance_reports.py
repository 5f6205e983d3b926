"""The rep's advance report [信用 第15条3]: before a customer's invoice falls due unpaid the rep
reports to the sales manager and the GM; an invoice within `collection.advance_report_days`
of its due date without a report shows on the rep's, the manager's and the GM's dashboards."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from sales_desk.domain.collections.advance_reports import ReportTooLate
from sales_desk.domain.common.errors import NotFound, NotPermitted, ValidationError
from sales_desk.domain.planning.warnings import Level, WarningKind
from sales_desk.models import AdvanceReport
from sales_desk.services.collections import advance_reports
from sales_desk.services.planning.dashboard import dashboard
from sales_desk.services.planning.drill_down import warning_records
from tests.policy_helpers import enact_policy
from tests.services.collection_flow import crew, customer, invoice, pay

TODAY = date(2026, 6, 5)


@pytest.fixture
def c(make_user, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(TODAY)
    return crew(make_user)


def _due_in(database, c, days: int, doc: str, code: str = "C1") -> int:  # noqa: ANN001
    """An open invoice of `code` (the rep's customer) falling due `days` days from today."""
    return invoice(database, c.fin, code, doc, -days, 100_000)


def _listed(database, who) -> list[str]:  # noqa: ANN001
    return [r.doc_no for r in advance_reports.reports_due(database.uow(who))]


def test_an_invoice_due_within_the_report_days_without_a_report_is_on_the_dashboards(database, c) -> None:  # noqa: ANN001
    customer(database, c.rep, "C1")
    _due_in(database, c, 5, "AR-5")  # the first day of the window: due 10 June, today 5 June
    _due_in(database, c, 6, "AR-6")  # not yet
    _due_in(database, c, 0, "AR-0")  # falls due today: the last day to report
    _due_in(database, c, -1, "AR-LATE")  # overdue since yesterday: the ladder's, not a report's
    for who in (c.rep, c.mgr, c.gm):
        assert _listed(database, who) == ["OB-AR-0", "OB-AR-5"]
        card = dashboard(database.uow(who)).card(WarningKind.ADVANCE_REPORTS)
        assert card is not None and (card.count, card.amount, card.level) == (2, 200_000, Level.ALERT)
    assert dashboard(database.uow(c.rep2)).card(WarningKind.ADVANCE_REPORTS).count == 0  # not rep2's customer
    for who in (c.fin, c.vp, c.sup):
        assert dashboard(database.uow(who)).card(WarningKind.ADVANCE_REPORTS) is None
        with pytest.raises(NotPermitted):
            advance_reports.reports_due(database.uow(who))
    records = warning_records(database.uow(c.gm), WarningKind.ADVANCE_REPORTS.value)
    assert [r.code for r in records] == ["OB-AR-0", "OB-AR-5"]


def test_a_filed_advance_report_takes_the_invoice_off_the_dashboards(database, c) -> None:  # noqa: ANN001
    customer(database, c.rep, "C1")
    rid = _due_in(database, c, 3, "AR-3")
    report = advance_reports.file_report(database.uow(c.rep), rid, "客户资金紧张", TODAY + timedelta(days=20),
                                         "每周电话跟进，约见财务")
    assert _listed(database, c.mgr) == []
    assert dashboard(database.uow(c.gm)).card(WarningKind.ADVANCE_REPORTS).level == Level.OK
    filed = advance_reports.filed_reports(database.uow(c.gm))
    assert [(f.id, f.doc_no, f.rep, f.expected_on) for f in filed] == [
        (report, "OB-AR-3", "rep", TODAY + timedelta(days=20))]
    assert advance_reports.filed_reports(database.uow(c.rep2)) == []


def test_a_paid_invoice_needs_no_advance_report(database, c) -> None:  # noqa: ANN001
    cid = customer(database, c.rep, "C1")
    _due_in(database, c, 2, "AR-2")
    pay(database, c.fin, cid, 100_000)
    assert _listed(database, c.rep) == []


def test_the_report_days_are_a_setting(database, c, admin) -> None:  # noqa: ANN001
    customer(database, c.rep, "C1")
    _due_in(database, c, 8, "AR-8")
    assert _listed(database, c.rep) == []
    enact_policy(database, admin, {"collection.advance_report_days": 8})
    assert _listed(database, c.rep) == ["OB-AR-8"]


def test_an_advance_report_after_the_due_date_is_refused(database, c) -> None:  # noqa: ANN001
    customer(database, c.rep, "C1")
    late = _due_in(database, c, -1, "AR-LATE")
    with pytest.raises(ReportTooLate):
        advance_reports.file_report(database.uow(c.rep), late, "迟了", TODAY + timedelta(days=9), "催收")
    on_the_day = _due_in(database, c, 0, "AR-0")
    advance_reports.file_report(database.uow(c.rep), on_the_day, "客户付款审批慢", TODAY + timedelta(days=1), "催收")


def test_an_advance_report_says_why_when_and_what_is_done(database, c) -> None:  # noqa: ANN001
    customer(database, c.rep, "C1")
    rid = _due_in(database, c, 4, "AR-4")
    due = TODAY + timedelta(days=4)
    for reason, expected, actions in (("", due + timedelta(days=1), "催收"), ("原因", None, "催收"),
                                      ("原因", due, "催收"), ("原因", due + timedelta(days=1), " ")):
        with pytest.raises(ValidationError):
            advance_reports.file_report(database.uow(c.rep), rid, reason, expected, actions)
    advance_reports.file_report(database.uow(c.rep), rid, "原因", due + timedelta(days=1), "催收")


def test_only_the_customers_own_rep_files_the_advance_report(database, c) -> None:  # noqa: ANN001
    customer(database, c.rep, "C1")
    rid = _due_in(database, c, 2, "AR-2")
    for other in (c.rep2, c.mgr, c.gm):
        with pytest.raises(NotPermitted):
            advance_reports.file_report(database.uow(other), rid, "原因", TODAY + timedelta(days=9), "催收")
    with pytest.raises(NotFound):
        advance_reports.file_report(database.uow(c.rep), 999_999, "原因", TODAY + timedelta(days=9), "催收")


def test_advance_reports_are_kept_as_filed(database, c) -> None:  # noqa: ANN001
    customer(database, c.rep, "C1")
    rid = _due_in(database, c, 2, "AR-2")
    report = advance_reports.file_report(database.uow(c.rep), rid, "原因", TODAY + timedelta(days=9), "催收")
    with pytest.raises(Exception), database.engine.begin() as conn:  # noqa: B017, PT011 - the guard's error is the backend's
        conn.execute(text("UPDATE advance_reports SET reason = 'x' WHERE id = :id"), {"id": report})
    with database.engine.connect() as conn:
        assert conn.execute(select(AdvanceReport.reason)).scalar_one() == "原因"
