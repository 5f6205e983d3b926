"""Who sets which number: the policy (business numbers, in versions) versus technical settings.

SPEC §9: grade bands, limits, terms, thresholds and allowances are business policy. The
role the seed names proposes a change with a reason and a date it takes force; the general
manager approves it [总经理 职责5 审批…政策], never the proposer. The administrator keeps only
the technical settings (names, lists), which no rule weighs.

A setting belongs to a group by the prefix of its key (a new `credit.…` spec joins the
credit group by itself); a key no prefix names is policy of the "sales" group, so a new
business number is never the administrator's by accident. Technical keys are listed.

| group       | keys                      | proposed by              | seed                              |
|-------------|---------------------------|--------------------------|-----------------------------------|
| credit      | credit.*                  | sales manager            | 销售部经理 职责2 赊销额度          |
| collection  | aging., deferral.,        | sales manager            | 销售部经理 职责2 回款政策; 职责6   |
|             | liability., collection.   |                          |                                   |
| customer    | customer.*                | customer-service manager | 客服部经理 职责1–3 客户服务制度     |
| standards   | expense.standard.*        | sales manager            | 费用 第13条1 按标准执行; 第14条      |
| expense     | expense.* (numbers)       | sales manager            | 销售部经理 职责4; 费用 第14–15条     |
| contract    | contract.*, pricing.*     | sales VP                 | 销售副总 职责5–6                   |
| sales       | anything else             | sales VP                 | 销售副总 职责3 规章制度             |
| (technical) | company.*, expense.items.*, expense.default_department | administrator | SPEC §1 |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Role
from sales_desk.i18n import N_, _

# Version 1 (the settings the program had before versions) is in force from this day, so
# every record made before policy versions is covered by it.
FIRST_VERSION_FROM = date(2000, 1, 1)

TECHNICAL_PREFIXES = ("company.", "expense.items.")
TECHNICAL_KEYS = frozenset({"expense.default_department"})


class PolicyGroup(StrEnum):
    CREDIT = "credit"
    COLLECTION = "collection"
    CUSTOMER = "customer"
    EXPENSE = "expense"
    STANDARDS = "standards"  # spending standards per item (费用 第13条1)
    CONTRACT = "contract"
    SALES = "sales"

    @property
    def label(self) -> str:
        """The group in the reader's language (the audit trail and refusals show it so)."""
        return _(GROUPS[self].label)


@dataclass(frozen=True)
class GroupRule:
    label: str  # msgid
    prefixes: tuple[str, ...]
    proposer: Role
    article: str  # the seed's words that give the proposer the duty


GROUPS: dict[PolicyGroup, GroupRule] = {
    PolicyGroup.CREDIT: GroupRule(N_("Credit limits, terms and grades"), ("credit.",),
                                  Role.SALES_MANAGER, "销售部经理 职责2"),
    PolicyGroup.COLLECTION: GroupRule(N_("Collection policy"),
                                      ("aging.", "deferral.", "liability.", "collection."),
                                      Role.SALES_MANAGER, "销售部经理 职责2"),
    PolicyGroup.CUSTOMER: GroupRule(N_("Customer files and value grades"), ("customer.",),
                                    Role.CS_MANAGER, "客服部经理 职责1"),
    # before EXPENSE: a key joins the first group whose prefix it has
    PolicyGroup.STANDARDS: GroupRule(N_("Spending standards"), ("expense.standard.",),
                                     Role.SALES_MANAGER, "销售费用管控制度 第13条1、第14条"),
    PolicyGroup.EXPENSE: GroupRule(N_("Expense thresholds and allowances"), ("expense.",),
                                   Role.SALES_MANAGER, "销售部经理 职责4"),
    PolicyGroup.CONTRACT: GroupRule(N_("Contracts and prices"), ("contract.", "pricing."),
                                    Role.SALES_VP, "销售副总 职责5–6"),
    PolicyGroup.SALES: GroupRule(N_("Other sales policy"), (), Role.SALES_VP, "销售副总 职责3"),
}
APPROVER = Role.GM


def is_technical(key: str) -> bool:
    return key in TECHNICAL_KEYS or key.startswith(TECHNICAL_PREFIXES)


def group_of(key: str) -> PolicyGroup | None:
    """The policy group of a setting key; None for a technical setting."""
    if is_technical(key):
        return None
    for group, rule in GROUPS.items():
        if rule.prefixes and key.startswith(rule.prefixes):
            return group
    return PolicyGroup.SALES


class ProposalStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self])


STATUS_LABELS = {
    ProposalStatus.PROPOSED: N_("Awaiting the general manager"),
    ProposalStatus.APPROVED: N_("Approved"),
    ProposalStatus.RETURNED: N_("Returned"),
}


@dataclass(frozen=True)
class VersionKey:
    """Where an approved version stands in time: by its date, then by its number."""

    effective_from: date
    number: int


def values_at(versions: list[tuple[VersionKey, dict[str, object]]], defaults: dict[str, object],
              upto: VersionKey) -> dict[str, object]:
    """The policy numbers once every approved version up to `upto` has taken force.

    Each version holds only what it changed, so a change approved for an earlier date
    after a later one is kept by the later one too."""
    values = dict(defaults)
    for key, changes in sorted(versions, key=lambda v: (v[0].effective_from, v[0].number)):
        if (key.effective_from, key.number) <= (upto.effective_from, upto.number):
            values.update(changes)
    return values


def in_force(keys: list[VersionKey], on: date) -> VersionKey | None:
    """The version in force on `on`: the last to take force on or before it."""
    started = [k for k in keys if k.effective_from <= on]
    return max(started, key=lambda k: (k.effective_from, k.number), default=None)


class PolicyRefused(DomainError):
    """A policy change the procedure does not allow."""


class PolicyNumberNotAdmins(PolicyRefused):
    refusal = "no_right"

    def __init__(self, label: str, group: PolicyGroup):
        super().__init__(_(
            "“{setting}” is business policy, not a technical setting: the {role} proposes a change "
            "and the general manager approves it, on the dashboard's Policy versions page (SPEC §9; {article})."
        ).format(setting=label, role=GROUPS[group].proposer.label.lower(), article=GROUPS[group].article))


def check_effective_date(effective_from: date, today: date) -> None:
    """A policy takes force today or later: the rules already applied on past days stand."""
    if effective_from < today:
        raise PolicyRefused(_(
            "A policy cannot take force on {day}, a day already past: the rules applied on that "
            "day used the policy then in force. Choose {today} or later."
        ).format(day=effective_from.isoformat(), today=today.isoformat()))
