"""`sales-desk` argument parsing and dispatch.

Only argparse and gettext are imported here and in the command modules' top
level, so `--version` and `--help` answer at once; a command imports the
services it needs when it runs.

Exit codes: 0 done; 1 refused or failed (a DomainError: no right, wrong password,
conflicting roles, a broken audit chain…); 2 a usage mistake (bad arguments, a
missing file, an unknown role). A user's mistake never prints a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from sales_desk import __version__, i18n
from sales_desk.cli.common import (
    EXIT_FAILED,
    EXIT_USAGE,
    CommandParsers,
    Formatter,
    NoDatabase,
    UsageError,
    err,
    language_option,
)
from sales_desk.i18n import N_, _

# One module per command group, each with `register(commands)`. A later issue adds
# its module here (e.g. "sales_desk.cli.exports").
COMMAND_MODULES: list[str] = [
    "sales_desk.cli.users",
    "sales_desk.cli.maintenance",
    "sales_desk.cli.database",
    "sales_desk.cli.audit",
    "sales_desk.cli.demo",
    "sales_desk.cli.customers",
    "sales_desk.cli.credit",
    "sales_desk.cli.orders",
    "sales_desk.cli.customer_import",
    "sales_desk.cli.expenses",
    "sales_desk.cli.collections",
    "sales_desk.cli.statements",
    "sales_desk.cli.documents",
    "sales_desk.cli.policy",
]


def _initial_language() -> str:
    """For --help before --lang is read: the environment's choice, else the system's."""
    from sales_desk.config import ENV_LANGUAGE, normalize_language, system_language

    try:
        return normalize_language(os.environ.get(ENV_LANGUAGE)) or system_language()
    except ValueError:
        return system_language()


def build_parser() -> argparse.ArgumentParser:
    i18n.set_language(_initial_language())
    parser = argparse.ArgumentParser(
        prog="sales-desk",
        description=N_(
            "Sales Desk: the sales department's internal-control policy, enforced. "
            "Without a command the window opens."
        ),
        formatter_class=Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    global_options(parser, default=None)
    smoke_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=N_("commands"))
    commands = CommandParsers(sub, globals_parent=_globals_after_command())
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def global_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help=N_("the data folder (default: SALES_DESK_DATA or the user-data folder)"))
    parser.add_argument("--db", metavar="URL", default=default,
                        help=N_("a PostgreSQL database instead, e.g. postgresql+psycopg://user@host/db"))
    language_option(parser, default)


def smoke_option(parser: argparse.ArgumentParser) -> None:
    # Hidden: the check CI runs on the built bundle (app.run_smoke), not a user's command.
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)


def gui_args(argv: list[str]) -> argparse.Namespace | None:
    """The window's arguments when `argv` holds global options only (a double-click: none),
    parsed without building every command's parser, which costs ~25 ms of the start-up;
    None for anything else (a command, --help, --version, a mistake): the full parser
    answers those."""
    parser = argparse.ArgumentParser(prog="sales-desk", add_help=False, exit_on_error=False)
    global_options(parser, default=None)
    smoke_option(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    args.command = None
    return args


def _globals_after_command() -> argparse.ArgumentParser:
    # The global options are also accepted after the command; SUPPRESS keeps a value
    # given before the command when they are not repeated.
    parent = argparse.ArgumentParser(add_help=False)
    global_options(parent, default=argparse.SUPPRESS)
    return parent


def dispatch(args: argparse.Namespace) -> int:
    """Run the command `args` names; return the process exit code."""
    try:
        _apply_language(args)
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        err(_("Interrupted."))
        return 130
    except Exception as exc:
        if os.environ.get("SALES_DESK_DEBUG"):
            raise
        code = _exit_code(exc)
        if code is None:
            raise  # a bug, not the user's mistake: the traceback helps whoever fixes it
        err(_message(exc))
        return code


def _apply_language(args: argparse.Namespace) -> None:
    from sales_desk.config import resolve

    i18n.set_language(resolve(args.data_dir, args.db, args.lang).language)


def _exit_code(exc: Exception) -> int | None:
    from sales_desk.domain.common.errors import DomainError

    if isinstance(exc, UsageError | ValueError | FileNotFoundError | IsADirectoryError):
        return EXIT_USAGE
    if isinstance(exc, DomainError | NoDatabase | OSError):
        return EXIT_FAILED
    if "sqlalchemy" in sys.modules:
        from sqlalchemy.exc import InterfaceError, OperationalError

        if isinstance(exc, OperationalError | InterfaceError):
            return EXIT_FAILED  # a server that cannot be reached, a wrong --db URL
    return None


def _message(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError | IsADirectoryError) and exc.filename:
        return _("No such file: {path}").format(path=exc.filename)
    if isinstance(exc, OSError) and exc.filename:
        return _("{path}: {reason}").format(path=exc.filename, reason=exc.strerror or exc)
    if "sqlalchemy" in sys.modules:
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, DBAPIError):
            first = str(exc.orig or exc).strip().splitlines()[0] if str(exc.orig or exc).strip() else ""
            return _("The database cannot be opened: {reason}").format(reason=first)
    return str(exc)
