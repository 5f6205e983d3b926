"""`demo`: load the demo firm into a new database, as the administrator."""

from __future__ import annotations

import argparse

from sales_desk.cli.common import CommandParsers, login, opened, out, table
from sales_desk.i18n import N_, _, join_list, ngettext


def register(commands: CommandParsers) -> None:
    commands.add(
        "demo",
        N_("load a realistic demo firm (users for every role, customers…) into a new database; "
           "the users' passwords are printed once"),
        demo,
    )


def demo(args: argparse.Namespace) -> int:
    from sales_desk.demo.context import made_text
    from sales_desk.demo.documents import issue_demo_documents
    from sales_desk.demo.firm import load_demo

    with opened(args) as db:
        actor = login(db, args.user)
        result = load_demo(db.uow(actor))
        documents = issue_demo_documents(db.uow(actor), result)
    out(_("The demo firm is loaded: {made}.").format(
        made=join_list(made_text(what, n) for what, n in result.made)))
    out(ngettext("{n} document of record issued by its people.", "{n} documents of record issued by its people.",
                 documents).format(n=documents))
    out()
    out(table([_("User"), _("Name"), _("Roles"), _("Password")],
              [[u.username, u.full_name, ", ".join(u.roles), u.password] for u in result.users]))
    out()
    out(_("Write these passwords down now: they are not shown again "
          "(the administrator can reset them with `sales-desk user reset-password`)."))
    return 0
