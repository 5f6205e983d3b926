"""`audit export`: the audit trail and the SoD justification report as a workbook;
`audit refusals`: the refusals log as one, in sentences."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

from sales_desk.cli.common import CommandParsers, UsageError, login, opened, out
from sales_desk.domain.admin.refusal_sentences import kind_label
from sales_desk.domain.admin.refusals import RefusalKind
from sales_desk.i18n import N_, _


def register(commands: CommandParsers) -> None:
    group = commands.group("audit", N_("the audit trail"))
    p = group.add("export", N_("export the audit trail and the SoD justifications to Excel"), export)
    p.add_argument("--out", metavar="FILE.xlsx", required=True, help=N_("the workbook to write"))
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", type=_date, default=None,
                   help=N_("only rows from this day on (UTC)"))
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", type=_date, default=None,
                   help=N_("only rows up to and including this day (UTC)"))
    p.add_argument("--action", metavar="PREFIX", default="",
                   help=N_("only actions starting with this, e.g. user. or backup."))
    r = group.add("refusals", N_("export the refusals log to Excel, as sentences"), export_refusals)
    r.add_argument("--out", metavar="FILE.xlsx", required=True, help=N_("the workbook to write"))
    r.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", type=_date, default=None,
                   help=N_("only rows from this day on (UTC)"))
    r.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", type=_date, default=None,
                   help=N_("only rows up to and including this day (UTC)"))
    r.add_argument("--kind", choices=[k.value for k in RefusalKind], default="",
                   help=N_("only refusals of this kind"))


def _date(text: str) -> date:
    return date.fromisoformat(text)  # ValueError: argparse reports the bad value


def _target(args: argparse.Namespace) -> Path:
    target = Path(args.out).expanduser()
    if target.suffix.lower() != ".xlsx":
        raise UsageError(_("The file name must end in .xlsx: {path}").format(path=target))
    if not target.parent.resolve().is_dir():
        raise UsageError(_("No such folder: {path}").format(path=target.parent))
    return target


def export(args: argparse.Namespace) -> int:
    from sales_desk.reports.admin.audit_xlsx import write_audit_xlsx
    from sales_desk.services.admin import audit, users

    target = _target(args)
    flt = audit.AuditFilter(
        action_prefix=args.action,
        at_from=args.date_from.isoformat() if args.date_from else "",
        at_before=(args.date_to + timedelta(days=1)).isoformat() if args.date_to else "",
    )
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        justifications = users.sod_justification_report(db.uow(actor))
        count = audit.export_audit(db.uow(actor), lambda rows: write_audit_xlsx(target, rows, justifications),
                                   flt)
    out(_("Wrote {n} audit rows and {j} justifications to {path}.").format(
        n=count, j=len(justifications), path=target))
    return 0


def export_refusals(args: argparse.Namespace) -> int:
    from sales_desk.reports.admin.refusals_xlsx import write_refusals_xlsx
    from sales_desk.services.admin import refusals

    target = _target(args)
    flt = refusals.RefusalFilter(
        kind=args.kind,
        at_from=args.date_from.isoformat() if args.date_from else "",
        at_before=(args.date_to + timedelta(days=1)).isoformat() if args.date_to else "",
    )
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        count = refusals.export_refusals(
            db.uow(actor), lambda rows: write_refusals_xlsx(target, rows, kind_label), flt)
    out(_("Wrote {n} refusals to {path}.").format(n=count, path=target))
    return 0
