"""Forms saved over a newer version (issue 17, no lost update): the draft order and a
customer's contact say who changed what, then reload — keeping the user's changed fields on
top of the other's, field by field, to save again — or take theirs; the customer file's
"take theirs" path beside test_stale_customer_form's "keep mine"."""

from __future__ import annotations

from pathlib import Path

import pytest

from sales_desk import i18n
from sales_desk.services.customers import files as customers
from sales_desk.services.customers import records as customer_records
from sales_desk.services.customers.data import ContactInput, CustomerInput
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders import views as order_views
from sales_desk.services.orders.entry import OrderInput, OrderLineInput
from sales_desk.ui.tabs.customers import contacts as contacts_module
from sales_desk.ui.tabs.customers import file_dialog
from sales_desk.ui.tabs.customers.contacts import ContactsPanel
from sales_desk.ui.tabs.customers.file_dialog import CustomerDialog
from sales_desk.ui.tabs.orders import order_reapply
from sales_desk.ui.tabs.orders.order_form import OrderDialog
from sales_desk.ui.widgets.stale import Reload
from tests.services.order_flow import credit_customer, draft, product, team
from tests.ui.conftest import idle

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def _answer(monkeypatch, module, choice: Reload) -> list[str]:  # noqa: ANN001
    asked: list[str] = []
    monkeypatch.setattr(module, "ask_reload", lambda parent, text: asked.append(text) or choice)
    return asked


def _order_form(qtbot, ctx, t, monkeypatch, choice: Reload):  # noqa: ANN001, ANN202
    cid = credit_customer(ctx.database, t)
    pid = product(ctx.database, t)
    oid = draft(ctx.database, t, cid, [(pid, 2, None)])
    asked = _answer(monkeypatch, order_reapply, choice)
    dialog = OrderDialog(ctx, t.rep, oid)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    # meanwhile the same draft is saved at another seat: more goods, a note
    orders.update_order(ctx.uow(t.rep), oid,
                        OrderInput(cid, [OrderLineInput(pid, 5)], note="客户要求加急"),
                        version=order_views.get_order(ctx.uow(t.rep), oid).version)
    dialog.address.setText("苏州工业园区星湖街 1 号")  # this form's own change
    dialog.actions.buttons["save"].click()
    idle(qtbot, ctx)
    return dialog, oid, asked


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_stale_order_save_reloads_and_puts_the_users_changes_back(qtbot, ctx, person, monkeypatch, lang) -> None:
    t = team(person)
    i18n.set_language(lang)
    dialog, oid, asked = _order_form(qtbot, ctx, t, monkeypatch, Reload.KEEP_MINE)

    assert len(asked) == 1 and "rep" in asked[0]
    assert dialog.note.text() == "客户要求加急" and dialog.lines.lines()[0].quantity == 5  # theirs, reloaded
    assert dialog.address.text() == "苏州工业园区星湖街 1 号"  # mine, put back on top
    assert dialog.problem_label.text()  # says what went back
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / f"stale-order-{lang}.png"))
    dialog.actions.buttons["save"].click()
    idle(qtbot, ctx)
    v = order_views.get_order(ctx.uow(t.rep), oid)
    assert (v.note, v.delivery_address, v.lines[0].quantity) == ("客户要求加急", "苏州工业园区星湖街 1 号", 5)


def test_a_stale_order_save_may_take_theirs_instead(qtbot, ctx, person, monkeypatch) -> None:
    t = team(person)
    dialog, oid, _asked = _order_form(qtbot, ctx, t, monkeypatch, Reload.DISCARD_MINE)
    assert (dialog.note.text(), dialog.address.text()) == ("客户要求加急", "")
    assert dialog.problem_label.text() == "" and not dialog._dirty
    assert order_views.get_order(ctx.uow(t.rep), oid).delivery_address == ""


