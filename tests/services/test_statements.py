"""Statements of account [对账单] and the customer's confirmation [余额确认] (销售专员 职责6):
figures from the ledger, issued as documents of record, the reply recorded, differences
followed to resolution, and who may do what."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sales_desk.domain.collections.statements import (
    Difference,
    DifferenceResolved,
    ReplyAlreadyRecorded,
    ReplySuperseded,
    StatementClosed,
    StatementStatus,
)
from sales_desk.domain.common.errors import NotFound, NotPermitted, ValidationError
from sales_desk.reports.records.statements import (
    issue_confirmation,
    issue_statement,
    issue_statements,
)
from sales_desk.services.collections import ledger, statements
from sales_desk.services.records import issuing
from tests.policy_helpers import enact_policy
from tests.services.collection_flow import credit_note, crew, customer, opening, pay

DAY = date(2026, 11, 30)


@pytest.fixture
def team(make_user, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(DAY)
    return crew(make_user)


def _books(database, team, code: str = "C700") -> int:  # noqa: ANN001
    """Opening balance in 2025, an invoice and a credit note this year, money received."""
    cid = customer(database, team.rep, code)
    opening(database, team.fin, [(code, f"{code}-A", date(2025, 12, 1), date(2025, 12, 31), 50_000),
                                 (code, f"{code}-B", date(2026, 3, 1), date(2026, 4, 1), 120_000)])
    credit_note(database, cid, f"CN-{code}", date(2026, 4, 10), 20_000)
    pay(database, team.fin, cid, 60_000, on=date(2026, 5, 2))
    return cid


def test_the_statements_closing_balance_equals_the_ledgers_balance_on_its_date(database, team) -> None:  # noqa: ANN001
    cid = _books(database, team)
    pay(database, team.fin, cid, 10_000, on=date(2026, 11, 20))  # after the statement's date
    issued = issue_statement(database.uow(team.fin), cid, date(2026, 10, 31), "en")
    t = issued.data.totals
    on_date = ledger.customer_ledger(database.uow(team.fin), cid, until=date(2026, 10, 31))
    assert t.closing == on_date.balance == 90_000
    assert (t.opening, t.invoices, t.credit_notes, t.receipts, t.write_offs) == (50_000, 120_000, 20_000, 60_000, 0)
    assert t.balanced() and issued.data.lines[-1].balance == t.closing
    today = issue_statement(database.uow(team.fin), cid, DAY, "en").data.totals
    with database.uow(team.fin) as uow:
        assert today.closing == ledger.ledger_balance(uow, cid) == 80_000


def test_a_statement_is_issued_once_as_a_document_of_record_in_the_customers_language(database, team) -> None:  # noqa: ANN001
    cid = _books(database, team)
    with database.uow(team.fin) as uow:
        from sqlalchemy import update

        from sales_desk.models import Customer
        uow.session.execute(update(Customer).where(Customer.id == cid).values(language="zh_CN"))
        uow.commit()
    first = issue_statement(database.uow(team.fin), cid, DAY, "en")
    again = issue_statement(database.uow(team.fin), cid, DAY, "en")
    assert first.document.language == "zh_CN" and first.document.number.startswith("DR2026-")
    assert again.document.id == first.document.id and again.statement_id == first.statement_id
    row = statements.list_statements(database.uow(team.fin), customer_id=cid)[0]
    assert (row.number, row.status, row.closing) == (first.document.number, StatementStatus.ISSUED, 90_000)


def test_a_confirmed_statement_cannot_be_changed(database, team) -> None:  # noqa: ANN001
    cid = _books(database, team)
    s = issue_statement(database.uow(team.rep), cid, date(2026, 10, 31), "en")
    with pytest.raises(ValidationError):  # the slip cannot come back before the statement went out
        statements.confirm_statement(database.uow(team.rep), s.statement_id, DAY - timedelta(days=1))
    statements.confirm_statement(database.uow(team.rep), s.statement_id, note="王经理签章")
    with pytest.raises(StatementClosed):
        statements.confirm_statement(database.uow(team.fin), s.statement_id)
    with pytest.raises(StatementClosed):
        statements.record_differences(database.uow(team.fin), s.statement_id, [Difference(100, "late")])
    # a receipt entered afterwards, dated inside the confirmed period: no new edition
    pay(database, team.fin, cid, 5_000, on=date(2026, 10, 15))
    with pytest.raises(StatementClosed):
        issue_statement(database.uow(team.fin), cid, date(2026, 10, 31), "en")
    detail = statements.statement_detail(database.uow(team.fin), s.statement_id)
    assert detail.row.status is StatementStatus.CONFIRMED and detail.row.closing == 90_000
    assert detail.reply_note == "王经理签章" and detail.row.replied_on == DAY


def test_a_difference_stays_open_until_resolved(database, team) -> None:  # noqa: ANN001
    cid = _books(database, team)
    s = issue_statement(database.uow(team.rep), cid, date(2026, 10, 31), "en")
    with pytest.raises(ValidationError):
        statements.record_differences(database.uow(team.rep), s.statement_id, [Difference(1_000, "  ")])
    a, b = statements.record_differences(database.uow(team.rep), s.statement_id, [
        Difference(-20_000, "我方 10月30日 付款未列入"), Difference(5_000, "退货数量不符")])
    with pytest.raises(ReplyAlreadyRecorded):
        statements.confirm_statement(database.uow(team.rep), s.statement_id)
    with pytest.raises(NotPermitted):  # the rep follows up; finance resolves
        statements.resolve_difference(database.uow(team.rep), a, "查明")
    with pytest.raises(ValidationError):
        statements.resolve_difference(database.uow(team.fin), a, " ")
    assert statements.resolve_difference(database.uow(team.fin), a, "款项11月2日到账，时间差") is StatementStatus.DISPUTED
    row = statements.list_statements(database.uow(team.fin), customer_id=cid)[0]
    assert row.status is StatementStatus.DISPUTED and row.open_differences == 1
    assert [r.id for r in statements.awaiting_reply(database.uow(team.fin))] == [s.statement_id]
    assert statements.resolve_difference(database.uow(team.fin), b, "已开红字") is StatementStatus.SETTLED
    with pytest.raises(DifferenceResolved):
        statements.resolve_difference(database.uow(team.fin), b, "again")
    detail = statements.statement_detail(database.uow(team.fin), s.statement_id)
    assert [(d.amount, d.resolution, d.resolved_by != "") for d in detail.differences] == [
        (-20_000, "款项11月2日到账，时间差", True), (5_000, "已开红字", True)]
    assert statements.awaiting_reply(database.uow(team.fin)) == []


def test_an_unconfirmed_statement_is_on_the_list_after_the_policys_days(database, admin, team, pin_business_date) -> None:  # noqa: ANN001
    enact_policy(database, admin, {"collection.statement_reply_days": 10})
    cid = _books(database, team)
    s = issue_statement(database.uow(team.rep), cid, DAY, "en")
    pin_business_date(DAY + timedelta(days=10))
    assert statements.awaiting_reply(database.uow(team.rep)) == []
    pin_business_date(DAY + timedelta(days=11))
    assert [r.id for r in statements.awaiting_reply(database.uow(team.rep))] == [s.statement_id]
    assert [r.id for r in statements.awaiting_reply(database.uow(team.fin))] == [s.statement_id]
    assert statements.awaiting_reply(database.uow(team.rep2)) == []  # not their customer


def test_a_new_edition_supersedes_the_unanswered_one(database, team) -> None:  # noqa: ANN001
    cid = _books(database, team)
    old = issue_statement(database.uow(team.fin), cid, date(2026, 10, 31), "en")
    pay(database, team.fin, cid, 5_000, on=date(2026, 10, 15))  # entered late
    new = issue_statement(database.uow(team.fin), cid, date(2026, 10, 31), "en")
    assert new.document.edition == 2 and new.data.totals.closing == 85_000
    with pytest.raises(ReplySuperseded):
        statements.confirm_statement(database.uow(team.fin), old.statement_id)
    statements.confirm_statement(database.uow(team.fin), new.statement_id)


def test_the_rep_reconciles_with_their_own_customers_and_finance_with_all(database, team) -> None:  # noqa: ANN001
    mine = _books(database, team, "C701")
    other = customer(database, team.rep2, "C702")
    opening(database, team.fin, [("C702", "C702-A", date(2026, 2, 1), date(2026, 3, 1), 8_000)])
    with pytest.raises(NotFound):
        issue_statement(database.uow(team.rep), other, DAY, "en")
    with pytest.raises(NotPermitted):  # a supervisor follows collections but does not reconcile
        issue_statement(database.uow(team.sup), mine, DAY, "en")
    s = issue_statement(database.uow(team.rep2), other, DAY, "en")
    with pytest.raises(NotFound):
        statements.confirm_statement(database.uow(team.rep), s.statement_id)
    assert statements.list_statements(database.uow(team.rep)) == []
    assert [r.customer_code for r in statements.list_statements(database.uow(team.fin))] == ["C702"]
    with pytest.raises(NotPermitted):  # the auditor's letter is finance's
        issue_confirmation(database.uow(team.rep), mine, DAY, "立信会计师事务所", "en")


def test_the_batch_issues_a_statement_to_every_customer_with_a_balance(database, team) -> None:  # noqa: ANN001
    from sales_desk.domain.common.errors import Cancelled
    from sales_desk.services.collections import statement_data

    a = _books(database, team, "C710")
    b = _books(database, team, "C711")
    customer(database, team.rep, "C712")  # owes nothing: no statement
    ids = statement_data.customers_with_balance(database.uow(team.fin), DAY)
    assert ids == [a, b]

    def stop_after_one(done: int, total: int) -> None:
        if done == 1:
            raise Cancelled()

    with pytest.raises(Cancelled):
        issue_statements(database.uow(team.fin), ids, DAY, "en", progress=stop_after_one)
    assert [r.customer_id for r in statements.list_statements(database.uow(team.fin))] == [a]
    seen: list[tuple[int, int]] = []
    done = issue_statements(database.uow(team.fin), ids, DAY, "en", progress=lambda d, t: seen.append((d, t)))
    assert [d.data.customer_id for d in done] == [a, b] and seen[-1] == (2, 2)
    assert len(statements.list_statements(database.uow(team.fin))) == 2  # the first was not issued twice


def test_the_auditors_confirmation_letter_is_issued_as_a_record(database, team) -> None:  # noqa: ANN001
    cid = _books(database, team)
    ref, data = issue_confirmation(database.uow(team.fin), cid, date(2026, 10, 31), "立信会计师事务所", "zh_CN")
    assert data.balance == 90_000 and ref.kind.value == "audit_confirmation"
    again, _d = issue_confirmation(database.uow(team.fin), cid, date(2026, 10, 31), "立信会计师事务所", "zh_CN")
    assert again.id == ref.id
    with pytest.raises(ValidationError):
        issue_confirmation(database.uow(team.fin), cid, date(2026, 10, 31), " ", "en")
    assert issuing.document_by_number(database.uow(team.fin), ref.number).id == ref.id


def test_unconfirmed_statements_are_a_dashboard_warning_for_the_rep_and_finance(database, admin, team,  # noqa: ANN001
                                                                                pin_business_date) -> None:
    from sales_desk.domain.planning.warnings import WarningKind
    from sales_desk.services.planning import dashboard, drill_down

    cid = _books(database, team)
    s = issue_statement(database.uow(team.rep), cid, DAY, "en")
    pin_business_date(DAY + timedelta(days=16))  # the default 15 days have passed
    for who in (team.rep, team.fin):
        card = next(c for c in dashboard.dashboard(database.uow(who)).cards if c.kind == WarningKind.STATEMENTS)
        assert (card.count, card.amount, card.level) == (1, 90_000, "watch")
        records = drill_down.warning_records(database.uow(who), WarningKind.STATEMENTS.value)
        assert [(r.tab, r.open_kind, r.open_id) for r in records] == [("collections", "statement", s.statement_id)]
    assert WarningKind.STATEMENTS not in {c.kind for c in dashboard.dashboard(database.uow(team.mgr)).cards}
    statements.confirm_statement(database.uow(team.rep), s.statement_id)
    card = next(c for c in dashboard.dashboard(database.uow(team.fin)).cards if c.kind == WarningKind.STATEMENTS)
    assert card.count == 0 and card.level == "ok"
