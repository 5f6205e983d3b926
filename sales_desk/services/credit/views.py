"""Reads the Credit tab needs beyond the credit flow's own services.

The investigator attaches the customer's documents to checklist items
(credit_investigation.record_item takes a document id) but, below customer-manager
level, may not open the confidential file that lists them. This lists the titles only;
opening a document stays with customer_records.open_document, which logs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import CreditInvestigation, CustomerDocument
from sales_desk.services.common.base import service
from sales_desk.services.customers.scope import visible_customer


@dataclass(frozen=True)
class DocumentChoice:
    id: int
    title: str
    category: str
    original_name: str
    uploaded_at: datetime


@service(Perm.CREDIT_INVESTIGATE, read_only=True)
def investigation_documents(uow: UnitOfWork, investigation_id: int) -> list[DocumentChoice]:
    """The documents of the investigated customer, oldest first: what a checklist item may cite."""
    inv = uow.session.get(CreditInvestigation, investigation_id)
    if inv is None:
        raise NotFound(_("Investigation"), investigation_id)
    c = visible_customer(uow, inv.customer_id)
    rows = uow.session.execute(
        select(CustomerDocument.id, CustomerDocument.title, CustomerDocument.category,
               CustomerDocument.original_name, CustomerDocument.uploaded_at)
        .where(CustomerDocument.customer_id == c.id).order_by(CustomerDocument.id))
    return [DocumentChoice(*r) for r in rows]
