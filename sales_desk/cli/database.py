"""`db setup-roles`: the seats' own login on PostgreSQL, with the least it needs (db/roles.py)."""

from __future__ import annotations

import argparse

from sales_desk.cli.common import (
    CommandParsers,
    UsageError,
    config_from,
    new_password,
    opened,
    out,
    password_stdin_option,
)
from sales_desk.i18n import N_, _


def register(commands: CommandParsers) -> None:
    group = commands.group("db", N_("the PostgreSQL database's logins (offices with several seats)"))
    p = group.add(
        "setup-roles", N_("as the tables' owner (--db with the owner's login): bring the schema up to date and "
                          "create or renew the seats' login, which may read and write the business tables, only "
                          "add to the audit trail, and never alter, disable or drop a table or trigger"),
        setup_roles, acting=False)
    p.add_argument("--seat", metavar="NAME", required=True, help=N_("the seats' login name, e.g. salesdesk_seat"))
    p.add_argument("--keep-password", action="store_true",
                   help=N_("renew an existing login's grants without changing its password"))
    password_stdin_option(p)


def setup_roles(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import URL, make_url

    from sales_desk.db.roles import setup_seat
    from sales_desk.domain.admin.passwords import validate_password

    config = config_from(args)
    if config.is_sqlite:
        raise UsageError(_("Give the PostgreSQL database with --db, logged in as the tables' owner."))
    password = None if args.keep_password else new_password(args, args.seat)
    if password is not None:
        validate_password(password, (args.seat,))
    with opened(args, create=True) as db:  # creates or upgrades the schema as the owner
        done = setup_seat(db.engine, args.seat, password)
    owner = make_url(config.db_url)
    # A new URL, not owner.set(password=None): that keeps the owner's password.
    seat_url = URL.create(owner.drivername, done.seat, None, owner.host, owner.port, owner.database, owner.query)
    out((_("Created the login {seat}.") if done.created else _("Renewed the login {seat}'s grants.")).format(
        seat=done.seat))
    out(_("It may work in {n} tables of {db}: read and write the business tables, add to the audit trail."
          ).format(n=done.tables, db=done.database))
    out(_("Give each seat this database (with the password you set): {url}").format(
        url=seat_url.render_as_string(hide_password=False)))
    out(_("Keep the owner's login for upgrades and this command; a seat that uses it is warned by `check`."))
    return 0
