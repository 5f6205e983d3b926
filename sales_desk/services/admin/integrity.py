"""The integrity check (`sales-desk check`): SQLite's own checks, the audit chain's hashes
(and the refusals log's, checked the same way), and the chain against every head of it written outside the database (anchors: the data
folder's anchor file, each backup's record, a code read off a printed form).

What each finds: a changed row breaks its hash; a deleted or forged row breaks the chain
from there; cutting the tail, putting an older copy in place or rewriting the chain with
recomputed hashes leave a chain that holds, and only an anchor shows them; a trail
emptied while the database holds users is named as such. A credit limit, grade or role
changed in the tables without the program differs from the audit row that last set it
(services/admin/reconcile.py), and a row in a user's name must carry their signature
(domain/admin/signatures.py). None of this stops someone who
can rewrite the database and every anchor alike: a head printed on paper is the one
they cannot reach.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import func, select, text

from sales_desk import i18n
from sales_desk.db.backup import integrity_errors
from sales_desk.db.roles import schema_rights
from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.anchors import (
    Anchor,
    AnchorCheck,
    Finding,
    anchor_code,
    compare,
    newest_per_source,
)
from sales_desk.domain.admin.audit_fields import field_name
from sales_desk.domain.admin.reconcile import (
    MONEY_FIELDS,
    NO_AUDITED_APPROVAL,
    NOT_CREATED,
    Difference,
)
from sales_desk.domain.admin.signatures import Unsigned
from sales_desk.domain.common.money import format_money
from sales_desk.domain.common.roles import Perm, Role
from sales_desk.i18n import N_, _
from sales_desk.models import IssuedDocument, User
from sales_desk.services.admin.audit import verify_chain_in
from sales_desk.services.admin.document_check import (
    CHANGED,
    MISSING,
    NOT_AS_AUDITED,
    NOT_AUDITED,
    DocumentFinding,
    document_findings,
)
from sales_desk.services.admin.reconcile import table_differences, unsigned_audit_rows
from sales_desk.services.admin.refusals import refusal_at, unsigned_refusals_in, verify_refusals_in
from sales_desk.services.common.base import service

T = TypeVar("T")


@dataclass(frozen=True)
class BrokenAuditRow:
    seq: int
    present: bool  # False: the row is missing from the chain
    at: str = ""
    username: str = ""
    action: str = ""
    entity: str = ""
    entity_id: str = ""


@dataclass(frozen=True)
class CheckReport:
    database: str
    backend: str  # "sqlite" | "postgresql"
    integrity_checked: bool  # SQLite's integrity and foreign-key checks (a server keeps its own)
    integrity_errors: tuple[str, ...]
    foreign_key_errors: tuple[str, ...]
    audit_rows_checked: int
    first_broken: BrokenAuditRow | None
    anchors: tuple[AnchorCheck, ...] = ()  # the newest head of each place it was kept
    emptied_with_users: int = 0  # users in a database whose audit trail is empty
    # The sole writer's newest head when the trail runs past it: rows added without the
    # program (which anchors every commit), e.g. a forged row with a correct hash.
    unanchored_after: int | None = None
    # PostgreSQL: this seat's login owns the tables or is a superuser, so it could drop the
    # append-only guard and rewrite the trail and its anchors' database side alike.
    seat_privileges: str = ""
    # Guarded fields (credit terms, roles) that the trail's last word on them does not explain.
    table_differences: tuple[Difference, ...] = ()
    # Rows in someone's name that their key did not sign (domain/admin/signatures.py).
    unsigned: tuple[Unsigned, ...] = ()
    # The refusals log (domain/admin/refusals.py), chained and signed like the trail.
    refusal_rows_checked: int = 0
    refusal_broken: BrokenAuditRow | None = None
    unsigned_refusals: tuple[Unsigned, ...] = ()
    documents_checked: int = 0
    # Issued documents whose kept bytes the audit trail does not bear out (document_check.py).
    documents: tuple[DocumentFinding, ...] = ()

    @property
    def ok(self) -> bool:
        return (not self.integrity_errors and not self.foreign_key_errors and self.first_broken is None
                and all(a.ok for a in self.anchors) and not self.emptied_with_users
                and self.unanchored_after is None and not self.table_differences
                and not self.unsigned and self.refusal_broken is None and not self.unsigned_refusals
                and not self.documents)


@service(Perm.AUDIT_VIEW, read_only=True)
def check_database(uow: UnitOfWork, anchors: Iterable[Anchor] = (),
                   sole_writer: str | None = None) -> CheckReport:
    """SQLite integrity and foreign keys, the whole audit chain, and the chain against the
    newest of `anchors` from each place; read-only.

    `sole_writer` names the place whose anchors every commit writes (an SQLite data
    folder's anchor file: one program at a time has the folder): a trail running past its
    newest anchor was extended by something else."""
    bind = uow.session.get_bind()
    backend = bind.dialect.name
    integrity: list[str] = []
    foreign: list[str] = []
    checked = backend == "sqlite" and bool(bind.url.database)
    if checked:
        path = Path(bind.url.database)  # type: ignore[arg-type]
        for problem in integrity_errors(path):
            (foreign if problem.startswith("foreign key:") else integrity).append(problem)
        where = str(path)
    else:
        where = bind.url.render_as_string(hide_password=True)
    chain = verify_chain_in(uow)
    broken = None if chain.ok else _broken_row(uow, chain.first_broken_seq)  # type: ignore[arg-type]
    last_seq = uow.session.scalar(text("SELECT max(seq) FROM audit_log")) or 0
    newest = newest_per_source(list(anchors))
    checks = tuple(compare(a, _hash_at(uow, a.seq), last_seq) for a in newest)
    users = uow.session.scalar(select(func.count()).select_from(User)) or 0
    writer = next((a for a in newest if a.source == sole_writer), None)
    unanchored = writer.seq if writer is not None and last_seq > writer.seq else None
    refusals = verify_refusals_in(uow)
    return CheckReport(where, backend, checked, tuple(integrity), tuple(foreign),
                       chain.rows_checked, broken, checks, users if last_seq == 0 else 0, unanchored,
                       _seat_privileges(uow) if backend == "postgresql" else "",
                       tuple(table_differences(uow)), tuple(unsigned_audit_rows(uow)),
                       refusals.rows_checked, None if refusals.ok else _broken_refusal(uow, refusals.first_broken_seq),
                       tuple(unsigned_refusals_in(uow)),
                       uow.session.scalar(select(func.count()).select_from(IssuedDocument)) or 0,
                       tuple(document_findings(uow)))


def _seat_privileges(uow: UnitOfWork) -> str:
    """"superuser", "owner" (of the tables) or "" for a login with no more than it needs."""
    return schema_rights(uow.session.connection())


def _hash_at(uow: UnitOfWork, seq: int) -> str | None:
    return uow.session.scalar(text("SELECT hash FROM audit_log WHERE seq = :s"), {"s": seq})


def _broken_row(uow: UnitOfWork, seq: int) -> BrokenAuditRow:
    row = uow.session.execute(
        text("SELECT seq, at, username, action, entity, entity_id FROM audit_log WHERE seq = :s"),
        {"s": seq},
    ).first()
    if row is None:
        return BrokenAuditRow(seq, present=False)
    return BrokenAuditRow(row.seq, True, row.at, row.username, row.action, row.entity, row.entity_id)


def _broken_refusal(uow: UnitOfWork, seq: int | None) -> BrokenAuditRow:
    assert seq is not None
    row = refusal_at(uow, seq)
    if row is None:
        return BrokenAuditRow(seq, present=False)
    return BrokenAuditRow(row.seq, True, row.at, row.username, row.action, row.entity, row.entity_id)


# -- the report in words ---------------------------------------------------------------

def describe(report: CheckReport) -> list[str]:
    """The report as lines a person reads (the CLI prints them, the window shows them)."""
    lines = [_("Database: {where}").format(where=report.database)]
    if not report.integrity_checked:
        lines.append(_("Integrity and foreign keys: kept by the database server, not checked here."))
    else:
        lines += _problems(_("Integrity check"), report.integrity_errors)
        lines += _problems(_("Foreign keys"), report.foreign_key_errors)
    broken = report.first_broken
    if broken is None:
        lines.append(_("Audit trail: {n} rows, hash chain intact.").format(n=report.audit_rows_checked))
    elif not broken.present:
        lines.append(_("Audit trail: BROKEN: row {seq} is missing (rows before it are intact).")
                     .format(seq=broken.seq))
    else:
        lines.append(
            _("Audit trail: BROKEN at row {seq} ({at}, {user}, {action} {entity} {id}): it was "
              "changed after it was written (rows before it are intact).").format(
                seq=broken.seq, at=broken.at, user=broken.username or "-", action=broken.action,
                entity=broken.entity, id=broken.entity_id)
        )
    if report.emptied_with_users:
        lines.append(_("Audit trail: EMPTIED: it holds no row, yet the database has {n} users: "
                       "its rows were deleted.").format(n=report.emptied_with_users))
    if report.unanchored_after is not None:
        lines.append(_("Audit trail: rows after {seq} were added without the program: it writes the "
                       "head of every commit it makes to the anchor file, and the last head it "
                       "wrote is row {seq}.").format(seq=report.unanchored_after))
    lines += [_anchor_line(a) for a in report.anchors]
    if not report.anchors:
        lines.append(_("Anchors: none found (no head of the trail kept outside the database)."))
    lines += _unsigned_lines(report.unsigned)
    lines += _refusal_lines(report)
    lines += _difference_lines(report.table_differences)
    lines += _document_lines(report)
    if report.seat_privileges:
        lines.append(_("Warning: this seat logs in to the database as {what}: it can turn off the audit "
                       "trail's guard and rewrite it. Give the seats a login that may only read and write "
                       "the business tables.").format(
            what=_("a superuser") if report.seat_privileges == "superuser" else _("the tables' owner")))
    return lines


def _unsigned_lines(found: tuple[Unsigned, ...], shown: int = 20) -> list[str]:
    if not found:
        return [_("Signatures: every row in a user's name is signed with that user's key.")]
    return [_("Signatures: {n} rows were not written by the program for the user they name "
              "(added with the database's login):").format(n=len(found)), *_unsigned_rows(found, shown)]


def _unsigned_rows(found: tuple[Unsigned, ...], shown: int) -> list[str]:
    why = {"no-signature": _("not signed"), "wrong-signature": _("signed with another key"),
           "no-user": _("no user, yet not one the program writes without one")}
    return _capped(found, lambda u: _("row {seq} ({user}, {action}): {why}").format(
        seq=u.seq, user=u.username or "-", action=u.action, why=why[u.why]), shown)


def _refusal_lines(report: CheckReport, shown: int = 20) -> list[str]:
    broken = report.refusal_broken
    if broken is None:
        lines = [_("Refusals log: {n} rows, hash chain intact.").format(n=report.refusal_rows_checked)]
    elif not broken.present:
        lines = [_("Refusals log: BROKEN: row {seq} is missing (rows before it are intact).").format(seq=broken.seq)]
    else:
        lines = [_("Refusals log: BROKEN at row {seq} ({at}, {user}, {action} {entity} {id}): it was changed "
                   "after it was written (rows before it are intact).").format(
            seq=broken.seq, at=broken.at, user=broken.username or "-", action=broken.action,
            entity=broken.entity, id=broken.entity_id)]
    if report.unsigned_refusals:
        lines += [_("Refusals log: {n} rows were not written by the program for the user they name "
                    "(added with the database's login):").format(n=len(report.unsigned_refusals)),
                  *_unsigned_rows(report.unsigned_refusals, shown)]
    return lines


def _difference_lines(found: tuple[Difference, ...], shown: int = 20) -> list[str]:
    if not found:
        return [_("Credit terms, roles and approvals: each matches the audit entry that set it.")]
    return [_("Credit terms, roles and approvals: {n} values the audit trail does not explain (changed "
              "in the tables, not through the program):").format(n=len(found)),
            *_capped(found, _difference_line, shown)]


def _document_lines(report: CheckReport, shown: int = 20) -> list[str]:
    if not report.documents:
        return [_("Documents of record: {n} issued, each as it was issued.").format(n=report.documents_checked)]
    why = {CHANGED: _("its kept bytes were changed"), MISSING: _("its kept bytes are missing"),
           NOT_AUDITED: _("no audit entry issued it"),
           NOT_AS_AUDITED: _("its hash is not the one the audit trail recorded")}
    return [_("Documents of record: {n} of {total} are not as they were issued:").format(
                n=len(report.documents), total=report.documents_checked),
            *_capped(report.documents, lambda d: _("{number} ({title}): {why}").format(
                number=d.number, title=d.title, why=why[d.why]), shown)]


def _difference_line(d: Difference) -> str:
    table = _named(_TABLES, d.table)
    if d.field == NOT_CREATED:
        return _("{table}, row {id} ({label}): no audit entry created it.").format(
            table=table, id=d.row_id, label=d.label)
    if d.field == NO_AUDITED_APPROVAL:
        return _("{table}, row {id} ({label}): approved by {user} in the table, but no audit entry of theirs "
                 "records it.").format(table=table, id=d.row_id, label=d.label, user=d.in_table)
    return _("{table}, row {id} ({label}), {field}: {actual} in the table, {expected} by audit row {seq}.").format(
        table=table, id=d.row_id, label=d.label, field=field_name(d.field),
        actual=_shown(d.in_table, d.field), expected=_shown(d.by_trail, d.field), seq=d.seq)


_TABLES = {"customers": N_("Customers"), "users": N_("User accounts"), "sales_orders": N_("Sales orders"),
           "sales_order_approvals": N_("Order approvals"), "expense_claim_steps": N_("Expense claim approvals")}


def _named(names: dict[str, str], key: str) -> str:
    return _(names[key]) if key in names else key


def _shown(value: object, field: str = "") -> str:
    if value is None:
        return "-"
    if field in MONEY_FIELDS and isinstance(value, int):
        return format_money(value, i18n.current_language())
    if isinstance(value, list):
        if field == "roles":
            value = [Role(v).label if v in Role._value2member_map_ else v for v in value]
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def _anchor_line(check: AnchorCheck) -> str:
    a = check.anchor
    where = a.source + (f", {a.at}" if a.at else "")
    code = anchor_code(a.seq, a.hash)
    if check.finding is Finding.HOLDS:
        return _("Anchor {code} ({where}): holds.").format(code=code, where=where)
    if check.finding is Finding.CUT:
        return _("Anchor {code} ({where}): CUT: the trail ends at row {last}, so rows up to {seq} "
                 "were deleted or an older copy of the database was put in place.").format(
                     code=code, where=where, last=check.trail_ends_at, seq=a.seq)
    return _("Anchor {code} ({where}): REWRITTEN: row {seq} is not the row this head recorded, "
             "so the trail was rewritten from there on.").format(code=code, where=where, seq=a.seq)


def _problems(label: str, problems: tuple[str, ...], shown: int = 10) -> list[str]:
    if not problems:
        return [_("{check}: ok").format(check=label)]
    return [_("{check}: {n} problems").format(check=label, n=len(problems)),
            *_capped(problems, lambda p: p, shown)]


def _capped(items: Sequence[T], line: Callable[[T], str], shown: int) -> list[str]:
    """The first `shown` items as indented lines, and how many more there are."""
    lines = ["  " + line(item) for item in items[:shown]]
    if len(items) > shown:
        lines.append("  " + _("… and {n} more").format(n=len(items) - shown))
    return lines
