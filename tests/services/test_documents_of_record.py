"""Documents of record: a form is issued once, kept, and given out again as it was issued
(services/records/issuing.py, reports/records/issuers.py), on both databases."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sales_desk.domain.common.errors import NotPermitted
from sales_desk.domain.common.records import FormKind
from sales_desk.models import AuditEntry, DocumentOutput, IssuedDocument
from sales_desk.reports.records import issuers
from sales_desk.services.collections import dunning, letter_data
from sales_desk.services.records import register
from tests.services.collection_flow import ago, crew, customer, invoice, pay


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def _thanked(database, team, code: str = "C900") -> int:  # noqa: ANN001
    """A good customer 40 days overdue with 520.00, sent a thank-you letter 10 days ago."""
    cid = customer(database, team.rep, code, grade="A")
    invoice(database, team.fin, code, f"{code}-1", 40, 52_000)
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=ago(20))
    dunning.record_step(database.uow(team.fin), cid, "thank_you", on=ago(10), sent_via="fax", deadline=ago(-5))
    return cid


def _letter(database, team, cid: int, step: str = "thank_you"):  # noqa: ANN001, ANN202
    return letter_data.letter(database.uow(team.fin), cid, step)


def test_a_letter_issued_after_a_receipt_still_shows_the_debt_it_was_about(database, team) -> None:  # noqa: ANN001
    cid = _thanked(database, team)
    pay(database, team.fin, cid, 52_000, on=ago(5))  # paid after the letter went out
    d = _letter(database, team, cid)
    assert d.total == 52_000 and [i.open_amount for i in d.items] == [52_000]
    doc = issuers.issue_letter(database.uow(team.fin), d, "en")
    text = _text(issuers.give_out(database.uow(team.fin), doc.id, "file").content)
    assert "520.00" in text and d.letter_ref in text and doc.number in text


def test_a_reprinted_document_is_byte_identical_to_the_issued_one(database, team) -> None:  # noqa: ANN001
    cid = _thanked(database, team)
    first = issuers.issue_letter(database.uow(team.fin), _letter(database, team, cid), "zh_CN")
    original = issuers.give_out(database.uow(team.fin), first.id, "file")
    assert not original.copy and hashlib.sha256(original.content).hexdigest() == first.sha256
    again = issuers.issue_letter(database.uow(team.fin), _letter(database, team, cid), "zh_CN")
    assert again.id == first.id and again.earlier  # the same document, not laid out again
    with Session(database.engine) as s:
        kept = s.scalar(select(IssuedDocument.sha256).where(IssuedDocument.id == first.id))
        assert s.scalar(select(func.count()).select_from(IssuedDocument)) == 1
    assert kept == first.sha256


def test_printing_again_gives_a_copy_marked_as_such(database, team) -> None:  # noqa: ANN001
    cid = _thanked(database, team)
    doc = issuers.issue_letter(database.uow(team.fin), _letter(database, team, cid), "zh_CN")
    original = issuers.give_out(database.uow(team.fin), doc.id, "PDF")
    copy = issuers.give_out(database.uow(team.fin), doc.id, "file")
    assert copy.copy and not original.copy
    text = _text(copy.content)
    assert "副本" in text and doc.number in text and "感谢信" in text
    assert len(PdfReader(io.BytesIO(copy.content)).pages) == doc.pages
    with Session(database.engine) as s:
        outputs = s.execute(select(DocumentOutput.copy, DocumentOutput.destination)
                            .order_by(DocumentOutput.id)).all()
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "document")
                            .order_by(AuditEntry.seq)).all()
    assert [tuple(o) for o in outputs] == [(False, "PDF"), (True, "file")]
    assert actions == ["document.issue", "document.output", "document.output"]


def test_the_issue_is_written_into_the_audit_chain_with_its_hash(database, team) -> None:  # noqa: ANN001
    cid = _thanked(database, team)
    doc = issuers.issue_letter(database.uow(team.fin), _letter(database, team, cid), "en")
    with Session(database.engine) as s:
        after = s.scalar(select(AuditEntry.after).where(AuditEntry.action == "document.issue"))
    entry = json.loads(after)
    assert entry["sha256"] == doc.sha256 and entry["number"] == doc.number
    assert entry["kind"] == FormKind.LETTER_THANK_YOU.value and entry["customer"] == "C900"


def test_issuing_is_refused_to_those_without_the_right_to_print_that_form(database, team, make_user) -> None:  # noqa: ANN001
    cid = _thanked(database, team)
    d = _letter(database, team, cid)
    keeper = make_user("keeper", "warehouse")
    with pytest.raises(NotPermitted):
        issuers.issue_letter(database.uow(keeper), d, "en")
    with pytest.raises(NotPermitted):
        issuers.issue_credit_audit(database.uow(team.rep), ago(0), "en")
    with Session(database.engine) as s:
        assert s.scalar(select(func.count()).select_from(IssuedDocument)) == 0


def test_a_form_whose_data_changed_is_issued_as_a_new_edition(database, team) -> None:  # noqa: ANN001
    cid = _thanked(database, team)
    month = ago(0).replace(day=1)
    first = issuers.issue_credit_audit(database.uow(team.fin), month, "en")
    same = issuers.issue_credit_audit(database.uow(team.fin), month, "en")
    assert same.id == first.id  # its own issue moved the audit head: not a change of data
    pay(database, team.fin, cid, 10_000, on=ago(0))
    newer = issuers.issue_credit_audit(database.uow(team.fin), month, "en")
    assert newer.id != first.id and newer.edition == 2 and newer.number != first.number
    assert "edition 2" in _text(issuers.give_out(database.uow(team.fin), newer.id, "file").content)


def test_the_register_lists_filters_and_scopes_documents(database, team) -> None:  # noqa: ANN001
    mine = _thanked(database, team, "C910")
    other = customer(database, team.rep2, "C911", grade="A")
    invoice(database, team.fin, "C911", "C911-1", 40, 30_000)
    dunning.record_step(database.uow(team.fin), other, "overdue", on=ago(20))
    dunning.record_step(database.uow(team.fin), other, "thank_you", on=ago(10), sent_via="fax", deadline=ago(-5))
    for cid in (mine, other):
        issuers.issue_letter(database.uow(team.fin), _letter(database, team, cid), "en")
    issuers.issue_credit_audit(database.uow(team.fin), ago(0).replace(day=1), "en")
    rows, more = register.register_page(database.uow(team.fin))
    assert len(rows) == 3 and not more
    assert [r.kind for r in rows] == [FormKind.CREDIT_AUDIT, FormKind.LETTER_THANK_YOU, FormKind.LETTER_THANK_YOU]
    letters, _ = register.register_page(database.uow(team.fin), register.RegisterFilter(kind="letter."))
    assert {r.customer_code for r in letters} == {"C910", "C911"}
    one, _ = register.register_page(database.uow(team.fin), register.RegisterFilter(customer_id=mine))
    assert [r.customer_code for r in one] == ["C910"]
    by_number, _ = register.register_page(database.uow(team.fin), register.RegisterFilter(text=rows[0].number))
    assert [r.id for r in by_number] == [rows[0].id]
    page, more = register.register_page(database.uow(team.fin), limit=2)
    rest, _ = register.register_page(database.uow(team.fin), before_id=page[-1].id, limit=2)
    assert more and [r.id for r in page + rest] == [r.id for r in rows]
    # a rep sees the documents about their own customers, of kinds they may issue
    seen, _ = register.register_page(database.uow(team.rep))
    assert [r.customer_code for r in seen] == ["C910"]
    seen, _ = register.register_page(database.uow(team.gm))
    assert len(seen) == 3


def test_a_form_names_the_policy_version_in_force_on_its_day(database, team, admin) -> None:  # noqa: ANN001
    from tests.policy_helpers import enact_policy

    month = ago(0).replace(day=1)
    first = issuers.issue_credit_audit(database.uow(team.fin), month, "en")
    assert "Policy version 1, in force since 2000-01-01" in _text(
        issuers.give_out(database.uow(team.fin), first.id, "file").content)
    enact_policy(database, admin, {"liability.start_days": 45})
    _thanked(database, team)  # new data: a new edition, under version 2
    newer = issuers.issue_credit_audit(database.uow(team.fin), month, "en")
    with database.uow() as uow:
        kept = {d.id: d.policy_version for d in uow.session.scalars(select(IssuedDocument))}
    assert kept == {first.id: 1, newer.id: 2}
    assert f"Policy version 2, in force since {ago(0).isoformat()}" in _text(
        issuers.give_out(database.uow(team.fin), newer.id, "file").content)
