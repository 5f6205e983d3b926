"""The refusals log [拒绝记录]: every attempt a control refused — who, what, on which record,
why — kept apart from the audit trail of changes (SPEC: refused attempts are recorded apart
from the changes), since the refused change itself writes nothing.

Its rows are hash-chained with the audit trail's hashing (audit_chain.hash_fields) and
signed with the refused user's key (signatures.py), so `check` finds a row edited, removed
or written in someone's name without the program. Which errors are refusals, and of which
kind, each error class says (`DomainError.refusal`, domain/common/errors.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum, StrEnum

from sales_desk.domain.admin.audit_chain import hash_fields
from sales_desk.domain.admin.signatures import KeyRing, SignedRow, Unsigned
from sales_desk.domain.common.errors import DomainError
from sales_desk.i18n import N_, _

REPEAT_DAYS = 7  # the GM's dashboard looks this far back…
REPEAT_THRESHOLD = 3  # …for people refused at least this often


class RefusalKind(StrEnum):
    NO_RIGHT = "no_right"  # the user's roles do not give the right
    OWN_APPROVAL = "own_approval"  # nobody approves their own request
    RULE = "rule"  # a rule of the policy said no (credit, state, limits…)

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self])


KIND_LABELS = {RefusalKind.NO_RIGHT: N_("No right"), RefusalKind.OWN_APPROVAL: N_("Own approval"),
               RefusalKind.RULE: N_("Refused by a rule")}


def kind_of(error: BaseException) -> RefusalKind | None:
    """The kind of refusal `error` is, or None when it is not one (see DomainError.refusal)."""
    if not isinstance(error, DomainError) or type(error).refusal is None:
        return None
    return RefusalKind(type(error).refusal)


@dataclass(frozen=True)
class RefusalRecord:
    seq: int
    at: str  # UTC, ISO 8601, as the audit trail's
    user_id: int | None
    username: str
    action: str  # the service refused, e.g. entry.create_order
    kind: str  # RefusalKind
    entity: str
    entity_id: str
    reason: str  # the message as the user read it
    detail: str | None  # canonical JSON: the error and what it carried
    prev_hash: str


def refusal_hash(rec: RefusalRecord) -> str:
    return hash_fields([rec.seq, rec.at, rec.user_id, rec.username, rec.action, rec.kind, rec.entity,
                        rec.entity_id, rec.reason, rec.detail, rec.prev_hash])


# -- which record, and what the error said ----------------------------------------------------

# Services keyed by these rather than by an id: (argument, what it names).
_KEYS = (("username", "user"), ("year", "year"), ("number", "number"))


def _id_in(arguments: Mapping[str, object]) -> tuple[str, str] | None:
    for name, value in arguments.items():
        if name.endswith("_id") and isinstance(value, int) and not isinstance(value, bool):
            return name.removesuffix("_id"), str(value)
    return None


def record_of(arguments: Mapping[str, object]) -> tuple[str, str]:
    """(entity, id) a refused call was about, from its arguments in order: the first `…_id`
    (order_id=17 → ("order", "17")), else one inside an input record (a new order's data →
    its customer), else a user name or a year; ("", "") when nothing names one."""
    found = _id_in(arguments)
    if found:
        return found
    for value in arguments.values():
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            found = _id_in({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
            if found:
                return found
    for name, entity in _KEYS:
        value = arguments.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value):
            return entity, str(value)[:64]
    return "", ""


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, str):
        return value[:200]
    if value is None or isinstance(value, bool | int):
        return value
    return dataclasses.MISSING  # not kept: objects, lists, figures as floats


def detail_of(error: BaseException) -> dict[str, object]:
    """The error's class and the plain values it carries (the right it needed, the order's
    number…), for a reader who needs more than the message."""
    out: dict[str, object] = {"error": type(error).__name__}
    for name, value in vars(error).items():
        plain = _plain(value)
        if not name.startswith("_") and plain is not dataclasses.MISSING:
            out[name] = plain
    return out


def repeat_cutoff(now: datetime, days: int = REPEAT_DAYS) -> datetime:
    """The start of the window the dashboard counts refusals in."""
    return now - timedelta(days=days)


# -- signatures ------------------------------------------------------------------------------


def unsigned_refusals(keying: Iterable[SignedRow], refusals: Iterable[SignedRow]) -> list[Unsigned]:
    """Refusal rows their user did not sign. `keying`: the audit trail's rows that give keys,
    in seq order (only those change whose key is whose)."""
    ring = KeyRing()
    for row in keying:
        ring.take(row)
    found: list[Unsigned] = []
    for row in refusals:
        # A call with no one logged in is refused and written with no one to sign it.
        problem = ring.signed_by_holder(row.user_id, row.hash, row.signature) if row.user_id is not None else ""
        if problem:
            found.append(Unsigned(row.seq, row.username, row.action, problem))
    return found
