"""The `print` command group: printed forms to PDF, one subcommand per form.

Several feature modules print forms (credit sheets now; order and dunning forms
later), and argparse refuses a second group of the same name. So the group is made
once per parser, here, and each module adds its forms to it:

    from sales_desk.cli.printing import print_group

    def register(commands):
        p = print_group(commands).add("order-sheet", N_("…"), handler)

`print_pdf` writes through a temporary file, so a failed or refused print never
leaves a half-written PDF where the user asked for one.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
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
