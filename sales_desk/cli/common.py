"""What every command shares: parsers, opening the data, acting as a user, output.

Kept light to import (argparse and gettext only); the database layers are imported
inside the functions, when a command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sales_desk import i18n
from sales_desk.i18n import N_, _

if TYPE_CHECKING:
    from sales_desk.config import AppConfig
    from sales_desk.db.database import Database
    from sales_desk.domain.common.roles import Actor

EXIT_OK = 0
EXIT_FAILED = 1  # refused or failed
EXIT_USAGE = 2  # the command was used wrongly (argparse uses 2 as well)
ENV_PASSWORD = "SALES_DESK_PASSWORD"

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """The command was given wrongly: exit 2, the message, no traceback."""


# -- parsers ------------------------------------------------------------------------------

class Formatter(argparse.HelpFormatter):
    """Help texts are marked with N_() and translated when shown, so `--lang zh_CN --help`
    and SALES_DESK_LANG both work."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help
        return _(text) if text and text is not argparse.SUPPRESS else text

    def add_text(self, text: str | None) -> None:
        super().add_text(_(text) if text and text is not argparse.SUPPRESS else text)

    def start_section(self, heading: str | None) -> None:
        super().start_section(_(heading) if heading else heading)


def language(value: str) -> str:
    from sales_desk.config import normalize_language

    lang = normalize_language(value)
    if lang is None:
        raise ValueError(value)
    return lang


class _LanguageAction(argparse.Action):
    """Switch the language as soon as --lang is read, so a later --help is translated."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        setattr(namespace, self.dest, values)
        i18n.set_language(str(values))


def language_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--lang", metavar="en|zh_CN", type=language, action=_LanguageAction,
                        default=default, help=N_("the language of messages (default: the system's)"))


def _acting_user_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--user", metavar="NAME", required=True,
        help=N_("act as this user, held to their rights (password from SALES_DESK_PASSWORD "
                "or asked for)"),
    )
    return parent


class CommandParsers:
    """Adds commands with the shared options; `group()` nests actions (`user add`…)."""

    def __init__(self, sub: argparse._SubParsersAction, globals_parent: argparse.ArgumentParser):
        self._sub = sub
        self._globals = globals_parent
        self._acting = _acting_user_parent()

    def add(self, name: str, help: str, handler: Handler, *, acting: bool = True,
            description: str | None = None) -> argparse.ArgumentParser:
        """A command; `acting` ones take --user. `help` is an N_() msgid."""
        parents = [self._globals] + ([self._acting] if acting else [])
        parser = self._sub.add_parser(name, help=help, description=description or help,
                                      formatter_class=Formatter, parents=parents)
        parser.set_defaults(func=handler)
        return parser

    def group(self, name: str, help: str) -> CommandParsers:
        parser = self._sub.add_parser(name, help=help, description=help, formatter_class=Formatter)
        sub = parser.add_subparsers(dest=f"{name}_action", metavar="ACTION", required=True,
                                    title=N_("actions"))
        nested = CommandParsers(sub, self._globals)
        nested._acting = self._acting
        return nested


# -- the data and the acting user ---------------------------------------------------------

def config_from(args: argparse.Namespace) -> AppConfig:
    from sales_desk.config import resolve

    return resolve(args.data_dir, args.db, args.lang)


class NoDatabase(Exception):
    """A command other than `init` pointed at a folder with no database: refused (exit 1)."""


@contextmanager
def opened(args: argparse.Namespace, create: bool = False, reader: bool = False) -> Iterator[Database]:
    """The database the global options name, opened as the window opens it (instance
    lock, damage check, migrations after a backup), and closed again. Only `init`
    creates one: a mistyped --data-dir must not leave an empty database behind.

    `reader`: a command that only reads the firm's data (check, backup, exports, prints)
    runs even while a window holds the folder, beside it (db/database.py open_database)."""
    from sales_desk.db.database import open_database

    config = config_from(args)
    if not create and config.is_sqlite and not config.sqlite_path.exists():
        raise NoDatabase(
            _("There is no database in {folder}. Create one with `sales-desk init`, or give "
              "the right --data-dir.").format(folder=config.data_dir)
        )
    db = open_database(config, beside_holder=reader)
    try:
        yield db
    finally:
        db.close()


def login(db: Database, username: str) -> Actor:
    """The acting user, after the same password check (and lock-out) as the login dialog."""
    from sales_desk.services.admin import auth

    return auth.login(db.uow(), username, acting_password(username))


def acting_password(username: str) -> str:
    password = os.environ.get(ENV_PASSWORD)
    if password:
        return password
    if not _interactive():
        raise UsageError(
            _("No password for {user}: set SALES_DESK_PASSWORD, or run the command in a "
              "terminal to be asked for it.").format(user=username)
        )
    import getpass

    return getpass.getpass(_("Password for {user}: ").format(user=username))


def new_password(args: argparse.Namespace, username: str) -> str:
    """The password for an account being created or reset: from standard input with
    --password-stdin, or typed twice in a terminal."""
    if getattr(args, "password_stdin", False):
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")  # only the line end: spaces belong to a passphrase
        if not password:
            raise UsageError(_("--password-stdin: no password on standard input."))
        return password
    if not _interactive():
        raise UsageError(_("Give the new password on standard input with --password-stdin."))
    import getpass

    first = getpass.getpass(_("New password for {user}: ").format(user=username))
    if getpass.getpass(_("The same again: ")) != first:
        raise UsageError(_("The two passwords differ; nothing was changed."))
    return first


def password_stdin_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin", action="store_true",
        help=N_("read the new password from the first line of standard input "
                "(otherwise it is asked for twice)"),
    )


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


# -- output -------------------------------------------------------------------------------

def out(text: str = "") -> None:
    print(text)


def err(text: str) -> None:
    print(f"sales-desk: {text}", file=sys.stderr)


def _width(text: str) -> int:
    """Columns on a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [_width(h) for h in headers]
    for row in rows:
        widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
