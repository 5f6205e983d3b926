"""One spreadsheet row read cell by cell into typed values, by its column's kind: text,
dates, counts, money, yes/no, classification codes, a sales rep's user name, and the
credit grade, payment term and payment mode in English or Chinese. A cell that cannot
be read is an error naming the row and the column as the spreadsheet shows them."""

from __future__ import annotations

from collections.abc import Sequence

from sales_desk.domain.common import import_values as cell
from sales_desk.domain.credit.rating import Grade, PaymentMode
from sales_desk.domain.customers.files import CLASSIFICATIONS
from sales_desk.domain.customers.import_columns import FIELD_BY_KEY, ImportField, Kind, header_key
from sales_desk.domain.customers.import_records import ImportRules, RowError
from sales_desk.i18n import _, translator


def choice_codes(key: str) -> dict[str, str]:
    """A classification's codes by every name they go by (code, English, Chinese), folded as headers are."""
    zh = translator("zh_CN")
    out: dict[str, str] = {}
    for c in CLASSIFICATIONS[key]:
        for name in (c.code, c.label, c.zh, zh(c.label), _(c.label)):
            out.setdefault(header_key(name), c.code)
    return out


_MODES = {**{header_key(m.value): m for m in PaymentMode},
          "赊销": PaymentMode.CREDIT, "credit": PaymentMode.CREDIT, "oncredit": PaymentMode.CREDIT,
          "信用": PaymentMode.CREDIT, "预付款": PaymentMode.PREPAYMENT, "预付": PaymentMode.PREPAYMENT,
          "款到发货": PaymentMode.PREPAYMENT, "货到付款": PaymentMode.CASH_ON_DELIVERY,
          "cashondelivery": PaymentMode.CASH_ON_DELIVERY}
_UNCAPPED = {"notcapped", "uncapped", "none", "不限", "无限制", "不限期"}


def _mode(value: object) -> PaymentMode:
    key = header_key(value)
    for m in PaymentMode:
        if key == header_key(_(m.label)) or key == header_key(translator("zh_CN")(m.label)):
            return m
    if key in _MODES:
        return _MODES[key]
    raise cell.CellError(_("one of: on credit, prepayment, cash on delivery"))


def _grade(value: object) -> Grade:
    key = header_key(value).removesuffix("级").upper()
    try:
        return Grade(key)
    except ValueError as exc:
        raise cell.CellError(_("one of A, B, C, D")) from exc


class Row:
    """One row being read: typed values by field key, and its errors."""

    def __init__(self, number: int, headers: Sequence[str], cells: Sequence[object],
                 mapping: Sequence[str | None], rules: ImportRules, choices: dict[str, dict[str, str]]):
        self.number, self.errors = number, []
        self.values: dict[str, object] = {}
        self.headers = headers
        self.column_of: dict[str, int] = {}
        for i, key in enumerate(mapping):
            if key is None:
                continue
            self.column_of[key] = i
            raw = cells[i] if i < len(cells) else None
            if cell.is_blank(raw):
                continue
            try:
                self.values[key] = _read(FIELD_BY_KEY[key], raw, rules, choices)
            except cell.CellError as exc:
                self.error(key, str(exc))

    def error(self, key: str, message: str) -> None:
        i = self.column_of.get(key)
        # A mapping may name more columns than the header row has (a title-less file, --map).
        column = self.headers[i] if i is not None and i < len(self.headers) else ""
        self.errors.append(RowError(self.number, column or _(FIELD_BY_KEY[key].label), message))


def _read(f: ImportField, raw: object, rules: ImportRules, choices: dict[str, dict[str, str]]) -> object:
    if f.kind is Kind.TEXT:
        return cell.text(raw, f.max_length)
    if f.kind is Kind.DATE:
        return cell.day(raw)
    if f.kind is Kind.COUNT:
        return cell.count(raw)
    if f.kind is Kind.MONEY:
        return cell.money(raw)
    if f.kind is Kind.BOOL:
        return cell.yes_no(raw)
    if f.kind is Kind.CHOICE:
        code = choices[f.key].get(header_key(cell.text(raw)))
        if code is None:
            raise cell.CellError(_("not one of the listed values"))
        return code
    if f.kind is Kind.USER:
        rep = rules.reps.get(cell.fold(cell.text(raw)))
        if rep is None:
            raise cell.CellError(_("not an active sales rep's user name"))
        return rep
    if f.kind is Kind.GRADE:
        return _grade(raw)
    if f.kind is Kind.DAYS:
        if header_key(cell.text(raw)) in _UNCAPPED:
            return None
        return cell.count(raw, maximum=3650)
    return _mode(raw)
