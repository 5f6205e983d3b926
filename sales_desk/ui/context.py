"""What app.py hands the UI: the open database, the runner, and the backup hooks.

The database and the backup store are used duck-typed (`database.uow(actor)`,
`store.list()`): the UI never imports sales_desk.db. A restore replaces both, so
the UI always reads them from here rather than keeping its own reference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sales_desk.domain.roles import Actor
from sales_desk.ui.tasks import CancelToken, TaskRunner

# restore(actor, backup file, token): close the database, put the backup in place,
# reopen it, and update the context; runs on the worker thread.
RestoreFn = Callable[[Actor, Path, CancelToken], None]


@dataclass
class AppContext:
    database: Any  # sales_desk.db.database.Database
    runner: TaskRunner
    backups: Any | None = None  # sales_desk.db.backup.BackupStore; None on PostgreSQL
    restore: RestoreFn | None = None
    # Set by the shell: end the session and show the login again with a message.
    end_session: Callable[[str], None] = lambda message: None

    def uow(self, actor: Actor | None = None) -> Any:
        return self.database.uow(actor)

    @property
    def description(self) -> str:
        return str(self.database.description)
