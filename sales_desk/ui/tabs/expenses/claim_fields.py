"""The expense application's simpler fields, made apart from the form (claim_form.py) that
lays them out: the travel reference, the reason for a claim without receipts, and the
department application with its explanation form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _
from sales_desk.services.expenses.travel import TravelRow
from sales_desk.ui.tabs.expenses.common import day, hint
from sales_desk.ui.widgets.money import money_text


def travel_label(t: TravelRow) -> str:
    return _("No. {id}: {destination}, {start} to {end} ({amount})").format(
        id=t.id, destination=t.destination, start=day(t.start_on), end=day(t.end_on),
        amount=money_text(t.estimated_amount))


def travel_widgets() -> tuple[QCheckBox, QComboBox, QLabel]:
    """The travel tick box, the approved application it refers to, and the note under them."""
    travel = QCheckBox(_("&Travel claim: it refers to my approved travel application"))
    travel.setObjectName("is_travel")
    travel_app = QComboBox()
    travel_app.setObjectName("travel_application")
    note = hint(_("Travel is applied for before it is spent (Travel page); only your "
                  "approved applications not yet claimed are offered."))
    return travel, travel_app, note


def no_receipt_edit() -> QLineEdit:
    no_receipt = QLineEdit()
    no_receipt.setObjectName("no_receipt_reason")
    no_receipt.setPlaceholderText(_("no receipt attached: why (lost, not issued, to follow…)"))
    return no_receipt


def department_widgets(actor: Actor) -> tuple[QCheckBox, QPlainTextEdit]:
    # 费用 第8条3: the sales manager (or a supervisor) applies for the department; the VP,
    # who reviews these forms, does not write one.
    department = QCheckBox(_("Depart&ment application [销售部申请], with its explanation form"))
    department.setObjectName("is_department")
    department.setVisible(not actor.can(Perm.EXPENSE_REVIEW_EXPLANATION))
    explanation = QPlainTextEdit()
    explanation.setObjectName("explanation")
    explanation.setTabChangesFocus(True)
    explanation.setFixedHeight(70)
    explanation.setPlaceholderText(_("explanation form [情况说明表]: why the department needs it "
                                     "and what it will bring; the sales VP reviews it first"))
    return department, explanation


def focus_field(form, field: str) -> None:  # noqa: ANN001 - a ClaimFormDialog (which imports this module)
    """The focus to the field a ValidationError names."""
    widgets = {_("Amount"): form.amount, _("Purpose"): form.purpose, _("Customer"): form.customer,
               _("Item"): form.item, _("Explanation form"): form.explanation,
               _("Reason without receipts"): form.no_receipt,
               _("Days"): form.standard.days, _("City tier"): form.standard.tier}
    widget = widgets.get(field)
    if widget is not None:
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
