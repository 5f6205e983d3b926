"""`export expenses` and `print expense-report`: the year's expense ledger [销售费用台账] to
Excel, and the annual expense-control report [年度营销费用控制报告] to PDF.

The acting user's rights apply as in the window: those who oversee expenses (review,
approve, check, pay, budget) read every claim; nobody else does. The PDF is printed in
the language of --lang (en or zh_CN); both files are written through a .part file and
appear under their name only when complete.
"""

from __future__ import annotations

import argparse

from sales_desk.cli.common import CommandParsers, UsageError, config_from, login, opened, out
from sales_desk.cli.exporting import export_group, xlsx_target
from sales_desk.cli.printing import deliver_issued, output, output_options, print_group
from sales_desk.i18n import N_, _

FIRST_YEAR, LAST_YEAR = 2000, 2100


def register(commands: CommandParsers) -> None:
    p = export_group(commands).add(
        "expenses", N_("export the year's expense ledger to Excel: every claim with its route, signature and "
                       "payment, and the budget against paid by month and department"), export_expenses)
    p.add_argument("--year", metavar="YYYY", type=int, required=True, help=N_("the year the money was spent"))
    p.add_argument("--out", metavar="FILE.xlsx", required=True, help=N_("the workbook to write"))
    p = print_group(commands).add(
        "expense-report", N_("print the annual expense-control report to PDF, in the language of --lang"),
        print_expense_report)
    p.add_argument("--year", metavar="YYYY", type=int, required=True, help=N_("the year of the report"))
    output_options(p)
    p.add_argument("--notes", metavar="TEXT", default="",
                   help=N_("the analysis and the improvements proposed, printed in the notes"))


def _year(args: argparse.Namespace) -> int:
    if not FIRST_YEAR <= args.year <= LAST_YEAR:
        raise UsageError(_("--year: {year} is not a year between {first} and {last}.").format(
            year=args.year, first=FIRST_YEAR, last=LAST_YEAR))
    return int(args.year)


def export_expenses(args: argparse.Namespace) -> int:
    from sales_desk.reports.expenses.ledger_xlsx import write_expense_ledger
    from sales_desk.services.expenses import ledger as expense_ledger

    target = xlsx_target(args.out)
    year = _year(args)
    lang = config_from(args).language
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        # the shared writer fills FILE.xlsx.part and renames it once the workbook is complete
        count = expense_ledger.export_expense_ledger(
            db.uow(actor), year, lambda report, rows: write_expense_ledger(target, report, rows, lang=lang))
    out(_("Wrote {n} claims of {year} to {path}.").format(n=count, year=year, path=target))
    return 0


def print_expense_report(args: argparse.Namespace) -> int:
    from sales_desk.reports.records.issuers import issue_expense_report

    where = output(args)
    year = _year(args)
    lang = config_from(args).language
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        ref = issue_expense_report(db.uow(actor), year, lang, args.notes)
        target = deliver_issued(db.uow(actor), ref, where)
    out(_("Wrote the {year} expense-control report to {path}.").format(year=year, path=target))
    return 0