def test_a_stale_contact_edit_opens_again_with_the_users_fields_on_theirs(qtbot, ctx, person, monkeypatch) -> None:
    rep = person("rep", "sales_rep")
    manager = person("csm", "cs_manager")
    cid = customers.create_customer(ctx.uow(rep), CustomerInput(
        name="苏州华东机电有限公司", contacts=(ContactInput("王经理", phone="0512-1"),)))
    asked = _answer(monkeypatch, contacts_module, Reload.KEEP_MINE)
    panel = ContactsPanel(ctx, rep, editable=True)
    qtbot.addWidget(panel)
    panel.show()
    card = customers.customer_card(ctx.uow(rep), cid)
    panel.set_customer(cid, card.contacts)
    panel.table.selectRow(0)
    wang = card.contacts[0]
    customer_records.update_contact(ctx.uow(manager), wang.id, ContactInput("王经理", position="总经理",
                                                                            phone="0512-2"), version=wang.version)
    edit = panel.edit()
    edit.email.setText("wang@example.cn")  # mine; the phone and position untouched here
    edit.accept()
    idle(qtbot, ctx)

    assert len(asked) == 1 and "csm" in asked[0] and "Phone" in asked[0]
    again = panel.last_dialog
    assert again is not None and again.isVisible()
    assert (again.phone.text(), again.position.text(), again.email.text()) == ("0512-2", "总经理", "wang@example.cn")
    again.accept()
    idle(qtbot, ctx)
    now = customers.customer_card(ctx.uow(rep), cid).contacts[0]
    assert (now.phone, now.position, now.email) == ("0512-2", "总经理", "wang@example.cn")


def test_a_stale_customer_save_may_take_theirs(qtbot, ctx, person, monkeypatch) -> None:
    rep = person("rep", "sales_rep")
    manager = person("csm", "cs_manager")
    cid = customers.create_customer(ctx.uow(rep), CustomerInput(name="苏州华东机电有限公司", phone="0512-1"))
    asked = _answer(monkeypatch, file_dialog, Reload.DISCARD_MINE)
    dialog = CustomerDialog(ctx, rep, cid)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    opened = customers.customer_card(ctx.uow(manager), cid)
    customers.update_customer(ctx.uow(manager), cid, {"phone": "0512-2"}, version=opened.version)
    dialog.fields["phone"].set_value("0512-3")
    dialog.save()
    idle(qtbot, ctx)
    assert len(asked) == 1
    assert dialog.fields["phone"].value() == "0512-2" and not dialog.is_dirty()  # theirs; nothing of mine left
    assert customers.customer_card(ctx.uow(rep), cid).phone == "0512-2"


def test_a_stale_claim_correction_reloads_and_puts_the_users_changes_back(qtbot, ctx, person, monkeypatch) -> None:
    """The author corrects a returned claim at two seats: the later form is refused, shows
    what the first changed, and keeps its own changed field on top of the saved claim."""
    from sales_desk.services.expenses import claims as expenses
    from sales_desk.services.expenses import queries as expense_queries
    from sales_desk.services.expenses.approvals import finance_check_claim
    from sales_desk.ui.tabs.expenses import claim_fields
    from sales_desk.ui.tabs.expenses.claim_form import ClaimFormDialog
    from tests.services.expense_flow import approved_budget, claim, staff

    s = staff(person)
    approved_budget(ctx.database, s)
    cid = expenses.apply_for_expense(ctx.uow(s.rep), claim("2000")).id
    finance_check_claim(ctx.uow(s.fin), cid, False, "请补充用途")
    asked = _answer(monkeypatch, claim_fields, Reload.KEEP_MINE)
    form = ClaimFormDialog(ctx, s.rep, cid)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form._ready, timeout=10_000)
    idle(qtbot, ctx)
    loaded = expense_queries.get_claim(ctx.uow(s.rep), cid).version
    expenses.update_claim(ctx.uow(s.rep), cid, claim("1800"), version=loaded)  # the other seat: the amount
    form.purpose.setText("招待华东客户，已补充")  # this form: the purpose
    form.submit()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: form._ready, timeout=10_000)
    idle(qtbot, ctx)

    assert len(asked) == 1 and "Amount" in asked[0]
    assert form.amount.text() == "1,800.00" and form.purpose.text() == "招待华东客户，已补充"
    assert form.receipts.count() == 0  # nothing shown twice
    form.submit()
    idle(qtbot, ctx)
    view = expense_queries.get_claim(ctx.uow(s.rep), cid)
    assert (view.row.amount, view.row.purpose, view.row.status) == (180_000, "招待华东客户，已补充", "in_route")
