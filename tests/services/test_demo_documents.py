"""The demo firm's documents of record: what its people printed, issued by them on the day,
kept, in the register, and checked like any other."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from sqlalchemy import select

from sales_desk.demo import firm as demo
from sales_desk.demo.documents import issue_demo_documents
from sales_desk.domain.common.records import FormKind
from sales_desk.models import IssuedDocument, User
from sales_desk.services.records.register import register_page


class _Doc(NamedTuple):
    kind: str
    language: str
    issued_by_id: int
    issued_on: object
    number: str


def test_the_demo_issues_its_letters_credit_sheets_contracts_dispatch_note_and_credit_audit(database, admin) -> None:
    result = demo.load_demo(database.uow(admin))
    with database.uow() as uow:  # the demo's statements of account are issued with its data
        before = set(uow.session.scalars(select(IssuedDocument.id)))
    steps: list[int] = []
    issued = issue_demo_documents(database.uow(admin), result, lambda done, total: steps.append(done))
    assert steps[-1] == len(steps) - 1  # progress reaches the total
    with database.uow() as uow:
        docs = [_Doc(d.kind, d.language, d.issued_by_id, d.issued_on, d.number)
                for d in uow.session.scalars(select(IssuedDocument).order_by(IssuedDocument.id)) if d.id not in before]
        names = {u.id: u.username for u in uow.session.scalars(select(User))}
    assert issued == len(docs)
    kinds = Counter(FormKind(d.kind) for d in docs)
    assert kinds[FormKind.LETTER_DUNNING] == 2 and kinds[FormKind.LETTER_LAWYER] == 1
    assert kinds[FormKind.LETTER_REMINDER] == 1 and kinds[FormKind.LETTER_THANK_YOU] == 1
    assert kinds[FormKind.CREDIT_SHEET] == 2 and kinds[FormKind.CONTRACT] == 2
    assert kinds[FormKind.DISPATCH_NOTE] == 1 and kinds[FormKind.CREDIT_AUDIT] == 1
    # the two dunning notices went out in their customers' two languages
    assert {d.language for d in docs if d.kind == FormKind.LETTER_DUNNING.value} == {"en", "zh_CN"}
    # issued by the people whose job it is, never the administrator who loaded the demo
    by_role = {u.username: set(u.roles) for u in result.users}
    assert all(d.issued_by_id != admin.user_id for d in docs)
    lawyer = next(d for d in docs if d.kind == FormKind.LETTER_LAWYER.value)
    assert "sales_manager" in by_role[names[lawyer.issued_by_id]]
    # on the day of the step, not the day the demo was loaded
    assert len({d.issued_on for d in docs}) > 3
    # in the register of the finance clerk who runs the ladder
    fin = next(u for u in result.users if "finance" in u.roles)
    from sales_desk.services.admin import auth

    rows, _more = register_page(database.uow(auth.login(database.uow(), fin.username, fin.password)))
    run_by_finance = {FormKind.LETTER_REMINDER.value, FormKind.LETTER_THANK_YOU.value, FormKind.LETTER_DUNNING.value}
    assert {r.number for r in rows} >= {d.number for d in docs if d.kind in run_by_finance}


def test_issuing_the_demo_documents_again_issues_nothing_new(database, admin) -> None:
    result = demo.load_demo(database.uow(admin))
    first = issue_demo_documents(database.uow(admin), result)
    assert first > 0
    assert issue_demo_documents(database.uow(admin), result) == 0
