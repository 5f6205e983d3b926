"""Hash-chaining of audit rows: tampering with any row breaks every hash after it.

Values are canonical JSON (sorted keys, no whitespace); money is hashed as a
decimal string so the hash never depends on a float's representation.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

GENESIS = "0" * 64


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
    if isinstance(value, float):
        raise TypeError("floats are not allowed in the audit trail")
    raise TypeError(f"cannot audit a {type(value).__name__}")


def canonical_json(value: object) -> str | None:
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_default)


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    at: str  # UTC, ISO 8601
    user_id: int | None
    username: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None
    prev_hash: str


def row_hash(rec: AuditRecord) -> str:
    payload = "\x1f".join(
        [
            str(rec.seq),
            rec.at,
            "" if rec.user_id is None else str(rec.user_id),
            rec.username,
            rec.action,
            rec.entity,
            rec.entity_id,
            rec.before or "",
            rec.after or "",
            rec.prev_hash,
        ]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def first_broken(records: list[tuple[AuditRecord, str]], prev: str = GENESIS) -> int | None:
    """The seq of the first row whose link or hash does not hold, or None if all hold."""
    for rec, stored_hash in records:
        if rec.prev_hash != prev or row_hash(rec) != stored_hash:
            return rec.seq
        prev = stored_hash
    return None
