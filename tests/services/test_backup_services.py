"""Manual backups through the service layer: held to the backup right and audited."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.errors import Cancelled, NotPermitted
from sales_desk.services.admin import audit, auth, backups, users
from tests.conftest import PASSWORD


@pytest.fixture
def admin_sqlite(sqlite_database):
    return auth.create_first_admin(sqlite_database.uow(), "admin", PASSWORD)


def test_manual_backup_is_listed_and_audited(sqlite_database, admin_sqlite) -> None:
    db = sqlite_database
    info = backups.take_backup(db.uow(admin_sqlite), db.backups)
    assert info.kind == "manual"
    assert info.path in [b.path for b in backups.list_backups(db.uow(admin_sqlite), db.backups)]
    rows, _more = audit.audit_page(db.uow(admin_sqlite))
    assert rows[0].action == "backup.take"


def test_backup_refused_without_backup_right(sqlite_database, admin_sqlite) -> None:
    db = sqlite_database
    users.add_user(db.uow(admin_sqlite), "rep", PASSWORD, ["sales_rep"])
    rep = auth.login(db.uow(), "rep", PASSWORD)
    with pytest.raises(NotPermitted):
        backups.take_backup(db.uow(rep), db.backups)
    assert db.backups.list() == []


def test_cancelled_backup_leaves_no_file(sqlite_database, admin_sqlite) -> None:
    db = sqlite_database

    def cancel(done: int, total: int) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        backups.take_backup(db.uow(admin_sqlite), db.backups, progress=cancel)
    assert list(db.backups.folder.glob("manual-*")) == []


def test_without_a_store_postgresql_backups_are_refused_with_a_reason(database, admin) -> None:
    # open_database gives PostgreSQL no BackupStore: the server has its own tools.
    assert backups.list_backups(database.uow(admin), None) == []
    with pytest.raises(backups.BackupsNotAvailable):
        backups.take_backup(database.uow(admin), None)
