"""Key-account screening [大客户筛选] (seed 002 篇2 2、大客户选择标准): the customer's
purchase volume (above all of our high-margin products), how concentrated its purchasing is,
the service level it asks, its price sensitivity and whether it wants a long partnership.

The rep or a manager scores each criterion 1–5 (5 always favours a key account: a customer
little sensitive to price scores 5) and proposes; the sales manager approves, never the
proposer. A total below `customer.key_account_min_score` is not proposed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.i18n import N_, _

MIN_SCORE_KEY = "customer.key_account_min_score"


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str  # msgid
    hint: str  # msgid: what 5 means


CRITERIA: tuple[Criterion, ...] = (
    Criterion("volume", N_("Purchase volume"), N_("5: buys much, above all our high-margin products")),
    Criterion("concentration", N_("Concentrated purchasing"), N_("5: buys centrally, in large orders")),
    Criterion("service", N_("Service demands"), N_("5: asks a service level we are built to give")),
    Criterion("price", N_("Price sensitivity"), N_("5: values service over price")),
    Criterion("partnership", N_("Long partnership"), N_("5: wants a long partnership with us")),
)
CRITERION_KEYS = tuple(c.key for c in CRITERIA)
MAX_TOTAL = 5 * len(CRITERIA)


class ScreeningStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return _(SCREENING_LABELS[self])


SCREENING_LABELS = {
    ScreeningStatus.PROPOSED: N_("Awaiting the sales manager"),
    ScreeningStatus.APPROVED: N_("Approved"),
    ScreeningStatus.REJECTED: N_("Rejected"),
}


def total_score(scores: dict[str, int]) -> int:
    """The sum of the five criteria, each a whole number 1–5."""
    if set(scores) != set(CRITERION_KEYS):
        raise ValidationError(_("Scores"), _("score every criterion"))
    for key, value in scores.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            label = next(_(c.label) for c in CRITERIA if c.key == key)
            raise ValidationError(label, _("a whole number from 1 to 5"))
    return sum(scores.values())


class ScoreTooLow(DomainError):
    def __init__(self, total: int, minimum: int) -> None:
        super().__init__(_("A key account needs a screening score of at least {minimum} of {most}; "
                           "this one scores {total}.").format(minimum=minimum, most=MAX_TOTAL, total=total))


class KeyAccountByScreening(DomainError):
    """The customer file's tick box no longer makes a key account."""

    def __init__(self) -> None:
        super().__init__(_("A customer becomes a key account only by a key-account screening the sales "
                           "manager approves, not by editing the customer file."))


class ScreeningDecided(DomainError):
    def __init__(self) -> None:
        super().__init__(_("This screening has already been decided."))


class AlreadyKeyAccount(DomainError):
    def __init__(self, code: str) -> None:
        super().__init__(_("{code} is already a key account.").format(code=code))


class ScreeningPending(DomainError):
    def __init__(self, code: str) -> None:
        super().__init__(_("A screening of {code} already awaits the sales manager.").format(code=code))
