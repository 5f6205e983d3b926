"""Importing customer files from Excel or CSV [客户资料导入] (SPEC §8): a preview, then
all rows or none.

The file is read by services/common/spreadsheets.py (no database, caps and XML guards); the
rows are checked by domain/customers/importing.py against what the database holds (sales
reps, codes in use, the credit policy). `import_customers` checks them again, never
trusting a preview that may be stale, and writes everything in one transaction with
Core bulk inserts (DESIGN: ORM objects cost ~14× at this scale), or nothing.

Who: customer.import (the customer-service manager, who keeps the customer information
system, and the sales manager). Credit figures in the file also need credit.set_limit:
they become the customer's current grade and terms, with a limit decision whose method
is "import" and whose reasons name the file and row, so the credit history says where
the limit came from. Imported files wait for their review like any new file, by
someone other than the importer.

Audit: one "customer.create" row per customer, with its values and `"via": "import"`,
exactly as the form writes one (so each file's history starts where it should), and one
"customer.import" row for the whole: file, sheet, the SHA-256 of the rows as read,
counts and code range.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, insert, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.import_values import fold
from sales_desk.domain.common.roles import Perm, Role
from sales_desk.domain.credit.limits import IMPORT_METHOD
from sales_desk.domain.credit.rating import TermsPolicy
from sales_desk.domain.customers.files import ReviewStatus, ValueBands, name_keys, value_grade_for
from sales_desk.domain.customers.import_columns import find_header, match_headers
from sales_desk.domain.customers.import_records import (
    CustomerRecord,
    ImportRules,
    ParsedImport,
    RowError,
)
from sales_desk.domain.customers.importing import parse_rows
from sales_desk.i18n import _, ngettext
from sales_desk.models import CreditLimitDecision, Customer, CustomerContact, User, UserRole
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.spreadsheets import Table
from sales_desk.services.customers.data import CLASS_FIELDS, EDITABLE, TEXT_FIELDS
from sales_desk.services.customers.scope import business_today

BATCH = 1_000  # rows per INSERT batch, and how often progress is reported
SAMPLE_ROWS = 200  # rows shown in the preview

Progress = Callable[[int, int], None]  # (done, total); may raise Cancelled


class ImportRefused(DomainError):
    """The rows have errors: nothing was imported."""

    refusal = None  # rows to correct, like bad input

    def __init__(self, parsed: ParsedImport):
        self.parsed = parsed
        shown = "\n".join(str(e) for e in parsed.errors[:10])
        more = parsed.error_count - min(len(parsed.errors), 10)
        text = ngettext("Nothing was imported: {n} error in the file.",
                        "Nothing was imported: {n} errors in the file.", parsed.error_count
                        ).format(n=parsed.error_count) + "\n" + shown
        if more > 0:
            text += "\n" + _("…and {n} more.").format(n=more)
        super().__init__(text)


@dataclass(frozen=True)
class ImportPreview:
    file: str
    sheet: str
    header_row: int  # 0: the file has no rows at all
    headers: tuple[str, ...]
    mapping: tuple[str | None, ...]  # the field each column goes to; None: not imported
    rows: int
    customers: int
    contacts: int
    with_credit: int
    errors: tuple[RowError, ...]
    error_count: int
    sample: tuple[tuple[int, tuple[object, ...]], ...]  # the first rows under the header, as read

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and self.customers > 0


@dataclass(frozen=True)
class ImportResult:
    customers: int
    contacts: int
    with_credit: int
    first_code: str
    last_code: str


def split_table(table: Table) -> tuple[int, tuple[str, ...], tuple[tuple[int, tuple[object, ...]], ...]]:
    """The header row's number, its texts, and the data rows under it."""
    if not table.rows:
        return 0, (), ()
    at = find_header(table.rows)
    number, cells = table.rows[at]
    headers = tuple("" if c is None else str(c).strip()[:200] for c in cells)
    return number, headers, table.rows[at + 1:]


