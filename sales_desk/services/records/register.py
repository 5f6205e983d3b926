"""The document register: every issued document, filtered and keyset-paged, newest first.

Who sees what: whoever audits (audit.view) sees every document; anyone else the kinds of
form they may issue, about customers they see (a rep: their own customers).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.records import FormKind, may_issue
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.i18n import _
from sales_desk.models import Customer, DocumentOutput, IssuedDocument, User
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.common.keyset import sorted_page

_NUMBER = re.compile(r"[A-Za-z]{1,4}\d{4}-\d{3,6}")  # DR2026-00012, DL2026-00011, SO2026-00029


@dataclass(frozen=True)
class RegisterFilter:
    kind: str = ""  # a FormKind value, or a prefix such as "letter."
    customer_id: int | None = None
    issued_by_id: int | None = None
    date_from: date | None = None  # issued on or after
    date_to: date | None = None  # issued on or before
    text: str = ""  # the document's number, the form's own number or words of its title


@dataclass(frozen=True)
class RegisterRow:
    id: int
    number: str
    kind: FormKind
    title: str
    reference: str
    customer_code: str
    customer_name: str
    language: str
    edition: int
    issued_on: date
    issued_by: str
    pages: int
    size: int
    outputs: int  # prints and saves so far

    @property
    def kind_label(self) -> str:
        return self.kind.label


def scoped(uow: UnitOfWork, q: Select) -> Select:
    """Restrict a query on issued documents to those the actor may see in the register
    (the window's search box uses it too)."""
    actor = current_actor(uow)
    if actor.can(Perm.AUDIT_VIEW):
        return q
    kinds = [k.value for k in FormKind if may_issue(actor, k)]
    q = q.where(IssuedDocument.kind.in_(kinds))
    if not sees_all_customers(actor.roles):
        mine = select(Customer.id).where(Customer.rep_id == actor.user_id)
        q = q.where(or_(IssuedDocument.customer_id.is_(None), IssuedDocument.customer_id.in_(mine)))
    return q


def _filtered(q: Select, f: RegisterFilter) -> Select:
    d = IssuedDocument
    if f.kind:
        q = q.where(d.kind.like(f"{f.kind}%") if f.kind.endswith(".") else d.kind == f.kind)
    if f.customer_id is not None:
        q = q.where(d.customer_id == f.customer_id)
    if f.issued_by_id is not None:
        q = q.where(d.issued_by_id == f.issued_by_id)
    if f.date_from is not None:
        q = q.where(d.issued_on >= f.date_from)
    if f.date_to is not None:
        q = q.where(d.issued_on <= f.date_to)
    words = f.text.strip()
    if _NUMBER.fullmatch(words):  # a number is looked up, not searched for: both are indexed
        q = q.where(or_(d.number == words.upper(), d.reference == words.upper()))
    elif words:
        q = q.where(d.title.ilike(f"%{words}%"))
    return q


def _query(uow: UnitOfWork, f: RegisterFilter) -> Select:
    d = IssuedDocument
    outputs = (select(func.count()).where(DocumentOutput.document_id == d.id)
               .correlate(d).scalar_subquery())
    q = (select(d.id, d.number, d.kind, d.title, d.reference, Customer.code, Customer.name, d.language,
                d.edition, d.issued_on, func.coalesce(User.full_name, User.username), d.pages, d.size,
                outputs)
         .outerjoin(Customer, Customer.id == d.customer_id)
         .join(User, User.id == d.issued_by_id))
    return _filtered(scoped(uow, q), f)


def _row(r: tuple) -> RegisterRow:
    return RegisterRow(r[0], r[1], FormKind(r[2]), r[3], r[4], r[5] or "", r[6] or "", r[7], r[8], r[9],
                       r[10] or "", r[11], r[12], r[13])


# The columns the register sorts by (a header click): each one's SQL value, and the same
# value read off a row (the keyset continuing past it), the id breaking ties.
REGISTER_SORTS: dict[str, tuple[Any, Callable[[RegisterRow], Any]]] = {
    "number": (IssuedDocument.number, lambda r: r.number),
    "issued_on": (IssuedDocument.issued_on, lambda r: r.issued_on),
    "kind": (IssuedDocument.kind, lambda r: r.kind.value),
    "title": (IssuedDocument.title, lambda r: r.title),
    "customer": (func.coalesce(Customer.code, ""), lambda r: r.customer_code),
    "language": (IssuedDocument.language, lambda r: r.language),
    "edition": (IssuedDocument.edition, lambda r: r.edition),
    "issued_by": (func.coalesce(User.full_name, User.username, ""), lambda r: r.issued_by),
    "pages": (IssuedDocument.pages, lambda r: r.pages),
}


def register_sort_key(row: RegisterRow, sort: str | None) -> Any:  # noqa: ANN401
    """The `after` that continues the register sorted by `sort` past `row`."""
    return row.id if sort is None else (REGISTER_SORTS[sort][1](row), row.id)


@service(LOGGED_IN, read_only=True)
def register_page(uow: UnitOfWork, flt: RegisterFilter = RegisterFilter(), before_id: int | None = None,
                  limit: int = 200, sort: str | None = None, descending: bool = False,
                  after: tuple[Any, int] | None = None) -> tuple[list[RegisterRow], bool]:
    """Newest first: documents with id < before_id; and whether more remain. Or sorted by the
    column `sort` names (REGISTER_SORTS) in SQL, past `after` (register_sort_key)."""
    if sort is None:
        q = _query(uow, flt).order_by(IssuedDocument.id.desc())
        if before_id is not None:
            q = q.where(IssuedDocument.id < before_id)
    elif sort in REGISTER_SORTS:
        q = sorted_page(_query(uow, flt), REGISTER_SORTS[sort][0], IssuedDocument.id, after, descending)
    else:
        raise ValidationError(_("Sort"), _("not a valid value"))
    rows = [_row(r) for r in uow.session.execute(q.limit(limit + 1))]
    return rows[:limit], len(rows) > limit


def iter_register(uow: UnitOfWork, flt: RegisterFilter, batch: int = 5000) -> Iterator[RegisterRow]:
    """Every matching document, oldest first (exports); call inside `with uow:`."""
    last = 0
    while True:
        rows = [_row(r) for r in uow.session.execute(
            _query(uow, flt).where(IssuedDocument.id > last).order_by(IssuedDocument.id).limit(batch))]
        if not rows:
            return
        yield from rows
        last = rows[-1].id


@service(LOGGED_IN)
def export_register(uow: UnitOfWork, write, flt: RegisterFilter = RegisterFilter()) -> int:  # noqa: ANN001
    """Hand the matching documents to `write` (an xlsx writer) in one read; returns its count."""
    count = write(iter_register(uow, flt))
    uow.audit("document.export_register", "document", "register", None,
              {"filter": {"kind": flt.kind, "customer_id": flt.customer_id, "issued_by_id": flt.issued_by_id,
                          "from": flt.date_from, "to": flt.date_to, "text": flt.text}, "rows": count})
    uow.commit()
    return count
