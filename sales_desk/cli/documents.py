"""`documents list` and `documents reprint`: the register of issued documents of record, and
any of them given out again exactly as issued (marked as a copy once it has been printed)."""

from __future__ import annotations

import argparse
from datetime import date

from sales_desk.cli.common import CommandParsers, login, opened, out
from sales_desk.cli.printing import deliver_issued, output, output_options
from sales_desk.i18n import N_, _, ngettext


def register(commands: CommandParsers) -> None:
    group = commands.group("documents", N_("the register of issued documents of record"))
    p = group.add("list", N_("list issued documents, newest first"), list_documents)
    p.add_argument("--kind", metavar="KIND", default="",
                   help=N_("only this kind, e.g. contract, letter.dunning, or letter. for every letter"))
    p.add_argument("--customer", metavar="CODE", default="", help=N_("only documents about this customer"))
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", type=date.fromisoformat, default=None,
                   help=N_("only documents issued on or after this day"))
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", type=date.fromisoformat, default=None,
                   help=N_("only documents issued on or before this day"))
    p.add_argument("--find", metavar="TEXT", default="",
                   help=N_("a document's number (DR…), the form's own number (DL…, SO…) or words of its title"))
    p.add_argument("--limit", metavar="N", type=int, default=50, help=N_("at most this many (default 50)"))
    p = group.add("reprint", N_("print or save an issued document again, exactly as issued"), reprint)
    p.add_argument("number", metavar="NUMBER", help=N_("the document's number, e.g. DR2026-00012"))
    output_options(p)


def list_documents(args: argparse.Namespace) -> int:
    from sales_desk.services.customers import files as customers
    from sales_desk.services.records import register as records

    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        customer_id = customers.customer_id_by_code(db.uow(actor), args.customer) if args.customer else None
        flt = records.RegisterFilter(kind=args.kind, customer_id=customer_id, date_from=args.date_from,
                                     date_to=args.date_to, text=args.find)
        rows, more = records.register_page(db.uow(actor), flt, limit=max(1, args.limit))
    for r in rows:
        printed = ngettext("printed {n} time", "printed {n} times", r.outputs).format(n=r.outputs)
        out(f"{r.number}  {r.issued_on.isoformat()}  {r.issued_by:<12}  {r.title}  ({printed})")
    if not rows:
        out(_("No document matches."))
    elif more:
        out(_("… more: narrow the filter or raise --limit."))
    return 0


def reprint(args: argparse.Namespace) -> int:
    from sales_desk.services.records import issuing

    where = output(args)
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        ref = issuing.document_by_number(db.uow(actor), args.number)
        target = deliver_issued(db.uow(actor), ref, where)
    out(_("Wrote {number} to {path}.").format(number=ref.number, path=target))
    return 0
