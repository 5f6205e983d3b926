"""The customer's rep gathers a lawsuit's evidence [相关销售人员必须作好资料与证据的收集与准备]:
they tick the checklist on the lawsuits page, and the manager then files the case."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from sales_desk.demo import firm as demo
from sales_desk.services.admin import auth
from sales_desk.services.collections import lawsuits, letter_data
from sales_desk.services.customers import files as customers
from sales_desk.ui.tabs.collections.writeoffs_page import WriteOffsPage
from tests.ui.conftest import idle


@pytest.fixture
def demo_firm(ctx, boss):  # noqa: ANN001
    return demo.load_demo(ctx.uow(boss))


def test_the_customers_rep_ticks_the_lawsuits_evidence(qtbot, ctx, demo_firm) -> None:  # noqa: ANN001
    login = {u.full_name: u for u in demo_firm.users}
    manager = next(u for u in demo_firm.users if u.username == "zhangwei")
    mgr = auth.login(ctx.uow(), manager.username, manager.password)
    lawyer = letter_data.letters_at(ctx.uow(mgr), "lawyer")[0]  # the lawyer's letter went unpaid
    cid = customers.customer_id_by_code(ctx.uow(mgr), lawyer.customer_code)
    lawsuits.prepare_lawsuit(ctx.uow(mgr), cid)
    card = customers.customer_card(ctx.uow(mgr), cid)
    owner = login[card.rep_name]
    rep = auth.login(ctx.uow(), owner.username, owner.password)
    page = WriteOffsPage(ctx, rep)
    qtbot.addWidget(page)
    page.show()
    page.customer.set_customer(cid, card.code, card.name)
    idle(qtbot, ctx)
    assert page.suit is not None and not page.file_button.isEnabled()  # filing is the manager's
    required = {e.item for e in page.suit.evidence if e.required}
    for i in range(page.evidence.count()):
        item = page.evidence.item(i)
        if item.data(Qt.ItemDataRole.UserRole) in required:
            item.setCheckState(Qt.CheckState.Checked)
            idle(qtbot, ctx)
    assert not page.problem.text()
    assert lawsuits.customer_lawsuits(ctx.uow(mgr), cid)[0].ready_to_file
