"""Distributors [经销商]: their reported stock [进销存] and rebates [返利] (seed 002 一、10 对客户制定
奖励、返利制度; 11 定期盘存客户的总库存并做好每月的销售与库存增减的记录). Pure rules.

- A rebate agreement [返利协议] gives rates in tiers by volume [分段返利]: the rate of the highest
  tier the period's volume reaches applies to the whole period's net amount; a tier counts
  from its threshold on (a volume exactly at the threshold earns that tier's rate).
- The volume is what was shipped less what came back in the period [发货减退货], by amount or
  by quantity as the agreement says; the rebate is always a share of the net amount. Orders
  never count, only goods that left (dispatch_movements); a return counts in the period it
  came back in, so a later return lowers a later period, never a rebate already paid.
- Rates are in hundredths of a per cent (basis points): 250 = 2.5 %; rounding half-up once.
- A stock report per product and month: opening + received − sold = closing; what the
  distributor says it received is set beside what we shipped it less returns.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import round_minor
from sales_desk.i18n import N_, _, pgettext

BP = 10_000  # basis points in a whole
MAX_RATE_BP = 3_000  # no rebate above 30 %: a typing slip, not a policy
AGREEMENT_PREFIX = "RA"
REBATE_PREFIX = "RB"


class Basis(StrEnum):
    AMOUNT = "amount"  # tiers by net amount shipped [按金额]
    QUANTITY = "quantity"  # tiers by net quantity shipped [按数量]

    @property
    def label(self) -> str:
        return _(BASIS_LABELS[self])


BASIS_LABELS = {Basis.AMOUNT: N_("By amount"), Basis.QUANTITY: N_("By quantity")}


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def label(self) -> str:
        return _(PERIOD_LABELS[self])

    @property
    def months(self) -> int:
        return {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[self]


PERIOD_LABELS = {PeriodKind.MONTH: N_("Monthly"), PeriodKind.QUARTER: N_("Quarterly"),
                 PeriodKind.YEAR: N_("Yearly")}

STATUS_LABELS = {"proposed": N_("Awaiting approval"), "approved": N_("Approved"), "refused": N_("Refused"),
                 "paid": N_("Paid as a credit note")}


def status_label(status: str) -> str:
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status


@dataclass(frozen=True)
class Tier:
    from_volume: int  # minor units (by amount) or units (by quantity)
    rate_bp: int


def check_tiers(tiers: Sequence[Tier]) -> tuple[Tier, ...]:
    """Tiers in rising order of threshold, each rate within 0–30 %, rates rising with volume."""
    if not tiers:
        raise ValidationError(_("Tiers"), _("give at least one rate"))
    ordered = tuple(sorted(tiers, key=lambda t: t.from_volume))
    for t in ordered:
        if t.from_volume < 0:
            raise ValidationError(_("Tiers"), _("a threshold cannot be negative"))
        if not 0 < t.rate_bp <= MAX_RATE_BP:
            raise ValidationError(_("Tiers"), _("each rate lies above 0 % and at most 30 %"))
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.from_volume == b.from_volume:
            raise ValidationError(_("Tiers"), _("two tiers start at the same volume"))
        if b.rate_bp < a.rate_bp:
            raise ValidationError(_("Tiers"), _("a higher tier cannot pay a lower rate"))
    return ordered


def rate_for(tiers: Sequence[Tier], volume: int) -> int:
    """The rate of the highest tier whose threshold `volume` reaches (≥); 0 below the first."""
    rate = 0
    for t in sorted(tiers, key=lambda t: t.from_volume):
        if volume >= t.from_volume:
            rate = t.rate_bp
    return rate


@dataclass(frozen=True)
class NetShipped:
    """What left and what came back in a period."""

    shipped_qty: int
    returned_qty: int
    shipped_amount: int
    returned_amount: int

    @property
    def quantity(self) -> int:
        return self.shipped_qty - self.returned_qty

    @property
    def amount(self) -> int:
        return self.shipped_amount - self.returned_amount

    def volume(self, basis: Basis) -> int:
        return self.amount if basis is Basis.AMOUNT else self.quantity


@dataclass(frozen=True)
class RebateFigure:
    volume: int
    rate_bp: int
    base: int  # the net amount the rate applies to
    amount: int  # the rebate, minor units


def compute_rebate(tiers: Sequence[Tier], basis: Basis, net: NetShipped) -> RebateFigure:
    """The period's rebate on shipped-less-returned: nothing when more came back than left."""
    volume = net.volume(basis)
    base = max(net.amount, 0)
    rate = rate_for(tiers, volume) if volume > 0 else 0
    return RebateFigure(volume, rate, base, round_minor(Decimal(base) * rate / BP))


def rate_text(rate_bp: int) -> str:
    """250 → "2.5 %"."""
    return f"{(Decimal(rate_bp) / 100).normalize():f} %"


def parse_rate(text: str) -> int:
    """"2.5" or "2.5 %" → 250 basis points."""
    try:
        value = Decimal(text.replace("%", "").replace("％", "").strip())
    except ArithmeticError:
        raise ValidationError(_("Rate"), _("not a per cent: {text}").format(text=text)) from None
    bp = value * 100
    if bp != bp.to_integral_value():
        raise ValidationError(_("Rate"), _("at most two decimals of a per cent"))
    return int(bp)


# -- periods ----------------------------------------------------------------------------------------


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def period_of(kind: PeriodKind, day: date) -> tuple[date, date]:
    """The period of `kind` (calendar month, quarter, year) that `day` falls in."""
    first_month = (day.month - 1) // kind.months * kind.months + 1
    start = date(day.year, first_month, 1)
    end_month = _add_months(start, kind.months - 1)
    return start, date(end_month.year, end_month.month,
                       calendar.monthrange(end_month.year, end_month.month)[1])


def periods_between(kind: PeriodKind, start: date, end: date) -> list[tuple[date, date]]:
    """Every period of `kind` that lies within [start, end] wholly or in part, in order."""
    out: list[tuple[date, date]] = []
    d = period_of(kind, start)[0]
    while d <= end:
        out.append(period_of(kind, d))
        d = _add_months(d, kind.months)
    return out


def clip(period: tuple[date, date], valid_from: date, valid_to: date) -> tuple[date, date]:
    """The part of a period an agreement covers."""
    return max(period[0], valid_from), min(period[1], valid_to)


def check_agreement_dates(valid_from: date, valid_to: date) -> None:
    if valid_to < valid_from:
        raise ValidationError(_("Valid to"), _("must not lie before the start"))


# -- stock reports [进销存] -------------------------------------------------------------------------


@dataclass(frozen=True)
class StockFigures:
    opening: int
    received: int
    sold: int
    closing: int

    @property
    def expected_closing(self) -> int:
        return self.opening + self.received - self.sold

    @property
    def closing_gap(self) -> int:
        """What the reported closing stock differs from its own opening + received − sold."""
        return self.closing - self.expected_closing


def check_stock(f: StockFigures) -> None:
    for label, v in ((_("Opening stock"), f.opening), (_("Received"), f.received), (pgettext("stock", "Sold"), f.sold),
                     (_("Closing stock"), f.closing)):
        if v < 0:
            raise ValidationError(label, _("cannot be negative"))


def received_gap(reported_received: int, our_net_shipped: int) -> int:
    """What the distributor says it received less what we shipped it less returns."""
    return reported_received - our_net_shipped


def month_start(d: date) -> date:
    return date(d.year, d.month, 1)
