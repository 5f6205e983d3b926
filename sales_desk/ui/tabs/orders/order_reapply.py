"""A draft saved over a newer version (issue 17, no lost update): what this form changed
since it loaded the order, kept field by field, and put back on the order as reloaded, so
the user checks the other's changes beside their own and saves again. Nothing typed is lost.

The form reads and writes its fields here only through what `OrderFields` names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.domain.orders.contracts import PaymentTerms
from sales_desk.i18n import N_, _
from sales_desk.services.orders.entry import OrderInput
from sales_desk.ui.tabs.orders.common import DateEdit
from sales_desk.ui.tabs.orders.lines_model import EditLine, LinesModel
from sales_desk.ui.tabs.orders.order_terms import DeliveryTermsBox, PaymentTermsBox
from sales_desk.ui.widgets.customer_picker import CustomerPicker
from sales_desk.ui.widgets.stale import Reload, ask_reload, put_back_note

HEADER = ("order_date", "delivery_date", "prepayment_percent", "days_to_pay", "cash_on_delivery",
          "delivery_terms", "delivery_address", "note")
_LABELS = {"customer_id": N_("Customer"), "lines": N_("Lines"), "order_date": N_("Order date"),
           "delivery_date": N_("Delivery date"), "prepayment_percent": N_("Prepayment"),
           "days_to_pay": N_("Days to pay"), "cash_on_delivery": N_("Cash on delivery"),
           "delivery_terms": N_("Delivery terms"), "delivery_address": N_("Delivery address"), "note": N_("Other terms")}


class OrderFields(Protocol):
    customer: CustomerPicker
    order_date: DateEdit
    delivery_date: DateEdit
    lines: LinesModel
    payment: PaymentTermsBox
    delivery: DeliveryTermsBox

    def order_input(self) -> OrderInput: ...


@dataclass
class MyChanges:
    """The fields this form changed since it loaded the order (their values then now)."""

    header: dict[str, Any] = field(default_factory=dict)
    customer: tuple[int, str] | None = None  # the id and the text the picker shows
    lines: list[EditLine] | None = None

    def names(self) -> list[str]:
        keys = (["customer_id"] if self.customer else []) + list(self.header) + (["lines"] if self.lines else [])
        return [_(_LABELS[k]) for k in keys]

    def __bool__(self) -> bool:
        return bool(self.header or self.customer or self.lines)


def loaded_state(form: OrderFields) -> OrderInput | None:
    """The order as the form shows it just after filling it in (None: it does not read)."""
    try:
        return form.order_input()
    except DomainError:
        return None


def my_changes(form: OrderFields, loaded: OrderInput | None) -> MyChanges:
    """What differs now from `loaded`; every field when the loaded state did not read."""
    try:
        now = form.order_input()
    except DomainError:  # half typed: keep what reads, field by field
        now = None
    mine = MyChanges()
    for name in HEADER:
        value = _header_value(form, name) if now is None else getattr(now, name)
        if loaded is None or value != getattr(loaded, name):
            mine.header[name] = value
    cid = form.customer.customer_id
    if cid is not None and (loaded is None or cid != loaded.customer_id):
        mine.customer = (cid, form.customer.text())
    if now is None or loaded is None or list(now.lines) != list(loaded.lines):
        mine.lines = form.lines.lines()
    return mine


def _header_value(form: OrderFields, name: str) -> Any:
    terms = form.payment.terms()
    d = form.delivery
    return {"order_date": form.order_date.value(), "delivery_date": form.delivery_date.value(),
            "prepayment_percent": terms.prepayment_percent, "days_to_pay": terms.days_to_pay,
            "cash_on_delivery": terms.cash_on_delivery, "delivery_terms": d.delivery_terms.text(),
            "delivery_address": d.address.text(), "note": d.note.text()}.get(name)


def put_back(form: OrderFields, mine: MyChanges) -> None:
    """Set this form's changes over the reloaded order (dates through their editors)."""
    h = mine.header
    if mine.customer is not None:
        form.customer.show_choice(*mine.customer)
    if "order_date" in h and h["order_date"] is not None:
        form.order_date.set_value(h["order_date"])
    if "delivery_date" in h:
        form.delivery_date.set_value(h["delivery_date"])
    if {"prepayment_percent", "days_to_pay", "cash_on_delivery"} & h.keys():
        t = form.payment.terms()
        form.payment.set_terms(PaymentTerms(h.get("prepayment_percent", t.prepayment_percent),
                                            h.get("days_to_pay", t.days_to_pay),
                                            h.get("cash_on_delivery", t.cash_on_delivery)))
    d = form.delivery
    for name, editor in (("delivery_terms", d.delivery_terms), ("delivery_address", d.address), ("note", d.note)):
        if name in h:
            editor.setText(h[name])
    if mine.lines is not None:
        form.lines.set_lines(mine.lines, editable=True)


def reload_over_newer(form: Any, refusal: StaleRecord) -> None:  # noqa: ANN401 - the OrderDialog
    """The save was refused: someone changed the order since it was loaded. Say who
    changed what; reload, keeping this form's changes on top (or dropping them)."""
    form.say(str(refusal), error=True)
    choice = ask_reload(form, str(refusal))
    if choice is Reload.LATER:
        return
    form._reapply = my_changes(form, form.loaded_input) if choice is Reload.KEEP_MINE else None
    form._refusal = refusal
    form.say("")
    form._dirty = False  # what the form shows now is the order as it is (plus what goes back)
    form.reload()


def put_back_mine(form: Any, mine: MyChanges) -> None:  # noqa: ANN401 - the OrderDialog
    """Once reloaded: this form's changes go back on top of the order as it is now."""
    form._reapply = None
    if not mine:
        form.say(put_back_note([], None))
        return
    if not form.editable_now():  # no longer a draft (submitted meanwhile): nothing can go back
        form.say(_("The order is no longer a draft, so your changes could not be put back: {fields}.")
                 .format(fields=", ".join(mine.names())), error=True)
        return
    form._filling = True
    try:
        put_back(form, mine)
    finally:
        form._filling = False
    form._dirty = True
    form._changed(touched=False)
    form.say(put_back_note(mine.names(), form._refusal))
