"""The audit trail and the refusals log read the issue-15 procedures as people know them: a
policy proposal by its group's label (never the raw code) and its numbers by their labels,
an advance report by its invoice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sales_desk import i18n
from sales_desk.domain.common.errors import SelfApprovalRefused
from sales_desk.domain.common.money import to_minor
from sales_desk.services.admin import audit, policy, refusals
from sales_desk.services.collections import advance_reports
from tests.services.collection_flow import crew, customer, invoice

FEB_20, MAR_1 = date(2026, 2, 20), date(2026, 3, 1)


def _rows(database, admin, action: str) -> list[audit.AuditRow]:  # noqa: ANN001
    rows, _more = audit.audit_page(database.uow(admin))
    return [r for r in rows if r.action == action]


def test_a_policy_proposal_reads_with_its_groups_label_and_its_numbers_labels(database, admin, make_user,
                                                                               pin_business_date) -> None:
    pin_business_date(FEB_20)
    mgr, gm = make_user("mgr", "sales_manager"), make_user("gm", "gm")
    pid = policy.propose_policy(database.uow(mgr), {"credit.c_max_limit": to_minor("40000")}, MAR_1, "回款良好")
    policy.approve_policy(database.uow(gm), pid)
    [row] = _rows(database, admin, "policy.propose")
    assert "(Credit limits, terms and grades)" in row.sentence and "(credit)" not in row.sentence
    assert row.subject == "version 2 · Credit limits, terms and grades, in force from 2026-03-01"  # as it is now
    assert "Grade C: largest credit limit: 40,000.00" in row.changes_text
    [approved] = _rows(database, admin, "policy.approve")
    assert approved.subject.startswith("version 2 · Credit limits")
    i18n.set_language("zh_CN")
    try:
        [row] = _rows(database, admin, "policy.propose")
        assert "赊销额度、回款期限与信用等级" in row.sentence and "credit" not in row.sentence
    finally:
        i18n.set_language("en")


def test_a_refused_self_approval_names_the_policy_proposal_not_a_rating(database, admin, make_user,
                                                                        pin_business_date) -> None:
    pin_business_date(FEB_20)
    both = make_user("solo", "sales_manager", "gm", justification="two-person firm")
    pid = policy.propose_policy(database.uow(both), {"credit.c_max_limit": to_minor("40000")}, MAR_1, "市场变化")
    with pytest.raises(SelfApprovalRefused):
        policy.approve_policy(database.uow(both), pid)
    rows, _more = refusals.refusals_page(database.uow(admin))
    [row] = [r for r in rows if r.action == "policy.approve_policy"]
    assert row.record == "Policy proposal Credit limits, terms and grades, in force from 2026-03-01"
    assert "approve the policy proposal Credit limits, terms and grades, in force from 2026-03-01" in row.sentence


def test_an_advance_report_reads_by_its_invoice(database, admin, make_user, pin_business_date) -> None:
    today = date(2026, 6, 5)
    pin_business_date(today)
    c = crew(make_user)
    customer(database, c.rep, "C1")
    rid = invoice(database, c.fin, "C1", "AR-7", -2, 100_000)
    advance_reports.file_report(database.uow(c.rep), rid, "客户资金紧张", today + timedelta(days=20), "每周催收")
    [row] = _rows(database, admin, "collection.advance_report")
    assert row.subject == "OB-AR-7, due 2026-06-07" and "#" not in row.subject
