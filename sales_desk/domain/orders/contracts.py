"""Sales orders and contracts [销售合同] and the credit check on approval [授信执行]
(SPEC §4 and §3 Execution; seed 001 第17–18条, 销售合同管理流程).

The life of an order:

    draft → submitted → signed → approved ─→ partly shipped → shipped → closed
              │  ↑         │        ↑ └──────────────────────────↗      ↗
              │  └ returned│        └ override (finance director / gm)   │
              │   to draft └→ blocked on credit ───────────────────────  │
              └─────────── cancelled (from any state before the first shipment)

- Submitting fixes the prices against each product's range: a line below the floor
  needs the sales VP's price approval; a total at or above the major-contract
  threshold needs the sales VP's review. Both come before signing; a refusal
  returns the order to draft for the rep to change.
- Approval for dispatch runs the credit check: available credit = limit − open
  receivables − approved-but-unshipped orders. An order asking for more credit than
  is available, or any credit at all from a customer on hold or without credit terms
  (grade D, prepayment or cash-on-delivery customers), is blocked; only a written
  override by the finance director or the general manager (reason, amount, once for
  that order, never by its creator) approves it.
- Credit an order asks for (its exposure) is what the customer will owe after
  delivery: the unshipped value less the prepayment still to be applied. A
  cash-on-delivery order asks for none (the policy lists it with prepayment as the
  no-credit way to buy, 货到付款); nor does a 100 % prepaid one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.money import format_money, round_minor
from sales_desk.i18n import N_, _, current_language


def _money(minor: int) -> str:
    return format_money(minor, "zh_CN" if current_language() == "zh_CN" else "en")


# -- states ------------------------------------------------------------------------------


class OrderStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SIGNED = "signed"
    APPROVED = "approved"  # for dispatch
    BLOCKED = "blocked"  # on credit
    PARTLY_SHIPPED = "partly_shipped"
    SHIPPED = "shipped"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self][0])


STATUS_LABELS: dict[OrderStatus, tuple[str, str]] = {
    OrderStatus.DRAFT: (N_("Draft"), "草拟"),
    OrderStatus.SUBMITTED: (N_("Submitted"), "已提交"),
    OrderStatus.SIGNED: (N_("Signed"), "已签订"),
    OrderStatus.APPROVED: (N_("Approved for dispatch"), "已审核可发货"),
    OrderStatus.BLOCKED: (N_("Blocked on credit"), "信用冻结"),
    OrderStatus.PARTLY_SHIPPED: (N_("Partly shipped"), "部分发货"),
    OrderStatus.SHIPPED: (N_("Shipped"), "已发货"),
    OrderStatus.CLOSED: (N_("Closed"), "已关闭"),
    OrderStatus.CANCELLED: (N_("Cancelled"), "已取消"),
}

S = OrderStatus
TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.CANCELLED}),
    S.SUBMITTED: frozenset({S.DRAFT, S.SIGNED, S.CANCELLED}),
    S.SIGNED: frozenset({S.APPROVED, S.BLOCKED, S.CANCELLED}),
    S.BLOCKED: frozenset({S.APPROVED, S.BLOCKED, S.CANCELLED}),
    S.APPROVED: frozenset({S.PARTLY_SHIPPED, S.SHIPPED, S.CANCELLED}),
    S.PARTLY_SHIPPED: frozenset({S.PARTLY_SHIPPED, S.SHIPPED, S.CLOSED}),
    S.SHIPPED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.CANCELLED: frozenset(),
}
# Approved and not yet fully shipped: these hold credit [已审核未发货].
OPEN_FOR_DISPATCH = frozenset({S.APPROVED, S.PARTLY_SHIPPED})
EDITABLE = frozenset({S.DRAFT})


class WrongOrderState(DomainError):
    def __init__(self, number: str, status: OrderStatus, action: str):
        self.status = status
        super().__init__(_("Order {number} is {status}: it cannot be {action}.").format(
            number=number, status=status.label, action=action))


def ensure_transition(number: str, current: OrderStatus | str, new: OrderStatus, action: str) -> None:
    """`action` is a translated past participle, e.g. _("signed")."""
    current = OrderStatus(current)
    if new not in TRANSITIONS[current]:
        raise WrongOrderState(number, current, action)


# -- approvals --------------------------------------------------------------------------


class ApprovalKind(StrEnum):
    PRICE = "price"  # a price below the floor [低于限价审批]
    MAJOR_REVIEW = "major_review"  # a major contract [重大销售合同评审]
    CREDIT_OVERRIDE = "credit_override"  # beyond the credit available [超信用额度审批]

    @property
    def label(self) -> str:
        return _(APPROVAL_LABELS[self][0])


APPROVAL_LABELS: dict[ApprovalKind, tuple[str, str]] = {
    ApprovalKind.PRICE: (N_("Price below the floor approved"), "低于最低限价审批"),
    ApprovalKind.MAJOR_REVIEW: (N_("Major contract review"), "重大销售合同评审"),
    ApprovalKind.CREDIT_OVERRIDE: (N_("Credit override"), "超信用额度书面批准"),
}


# -- lines and totals ---------------------------------------------------------------------


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_quantity(quantity: int) -> int:
    """Quantities are whole units of the product's unit (台, 箱, kg…)."""
    if not _whole(quantity) or quantity <= 0:
        raise ValidationError(_("Quantity"), _("a whole number above 0"))
    return quantity


