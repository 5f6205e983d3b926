"""Product prices [产品定价] (seed 001, 销售副总 5): the sales VP sets each product's list
price and its approved range [定价区间, 浮动区间] — a floor and a ceiling.

An order line priced inside [floor, ceiling] needs nobody's approval; below the floor
it needs the sales VP's approval (pricing.approve_below_floor); above the ceiling it
is refused: the range is the approved one, and nobody approves past its top.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import format_money
from sales_desk.i18n import N_, _


class PricePosition(StrEnum):
    BELOW_FLOOR = "below_floor"
    IN_RANGE = "in_range"
    ABOVE_CEILING = "above_ceiling"


POSITION_LABELS: dict[PricePosition, tuple[str, str]] = {
    PricePosition.BELOW_FLOOR: (N_("Below the floor price"), "低于最低限价"),
    PricePosition.IN_RANGE: (N_("Inside the approved range"), "在定价区间内"),
    PricePosition.ABOVE_CEILING: (N_("Above the ceiling price"), "高于最高限价"),
}


@dataclass(frozen=True)
class PriceRange:
    """Minor units per unit of the product."""

    list_price: int
    floor: int
    ceiling: int

    def position(self, price: int) -> PricePosition:
        if price < self.floor:
            return PricePosition.BELOW_FLOOR
        if price > self.ceiling:
            return PricePosition.ABOVE_CEILING
        return PricePosition.IN_RANGE


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_price_range(list_price: int, floor: int, ceiling: int) -> PriceRange:
    """0 < floor ≤ list price ≤ ceiling, in whole minor units."""
    for label, value in ((N_("List price"), list_price), (N_("Floor price"), floor),
                         (N_("Ceiling price"), ceiling)):
        if not _whole(value) or value <= 0:
            raise ValidationError(_(label), _("an amount above 0"))
    if floor > list_price:
        raise ValidationError(_("Floor price"), _("must not exceed the list price"))
    if list_price > ceiling:
        raise ValidationError(_("Ceiling price"), _("must not be below the list price"))
    return PriceRange(list_price, floor, ceiling)


def check_line_price(price: int, rng: PriceRange) -> bool:
    """Refuse a price above the ceiling (or not above 0); True when it lies below the floor
    and so needs the sales VP's approval."""
    if not _whole(price) or price <= 0:
        raise ValidationError(_("Unit price"), _("an amount above 0"))
    pos = rng.position(price)
    if pos is PricePosition.ABOVE_CEILING:
        raise ValidationError(_("Unit price"), _("above the approved ceiling price {ceiling}").format(
            ceiling=format_money(rng.ceiling)))
    return pos is PricePosition.BELOW_FLOOR
