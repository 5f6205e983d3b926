"""What a customer file collects over time: key persons and contacts, documents
copied into the data folder, and the relationship log (visits, return visits [回访],
complaints [投诉] with their handling, returns and exchanges [退换货]).

Documents are part of the confidential file: the customer's rep, customer-manager
level and the credit staff open them; anyone but the rep leaves a line on the
library card [借阅卡]. A changed file on disk is refused (its SHA-256 is kept).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import DomainError, NotFound, NotPermitted, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.customers.files import InteractionKind, may_open_confidential
from sales_desk.i18n import N_, _
from sales_desk.models import CustomerContact, CustomerDocument, FileAccess, Interaction
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.stored_files import store_copy
from sales_desk.services.common.versions import ensure_current
from sales_desk.services.customers.data import ContactInput
from sales_desk.services.customers.files import contact_row
from sales_desk.services.customers.scope import business_today, touch, user_names, visible_customer

# A contact's fields as the contact form calls them: a stale edit names what moved since.
CONTACT_LABELS = {"name": N_("Name"), "position": N_("Position"), "phone": N_("Phone"), "email": N_("Email"),
                  "key_person": N_("Key person"), "note": N_("Note")}


@service(Perm.CUSTOMER_EDIT)
def add_contact(uow: UnitOfWork, customer_id: int, contact: ContactInput) -> int:
    c = visible_customer(uow, customer_id)
    row = contact_row(c.id, contact)
    uow.session.add(row)
    touch(uow, c)
    uow.session.flush()
    uow.audit("customer.contact_add", "customer", c.id, None, {"contact_id": row.id, "name": row.name})
    uow.commit()
    return row.id


@service(Perm.CUSTOMER_EDIT)
def update_contact(uow: UnitOfWork, contact_id: int, contact: ContactInput, version: int | None = None) -> None:
    """`version`: the one the form loaded (ContactRow.version); a newer one refuses the edit
    (StaleRecord, naming who changed what since) and nothing is written."""
    row = uow.session.get(CustomerContact, contact_id)
    if row is None:
        raise NotFound(_("Contact"), contact_id)
    c = visible_customer(uow, row.customer_id)
    ensure_current(uow, "customer", c.id, _("Contact"), row.name, version, row.version, CONTACT_LABELS,
                   only_labelled=True, moved_only=True, part=("contact_id", row.id))
    new = contact_row(c.id, contact)
    before = {"name": row.name, "position": row.position, "phone": row.phone, "email": row.email,
              "key_person": row.key_person, "note": row.note}
    for k in before:
        setattr(row, k, getattr(new, k))
    touch(uow, c)
    uow.audit("customer.contact_update", "customer", c.id, {"contact_id": row.id, **before},
              {"contact_id": row.id, **{k: getattr(row, k) for k in before}})
    uow.commit()


@service(Perm.CUSTOMER_EDIT)
def remove_contact(uow: UnitOfWork, contact_id: int) -> None:
    row = uow.session.get(CustomerContact, contact_id)
    if row is None:
        raise NotFound(_("Contact"), contact_id)
    c = visible_customer(uow, row.customer_id)
    uow.audit("customer.contact_remove", "customer", c.id, {"contact_id": row.id, "name": row.name}, None)
    uow.session.delete(row)
    touch(uow, c)
    uow.commit()


# -- documents -----------------------------------------------------------------------------

CREDIT_STAFF = (Perm.CREDIT_INVESTIGATE, Perm.CREDIT_REVIEW_INVESTIGATION, Perm.CREDIT_APPROVE_RATING,
                Perm.CREDIT_SET_LIMIT)


class AttachmentChanged(DomainError):
    refusal = None  # a stored file went missing, not a control

    def __init__(self, title: str):
        super().__init__(_("The stored file of “{title}” has changed or is missing since it was "
                           "attached; restore it from a backup.").format(title=title))


@service(Perm.CUSTOMER_EDIT)
def attach_document(uow: UnitOfWork, customer_id: int, source: Path, attachments_root: Path,
                    title: str = "", category: str = "") -> int:
    """Copy a file into <attachments_root>/<code>/ and record its relative path and SHA-256."""
    c = visible_customer(uow, customer_id)
    actor = current_actor(uow)
    if c.rep_id != actor.user_id and not (may_open_confidential(actor.permissions)
                                          or any(actor.can(p) for p in CREDIT_STAFF)):
        raise NotPermitted(Perm.CUSTOMER_CONFIDENTIAL, actor.username)
    source = Path(source)
    if not source.is_file():
        raise ValidationError(_("File"), _("not found: {path}").format(path=source))
    stored = store_copy(source, attachments_root, c.code)
    relative, sha, size = stored.relative_path, stored.sha256, stored.size
    target = Path(attachments_root) / relative
    try:
        doc = CustomerDocument(customer_id=c.id, title=title.strip() or source.name,
                               category=category.strip(), original_name=source.name,
                               relative_path=relative, sha256=sha, size=size,
                               uploaded_by_id=actor.user_id, uploaded_at=uow.clock())
        uow.session.add(doc)
        touch(uow, c)
        uow.session.flush()
        uow.audit("customer.attach", "customer", c.id, None,
                  {"document_id": doc.id, "title": doc.title, "path": relative, "sha256": sha,
                   "size": size})
        uow.commit()
    except BaseException:
        target.unlink(missing_ok=True)  # nothing half-attached
        raise
    return doc.id


@service(Perm.CUSTOMER_VIEW)
def open_document(uow: UnitOfWork, document_id: int, attachments_root: Path, reason: str = "") -> Path:
    """The stored file's path, after checking its SHA-256; others than the rep are logged."""
    doc = uow.session.get(CustomerDocument, document_id)
    if doc is None:
        raise NotFound(_("Document"), document_id)
    c = visible_customer(uow, doc.customer_id)
    actor = current_actor(uow)
    own = c.rep_id == actor.user_id
    if not own and not (may_open_confidential(actor.permissions) or any(actor.can(p) for p in CREDIT_STAFF)):
        raise NotPermitted(Perm.CUSTOMER_CONFIDENTIAL, actor.username)
    path = Path(attachments_root) / doc.relative_path
    if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != doc.sha256:
        raise AttachmentChanged(doc.title)
    if not own:
        why = reason.strip() or _("document: {title}").format(title=doc.title)
        uow.session.add(FileAccess(customer_id=c.id, user_id=actor.user_id, opened_at=uow.clock(),
                                   reason=why))
        uow.audit("customer.open_document", "customer", c.id, None,
                  {"document_id": doc.id, "reason": why})
        uow.commit()
    return path


