"""`export customers`: the customer list to Excel, with the Customers tab's filters.

The acting user's rights apply as in the window: a rep exports only their own
customers, and only with the export right (customer.export); the export is audited.
"""

from __future__ import annotations

import argparse

from sales_desk.cli.common import CommandParsers, UsageError, login, opened, out
from sales_desk.cli.exporting import export_group, xlsx_target
from sales_desk.i18n import N_, _

GRADES = ("A", "B", "C", "D")


def register(commands: CommandParsers) -> None:
    p = export_group(commands).add("customers", N_("export the customer list to Excel, filtered as in the Customers tab"),
                  export_customers)
    p.add_argument("--out", metavar="FILE.xlsx", required=True, help=N_("the workbook to write"))
    p.add_argument("--search", metavar="TEXT", default="",
                   help=N_("only customers whose name or code contains this"))
    p.add_argument("--region", metavar="CODE", default="", help=N_("only this region (e.g. east, north)"))
    p.add_argument("--industry", metavar="CODE", default="",
                   help=N_("only this industry (e.g. manufacturing, retail)"))
    p.add_argument("--nature", metavar="CODE", default="", help=N_("only this nature (e.g. state, private)"))
    p.add_argument("--type", dest="customer_type", metavar="CODE", default="",
                   help=N_("only this customer type (e.g. distributor, agent)"))
    p.add_argument("--value-grade", metavar="A-D", choices=GRADES, default="",
                   help=N_("only this value grade"))
    p.add_argument("--credit-grade", metavar="A-D|none", choices=(*GRADES, "none"), default="",
                   help=N_("only this credit grade; none: not rated"))
    p.add_argument("--rep", metavar="USER", default="", help=N_("only the customers this sales rep keeps"))
    for flag, text in (("--key-account", N_("only key accounts")),
                       ("--credit-hold", N_("only customers on credit hold")),
                       ("--stale", N_("only stale files (not updated for three months)")),
                       ("--review-pending", N_("only files waiting for the superior's review")),
                       ("--rerating-due", N_("only customers whose annual re-rating is due"))):
        p.add_argument(flag, action="store_true", help=text)
    p.add_argument("--order", choices=("name", "code"), default="name", help=N_("sort by name or by code"))


def _check_codes(args: argparse.Namespace) -> None:
    """A code not in the lists is a usage mistake: say which codes there are."""
    from sales_desk.domain.customers.files import CLASSIFICATIONS

    for field, option in (("region", "--region"), ("industry", "--industry"), ("nature", "--nature"),
                          ("customer_type", "--type")):
        value = getattr(args, field)
        codes = [c.code for c in CLASSIFICATIONS[field]]
        if value and value not in codes:
            raise UsageError(_("{option}: “{value}” is not one of {codes}.").format(
                option=option, value=value, codes=", ".join(codes)))


def export_customers(args: argparse.Namespace) -> int:
    from sales_desk.reports.customers.list_xlsx import export_customers_xlsx
    from sales_desk.services.customers import pickers as customer_pickers
    from sales_desk.services.customers.listing import CustomerFilter

    target = xlsx_target(args.out)
    _check_codes(args)
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        rep_id = None
        if args.rep:
            reps = customer_pickers.list_reps(db.uow(actor), include_inactive=True)
            rep_id = next((r.id for r in reps if r.username.lower() == args.rep.lower()), None)
            if rep_id is None:
                raise UsageError(_("--rep: “{user}” is not a sales rep.").format(user=args.rep))
        flt = CustomerFilter(
            text=args.search, region=args.region, industry=args.industry, nature=args.nature,
            customer_type=args.customer_type, value_grade=args.value_grade, credit_grade=args.credit_grade,
            rep_id=rep_id,
            **{k: True for k in ("key_account", "credit_hold", "stale", "review_pending", "rerating_due")
               if getattr(args, k)})
        count = export_customers_xlsx(db.uow(actor), target, flt, order=args.order)
    out(_("Wrote {n} customers to {path}.").format(n=count, path=target))
    return 0
