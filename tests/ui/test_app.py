"""The wiring in app.py: refusals explained, a damaged database offered a restore."""

from __future__ import annotations

import argparse
import sys

import pytest

from sales_desk import app
from sales_desk.config import AppConfig
from sales_desk.db.database import open_database
from sales_desk.db.storage import InstanceLock
from sales_desk.services.admin import auth, users
from tests.conftest import PASSWORD


@pytest.fixture
def cfg(tmp_path) -> AppConfig:  # noqa: ANN001
    return AppConfig(data_dir=tmp_path / "data", language="en")


def test_a_damaged_database_is_restored_from_the_backup_the_user_picks(cfg, messages, monkeypatch) -> None:
    db = open_database(cfg)
    admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
    backup = db.backups.take("manual").path
    users.add_user(db.uow(admin), "later", PASSWORD, ["sales_rep"])
    db.close()
    cfg.sqlite_path.write_bytes(b"this is not a database" * 512)
    offered: list[str] = []
    monkeypatch.setattr(app, "choose_backup", lambda message, config: offered.append(message) or backup)

    reopened = app.open_interactive(cfg)
    try:
        assert reopened is not None
        assert "damaged" in offered[0]
        assert list(cfg.data_dir.glob("*.corrupt-*"))  # kept aside, never deleted
        names = [u.username for u in users.list_users(reopened.uow(auth.login(reopened.uow(), "admin", PASSWORD)))]
        assert names == ["admin"]
    finally:
        if reopened is not None:
            reopened.close()


def test_declining_the_restore_opens_nothing(cfg, messages, monkeypatch) -> None:
    open_database(cfg).close()
    cfg.sqlite_path.write_bytes(b"garbage" * 1024)
    monkeypatch.setattr(app, "choose_backup", lambda message, config: None)
    assert app.open_interactive(cfg) is None


def test_a_second_instance_is_refused_with_who_holds_the_folder(cfg, messages, monkeypatch) -> None:
    cfg.data_dir.mkdir(parents=True)
    lock = InstanceLock(cfg.data_dir)
    lock.acquire()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    monkeypatch.setattr(app, "setup_logging", lambda config: None)
    try:
        args = argparse.Namespace(data_dir=str(cfg.data_dir), db=None, lang="en")
        assert app.run_gui(args) == 1
    finally:
        lock.release()
    [text] = messages.texts("error")
    assert "already open" in text
