"""The `print` command group: printed forms to PDF, one subcommand per form.

Several feature modules print forms (credit sheets now; order and dunning forms
later), and argparse refuses a second group of the same name. So the group is made
once per parser, here, and each module adds its forms to it:

    from sales_desk.cli.printing import print_group

    def register(commands):
        p = print_group(commands).add("order-sheet", N_("…"), handler)

Every form is issued as a document of record first (reports/records/issuers.py);
`deliver_issued` then writes its bytes through a .part file or sends them to a printer, so
a failed or refused print never leaves a half-written PDF where the user asked for one.

Every form goes either to a file (`--out FILE.pdf`) or to a printer (`--printer NAME`, a
CUPS queue): `output_options` adds the pair, exactly one of them required; `output`
checks the choice before any work.
"""

from __future__ import annotations

import argparse
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sales_desk.cli.common import CommandParsers, UsageError, out
from sales_desk.i18n import N_, _

if TYPE_CHECKING:
    from sales_desk.db.uow import UnitOfWork
    from sales_desk.services.records.issuing import IssuedRef

_GROUPS: weakref.WeakKeyDictionary[CommandParsers, CommandParsers] = weakref.WeakKeyDictionary()


def print_group(commands: CommandParsers) -> CommandParsers:
    """The `print` group of this parser, made on first use."""
    group = _GROUPS.get(commands)
    if group is None:
        group = _GROUPS[commands] = commands.group("print", N_("print forms to PDF"))
    return group


def pdf_target(out: str) -> Path:
    """The --out file, checked before any work: a .pdf in a folder that exists."""
    target = Path(out).expanduser()
    if target.suffix.lower() != ".pdf":
        raise UsageError(_("The file name must end in .pdf: {path}").format(path=target))
    if not target.parent.resolve().is_dir():
        raise UsageError(_("No such folder: {path}").format(path=target.parent))
    return target


# -- to a file or to a printer ------------------------------------------------------------

def output_options(p: argparse.ArgumentParser, out_metavar: str = "FILE.pdf",
                   out_help: str = N_("the PDF file to write")) -> None:
    """--out FILE or --printer NAME, exactly one of them."""
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar=out_metavar, help=out_help)
    where.add_argument("--printer", metavar="NAME",
                       help=N_("print on this printer (a CUPS queue, see `lpstat -e`) instead of writing a file"))


@dataclass(frozen=True)
class Output:
    """Where a form goes: the checked --out file, or the --printer queue."""

    path: Path | None = None
    printer: str = ""


def output(args: argparse.Namespace) -> Output:
    """The --out file or the --printer, checked before any work is done."""
    if getattr(args, "printer", None):
        _check_printer(args.printer)
        return Output(printer=args.printer)
    return Output(path=pdf_target(args.out))


def send_to_printer(pdf: bytes, printer: str, title: str) -> str:
    """Queue the PDF on a CUPS printer (`lp -d NAME -t TITLE`); return the job id.
    UsageError when there is no CUPS (Windows: write the PDF with --out and print it) or
    no such printer (naming those there are)."""
    from sales_desk.reports.common import print_server

    _check_printer(printer)
    try:
        return print_server.submit(pdf, printer, title)
    except print_server.PrintError as exc:
        raise UsageError(str(exc)) from None


def _check_printer(printer: str) -> None:
    from sales_desk.reports.common import print_server

    if not print_server.available():
        raise UsageError(_("--printer needs the CUPS print server (the lp command), which this computer "
                           "does not have. Write the PDF with --out and print that file."))
    try:
        print_server.check_printer(printer)
    except print_server.PrintError as exc:
        raise UsageError(str(exc)) from None


# -- documents of record ------------------------------------------------------------------
def deliver_issued(uow: UnitOfWork, ref: IssuedRef, where: Output) -> str:
    """An issued document to the --out file or the --printer, logged: the original the
    first time, a copy marked as such after. Returns where it went, for the user."""
    from sales_desk.reports.records.issuers import give_out, save_to

    given = give_out(uow, ref.id, where.printer or "file")
    out(issued_line(ref, given.copy))
    if where.path is not None:
        save_to(where.path, given.content)
        return str(where.path)
    job = send_to_printer(given.content, where.printer, ref.title)
    return _("printer {printer} (job {job})").format(printer=where.printer, job=job)


def issued_line(ref: IssuedRef, copy: bool) -> str:
    if copy:
        return _("A copy of document {number}, issued {date} by {name}: printed as it was issued, marked "
                 "as a copy.").format(number=ref.number, date=ref.issued_on.isoformat(), name=ref.issued_by)
    if ref.earlier:
        return _("Document {number} was issued {date} by {name}; this is its first print.").format(
            number=ref.number, date=ref.issued_on.isoformat(), name=ref.issued_by)
    return _("Issued document {number} ({title}).").format(number=ref.number, title=ref.title)
