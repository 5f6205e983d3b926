"""Roles, the permission matrix and the incompatible duties of SPEC §1, as the policy as
written (SPEC §9, issue 15) corrects them: the cashier pays, not finance; the sales VP drafts
the overall plan, the sales manager the monthly one (README "Where the duties differ").

The matrix is data: each role maps to fine-grained permissions; conflicting
permission pairs are a table. Giving one user both sides of a pair is refused
unless the admin records a justification (small firms), and the admin role
never combines with any business role.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from sales_desk.domain.common.permissions import Perm
from sales_desk.i18n import N_, _


class Role(StrEnum):
    GM = "gm"
    SALES_VP = "sales_vp"
    SALES_MANAGER = "sales_manager"
    SALES_SUPERVISOR = "sales_supervisor"
    CS_MANAGER = "cs_manager"
    SALES_REP = "sales_rep"
    CS_SPECIALIST = "cs_specialist"
    FINANCE = "finance"
    FINANCE_DIRECTOR = "finance_director"
    CASHIER = "cashier"  # 出纳: pays what finance has signed (费用 第9条)
    WAREHOUSE = "warehouse"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return _(ROLE_LABELS[self])


ROLE_LABELS: dict[Role, str] = {
    Role.GM: N_("General manager"),
    Role.SALES_VP: N_("Sales VP / marketing director"),
    Role.SALES_MANAGER: N_("Sales manager"),
    Role.SALES_SUPERVISOR: N_("Sales supervisor"),
    Role.CS_MANAGER: N_("Customer-service manager"),
    Role.SALES_REP: N_("Sales rep"),
    Role.CS_SPECIALIST: N_("Customer-service specialist"),
    Role.FINANCE: N_("Finance"),
    Role.FINANCE_DIRECTOR: N_("Finance director"),
    Role.CASHIER: N_("Cashier"),
    Role.WAREHOUSE: N_("Warehouse"),
    Role.ADMIN: N_("Administrator"),
}


P = Perm
_EVERY_BUSINESS_USER = {P.DASHBOARD_VIEW, P.CUSTOMER_VIEW}
# Warehouse staff see a credit hold on the dispatch notice, not the rating file.
_CREDIT_READERS = {P.CREDIT_VIEW}

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.GM: frozenset(
        _EVERY_BUSINESS_USER | _CREDIT_READERS
        | {P.BUDGET_APPROVE, P.PLAN_APPROVE, P.EXPENSE_APPROVE_MAJOR, P.CREDIT_OVERRIDE,
           P.DEFERRAL_APPROVE, P.AUDIT_VIEW, P.CUSTOMER_CONFIDENTIAL, P.CUSTOMER_EXPORT,
           P.ORDER_VIEW, P.RECEIVABLE_VIEW, P.CREDIT_AUDIT, P.EXPENSE_APPROVE,
           P.LIABILITY_EXEMPT, P.ADVANCE_REPORT_RECEIVE, P.EXPENSE_REPORT_REVIEW}
        | {P.PRICING_APPROVE}
    ),
    Role.SALES_VP: frozenset(
        _EVERY_BUSINESS_USER | _CREDIT_READERS
        | {P.PRICING_SET, P.PRICE_BELOW_FLOOR_APPROVE, P.CONTRACT_REVIEW_MAJOR,
           P.DEFERRAL_APPROVE, P.CUSTOMER_CONFIDENTIAL,
           P.ORDER_VIEW, P.RECEIVABLE_VIEW, P.EXPENSE_APPLY, P.EXPENSE_REVIEW_EXPLANATION,
           # the overall plan (销售副总 职责2); collection targets come in the monthly plans it approves
           P.PLAN_PREPARE, P.PLAN_APPROVE_MONTHLY}
    ),
    Role.SALES_MANAGER: frozenset(
        _EVERY_BUSINESS_USER | _CREDIT_READERS
        # not the overall plan (销售副总 职责2 drafts it): the monthly plan, and approves product plans
        | {P.CREDIT_SET_LIMIT, P.BUDGET_PREPARE, P.EXPENSE_APPROVE,
           P.WRITEOFF_APPROVE, P.DUNNING_OVERSEE, P.ORDER_APPROVE, P.ORDER_VIEW,
           P.CUSTOMER_REVIEW, P.CUSTOMER_CONFIDENTIAL, P.CUSTOMER_EXPORT, P.CUSTOMER_IMPORT,
           P.RECEIVABLE_VIEW, P.EXPENSE_APPLY,
           P.LIABILITY_RECORD_FAULT, P.PLAN_PREPARE_MONTHLY, P.PLAN_APPROVE_PRODUCT, P.ADVANCE_REPORT_RECEIVE}
        | {P.PRICING_PROPOSE, P.PREPAYMENT_SLIP_APPROVE}
    ),
    Role.SALES_SUPERVISOR: frozenset(
        _EVERY_BUSINESS_USER | _CREDIT_READERS
        | {P.EXPENSE_REVIEW, P.CUSTOMER_REVIEW, P.ORDER_VIEW, P.RECEIVABLE_VIEW,
           P.DUNNING_RUN, P.CUSTOMER_CONTACT_LOG, P.EXPENSE_APPLY, P.PLAN_PREPARE_PRODUCT}
    ),
    Role.CS_MANAGER: frozenset(
        _EVERY_BUSINESS_USER | _CREDIT_READERS
        | {P.CREDIT_APPROVE_RATING, P.CUSTOMER_CONFIDENTIAL, P.CUSTOMER_EDIT, P.CUSTOMER_IMPORT,
           P.CUSTOMER_CONTACT_LOG, P.CREDIT_RECORD_TRIGGER, P.CUSTOMER_REVIEW, P.EXPENSE_APPLY}
    ),
    Role.SALES_REP: frozenset(
        _EVERY_BUSINESS_USER | _CREDIT_READERS
        | {P.CUSTOMER_CREATE, P.CUSTOMER_EDIT, P.CUSTOMER_CONTACT_LOG, P.ORDER_CREATE,
           P.ORDER_VIEW, P.RECEIVABLE_VIEW, P.DEFERRAL_REQUEST, P.EXPENSE_APPLY,
           P.RETURN_RECORD, P.ADVANCE_REPORT_FILE, P.STATEMENT_ISSUE,
           # the rep sends the thank-you letter and the dunning notice (回款管理制度 第10条 2–3)
           P.DUNNING_RUN}
    ),
    Role.CS_SPECIALIST: frozenset(
        _EVERY_BUSINESS_USER | _CREDIT_READERS
        | {P.CREDIT_INVESTIGATE, P.CUSTOMER_EDIT, P.CUSTOMER_CONTACT_LOG,
           P.CREDIT_RECORD_TRIGGER, P.EXPENSE_APPLY}
    ),
    Role.FINANCE: frozenset(
        _EVERY_BUSINESS_USER | _CREDIT_READERS
        | {P.CREDIT_REVIEW_INVESTIGATION, P.RECEIPT_RECORD, P.DUNNING_RUN, P.WRITEOFF_SUBMIT,
           P.EXPENSE_FINANCE_CHECK, P.BUDGET_CHECK, P.ORDER_VIEW,
           P.ORDER_RECORD_PREPAYMENT, P.RECEIVABLE_VIEW, P.CREDIT_AUDIT, P.DEFERRAL_CHECK,
           P.STATEMENT_ISSUE, P.STATEMENT_RESOLVE}
        | {P.PRICING_COST_CHECK}
    ),
    Role.FINANCE_DIRECTOR: frozenset(
        _EVERY_BUSINESS_USER | _CREDIT_READERS
        | {P.CREDIT_REVIEW_INVESTIGATION, P.CREDIT_OVERRIDE, P.CREDIT_AUDIT, P.BUDGET_CHECK,
           P.EXPENSE_FINANCE_CHECK, P.ORDER_VIEW, P.RECEIVABLE_VIEW, P.CUSTOMER_CONFIDENTIAL}
    ),
    # 费用 第9条: the cashier pays only after finance has signed, and signs nothing.
    Role.CASHIER: frozenset(_EVERY_BUSINESS_USER | {P.EXPENSE_PAY}),
    Role.WAREHOUSE: frozenset(_EVERY_BUSINESS_USER | {P.DISPATCH_SHIP, P.ORDER_VIEW}),
    Role.ADMIN: frozenset({P.USERS_MANAGE, P.SETTINGS_MANAGE, P.BACKUP_MANAGE, P.AUDIT_VIEW}),
}

# Policy versions (domain/admin/policy.py GROUPS names which proposer proposes which numbers).
for _role, _perms in {
    Role.GM: {P.POLICY_VIEW, P.POLICY_APPROVE},
    Role.SALES_VP: {P.POLICY_VIEW, P.POLICY_PROPOSE},
    Role.SALES_MANAGER: {P.POLICY_VIEW, P.POLICY_PROPOSE},
    Role.CS_MANAGER: {P.POLICY_VIEW, P.POLICY_PROPOSE},
    Role.SALES_SUPERVISOR: {P.POLICY_VIEW},
    Role.FINANCE: {P.POLICY_VIEW},
    Role.FINANCE_DIRECTOR: {P.POLICY_VIEW},
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _perms

# Opportunities (issue 18): who works them and who reads the pipeline.
for _role, _perms in {
    Role.SALES_REP: {P.OPPORTUNITY_VIEW, P.OPPORTUNITY_EDIT},
    Role.SALES_SUPERVISOR: {P.OPPORTUNITY_VIEW, P.OPPORTUNITY_EDIT},
    Role.SALES_MANAGER: {P.OPPORTUNITY_VIEW, P.OPPORTUNITY_EDIT},
    Role.SALES_VP: {P.OPPORTUNITY_VIEW},
    Role.GM: {P.OPPORTUNITY_VIEW},
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _perms

# Activities and the team's days (issue 18): those who meet customers record their own; who
# leads people oversees them; the sales manager divides the regions (销售部经理 职责).
for _role, _perms in {
    Role.SALES_REP: {P.ACTIVITY_RECORD},
    Role.CS_SPECIALIST: {P.ACTIVITY_RECORD},
    Role.SALES_SUPERVISOR: {P.ACTIVITY_RECORD, P.TEAM_OVERSEE},
    Role.CS_MANAGER: {P.ACTIVITY_RECORD, P.TEAM_OVERSEE},
    Role.SALES_MANAGER: {P.ACTIVITY_RECORD, P.TEAM_OVERSEE, P.TERRITORY_MANAGE},
    Role.SALES_VP: {P.TEAM_OVERSEE},
    Role.GM: {P.TEAM_OVERSEE},
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _perms

# Customer care (issue 19): who receives and handles complaints, who reads their analysis,
# who screens key accounts (客服部经理 职责5, 客户服务专员 职责3, 大客户筛选).
for _role, _perms in {
    Role.GM: {P.COMPLAINT_ANALYSE},
    Role.SALES_VP: {P.COMPLAINT_ANALYSE},
    Role.SALES_MANAGER: {P.COMPLAINT_ANALYSE, P.KEY_ACCOUNT_PROPOSE, P.KEY_ACCOUNT_APPROVE},
    Role.SALES_SUPERVISOR: {P.COMPLAINT_HANDLE, P.COMPLAINT_ANALYSE, P.KEY_ACCOUNT_PROPOSE},
    Role.CS_MANAGER: {P.COMPLAINT_HANDLE, P.COMPLAINT_ANALYSE, P.KEY_ACCOUNT_PROPOSE},
    Role.CS_SPECIALIST: {P.COMPLAINT_HANDLE},
    Role.SALES_REP: {P.COMPLAINT_HANDLE, P.KEY_ACCOUNT_PROPOSE},
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _perms

# Caring for customers: plans and market reports (domain/relationship/plans.py).
for _role, _perms in {
    Role.SALES_REP: {P.CARE_WRITE_PLAN, P.CARE_WRITE_REPORT},
    Role.CS_SPECIALIST: {P.CARE_WRITE_REPORT},
    Role.SALES_MANAGER: {P.CARE_REVIEW},
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _perms

# Performance and commission (issue 19).
for _role, _perms in {
    Role.GM: {P.PERFORMANCE_VIEW, P.PERFORMANCE_TEAM, P.PERFORMANCE_APPROVE},
    Role.SALES_VP: {P.PERFORMANCE_VIEW, P.PERFORMANCE_TEAM},
    Role.SALES_MANAGER: {P.PERFORMANCE_VIEW, P.PERFORMANCE_TEAM, P.PERFORMANCE_PROPOSE, P.PERFORMANCE_EVALUATE},
    Role.SALES_SUPERVISOR: {P.PERFORMANCE_VIEW, P.PERFORMANCE_TEAM},
    Role.SALES_REP: {P.PERFORMANCE_VIEW, P.PERFORMANCE_ACKNOWLEDGE},
    Role.FINANCE: {P.PERFORMANCE_VIEW, P.PERFORMANCE_TEAM, P.COMMISSION_RUN},
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _perms

# Distributors and rebates (issue 19).
for _role, _perms in {
    Role.SALES_MANAGER: {P.DISTRIBUTOR_MANAGE, P.DISTRIBUTOR_STOCK},
    Role.SALES_SUPERVISOR: {P.DISTRIBUTOR_STOCK},
    Role.SALES_REP: {P.DISTRIBUTOR_STOCK},
    Role.GM: {P.REBATE_APPROVE},
    Role.FINANCE: {P.REBATE_PAY},
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _perms

ADMIN_PERMISSIONS = ROLE_PERMISSIONS[Role.ADMIN]


@dataclass(frozen=True)
class Conflict:
    """Two duties one person must not hold together."""

    first: Perm
    second: Perm
    reason: str  # a msgid: translate where shown

    @property
    def key(self) -> str:
        return f"{self.first}×{self.second}"

    def describe(self) -> str:
        return _("{first} × {second}: {reason}").format(
            first=self.first, second=self.second, reason=_(self.reason))


CONFLICTS: tuple[Conflict, ...] = (
    Conflict(P.CREDIT_INVESTIGATE, P.CREDIT_SET_LIMIT,
             N_("who investigates a customer's credit must not set its limit")),
    Conflict(P.ORDER_CREATE, P.DISPATCH_SHIP,
             N_("who takes sales orders must not ship goods")),
    Conflict(P.BUDGET_PREPARE, P.BUDGET_APPROVE,
             N_("who prepares the expense budget must not approve it")),
    Conflict(P.BUDGET_PREPARE, P.BUDGET_CHECK,
             N_("finance checks the budget and must not prepare it")),
    Conflict(P.PLAN_PREPARE, P.PLAN_APPROVE,
             N_("who drafts the sales plan must not approve it")),
    Conflict(P.PLAN_PREPARE_MONTHLY, P.PLAN_APPROVE_MONTHLY,
             N_("who drafts the monthly plan must not approve it")),
    Conflict(P.PLAN_PREPARE_PRODUCT, P.PLAN_APPROVE_PRODUCT,
             N_("who drafts a product plan must not approve it")),
    Conflict(P.PRICING_SET, P.RECEIPT_RECORD,
             N_("finance must not set prices")),
    Conflict(P.PRICING_SET, P.BUDGET_CHECK,
             N_("finance must not set prices")),
    Conflict(P.PRICING_PROPOSE, P.RECEIPT_RECORD,
             N_("finance must not set prices")),
    Conflict(P.PRICING_PROPOSE, P.PRICING_COST_CHECK,
             N_("who proposes prices must not check their costs")),
    Conflict(P.PRICING_SET, P.PRICING_COST_CHECK,
             N_("finance must not set prices")),
    Conflict(P.ORDER_CREATE, P.CONTRACT_REVIEW_MAJOR,
             N_("who runs sales deals must not review major contracts")),
    Conflict(P.ORDER_CREATE, P.PRICING_SET,
             N_("who runs sales deals must not set the price ranges")),
    Conflict(P.ORDER_CREATE, P.CREDIT_OVERRIDE,
             N_("who takes orders must not override the credit check")),
    Conflict(P.ORDER_CREATE, P.BUDGET_APPROVE,
             N_("the general manager must not run sales deals")),
    Conflict(P.CUSTOMER_CREATE, P.CREDIT_INVESTIGATE,
             N_("the credit investigator must not develop new customers")),
    Conflict(P.CREDIT_INVESTIGATE, P.CREDIT_APPROVE_RATING,
             N_("who proposes a rating must not approve ratings")),
    Conflict(P.WRITEOFF_SUBMIT, P.WRITEOFF_APPROVE,
             N_("who submits a bad-debt write-off must not approve it")),
    Conflict(P.EXPENSE_APPROVE, P.EXPENSE_PAY,
             N_("who approves expenses must not pay them")),
    Conflict(P.EXPENSE_FINANCE_CHECK, P.EXPENSE_PAY,
             N_("who signs the finance check must not pay")),
    Conflict(P.RECEIPT_RECORD, P.ORDER_CREATE,
             N_("who takes orders must not record the customer's payments")),
    Conflict(P.LIABILITY_RECORD_FAULT, P.LIABILITY_EXEMPT,
             N_("who records that a debt was nobody's fault must not approve the exemption")),
    Conflict(P.POLICY_PROPOSE, P.POLICY_APPROVE,
             N_("who proposes a policy must not approve policies")),
    Conflict(P.PERFORMANCE_PROPOSE, P.PERFORMANCE_APPROVE,
             N_("who proposes the evaluation weights or a commission scheme must not approve them")),
    Conflict(P.DISTRIBUTOR_MANAGE, P.REBATE_APPROVE,
             N_("who proposes a rebate must not approve it")),
)


def permissions_of(roles: Iterable[Role | str]) -> frozenset[Perm]:
    perms: set[Perm] = set()
    for role in roles:
        perms |= ROLE_PERMISSIONS[Role(role)]
    return frozenset(perms)


def conflicts_in(roles: Iterable[Role | str]) -> list[Conflict]:
    """The incompatible duties a set of roles would give one person."""
    perms = permissions_of(roles)
    return [c for c in CONFLICTS if c.first in perms and c.second in perms]


def admin_mixed_with_business(roles: Iterable[Role | str]) -> bool:
    """The admin holds no business rights: an admin who needs them gets a second account."""
    roles = {Role(r) for r in roles}
    return Role.ADMIN in roles and len(roles) > 1


def parse_roles(values: Iterable[str]) -> list[Role]:
    out: list[Role] = []
    for v in values:
        try:
            out.append(Role(v))
        except ValueError:
            raise ValueError(
                _("Unknown role “{role}”. Roles: {roles}").format(
                    role=v, roles=", ".join(r.value for r in Role)
                )
            ) from None
    return out


@dataclass(frozen=True)
class Actor:
    """Who is acting: the logged-in user as the services see them."""

    user_id: int
    username: str
    roles: frozenset[Role]
    # The private key that signs this user's audit rows, opened by their password at
    # log-in (domain/admin/signatures.py); None when acting without one.
    signing_key: bytes | None = field(default=None, repr=False, compare=False)
    # The seat this log-in holds (models/seats.py): once the administrator ends it, the
    # service check refuses its next call. None: a program's own calls, with no seat.
    seat_id: int | None = field(default=None, compare=False)

    def with_roles(self, roles: frozenset[Role]) -> Actor:
        return replace(self, roles=roles)

    @property
    def permissions(self) -> frozenset[Perm]:
        return permissions_of(self.roles)

    def can(self, perm: Perm) -> bool:
        return perm in self.permissions

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles
