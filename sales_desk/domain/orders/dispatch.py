"""Dispatch [产品发货] and returns (SPEC §4; seed 001, 仓储人员 and 产品发货管控流程).

The warehouse ships an approved order in one or more shipments; per line the shipped
quantities never add up to more than was ordered. Each shipment raises an invoice due
on the ship date + the order's days to pay; a return of shipped goods raises a credit
note, never for more than was shipped and not yet returned. Whoever takes orders
never ships them [销售订单取得 与 发货 不相容].
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.orders.contracts import OrderStatus, check_quantity
from sales_desk.i18n import N_, _


def ship_to(order_address: str, customer_address: str) -> str:
    """Where the goods go [发货地址]: the address written on the order, or, when it was left
    empty, the customer's own. The warehouse is shown the address itself, never "the
    customer's address" (it cannot look that up while packing)."""
    return order_address.strip() or customer_address.strip()


class MovementKind(StrEnum):
    OUT = "out"  # shipped to the customer [出库]
    RETURN = "return"  # came back [退货入库]

    @property
    def label(self) -> str:
        return _(MOVEMENT_LABELS[self][0])


MOVEMENT_LABELS: dict[MovementKind, tuple[str, str]] = {
    MovementKind.OUT: (N_("Shipped"), "发货"),
    MovementKind.RETURN: (N_("Returned"), "退货"),
}


class OrderTakerCannotShip(DomainError):
    def __init__(self, number: str):
        super().__init__(_("You took or are responsible for order {number}: someone else must ship it.")
                         .format(number=number))


@dataclass(frozen=True)
class LineState:
    """One order line as the warehouse sees it."""

    line_id: int
    ordered: int
    shipped: int

    @property
    def remaining(self) -> int:
        return self.ordered - self.shipped


def check_shipment(lines: Mapping[int, LineState], requested: Mapping[int, int]) -> dict[int, int]:
    """Quantities to ship per order line: whole, above 0, each within what is left to ship.
    Lines asked for with 0 are dropped; at least one line must ship."""
    out: dict[int, int] = {}
    for line_id, qty in requested.items():
        if qty == 0:
            continue
        line = lines.get(line_id)
        if line is None:
            raise ValidationError(_("Line"), _("not a line of this order"))
        check_quantity(qty)
        if qty > line.remaining:
            raise ValidationError(_("Quantity"), _(
                "{qty} is more than the {left} left to ship on this line (ordered {ordered}, "
                "shipped {shipped})").format(qty=qty, left=line.remaining, ordered=line.ordered,
                                             shipped=line.shipped))
        out[line_id] = qty
    if not out:
        raise ValidationError(_("Quantity"), _("ship at least one line"))
    return out


def status_after_shipment(lines: Mapping[int, LineState]) -> OrderStatus:
    """Fully shipped when no line has anything left; partly shipped otherwise."""
    if all(line.remaining == 0 for line in lines.values()):
        return OrderStatus.SHIPPED
    return OrderStatus.PARTLY_SHIPPED


@dataclass(frozen=True)
class ShippedLine:
    """One line of a shipment, as a return sees it."""

    movement_id: int
    shipped: int
    returned: int

    @property
    def returnable(self) -> int:
        return self.shipped - self.returned


def check_return(lines: Mapping[int, ShippedLine], requested: Mapping[int, int]) -> dict[int, int]:
    """Quantities coming back per shipment line: never more than shipped and not yet returned."""
    out: dict[int, int] = {}
    for movement_id, qty in requested.items():
        if qty == 0:
            continue
        line = lines.get(movement_id)
        if line is None:
            raise ValidationError(_("Line"), _("not a line of this shipment"))
        check_quantity(qty)
        if qty > line.returnable:
            raise ValidationError(_("Quantity"), _(
                "{qty} is more than the {left} shipped and not yet returned").format(
                    qty=qty, left=line.returnable))
        out[movement_id] = qty
    if not out:
        raise ValidationError(_("Quantity"), _("return at least one line"))
    return out


def check_charges(freight: int, insurance: int) -> None:
    """Freight and insurance are our costs of the shipment, recorded, not invoiced."""
    for label, value in ((N_("Freight"), freight), (N_("Insurance"), insurance)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValidationError(_(label), _("an amount, 0 or more"))

