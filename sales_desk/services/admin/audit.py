"""Reading and verifying the audit trail."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import Row, Select, func, select, text
from sqlalchemy.orm import aliased

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.anchors import anchor_code
from sales_desk.domain.admin.audit_chain import GENESIS, AuditRecord, first_broken, row_hash
from sales_desk.domain.admin.audit_sentences import GROUPS
from sales_desk.domain.admin.audit_text import Change, changes, changes_text, sentence, subject, who
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import AuditEntry, User
from sales_desk.services.admin.audit_names import (
    customer_condition,
    document_condition,
    group_condition,
    person_condition,
    resolve,
)
from sales_desk.services.common.base import service
from sales_desk.services.common.keyset import sorted_page

R = TypeVar("R")


@dataclass(frozen=True)
class AuditRow:
    """One row as stored, and as people read it (in the language current when it was read)."""

    seq: int
    at: str
    username: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None
    user_id: int | None = None
    who: str = ""  # the person's full name
    sentence: str = ""  # "张伟 overrode the credit limit on order SO2026-00029 for 56,000.00: …"
    subject: str = ""  # the entity by its number or code: SO2026-00029, C0021 name
    changes: tuple[Change, ...] = ()
    page_key: Any = None  # the keyset continuing past this row in the order it was read (audit_page's `after`)

    @property
    def changes_text(self) -> str:
        return changes_text(list(self.changes))


@dataclass(frozen=True)
class AuditFilter:
    text: str = ""  # matches user, action, entity or id
    action_prefix: str = ""
    person: str = ""  # who acted: part of a user name or full name
    customer: str = ""  # a customer's code, or part of its name
    document: str = ""  # a number: SO2026-00029, RC…, DL…, DR…
    group: str = ""  # a kind of action: a key of domain/admin/audit_sentences.GROUPS
    date_from: str = ""  # ISO dates, inclusive
    date_to: str = ""
    # UTC instants (ISO, as stored), for a day range in the user's local time zone
    at_from: str = ""  # inclusive
    at_before: str = ""  # exclusive


@dataclass(frozen=True)
class ChainReport:
    rows_checked: int
    first_broken_seq: int | None

    @property
    def ok(self) -> bool:
        return self.first_broken_seq is None


def action_groups() -> list[tuple[str, str]]:
    """The kinds of action the filter offers: (key, label in the current language)."""
    return [(key, _(label)) for key, (label, _prefixes) in GROUPS.items()]


def _filtered(q: Select, f: AuditFilter, uow: UnitOfWork) -> Select:
    if f.text:
        like = f"%{f.text.strip()}%"
        q = q.where(
            AuditEntry.username.ilike(like)
            | AuditEntry.action.ilike(like)
            | AuditEntry.entity.ilike(like)
            | AuditEntry.entity_id.ilike(like)
        )
    if f.action_prefix:
        q = q.where(AuditEntry.action.like(f"{f.action_prefix}%"))
    if f.date_from:
        q = q.where(AuditEntry.at >= f.date_from)
    if f.date_to:
        q = q.where(AuditEntry.at < f.date_to + "T99")  # the whole of that day
    if f.at_from:
        q = q.where(AuditEntry.at >= f.at_from)
    if f.at_before:
        q = q.where(AuditEntry.at < f.at_before)
    if f.person.strip():
        q = q.where(person_condition(uow, f.person))
    if f.customer.strip():
        q = q.where(customer_condition(uow, f.customer))
    if f.document.strip():
        q = q.where(document_condition(uow, f.document))
    if f.group in GROUPS:
        q = q.where(group_condition(f.group))
    return q


def _readable(uow: UnitOfWork, entries: list[AuditEntry]) -> list[AuditRow]:
    """The rows with their sentences: the names behind the ids resolved once for all."""
    names = resolve(uow, entries)
    return [AuditRow(e.seq, e.at, e.username, e.action, e.entity, e.entity_id, e.before, e.after, e.user_id,
                     who(e, names), sentence(e, names), subject(e, names), tuple(changes(e, names)))
            for e in entries]


# The columns the trail sorts by (a header click), in SQL with seq as the tie-break.
AUDIT_SORTS = ("seq", "at", "who", "action", "document")


def _sort_expression(sort: str, person: Any) -> Any:  # noqa: ANN401
    e = AuditEntry
    return {"seq": e.seq, "at": e.at, "who": func.coalesce(person.full_name, e.username), "action": e.action,
            "document": e.entity + ":" + e.entity_id}[sort]


@service(Perm.AUDIT_VIEW, read_only=True)
def audit_page(
    uow: UnitOfWork, flt: AuditFilter = AuditFilter(), before_seq: int | None = None, limit: int = 200,
    sort: str | None = None, descending: bool = False, after: tuple[Any, int] | None = None,
) -> tuple[list[AuditRow], bool]:
    """Newest first, keyset-paged: rows with seq < before_seq; and whether more remain. Or
    sorted by the column `sort` names (AUDIT_SORTS) in SQL, past `after` (a row's page_key)."""
    if sort is None:
        q = _filtered(select(AuditEntry), flt, uow).order_by(AuditEntry.seq.desc()).limit(limit + 1)
        if before_seq is not None:
            q = q.where(AuditEntry.seq < before_seq)
        rows = list(uow.session.scalars(q))
        return [replace(r, page_key=r.seq) for r in _readable(uow, rows[:limit])], len(rows) > limit
    if sort not in AUDIT_SORTS:
        raise ValidationError(_("Sort"), _("not a valid value"))
    person = aliased(User)  # aliased: the filter's own subqueries on users stay uncorrelated
    value = _sort_expression(sort, person)
    q = _filtered(select(AuditEntry, value).outerjoin(person, person.id == AuditEntry.user_id), flt, uow)
    found = uow.session.execute(sorted_page(q, value, AuditEntry.seq, after, descending).limit(limit + 1)).all()
    page = found[:limit]
    readable = _readable(uow, [r[0] for r in page])
    return [replace(row, page_key=(r[1], r[0].seq)) for row, r in zip(readable, page, strict=True)], \
        len(found) > limit


def iter_audit(uow: UnitOfWork, flt: AuditFilter = AuditFilter(), batch: int = 5000) -> Iterator[AuditRow]:
    """All matching rows, oldest first, in batches (for exports); call inside `with uow:`."""
    last = 0
    while True:
        q = _filtered(select(AuditEntry), flt, uow).where(AuditEntry.seq > last).order_by(AuditEntry.seq).limit(batch)
        rows = list(uow.session.scalars(q))
        if not rows:
            return
        yield from _readable(uow, rows)
        last = rows[-1].seq
        uow.session.expunge_all()


@service(Perm.AUDIT_VIEW, read_only=True)
def export_audit(uow: UnitOfWork, sink: Callable[[Iterator[AuditRow]], R], flt: AuditFilter = AuditFilter()) -> R:
    """Stream the matching rows, oldest first, into `sink` (e.g. an xlsx writer) within one
    permission-checked read: constant memory however long the trail."""
    return sink(iter_audit(uow, flt))


@service(Perm.AUDIT_VIEW, read_only=True)
def export_rows(uow: UnitOfWork, flt: AuditFilter = AuditFilter()) -> list[AuditRow]:
    return list(iter_audit(uow, flt))


def verify_chain_in(uow: UnitOfWork, batch: int = 10_000) -> ChainReport:
    """Walk the whole chain (raw SQL: an ORM identity map must not mask tampering)."""
    return walk_chain(uow, "SELECT seq, at, user_id, username, action, entity, entity_id, before, after, "
                           "prev_hash, hash FROM audit_log", lambda r: AuditRecord(*r[:10]), row_hash, batch)


def walk_chain(uow: UnitOfWork, query: str, to_record: Callable[[Row], object], hash_of: Callable[[Any], str],
               batch: int = 10_000) -> ChainReport:
    """Walk a hash chain in seq order: `query` selects its rows (the stored hash last),
    `to_record` makes a row the record `hash_of` hashes. The first row missing or broken."""
    prev, last, count = GENESIS, 0, 0
    while True:
        rows = uow.session.execute(text(f"{query} WHERE seq > :last ORDER BY seq LIMIT :n"),
                                   {"last": last, "n": batch}).all()
        if not rows:
            return ChainReport(count, None)
        if rows[0].seq != last + 1:
            return ChainReport(count, last + 1)  # a row is missing
        records = [(to_record(r), r[-1]) for r in rows]
        gaps = [a.seq for a, b in zip(rows, rows[1:], strict=False) if b.seq != a.seq + 1]
        broken = first_broken(records, prev, hash_of)
        if gaps and (broken is None or gaps[0] + 1 < broken):
            return ChainReport(count, gaps[0] + 1)
        if broken is not None:
            return ChainReport(count, broken)
        count += len(rows)
        prev, last = rows[-1][-1], rows[-1].seq


@service(Perm.AUDIT_VIEW, read_only=True)
def verify_chain(uow: UnitOfWork) -> ChainReport:
    return verify_chain_in(uow)


def chain_head_code(uow: UnitOfWork) -> str:
    """The audit trail's head as printed on a form that closes a period (`1234-9f86d0…`), so
    that `sales-desk check --anchor CODE` can later hold the trail to it; "" when empty."""
    row = uow.session.execute(select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)).first()
    return anchor_code(row.seq, row.hash) if row else ""
