"""No lost update, the remaining forms (issue 17): a user's account as the admin edits it
(roles, enabled), a person's department, a credit investigation's figures and report, a
price list corrected and resubmitted, and a technical setting are saved only over the
version their form loaded; over a newer one the save is refused naming who changed what
since, and nothing is written."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.common.money import to_minor
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.domain.orders.price_lists import PriceLine
from sales_desk.services.admin import auth, users
from sales_desk.services.admin import settings as admin_settings
from sales_desk.services.credit import investigation as inv_svc
from sales_desk.services.credit.investigation import CreditFigures
from sales_desk.services.expenses import settings as expense_settings
from sales_desk.services.orders import price_lists
from tests.conftest import PASSWORD
from tests.services.credit_flow import new_customer, staff
from tests.services.order_flow import product, team
from tests.services.stale_saves import _day, audit_count  # noqa: F401 - _day: autouse


def _user(database, admin, name: str) -> users.UserRow:  # noqa: ANN001
    return next(u for u in users.list_users(database.uow(admin)) if u.username == name)


def test_a_stale_roles_save_is_refused_and_nothing_is_written(database, admin, make_user) -> None:
    make_user("wang", "sales_rep")
    second = make_user("admin2", "admin")
    opened = _user(database, admin, "wang")  # both administrators have wang's roles open
    users.set_roles(database.uow(second), "wang", ["sales_rep", "sales_manager"], version=opened.version)
    with pytest.raises(StaleRecord) as refused:
        users.set_roles(database.uow(admin), "wang", ["cs_specialist"], version=opened.version)

    assert [c.who for c in refused.value.changes] == ["admin2"]
    assert refused.value.changes[0].fields == ("Roles",)
    assert "admin2" in str(refused.value) and "Roles" in str(refused.value)
    now = _user(database, admin, "wang")
    assert (now.roles, now.version) == (("sales_manager", "sales_rep"), opened.version + 1)
    assert audit_count(database, "user.roles") == 1


def test_a_stale_disable_is_refused_naming_the_roles_changed_meanwhile(database, admin, make_user) -> None:
    make_user("wang", "sales_rep")
    second = make_user("admin2", "admin")
    opened = _user(database, admin, "wang")
    users.set_roles(database.uow(second), "wang", ["sales_manager"], version=opened.version)
    with pytest.raises(StaleRecord) as refused:
        users.set_active(database.uow(admin), "wang", False, version=opened.version)
    assert refused.value.changes[0].fields == ("Roles",)
    assert _user(database, admin, "wang").active
    assert audit_count(database, "user.disable") == 0


def test_a_password_change_is_no_edit_of_the_account_the_admin_has_open(database, admin, make_user) -> None:
    wang = make_user("wang", "sales_rep")
    opened = _user(database, admin, "wang")
    auth.change_own_password(database.uow(wang), PASSWORD, "Another-Pass-2026!")
    users.reset_password(database.uow(admin), "wang", "Reset-Pass-2026!!")
    users.set_roles(database.uow(admin), "wang", ["cs_specialist"], version=opened.version)
    assert _user(database, admin, "wang").roles == ("cs_specialist",)


def test_a_stale_department_save_is_refused_and_nothing_is_written(database, admin, make_user) -> None:
    make_user("wang", "sales_rep")
    second = make_user("admin2", "admin")
    row = next(r for r in expense_settings.list_expense_profiles(database.uow(admin)) if r.username == "wang")
    assert row.version == 0  # none stored yet: the default department
    expense_settings.set_expense_profile(database.uow(second), row.user_id, "华东大区", version=row.version)
    with pytest.raises(StaleRecord) as refused:
        expense_settings.set_expense_profile(database.uow(admin), row.user_id, "华南大区", version=row.version)

    assert [(c.who, c.fields) for c in refused.value.changes] == [("admin2", ("Department",))]
    now = next(r for r in expense_settings.list_expense_profiles(database.uow(admin)) if r.username == "wang")
    assert (now.department, now.version) == ("华东大区", 1)
    assert audit_count(database, "expense_profile.set") == 1


def test_a_stale_setting_save_is_refused_and_none_of_the_page_is_written(database, admin, make_user) -> None:
    second = make_user("admin2", "admin")
    rows = {r.key: r for r in admin_settings.get_settings(database.uow(admin))}
    loaded = {k: r.version for k, r in rows.items()}
    admin_settings.update_settings(database.uow(second), {"company.name": "苏州华东机电有限公司"}, loaded)
    with pytest.raises(StaleRecord) as refused:
        admin_settings.update_settings(database.uow(admin), {"company.currency": "USD",
                                                             "company.name": "华东机电"}, loaded)

    assert [(c.who, c.fields) for c in refused.value.changes] == [("admin2", ("Company name",))]
    assert "Setting Company name" in str(refused.value)
    now = {r.key: r for r in admin_settings.get_settings(database.uow(admin))}
    assert (now["company.name"].value, now["company.currency"].value) == ("苏州华东机电有限公司", "CNY")
    assert audit_count(database, "setting.change") == 1
    # a setting the other did not touch, or set to the same value, saves over the page's versions
    admin_settings.update_settings(database.uow(admin), {"company.currency": "USD",
                                                         "company.name": "苏州华东机电有限公司"}, loaded)
    assert {r.key: r.value for r in admin_settings.get_settings(database.uow(admin))}["company.currency"] == "USD"


@pytest.mark.parametrize("page_loaded", [True, False])
def test_two_admins_storing_a_setting_first_at_once_meet_a_stale_refusal_not_a_key_error(
        database, admin, make_user, page_loaded) -> None:
    import threading

    from sqlalchemy import event
    from sqlalchemy.orm import Session

    if database.engine.dialect.name == "sqlite":
        pytest.skip("SQLite's writers queue: the second reads the first's row and is refused as stale above")
    second = make_user("admin2", "admin")
    loaded = {r.key: r.version for r in admin_settings.get_settings(database.uow(admin))} if page_loaded else None
    assert not loaded or loaded["company.name"] == 0  # no row stored yet: the default applies
    fired: list[bool] = []
    done: list[object] = []

    def the_other_seat_between_our_read_and_our_insert(state) -> object:  # noqa: ANN001
        if fired or "settings.key =" not in str(state.statement):
            return None
        fired.append(True)  # once: the other seat's own read passes through here too
        result = state.invoke_statement()  # our read: no row yet
        other = threading.Thread(target=lambda: done.append(admin_settings.update_settings(
            database.uow(second), {"company.name": "苏州华东机电有限公司"}, loaded)))
        other.start()
        other.join()
        return result

    event.listen(Session, "do_orm_execute", the_other_seat_between_our_read_and_our_insert)
    try:
        if page_loaded:
            with pytest.raises(StaleRecord) as refused:
                admin_settings.update_settings(database.uow(admin), {"company.name": "华东机电"}, loaded)
            assert [(c.who, c.fields) for c in refused.value.changes] == [("admin2", ("Company name",))]
        else:  # no page's version named: the later save is the one kept, as for any setting
            admin_settings.update_settings(database.uow(admin), {"company.name": "华东机电"}, loaded)
    finally:
        event.remove(Session, "do_orm_execute", the_other_seat_between_our_read_and_our_insert)
    assert done == [None]
    now = {r.key: r.value for r in admin_settings.get_settings(database.uow(admin))}
    assert now["company.name"] == ("苏州华东机电有限公司" if page_loaded else "华东机电")
    assert audit_count(database, "setting.change") == (1 if page_loaded else 2)


def test_a_stale_save_of_a_customers_credit_figures_is_refused_and_nothing_is_written(database, make_user) -> None:
    s = staff(make_user)
    spec2 = make_user("spec2", "cs_specialist")
    cid = new_customer(database, s.rep)
    iid = inv_svc.open_investigation(database.uow(s.spec), cid)
    opened = inv_svc.get_investigation(database.uow(s.spec), iid)
    later = inv_svc.set_figures(database.uow(spec2), iid, CreditFigures(current_assets=to_minor("500000"),
                                                                        net_profit=to_minor("80000")),
                                version=opened.version)
    inv_svc.record_item(database.uow(spec2), iid, "profile", True, stamped=True)  # a tick: no conflict
    with pytest.raises(StaleRecord) as refused:
        inv_svc.set_figures(database.uow(s.spec), iid, CreditFigures(total_assets=to_minor("900000")),
                            version=opened.version)

    assert [c.who for c in refused.value.changes] == ["spec2"]
    assert set(refused.value.changes[0].fields) == {"Current assets", "Net profit"}
    now = inv_svc.get_investigation(database.uow(s.spec), iid)
    assert (now.figures.current_assets, now.figures.total_assets, now.version) == (50_000_000, None, later)
    assert audit_count(database, "credit.investigation_figures") == 1
    # the report saved on the version the save returned, then submitted on the next
    v = inv_svc.write_report(database.uow(spec2), iid, "资料齐全。", version=later)
    with pytest.raises(StaleRecord):
        inv_svc.submit_investigation(database.uow(s.spec), iid, version=later)  # not the report seen
    assert v == later + 1


def test_a_stale_resubmission_of_a_price_list_is_refused_and_nothing_is_written(database, make_user) -> None:
    t = team(make_user)
    pid = product(database, t)
    lid = price_lists.propose(database.uow(t.mgr), [PriceLine(pid, to_minor("110"), to_minor("100"),
                                                              to_minor("130"))], "原材料涨价", date(2026, 3, 10))
    price_lists.send_back(database.uow(t.fin), lid, "成本不对")
    opened = price_lists.get_price_list(database.uow(t.mgr), lid)  # one seat's correction form
    price_lists.resubmit(database.uow(t.mgr), lid, [PriceLine(pid, to_minor("108"), to_minor("100"),
                                                              to_minor("130"))], "原材料涨价，已重算",
                         date(2026, 3, 10), revision=opened.revision)  # the other seat's
    price_lists.send_back(database.uow(t.fin), lid, "仍需重算")
    with pytest.raises(StaleRecord) as refused:
        price_lists.resubmit(database.uow(t.mgr), lid, [PriceLine(pid, to_minor("120"), to_minor("100"),
                                                                  to_minor("130"))], "原材料涨价",
                             date(2026, 3, 10), revision=opened.revision)

    assert [c.who for c in refused.value.changes] == ["mgr", "fin"]
    assert set(refused.value.changes[0].fields) == {"Prices", "Reason", "Status"}
    now = price_lists.get_price_list(database.uow(t.mgr), lid)
    assert (now.lines[0].list_price, now.reason, now.return_note) == (10_800, "原材料涨价，已重算", "仍需重算")
    assert audit_count(database, "price_list.resubmit") == 1
