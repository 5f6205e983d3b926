"""The no-lost-update check of the services (domain/common/versions.py): a save names the
version its form loaded; a newer one in the database refuses it, naming who changed what
since from the audit trail, before anything is written."""

from __future__ import annotations

import json
from collections.abc import Mapping
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


def ensure_current(uow: UnitOfWork, entity: str, entity_id: int, what: str, record: str,
                   loaded: int | None, current: int, labels: Mapping[str, str] = {},
                   only_labelled: bool = False) -> None:
    """Refuse (StaleRecord) a save over a newer version than `loaded`; None checks nothing.
    `labels` names the audit rows' keys for the reader; `only_labelled` leaves the others out."""
    if loaded is None or loaded == current:
        return
    rows = uow.session.execute(
        select(AuditEntry.user_id, AuditEntry.username, AuditEntry.at, AuditEntry.after)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.seq.desc()).limit(max(1, min(current - loaded, _SHOWN)))).all()
    names = user_names(uow, [r.user_id for r in rows])
    changes = [ChangeSince(names.get(r.user_id or 0) or r.username, datetime.fromisoformat(r.at),
                           tuple(_(labels[k]) if k in labels else k for k in _fields(r.after)
                                 if k in labels or not only_labelled))
               for r in reversed(rows)]
    check_version(what, record, loaded, current, changes)


def _fields(after: str | None) -> list[str]:
    try:
        value = json.loads(after or "{}")
    except ValueError:
        return []
    return sorted(value) if isinstance(value, dict) else []
