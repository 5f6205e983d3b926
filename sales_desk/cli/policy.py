"""The policy as written from the command line, held to the acting user's rights as in the window:

    policy show [--on DATE]                          (the numbers in force that day; default today)
    policy history                                   (every version and proposal, newest first)
    export year-end --year Y --out FILE.xlsx         (this year's clearance list and Y's 1 January list)

Proposing and approving stay in the window, where the proposer sees the numbers in force and
the general manager the proposal (SPEC §9): these commands read, for an auditor or a batch.
"""

from __future__ import annotations

import argparse
from datetime import date

from sales_desk.cli.common import CommandParsers, UsageError, login, opened, out, table
from sales_desk.cli.exporting import export_group, xlsx_target
from sales_desk.i18n import N_, _, ngettext


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a date (YYYY-MM-DD): {text}").format(text=text)) from None


def register(commands: CommandParsers) -> None:
    group = commands.group("policy", N_("the policy versions: the business numbers and who set them"))
    p = group.add("show", N_("show the policy numbers in force on a day"), show)
    p.add_argument("--on", metavar="DATE", type=_date, default=None,
                   help=N_("the day, YYYY-MM-DD (default: today)"))
    group.add("history", N_("list every policy version and proposal, newest first"), history)

    p = export_group(commands).add("year-end", N_("export the year-end clearance list and what was open on "
                                                  "1 January, with its liability, to Excel"), export_year_end)
    p.add_argument("--year", metavar="YEAR", type=int, required=True,
                   help=N_("the year whose 1 January list (of the year after) to write, e.g. 2026"))
    p.add_argument("--out", metavar="FILE.xlsx", required=True, help=N_("the workbook to write"))


def _value(kind: str, value: object) -> str:
    from sales_desk.domain.common.money import format_money
    from sales_desk.i18n import current_language

    if kind == "money" and isinstance(value, int):
        return format_money(value, current_language())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):  # the personal allowances
        return "; ".join(f"{k}: {format_money(int(v), current_language())}" for k, v in sorted(value.items())) or "—"
    return str(value)


def show(args: argparse.Namespace) -> int:
    from sales_desk import clock
    from sales_desk.domain.admin.policy import group_of
    from sales_desk.domain.admin.settings import SPECS
    from sales_desk.services.admin import policy

    day = args.on or clock.today()
    with opened(args) as db:
        actor = login(db, args.user)
        p = policy.policy_on(db.uow(actor), day)
    if p.number:
        out(_("Policy version {n}, in force since {since}, applies on {day}.").format(
            n=p.number, since=p.effective_from.isoformat() if p.effective_from else "", day=day.isoformat()))
    else:
        out(_("No policy version applies on {day}: the program's defaults.").format(day=day.isoformat()))
    rows = [(s.text(), _value(s.kind, p.values.get(s.key))) for s in SPECS if group_of(s.key) is not None]
    out(table([_("Policy figure"), _("Value")], rows))
    return 0


def history(args: argparse.Namespace) -> int:
    from sales_desk.services.admin import policy

    with opened(args) as db:
        actor = login(db, args.user)
        rows = policy.policy_history(db.uow(actor))
    out(table([_("Version"), _("In force from"), _("Status"), _("Group"), _("Proposed by"), _("Decided by"),
               _("Reason")],
              [(str(r.number) if r.number else "—", r.effective_from.isoformat(),
                _("In force") if r.in_force else r.status_label, r.group, r.proposed_by or "—",
                r.decided_by or "—", r.reason) for r in rows]))
    out(ngettext("{n} version or proposal.", "{n} versions and proposals.", len(rows)).format(n=len(rows)))
    return 0


def export_year_end(args: argparse.Namespace) -> int:
    from sales_desk.reports.collections.year_end_xlsx import export_year_end_xlsx

    if not 2000 <= args.year <= 2100:
        raise UsageError(_("not a year: {year}").format(year=args.year))
    target = xlsx_target(args.out)
    with opened(args) as db:
        actor = login(db, args.user)
        count = export_year_end_xlsx(db.uow(actor), target, args.year)
    out(ngettext("Wrote {n} row of the year-end lists to {path}.", "Wrote {n} rows of the year-end lists to {path}.",
                 count).format(n=count, path=target))
    return 0
