"""Records that carry a version (issue 17, domain/common/versions.py).

SQLAlchemy's own counter bumps the version at every flush: a service that flushes twice
moved it by two, and the count no longer said how many changes a form missed. Here the
version moves once per transaction that changes the row; every UPDATE still says
`WHERE version = <the one read>`, so two transactions racing on the row cannot both write.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

_BUMPED = "versioned_bumped"  # session.info: the rows already moved on in this transaction


class Versioned:
    """Mixin marker; the model declares `version` and
    `__mapper_args__ = {"version_id_col": version, "version_id_generator": False}`.
    `version_attr`: the column's attribute where `version` already means something else
    (a price list's number); `unversioned`: attributes whose change is no edit of the
    record (a user's password and keys), so they leave the version where it is."""

    version: Any
    version_attr: ClassVar[str] = "version"
    unversioned: ClassVar[frozenset[str]] = frozenset()


def _edited(session: Session, obj: Versioned) -> bool:
    if not obj.unversioned:
        return session.is_modified(obj)
    return any(a.key not in obj.unversioned and a.history.has_changes() for a in inspect(obj).attrs)


@event.listens_for(Session, "before_flush")
def _bump_once(session: Session, _context: object, _instances: object) -> None:
    bumped: set[int] = session.info.setdefault(_BUMPED, set())
    for obj in session.dirty:
        if isinstance(obj, Versioned) and id(obj) not in bumped and _edited(session, obj):
            setattr(obj, obj.version_attr, (getattr(obj, obj.version_attr) or 1) + 1)
            bumped.add(id(obj))


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: Any) -> None:
    if transaction.parent is None:  # the outermost: the next transaction starts afresh
        session.info.pop(_BUMPED, None)
