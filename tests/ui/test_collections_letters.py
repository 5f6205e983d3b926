"""The ladder prints letters in each customer's letter language, or in the one chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from sales_desk.demo import firm as demo
from sales_desk.reports.records import issuers
from sales_desk.services.admin import auth
from sales_desk.services.collections import letter_data
from sales_desk.ui.tabs.collections.ladder_page import LadderPage
from tests.ui.conftest import idle
from tests.ui.records_ui import pdf_text, print_into


@pytest.fixture
def firm(ctx, boss):  # noqa: ANN001
    result = demo.load_demo(ctx.uow(boss))
    passwords = {u.username: u.password for u in result.users}
    return lambda username: auth.login(ctx.uow(), username, passwords[username])


def test_a_batch_prints_each_letter_in_its_customers_language_unless_one_is_chosen(
        qtbot, ctx, firm, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    fin = firm("wufang")
    # each letter keeps the customer's language as of its step (letter_data.py)
    letters = {d.letter_ref: d for d in letter_data.letters_at(ctx.uow(fin), "dunning")}
    assert {d.language for d in letters.values()} == {"en", "zh_CN"}
    page = LadderPage(ctx, fin)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    assert page.letter_language() is None  # each customer's own, by default
    mixed = tmp_path / "mixed.pdf"
    print_into(monkeypatch, mixed)
    page.issue_batch("dunning")
    idle(qtbot, ctx)
    assert len(PdfReader(mixed).pages) >= len(letters)  # printed (drawn: no text to read back)
    assert {d.reference: d.language for d in page.documents.issued} == {
        ref: d.language for ref, d in letters.items()}
    title = {"en": "Dunning notice", "zh_CN": "催款通知书"}
    assert all(title[d.language] in pdf_text(issuers.on_screen(ctx.uow(fin), d.id).content)
               for d in page.documents.issued)
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    chinese = tmp_path / "chinese.pdf"
    print_into(monkeypatch, chinese)
    page.issue_batch("dunning")
    idle(qtbot, ctx)
    assert PdfReader(chinese).pages
    assert {d.language for d in page.documents.issued} == {"zh_CN"}
    assert all("催款通知书" in pdf_text(issuers.on_screen(ctx.uow(fin), d.id).content)
               for d in page.documents.issued)
