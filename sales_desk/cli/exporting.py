"""The `export` command group: lists to Excel, one subcommand per list.

Several modules export lists (customers now; dispatch registers and ledgers later),
and argparse refuses a second group of the same name, so the group is made once per
parser, here, and each module adds its list to it (as `print` does in printing.py):

    from sales_desk.cli.exporting import export_group, xlsx_target

    def register(commands):
        p = export_group(commands).add("dispatches", N_("…"), handler)
"""

from __future__ import annotations

import weakref
from pathlib import Path

from sales_desk.cli.common import CommandParsers, UsageError
from sales_desk.i18n import N_, _

_GROUPS: weakref.WeakKeyDictionary[CommandParsers, CommandParsers] = weakref.WeakKeyDictionary()


def export_group(commands: CommandParsers) -> CommandParsers:
    """The `export` group of this parser, made on first use."""
    group = _GROUPS.get(commands)
    if group is None:
        group = _GROUPS[commands] = commands.group("export", N_("export lists to Excel"))
    return group


def xlsx_target(out: str) -> Path:
    """The --out file, checked before any work: an .xlsx in a folder that exists."""
    target = Path(out).expanduser()
    if target.suffix.lower() != ".xlsx":
        raise UsageError(_("The file name must end in .xlsx: {path}").format(path=target))
    if not target.parent.resolve().is_dir():
        raise UsageError(_("No such folder: {path}").format(path=target.parent))
    return target
