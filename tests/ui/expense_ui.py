"""Driving the Expenses tab's widgets in tests: the staff and budget of
tests/services/expense_flow.py, a form filled in, a dialog waited for."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from sales_desk.ui.tabs.expenses.claim_dialog import ClaimDialog
from sales_desk.ui.tabs.expenses.claim_form import ClaimFormDialog
from tests.services.expense_flow import YEAR
from tests.ui.conftest import idle

ON = date(YEAR, 3, 10)


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def host(qtbot) -> QWidget:  # noqa: ANN001
    """A parent for dialogs that delete themselves once closed (qtbot would close them again)."""
    widget = QWidget()
    qtbot.addWidget(widget)  # closed after the test; kept alive until then:
    qtbot.expense_hosts = [*getattr(qtbot, "expense_hosts", []), widget]
    return widget


def open_form(qtbot, ctx, actor, claim_id: int | None = None, **kw) -> ClaimFormDialog:  # noqa: ANN001, ANN003
    form = ClaimFormDialog(ctx, actor, claim_id, host(qtbot), **kw)
    form.show()
    qtbot.waitUntil(lambda: form._ready, timeout=10_000)
    settle_form(qtbot, ctx, form)
    return form


def settle_form(qtbot, ctx, form: ClaimFormDialog) -> None:  # noqa: ANN001
    """Wait for the typing pause and the preview that answers the form as it now is."""
    qtbot.waitUntil(lambda: not form.preview_pending(), timeout=10_000)
    idle(qtbot, ctx)


def fill(form: ClaimFormDialog, amount: str, purpose: str = "客户招待", on: date = ON,
         category: str = "business", item: str = "Hospitality", no_receipt: str = "发票随后补交") -> None:
    form.category.setCurrentIndex(form.category.findData(category))
    form.item.setCurrentIndex(form.item.findData(item))
    form.spent_on.setDate(qdate(on))
    form.amount.setText(amount)
    form.purpose.setText(purpose)
    form.no_receipt.setText(no_receipt)  # the tests attach no file: they say why


def open_claim(qtbot, ctx, actor, claim_id: int) -> ClaimDialog:  # noqa: ANN001
    dialog = ClaimDialog(ctx, actor, claim_id, host(qtbot))
    dialog.show()
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=10_000)
    idle(qtbot, ctx)
    return dialog
