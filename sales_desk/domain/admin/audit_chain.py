"""Hash-chaining of audit rows: tampering with any row breaks every hash after it.

Values are canonical JSON (sorted keys, no whitespace); money is hashed as a
decimal string so the hash never depends on a float's representation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

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


def _refuse_floats(value: object) -> None:
    # json writes floats itself, never asking `_default`: look for them first.
    if isinstance(value, float):
        raise TypeError("floats are not allowed in the audit trail")
    if isinstance(value, dict):
        for item in value.values():
            _refuse_floats(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _refuse_floats(item)


def canonical_json(value: object) -> str | None:
    if value is None:
        return None
    _refuse_floats(value)
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


def hash_fields(fields: Sequence[object]) -> str:
    """The SHA-256 of a row's fields, the one hashing of every chain (audit, refusals)."""
    # A JSON array, not fields joined by a separator: a separator inside one field could
    # be moved to the next unnoticed, and None and "" would hash alike.
    payload = json.dumps(list(fields), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def row_hash(rec: AuditRecord) -> str:
    return hash_fields([rec.seq, rec.at, rec.user_id, rec.username, rec.action, rec.entity, rec.entity_id,
                        rec.before, rec.after, rec.prev_hash])


def first_broken(records: Sequence[tuple[Any, str]], prev: str = GENESIS,
                 hash_of: Callable[[Any], str] = row_hash) -> int | None:
    """The seq of the first row whose link or hash does not hold, or None if all hold.
    `hash_of` hashes one chain's rows (row_hash: the audit trail's)."""
    for rec, stored_hash in records:
        if rec.prev_hash != prev or hash_of(rec) != stored_hash:
            return rec.seq
        prev = stored_hash
    return None
