"""The claim form shows the item's spending standard beside the amount and asks for the reason
once the amount is above it (费用 第13条1); the claim then goes to the approver."""

from __future__ import annotations

import os
from datetime import date

import pytest

from sales_desk.domain.common.money import to_minor
from sales_desk.models import ExpenseClaim
from sales_desk.ui.tabs.expenses.claim_form import ClaimFormDialog
from tests.policy_helpers import enact_policy
from tests.services.expense_flow import approved_budget, staff
from tests.ui.conftest import idle
from tests.ui.expense_ui import fill, settle_form

DAY = date(2026, 11, 10)


@pytest.fixture
def s(ctx, person, boss, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(DAY)
    team = staff(person)
    approved_budget(ctx.database, team)
    enact_policy(ctx.database, boss, {"expense.standard.communication": to_minor("250")})
    return team


def test_the_claim_form_shows_the_standard_and_asks_why_above_it(qtbot, ctx, s) -> None:  # noqa: ANN001
    if os.environ.get("SALES_DESK_SHOT_LANG"):  # a look at it in another language
        from sales_desk.i18n import set_language

        set_language(os.environ["SALES_DESK_SHOT_LANG"])
    form = ClaimFormDialog(ctx, s.rep)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form._ready, timeout=10_000)
    fill(form, "300", purpose="国际长途", on=DAY, item="Communication")
    settle_form(qtbot, ctx, form)
    qtbot.waitUntil(lambda: form.standard.standard == to_minor("250"), timeout=10_000)
    form._changed()
    settle_form(qtbot, ctx, form)
    assert "250.00" in form.standard.shown.text()
    assert form.standard.reason.isVisible() and "50.00" in form.standard.warning.text()
    if os.environ.get("SALES_DESK_SHOT"):
        form.grab().save(os.environ["SALES_DESK_SHOT"])
    form.standard.reason.setText("与海外客户联系")
    form.submit()
    qtbot.waitUntil(lambda: form.state is not None, timeout=10_000)
    idle(qtbot, ctx)
    assert form.state.route == ("review", "approve", "finance")
    with ctx.database.uow() as uow:
        c = uow.session.get(ExpenseClaim, form.state.id)
        assert (c.standard, c.standard_reason) == (to_minor("250"), "与海外客户联系")
