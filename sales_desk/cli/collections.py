"""Collections from the command line, held to the acting user's rights as in the window:

    export aging --out FILE.xlsx [--as-of DATE] [--region CODE]
    export ledger --customer CODE --out FILE.xlsx [--until DATE]
    export liability --month YYYY-MM --out FILE.xlsx   (finance computes an ended month first)
    print letter --step reminder|thank-you|dunning|lawyer --customer CODE --out FILE.pdf
    print letters --step STEP --out DIR|FILE.pdf       (every customer at that step)
    print credit-audit --month YYYY-MM --out FILE.pdf
    (every print …: --printer NAME instead of --out sends it to a CUPS printer)
    import receivables FILE.xlsx|csv                   (opening balances, all rows or none)

Letters print in each customer's letter language unless --lang names one (a customer
without one: the configured language); the audit prints in the language of --lang.
Files are written through a .part file: a refused or failed run leaves nothing behind.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from sales_desk.cli.common import CommandParsers, UsageError, config_from, err, login, opened, out
from sales_desk.cli.exporting import export_group, xlsx_target
from sales_desk.cli.importing import import_group
from sales_desk.cli.printing import (
    deliver_issued,
    output,
    output_options,
    pdf_target,
    print_group,
)
from sales_desk.i18n import N_, _, ngettext

STEPS = {"reminder": "reminder", "thank-you": "thank_you", "dunning": "dunning", "lawyer": "lawyer"}


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a date (YYYY-MM-DD): {text}").format(text=text)) from None


def _month(text: str) -> date:
    from sales_desk.domain.collections.liability import parse_month
    from sales_desk.domain.common.errors import ValidationError

    try:
        return parse_month(text)
    except ValidationError:
        raise argparse.ArgumentTypeError(_("not a month (YYYY-MM): {text}").format(text=text)) from None


def register(commands: CommandParsers) -> None:
    export = export_group(commands)
    p = export.add("aging", N_("export the aging of receivables to Excel (per customer, rep and region)"),
                   export_aging)
    p.add_argument("--out", metavar="FILE.xlsx", required=True, help=N_("the workbook to write"))
    p.add_argument("--as-of", metavar="DATE", type=_date, default=None,
                   help=N_("the day to age on, YYYY-MM-DD (default: today)"))
    p.add_argument("--region", metavar="CODE", default=None, help=N_("only customers of this region"))
    p = export.add("ledger", N_("export a customer's receivables ledger to Excel"), export_ledger)
    p.add_argument("--customer", metavar="CODE", required=True, help=N_("the customer's code, e.g. C0001"))
    p.add_argument("--out", metavar="FILE.xlsx", required=True, help=N_("the workbook to write"))
    p.add_argument("--until", metavar="DATE", type=_date, default=None, help=N_("entries up to this day"))
    p = export.add("liability", N_("export a month's staff liability statement to Excel, for payroll"),
                   export_liability)
    p.add_argument("--month", metavar="YYYY-MM", type=_month, required=True, help=N_("the month, e.g. 2026-05"))
    p.add_argument("--out", metavar="FILE.xlsx", required=True, help=N_("the workbook to write"))

    printing = print_group(commands)
    p = printing.add("letter", N_("print a customer's collection letter at a step to PDF, in the customer's "
                                  "letter language (or that of --lang)"), print_letter)
    p.add_argument("--step", choices=list(STEPS), required=True, help=N_("the letter"))
    p.add_argument("--customer", metavar="CODE", required=True, help=N_("the customer's code, e.g. C0001"))
    output_options(p)
    p = printing.add("letters", N_("print the letters of every customer at a step: into one PDF, or one "
                                   "file per customer in a folder"), print_letters)
    p.add_argument("--step", choices=list(STEPS), required=True, help=N_("the letter"))
    output_options(p, "DIR|FILE.pdf", N_("a .pdf file for all of them, or a folder for one file each"))
    p = printing.add("credit-audit", N_("print the monthly credit audit to PDF"), print_credit_audit)
    p.add_argument("--month", metavar="YYYY-MM", type=_month, required=True, help=N_("the month, e.g. 2026-05"))
    output_options(p)

    p = import_group(commands).add("receivables", N_("import customers' opening balances (customer code, "
                                                     "document no., document date, due date, amount) from an "
                                                     ".xlsx or .csv file: all rows or none"), import_receivables)
    p.add_argument("file", metavar="FILE", help=N_("the .xlsx workbook (its first sheet) or .csv file"))


def export_aging(args: argparse.Namespace) -> int:
    from sales_desk.reports.collections.aging_xlsx import export_aging_xlsx

    target = xlsx_target(args.out)
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        count = export_aging_xlsx(db.uow(actor), target, args.as_of, region=args.region)
    out(ngettext("Wrote the aging of {n} customer to {path}.", "Wrote the aging of {n} customers to {path}.",
                 count).format(n=count, path=target))
    return 0


def export_ledger(args: argparse.Namespace) -> int:
    from sales_desk.reports.collections.ledger_xlsx import export_ledger_xlsx
    from sales_desk.services.customers import files as customers

    target = xlsx_target(args.out)
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        customer_id = customers.customer_id_by_code(db.uow(actor), args.customer)
        count = export_ledger_xlsx(db.uow(actor), customer_id, target, until=args.until)
    out(ngettext("Wrote {n} ledger line of {code} to {path}.", "Wrote {n} ledger lines of {code} to {path}.",
                 count).format(n=count, code=args.customer.upper(), path=target))
    return 0


def export_liability(args: argparse.Namespace) -> int:
    from sales_desk.reports.collections.liability_xlsx import export_liability_xlsx

    target = xlsx_target(args.out)
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        count = export_liability_xlsx(db.uow(actor), args.month, target, run_if_needed=True)
    out(ngettext("Wrote {n} liability line of {month} to {path}.", "Wrote {n} liability lines of {month} to {path}.",
                 count).format(n=count, month=args.month.strftime("%Y-%m"), path=target))
    return 0


def print_letter(args: argparse.Namespace) -> int:
    from sales_desk.reports.collections.letters import language_of
    from sales_desk.reports.records.issuers import issue_letter
    from sales_desk.services.collections import letter_data
    from sales_desk.services.customers import files as customers

    where = output(args)
    fallback = config_from(args).language
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        customer_id = customers.customer_id_by_code(db.uow(actor), args.customer)
        data = letter_data.letter(db.uow(actor), customer_id, STEPS[args.step])
        ref = issue_letter(db.uow(actor), data, language_of(data, args.lang, fallback))
        target = deliver_issued(db.uow(actor), ref, where)
    out(_("Wrote letter {ref} to {code} to {path}.").format(ref=data.letter_ref, code=data.customer_code,
                                                             path=target))
    return 0


def print_letters(args: argparse.Namespace) -> int:
    """Every letter at the step, each issued as its own document: into one PDF, one file
    each in a folder, or one print job each."""
    from sales_desk.reports.collections.letters import language_of, letter_file_name
    from sales_desk.reports.records.issuers import give_out, issue_letters, save_to
    from sales_desk.reports.records.stamping import concatenate
    from sales_desk.services.collections import letter_data

    lang, fallback = args.lang, config_from(args).language
    where = output(args) if args.printer else None
    one_file = bool(args.out) and args.out.lower().endswith(".pdf")
    target = pdf_target(args.out) if one_file else Path(args.out or ".").expanduser()
    if where is None and not one_file and target.exists() and not target.is_dir():
        raise UsageError(_("Not a folder: {path}").format(path=target))
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        letters = letter_data.letters_at(db.uow(actor), STEPS[args.step])
        if not letters:
            err(_("No customer is at that step: nothing to print."))
            return 1
        refs = issue_letters(db.uow(actor), letters, lambda d: language_of(d, lang, fallback))
        if where is not None:
            for d, ref in zip(letters, refs, strict=True):
                out(_("Wrote letter {ref} to {code} to {path}.").format(
                    ref=d.letter_ref, code=d.customer_code, path=deliver_issued(db.uow(actor), ref, where)))
            out(ngettext("Sent {n} letter to printer {printer}.", "Sent {n} letters to printer {printer}.",
                         len(letters)).format(n=len(letters), printer=where.printer))
            return 0
        given = [give_out(db.uow(actor), ref.id, "file").content for ref in refs]
    if one_file:
        save_to(target, concatenate(given))
        out(ngettext("Wrote {n} letter to {path}.", "Wrote {n} letters to {path}.", len(letters)).format(
            n=len(letters), path=target))
    else:
        # The folder is made, as `--out` names it, once there is something to put in it.
        target.mkdir(parents=True, exist_ok=True)
        for d, content in zip(letters, given, strict=True):
            save_to(target / letter_file_name(d), content)
        out(ngettext("Wrote {n} letter into {path}.", "Wrote {n} letters into {path}.", len(letters)).format(
            n=len(letters), path=target))
    return 0


def print_credit_audit(args: argparse.Namespace) -> int:
    from sales_desk.reports.records.issuers import issue_credit_audit

    where = output(args)
    lang = config_from(args).language
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        ref = issue_credit_audit(db.uow(actor), args.month, lang)
        target = deliver_issued(db.uow(actor), ref, where)
    out(_("Wrote the credit audit of {month} to {path}.").format(month=args.month.strftime("%Y-%m"), path=target))
    return 0


def import_receivables(args: argparse.Namespace) -> int:
    from sales_desk.services.collections import opening_balances as collections_import
    from sales_desk.services.collections.opening_balances import ImportRejected

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise FileNotFoundError(2, "No such file", str(path))
    with opened(args) as db:
        actor = login(db, args.user)
        try:
            result = collections_import.import_receivables(db.uow(actor), path)
        except ImportRejected as exc:
            for e in exc.errors:
                err(_("row {row}: {reason}").format(row=e.row, reason=f"{e.field} {e.reason}".strip()))
            err(ngettext("Nothing was imported: {n} row is wrong.", "Nothing was imported: {n} rows are wrong.",
                         len(exc.errors)).format(n=len(exc.errors)))
            return 1
    out(collections_import.describe(result))
    return 0
