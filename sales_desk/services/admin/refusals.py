"""Reading and verifying the refusals log [拒绝记录] (domain/admin/refusals.py): for the
administrator and the general manager, who read the audit trail; and the people refused
again and again of late, for the GM's dashboard. Rows come as sentences
(domain/admin/refusal_sentences.py), the records named by their numbers and codes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC
from typing import Any, TypeVar

from sqlalchemy import Select, false, func, select, text
from sqlalchemy.orm import aliased

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.refusal_phrases import PHRASES
from sales_desk.domain.admin.refusal_sentences import (
    DetailItem,
    detail_items,
    record_label,
    record_text,
    refusal_sentence,
)
from sales_desk.domain.admin.refusals import (
    REPEAT_DAYS,
    REPEAT_THRESHOLD,
    RefusalRecord,
    refusal_hash,
    repeat_cutoff,
    unsigned_refusals,
)
from sales_desk.domain.admin.signatures import KEYING_ACTIONS, SignedRow, Unsigned
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import AuditEntry, RefusalEntry, User
from sales_desk.services.admin.audit import ChainReport, walk_chain
from sales_desk.services.admin.refusal_names import resolve
from sales_desk.services.common.base import service, user_names
from sales_desk.services.common.keyset import sorted_page


@dataclass(frozen=True)
class RefusalRow:
    seq: int
    at: str  # UTC, ISO
    user_id: int | None
    username: str
    action: str  # the service refused
    kind: str  # RefusalKind
    entity: str
    entity_id: str
    reason: str
    detail: str | None  # JSON
    # as people read it (filled for the page, the export and the dashboard)
    who: str = ""  # the person's full name, else the login
    sentence: str = ""  # "Zhang Wei tried to approve the order SO2026-00029 — refused: …"
    record: str = ""  # "Order SO2026-00029"
    items: tuple[DetailItem, ...] = ()  # the detail as a table
    page_key: Any = None  # the keyset continuing past this row in the order it was read (refusals_page's `after`)


R = TypeVar("R")


@dataclass(frozen=True)
class RefusalFilter:
    user_id: int | None = None  # the person refused
    kind: str = ""  # a RefusalKind, or "" for all
    text: str = ""  # matches what was tried (in the reader's words or the service's), the record or the reason
    # UTC instants (ISO, as stored), for a day range in the user's local time zone
    at_from: str = ""  # inclusive
    at_before: str = ""  # exclusive


@dataclass(frozen=True)
class RepeatedRefusals:
    """One person refused at least the threshold's times in the window."""

    user_id: int | None
    username: str
    name: str  # the full name, else the login
    count: int
    last_at: str  # UTC, ISO


def _filtered(q: Select, f: RefusalFilter) -> Select:
    r = RefusalEntry
    if f.user_id is not None:
        q = q.where(r.user_id == f.user_id)
    if f.kind:
        q = q.where(r.kind == f.kind)
    if f.text:
        like = f"%{f.text.strip()}%"
        q = q.where(r.action.ilike(like) | r.entity.ilike(like) | r.entity_id.ilike(like) | r.reason.ilike(like)
                    | r.detail.ilike(like) | _phrase_condition(f.text))
    if f.at_from:
        q = q.where(r.at >= f.at_from)
    if f.at_before:
        q = q.where(r.at < f.at_before)
    return q


def _phrase_condition(words: str):  # noqa: ANN202
    """Rows of the services whose phrase, in the reader's language, contains `words`."""
    wanted = words.strip().casefold()
    actions = [name for name, msgid in PHRASES.items()
               if wanted in _(msgid).replace("{record}", "").casefold() or wanted in msgid.casefold()]
    return RefusalEntry.action.in_(actions) if actions else false()


