"""UI fixtures: real widgets offscreen, a real SQLite file, settings kept in tmp_path.

Message boxes are recorded instead of shown (a modal box would wait for a click).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from sales_desk import config
from sales_desk.config import AppConfig
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _garbage_collected_between_tests() -> Iterator[None]:
    """Qt objects held in reference cycles (a task runner and the relay connected to its
    method) are freed by Python's cycle collector, which runs whenever allocations cross a
    threshold: in the middle of a later test, with that test's worker thread inside a job.
    Once that crashed the whole run (a segfault "Garbage-collecting" in test_tasks). So no
    collection during a test; one after it, once its runner and widgets are shut down."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()
        # What outlived the collection lives on (modules, caches, the session's templates):
        # frozen, the next collection walks only what the next test made. Unfrozen, every
        # collection walked the whole heap of a worker that had run thousands of tests.
        gc.freeze()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item):  # noqa: ANN201
    """Before pytest-qt closes the widgets a test registered, forget those Qt has already
    deleted: a dialog made for one use (WA_DeleteOnClose) is gone once closed and an event
    loop has run, and closing it again raised "already deleted", or not, by timing."""
    import shiboken6

    widgets = getattr(item, "qt_widgets", None)
    if widgets:
        item.qt_widgets = [(ref, before) for ref, before in widgets
                           if (w := ref()) is not None and shiboken6.isValid(w)]
    return (yield)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> Iterator[Path]:  # noqa: ANN001
    from PySide6.QtCore import QSettings

    from sales_desk.ui.language import apply_language

    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setattr(config, "config_file", lambda: folder / "settings.json")
    yield folder
    apply_language("en")


class Messages(list):
    """What the app told the user: ("error" | "info" | "confirm", text)."""

    confirm_answer = True

    def texts(self, kind: str) -> list[str]:
        return [text for k, text in self if k == kind]


@pytest.fixture(autouse=True)
def messages(monkeypatch: pytest.MonkeyPatch) -> Messages:
    from sales_desk.ui.widgets import dialogs

    shown = Messages()
    monkeypatch.setattr(dialogs, "show_error", lambda parent, text, title=None: shown.append(("error", text)))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, text, title=None: shown.append(("info", text)))

    def confirm(parent, title, text, action, destructive=False) -> bool:  # noqa: ANN001
        shown.append(("confirm", text))
        return shown.confirm_answer

    monkeypatch.setattr(dialogs, "confirm", confirm)
    return shown


@pytest.fixture
def app_config(tmp_path: Path) -> AppConfig:
    return AppConfig(data_dir=tmp_path / "data", language="en")


@pytest.fixture
def ui_database(app_config: AppConfig):
    from sales_desk.db.database import open_database

    db = open_database(app_config)
    yield db
    db.close()


@pytest.fixture
def ctx(ui_database, app_config: AppConfig, qtbot):  # noqa: ANN001
    from sales_desk.app import make_restore
    from sales_desk.ui.context import AppContext
    from sales_desk.ui.tasks import TaskRunner

    runner = TaskRunner()
    context = AppContext(ui_database, runner, ui_database.backups)
    context.restore = make_restore(context, app_config)
    yield context
    runner.shutdown()
    if context.database is not ui_database:  # a test restored a backup
        context.database.engine.dispose()


@pytest.fixture
def boss(ctx):  # noqa: ANN001
    """The administrator, created as the first run would."""
    from sales_desk.services.admin import auth

    return auth.create_first_admin(ctx.uow(), "admin", PASSWORD, "系统管理员")


@pytest.fixture
def person(ctx, boss):  # noqa: ANN001
    """person("name", "role", ...) → the logged-in Actor of a new user."""
    from sales_desk.services.admin import auth, users

    def make(username: str, *roles: str, justification: str | None = None):  # noqa: ANN202
        users.add_user(ctx.uow(boss), username, PASSWORD, list(roles), justification=justification)
        return auth.login(ctx.uow(), username, PASSWORD)

    return make


def idle(qtbot, ctx) -> None:  # noqa: ANN001
    """Wait until the runner has finished everything queued (and the callbacks ran)."""
    qtbot.waitUntil(lambda: not ctx.runner.busy(), timeout=20_000)
