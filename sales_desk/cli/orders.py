"""`print contract`, `print dispatch-note` and `export dispatch-register`: the sales contract
and the dispatch note to PDF, the dispatch register to Excel.

Forms print in the language of --lang (default the configured one). The acting user's
rights apply as in the window: a rep prints and exports only their own orders and
customers; an order or shipment outside one's view is "not found". Files are written
through a .part file, so a refusal or failure never leaves half a file.
"""

from __future__ import annotations

import argparse
from datetime import date

from sales_desk.cli.common import CommandParsers, UsageError, config_from, login, opened, out
from sales_desk.cli.exporting import export_group, xlsx_target
from sales_desk.cli.printing import deliver_issued, output, output_options, print_group
from sales_desk.i18n import N_, _, ngettext


def register(commands: CommandParsers) -> None:
    group = print_group(commands)
    p = group.add("contract", N_("print a sales contract to PDF, in the language of --lang"), print_contract)
    p.add_argument("--order", metavar="NO", required=True, help=N_("the order number, e.g. SO2026-00042"))
    output_options(p)
    p.add_argument("--internal", action="store_true",
                   help=N_("the internal copy, with the reviews, the credit check and any override"))
    p = group.add("dispatch-note", N_("print a dispatch note to PDF, in the language of --lang"),
                  print_dispatch_note)
    p.add_argument("--shipment", metavar="NO", required=True, help=N_("the dispatch note number, e.g. DN2026-00007"))
    output_options(p)

    p = export_group(commands).add("dispatch-register", N_("export the dispatch register to Excel, filtered"),
                                   export_dispatch_register)
    p.add_argument("--out", metavar="FILE.xlsx", required=True, help=N_("the workbook to write"))
    p.add_argument("--from", dest="date_from", metavar="DATE", type=_date, default=None,
                   help=N_("only movements on or after this day (YYYY-MM-DD)"))
    p.add_argument("--to", dest="date_to", metavar="DATE", type=_date, default=None,
                   help=N_("only movements on or before this day (YYYY-MM-DD)"))
    p.add_argument("--customer", metavar="CODE", default="", help=N_("only this customer's movements"))


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a date (YYYY-MM-DD): {text}").format(text=text)) from None


def print_contract(args: argparse.Namespace) -> int:
    from sales_desk.reports.records.issuers import issue_contract
    from sales_desk.services.orders import views as order_views

    where = output(args)
    lang = config_from(args).language
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        order_id = order_views.order_id_by_number(db.uow(actor), args.order)
        ref = issue_contract(db.uow(actor), order_id, lang, internal=args.internal)
        target = deliver_issued(db.uow(actor), ref, where)
    copy = _("internal copy") if args.internal else _("customer's copy")
    out(_("Wrote contract {number} ({copy}) to {path}.").format(number=ref.reference, copy=copy, path=target))
    return 0


def print_dispatch_note(args: argparse.Namespace) -> int:
    from sales_desk.reports.records.issuers import issue_dispatch_note
    from sales_desk.services.orders import dispatch_register

    where = output(args)
    lang = config_from(args).language
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        shipment_id = dispatch_register.shipment_id_by_number(db.uow(actor), args.shipment)
        ref = issue_dispatch_note(db.uow(actor), shipment_id, lang)
        target = deliver_issued(db.uow(actor), ref, where)
    out(_("Wrote dispatch note {number} to {path}.").format(number=ref.reference, path=target))
    return 0


def export_dispatch_register(args: argparse.Namespace) -> int:
    from sales_desk.reports.orders.dispatch_register_xlsx import export_register_xlsx
    from sales_desk.services.customers import files as customers
    from sales_desk.services.orders.dispatch_register import RegisterFilter

    target = xlsx_target(args.out)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(_("--from must not lie after --to."))
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        customer_id = customers.customer_id_by_code(db.uow(actor), args.customer) if args.customer else None
        flt = RegisterFilter(date_from=args.date_from, date_to=args.date_to, customer_id=customer_id)
        count = export_register_xlsx(db.uow(actor), target, flt)
    out(ngettext("Wrote {n} movement to {path}.", "Wrote {n} movements to {path}.", count).format(
        n=count, path=target))
    return 0