def line_amount(quantity: int, unit_price: int) -> int:
    return check_quantity(quantity) * unit_price


def order_total(amounts: Iterable[int]) -> int:
    return sum(amounts)


def is_major(total: int, threshold: int) -> bool:
    """At or above the threshold (setting contract.major_threshold) [重大合同]."""
    return total >= threshold


# -- payment terms ------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentTerms:
    """The order's terms: prepayment share, days to pay after shipment, or cash on delivery."""

    prepayment_percent: int = 0  # 0–100 of the order total, before anything ships
    days_to_pay: int = 0  # the balance is due this many days after each shipment
    cash_on_delivery: bool = False  # 货到付款: due on the ship date, no credit


@dataclass(frozen=True)
class CustomerTerms:
    """What the customer's credit file allows (services/credit.CreditPosition)."""

    grade: str | None
    payment_mode: str  # domain.credit.PaymentMode value
    term_days: int | None  # None: not capped (grade A)

    @property
    def has_credit(self) -> bool:
        return self.payment_mode == "credit" and self.grade in ("A", "B", "C")


def check_payment_terms(terms: PaymentTerms, customer: CustomerTerms) -> PaymentTerms:
    """Refuse terms the customer's credit file does not allow; grade D (and any customer
    without credit terms) buys with 100 % prepayment or cash on delivery only."""
    if not _whole(terms.prepayment_percent) or not 0 <= terms.prepayment_percent <= 100:
        raise ValidationError(_("Prepayment"), _("a whole percentage from 0 to 100"))
    if not _whole(terms.days_to_pay) or terms.days_to_pay < 0:
        raise ValidationError(_("Days to pay"), _("a whole number of days, 0 or more"))
    if terms.cash_on_delivery:
        if terms.days_to_pay != 0:
            raise ValidationError(_("Days to pay"), _("cash on delivery is due on the day of delivery"))
        return terms
    if terms.prepayment_percent == 100:
        return terms
    if not customer.has_credit:
        raise ValidationError(_("Payment terms"), _(
            "this customer gets no credit (grade {grade}): 100 % prepayment or cash on delivery only"
        ).format(grade=customer.grade or "—"))
    if customer.term_days is not None and terms.days_to_pay > customer.term_days:
        raise ValidationError(_("Days to pay"), _("the customer's payment term is {days} days").format(
            days=customer.term_days))
    return terms


DEFAULT_DAYS_TO_PAY = 30  # ours: an order for a grade A customer (term not capped) states its own


def default_days_to_pay(customer: CustomerTerms, cash_on_delivery: bool = False) -> int:
    """The customer's term; for an uncapped term (grade A) our default; 0 without credit."""
    if cash_on_delivery or not customer.has_credit:
        return 0
    return DEFAULT_DAYS_TO_PAY if customer.term_days is None else customer.term_days


def required_prepayment(total: int, percent: int) -> int:
    return round_minor(Decimal(total) * percent / 100)


def due_date(ship_date: date, terms: PaymentTerms) -> date:
    """A shipment's receivable is due on the ship date + the days to pay."""
    return ship_date + timedelta(days=0 if terms.cash_on_delivery else terms.days_to_pay)


# -- the credit an order asks for, and the check -------------------------------------------


@dataclass(frozen=True)
class OrderMoney:
    """The running figures of one order (maintained on the order row)."""

    total: int
    shipped_value: int = 0
    prepayment_required: int = 0
    prepayment_received: int = 0
    prepayment_applied: int = 0  # to the invoices of its shipments
    cash_on_delivery: bool = False


def credit_exposure(m: OrderMoney) -> int:
    """What the customer will owe us for the unshipped rest, once shipped: the unshipped
    value less the prepayment not yet applied (at least the required share: nothing ships
    before it is in). Cash on delivery asks for no credit."""
    if m.cash_on_delivery:
        return 0
    unshipped = m.total - m.shipped_value
    to_apply = max(m.prepayment_required, m.prepayment_received) - m.prepayment_applied
    return max(0, unshipped - max(0, to_apply))


