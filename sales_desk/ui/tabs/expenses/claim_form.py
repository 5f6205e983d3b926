"""The expense application [销售费用使用申请表]: category and item, amount, date, purpose,
customer or event, receipts, and for travel the approved application it refers to; or the
department's application with its explanation form [情况说明表] (费用 第8条3), which the
sales VP reviews first.

Beside the fields the budget left and the route are shown live (claim_preview keeps
them up to date); the receipts are a field of their own (claim_receipts). A returned
claim opens here to be corrected and resubmitted; its route is computed afresh.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.domain.expenses import claims as claim_rules
from sales_desk.domain.expenses.claims import TRAVEL_ITEM, Category, require_explanation
from sales_desk.i18n import _
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses import forms as expense_forms
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses import settings as expense_settings
from sales_desk.services.expenses import travel
from sales_desk.services.expenses.claims import ClaimInput, ClaimState
from sales_desk.services.expenses.travel import TravelRow
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.expenses import claim_fields
from sales_desk.ui.tabs.expenses.claim_fields import travel_label
from sales_desk.ui.tabs.expenses.claim_preview import PreviewQuestion, RoutePreviewer
from sales_desk.ui.tabs.expenses.claim_receipts import ReceiptsField
from sales_desk.ui.tabs.expenses.claim_standard import StandardField
from sales_desk.ui.tabs.expenses.common import (
    WARN_STYLE,
    ServiceDialog,
    attachments_root,
    date_edit,
    heading,
    item_text,
    qdate,
)
from sales_desk.ui.tabs.expenses.route_panel import RoutePanel
from sales_desk.ui.widgets import typed_choice as typed
from sales_desk.ui.widgets.customer_picker import CustomerPicker
from sales_desk.ui.widgets.money import MoneyEdit
from sales_desk.ui.widgets.stale import put_back_note


class ClaimFormDialog(ServiceDialog):
    sig_saved = Signal(int)
    """The claim was submitted (or corrected and resubmitted); the argument is its number."""

    def __init__(self, ctx: AppContext, actor: Actor, claim_id: int | None = None,
                 parent: QWidget | None = None, today: date | None = None,
                 travel_application_id: int | None = None):
        title = (_("Expense application [销售费用使用申请表]") if claim_id is None
                 else _("Correct and resubmit claim No. {id}").format(id=claim_id))
        super().__init__(ctx, actor, title, parent)
        self.claim_id = claim_id
        self._preset_travel = travel_application_id  # "claim this trip" from the travel page
        self.state: ClaimState | None = None
        self._items: dict[Category, tuple[str, ...]] = {}
        self._ready = False
        # The claim as loaded and its version (a save names it); after a stale save, this
        # form's changed fields to put back on the claim as reloaded.
        self.loaded_input: ClaimInput | None = None
        self.loaded_version: int | None = None
        self._reapply: dict[str, object] | None = None
        self._refusal: StaleRecord | None = None

        self.returned = QLabel()
        self.returned.setObjectName("returned_reason")
        self.returned.setWordWrap(True)
        self.returned.setStyleSheet(WARN_STYLE + " font-weight: bold;")
        self.returned.hide()
        self.category = QComboBox()
        self.category.setObjectName("category")
        for c in Category:
            self.category.addItem(c.label, c.value)
        self.item = typed.typed_combo(QComboBox(), _("type or pick the item"))
        self.item.setObjectName("item")
        self._form_problem = ""  # the problem shown, when found in the form itself
        self.amount = MoneyEdit()
        self.amount.setObjectName("amount")
        self.amount.setText("")
        self.amount.setPlaceholderText(_("e.g. 1,200.00"))
        self.standard = StandardField(ctx, actor)
        self.amount_problem = QLabel()
        self.amount_problem.setStyleSheet(ERROR_STYLE)
        self.amount_problem.hide()
        self.spent_on = date_edit(today or clock.today())
        self.spent_on.setObjectName("spent_on")
        self.purpose = QLineEdit()
        self.purpose.setObjectName("purpose")
        self.purpose.setPlaceholderText(_("what the money is for [用途]"))
        self.customer = CustomerPicker(ctx, actor)
        self.customer.setObjectName("customer")
        self.event = QLineEdit()
        self.event.setObjectName("event")
        self.event.setMaxLength(200)
        self.event.setPlaceholderText(_("or the event, meeting or exhibition it served"))
        self.travel, self.travel_app, self.travel_note = claim_fields.travel_widgets()
        self.receipts = ReceiptsField()
        self.no_receipt = claim_fields.no_receipt_edit()
        self.department, self.explanation = claim_fields.department_widgets(actor)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, _("&Category:"), self.category)
        self._row(form, _("&Item:"), self.item)
        amount_row = QVBoxLayout()
        amount_row.setSpacing(2)
        amount_row.addWidget(self.amount)
        amount_row.addWidget(self.amount_problem)
        amount_row.addWidget(self.standard)
        self._row(form, _("&Amount:"), self.amount, amount_row)
        self._row(form, _("&Date spent:"), self.spent_on)
        self._row(form, _("&Purpose:"), self.purpose)
        self._row(form, _("Cu&stomer:"), self.customer)
        self._row(form, _("&Event:"), self.event)
        form.addRow("", self.travel)
        self._row(form, _("Travel a&pplication:"), self.travel_app)
        form.addRow("", self.travel_note)
        self._row(form, _("Receipts:"), self.receipts.list, self.receipts)
        self._row(form, _("&Why no receipt:"), self.no_receipt)
        self._fields = form
        form.addRow("", self.department)
        self.explanation_label = QLabel(_("E&xplanation:"))
        self.explanation_label.setBuddy(self.explanation)
        form.addRow(self.explanation_label, self.explanation)

        for combo in (self.category, self.item, self.travel_app):
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.route = RoutePanel()
        self.route.setObjectName("route_panel")
        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(heading(_("Expense application [销售费用使用申请表]") if claim_id is None
                               else _("Claim No. {id}, returned for correction").format(id=claim_id)))
        left.addWidget(self.returned)
        left.addLayout(form)
        left.addStretch(1)
        body.addLayout(left, 11)
        body.addWidget(self.route, 9)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.submit_button = self.add_button(
            _("&Submit") if claim_id is None else _("&Save and resubmit"),
            QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.submit_button.setObjectName("submit")
        self.submit_button.setDefault(True)
        self.add_close(_("Cancel"))

        self.previewer = RoutePreviewer(ctx, actor, self.route, self, self._preview_question)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.item.currentIndexChanged.connect(self._item_changed)
        self.item.lineEdit().editingFinished.connect(lambda: typed.take_typed(self.item))
        for edit in (self.item.lineEdit(), self.purpose, self.no_receipt):
            edit.textChanged.connect(lambda _t: self._recheck_problem())
        self.explanation.textChanged.connect(self._recheck_problem)
        self.amount.textChanged.connect(lambda _t: self._changed())
        self.spent_on.dateChanged.connect(lambda _d: self._changed())
        self.standard.sig_changed.connect(self._changed)
        self.travel.toggled.connect(self._travel_toggled)
        self.department.toggled.connect(self._department_toggled)
        self.receipts.sig_changed.connect(self._receipts_changed)
        self._receipts_changed()
        self.travel_app.currentIndexChanged.connect(lambda _i: self._changed())
        self._travel_toggled(False)
        self._department_toggled(False)
        geometry.restore_geom(self, "expenses/claim_form", (960, 560))
        self._load()

    @staticmethod
    def _row(form: QFormLayout, text: str, buddy: QWidget, field=None) -> None:  # noqa: ANN001
        label = QLabel(text)
        label.setBuddy(buddy)
        form.addRow(label, field if field is not None else buddy)

    # -- loading -------------------------------------------------------------------------------
    def _load(self) -> None:
        ctx, actor, cid = self.ctx, self.actor, self.claim_id

        def read() -> tuple:
            items = expense_settings.expense_items(ctx.uow(actor))
            trips = travel.claimable_travel(ctx.uow(actor))
            draft = view = None
            if cid is not None:
                draft = expense_forms.claim_for_edit(ctx.uow(actor), cid)
                view = expense_queries.get_claim(ctx.uow(actor), cid)
            return items, trips, draft, view

        self.ctx.runner.run(read, lambda r: self._loaded(*r), owner=self)

    def _loaded(self, items, trips: list[TravelRow], draft, view) -> None:  # noqa: ANN001
        self._items = items
        self.travel_app.clear()
        self.travel_app.addItem(_("— choose —"), None)
        for t in trips:
            self.travel_app.addItem(travel_label(t), t.id)
        self._fill_items()
        if draft is not None:
            self.loaded_input = draft.data
            mine, self._reapply = self._reapply, None
            self._fill(replace(draft.data, **mine) if mine else draft.data, draft.customer_code, draft.customer_name,
                       customer="customer_id" not in (mine or {}))
            if mine is not None:
                self.say(put_back_note([_(expenses.FIELD_LABELS.get(f, f)) for f in mine], self._refusal))
        if view is not None:
            self.loaded_version = view.version
        if draft is None and self._preset_travel is not None:
            self.category.setCurrentIndex(self.category.findData(Category.BUSINESS.value))
            self._fill_items(TRAVEL_ITEM)
            self.travel.setChecked(True)
            self.travel_app.setCurrentIndex(max(0, self.travel_app.findData(self._preset_travel)))
        if view is not None:
            if view.returned_reason:
                self.returned.setText(_("Returned: {reason}").format(reason=view.returned_reason))
                self.returned.show()
            self.receipts.show_attached(a.original_name for a in view.attachments)
        self._ready = True
        self._update_buttons()
        self.refresh_preview()

    def _fill(self, d: ClaimInput, customer_code: str, customer_name: str, customer: bool = True) -> None:
        self.category.setCurrentIndex(max(0, self.category.findData(d.category)))
        self._fill_items(d.item)
        self.amount.set_minor(d.amount)
        self.spent_on.setDate(qdate(d.spent_on))
        self.purpose.setText(d.purpose)
        if customer and d.customer_id is not None:
            self.customer.set_customer(d.customer_id, customer_code, customer_name)
        self.event.setText(d.event)
        self.travel.setChecked(d.is_travel)
        self.department.setChecked(d.is_department)
        self.explanation.setPlainText(d.explanation)
        self.no_receipt.setText(d.no_receipt_reason)
        self.standard.load(d.standard_reason, d.days, d.city_tier)
        if d.travel_application_id is not None:
            self.travel_app.setCurrentIndex(max(0, self.travel_app.findData(d.travel_application_id)))

    def _fill_items(self, chosen: str | None = None) -> None:
        category = Category(self.category.currentData())
        current = chosen or self.item.currentData()
        self.item.blockSignals(True)
        self.item.clear()
        for i in self._items.get(category, ()):
            self.item.addItem(item_text(i), i)
        if current is not None and self.item.findData(current) >= 0:
            self.item.setCurrentIndex(self.item.findData(current))
        else:
            typed.clear_choice(self.item)  # nothing chosen for the user
        self.item.blockSignals(False)

    # -- changes ---------------------------------------------------------------------------------
    def _category_changed(self) -> None:
        self._fill_items()
        self._item_changed()

    def _item_changed(self) -> None:
        self.travel.setChecked(self.item.currentData() == TRAVEL_ITEM)
        self._changed()

    def _travel_toggled(self, on: bool) -> None:
        self.travel_app.setEnabled(on)
        self.travel_note.setVisible(on)
        self._changed()

    def _department_toggled(self, on: bool) -> None:
        self.explanation.setVisible(on)
        self.explanation_label.setVisible(on)
        if on:
            self.travel.setChecked(False)  # travel is the traveller's own
        self.travel.setEnabled(not on)
        self._changed()

    def _receipts_changed(self) -> None:
        # The reason is asked for only while no receipt is attached.
        self._fields.setRowVisible(self.no_receipt, self.receipts.count() == 0)

    def _changed(self) -> None:
        self._recheck_problem()
        if self._ready:
            self.standard.ask(str(self.item.currentData() or ""), self.spent_on.date().toPython(),
                              self.amount_or_none)
        self.previewer.changed()

    def _recheck_problem(self) -> None:  # a problem found in the form goes once put right
        if self._form_problem and typed.still_wrong(self.claim_input, ValidationError) != self._form_problem:
            self._form_problem = ""
            self.say("")

    def preview_pending(self) -> bool:
        """A change not yet answered by a preview (tests wait on this)."""
        return self.previewer.pending()

    def amount_or_none(self) -> int | None:
        return claim_fields.amount_typed(self.amount, self.amount_problem)

    def refresh_preview(self) -> None:
        self.previewer.refresh()

    def _preview_question(self) -> PreviewQuestion | None:
        return claim_fields.preview_question(self) if self._ready else None

    def add_receipt_path(self, path: Path) -> None:
        self.receipts.add_path(path)

    # -- submitting ------------------------------------------------------------------------------
    def claim_input(self) -> ClaimInput:
        """The form as the service's input; ValidationError naming the field if one is wrong."""
        amount = self.amount.minor(_("Amount"))
        if amount <= 0:
            raise ValidationError(_("Amount"), _("must be above zero"))
        if not self.purpose.text().strip():
            raise ValidationError(_("Purpose"), _("must not be empty"))
        is_travel = self.travel.isChecked()
        explanation = require_explanation(self.department.isChecked(), is_travel, self.explanation.toPlainText())
        no_receipt_reason = claim_rules.require_no_receipt_reason(self.receipts.count(), self.no_receipt.text())
        item = typed.typed_data(self.item)  # typed or picked; None while it names none
        if item is None:
            raise ValidationError(_("Item"), _("choose one from the list"))
        reason, days, tier = self.standard.values(item)
        return ClaimInput(
            category=str(self.category.currentData()), item=item, amount=amount,
            spent_on=self.spent_on.date().toPython(), purpose=self.purpose.text().strip(),
            customer_id=self.customer.chosen_id(required=False), event=self.event.text().strip(), is_travel=is_travel,
            travel_application_id=self.travel_app.currentData() if is_travel else None,
            is_department=self.department.isChecked(), explanation=explanation,
            no_receipt_reason=no_receipt_reason, standard_reason=reason, days=days, city_tier=tier)

    def _update_buttons(self) -> None:
        self.submit_button.setEnabled(self._ready and not self.busy())
        self.receipts.update_buttons()

    def submit(self) -> None:
        if not self._ready or self.busy():
            return
        try:
            data = self.claim_input()
        except ValidationError as exc:
            self.say(str(exc), error=True)
            self._form_problem = str(exc)
            self._focus_field(exc.field)
            return
        receipts, root = self.receipts.new_receipts(), attachments_root(self.ctx)
        ctx, actor, cid = self.ctx, self.actor, self.claim_id
        if cid is None:
            self.call(lambda: expenses.apply_for_expense(ctx.uow(actor), data, receipts, root), self._submitted)
            return

        version = self.loaded_version  # the one the form was filled from

        def resubmit() -> ClaimState:
            expenses.update_claim(ctx.uow(actor), cid, data, version=version)
            if receipts:
                expenses.attach_receipts(ctx.uow(actor), cid, receipts, root)
            return expenses.resubmit_claim(ctx.uow(actor), cid)

        self.call(resubmit, self._submitted, refused=lambda exc: self._stale(exc, data))

    def _stale(self, refusal: DomainError, mine: ClaimInput) -> bool:
        return claim_fields.reload_over_newer(self, refusal, mine)

    def _focus_field(self, field: str) -> None:
        claim_fields.focus_field(self, field)

    def _submitted(self, state: ClaimState) -> None:
        self.state = state
        self.sig_saved.emit(state.id)
        self.accept()

    def done(self, result: int) -> None:
        geometry.save_geom(self, "expenses/claim_form")
        super().done(result)
