"""The fields an audit row's before/after holds, by their names in the reader's language,
and their values as a person reads them: money as money, enums by their labels, people
and customers by name. Pure; `check` (services/admin/integrity.py) shows its differences
with the same names and values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from sales_desk.domain.activities.attendance import StatusKind
from sales_desk.domain.activities.rules import ActivityKind, ActivityStatus
from sales_desk.domain.admin.policy import PolicyGroup, ProposalStatus
from sales_desk.domain.admin.settings import SPEC_BY_KEY
from sales_desk.domain.collections.deferral import DeferralStatus
from sales_desk.domain.collections.dunning import Evidence, LawsuitOutcome, SendMethod, Step
from sales_desk.domain.collections.receivables import PaymentMethod as ReceiptMethod
from sales_desk.domain.collections.statements import StatementStatus
from sales_desk.domain.common.money import format_money, to_minor
from sales_desk.domain.common.roles import Role
from sales_desk.domain.credit.checklist import InvestigationStatus, Occasion
from sales_desk.domain.credit.limits import LimitMethod
from sales_desk.domain.credit.rating import DowngradeTrigger, Grade, PaymentMode
from sales_desk.domain.customers.field_labels import FIELD_LABELS as CUSTOMER_FIELDS
from sales_desk.domain.expenses.budget import BudgetStatus
from sales_desk.domain.expenses.claims import Category, ClaimStatus, StepKind, TravelStatus
from sales_desk.domain.expenses.claims import PaymentMethod as ExpenseMethod
from sales_desk.domain.orders.contracts import BlockReason, OrderStatus
from sales_desk.domain.planning.plans import PlanStatus
from sales_desk.i18n import N_, _, current_language, join_list

EMPTY = "—"
MAX_ITEMS = 10  # of a list or mapping shown in one cell
DIGEST_CHARS = 16  # of a hash or key: enough to tell two apart


@dataclass(frozen=True)
class Names:
    """What the service resolved for one page of rows: internal ids to what people call them."""

    users: Mapping[int, str] = field(default_factory=dict)  # user id → full name
    entities: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (entity, id) → SO2026-00029
    customer_codes: Mapping[str, str] = field(default_factory=dict)  # C0021 → "C0021 name"


NO_NAMES = Names()


FIELD_NAMES: dict[str, str] = {
    **CUSTOMER_FIELDS,
    # statements of account (issue 20)
    "period_from": N_("Period from"), "period_to": N_("Period to"), "replied_on": N_("Customer replied on"),
    "reasons": N_("Reasons"), "superseded": N_("Superseded"), "count": N_("Count"),
    "active": N_("Active"), "allocations": N_("Allocations"), "amount": N_("Amount"),
    "applied": N_("Applied"), "applied_now": N_("Applied"), "approval": N_("Approval"),
    "approved": N_("Approved"), "approver": N_("Approver"), "as_of": N_("As of"),
    "available": N_("Available"), "block_reason": N_("Block reason"), "blocked_by": N_("Blocked because"),
    "by": N_("By"), "carrier": N_("Carrier"), "case_no": N_("Case no."), "category": N_("Category"),
    "charges": N_("Charges"), "claim": N_("Claim"), "comment": N_("Comment"), "conflicts": N_("Conflicts"),
    "contact_id": N_("Contact"), "contacts": N_("Contacts"), "copy": N_("Copy"), "court": N_("Court"),
    "credit_grade": N_("Credit grade"), "credit_hold": N_("Credit hold"), "credit_limit": N_("Credit limit"),
    "credit_note": N_("Credit note"), "credit_score": N_("Credit score"), "current_step": N_("Current step"),
    "customer": N_("Customer"), "customer_id": N_("Customer"), "cycle": N_("Cycle"), "deadline": N_("Deadline"),
    "decision": N_("Decision"), "department": N_("Department"), "destination": N_("Destination"),
    "documents": N_("Documents"), "due_date": N_("Due date"), "edition": N_("Edition"),
    "end_on": N_("End"), "estimated_amount": N_("Estimated amount"), "event": N_("Event"),
    "excess": N_("Excess"), "exposure": N_("Exposure"), "file": N_("File"), "filed_on": N_("Filed on"),
    "freight": N_("Freight"), "full_name": N_("Full name"), "grade": N_("Credit grade"),
    "handling": N_("Handling"), "insurance": N_("Insurance"), "invoice": N_("Invoice"), "item": N_("Item"),
    "kind": N_("Kind"), "letter_ref": N_("Letter"), "lines": N_("Lines"), "method": N_("Method"),
    "month": N_("Month"), "monthly_allowance": N_("Monthly allowance"), "new_due_date": N_("New due date"),
    "note": N_("Note"), "number": N_("Number"), "occasion": N_("Occasion"), "on": N_("Date"),
    "order": N_("Order"), "outcome": N_("Outcome"), "overdue": N_("Overdue"), "pages": N_("Pages"),
    "paid_on": N_("Paid on"), "payment_mode": N_("Payment mode"), "payment_term_days": N_("Payment term"),
    "prepayment_applied": N_("Prepayment applied"), "prepayment_received": N_("Prepayment received"),
    "proposed_limit": N_("Proposed limit"), "proposed_term_days": N_("Proposed term"),
    "public_key": N_("Signing key"), "purpose": N_("Purpose"), "reason": N_("Reason"),
    "received": N_("Received"), "received_by": N_("Received by"), "received_on": N_("Received on"),
    "reference": N_("Reference"), "rep_id": N_("Sales rep"), "report": N_("Report"),
    "rerating_due_on": N_("Re-rating due"), "return": N_("Return"), "returned_on": N_("Returned on"),
    "revision": N_("Revision"), "roles": N_("Roles"), "round": N_("Round"), "rows": N_("Rows"),
    "score": N_("Score"), "sent_via": N_("Sent via"), "sha256": N_("SHA-256"), "shipment": N_("Dispatch note"),
    "shipped_value": N_("Shipped"), "signed_on": N_("Signed on"), "size": N_("Size"),
    "sod_justification": N_("Justification"), "spent_on": N_("Spent on"), "start_on": N_("Start"),
    "status": N_("Status"), "step": N_("Step"), "subject": N_("Subject"), "title": N_("Title"),
    "total": N_("Total"), "tracking_no": N_("Tracking no."), "trigger": N_("Trigger"),
    "unshipped": N_("Unshipped"), "username": N_("Username"), "value": N_("Value"), "year": N_("Year"),
    "list_price": N_("List price"), "floor_price": N_("Floor price"), "ceiling_price": N_("Ceiling price"),
    "folder": N_("Folder"), "previous_data_kept_as": N_("Previous data kept as"), "seed": N_("Seed"),
    "unit": N_("Unit"), "spec": N_("Spec"), "language": N_("Language"), "review_status": N_("Review status"),
}

MONEY = frozenset({
    "amount", "total", "value", "claim", "excess", "exposure", "available", "shipped_value", "freight",
    "insurance", "prepayment_received", "prepayment_applied", "applied_now", "required", "unshipped",
    "credit_limit", "proposed_limit", "overdue", "written_off", "applied", "charges", "refunds",
    "registered_capital", "total_assets", "annual_sales", "major_threshold", "list_price", "floor_price",
    "ceiling_price", "estimated_amount", "monthly_allowance", "total_rep", "total_product", "total_region",
})
USERS = frozenset({"rep_id", "user_id", "claimant_id", "approver_id", "supervisor_id"})
DIGESTS = frozenset({"public_key", "sha256", "fingerprint"})
NOT_MONEY = frozenset({("setting.change", "value")})  # a setting is money only by its kind

_ENUM_BY_FIELD: dict[str, type[StrEnum]] = {
    "credit_grade": Grade, "grade": Grade, "payment_mode": PaymentMode, "trigger": DowngradeTrigger,
    "occasion": Occasion, "outcome": LawsuitOutcome, "sent_via": SendMethod, "category": Category,
    "block_reason": BlockReason, "blocked_by": BlockReason, "current_step": StepKind, "roles": Role,
    "approver": StepKind,
}
_STATUS_BY_ENTITY: dict[str, type[StrEnum]] = {
    "order": OrderStatus, "expense_claim": ClaimStatus, "sales_plan": PlanStatus,
    "expense_budget": BudgetStatus, "travel_application": TravelStatus, "deferral": DeferralStatus,
    "customer": InvestigationStatus, "statement": StatementStatus, "policy": ProposalStatus,
    "activity": ActivityStatus,
}
_ENUM_BY_ACTION: dict[tuple[str, str], type[StrEnum]] = {  # (action or "prefix.", field)
    ("order.block", "reason"): BlockReason, ("dunning.step", "step"): Step, ("expense.", "step"): StepKind,
    ("credit.set_limit", "method"): LimitMethod, ("receipt.", "method"): ReceiptMethod,
    ("order.prepayment", "method"): ReceiptMethod, ("expense.pay", "method"): ExpenseMethod,
    ("lawsuit.evidence", "item"): Evidence, ("policy.", "group"): PolicyGroup,
    ("activity.", "kind"): ActivityKind, ("team.status", "kind"): StatusKind,
}
_WORDS: dict[tuple[str, str, str], str] = {  # (action, field, value) → msgid
    ("auth.login_failed", "reason", "password"): N_("wrong password"),
    ("auth.login_failed", "reason", "inactive"): N_("account disabled"),
    ("document.output", "destination", "file"): N_("a file"),
}


def field_name(key: str) -> str:
    """A payload key in the reader's language; an unknown one as written, readable."""
    return _(FIELD_NAMES[key]) if key in FIELD_NAMES else key.replace("_", " ")


