"""The admin's forms saved over a newer version (issue 17, no lost update): a user's roles,
enabling or disabling them, their department and the technical settings say who changed what
since, then reload — keeping the admin's changed fields on top of the other's, or taking theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sales_desk import i18n
from sales_desk.services.admin import settings as admin_settings
from sales_desk.services.admin import users
from sales_desk.services.expenses import settings as expense_settings
from sales_desk.ui.tabs.admin import expense_profiles_page, settings_page, user_dialogs
from sales_desk.ui.tabs.admin.expense_profiles_page import ProfileDialog
from sales_desk.ui.tabs.admin.settings_page import SettingsPage
from sales_desk.ui.tabs.admin.user_dialogs import EditRolesDialog
from sales_desk.ui.tabs.admin.users_page import UsersPage
from sales_desk.ui.widgets.stale import Reload
from tests.ui.conftest import idle

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def _answer(monkeypatch, module, choice: Reload) -> list[str]:  # noqa: ANN001
    asked: list[str] = []
    monkeypatch.setattr(module, "ask_reload", lambda parent, text: asked.append(text) or choice)
    return asked


def _user(ctx, actor, name: str) -> users.UserRow:  # noqa: ANN001
    return next(u for u in users.list_users(ctx.uow(actor)) if u.username == name)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_stale_roles_save_reloads_and_keeps_the_admins_roles(qtbot, ctx, boss, person, monkeypatch, lang) -> None:
    person("wang", "sales_rep")
    second = person("admin2", "admin")
    i18n.set_language(lang)
    asked = _answer(monkeypatch, user_dialogs, Reload.KEEP_MINE)
    dialog = EditRolesDialog(ctx, boss, _user(ctx, boss, "wang"))
    qtbot.addWidget(dialog)
    dialog.show()
    users.set_roles(ctx.uow(second), "wang", ["cs_specialist"],
                    version=_user(ctx, boss, "wang").version)  # the other admin, meanwhile
    dialog.picker.boxes[next(r for r in dialog.picker.boxes if r.value == "sales_manager")].setChecked(True)
    dialog.ok.click()
    idle(qtbot, ctx)

    assert len(asked) == 1 and "admin2" in asked[0]
    assert dialog.isVisible() and dialog.user.version == _user(ctx, boss, "wang").version
    assert {r.value for r in dialog.picker.roles()} == {"sales_rep", "sales_manager"}  # mine, on top
    assert dialog.problem_label.text()  # says what went back, and that they changed the roles too
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / f"stale-roles-{lang}.png"))
    dialog.ok.click()
    idle(qtbot, ctx)
    assert not dialog.isVisible()
    assert _user(ctx, boss, "wang").roles == ("sales_manager", "sales_rep")


def test_a_stale_roles_save_may_take_theirs(qtbot, ctx, boss, person, monkeypatch) -> None:
    person("wang", "sales_rep")
    second = person("admin2", "admin")
    _answer(monkeypatch, user_dialogs, Reload.DISCARD_MINE)
    dialog = EditRolesDialog(ctx, boss, _user(ctx, boss, "wang"))
    qtbot.addWidget(dialog)
    dialog.show()
    users.set_roles(ctx.uow(second), "wang", ["cs_specialist"], version=_user(ctx, boss, "wang").version)
    dialog.picker.boxes[next(r for r in dialog.picker.boxes if r.value == "sales_manager")].setChecked(True)
    dialog.ok.click()
    idle(qtbot, ctx)
    assert {r.value for r in dialog.picker.roles()} == {"cs_specialist"}
    assert _user(ctx, boss, "wang").roles == ("cs_specialist",)


def test_a_stale_disable_names_who_changed_the_account_and_shows_it_again(qtbot, ctx, boss, person,
                                                                         messages) -> None:  # noqa: ANN001
    person("wang", "sales_rep")
    second = person("admin2", "admin")
    page = UsersPage(ctx, boss)
    qtbot.addWidget(page)
    page.show()
    page.load()
    idle(qtbot, ctx)
    page.select_user("wang")
    users.set_roles(ctx.uow(second), "wang", ["sales_manager"], version=_user(ctx, boss, "wang").version)
    page.toggle_active()
    idle(qtbot, ctx)
    assert any("admin2" in text and "Roles" in text for text in messages.texts("error"))
    assert _user(ctx, boss, "wang").active
    assert page.selected() is not None and page.selected().roles == ("sales_manager",)  # the list reloaded


def test_a_stale_department_save_reloads_with_the_admins_choice_on_top(qtbot, ctx, boss, person,
                                                                       monkeypatch) -> None:
    wang = person("wang", "sales_rep")
    second = person("admin2", "admin")
    asked = _answer(monkeypatch, expense_profiles_page, Reload.KEEP_MINE)
    row = next(r for r in expense_settings.list_expense_profiles(ctx.uow(boss)) if r.username == "wang")
    dialog = ProfileDialog(ctx, boss, row, ["华东大区", "华南大区"])
    qtbot.addWidget(dialog)
    dialog.show()
    expense_settings.set_expense_profile(ctx.uow(second), wang.user_id, "华东大区", version=row.version)
    dialog.department.setEditText("华南大区")
    dialog.save()
    idle(qtbot, ctx)

    assert len(asked) == 1 and "admin2" in asked[0] and "Department" in asked[0]
    assert dialog.row.version == 1 and dialog.chosen_department() == "华南大区" and dialog.isVisible()
    dialog.save()
    idle(qtbot, ctx)
    now = next(r for r in expense_settings.list_expense_profiles(ctx.uow(boss)) if r.username == "wang")
    assert (now.department, now.version) == ("华南大区", 2)


def _settings(qtbot, ctx, actor) -> SettingsPage:  # noqa: ANN001
    page = SettingsPage(ctx, actor)
    qtbot.addWidget(page)
    page.show()
    page.load()
    idle(qtbot, ctx)
    return page


def test_a_stale_settings_save_reloads_and_puts_the_admins_settings_back(qtbot, ctx, boss, person,
                                                                        monkeypatch) -> None:
    second = person("admin2", "admin")
    asked = _answer(monkeypatch, settings_page, Reload.KEEP_MINE)
    page = _settings(qtbot, ctx, boss)
    loaded = {r.key: r.version for r in admin_settings.get_settings(ctx.uow(second))}
    admin_settings.update_settings(ctx.uow(second), {"company.name": "苏州华东机电有限公司",
                                                     "expense.default_department": "华东大区"}, loaded)
    page.editors["company.name"].setText("华东机电")  # mine: the name, and the currency
    page.editors["company.currency"].setText("USD")
    page.save()
    idle(qtbot, ctx)

    assert len(asked) == 1 and "admin2" in asked[0] and "Company name" in asked[0]
    assert page.editors["company.name"].text() == "华东机电"  # mine, back on top of theirs
    assert page.editors["company.currency"].text() == "USD"
    assert page.editors["expense.default_department"].text() == "华东大区"  # theirs, reloaded
    assert "Company name" in page.error.text()  # changed by them too, now showing mine
    page.save()
    idle(qtbot, ctx)
    now = {r.key: r.value for r in admin_settings.get_settings(ctx.uow(boss))}
    assert (now["company.name"], now["company.currency"], now["expense.default_department"]) == (
        "华东机电", "USD", "华东大区")


def test_a_stale_settings_save_may_take_theirs(qtbot, ctx, boss, person, monkeypatch) -> None:
    second = person("admin2", "admin")
    _answer(monkeypatch, settings_page, Reload.DISCARD_MINE)
    page = _settings(qtbot, ctx, boss)
    admin_settings.update_settings(ctx.uow(second), {"company.name": "苏州华东机电有限公司"}, {"company.name": 0})
    page.editors["company.name"].setText("华东机电")
    page.save()
    idle(qtbot, ctx)
    assert page.editors["company.name"].text() == "苏州华东机电有限公司" and not page.changes()
    assert {r.key: r.value for r in admin_settings.get_settings(ctx.uow(boss))}["company.name"] == "苏州华东机电有限公司"