# -- the relationship log ----------------------------------------------------------------


@dataclass(frozen=True)
class InteractionInput:
    kind: InteractionKind
    occurred_on: date
    subject: str
    detail: str = ""
    contact_person: str = ""
    goods: str = ""  # returns and exchanges
    amount: int | None = None  # minor units


@dataclass(frozen=True)
class InteractionRow:
    id: int
    customer_id: int
    kind: str
    occurred_on: date
    subject: str
    detail: str
    contact_person: str
    goods: str
    amount: int | None
    status: str  # open | closed
    handling: str
    handled_by: str
    handled_on: date | None
    recorded_by: str
    recorded_at: datetime


HANDLED_KINDS = (InteractionKind.COMPLAINT, InteractionKind.RETURN_EXCHANGE)


@service(Perm.CUSTOMER_CONTACT_LOG)
def log_interaction(uow: UnitOfWork, customer_id: int, entry: InteractionInput) -> int:
    """A visit or return visit is closed when logged; a complaint or return stays open until handled."""
    c = visible_customer(uow, customer_id)
    kind = InteractionKind(entry.kind)
    if not entry.subject.strip():
        raise ValidationError(_("Subject"), _("must not be empty"))
    if entry.occurred_on > business_today(uow):
        raise ValidationError(_("Date"), _("must not lie in the future"))
    if entry.amount is not None and entry.amount < 0:
        raise ValidationError(_("Amount"), _("must not be negative"))
    row = Interaction(
        customer_id=c.id, kind=kind.value, occurred_on=entry.occurred_on, subject=entry.subject.strip(),
        detail=entry.detail.strip(), contact_person=entry.contact_person.strip(),
        goods=entry.goods.strip(), amount=entry.amount,
        status="open" if kind in HANDLED_KINDS else "closed", handling="",
        recorded_by_id=current_actor(uow).user_id, recorded_at=uow.clock())
    uow.session.add(row)
    uow.session.flush()
    uow.audit(f"customer.log_{kind.value}", "customer", c.id, None,
              {"interaction_id": row.id, "on": entry.occurred_on, "subject": row.subject,
               "amount": entry.amount})
    uow.commit()
    return row.id


@service(Perm.CUSTOMER_CONTACT_LOG)
def handle_interaction(uow: UnitOfWork, interaction_id: int, handling: str, close: bool = True) -> None:
    """Record how a complaint or a return was handled [投诉处理]; closing needs the handling."""
    row = uow.session.get(Interaction, interaction_id)
    if row is None:
        raise NotFound(_("Entry"), interaction_id)
    visible_customer(uow, row.customer_id)
    if InteractionKind(row.kind) not in HANDLED_KINDS:
        raise DomainError(_("Only complaints and returns are handled."))
    if not handling.strip():
        raise ValidationError(_("Handling"), _("say what was done"))
    before = {"status": row.status, "handling": row.handling}
    row.handling = handling.strip()
    row.status = "closed" if close else "open"
    row.handled_by_id, row.handled_on = current_actor(uow).user_id, business_today(uow)
    uow.audit("customer.handle_interaction", "customer", row.customer_id,
              {"interaction_id": row.id, **before},
              {"interaction_id": row.id, "status": row.status, "handling": row.handling})
    uow.commit()


@service(Perm.CUSTOMER_VIEW, read_only=True)
def list_interactions(uow: UnitOfWork, customer_id: int, kind: InteractionKind | None = None,
                      open_only: bool = False, limit: int = 500) -> list[InteractionRow]:
    """One customer's relationship log, newest first."""
    c = visible_customer(uow, customer_id)
    q = select(Interaction).where(Interaction.customer_id == c.id)
    if kind is not None:
        q = q.where(Interaction.kind == InteractionKind(kind).value)
    if open_only:
        q = q.where(Interaction.status == "open")
    rows = list(uow.session.scalars(q.order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
                                    .limit(limit)))
    names = user_names(uow, [r.recorded_by_id for r in rows] + [r.handled_by_id for r in rows])
    return [InteractionRow(r.id, r.customer_id, r.kind, r.occurred_on, r.subject, r.detail,
                           r.contact_person, r.goods, r.amount, r.status, r.handling,
                           names.get(r.handled_by_id or 0, ""), r.handled_on,
                           names.get(r.recorded_by_id, ""), r.recorded_at) for r in rows]
