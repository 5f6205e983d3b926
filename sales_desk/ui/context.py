"""What app.py hands the UI: the open database, the runner, and the backup hooks.

The database and the backup store are used duck-typed (`database.uow(actor)`,
`store.list()`): the UI never imports sales_desk.db. A restore replaces both, so
the UI always reads them from here rather than keeping its own reference.

At start-up the login shows before the database is open (app.py opens it on the
runner): until then `database` is None and `where` says which one it will be.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.ui.tasks import CancelToken, TaskRunner

# restore(actor, backup file, token): close the database, put the backup in place,
# reopen it, and update the context; runs on the worker thread.
RestoreFn = Callable[[Actor, Path, CancelToken], None]


@dataclass
class AppContext:
    database: Any  # sales_desk.db.database.Database; None until opened
    runner: TaskRunner
    backups: Any | None = None  # sales_desk.db.backup.BackupStore; None on PostgreSQL
    restore: RestoreFn | None = None
    # Set by the shell: end the session and show the login again with a message.
    end_session: Callable[[str], None] = lambda message: None
    where: str = ""  # the database's description before it is open

    def uow(self, actor: Actor | None = None) -> Any:
        if self.database is None:  # opening failed (the app is closing) or a call came too early
            raise DomainError(_("The database is not open."))
        return self.database.uow(actor)

    @property
    def description(self) -> str:
        return str(self.database.description) if self.database is not None else self.where
