"""`import customers FILE`: customer files from Excel or CSV, all rows or none.

Columns are matched from their headers (English or Chinese); `--map` corrects a guess.
`--check` shows what would be imported and every error, and writes nothing. The acting
user needs customer.import (credit figures also credit.set_limit), as in the window.
"""

from __future__ import annotations

import argparse

from sales_desk.cli.common import CommandParsers, UsageError, err, login, opened, out, table
from sales_desk.cli.importing import import_group, read_sheet
from sales_desk.i18n import N_, _, ngettext


def register(commands: CommandParsers) -> None:
    p = import_group(commands).add(
        "customers", N_("import customer files (with contacts, classification and credit figures) "
                        "from an .xlsx or .csv file: all rows or none"), import_customers)
    p.add_argument("file", metavar="FILE", help=N_("the .xlsx workbook (its first sheet) or .csv file"))
    p.add_argument("--map", metavar="COLUMN=FIELD", action="append", default=[],
                   help=N_("put the column with this header (or number, from 1) into FIELD, or leave "
                           "it out with FIELD “-”; --check lists the fields (repeatable)"))
    p.add_argument("--check", action="store_true",
                   help=N_("show the columns, the counts and every error; import nothing"))


def _mapping(preview, overrides: list[str]) -> tuple[str | None, ...]:  # noqa: ANN001
    from sales_desk.domain.customers.import_columns import FIELD_BY_KEY

    mapping = list(preview.mapping)
    for item in overrides:
        column, sep, key = item.partition("=")
        column, key = column.strip(), key.strip()
        if not sep or not column or not key:
            raise UsageError(_("--map: write COLUMN=FIELD, e.g. “信用额度=credit_limit”: {item}").format(item=item))
        if key != "-" and key not in FIELD_BY_KEY:
            raise UsageError(_("--map: “{field}” is not a field; fields: {fields}").format(
                field=key, fields=", ".join(FIELD_BY_KEY)))
        if column.isdigit() and 1 <= int(column) <= len(mapping):
            index = int(column) - 1
        elif column in preview.headers:
            index = preview.headers.index(column)
        else:
            raise UsageError(_("--map: no column “{column}” in the header row {row}").format(
                column=column, row=preview.header_row))
        mapping[index] = None if key == "-" else key
    return tuple(mapping)


def _show(preview) -> None:  # noqa: ANN001
    from sales_desk.domain.customers.import_columns import FIELD_BY_KEY

    out(_("{file}, sheet “{sheet}”, header in row {row}:").format(
        file=preview.file, sheet=preview.sheet or "-", row=preview.header_row))
    out(table([_("Column"), _("Header"), _("Field")], [
        [str(i + 1), h, f"{key} ({_(FIELD_BY_KEY[key].label)})" if key in FIELD_BY_KEY else
         (key or _("— not imported —"))]
        for i, (h, key) in enumerate(zip(preview.headers, preview.mapping, strict=False))]))
    out(_("{rows} rows: {customers} customers, {contacts} contacts, {credit} with credit figures.").format(
        rows=preview.rows, customers=preview.customers, contacts=preview.contacts, credit=preview.with_credit))


def import_customers(args: argparse.Namespace) -> int:
    from sales_desk.services.customers import importing as customer_import

    sheet = read_sheet(args.file)
    with opened(args) as db:
        actor = login(db, args.user)
        preview = customer_import.preview_customer_import(db.uow(actor), sheet)
        mapping = _mapping(preview, args.map)
        if args.map:
            preview = customer_import.preview_customer_import(db.uow(actor), sheet, mapping)
        if args.check or not preview.ok:
            _show(preview)
            for e in preview.errors:
                err(str(e))
            if preview.error_count > len(preview.errors):
                err(_("…and {n} more.").format(n=preview.error_count - len(preview.errors)))
            if not preview.ok:
                err(ngettext("Nothing was imported: {n} error in the file.",
                             "Nothing was imported: {n} errors in the file.", preview.error_count
                             ).format(n=preview.error_count))
                return 1
            return 0
        done = customer_import.import_customers(db.uow(actor), sheet, mapping)
    out(ngettext("Imported {n} customer ({first}–{last}): {contacts} contacts, {credit} with credit figures.",
                 "Imported {n} customers ({first}–{last}): {contacts} contacts, {credit} with credit figures.",
                 done.customers).format(n=done.customers, first=done.first_code, last=done.last_code,
                                        contacts=done.contacts, credit=done.with_credit))
    return 0
