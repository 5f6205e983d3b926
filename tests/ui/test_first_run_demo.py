"""The demo firm offered at first start: loaded only when asked, its passwords shown once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from sales_desk.demo import firm as demo
from sales_desk.demo.staff import STAFF
from sales_desk.domain.common.roles import Role
from sales_desk.services.admin import auth, users
from sales_desk.services.customers import listing as customer_list
from sales_desk.ui import demo_dialog
from sales_desk.ui.demo_dialog import DemoUsersDialog
from sales_desk.ui.login import FirstRunDialog
from sales_desk.ui.shell import Shell
from tests.conftest import PASSWORD
from tests.ui.conftest import idle


class _Recorded(DemoUsersDialog):
    """Remembers each passwords dialog made: its parent, the first-run dialog, is deleted
    once the window opens, so it cannot be looked up afterwards."""

    made: list[DemoUsersDialog] = []

    def __init__(self, *args, **kwargs):  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.made.append(self)


def _first_run(qtbot, ctx, tick: bool) -> tuple[Shell, FirstRunDialog]:  # noqa: ANN001
    _Recorded.made = []
    shell = Shell(ctx)
    shell.start()
    qtbot.waitUntil(lambda: shell.dialog is not None)
    dialog = shell.dialog
    assert isinstance(dialog, FirstRunDialog)
    dialog.username.setText("boss")
    dialog.password.setText(PASSWORD)
    dialog.repeat.setText(PASSWORD)
    if tick:
        dialog.demo.box.setChecked(True)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    return shell, dialog


def _passwords_dialog(qtbot) -> DemoUsersDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: bool(_Recorded.made) and _Recorded.made[0].isVisible(), timeout=30_000)
    assert len(_Recorded.made) == 1
    return _Recorded.made[0]


def _close(shell: Shell) -> None:
    for w in (shell.window, shell.dialog):
        if w is not None:
            w.close()


def test_the_demo_offer_is_unticked_and_toggled_from_the_keyboard(qtbot, ctx) -> None:
    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.demo.box
    assert not box.isChecked()
    assert "&d" in box.text().lower() and "passwords" in box.accessibleDescription()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # its mnemonic
    qtbot.waitUntil(box.isChecked)  # a mnemonic clicks after a short animation
    assert box.hasFocus()


def test_ticked_the_first_run_loads_the_demo_and_shows_every_password_once(qtbot, ctx, messages,
                                                                           monkeypatch) -> None:
    monkeypatch.setattr(demo_dialog, "DemoUsersDialog", _Recorded)
    shell, dialog = _first_run(qtbot, ctx, tick=True)
    shown = _passwords_dialog(qtbot)
    assert shell.window is None  # the window opens after the passwords were seen

    rows = shown.model.rows()
    assert [u.username for u in rows] == [name for name, _full, _role in STAFF]
    by_name = {u.username: u for u in rows}
    assert shown.model.data(shown.model.index(0, 2)) == Role.GM.label  # roles as labels, not codes
    for name, full_name, role in STAFF:
        assert shown.model.data(shown.model.index(rows.index(by_name[name]), 1)) == full_name
        assert by_name[name].roles == (role.value,)
    # The shown passwords are the real ones: a demo GM logs in and sees the demo customers.
    gm = auth.login(ctx.uow(), "wangjianguo", by_name["wangjianguo"].password)
    assert customer_list.count_customers(ctx.uow(gm)) > 0

    qtbot.mouseClick(shown.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    for u in rows:
        assert u.username in copied and u.password in copied and u.full_name in copied

    qtbot.mouseClick(shown.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=20_000)
    assert messages.texts("confirm") == []  # copied: no question on leaving
    assert shell.window.actor.is_admin and shell.window.actor.username == "boss"
    names = {u.username for u in users.list_users(ctx.uow(shell.window.actor))}
    assert names == {"boss"} | set(by_name)
    assert messages.texts("error") == []
    idle(qtbot, ctx)
    _close(shell)


def test_unticked_the_first_run_loads_nothing(qtbot, ctx, messages, monkeypatch) -> None:
    monkeypatch.setattr(demo_dialog, "DemoUsersDialog", _Recorded)
    shell, _dialog = _first_run(qtbot, ctx, tick=False)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=20_000)
    admin = shell.window.actor
    assert _Recorded.made == []
    assert [u.username for u in users.list_users(ctx.uow(admin))] == ["boss"]
    users.add_user(ctx.uow(admin), "gm", PASSWORD, ["gm"])
    assert customer_list.count_customers(ctx.uow(auth.login(ctx.uow(), "gm", PASSWORD))) == 0
    idle(qtbot, ctx)
    _close(shell)


def test_a_failed_demo_load_keeps_the_admin_and_opens_the_window(qtbot, ctx, monkeypatch) -> None:
    def broken(uow, seed=demo.DEMO_SEED):  # noqa: ANN001, ANN202
        raise OSError("disk full")

    from sales_desk.ui.widgets import dialogs

    errors_on: list[object] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, text, title=None: errors_on.append(parent))
    monkeypatch.setattr(demo, "load_demo", broken)
    monkeypatch.setattr(demo_dialog, "DemoUsersDialog", _Recorded)
    shell, _dialog = _first_run(qtbot, ctx, tick=True)
    qtbot.waitUntil(lambda: shell.window is not None and not ctx.runner.busy(), timeout=20_000)
    assert shell.window.actor.username == "boss"
    assert not auth.needs_first_run(ctx.uow())
    assert errors_on == [shell.window]  # the runner's message, on the window now in front
    assert _Recorded.made == []
    _close(shell)


def _result() -> demo.DemoResult:
    return demo.DemoResult(
        (demo.DemoUser("wangjianguo", "王建国", ("gm",), "q7Rk-Xm2p-Tz9w", 2),
         demo.DemoUser("yangfan", "杨帆", ("sales_rep",), "Ab3d-Ef4h-Jk5m", 3)),
        (("users", 2), ("customers", 60)),
    )


def test_the_passwords_are_saved_to_a_text_file_with_every_user(qtbot, messages, monkeypatch,
                                                                  tmp_path: Path) -> None:
    from sales_desk.ui.widgets import dialogs

    target = tmp_path / "demo users.txt"
    monkeypatch.setattr(dialogs, "save_file", lambda parent, title, default, file_filter: str(target))
    shown = DemoUsersDialog(_result(), "/data/sales.db")
    qtbot.addWidget(shown)
    qtbot.mouseClick(shown.save_button, Qt.MouseButton.LeftButton)
    text = target.read_text(encoding="utf-8-sig")
    assert "wangjianguo\t王建国\tGeneral manager\tq7Rk-Xm2p-Tz9w" in text
    assert "yangfan\t杨帆\tSales rep\tAb3d-Ef4h-Jk5m" in text
    assert "/data/sales.db" in text
    assert str(target) in shown.status.text()
    shown.accept()
    assert messages.texts("confirm") == [] and shown.result() == DemoUsersDialog.DialogCode.Accepted


def test_leaving_without_copying_or_saving_the_passwords_asks_first(qtbot, messages) -> None:
    shown = DemoUsersDialog(_result(), "/data/sales.db")
    qtbot.addWidget(shown)
    shown.show()
    messages.confirm_answer = False
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert shown.isVisible() and "not shown again" in messages.texts("confirm")[0]
    messages.confirm_answer = True
    qtbot.mouseClick(shown.continue_button, Qt.MouseButton.LeftButton)
    assert not shown.isVisible()
