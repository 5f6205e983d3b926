"""The `print` command group: printed forms to PDF, one subcommand per form.

Several feature modules print forms (credit sheets now; order and dunning forms
later), and argparse refuses a second group of the same name. So the group is made
once per parser, here, and each module adds its forms to it:

    from sales_desk.cli.printing import print_group

    def register(commands):
        p = print_group(commands).add("order-sheet", N_("…"), handler)

`print_pdf` writes through a temporary file, so a failed or refused print never
leaves a half-written PDF where the user asked for one.

Every form goes either to a file (`--out FILE.pdf`) or to a printer (`--printer NAME`, a
CUPS queue): `output_options` adds the pair, exactly one of them required; `output`
checks the choice before any work and `deliver` renders and puts the PDF there.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sales_desk.cli.common import CommandParsers, UsageError
from sales_desk.i18n import N_, _

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


def print_pdf(target: Path, render: Callable[[Path], None]) -> None:
    """Call `render(path)` on a temporary file beside `target`, then put it in place."""
    part = target.with_name(target.name + ".part")
    try:
        render(part)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


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


def deliver(where: Output, render: Callable[[Path], None], title: str) -> str:
    """Render the form into the file, or into a temporary file sent to the printer.
    Returns what to tell the user: the file, or the printer and its job id."""
    if where.path is not None:
        print_pdf(where.path, render)
        return str(where.path)
    with tempfile.TemporaryDirectory(prefix="sales-desk-print-") as folder:
        path = Path(folder) / "form.pdf"
        render(path)
        job = send_to_printer(path.read_bytes(), where.printer, title)
    return _("printer {printer} (job {job})").format(printer=where.printer, job=job)


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
