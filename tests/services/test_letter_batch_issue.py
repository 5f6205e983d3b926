"""A day's letters issued as one batch (reports/records/issuers.issue_letters): numbered
together, laid out once and kept as one document of record per letter, on both databases."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sales_desk.domain.common.errors import Cancelled
from sales_desk.models import AuditEntry, IssuedDocument
from sales_desk.reports.records import issuers
from sales_desk.services.collections.letter_data import LetterData, LetterItem
from tests.services.collection_flow import crew


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def _letter(i: int, language: str = "en", amount: int = 120_000) -> LetterData:
    item = LetterItem(f"INV2026-{i:05d}", date(2026, 8, 3), date(2026, 9, 2), f"SO2026-{i:05d}",
                      amount, amount, 60)
    return LetterData(step="dunning", letter_ref=f"DL2026-{i:05d}", on=date(2026, 11, 2),
                      deadline=date(2026, 11, 20), sent_via="fax", company="华东机电有限公司", currency="CNY",
                      customer_code=f"C{i:05d}", customer_name=f"恒达贸易 {i}", address="", phone="",
                      contact="李娜", rep="张伟", items=(item,), total=amount, history=(),
                      first_due=date(2026, 9, 2), language=language)


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def _count(database, model) -> int:  # noqa: ANN001
    with Session(database.engine) as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_a_batch_keeps_one_document_per_letter_each_with_only_its_own_number(database, team) -> None:  # noqa: ANN001
    letters = [_letter(i, "zh_CN" if i % 2 else "en") for i in range(1, 5)]
    docs = issuers.issue_letters(database.uow(team.fin), letters, lambda d: d.language)
    assert [d.number for d in docs] == [f"DR{docs[0].issued_on.year}-{n:05d}" for n in range(1, 5)]
    for d, letter, doc in zip(letters, letters, docs, strict=True):
        content = issuers.give_out(database.uow(team.fin), doc.id, "file").content
        text = _text(content)
        assert doc.number in text and letter.letter_ref in text and doc.language == d.language
        assert len(PdfReader(io.BytesIO(content)).pages) == doc.pages
        assert not any(other.number in text for other in docs if other is not doc)
        assert not any(other.letter_ref in text for other in letters if other is not letter)
    assert "催款通知书" in _text(issuers.on_screen(database.uow(team.fin), docs[0].id).content)
    assert _count(database, AuditEntry) >= 4  # each issue is written into the audit chain


def test_a_batch_gives_back_a_letter_issued_before_with_the_same_data_and_takes_no_number_for_it(
        database, team) -> None:  # noqa: ANN001
    first = issuers.issue_letter(database.uow(team.fin), _letter(2), "en")
    docs = issuers.issue_letters(database.uow(team.fin), [_letter(1), _letter(2), _letter(3)], lambda d: "en")
    assert docs[1].id == first.id and docs[1].earlier
    assert sorted(d.number[-5:] for d in docs) == ["00001", "00002", "00003"]  # no gap in the register
    changed = issuers.issue_letters(database.uow(team.fin), [_letter(2, amount=99_000)], lambda d: "en")
    assert changed[0].edition == 2 and changed[0].number.endswith("00004")


def test_a_batch_cancelled_keeps_the_parts_issued_before_the_cancel_and_issues_no_more(
        database, team, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(issuers, "BATCH", 2)
    letters = [_letter(i) for i in range(1, 6)]

    def progress(done: int, total: int) -> None:
        if done >= 4:
            raise Cancelled()

    with pytest.raises(Cancelled):
        issuers.issue_letters(database.uow(team.fin), letters, lambda d: "en", progress)
    with Session(database.engine) as s:
        kept = s.scalars(select(IssuedDocument.reference).order_by(IssuedDocument.number)).all()
    assert kept == ["DL2026-00001", "DL2026-00002", "DL2026-00003", "DL2026-00004"]
    rest = issuers.issue_letters(database.uow(team.fin), letters, lambda d: "en")
    assert [d.earlier for d in rest] == [True] * 4 + [False] and rest[4].number.endswith("00005")
