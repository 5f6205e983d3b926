"""Leads [线索]: prospects gathered before a customer file exists, and their conversion into
the file (services/customers/files.py opens it, with its rules: code, keys, review, audit).
The lead's open opportunities move to the new customer with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.customers.files import check_classification
from sales_desk.i18n import _
from sales_desk.models import Customer, Lead, Opportunity
from sales_desk.services.common.base import current_actor, service, user_names
from sales_desk.services.common.documents import business_date, next_number
from sales_desk.services.customers.data import ContactInput, CustomerInput
from sales_desk.services.customers.files import open_file
from sales_desk.services.opportunities.scope import scoped_leads, visible_lead

LEAD_PREFIX = "LD"


@dataclass(frozen=True)
class LeadInput:
    name: str
    contact_name: str = ""
    contact_position: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    region: str = ""
    industry: str = ""
    source: str = ""
    language: str = ""
    note: str = ""
    first_contact_on: date | None = None


@dataclass(frozen=True)
class LeadRow:
    id: int
    number: str
    name: str
    contact_name: str
    phone: str
    region: str
    industry: str
    source: str
    status: str
    owner: str
    first_contact_on: date
    customer_id: int | None
    customer: str = ""  # the file it became: its code and name
    contact_position: str = ""
    language: str = ""


class LeadConverted(DomainError):
    def __init__(self, number: str):
        super().__init__(_("Lead {number} has already been converted into a customer file.").format(number=number))


class LeadDropped(DomainError):
    def __init__(self, number: str):
        super().__init__(_("Lead {number} has been dropped: it is no longer worked. Record a new lead if the "
                           "firm comes back.").format(number=number))


def open_lead(uow: UnitOfWork, lead_id: int) -> Lead:
    """A lead still worked: one converted or dropped is neither changed nor dropped again."""
    lead = visible_lead(uow, lead_id)
    if lead.status == "converted":
        raise LeadConverted(lead.number)
    if lead.status == "dropped":
        raise LeadDropped(lead.number)
    return lead


def _apply(lead: Lead, data: LeadInput) -> None:
    """The lead's fields; its region, industry and letter language from the customer file's
    lists, so the file opens from them at conversion (which would refuse another value)."""
    if not data.name.strip():
        raise ValidationError(_("Name"), _("must not be empty"))
    for f in ("region", "industry", "language"):
        check_classification(f, getattr(data, f))
    for f in ("name", "contact_name", "contact_position", "phone", "email", "address", "region", "industry",
              "source", "language", "note"):
        setattr(lead, f, str(getattr(data, f) or "").strip())


def add_lead(uow: UnitOfWork, data: LeadInput) -> Lead:
    """create_lead's step in the caller's transaction."""
    actor = current_actor(uow)
    on = business_date(uow, data.first_contact_on, _("First contact"))
    lead = Lead(number=next_number(uow, LEAD_PREFIX, on), owner_id=actor.user_id, created_by_id=actor.user_id,
                first_contact_on=on, status="open", created_at=uow.clock(), updated_at=uow.clock())
    _apply(lead, data)
    uow.session.add(lead)
    uow.session.flush()
    uow.audit("lead.create", "lead", lead.id, None, {"number": lead.number, "name": lead.name,
                                                     "source": lead.source})
    return lead


@service(Perm.OPPORTUNITY_EDIT)
def create_lead(uow: UnitOfWork, data: LeadInput) -> int:
    lead = add_lead(uow, data)
    uow.commit()
    return lead.id


@service(Perm.OPPORTUNITY_VIEW, read_only=True)
def lead_input(uow: UnitOfWork, lead_id: int) -> LeadInput:
    """What the lead holds, as the form edits it (every field, the ones the form does not
    show included, so saving it back keeps them)."""
    x = visible_lead(uow, lead_id)
    return LeadInput(x.name, x.contact_name, x.contact_position, x.phone, x.email, x.address, x.region,
                     x.industry, x.source, x.language, x.note, x.first_contact_on)


@service(Perm.OPPORTUNITY_EDIT)
def update_lead(uow: UnitOfWork, lead_id: int, data: LeadInput) -> None:
    """The lead's fields and, when given, its day of first contact (never ahead of today);
    only while it is still worked."""
    lead = open_lead(uow, lead_id)
    keys = ("name", "contact_name", "contact_position", "phone", "region", "source")
    before = {k: getattr(lead, k) for k in keys} | {"first_contact_on": lead.first_contact_on.isoformat()}
    _apply(lead, data)
    if data.first_contact_on is not None:
        lead.first_contact_on = business_date(uow, data.first_contact_on, _("First contact"))
    lead.updated_at = uow.clock()
    uow.audit("lead.update", "lead", lead.id, before,
              {k: getattr(lead, k) for k in keys} | {"first_contact_on": lead.first_contact_on.isoformat()})
    uow.commit()


def convert(uow: UnitOfWork, lead_id: int, code: str = "") -> int:
    """convert_lead's step: the file opened from what was gathered, the lead's opportunities
    carried over to it."""
    lead = open_lead(uow, lead_id)
    contacts = (ContactInput(lead.contact_name, lead.contact_position, lead.phone, lead.email, key_person=True),) \
        if lead.contact_name else ()
    c = open_file(uow, CustomerInput(
        name=lead.name, code=code, address=lead.address, phone=lead.phone, region=lead.region,
        industry=lead.industry, language=lead.language, first_contact_on=lead.first_contact_on,
        rep_id=lead.owner_id if lead.owner_id != current_actor(uow).user_id else None,
        sales_history=_("Lead {number} ({source}): {note}").format(
            number=lead.number, source=lead.source or "—", note=lead.note or "—"),
        contacts=contacts))
    lead.status, lead.customer_id, lead.converted_at = "converted", c.id, uow.clock()
    moved = uow.session.execute(update(Opportunity).where(Opportunity.lead_id == lead.id)
                                .values(customer_id=c.id)).rowcount
    uow.audit("lead.convert", "lead", lead.id, {"status": "open"},
              {"status": "converted", "number": lead.number, "customer_id": c.id, "opportunities": moved})
    return c.id


@service(Perm.OPPORTUNITY_EDIT)
def convert_lead(uow: UnitOfWork, lead_id: int, code: str = "") -> int:
    """Open the customer file from the lead (needs customer.create, as any new file); the id."""
    cid = convert(uow, lead_id, code)
    uow.commit()
    return cid


@service(Perm.OPPORTUNITY_EDIT)
def drop_lead(uow: UnitOfWork, lead_id: int, reason: str) -> None:
    """No longer worked, with the reason (kept in its note and the audit trail)."""
    lead = open_lead(uow, lead_id)
    if not reason.strip():
        raise ValidationError(_("Reason"), _("say why the lead is dropped"))
    lead.status, lead.note = "dropped", (lead.note + "\n" + reason.strip()).strip()
    uow.audit("lead.drop", "lead", lead.id, {"status": "open"}, {"status": "dropped", "reason": reason.strip()})
    uow.commit()


@service(Perm.OPPORTUNITY_VIEW, read_only=True)
def list_leads(uow: UnitOfWork, status: str | None = "open", limit: int = 500) -> list[LeadRow]:
    q = scoped_leads(uow, select(Lead).order_by(Lead.id.desc()).limit(limit))
    if status:
        q = q.where(Lead.status == status)
    leads = list(uow.session.scalars(q))
    names = user_names(uow, {x.owner_id for x in leads})
    files = {c.id: f"{c.code} {c.name}" for c in uow.session.execute(
        select(Customer.id, Customer.code, Customer.name).where(
            Customer.id.in_({x.customer_id for x in leads if x.customer_id is not None})))}
    return [LeadRow(x.id, x.number, x.name, x.contact_name, x.phone, x.region, x.industry, x.source, x.status,
                    names.get(x.owner_id, ""), x.first_contact_on, x.customer_id,
                    files.get(x.customer_id or 0, ""), x.contact_position, x.language) for x in leads]
