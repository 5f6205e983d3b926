"""`print credit-sheet` and `print rating-report`: a customer's credit forms to PDF.

The form is printed in the language of the messages (--lang en|zh_CN, default the
configured one). The acting user's rights apply as in the window: the credit staff
and customer-manager level print; printing is audited (the sheet carries the
customer's confidential figures).
"""

from __future__ import annotations

import argparse

from sales_desk.cli.common import CommandParsers, config_from, login, opened, out
from sales_desk.cli.printing import deliver_issued, output, output_options, print_group
from sales_desk.i18n import N_, _

SHEET, REPORT = "credit-sheet", "rating-report"
FORM_NAMES = {SHEET: N_("credit evaluation sheet"), REPORT: N_("credit rating report")}


def register(commands: CommandParsers) -> None:
    group = print_group(commands)
    for form, help_text in (
        (SHEET, N_("print a customer's credit evaluation sheet to PDF, in the language of --lang")),
        (REPORT, N_("print a customer's credit rating report to PDF, in the language of --lang")),
    ):
        p = group.add(form, help_text, lambda args, f=form: print_credit_form(args, f))
        p.add_argument("--customer", metavar="CODE", required=True, help=N_("the customer's code, e.g. C0001"))
        output_options(p)
        p.add_argument("--investigation", metavar="NO", type=int, default=None,
                       help=N_("print this investigation (default: the customer's latest)"))


def print_credit_form(args: argparse.Namespace, form: str) -> int:
    from sales_desk.domain.common.records import FormKind
    from sales_desk.reports.records.issuers import issue_credit_form
    from sales_desk.services.customers import files as customers

    where = output(args)
    lang = config_from(args).language
    kind = FormKind.CREDIT_SHEET if form == SHEET else FormKind.RATING_REPORT
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        customer_id = customers.customer_id_by_code(db.uow(actor), args.customer)
        ref = issue_credit_form(db.uow(actor), customer_id, kind, lang, args.investigation)
        target = deliver_issued(db.uow(actor), ref, where)
    out(_("Wrote the {form} of {code} to {path}.").format(
        form=_(FORM_NAMES[form]), code=args.customer.upper(), path=target))
    return 0
