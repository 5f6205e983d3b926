"""The `import` command group: spreadsheets into the database, one subcommand per kind.

Several modules import (customers now; opening balances later), and argparse refuses a
second group of the same name, so the group is made once per parser, here, and each
module adds its kind to it (as `print` and `export` do):

    from sales_desk.cli.importing import import_group, read_sheet

    def register(commands):
        p = import_group(commands).add("balances", N_("…"), handler)

`read_sheet` opens the file through services/common/spreadsheets.py (the size caps, the
zip-bomb and XML-entity guards): every importer reads files the same safe way.
"""

from __future__ import annotations

import errno
import os
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from sales_desk.cli.common import CommandParsers
from sales_desk.i18n import N_

if TYPE_CHECKING:
    from sales_desk.services.common.spreadsheets import Table

_GROUPS: weakref.WeakKeyDictionary[CommandParsers, CommandParsers] = weakref.WeakKeyDictionary()


def import_group(commands: CommandParsers) -> CommandParsers:
    """The `import` group of this parser, made on first use."""
    group = _GROUPS.get(commands)
    if group is None:
        group = _GROUPS[commands] = commands.group("import", N_("import from Excel or CSV files"))
    return group


def read_sheet(file: str) -> Table:
    """The first sheet of FILE (.xlsx or .csv); a missing file is a usage mistake (exit 2)."""
    from sales_desk.services.common.spreadsheets import read_table

    path = Path(file).expanduser()
    if not path.is_file():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
    return read_table(path)
