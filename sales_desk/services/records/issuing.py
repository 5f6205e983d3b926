"""Issuing documents of record and giving them out again (rules: domain/common/records.py).

`issue_document` numbers a form (DR2026-00001), has the caller lay it out with that number
on every page, keeps the bytes, and writes their SHA-256 into the audit chain, all in one
transaction; a form already issued with the same data is returned instead. `output` hands
out the kept bytes for a print or a save, checked against their hash and logged: the first
output is the original, every later one a copy, stamped as such by the caller's `stamp`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, select, text
from sqlalchemy.exc import IntegrityError

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import DomainError, NotFound, NotPermitted
from sales_desk.domain.common.records import (
    NUMBER_PREFIX,
    FormKind,
    FormRequest,
    IssueMark,
    copy_mark,
    may_issue,
)
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _, translator
from sales_desk.models import Customer, DocumentContent, DocumentOutput, IssuedDocument
from sales_desk.services.admin.policy import policy_in_force, version_label
from sales_desk.services.common.base import (
    LOGGED_IN,
    business_today,
    current_actor,
    service,
    user_names,
)
from sales_desk.services.common.documents import next_number, next_numbers

# Lays the form out with the issue mark's text on every page: -> (bytes, pages).
Render = Callable[[str], tuple[bytes, int]]
# Lays out many forms at once, each with its issue mark's text: -> [(bytes, pages)] in order.
RenderMany = Callable[[list[tuple[FormRequest, str]]], list[tuple[bytes, int]]]
# Stamps the copy mark on kept bytes for a reprint: (bytes, mark's text) -> bytes.
Stamp = Callable[[bytes, str], bytes]

_PG_ISSUE_LOCK = 0x15D0C  # first key of the advisory lock: one issuer per form and subject


@dataclass(frozen=True)
class IssuedRef:
    id: int
    number: str
    kind: FormKind
    title: str
    reference: str
    language: str
    edition: int
    issued_on: date
    issued_by: str
    sha256: str
    size: int
    pages: int
    media_type: str
    earlier: bool = False  # issued before this request (same data): a print of it is a copy


@dataclass(frozen=True)
class Output:
    document: IssuedRef
    content: bytes  # what to print or save: the kept bytes, stamped as a copy if `copy`
    copy: bool


class DocumentChanged(DomainError):
    """The kept bytes no longer match the hash written when the document was issued."""

    def __init__(self, number: str):
        self.number = number
        super().__init__(_("Document {number} no longer matches what was issued: it was changed or lost "
                           "after issuing. Nothing was printed; run “sales-desk check” and tell the "
                           "administrator.").format(number=number))


def _ref(uow: UnitOfWork, d: IssuedDocument, earlier: bool = False, names: dict[int, str] | None = None) -> IssuedRef:
    by = (names if names is not None else user_names(uow, [d.issued_by_id])).get(d.issued_by_id, "")
    return IssuedRef(d.id, d.number, FormKind(d.kind), d.title, d.reference, d.language, d.edition,
                     d.issued_on, by, d.sha256, d.size, d.pages, d.media_type, earlier)


def _require_issue_right(uow: UnitOfWork, kind: FormKind) -> None:
    actor = current_actor(uow)
    if not may_issue(actor, kind):
        raise NotPermitted(" | ".join(str(p) for p in kind.rights), actor.username)


def _latest(uow: UnitOfWork, req: FormRequest) -> IssuedDocument | None:
    return uow.session.scalars(
        select(IssuedDocument).where(IssuedDocument.kind == req.kind.value, IssuedDocument.subject == req.subject,
                                     IssuedDocument.language == req.language)
        .order_by(IssuedDocument.edition.desc()).limit(1)).first()


@service(LOGGED_IN)
def issued_for(uow: UnitOfWork, req: FormRequest) -> IssuedRef | None:
    """The document already issued for this form, subject and language with the same data."""
    _require_issue_right(uow, req.kind)
    d = _latest(uow, req)
    return _ref(uow, d, earlier=True) if d is not None and d.fingerprint == req.fingerprint else None


def _lock_subject(uow: UnitOfWork, req: FormRequest) -> None:
    if uow.session.get_bind().dialect.name == "postgresql":
        uow.session.execute(text("SELECT pg_advisory_xact_lock(:ns, hashtext(:key))"),
                            {"ns": _PG_ISSUE_LOCK, "key": f"{req.kind}|{req.subject}|{req.language}"})


@service(LOGGED_IN)
def issue_document(uow: UnitOfWork, req: FormRequest, render: Render) -> IssuedRef:
    """Issue the form `render` lays out (from the data `req.fingerprint` digests) as a
    document of record; the one already issued with the same data if there is one."""
    _require_issue_right(uow, req.kind)
    _lock_subject(uow, req)
    today = business_today(uow)
    number = next_number(uow, NUMBER_PREFIX, today)  # takes SQLite's write lock too
    latest = _latest(uow, req)
    if latest is not None and latest.fingerprint == req.fingerprint:
        ref = _ref(uow, latest, earlier=True)
        uow.rollback()  # give the number back: the register has no gaps
        return ref
    try:
        doc = _keep(uow, req, render, number, latest.edition + 1 if latest is not None else 1)
    except IntegrityError:  # another seat issued this edition first (PostgreSQL without the lock)
        uow.rollback()
        winner = _latest(uow, req)
        if winner is None:
            raise
        return _ref(uow, winner, earlier=True)
    uow.commit()
    return _ref(uow, doc)


def issue_in(uow: UnitOfWork, req: FormRequest, render: Render) -> IssuedRef:
    """A new document of record inside another unit of work's transaction, which holds the
    write lock (the demo firm, whose forms are issued once: no earlier edition to reuse)."""
    _require_issue_right(uow, req.kind)
    today = business_today(uow)
    latest = _latest(uow, req)
    doc = _keep(uow, req, render, next_number(uow, NUMBER_PREFIX, today),
                latest.edition + 1 if latest is not None else 1)
    return _ref(uow, doc)


def _keep(uow: UnitOfWork, req: FormRequest, render: Render, number: str, edition: int) -> IssuedDocument:
    """Lay the form out under its mark, keep its bytes and hash, and audit the issue."""
    actor = current_actor(uow)
    today = business_today(uow)
    customer = (uow.session.scalars(select(Customer).where(Customer.code == req.customer_code)).first()
                if req.customer_code else None)
    name = user_names(uow, [actor.user_id]).get(actor.user_id, actor.username)
    mark = IssueMark(number, today, name, edition)
    content, pages = render(mark.line(translator(req.language)))
    digest = hashlib.sha256(content).hexdigest()
    doc = IssuedDocument(number=number, kind=req.kind.value, subject=req.subject, edition=edition,
                         language=req.language, reference=req.reference, title=req.title[:200],
                         customer_id=customer.id if customer else None, fingerprint=req.fingerprint, issued_on=today,
                         issued_at=uow.clock(), issued_by_id=actor.user_id, media_type=req.media_type,
                         size=len(content), pages=pages, sha256=digest,
                         policy_version=policy_in_force(uow, today).number or None)
    uow.session.add(doc)
    uow.session.flush()
    uow.session.add(DocumentContent(document_id=doc.id, content=content))
    uow.audit("document.issue", "document", doc.id, None,
              {"number": number, "kind": req.kind.value, "title": doc.title, "reference": req.reference,
               "customer": customer.code if customer else None, "language": req.language, "edition": edition,
               "sha256": digest, "size": len(content), "pages": pages})
    return doc


@service(LOGGED_IN)
def issue_documents(uow: UnitOfWork, reqs: list[FormRequest], render: RenderMany) -> list[IssuedRef]:
    """Issue a batch (a day's letters) in one transaction: numbered in one step, laid out by
    one `render` call for the forms whose data is new, kept and audited together. What
    `issue_document` gives for each request, in order; all or none of the new ones."""
    for kind in {r.kind for r in reqs}:
        _require_issue_right(uow, kind)
    key = lambda r: (r.kind.value, r.subject, r.language)  # noqa: E731
    unique = list({key(r): r for r in reqs}.values())
    for r in sorted(unique, key=key):  # always the same order: two batches never deadlock
        _lock_subject(uow, r)
    latest: dict[tuple[str, str, str], IssuedDocument] = {}
    for d in uow.session.scalars(select(IssuedDocument).where(
            IssuedDocument.kind.in_({r.kind.value for r in unique}),
            IssuedDocument.subject.in_({r.subject for r in unique})).order_by(IssuedDocument.edition)):
        latest[(d.kind, d.subject, d.language)] = d
    new = [r for r in unique if key(r) not in latest or latest[key(r)].fingerprint != r.fingerprint]
    actor = current_actor(uow)
    names = user_names(uow, {d.issued_by_id for d in latest.values()} | {actor.user_id})
    refs = {k: _ref(uow, d, True, names) for k, d in latest.items()}
    if new:
        today = business_today(uow)
        name = names.get(actor.user_id, actor.username)
        codes = {r.customer_code for r in new if r.customer_code}
        customers = dict(uow.session.execute(
            select(Customer.code, Customer.id).where(Customer.code.in_(codes))).all()) if codes else {}
        marks = [IssueMark(number, today, name, latest[key(r)].edition + 1 if key(r) in latest else 1)
                 for r, number in zip(new, next_numbers(uow, NUMBER_PREFIX, today, len(new)), strict=True)]
        laid_out = render([(r, m.line(translator(r.language))) for r, m in zip(new, marks, strict=True)])
        policy_version = policy_in_force(uow, today).number or None
        docs = []
        for r, m, (content, pages) in zip(new, marks, laid_out, strict=True):
            docs.append(IssuedDocument(
                number=m.number, kind=r.kind.value, subject=r.subject, edition=m.edition, language=r.language,
                reference=r.reference, title=r.title[:200], customer_id=customers.get(r.customer_code),
                fingerprint=r.fingerprint, issued_on=today, issued_at=uow.clock(), issued_by_id=actor.user_id,
                media_type=r.media_type, size=len(content), pages=pages, sha256=hashlib.sha256(content).hexdigest(),
                policy_version=policy_version))
        uow.session.add_all(docs)
        uow.session.flush()
        uow.session.add_all([DocumentContent(document_id=d.id, content=content)
                             for d, (content, _pages) in zip(docs, laid_out, strict=True)])
        uow.audit_many(("document.issue", "document", d.id, None,
                        {"number": d.number, "kind": d.kind, "title": d.title, "reference": d.reference,
                         "customer": r.customer_code if d.customer_id else None, "language": d.language,
                         "edition": d.edition, "sha256": d.sha256, "size": d.size, "pages": d.pages})
                       for d, r in zip(docs, new, strict=True))
        uow.commit()
        refs.update({key(r): _ref(uow, d, names=names) for r, d in zip(new, docs, strict=True)})
    return [refs[key(r)] for r in reqs]


@service(LOGGED_IN)
def policy_footer(uow: UnitOfWork, language: str) -> str:
    """The line a form laid out today carries: the policy version its rules used."""
    return version_label(policy_in_force(uow, business_today(uow)), translator(language))


def _visible_document(uow: UnitOfWork, document_id: int) -> IssuedDocument:
    """The document if the actor may give it out: its issuers, or whoever audits."""
    actor = current_actor(uow)
    d = uow.session.get(IssuedDocument, document_id)
    if d is None:
        raise NotFound(_("Document"), document_id)
    if not (actor.can(Perm.AUDIT_VIEW) or may_issue(actor, FormKind(d.kind))):
        raise NotPermitted(" | ".join(str(p) for p in FormKind(d.kind).rights), actor.username)
    return d


def kept_bytes(uow: UnitOfWork, d: IssuedDocument) -> bytes:
    content = uow.session.scalar(select(DocumentContent.content).where(DocumentContent.document_id == d.id))
    if content is None or hashlib.sha256(content).hexdigest() != d.sha256:
        raise DocumentChanged(d.number)
    return bytes(content)


def _given_out(uow: UnitOfWork, document_id: int) -> bool:
    return bool(uow.session.scalar(select(exists().where(DocumentOutput.document_id == document_id))))


def _copy(uow: UnitOfWork, d: IssuedDocument, content: bytes, stamp: Stamp) -> bytes:
    actor = current_actor(uow)
    name = user_names(uow, [actor.user_id]).get(actor.user_id, actor.username)
    return stamp(content, copy_mark(d.number, business_today(uow), name, translator(d.language)))


@service(LOGGED_IN)
def preview(uow: UnitOfWork, document_id: int, stamp: Stamp) -> Output:
    """What a print would give now, for the screen: nothing is logged."""
    d = _visible_document(uow, document_id)
    content = kept_bytes(uow, d)
    copy = _given_out(uow, d.id)
    return Output(_ref(uow, d), _copy(uow, d, content, stamp) if copy else content, copy)


@service(LOGGED_IN)
def output(uow: UnitOfWork, document_id: int, destination: str, stamp: Stamp) -> Output:
    """The bytes to print or save, logged: the first output is the original, later ones copies."""
    d = _visible_document(uow, document_id)
    content = kept_bytes(uow, d)
    copy = _given_out(uow, d.id)
    actor = current_actor(uow)
    uow.session.add(DocumentOutput(document_id=d.id, at=uow.clock(), by_id=actor.user_id, copy=copy,
                                   destination=destination[:200]))
    uow.audit("document.output", "document", d.id, None,
              {"number": d.number, "copy": copy, "destination": destination[:200]})
    uow.commit()
    return Output(_ref(uow, d), _copy(uow, d, content, stamp) if copy else content, copy)


@service(LOGGED_IN)
def document_by_number(uow: UnitOfWork, number: str) -> IssuedRef:
    d = uow.session.scalars(select(IssuedDocument).where(IssuedDocument.number == number.strip().upper())).first()
    if d is None:
        raise NotFound(_("Document"), number)
    return _ref(uow, _visible_document(uow, d.id))


@service(LOGGED_IN)
def outputs_of(uow: UnitOfWork, document_id: int) -> int:
    _visible_document(uow, document_id)
    return uow.session.scalar(select(func.count()).where(DocumentOutput.document_id == document_id)) or 0
