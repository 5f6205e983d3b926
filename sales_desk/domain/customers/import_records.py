"""What the customer import's check takes and gives, as plain values: the rules read from
the database, each customer row's record (its contacts and the credit position carried
over), every error naming the spreadsheet's row and column, and the result as a whole."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sales_desk.domain.credit.rating import Grade, PaymentMode, TermsPolicy
from sales_desk.i18n import _


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it; 0: the file as a whole
    column: str  # the column's header as written, or "" for the whole row
    message: str

    def __str__(self) -> str:
        where = _("Row {row}").format(row=self.row) if self.row else _("The file")
        if self.column:
            return _("{where}, {column}: {message}").format(where=where, column=self.column, message=self.message)
        return _("{field}: {message}").format(field=where, message=self.message)


@dataclass(frozen=True)
class ContactRecord:
    name: str
    position: str = ""
    phone: str = ""
    email: str = ""
    key_person: bool = False
    note: str = ""


@dataclass(frozen=True)
class CreditRecord:
    grade: Grade
    limit: int
    term_days: int | None
    mode: PaymentMode
    rated_on: date | None
    rerating_due_on: date


@dataclass(frozen=True)
class CustomerRecord:
    row: int
    code: str  # upper-cased; "" when the service gives the next free one
    values: Mapping[str, object]  # the customer file's fields, typed (services/customer_data.EDITABLE)
    rep_id: int | None
    contacts: tuple[ContactRecord, ...] = ()
    credit: CreditRecord | None = None


@dataclass(frozen=True)
class ImportRules:
    """What the rows are checked against, read from the database by the service."""

    reps: Mapping[str, int]  # folded user name (and folded full name) → id of an active rep
    existing_codes: frozenset[str]
    may_set_credit: bool  # credit figures need the right to set limits
    today: date  # the business date
    policy: TermsPolicy = field(default_factory=TermsPolicy)
    rerating_months: int = 12
    source: str = ""  # the file's name, for the reasons on an imported limit


@dataclass(frozen=True)
class ParsedImport:
    records: tuple[CustomerRecord, ...]
    errors: tuple[RowError, ...]
    error_count: int  # errors beyond importing.MAX_ERRORS are counted, not listed
    rows: int  # data rows read (blank ones skipped)

    @property
    def ok(self) -> bool:
        return not self.error_count and bool(self.records)

    @property
    def contacts(self) -> int:
        return sum(len(r.contacts) for r in self.records)

    @property
    def with_credit(self) -> int:
        return sum(1 for r in self.records if r.credit is not None)
