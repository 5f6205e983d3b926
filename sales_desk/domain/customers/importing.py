"""Importing customer files [客户档案] from a spreadsheet (SPEC §8): the whole sheet
checked into records or reasons. Pure. The columns and header matching live in
import_columns, the records and errors in import_records, reading one row's cells in
import_cells.

- One row is one customer. A row repeating an earlier row's customer code adds a
  contact to that customer (its other customer cells blank or the same).
- Credit figures (grade, limit, term, mode, rated on) are the position carried over
  from the firm's old books; they must fit the grade's policy (D gets no credit, C a
  small limit, terms within the grade's cap). A B limit above the base is taken as
  already raised step by step there.
- Every error names the spreadsheet's row number (as the spreadsheet shows it) and
  the column; the service writes nothing while any row has one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sales_desk.domain.common import import_values as cell
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.credit.rating import Grade, PaymentMode, Terms, check_terms, rerating_due
from sales_desk.domain.customers.files import CLASSIFICATIONS, check_code
from sales_desk.domain.customers.import_cells import Row, choice_codes
from sales_desk.domain.customers.import_columns import (
    CONTACT_KEYS,
    CREDIT_KEYS,
    CUSTOMER_KEYS,
    FIELD_BY_KEY,
)
from sales_desk.domain.customers.import_records import (
    ContactRecord,
    CreditRecord,
    CustomerRecord,
    ImportRules,
    ParsedImport,
    RowError,
)
from sales_desk.i18n import _

MAX_ROWS = 20_000  # a small firm's customers many times over; more is a mistake or an attack
MAX_COLUMNS = 200
MAX_ERRORS = 1_000  # reported; the count says how many more


def _contact(row: Row) -> ContactRecord | None:
    v = row.values
    if not any(k in v for k in CONTACT_KEYS):
        return None
    if not v.get("contact_name"):
        row.error("contact_name", _("a contact needs a name"))
        return None
    return ContactRecord(str(v["contact_name"]), str(v.get("contact_position", "")),
                         str(v.get("contact_phone", "")), str(v.get("contact_email", "")),
                         bool(v.get("contact_key_person", False)), str(v.get("contact_note", "")))


def _credit(row: Row, rules: ImportRules) -> CreditRecord | None:
    v = row.values
    if not any(k in v for k in CREDIT_KEYS):
        return None
    grade = v.get("credit_grade")
    if not isinstance(grade, Grade):
        # No grade with nothing granted (limit 0, term 0, prepayment) is an unrated customer,
        # as our own export writes one: not credit figures at all.
        if (v.get("credit_limit", 0) == 0 and v.get("payment_term_days", 0) == 0 and "last_rated_on" not in v
                and v.get("payment_mode", PaymentMode.PREPAYMENT) is PaymentMode.PREPAYMENT):
            return None
        row.error("credit_grade", _("credit figures need the credit grade they were given under"))
        return None
    limit = int(v.get("credit_limit", 0))  # type: ignore[call-overload]
    term = v.get("payment_term_days", 0)
    mode = v.get("payment_mode") or (PaymentMode.CREDIT if limit else PaymentMode.PREPAYMENT)
    assert isinstance(mode, PaymentMode)
    if mode is not PaymentMode.CREDIT and "payment_term_days" not in v:
        term = 0
    terms = Terms(limit, term if term is None else int(term), mode)  # type: ignore[call-overload]
    try:
        # The limit was set in the old books: the B step rule (raise by at most half at a
        # time) is about raising it, so it is checked as if already at this limit.
        check_terms(grade, terms, current_limit=limit, policy=rules.policy,
                    reasons=_("Carried over from {file}").format(file=rules.source or "-"))
    except ValidationError as exc:
        wanted = "payment_term_days" if exc.field == _("Payment term") else "credit_limit"
        row.error(next((k for k in (wanted, "credit_limit", "credit_grade") if k in row.column_of), wanted),
                  exc.message)
        return None
    rated_on = v.get("last_rated_on")
    if isinstance(rated_on, date) and rated_on > rules.today:
        row.error("last_rated_on", _("in the future"))
        return None
    # Rated in the old books: due for re-rating a year later, or now when the date is
    # not known, so the grade is confirmed here [每年评定一次].
    due = rerating_due(rated_on, rules.rerating_months) if isinstance(rated_on, date) else rules.today
    return CreditRecord(grade, terms.limit, terms.term_days, terms.mode,
                        rated_on if isinstance(rated_on, date) else None, due)


def check_mapping(mapping: Sequence[str | None], rules: ImportRules) -> list[RowError]:
    errors = []
    keys = [k for k in mapping if k is not None]
    for key in sorted({str(k) for k in keys if k not in FIELD_BY_KEY}):
        errors.append(RowError(0, key[:64], _("not a field customers can be imported into")))
    keys = [k for k in keys if k in FIELD_BY_KEY]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        errors.append(RowError(0, _(FIELD_BY_KEY[key].label), _("more than one column holds this field")))
    if "name" not in keys:
        errors.append(RowError(0, _("Name"), _("no column holds the customer's name")))
    if not rules.may_set_credit and any(k in CREDIT_KEYS for k in keys):
        errors.append(RowError(0, _("Credit limit"), _(
            "only someone who may set credit limits can import credit figures: "
            "leave the credit columns out, or ask the sales manager")))
    return errors


def _header_text(header: object) -> str:
    try:
        return cell.text(header, 200)
    except cell.CellError:
        return str(header)[:200].replace("\x00", "")


def parse_rows(headers: Sequence[object], rows: Sequence[tuple[int, Sequence[object]]],
               mapping: Sequence[str | None], rules: ImportRules) -> ParsedImport:
    """Every data row checked: the records, or the errors (and then no records)."""
    header_texts = [_header_text(h) for h in headers]
    errors = check_mapping(mapping, rules)
    if len(rows) > MAX_ROWS:
        errors.append(RowError(0, "", _("more than {n} rows: import the file in parts").format(n=MAX_ROWS)))
    if errors:
        return ParsedImport((), tuple(errors[:MAX_ERRORS]), len(errors), len(rows))
    choices = {key: choice_codes(key) for key in CLASSIFICATIONS}
    first_of_code: dict[str, tuple[int, dict[str, object]]] = {}  # code → its first row, values
    contacts_of: dict[str | int, list[ContactRecord]] = {}  # a code, or the row of a codeless customer
    records: list[CustomerRecord] = []
    listed: list[RowError] = []
    count = 0

    for number, cells in rows:
        row = Row(number, header_texts, cells, mapping, rules, choices)
        code = ""
        if "code" in row.values:
            try:
                code = check_code(str(row.values["code"]))
            except ValidationError as exc:
                row.error("code", exc.message)
        contact = _contact(row)
        if code and code in first_of_code:  # a further contact of a customer above
            first_row, first_values = first_of_code[code]
            differing = [k for k in (*CUSTOMER_KEYS, "rep", *CREDIT_KEYS)
                         if k in row.values and row.values[k] != first_values.get(k)]
            if differing:
                row.error(differing[0], _("row {row} has the same customer code with other details")
                          .format(row=first_row))
            elif contact is None and not row.errors:
                row.error("code", _("repeats the customer code of row {row}").format(row=first_row))
            elif contact is not None and code in contacts_of:
                contacts_of[code].append(contact)
        else:
            if "name" not in row.values:
                row.error("name", _("must not be empty"))
            if code and code in rules.existing_codes:
                row.error("code", _("customer {code} exists already").format(code=code))
            credit = _credit(row, rules)
            if code:
                first_of_code[code] = (number, row.values)
            if not row.errors:
                key: str | int = code or number
                contacts_of[key] = [contact] if contact else []
                records.append(CustomerRecord(
                    number, code, {k: v for k, v in row.values.items() if k in CUSTOMER_KEYS},
                    row.values.get("rep"), (), credit))  # type: ignore[arg-type]
        count += len(row.errors)
        listed.extend(row.errors[:max(MAX_ERRORS - len(listed), 0)])
    if not records and not count:
        return ParsedImport((), (RowError(0, "", _("there are no customer rows under the header")),), 1,
                            len(rows))
    if count:
        return ParsedImport((), tuple(listed), count, len(rows))
    return ParsedImport(tuple(
        CustomerRecord(r.row, r.code, r.values, r.rep_id, tuple(contacts_of[r.code or r.row]), r.credit)
        for r in records), (), 0, len(rows))
