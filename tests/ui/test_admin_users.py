"""Users and roles: conflicts shown while ticking, saving refused without a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sales_desk.domain.common.roles import Role, conflicts_in
from sales_desk.services.admin import users
from sales_desk.ui.tabs.admin.role_picker import RolePicker
from sales_desk.ui.tabs.admin.users_page import UsersPage
from tests.conftest import PASSWORD
from tests.ui.conftest import idle


def _page(qtbot, ctx, actor) -> UsersPage:  # noqa: ANN001
    page = UsersPage(ctx, actor)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    return page


def test_role_conflict_is_shown_live_before_saving(qtbot) -> None:
    picker = RolePicker()
    qtbot.addWidget(picker)
    picker.show()
    assert not picker.conflicts_label.isVisible()
    picker.boxes[Role.SALES_REP].click()
    assert not picker.conflicts_label.isVisible() and picker.problem() == ""
    picker.boxes[Role.WAREHOUSE].click()  # order.create × dispatch.ship
    assert picker.conflicts_label.isVisible()
    assert "who takes sales orders must not ship goods" in picker.conflicts_label.text()
    assert "Sales rep" in picker.conflicts_label.text() and "Warehouse" in picker.conflicts_label.text()
    assert picker.justification.isVisible()
    assert picker.problem()  # not savable yet
    qtbot.keyClicks(picker.justification, "Two people in the whole firm")
    assert picker.problem() == ""
    picker.boxes[Role.WAREHOUSE].click()
    assert not picker.conflicts_label.isVisible()


def test_admin_role_with_a_business_role_is_refused_in_the_picker(qtbot) -> None:
    picker = RolePicker()
    qtbot.addWidget(picker)
    picker.boxes[Role.ADMIN].click()
    picker.boxes[Role.FINANCE].click()
    assert "administrator" in picker.problem().lower()


def test_add_user_with_conflicting_roles_refused_without_justification(qtbot, ctx, boss) -> None:
    page = _page(qtbot, ctx, boss)
    dialog = page.add_user()
    qtbot.keyClicks(dialog.username, "li.na")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClicks(dialog.repeat, PASSWORD)
    dialog.picker.boxes[Role.SALES_REP].click()
    dialog.picker.boxes[Role.WAREHOUSE].click()
    assert not dialog.ok.isEnabled()
    dialog.accept()  # Enter or a forced click: still refused, and said why
    idle(qtbot, ctx)
    assert dialog.isVisible()
    assert "conflict" in dialog.problem_label.text()
    assert [u.username for u in users.list_users(ctx.uow(boss))] == ["admin"]

    qtbot.keyClicks(dialog.picker.justification, "Only two staff")
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert not dialog.isVisible()
    row = {u.username: u for u in users.list_users(ctx.uow(boss))}["li.na"]
    assert set(row.roles) == {"sales_rep", "warehouse"}
    assert row.justifications and "Only two staff" in row.justifications[0]
    # the list refreshed itself after the write
    assert "li.na" in [page.model.row_at(i).username for i in range(page.model.rowCount())]


def test_edit_roles_shows_existing_conflicts_and_saves(qtbot, ctx, boss, person) -> None:
    person("wang", "sales_rep")
    page = _page(qtbot, ctx, boss)
    page.select_user("wang")
    dialog = page.edit_roles()
    assert dialog.picker.roles() == [Role.SALES_REP]
    dialog.picker.boxes[Role.FINANCE].click()  # receipt.record × order.create
    assert conflicts_in(dialog.picker.roles())
    assert not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.picker.justification, "Finance is one person")
    dialog.accept()
    idle(qtbot, ctx)
    row = {u.username: u for u in users.list_users(ctx.uow(boss))}["wang"]
    assert set(row.roles) == {"sales_rep", "finance"}


def test_service_refusal_is_shown_in_the_dialog(qtbot, ctx, boss) -> None:
    page = _page(qtbot, ctx, boss)
    page.select_user("admin")
    dialog = page.edit_roles()
    dialog.picker.boxes[Role.ADMIN].click()
    dialog.picker.boxes[Role.SALES_REP].click()
    dialog.accept()  # removing one's own admin role: the service refuses
    idle(qtbot, ctx)
    assert dialog.isVisible()
    assert "own administrator role" in dialog.problem_label.text()


def test_disable_and_enable_a_user(qtbot, ctx, boss, person, messages) -> None:
    person("wang", "sales_rep")
    page = _page(qtbot, ctx, boss)
    page.select_user("wang")
    assert page.active_button.text() == "&Disable"
    page.active_button.click()
    idle(qtbot, ctx)
    assert messages.texts("confirm")  # asked first
    assert not {u.username: u for u in users.list_users(ctx.uow(boss))}["wang"].active
    page.select_user("wang")
    assert page.active_button.text() == "&Enable"
    page.active_button.click()
    idle(qtbot, ctx)
    assert {u.username: u for u in users.list_users(ctx.uow(boss))}["wang"].active


def test_reset_password_needs_a_strong_password_twice(qtbot, ctx, boss, person) -> None:
    from sales_desk.services.admin import auth

    person("wang", "sales_rep")
    page = _page(qtbot, ctx, boss)
    page.select_user("wang")
    dialog = page.reset_password()
    qtbot.keyClicks(dialog.password, "short")
    assert not dialog.ok.isEnabled()
    dialog.password.setText("a fresh lantern orbit")
    dialog.repeat.setText("a fresh lantern orbit")
    assert dialog.ok.isEnabled()
    dialog.accept()
    idle(qtbot, ctx)
    assert auth.login(ctx.uow(), "wang", "a fresh lantern orbit").username == "wang"
