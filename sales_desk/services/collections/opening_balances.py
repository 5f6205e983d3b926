"""Opening balances [期初应收余额] from a spreadsheet: `sales-desk import receivables FILE`
and the same in the Collections tab.

The file (.xlsx, or .csv in UTF-8 or GB18030) has a header row naming five columns, in
any order, in English or Chinese:

    customer code [客户编码] · document no. [单据号] · document date [单据日期] ·
    due date [到期日] · amount [金额]

- All rows or none: every row is checked first; if any is wrong nothing is imported and
  each bad row is reported with its row number (as the spreadsheet numbers it) and why.
- Size caps: MAX_FILE_BYTES and MAX_ROWS; beyond them the file is refused unread.
- Nothing in the file is evaluated: the workbook is read as stored (openpyxl read-only,
  formulas not computed, not even their saved values); a cell holding a formula is a bad
  row ("type the value"). The workbook passes the guards of services/common/spreadsheets.py
  first (zip bomb, XML entities, defusedxml).
- Each row becomes an opening-balance document (kind "opening") of the customer, due on
  its due date, in the name of the customer's rep; its number is the file's prefixed
  with "OB-" so it never collides with our own INV/CN numbers. Amounts are positive,
  at most two decimals.
- Rows go in with one Core executemany (DESIGN: ORM add_all ≈ 14× slower).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import insert, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.receivables import DocumentKind
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.money import format_money, parse_amount, to_minor
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import N_, _, current_language, ngettext
from sales_desk.models import Customer, Receivable
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.customers.scope import business_today

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
DOC_PREFIX = "OB-"
MAX_DOC_NO = 40 - len(DOC_PREFIX)
PROGRESS_EVERY = 2000

FIELDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("customer_code", N_("customer code"), ("customer code", "customer", "客户编码", "客户代码", "客户编号")),
    ("doc_no", N_("document no."), ("document no.", "document no", "document number", "document", "doc no",
                                    "单据号", "单据编号", "单号", "发票号")),
    ("doc_date", N_("document date"), ("document date", "doc date", "date", "单据日期", "日期", "开票日期")),
    ("due_date", N_("due date"), ("due date", "due", "到期日", "到期日期", "应收日期")),
    ("amount", N_("amount"), ("amount", "open amount", "金额", "欠款金额", "余额")),
)


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it (the header is row 1)
    field: str  # translated column name, or ""
    reason: str


class ImportRejected(DomainError):
    refusal = None  # rows to correct, like bad input

    def __init__(self, errors: Sequence[RowError]):
        self.errors = tuple(errors)
        shown = "; ".join(_("row {row}: {reason}").format(row=e.row, reason=f"{e.field} {e.reason}".strip())
                          for e in self.errors[:5])
        more = len(self.errors) - 5
        super().__init__(ngettext(
            "Nothing was imported: {n} row is wrong. {rows}",
            "Nothing was imported: {n} rows are wrong. {rows}", len(self.errors)).format(
            n=len(self.errors), rows=shown + (_(" … and {n} more").format(n=more) if more > 0 else "")))


class FileRefused(DomainError):
    refusal = None  # a file to correct, like bad input


@dataclass(frozen=True)
class OpeningRow:
    row: int
    customer_code: str
    doc_no: str
    doc_date: date
    due_date: date
    amount: int


@dataclass(frozen=True)
class ImportResult:
    rows: int
    customers: int
    total: int
    source: str


# -- reading the file: raw cells, nothing evaluated ---------------------------------------------

FORMULA = object()  # a cell holding a formula


def _xlsx_rows(path: Path) -> Iterator[list[object]]:
    import openpyxl  # lazy: only imports pay for it

    from sales_desk.services.common.spreadsheets import UnreadableFile, check_zip

    # the guards every importer shares (services/common/spreadsheets.py): no zip bomb, no XML
    # entities, openpyxl parsing through defusedxml
    if openpyxl.DEFUSEDXML is not True:
        raise UnreadableFile(_("Workbooks cannot be imported: the XML guard (defusedxml) is "
                               "not installed. Save the sheet as CSV, or reinstall Sales Desk."))
    check_zip(path)
    # data_only=False: a formula comes as its text, flagged, never as a value computed by anyone
    book = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        ws = book.worksheets[0]
        ws.reset_dimensions()  # a forged <dimension> would pad every row
        for row in ws.iter_rows():
            yield [FORMULA if getattr(c, "data_type", None) == "f" else c.value for c in row]
    finally:
        book.close()


def _csv_rows(path: Path) -> Iterator[list[object]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileRefused(_("The CSV file is neither UTF-8 nor GB18030 text."))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def read_rows(path: str | os.PathLike[str]) -> Iterator[list[object]]:
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(2, "No such file", str(p))
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileRefused(_("The file is {size} MB; at most {max} MB can be imported at once.").format(
            size=size // (1024 * 1024), max=MAX_FILE_BYTES // (1024 * 1024)))
    suffix = p.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(p)
    if suffix == ".csv":
        return _csv_rows(p)
    raise FileRefused(_("Import an .xlsx or a .csv file."))


# -- checking the cells --------------------------------------------------------------------------

_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_EXCEL_EPOCH = date(1899, 12, 30)


def _norm(text: object) -> str:
    return re.sub(r"[\s._:：]+", " ", str(text or "")).strip().lower()


def header_map(cells: Sequence[object]) -> dict[str, int] | None:
    names = {_norm(alias): key for key, _l, aliases in FIELDS for alias in aliases}
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = names.get(_norm(cell))
        if key and key not in found:
            found[key] = i
    return found if len(found) == len(FIELDS) else None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2_958_466:
        return _EXCEL_EPOCH + timedelta(days=int(value))  # an Excel serial without a date format
    m = _DATE.match(str(value or ""))
    if not m:
        raise ValueError(value)
    return date(int(m[1]), int(m[2]), int(m[3]))


def parse_money(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return to_minor(value)
    if isinstance(value, float | Decimal):
        d = Decimal(repr(value)) if isinstance(value, float) else value
        cents = d.quantize(Decimal("0.01"))
        if abs(d - cents) > Decimal("0.000001"):  # a float's noise is not a third decimal
            raise ValueError(value)
        return to_minor(cents)
    return parse_amount(str(value))


def _money(minor: int) -> str:
    return format_money(minor, "zh_CN" if current_language() == "zh_CN" else "en")


def check_rows(rows: Iterator[list[object]], today: date,
               progress: Callable[[int], None] | None = None) -> tuple[list[OpeningRow], list[RowError]]:
    """Every data row checked on its own (customers and duplicates in the database come later)."""
    label = {key: _(lbl) for key, lbl, _a in FIELDS}
    header = next(rows, None)
    cols = header_map(header or [])
    if cols is None:
        return [], [RowError(1, "", _("the first row must name the columns: {names}").format(
            names=", ".join(label.values())))]
    good: list[OpeningRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    n = 1
    for cells in rows:
        n += 1
        if not any(_text(c) for c in cells if c is not FORMULA) and FORMULA not in cells:
            continue  # a blank line
        if n - 1 > MAX_ROWS:
            raise FileRefused(_("The file has more than {max} rows; split it.").format(max=MAX_ROWS))
        if progress and n % PROGRESS_EVERY == 0:
            progress(n)
        get = {key: (cells[i] if i < len(cells) else None) for key, i in cols.items()}
        formulas = [label[k] for k, v in get.items() if v is FORMULA]
        if formulas:
            errors.append(RowError(n, ", ".join(formulas), _("holds a formula; type the value instead")))
            continue
        row_errors: list[RowError] = []

        def bad(key: str, reason: str, _n: int = n, _errors: list[RowError] = row_errors) -> None:
            _errors.append(RowError(_n, label[key], reason))

        code = _text(get["customer_code"]).upper()
        doc = _text(get["doc_no"])
        if not code:
            bad("customer_code", _("is empty"))
        if not doc:
            bad("doc_no", _("is empty"))
        elif len(doc) > MAX_DOC_NO:
            bad("doc_no", _("is longer than {n} characters").format(n=MAX_DOC_NO))
        elif doc in seen:
            bad("doc_no", _("appears twice in the file (also row {row})").format(row=seen[doc]))
        dates: dict[str, date] = {}
        for key in ("doc_date", "due_date"):
            try:
                dates[key] = parse_date(get[key])
            except (ValueError, TypeError):
                bad(key, _("is not a date (write 2026-03-31)"))
        if "doc_date" in dates and dates["doc_date"] > today:
            bad("doc_date", _("lies in the future"))
        if len(dates) == 2 and dates["due_date"] < dates["doc_date"]:
            bad("due_date", _("lies before the document date"))
        amount = 0
        try:
            amount = parse_money(get["amount"])
            if amount <= 0:
                bad("amount", _("must be above zero"))
        except (ValueError, TypeError, InvalidOperation):
            bad("amount", _("is not an amount with at most two decimals"))
        if doc and doc not in seen:
            seen[doc] = n
        if row_errors:
            errors.extend(row_errors)
        else:
            good.append(OpeningRow(n, code, doc, dates["doc_date"], dates["due_date"], amount))
    if not good and not errors:
        errors.append(RowError(2, "", _("the file has no rows under its header")))
    return good, errors


# -- the import ------------------------------------------------------------------------------


def _import(uow: UnitOfWork, rows: Sequence[OpeningRow], errors: list[RowError], source: str,
            progress: Callable[[int], None] | None = None) -> ImportResult:
    codes = {r.customer_code for r in rows}
    customers: dict[str, tuple[int, int | None]] = {}
    for chunk in _chunks(sorted(codes), 900):
        for cid, code, rep in uow.session.execute(
                select(Customer.id, Customer.code, Customer.rep_id).where(Customer.code.in_(chunk))):
            customers[code.upper()] = (cid, rep)
    numbers = [DOC_PREFIX + r.doc_no for r in rows]
    taken: set[str] = set()
    for chunk in _chunks(numbers, 900):
        taken |= set(uow.session.scalars(select(Receivable.doc_no).where(Receivable.doc_no.in_(chunk))))
    label_code, label_doc = _("customer code"), _("document no.")
    for r in rows:
        if r.customer_code not in customers:
            errors.append(RowError(r.row, label_code, _("no customer has the code {code}").format(code=r.customer_code)))
        if DOC_PREFIX + r.doc_no in taken:
            errors.append(RowError(r.row, label_doc, _("was imported before ({no})").format(no=DOC_PREFIX + r.doc_no)))
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: (e.row, e.field)))
    actor, now = current_actor(uow), uow.clock()
    values = [{"doc_no": DOC_PREFIX + r.doc_no, "kind": DocumentKind.OPENING.value,
               "customer_id": customers[r.customer_code][0], "rep_id": customers[r.customer_code][1],
               "doc_date": r.doc_date, "due_date": r.due_date, "amount": r.amount, "open_amount": r.amount,
               "description": r.doc_no, "created_by_id": actor.user_id, "created_at": now} for r in rows]
    for i, chunk in enumerate(_chunks(values, 5000)):
        uow.session.execute(insert(Receivable), chunk)
        if progress:
            progress(min((i + 1) * 5000, len(values)))
    total = sum(r.amount for r in rows)
    result = ImportResult(len(rows), len({r.customer_code for r in rows}), total, source)
    uow.audit("receivable.import_opening", "receivable", source, None,
              {"file": source, "rows": result.rows, "customers": result.customers, "total": total,
               "first": numbers[0], "last": numbers[-1]})
    return result


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:  # type: ignore[type-arg]
    for i in range(0, len(items), size):
        yield items[i:i + size]


def import_rows(uow: UnitOfWork, rows: Sequence[OpeningRow], source: str) -> ImportResult:
    """Rows already read (the demo): the same checks and insert, inside the caller's transaction."""
    return _import(uow, rows, [], source)


@service(Perm.RECEIPT_RECORD)
def import_receivables(uow: UnitOfWork, path: str | os.PathLike[str],
                       progress: Callable[[int], None] | None = None) -> ImportResult:
    """Load opening balances from an .xlsx or .csv file: all rows or none (ImportRejected
    lists each bad row). `progress(rows)` may raise Cancelled: nothing is imported."""
    today = business_today(uow)
    rows, errors = check_rows(read_rows(path), today, progress)
    if not rows and errors and errors[0].row == 1:
        raise ImportRejected(errors)
    result = _import(uow, rows, errors, Path(path).name, progress)
    uow.analyze()  # the planner's statistics are stale after a bulk load
    uow.commit()
    return result


def describe(result: ImportResult) -> str:
    return ngettext("Imported {n} opening balance of {customers} customers, {total} in all.",
                    "Imported {n} opening balances of {customers} customers, {total} in all.",
                    result.rows).format(n=result.rows, customers=result.customers, total=_money(result.total))