class BlockReason(StrEnum):
    ON_HOLD = "on_hold"
    NO_CREDIT = "no_credit"
    OVER_LIMIT = "over_limit"

    @property
    def label(self) -> str:
        return _(BLOCK_LABELS[self][0])


BLOCK_LABELS: dict[BlockReason, tuple[str, str]] = {
    BlockReason.ON_HOLD: (N_("Customer on credit hold"), "客户信用冻结"),
    BlockReason.NO_CREDIT: (N_("Customer has no credit terms"), "客户无赊销额度"),
    BlockReason.OVER_LIMIT: (N_("Beyond the available credit"), "超出可用信用额度"),
}


@dataclass(frozen=True)
class CreditSnapshot:
    """The customer's position without the order being checked."""

    limit: int
    open_receivables: int
    approved_unshipped: int
    on_hold: bool
    has_credit: bool

    @property
    def available(self) -> int:
        """limit − open receivables − approved-but-unshipped orders (may be negative)."""
        return self.limit - self.open_receivables - self.approved_unshipped


@dataclass(frozen=True)
class CreditDecision:
    exposure: int
    available: int  # before this order
    reason: BlockReason | None  # None: passes
    excess: int  # the credit asked for beyond what is available (0 when it passes)

    @property
    def passes(self) -> bool:
        return self.reason is None

    @property
    def available_after(self) -> int:
        return self.available - self.exposure


def credit_check(position: CreditSnapshot, exposure: int) -> CreditDecision:
    """An order asking for no credit always passes; otherwise a hold, a customer without
    credit terms, or more than the available credit blocks it."""
    available = position.available
    if exposure <= 0:
        return CreditDecision(0, available, None, 0)
    if position.on_hold:
        return CreditDecision(exposure, available, BlockReason.ON_HOLD, exposure)
    if not position.has_credit:
        return CreditDecision(exposure, available, BlockReason.NO_CREDIT, exposure)
    if exposure > available:
        return CreditDecision(exposure, available, BlockReason.OVER_LIMIT,
                              exposure - max(available, 0))
    return CreditDecision(exposure, available, None, 0)


class OrderBlocked(DomainError):
    """The credit check refused the order; it is now blocked (the state is saved)."""

    def __init__(self, number: str, decision: CreditDecision):
        self.number = number
        self.decision = decision
        reason = decision.reason or BlockReason.OVER_LIMIT
        super().__init__(_(
            "Order {number} is blocked: {reason}. It asks for {exposure} of credit; {available} "
            "is available. Only a written override by the finance director or the general "
            "manager can release it."
        ).format(number=number, reason=reason.label, exposure=_money(decision.exposure),
                 available=_money(decision.available)))


class CreditLimitExceeded(OrderBlocked):
    pass


class CustomerOnHold(OrderBlocked):
    pass


class NoCreditTerms(OrderBlocked):
    pass


BLOCK_ERRORS: dict[BlockReason, type[OrderBlocked]] = {
    BlockReason.OVER_LIMIT: CreditLimitExceeded,
    BlockReason.ON_HOLD: CustomerOnHold,
    BlockReason.NO_CREDIT: NoCreditTerms,
}


def check_override(amount: int, reason: str, decision: CreditDecision) -> str:
    """A written override states why and how much credit beyond the available it allows;
    it must cover the excess as it stands now."""
    reason = reason.strip()
    if len(reason) < 4:
        raise ValidationError(_("Reason"), _("write why the override is granted"))
    if not _whole(amount) or amount <= 0:
        raise ValidationError(_("Amount"), _("an amount above 0"))
    if decision.passes:
        raise ValidationError(_("Amount"), _("the order is within the available credit: approve it instead"))
    if amount < decision.excess:
        raise ValidationError(_("Amount"), _(
            "the order now exceeds the available credit by {excess}; the override covers {amount}"
        ).format(excess=_money(decision.excess), amount=_money(amount)))
    return reason


# -- prepayment gate ---------------------------------------------------------------------


class PrepaymentOutstanding(DomainError):
    def __init__(self, number: str, required: int, received: int):
        self.required, self.received = required, received
        super().__init__(_(
            "Order {number} cannot ship yet: the prepayment of {required} has not arrived in full "
            "({received} recorded)."
        ).format(number=number, required=_money(required), received=_money(received)))


def ensure_prepaid(number: str, required: int, received: int) -> None:
    """Nothing ships before the prepayment has arrived in full (销售回款管理制度 第7条)."""
    if received < required:
        raise PrepaymentOutstanding(number, required, received)


def check_prepayment(amount: int, total: int, received: int) -> None:
    if not _whole(amount) or amount <= 0:
        raise ValidationError(_("Amount"), _("an amount above 0"))
    if received + amount > total:
        raise ValidationError(_("Amount"), _("more than the order total {total} in prepayments").format(
            total=_money(total)))
