"""What has happened to an order: its steps and decisions (who, when, why), the
prepayments received, and its shipments with their invoices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import QTabWidget, QWidget

from sales_desk.domain.collections.receivables import PaymentMethod
from sales_desk.domain.orders.contracts import ApprovalKind
from sales_desk.i18n import _
from sales_desk.services.orders.prepayments import PrepaymentRow
from sales_desk.services.orders.views import OrderView, ShipmentRow
from sales_desk.ui.tabs.orders.common import block_label, day, local_time
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.table import Table


@dataclass(frozen=True)
class Step:
    when: str
    what: str
    who: str
    note: str
    sort: datetime | str


def steps_of(v: OrderView) -> list[Step]:
    """The order's life so far, oldest first: submission, reviews, signing, the credit check,
    an override, the approval, the end."""
    out: list[Step] = []
    if v.submitted_at:
        out.append(Step(local_time(v.submitted_at), _("Submitted (revision {n})").format(n=v.revision),
                        v.created_by, "", local_time(v.submitted_at)))
    for d in v.decisions:
        what = ApprovalKind(d.kind).label if d.kind in set(ApprovalKind) else d.kind
        result = _("approved") if d.approved else _("refused")
        note = d.note
        if d.kind == ApprovalKind.CREDIT_OVERRIDE and d.amount is not None:
            note = _("{note} (up to {amount} beyond the credit)").format(note=d.note, amount=money_text(d.amount))
        out.append(Step(local_time(d.decided_at), f"{what}: {result}", d.approver, note, local_time(d.decided_at)))
    if v.signed_on:
        out.append(Step(day(v.signed_on), _("Contract signed"), v.rep_name, "", day(v.signed_on) + " 99"))
    if v.blocked_at:
        out.append(Step(local_time(v.blocked_at), _("Blocked by the credit check"), v.blocked_by,
                        block_label(v.block_reason), local_time(v.blocked_at)))
    if v.approved_at:
        out.append(Step(local_time(v.approved_at), _("Approved for dispatch"), v.approved_by, "",
                        local_time(v.approved_at)))
    if v.closed_at:
        out.append(Step(local_time(v.closed_at), _("Closed"), "", v.end_reason, local_time(v.closed_at)))
    if v.cancelled_at:
        out.append(Step(local_time(v.cancelled_at), _("Cancelled"), "", v.end_reason, local_time(v.cancelled_at)))
    return sorted(out, key=lambda s: str(s.sort))


def _method(m: str) -> str:
    return PaymentMethod(m).label if m in set(PaymentMethod) else m


def _prepayment_cell(p: PrepaymentRow, column: int) -> str:
    return (day(p.received_on), money_text(p.amount), _method(p.method), p.reference, money_text(p.applied),
            p.recorded_by)[column]


def _shipment_cell(s: ShipmentRow, column: int) -> str:
    return (s.number, day(s.ship_date), money_text(s.value), s.carrier, s.tracking_no,
            day(s.handed_over_on) or _("not yet"), s.invoice_no, day(s.due_date))[column]


class OrderHistory(QTabWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("order_history")
        self.steps = RowsTableModel([_("When"), _("Step"), _("By"), _("Note")],
                                    lambda s, c: (s.when, s.what, s.who, s.note)[c], self)
        self.prepayments = RowsTableModel(
            [_("Received"), _("Amount"), _("Method"), _("Reference"), _("Applied"), _("Recorded by")],
            _prepayment_cell, self, right_aligned=(1, 4))
        self.shipments = RowsTableModel(
            [_("Note no."), _("Ship date"), _("Value"), _("Carrier"), _("Tracking no."), _("Handed over"),
             _("Invoice"), _("Due")], _shipment_cell, self, right_aligned=(2,))
        self.tables: dict[str, Table] = {}
        for key, model, title, widths in (
            ("steps", self.steps, _("Steps"), {0: 120, 1: 230, 2: 70}),
            ("prepayments", self.prepayments, _("Prepayments"), {0: 85, 1: 95, 2: 90, 3: 110, 4: 95}),
            ("shipments", self.shipments, _("Shipments"), {0: 110, 1: 85, 2: 95, 3: 80, 4: 110, 5: 85, 6: 110}),
        ):
            table = Table(f"orders/history_{key}")
            table.setObjectName(f"history_{key}")
            table.setModel(model)
            table.restore_layout(widths)
            table.setWordWrap(key == "steps")
            self.tables[key] = table
            self.addTab(table, title)

    def show_order(self, v: OrderView) -> None:
        self.steps.set_rows(steps_of(v))
        self.tables["steps"].resizeRowsToContents()
        self.prepayments.set_rows(list(v.prepayments))
        self.shipments.set_rows(list(v.shipments))
        self.setTabText(self.indexOf(self.tables["prepayments"]),
                        _("Prepayments ({n})").format(n=len(v.prepayments)))
        self.setTabText(self.indexOf(self.tables["shipments"]), _("Shipments ({n})").format(n=len(v.shipments)))

    def selected_shipment(self) -> ShipmentRow | None:
        row = self.tables["shipments"].current_row()
        return None if row is None else self.shipments.row_at(row)

    def save_layout(self) -> None:
        for table in self.tables.values():
            table.save_layout()

