"""The expense application's simpler fields, made apart from the form (claim_form.py) that
lays them out: the travel reference, the reason for a claim without receipts, and the
department application with its explanation form."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.money import parse_amount
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.i18n import _
from sales_desk.services.expenses.claims import ClaimInput
from sales_desk.services.expenses.travel import TravelRow
from sales_desk.ui.tabs.expenses.claim_preview import PreviewQuestion
from sales_desk.ui.tabs.expenses.common import day, hint
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.stale import Reload, ask_reload


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


def amount_typed(edit: QLineEdit, problem: QLabel) -> int | None:
    """The amount as typed, in minor units; None (and the problem shown beside it) if none or wrong."""
    text = edit.text().strip()
    if not text:
        problem.hide()
        return None
    try:
        amount = parse_amount(text)
    except ValueError:
        problem.setText(_("Amount: not an amount (e.g. 200,000.00)"))
        problem.show()
        return None
    if amount <= 0:
        problem.setText(_("Amount: must be above zero"))
        problem.show()
        return None
    problem.hide()
    return amount


def reload_over_newer(form: Any, refusal: DomainError, mine: ClaimInput) -> bool:  # noqa: ANN401 - the form
    """Saved meanwhile (the author's other seat): say what moved; reload, keeping this
    form's changed fields on top of the saved claim, field by field (or dropping them)."""
    if not isinstance(refusal, StaleRecord):
        return False
    form.say(str(refusal), error=True)
    choice = ask_reload(form, str(refusal))
    if choice is Reload.LATER:
        return True
    loaded = form.loaded_input
    form._reapply = {f.name: getattr(mine, f.name) for f in fields(ClaimInput)
                     if loaded is None or getattr(mine, f.name) != getattr(loaded, f.name)
                     } if choice is Reload.KEEP_MINE else None
    form._refusal = refusal
    form.say("")
    form._ready = False
    form._load()
    return True


def preview_question(form: Any) -> PreviewQuestion:  # noqa: ANN401 - the claim form
    """What the form asks the preview (route, budget left, standard) as it stands."""
    is_travel = form.travel.isChecked()
    amount, standard = form.amount_or_none(), form.standard.standard
    return PreviewQuestion(
        category=str(form.category.currentData()), amount=amount,
        spent_on=form.spent_on.date().toPython(), is_travel=is_travel,
        travel_application_id=form.travel_app.currentData() if is_travel else None, claim_id=form.claim_id,
        is_department=form.department.isChecked(),
        above_standard=amount is not None and standard is not None and amount > standard)
