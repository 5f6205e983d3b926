"""The no-lost-update check of the services (domain/common/versions.py): a save names the
version its form loaded; a newer one in the database refuses it, naming who changed what
since from the audit trail, before anything is written."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from datetime import datetime

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.versions import ChangeSince, check_version
from sales_desk.i18n import N_, _
from sales_desk.models import AuditEntry
from sales_desk.services.common.base import user_names

# A budget's or plan's prepare row names totals and counts, not fields: these say what changed.
PREPARED_FIELDS = {"total": N_("Total"), "lines": N_("Figures"), "targets": N_("Targets"), "note": N_("Note")}
_SHOWN = 5  # the newest changes named; a record edited twenty times since needs a reload anyway
_SCANNED = 50  # rows of a parent record read to find its part's changes (`part`)


def ensure_current(uow: UnitOfWork, entity: str, entity_id: int | str, what: str, record: str,
                   loaded: int | None, current: int, labels: Mapping[str, str] = {},
                   only_labelled: bool = False, moved_only: bool = False,
                   part: tuple[str, object] | None = None, actions: Collection[str] = ()) -> None:
    """Refuse (StaleRecord) a save over a newer version than `loaded`; None checks nothing.
    `labels` names the audit rows' keys for the reader; `only_labelled` leaves the others out.
    `moved_only`: the rows hold whole snapshots; name only the keys whose value moved.
    `part`: the record's audit rows are its parent's (entity, entity_id), told apart by this
    key and value in them (a customer's contact: ("contact_id", id)). `actions`: only these
    audit rows change the record (others of the same entity leave its version alone)."""
    if loaded is None or loaded == current:
        return
    shown = max(1, min(current - loaded, _SHOWN))
    q = (select(AuditEntry.user_id, AuditEntry.username, AuditEntry.at, AuditEntry.before, AuditEntry.after)
         .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id)))
    if actions:
        q = q.where(AuditEntry.action.in_(actions))
    rows = uow.session.execute(q.order_by(AuditEntry.seq.desc()).limit(_SCANNED if part else shown)).all()
    if part is not None:
        key, value = part
        rows = [r for r in rows if _load(r.after).get(key, _load(r.before).get(key)) == value][:shown]
    names = user_names(uow, [r.user_id for r in rows])
    changes = [ChangeSince(names.get(r.user_id or 0) or r.username, datetime.fromisoformat(r.at),
                           tuple(_(labels[k]) if k in labels else k
                                 for k in _fields(r.before, r.after, moved_only)
                                 if (k in labels or not only_labelled) and k != (part or ("",))[0]))
               for r in reversed(rows)]
    check_version(what, record, loaded, current, changes)


def _load(text: str | None) -> dict[str, object]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _fields(before: str | None, after: str | None, moved_only: bool) -> list[str]:
    old, new = _load(before), _load(after)
    if not moved_only:
        return sorted(new)
    return sorted(k for k in new.keys() | old.keys() if old.get(k) != new.get(k))
