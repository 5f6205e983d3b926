"""The ladder prints letters in each customer's letter language, or in the one chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import update

from sales_desk.demo import firm as demo
from sales_desk.models import Customer
from sales_desk.services.admin import auth
from sales_desk.services.collections import letter_data
from sales_desk.ui.tabs.collections.ladder_page import LadderPage
from tests.ui.conftest import idle


@pytest.fixture
def firm(ctx, boss):  # noqa: ANN001
    result = demo.load_demo(ctx.uow(boss))
    passwords = {u.username: u.password for u in result.users}
    return lambda username: auth.login(ctx.uow(), username, passwords[username])


def test_a_batch_prints_each_letter_in_its_customers_language_unless_one_is_chosen(
        qtbot, ctx, firm, tmp_path: Path) -> None:  # noqa: ANN001
    fin = firm("wufang")
    letters = letter_data.letters_at(ctx.uow(fin), "dunning")
    assert len(letters) >= 2
    with ctx.database.engine.begin() as c:  # as each customer's rep would set it on the file
        for d, language in zip(letters, ("en", "zh_CN"), strict=False):
            c.execute(update(Customer).where(Customer.code == d.customer_code).values(language=language))
    page = LadderPage(ctx, fin)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    assert page.letter_language() is None  # each customer's own, by default
    mixed = tmp_path / "mixed.pdf"
    page.print_batch_to("dunning", str(mixed), one_file=True)
    idle(qtbot, ctx)
    texts = [p.extract_text() for p in PdfReader(mixed).pages]
    assert "Dunning notice" in texts[0] and "催款通知书" in texts[1]
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    chinese = tmp_path / "chinese.pdf"
    page.print_batch_to("dunning", str(chinese), one_file=True)
    idle(qtbot, ctx)
    assert all("催款通知书" in p.extract_text() for p in PdfReader(chinese).pages)