def _rules(uow: UnitOfWork, source: str) -> ImportRules:
    actor = current_actor(uow)
    reps: dict[str, int] = {}
    full_names: dict[str, list[int]] = {}
    rows = uow.session.execute(
        select(User.id, User.username, User.full_name).join(UserRole, UserRole.user_id == User.id)
        .where(User.active.is_(True), UserRole.role == Role.SALES_REP.value))
    for uid, username, full_name in rows:
        reps[fold(username)] = uid
        if full_name:
            full_names.setdefault(fold(full_name), []).append(uid)
    for name, ids in full_names.items():  # a rep's full name works too, when only one has it
        if len(ids) == 1:
            reps.setdefault(name, ids[0])
    values = load_settings(uow)
    return ImportRules(
        reps=reps,
        existing_codes=frozenset(uow.session.scalars(select(Customer.code))),
        may_set_credit=actor.can(Perm.CREDIT_SET_LIMIT),
        today=business_today(uow),
        policy=TermsPolicy.from_settings(values),
        rerating_months=int(values["credit.rerating_months"]),  # type: ignore[call-overload]
        source=source,
    )


@dataclass(frozen=True)
class _Checked:
    parsed: ParsedImport
    header_row: int
    headers: tuple[str, ...]
    mapping: tuple[str | None, ...]
    data: tuple[tuple[int, tuple[object, ...]], ...]
    rules: ImportRules


def _check(uow: UnitOfWork, table: Table, mapping: Sequence[str | None] | None) -> _Checked:
    header_row, headers, data = split_table(table)
    chosen = tuple(mapping) if mapping is not None else match_headers(headers)
    chosen = chosen + (None,) * (len(headers) - len(chosen))  # columns past the mapping: not imported
    rules = _rules(uow, table.name)
    return _Checked(parse_rows(headers, data, chosen, rules), header_row, headers, chosen, data, rules)


@service(Perm.CUSTOMER_IMPORT, read_only=True)
def preview_customer_import(uow: UnitOfWork, table: Table,
                            mapping: Sequence[str | None] | None = None) -> ImportPreview:
    """Every row checked, nothing written: the mapping (guessed from the headers when not
    given), the counts, and each error with its row number."""
    c = _check(uow, table, mapping)
    p = c.parsed
    return ImportPreview(table.name, table.sheet, c.header_row, c.headers, c.mapping, p.rows,
                         len(p.records), p.contacts, p.with_credit, p.errors, p.error_count,
                         c.data[:SAMPLE_ROWS])