def _enum(action: str, entity: str, key: str) -> type[StrEnum] | None:
    for (where, name), enum in _ENUM_BY_ACTION.items():
        if name == key and (action == where or (where.endswith(".") and action.startswith(where))):
            return enum
    if key == "status":
        return _STATUS_BY_ENTITY.get(entity)
    return _ENUM_BY_FIELD.get(key)


def _label(enum: type[StrEnum], value: object) -> str:
    try:
        member = enum(value)
    except ValueError:
        return str(value)
    label = getattr(member, "label", None)
    return label if isinstance(label, str) else str(value)


def _money(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return format_money(value, current_language())
    if isinstance(value, str):
        try:
            return format_money(to_minor(Decimal(value)), current_language())
        except (InvalidOperation, ValueError):
            return None
    return None


def format_value(key: str, value: object, names: Names = NO_NAMES, action: str = "", entity: str = "",
                 setting: str = "") -> str:
    """One value as a person reads it."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    word = _WORDS.get((action, key, str(value)))
    if word:
        return _(word)
    if key in USERS and isinstance(value, int):
        return names.users.get(value, f"#{value}")
    if key == "customer_id" and isinstance(value, int):
        return names.entities.get(("customer", str(value)), f"#{value}")
    if key == "customer" and isinstance(value, str):
        return names.customer_codes.get(value, value)
    if setting and key == "value":
        spec = SPEC_BY_KEY.get(setting)
        if spec is not None and spec.kind == "money" and (shown := _money(value)):
            return shown
    elif key in MONEY and (action, key) not in NOT_MONEY and (shown := _money(value)):
        return shown
    if key == "changes" and action.startswith("policy.") and isinstance(value, dict):
        return _policy_changes(value)
    if key in DIGESTS and isinstance(value, str) and len(value) > DIGEST_CHARS:
        return value[:DIGEST_CHARS] + "…"
    enum = _enum(action, entity, key)
    if isinstance(value, list):
        items = [_label(enum, v) if enum else _plain(v) for v in value[:MAX_ITEMS]]
        return join_list(items + (["…"] if len(value) > MAX_ITEMS else [])) or EMPTY
    if isinstance(value, dict):
        pairs = [f"{k}: {_plain(v)}" for k, v in list(value.items())[:MAX_ITEMS]]
        return "; ".join(pairs + (["…"] if len(value) > MAX_ITEMS else [])) or EMPTY
    return _label(enum, value) if enum else str(value)


def _policy_changes(changes: dict[str, object]) -> str:
    """A policy proposal's numbers by their labels: "Grade C: largest credit limit: 40,000.00"."""
    parts = []
    for key, value in list(changes.items())[:MAX_ITEMS]:
        spec = SPEC_BY_KEY.get(key)
        shown = _money(value) if spec is not None and spec.kind == "money" else None
        if spec is not None and spec.kind == "allowance_map" and isinstance(value, dict):
            shown = ", ".join(f"{k}: {_money(v) or v}" for k, v in value.items())
        parts.append(f"{spec.text() if spec else key}: {shown or _plain(value)}")
    return "; ".join(parts + (["…"] if len(changes) > MAX_ITEMS else [])) or EMPTY


def _plain(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}"
    return EMPTY if value is None else str(value)