def readable(uow: UnitOfWork, rows: list[RefusalRow]) -> list[RefusalRow]:
    """The rows with their sentences: the names behind the ids resolved once for all."""
    people, labels = resolve(uow, rows)
    out = []
    for row in rows:
        who = people.get(row.user_id, row.username) if row.user_id is not None else row.username
        out.append(replace(row, who=who, sentence=refusal_sentence(row, who, record_label(row, labels)),
                           record=record_text(row, labels), items=tuple(detail_items(row.detail))))
    return out


# The columns the log sorts by (a header click), in SQL with seq as the tie-break.
REFUSAL_SORTS = ("seq", "at", "who", "kind", "action", "record", "reason")


def _sort_expression(sort: str, person: Any) -> Any:  # noqa: ANN401
    r = RefusalEntry
    return {"seq": r.seq, "at": r.at, "who": func.coalesce(person.full_name, r.username), "kind": r.kind,
            "action": r.action, "record": r.entity + ":" + r.entity_id, "reason": r.reason}[sort]


@service(Perm.AUDIT_VIEW, read_only=True)
def refusals_page(uow: UnitOfWork, flt: RefusalFilter = RefusalFilter(), before_seq: int | None = None,
                  limit: int = 200, sort: str | None = None, descending: bool = False,
                  after: tuple[Any, int] | None = None) -> tuple[list[RefusalRow], bool]:
    """Newest first, keyset-paged: rows with seq < before_seq; and whether more remain. Or
    sorted by the column `sort` names (REFUSAL_SORTS) in SQL, past `after` (a row's page_key)."""
    if sort is None:
        rows, more = _page(uow, flt, before_seq, limit)
        return [replace(r, page_key=r.seq) for r in rows], more
    if sort not in REFUSAL_SORTS:
        raise ValidationError(_("Sort"), _("not a valid value"))
    r, person = RefusalEntry, aliased(User)  # aliased: apart from any subquery on users
    value = _sort_expression(sort, person)
    q = _filtered(select(r.seq, r.at, r.user_id, r.username, r.action, r.kind, r.entity, r.entity_id, r.reason,
                         r.detail, value).outerjoin(person, person.id == r.user_id), flt)
    found = uow.session.execute(sorted_page(q, value, r.seq, after, descending).limit(limit + 1)).all()
    rows = [replace(RefusalRow(*row[:10]), page_key=(row[10], row[0])) for row in found[:limit]]
    return readable(uow, rows), len(found) > limit


def _page(uow: UnitOfWork, flt: RefusalFilter, before_seq: int | None, limit: int) -> tuple[list[RefusalRow], bool]:
    r = RefusalEntry
    q = _filtered(select(r.seq, r.at, r.user_id, r.username, r.action, r.kind, r.entity, r.entity_id, r.reason,
                         r.detail), flt).order_by(r.seq.desc()).limit(limit + 1)
    if before_seq is not None:
        q = q.where(r.seq < before_seq)
    rows = [RefusalRow(*row) for row in uow.session.execute(q)]
    return readable(uow, rows[:limit]), len(rows) > limit


def iter_refusals(uow: UnitOfWork, flt: RefusalFilter = RefusalFilter(), batch: int = 5000) -> Iterator[RefusalRow]:
    """All matching rows, oldest first, in batches (for exports); call inside `with uow:`."""
    r, last = RefusalEntry, 0
    while True:
        q = _filtered(select(r.seq, r.at, r.user_id, r.username, r.action, r.kind, r.entity, r.entity_id, r.reason,
                             r.detail), flt).where(r.seq > last).order_by(r.seq).limit(batch)
        rows = [RefusalRow(*row) for row in uow.session.execute(q)]
        if not rows:
            return
        yield from readable(uow, rows)
        last = rows[-1].seq


@service(Perm.AUDIT_VIEW, read_only=True)
def export_refusals(uow: UnitOfWork, sink: Callable[[Iterator[RefusalRow]], R],
                    flt: RefusalFilter = RefusalFilter()) -> R:
    """Stream the matching rows, oldest first, into `sink` (e.g. an xlsx writer) within one
    permission-checked read: constant memory however long the log."""
    return sink(iter_refusals(uow, flt))


