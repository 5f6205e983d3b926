"""Statements of account and the auditor's letters from the command line, held to the acting
user's rights as in the window (a rep: their own customers; finance: all):

    print statements --as-of DATE [--customer CODE] [--from DATE] --out DIR|FILE.pdf
    print confirmation --customer CODE --as-of DATE --auditor NAME --out FILE.pdf

Without --customer, every customer with a balance on the day gets one. Each statement is
issued as its own document of record in its customer's letter language unless --lang
names one; into one PDF, one file each in a folder, or one print job each (--printer).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sales_desk.cli.collections import _date
from sales_desk.cli.common import CommandParsers, UsageError, config_from, err, login, opened, out
from sales_desk.cli.printing import deliver_issued, output, output_options, pdf_target, print_group
from sales_desk.i18n import N_, _, ngettext


def register(commands: CommandParsers) -> None:
    printing = print_group(commands)
    p = printing.add("statements", N_("print statements of account with their confirmation slips: for one "
                                      "customer, or every customer with a balance on the day"), print_statements)
    p.add_argument("--as-of", metavar="DATE", type=_date, required=True,
                   help=N_("the statement's date, YYYY-MM-DD: the balance on that day"))
    p.add_argument("--customer", metavar="CODE", default=None, help=N_("only this customer, e.g. C0001"))
    p.add_argument("--from", dest="start", metavar="DATE", type=_date, default=None,
                   help=N_("the period's first day (default: 1 January of the statement's year)"))
    output_options(p, "DIR|FILE.pdf", N_("a .pdf file for all of them, or a folder for one file each"))
    p = printing.add("confirmation", N_("print the auditor's balance confirmation letter to a customer"),
                     print_confirmation)
    p.add_argument("--customer", metavar="CODE", required=True, help=N_("the customer's code, e.g. C0001"))
    p.add_argument("--as-of", metavar="DATE", type=_date, required=True, help=N_("the balance's date, YYYY-MM-DD"))
    p.add_argument("--auditor", metavar="NAME", required=True, help=N_("the audit firm the customer replies to"))
    p.add_argument("--auditor-address", metavar="TEXT", default="", help=N_("the audit firm's address"))
    output_options(p)


def _file_name(code: str, as_of: object) -> str:
    return f"statement-{code}-{as_of}.pdf"


def print_statements(args: argparse.Namespace) -> int:
    from sales_desk.reports.records.issuers import give_out, save_to
    from sales_desk.reports.records.stamping import concatenate
    from sales_desk.reports.records.statements import issue_statements
    from sales_desk.services.collections import statement_data
    from sales_desk.services.customers import files as customers

    fallback = config_from(args).language
    where = output(args) if args.printer else None
    one_file = bool(args.out) and args.out.lower().endswith(".pdf")
    target = pdf_target(args.out) if one_file else Path(args.out or ".").expanduser()
    if where is None and not one_file and not target.is_dir():
        raise UsageError(_("No such folder: {path}").format(path=target))
    with opened(args) as db:
        actor = login(db, args.user)
        if args.customer:
            ids = [customers.customer_id_by_code(db.uow(actor), args.customer)]
        else:
            ids = statement_data.customers_with_balance(db.uow(actor), args.as_of)
        if not ids:
            err(_("No customer has a balance on {date}: nothing to print.").format(date=args.as_of.isoformat()))
            return 1
        issued = issue_statements(db.uow(actor), ids, args.as_of, fallback, args.lang, start=args.start)
        if where is not None:
            for s in issued:
                deliver_issued(db.uow(actor), s.document, where)
            out(ngettext("Sent {n} statement to printer {printer}.", "Sent {n} statements to printer {printer}.",
                         len(issued)).format(n=len(issued), printer=where.printer))
            return 0
        given = [give_out(db.uow(actor), s.document.id, "file").content for s in issued]
    if one_file:
        save_to(target, concatenate(given))
    else:
        for s, content in zip(issued, given, strict=True):
            save_to(target / _file_name(s.data.customer_code, args.as_of.isoformat()), content)
    out(ngettext("Wrote {n} statement of account to {path}.", "Wrote {n} statements of account to {path}.",
                 len(issued)).format(n=len(issued), path=target))
    return 0


def print_confirmation(args: argparse.Namespace) -> int:
    from sales_desk.reports.records.statements import issue_confirmation
    from sales_desk.services.customers import files as customers

    where = output(args)
    fallback = config_from(args).language
    with opened(args) as db:
        actor = login(db, args.user)
        cid = customers.customer_id_by_code(db.uow(actor), args.customer)
        ref, _data = issue_confirmation(db.uow(actor), cid, args.as_of, args.auditor, fallback, args.lang,
                                        args.auditor_address)
        target = deliver_issued(db.uow(actor), ref, where)
    out(_("Wrote the balance confirmation letter to {code} to {path}.").format(code=args.customer.upper(),
                                                                                path=target))
    return 0
