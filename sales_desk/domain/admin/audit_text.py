"""An audit row as people read it: a sentence in the reader's language and a table of the
fields it changed. Pure: the service resolves ids to numbers, codes and names (Names) for
a page of rows at once, and passes them in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Protocol

from sales_desk.domain.admin.audit_fields import EMPTY, NO_NAMES, Names, field_name, format_value
from sales_desk.domain.admin.audit_sentences import (
    ENTITY_SLOTS,
    FALLBACK,
    NOBODY,
    SENTENCES,
    template_key,
)
from sales_desk.domain.admin.settings import SPEC_BY_KEY
from sales_desk.i18n import N_, _

MAX_IN_SENTENCE = 120  # characters of a reason or note quoted in a sentence

ENTITY_NAMES: dict[str, str] = {
    "order": N_("order"), "customer": N_("customer"), "user": N_("user"), "expense_claim": N_("expense claim"),
    "sales_plan": N_("sales plan"), "expense_budget": N_("expense budget"), "receipt": N_("receipt"),
    "deferral": N_("deferral"), "write_off": N_("write-off"), "lawsuit": N_("lawsuit"),
    "shipment": N_("dispatch note"), "product": N_("product"), "travel_application": N_("trip"),
    "collection_target": N_("collection target"), "document": N_("document"), "setting": N_("setting"),
    "backup": N_("backup"), "policy": N_("policy proposal"), "advance_report": N_("advance report"),
    "price_list": N_("price list"), "payment_slip": N_("payment slip"),
}


class EntryLike(Protocol):
    user_id: int | None
    username: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Change:
    field: str  # its name in the reader's language
    before: str
    after: str


def payload(text: str | None) -> dict[str, object]:
    """A before/after as a mapping ({} when empty; {"value": …} when not an object)."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"value": text}
    return value if isinstance(value, dict) else {"value": value}


def who(entry: EntryLike, names: Names) -> str:
    if entry.user_id is not None and entry.user_id in names.users:
        return names.users[entry.user_id]
    return entry.username or _(NOBODY)


def subject(entry: EntryLike, names: Names) -> str:
    """The entity by its number or code (SO2026-00029, C0021 name); else its kind and id."""
    label = names.entities.get((entry.entity, entry.entity_id))
    if label:
        return label
    if entry.entity in ("setting", "backup", "liability", "import", "receivable", "dispatch", "demo"):
        return entry.entity_id  # already a name: a setting's key, a file, a month
    kind = _(ENTITY_NAMES[entry.entity]) if entry.entity in ENTITY_NAMES else entry.entity
    return f"{kind} #{entry.entity_id}"


class _Slots(dict):
    def __missing__(self, key: str) -> str:
        return EMPTY


def _short(text: str) -> str:
    return text if len(text) <= MAX_IN_SENTENCE else text[:MAX_IN_SENTENCE - 1] + "…"


def sentence(entry: EntryLike, names: Names = NO_NAMES) -> str:
    """The row as one sentence in the current language."""
    before, after = payload(entry.before), payload(entry.after)
    setting = entry.entity_id if entry.entity == "setting" else ""
    slots = _Slots()
    for key, value in {**before, **after}.items():
        slots[key] = _short(format_value(key, value, names, entry.action, entry.entity, setting))
    what = subject(entry, names)
    if entry.entity == "setting":
        spec = SPEC_BY_KEY.get(entry.entity_id)
        what = spec.text() if spec else what
    slots.update(who=who(entry, names), what=what, action=entry.action)
    slots[ENTITY_SLOTS.get(entry.entity, entry.entity)] = what
    msgid = SENTENCES.get(template_key(entry.action, after))
    return _(msgid).format_map(slots) if msgid else _(FALLBACK).format_map(slots)


def changes(entry: EntryLike, names: Names = NO_NAMES) -> list[Change]:
    """The fields the row changed, before and after: every field whose value differs; on a
    row with only an after (a creation, a record), each field it set."""
    before, after = payload(entry.before), payload(entry.after)
    setting = entry.entity_id if entry.entity == "setting" else ""

    def shown(key: str, values: dict[str, object]) -> str:
        if key not in values:
            return ""
        return format_value(key, values[key], names, entry.action, entry.entity, setting)

    keys = list(before) + [k for k in after if k not in before]
    return [Change(field_name(k), shown(k, before), shown(k, after))
            for k in keys if k not in before or k not in after or before[k] != after[k]]


def changes_text(found: list[Change]) -> str:
    """The changes as one cell: "Credit limit: 50,000.00 → 56,000.00; Status: → Approved"."""
    parts = []
    for c in found:
        if c.before and c.after:
            parts.append(_("{field}: {before} → {after}").format(field=c.field, before=c.before, after=c.after))
        else:
            parts.append(_("{field}: {value}").format(field=c.field, value=c.after or c.before))
    # TRANSLATORS: between two changed fields in one cell
    return _("; ").join(parts)
