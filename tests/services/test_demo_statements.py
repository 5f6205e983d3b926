"""The demo firm's statements of account: one confirmed, one with differences (one
resolved, one open), one unanswered past the policy's days — issued as documents of
record, their figures the ledger's."""

from __future__ import annotations

from sales_desk.demo import firm as demo
from sales_desk.domain.collections.statements import StatementStatus
from sales_desk.services.admin import auth
from sales_desk.services.collections import ledger, statements
from sales_desk.services.records import issuing


def _login(database, result, role: str):  # noqa: ANN001, ANN202
    user = next(u for u in result.users if role in u.roles)
    return auth.login(database.uow(), user.username, user.password)


def test_demo_has_a_confirmed_statement_and_one_with_a_difference(database, admin) -> None:  # noqa: ANN001
    result = demo.load_demo(database.uow(admin))
    assert dict(result.made)["statements of account"] == 3
    fin = _login(database, result, "finance")
    rows = statements.list_statements(database.uow(fin))
    by_status = {r.status: r for r in rows}
    assert set(by_status) == {StatementStatus.CONFIRMED, StatementStatus.DISPUTED, StatementStatus.ISSUED}
    disputed = statements.statement_detail(database.uow(fin), by_status[StatementStatus.DISPUTED].id)
    assert [d.resolved_on is not None for d in disputed.differences] == [True, False]
    assert {r.id for r in statements.awaiting_reply(database.uow(fin))} == {
        by_status[StatementStatus.DISPUTED].id, by_status[StatementStatus.ISSUED].id}
    for r in rows:
        on_date = ledger.customer_ledger(database.uow(fin), r.customer_id, until=r.period_to)
        assert r.closing == on_date.balance
        assert issuing.document_by_number(database.uow(fin), r.number).id == r.document_id
