"""What each refusal says, as a sentence in the reader's language. Pure.

Every service a control can refuse has a phrase (refusal_phrases.py), what the person
tried to do, with the record it named as `{record}` (its number or code, resolved by
services/admin/refusal_names.py); each kind of refusal has a sentence around it:
“张伟 tried to approve the expense claim #12 — refused: nobody may approve their own
request.” tests/unit/test_refusal_sentences.py imports every module that declares a
service and fails on one without a phrase, or a phrase without its translation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from sales_desk.domain.admin.audit_fields import field_name
from sales_desk.domain.admin.audit_text import ENTITY_NAMES
from sales_desk.domain.admin.refusal_phrases import PHRASES
from sales_desk.domain.admin.refusals import RefusalKind
from sales_desk.i18n import N_, _

# A service not listed (renamed since the row was written): still a phrase, with its name.
FALLBACK = N_("use “{action}” on {record}")
NOBODY = N_("Someone not logged in")  # a call refused before anyone logged in

SENTENCES: dict[str, str] = {
    RefusalKind.NO_RIGHT: N_("{who} tried to {action} — refused: their roles do not give them the right to."),
    RefusalKind.OWN_APPROVAL: N_("{who} tried to {action}, their own request — refused: nobody may approve "
                                 "their own request."),
    RefusalKind.RULE: N_("{who} tried to {action} — refused: {reason}"),
}

# The records a refused call names (record_of: its first `…_id` argument, a user name, a
# year or a number), as the reader calls them.
RECORD_KINDS: dict[str, str] = {
    "order": N_("Order"), "customer": N_("Customer"), "claim": N_("Expense claim"), "user": N_("User"),
    "investigation": N_("Credit investigation"), "shipment": N_("Dispatch note"), "year": N_("Year"),
    "receipt": N_("Receipt"), "deferral": N_("Deferral"), "writeoff": N_("Write-off"), "lawsuit": N_("Lawsuit"),
    "budget": N_("Expense budget"), "plan": N_("Sales plan"), "proposal": N_("Proposed credit rating"),
    "app": N_("Trip"), "contact": N_("Contact"), "interaction": N_("Customer matter"),
    "document": N_("Document"), "product": N_("Product"), "rep": N_("Sales rep"), "number": N_("Number"),
    "policy": N_("Policy proposal"), "receivable": N_("Invoice"), "list": N_("Price list"),
    "slip": N_("Payment slip"),
    "agreement": N_("Rebate agreement"), "rebate": N_("Rebate"),
}

# The detail's keys that are not audit fields (audit_fields.FIELD_NAMES has the rest).
DETAIL_NAMES: dict[str, str] = {
    "error": N_("Refusal"), "record": N_("Record named"), "permission": N_("Right needed"),
    "username": N_("User"), "what": N_("What"), "message": N_("Message"), "field": N_("Field"),
}
ERRORS: dict[str, str] = {  # the error classes a reader meets, by what they mean
    "NotPermitted": N_("No right"), "SelfApprovalRefused": N_("Own approval"),
}


class RefusalLike(Protocol):
    username: str
    action: str
    kind: str
    entity: str
    entity_id: str
    reason: str
    detail: str | None


def kind_label(kind: str) -> str:
    """A refusal kind in the reader's language (as written when not one of ours)."""
    return RefusalKind(kind).label if kind in RefusalKind._value2member_map_ else kind


def detail_map(detail: str | None) -> dict[str, object]:
    try:
        value = json.loads(detail or "{}")
    except ValueError:
        return {"detail": detail}
    return value if isinstance(value, dict) else {"detail": value}


def record_label(row: RefusalLike, labels: Mapping[tuple[str, str], str]) -> str:
    """The record by its number or code: resolved now, else as the log kept it when written,
    else its id; "" when the call named none."""
    if not row.entity:
        return ""
    kept = detail_map(row.detail).get("record")
    return labels.get((row.entity, row.entity_id)) or (str(kept) if kept else row.entity_id)


def record_text(row: RefusalLike, labels: Mapping[tuple[str, str], str]) -> str:
    """"Order SO2026-00029", for the record's own column."""
    if not row.entity:
        return ""
    kind = _(RECORD_KINDS[row.entity]) if row.entity in RECORD_KINDS else row.entity
    return f"{kind} {record_label(row, labels)}"


def action_phrase(action: str, record: str) -> str:
    """What the person tried to do, in the current language: "approve the order SO2026-00029"."""
    msgid = PHRASES.get(action)
    text = _(msgid).format(record=record) if msgid else _(FALLBACK).format(action=action, record=record or "—")
    return re.sub(r"\s{2,}", " ", text).strip()


def _reason(text: str) -> str:
    return " ".join(text.split())


def refusal_sentence(row: RefusalLike, who: str, record: str) -> str:
    """The refusal as one sentence in the current language; `who` the person's name."""
    msgid = SENTENCES.get(row.kind, SENTENCES[RefusalKind.RULE])
    return _(msgid).format(who=who or _(NOBODY), action=action_phrase(row.action, record),
                           reason=_reason(row.reason))


@dataclass(frozen=True)
class DetailItem:
    field: str  # in the reader's language
    value: str


def detail_items(detail: str | None) -> list[DetailItem]:
    """The detail's values as a table: what the error was and what it carried."""
    items = []
    for key, value in detail_map(detail).items():
        name = _(DETAIL_NAMES[key]) if key in DETAIL_NAMES else field_name(key)
        if key == "error" and isinstance(value, str) and value in ERRORS:
            value = _(ERRORS[value])
        elif key == "what" and isinstance(value, str) and value in ENTITY_NAMES:
            value = _(ENTITY_NAMES[value])
        elif isinstance(value, bool):
            value = _("Yes") if value else _("No")
        items.append(DetailItem(name, "—" if value is None or value == "" else str(value)))
    return items