@service(Perm.AUDIT_VIEW, read_only=True)
def refused_people(uow: UnitOfWork) -> list[tuple[int, str]]:
    """Everyone the log names, (user id, "Full name (login)"), for the page's filter."""
    r = RefusalEntry
    rows = uow.session.execute(select(r.user_id, r.username).where(r.user_id.is_not(None)).distinct()).all()
    names = user_names(uow, [uid for uid, _login in rows])
    shown = [(uid, login if names.get(uid, login) == login else f"{names[uid]} ({login})") for uid, login in rows]
    return sorted(shown, key=lambda p: p[1])


def recent_in(uow: UnitOfWork, since_days: int = REPEAT_DAYS, user_id: int | None = None,
              limit: int = 500) -> list[RefusalRow]:
    """The refusals of the last `since_days` days (of one person), newest first."""
    since = repeat_cutoff(uow.clock(), since_days).astimezone(UTC).isoformat(timespec="microseconds")
    return _page(uow, RefusalFilter(user_id=user_id, at_from=since), None, limit)[0]


def repeated_in(uow: UnitOfWork, since_days: int = REPEAT_DAYS, threshold: int = REPEAT_THRESHOLD,
                ) -> list[RepeatedRefusals]:
    """Who was refused at least `threshold` times in the last `since_days` days, most first."""
    since = repeat_cutoff(uow.clock(), since_days).astimezone(UTC).isoformat(timespec="microseconds")
    r = RefusalEntry
    n = func.count()
    q = (select(r.user_id, r.username, n, func.max(r.at)).where(r.at >= since)
         .group_by(r.user_id, r.username).having(n >= threshold).order_by(n.desc(), r.username))
    rows = uow.session.execute(q).all()
    names = user_names(uow, [row[0] for row in rows])
    return [RepeatedRefusals(uid, username, names.get(uid, username) if uid else username, int(count), last)
            for uid, username, count, last in rows]


@service(Perm.AUDIT_VIEW, read_only=True)
def repeated_refusals(uow: UnitOfWork, since_days: int = REPEAT_DAYS, threshold: int = REPEAT_THRESHOLD,
                      ) -> list[RepeatedRefusals]:
    return repeated_in(uow, since_days, threshold)


# -- the check ---------------------------------------------------------------------------------


def verify_refusals_in(uow: UnitOfWork) -> ChainReport:
    """The refusals log's chain, like the audit trail's (raw SQL, row by row)."""
    return walk_chain(uow, "SELECT seq, at, user_id, username, action, kind, entity, entity_id, reason, detail, "
                           "prev_hash, hash FROM refusal_log", lambda row: RefusalRecord(*row[:11]), refusal_hash)


def refusal_at(uow: UnitOfWork, seq: int) -> RefusalRow | None:
    row = uow.session.execute(text(
        "SELECT seq, at, user_id, username, action, kind, entity, entity_id, reason, detail "
        "FROM refusal_log WHERE seq = :s"), {"s": seq}).first()
    return RefusalRow(*row) if row else None


def unsigned_refusals_in(uow: UnitOfWork) -> list[Unsigned]:
    """Refusals their user did not sign: only the audit trail's keying rows are read, so this
    costs one signature check per refusal."""
    a, r = AuditEntry, RefusalEntry
    keying = uow.session.execute(
        select(a.at, a.seq, a.user_id, a.username, a.action, a.entity, a.entity_id, a.after, a.hash, a.signature)
        .where(a.action.in_(KEYING_ACTIONS)).order_by(a.seq))
    refusals = uow.session.execute(
        select(r.seq, r.user_id, r.username, r.action, r.entity, r.entity_id, r.hash, r.signature)
        .order_by(r.seq).execution_options(yield_per=5000))
    return unsigned_refusals((SignedRow(*row[1:]) for row in keying),
                             (SignedRow(s, uid, name, action, entity, eid, None, h, sig)
                              for s, uid, name, action, entity, eid, h, sig in refusals))
