"""`init` (the first administrator) and `user …` (the admin's user management)."""

from __future__ import annotations

import argparse

from sales_desk.cli.common import (
    CommandParsers,
    config_from,
    login,
    new_password,
    opened,
    out,
    password_stdin_option,
    table,
)
from sales_desk.i18n import N_, _

_NAME_HELP = N_("the user name")


def register(commands: CommandParsers) -> None:
    p = commands.add("init", N_("create the database and its administrator (refused once users exist)"),
                     init, acting=False)
    p.add_argument("--admin", metavar="NAME", required=True, help=N_("the administrator's user name"))
    p.add_argument("--full-name", metavar="TEXT", default="", help=N_("the administrator's full name"))
    p.add_argument("--despite-backups", action="store_true",
                   help=N_("start a new, empty database in a folder that holds backups of another"))
    password_stdin_option(p)

    user = commands.group("user", N_("manage users and their roles (administrator)"))
    p = user.add("add", N_("add a user with one or more roles"), add)
    p.epilog = _roles_epilog()
    p.add_argument("name", metavar="NAME", help=_NAME_HELP)
    _roles_option(p)
    p.add_argument("--full-name", metavar="TEXT", default="", help=N_("the person's full name"))
    _justify_option(p)
    password_stdin_option(p)

    user.add("list", N_("list users, their roles and recorded justifications"), list_)

    p = user.add("roles", N_("replace a user's roles"), roles)
    p.epilog = _roles_epilog()
    p.add_argument("name", metavar="NAME", help=_NAME_HELP)
    p.add_argument("roles", metavar="ROLE", nargs="+", help=N_("the roles the user is to hold"))
    _justify_option(p)
    _version_option(p)

    p = user.add("disable", N_("disable an account (it can no longer log in)"), disable)
    p.add_argument("name", metavar="NAME", help=_NAME_HELP)
    _version_option(p)
    p = user.add("enable", N_("enable a disabled account again"), enable)
    p.add_argument("name", metavar="NAME", help=_NAME_HELP)
    _version_option(p)

    p = user.add("reset-password", N_("set a new password for a user"), reset_password)
    p.add_argument("name", metavar="NAME", help=_NAME_HELP)
    password_stdin_option(p)


def _roles_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--role", metavar="ROLE", dest="roles", action="append", required=True,
                   help=N_("a role; repeat the option for several"))


def _roles_epilog() -> str:
    from sales_desk.domain.common.roles import Role

    return _("Roles: {roles}").format(roles=", ".join(r.value for r in Role))


def _justify_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--justify", metavar="TEXT", default=None,
        help=N_("why the firm lets this person hold conflicting duties (recorded and reported)"),
    )


def _version_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--if-version", metavar="N", type=int, default=None, dest="if_version",
        help=N_("save only over this version of the account (the Version column of `user list`); "
                "changed since, the change is refused naming who changed what, and nothing is saved"),
    )


def _split_roles(values: list[str]) -> list[str]:
    return [r.strip() for v in values for r in v.split(",") if r.strip()]


def _conflict_hint(exc: Exception) -> Exception:
    from sales_desk.domain.common.errors import DomainError
    from sales_desk.services.admin.users import RoleConflict

    if isinstance(exc, RoleConflict):
        return DomainError(str(exc) + "\n" + _("To allow it, give the reason with --justify TEXT."))
    return exc


# -- handlers -----------------------------------------------------------------------------

def init(args: argparse.Namespace) -> int:
    from sales_desk.db.backup import BackupStore
    from sales_desk.domain.common.errors import DomainError
    from sales_desk.services.admin import auth

    config = config_from(args)
    if config.is_sqlite and not config.sqlite_path.exists() and not args.despite_backups:
        found = BackupStore(config.backup_dir, config.sqlite_path).list()
        if found:
            # The firm's data is gone from the folder, not new: a restore is what is wanted.
            raise DomainError(_(
                "{folder} holds {n} backups of a firm's data (the newest {name}) but no database: "
                "restore one with `sales-desk restore FILE`, or give --despite-backups to start a "
                "new, empty database here.").format(folder=config.data_dir, n=len(found), name=found[0].path))
    with opened(args, create=True) as db:
        if not auth.needs_first_run(db.uow()):
            raise DomainError(_("This database already has users; the first-run set-up is closed."))
        password = new_password(args, args.admin)
        actor = auth.create_first_admin(db.uow(), args.admin, password, args.full_name)
        out(_("Created the administrator {name} in {where}.").format(name=actor.username,
                                                                     where=db.description))
    out(_("Next: add users with `sales-desk user add`, or try the demo firm with "
          "`sales-desk demo --user {name}`.").format(name=actor.username))
    return 0


def add(args: argparse.Namespace) -> int:
    from sales_desk.domain.common.roles import conflicts_in, parse_roles
    from sales_desk.services.admin import users

    role_codes = _split_roles(args.roles)
    parse_roles(role_codes)  # an unknown role is a usage mistake: say so before any password
    with opened(args) as db:
        actor = login(db, args.user)
        password = new_password(args, args.name)
        try:
            users.add_user(db.uow(actor), args.name, password, role_codes, args.full_name, args.justify)
        except Exception as exc:
            raise _conflict_hint(exc) from None
    out(_("Added {name} with the roles: {roles}.").format(name=args.name, roles=", ".join(role_codes)))
    _report_justified(conflicts_in(role_codes), args.justify)
    return 0


def _report_justified(conflicts: list, justification: str | None) -> None:
    if conflicts:
        out(_("Conflicting duties allowed, with the recorded justification “{why}”:").format(
            why=(justification or "").strip()))
        for c in conflicts:
            out("  • " + c.describe())


def list_(args: argparse.Namespace) -> int:
    from sales_desk.services.admin import users

    with opened(args) as db:
        actor = login(db, args.user)
        rows = users.list_users(db.uow(actor))
    out(table(
        [_("User"), _("Name"), _("Active"), _("Roles"), _("Justified conflicts"), _("Version")],
        [[u.username, u.full_name, _("yes") if u.active else _("no"), ", ".join(u.roles),
          "; ".join(u.justifications), str(u.version)] for u in rows],
    ))
    return 0


def roles(args: argparse.Namespace) -> int:
    from sales_desk.domain.common.roles import conflicts_in, parse_roles
    from sales_desk.services.admin import users

    role_codes = _split_roles(args.roles)
    parse_roles(role_codes)
    with opened(args) as db:
        actor = login(db, args.user)
        try:
            users.set_roles(db.uow(actor), args.name, role_codes, args.justify, version=args.if_version)
        except Exception as exc:
            raise _conflict_hint(exc) from None
    out(_("{name} now holds the roles: {roles}.").format(name=args.name, roles=", ".join(role_codes)))
    _report_justified(conflicts_in(role_codes), args.justify)
    return 0


def _set_active(args: argparse.Namespace, active: bool) -> int:
    from sales_desk.services.admin import users

    with opened(args) as db:
        actor = login(db, args.user)
        users.set_active(db.uow(actor), args.name, active, version=args.if_version)
    out((_("{name} is enabled.") if active else _("{name} is disabled.")).format(name=args.name))
    return 0


def disable(args: argparse.Namespace) -> int:
    return _set_active(args, False)


def enable(args: argparse.Namespace) -> int:
    return _set_active(args, True)


def reset_password(args: argparse.Namespace) -> int:
    from sales_desk.services.admin import users

    with opened(args) as db:
        actor = login(db, args.user)
        password = new_password(args, args.name)
        users.reset_password(db.uow(actor), args.name, password)
    out(_("The password of {name} was reset.").format(name=args.name))
    return 0

