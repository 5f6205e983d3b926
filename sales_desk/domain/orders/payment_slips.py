"""Prepayment paperwork [预付货款回收] (销售回款管理制度 第7条2): once the prepayment has
arrived, the rep fills a payment slip [缴款单] (customer, order, amount, how paid) and the
sales manager approves it; finance then fills the payment detail sheet [缴款明细单] (what was
received, when, the bank's reference) against the approved slip; only that counts towards
the order's prepayment, and only a prepayment met in full lets the order ship.

Steps are never skipped; the rep does not approve their own slip, and the person recording
the detail sheet neither filled nor approved the slip.
"""

from __future__ import annotations

from enum import StrEnum

from sales_desk.domain.common.errors import DomainError, SelfApprovalRefused, ValidationError
from sales_desk.domain.common.money import format_money
from sales_desk.i18n import N_, _

ARTICLE = N_("collections policy art. 7.2")


class SlipStatus(StrEnum):
    SUBMITTED = "submitted"  # filled by the rep, awaiting the sales manager
    APPROVED = "approved"  # awaiting finance's detail sheet
    RETURNED = "returned"  # sent back by the manager; who filled it corrects and resubmits it
    RECORDED = "recorded"  # finance's detail sheet recorded: counts towards the prepayment

    @property
    def label(self) -> str:
        return _(SLIP_STATUS_LABELS[self])


SLIP_STATUS_LABELS: dict[SlipStatus, str] = {
    SlipStatus.SUBMITTED: N_("Awaiting the sales manager"),
    SlipStatus.APPROVED: N_("Approved, awaiting finance"),
    SlipStatus.RETURNED: N_("Returned"),
    SlipStatus.RECORDED: N_("Recorded by finance"),
}

# slips still on their way: they hold part of what the order may still take in advance
OPEN_SLIPS = frozenset({SlipStatus.SUBMITTED, SlipStatus.APPROVED})


class SlipOutOfTurn(DomainError):
    def __init__(self, number: str, status: SlipStatus | str, action: str):
        super().__init__(_("Payment slip {number} is “{status}”: it cannot be {action}. The rep fills the "
                           "slip, the sales manager approves it, then finance fills the payment detail "
                           "sheet ({article}).").format(number=number, status=SlipStatus(status).label,
                                                        action=action, article=_(ARTICLE)))


class OwnSlip(SelfApprovalRefused):
    def __init__(self, number: str):
        super().__init__(_("payment slip"))
        self.args = (_("You filled or approved payment slip {number}: someone else must take this step "
                       "({article}).").format(number=number, article=_(ARTICLE)),)


class NotTheFiller(DomainError):
    refusal = "no_right"

    def __init__(self, number: str):
        super().__init__(_("Payment slip {number} was filled by someone else: only who filled it corrects and "
                           "resubmits it ({article}).").format(number=number, article=_(ARTICLE)))


def ensure_filler(number: str, actor_id: int, filled_by_id: int | None) -> None:
    if actor_id != filled_by_id:
        raise NotTheFiller(number)


def ensure_slip_state(number: str, status: SlipStatus | str, wanted: SlipStatus, action: str) -> None:
    if SlipStatus(status) is not wanted:
        raise SlipOutOfTurn(number, status, action)


def ensure_other_person(number: str, actor_id: int, *earlier: int | None) -> None:
    if actor_id in earlier:
        raise OwnSlip(number)


def check_slip_amount(amount: int, total: int, received: int, pending: int) -> None:
    """Above 0; with what was received and what other slips carry, within the order's total."""
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ValidationError(_("Amount"), _("an amount above 0"))
    if received + pending + amount > total:
        raise ValidationError(_("Amount"), _("beyond the order total {total} with what was received "
                                             "and the slips under way").format(total=format_money(total)))


def check_detail_amount(number: str, received: int, slip_amount: int) -> None:
    """The detail sheet records what the approved slip says arrived, no more and no less."""
    if received != slip_amount:
        raise ValidationError(_("Amount received"), _("must equal payment slip {number}'s {amount}; for "
                                                      "another amount the rep fills a new slip").format(
                                                          number=number, amount=format_money(slip_amount)))