def rows_digest(table: Table) -> str:
    """SHA-256 of the rows as read: the audit row names exactly what was imported."""
    blob = json.dumps([list(cells) for _n, cells in table.rows], ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _codes(uow: UnitOfWork, records: Sequence[CustomerRecord], taken: frozenset[str]) -> list[str]:
    """The file's codes, and the next free C000123 for each customer without one."""
    used = set(taken) | {r.code for r in records if r.code}
    n = (uow.session.scalar(select(func.max(Customer.id))) or 0)
    out = []
    for r in records:
        if r.code:
            out.append(r.code)
            continue
        while True:
            n += 1
            code = f"C{n:06d}"
            if code not in used:
                break
        used.add(code)
        out.append(code)
    return out


def _customer_row(r: CustomerRecord, code: str, actor_id: int, bands: ValueBands, now: object,
                  today: date) -> dict[str, object]:
    row: dict[str, object] = {f: ("" if f in TEXT_FIELDS else None) for f in EDITABLE}
    row.update(annual_sales=0, key_account=False, **dict.fromkeys(CLASS_FIELDS, ""))
    row.update(r.values)
    row.update(
        code=code, **name_keys(code, str(row["name"]), str(row["short_name"])),
        value_grade=value_grade_for(int(row["annual_sales"]), bands).value,  # type: ignore[call-overload]
        credit_grade=None, credit_score=None, credit_hold=False, credit_limit=0, payment_term_days=0,
        payment_mode="prepayment", last_rated_on=None, rerating_due_on=None,
        rep_id=r.rep_id, created_by_id=actor_id, file_updated_on=today,
        review_status=ReviewStatus.PENDING.value, reviewed_by_id=None, reviewed_at=None, review_note="",
        created_at=now, updated_at=now)
    if r.credit is not None:
        c = r.credit
        row.update(credit_grade=c.grade.value, credit_limit=c.limit, payment_term_days=c.term_days,
                   payment_mode=c.mode.value, last_rated_on=c.rated_on, rerating_due_on=c.rerating_due_on)
    return row


def _audit_values(r: CustomerRecord, code: str) -> dict[str, object]:
    values = {k: v for k, v in r.values.items() if v not in ("", None)}
    out: dict[str, object] = {"code": code, "rep_id": r.rep_id, **values, "contacts": len(r.contacts),
                              "via": "import", "row": r.row}
    if r.credit is not None:
        out["credit"] = {"grade": r.credit.grade.value, "limit": r.credit.limit,
                         "term_days": r.credit.term_days, "mode": r.credit.mode.value,
                         "rated_on": r.credit.rated_on}
    return out


@service(Perm.CUSTOMER_IMPORT)
def import_customers(uow: UnitOfWork, table: Table, mapping: Sequence[str | None] | None = None,
                     progress: Progress | None = None) -> ImportResult:
    """All rows or none: refused (ImportRefused, nothing written) while any row has an error."""
    checked = _check(uow, table, mapping)
    parsed, header_row = checked.parsed, checked.header_row
    if not parsed.ok:
        raise ImportRefused(parsed)
    actor = current_actor(uow)
    records = parsed.records
    total = len(records)
    report = progress or (lambda done, total: None)
    report(0, total)
    codes = _codes(uow, records, checked.rules.existing_codes)
    now, today = uow.clock(), business_today(uow)
    bands = ValueBands.from_settings(load_settings(uow))
    customers, contacts, decisions = Customer.__table__, CustomerContact.__table__, CreditLimitDecision.__table__
    reason = _("Carried over from {file}").format(file=table.name)
    for start in range(0, total, BATCH):
        chunk = records[start:start + BATCH]
        ids = uow.session.execute(
            insert(customers).returning(customers.c.id, sort_by_parameter_order=True),
            [_customer_row(r, codes[start + i], actor.user_id, bands, now, today) for i, r in enumerate(chunk)],
        ).scalars().all()
        contact_rows = [
            {"customer_id": cid, "name": k.name, "position": k.position, "phone": k.phone,
             "email": k.email, "key_person": k.key_person, "note": k.note}
            for cid, r in zip(ids, chunk, strict=True) for k in r.contacts]
        if contact_rows:
            uow.session.execute(insert(contacts), contact_rows)
        decision_rows = [
            {"customer_id": cid, "rating_id": None, "grade": r.credit.grade.value, "amount": r.credit.limit,
             "term_days": r.credit.term_days, "payment_mode": r.credit.mode.value, "method": IMPORT_METHOD,
             "reasons": f"{reason} ({_('row {row}').format(row=r.row)})", "previous_amount": 0,
             "automatic": False, "set_by_id": actor.user_id, "set_at": now}
            for cid, r in zip(ids, chunk, strict=True) if r.credit is not None]
        if decision_rows:
            uow.session.execute(insert(decisions), decision_rows)
        uow.audit_many(("customer.create", "customer", cid, None, _audit_values(r, codes[start + i]))
                       for i, (cid, r) in enumerate(zip(ids, chunk, strict=True)))
        report(start + len(chunk), total)  # a cancel raises here: the transaction rolls back
    first, last = min(codes), max(codes)
    digest = rows_digest(table)
    uow.audit("customer.import", "import", digest[:16], None, {
        "file": table.name, "sheet": table.sheet, "header_row": header_row, "rows": parsed.rows,
        "customers": total, "contacts": parsed.contacts, "with_credit": parsed.with_credit,
        "sha256": digest, "codes": [first, last]})
    uow.analyze()  # thousands of new customers: the planner's statistics are stale
    uow.commit()
    return ImportResult(total, parsed.contacts, parsed.with_credit, first, last)

