"""Writing the refusals log (domain/admin/refusals.py) for the service decorator (base.py).

A refusal is written after the refused transaction has rolled back, in one of its own, so
the refused change still writes nothing; and writing it never hides the refusal itself:
if it fails, the failure goes to the log file and the caller still gets the refusal.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.refusals import RefusalKind, detail_of, record_of
from sales_desk.models import (
    Customer,
    Deferral,
    Lawsuit,
    Product,
    Receipt,
    SalesOrder,
    Shipment,
    User,
    WriteOff,
)

log = logging.getLogger(__name__)

# What a reader knows a record by, for the records a refused call names by id.
_LABELS = {
    "order": SalesOrder.number, "customer": Customer.code, "shipment": Shipment.number,
    "receipt": Receipt.number, "lawsuit": Lawsuit.number, "writeoff": WriteOff.number,
    "deferral": Deferral.number, "product": Product.code, "user": User.username,
}


def _label(uow: UnitOfWork, entity: str, entity_id: str) -> str | None:
    column = _LABELS.get(entity)
    if column is None or not entity_id.isdigit():
        return None
    pk = column.class_.id  # type: ignore[attr-defined]
    return uow.session.scalar(select(column).where(pk == int(entity_id)))


def record_refusal(uow: UnitOfWork, action: str, arguments: Mapping[str, object], error: BaseException,
                   kind: RefusalKind) -> None:
    """One row for `error`, which refused `action` called with `arguments`; call after the
    refused transaction has ended. Never raises."""
    try:
        entity, entity_id = record_of(arguments)
        with uow:
            detail = detail_of(error)
            label = _label(uow, entity, entity_id)
            if label:
                detail["record"] = label
            uow.refusal(action, kind.value, entity, entity_id, str(error), detail)
            uow.commit()
    except Exception:  # the refusal is what the user must see, not this
        log.exception("could not record the refusal of %s (%s)", action, type(error).__name__)
