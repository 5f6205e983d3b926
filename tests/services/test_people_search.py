"""Contacts and colleagues are found like customers — by characters, full pinyin and
initials, through the search index — in the window's search box, within what the reader
may see: the contacts of their customers; colleagues for whoever audits, and the reps for
whoever sees every rep's customers."""

from __future__ import annotations

from sales_desk.services.admin import auth, users
from sales_desk.services.customers.data import ContactInput
from sales_desk.services.search.jump import jump_search
from tests.conftest import PASSWORD
from tests.services.credit_flow import new_customer


def _hits(database, actor, typed: str, kind: str) -> list[str]:  # noqa: ANN001
    return [h.name for h in jump_search(database.uow(actor), typed) if h.kind == kind]


def test_a_contact_is_found_by_characters_pinyin_and_initials_among_the_readers_customers(
        database, make_user) -> None:  # noqa: ANN001
    rep, rep2 = make_user("rep", "sales_rep"), make_user("rep2", "sales_rep")
    mgr = make_user("mgr", "sales_manager")
    cid = new_customer(database, rep, name="上海华通贸易有限公司", code="HT1",
                       contacts=(ContactInput("欧阳明", position="采购经理"), ContactInput("李四")))
    for typed in ("欧阳明", "ouyangming", "oym", "欧阳", "ouyang"):
        assert _hits(database, rep, typed, "contact") == ["欧阳明 · 上海华通贸易有限公司"], typed
    hit = next(h for h in jump_search(database.uow(rep), "oym") if h.kind == "contact")
    assert hit.customer_id == cid and hit.number == "HT1"  # opens the customer's file
    assert _hits(database, mgr, "lisi", "contact") == ["李四 · 上海华通贸易有限公司"]  # sees every customer
    assert _hits(database, rep2, "oym", "contact") == []  # not rep2's customer


def test_a_colleague_is_found_by_name_pinyin_initials_or_login_within_what_the_reader_may_see(
        database, admin, make_user) -> None:  # noqa: ANN001
    users.add_user(database.uow(admin), "zw", PASSWORD, ["sales_rep"], full_name="张伟")
    users.add_user(database.uow(admin), "shan", PASSWORD, ["finance"], full_name="单雪")
    mgr = make_user("mgr", "sales_manager")
    rep = make_user("rep", "sales_rep")
    for typed in ("张伟", "zhangwei", "zw"):
        assert _hits(database, mgr, typed, "person") == ["张伟"], typed  # a rep, for whoever sees every rep's
    assert _hits(database, mgr, "单雪", "person") == []  # not a rep: not the manager's to look up
    assert _hits(database, rep, "zhangwei", "person") == []  # a rep sees only their own customers
    assert _hits(database, admin, "shanxue", "person") == ["单雪"]  # the surname's own reading
    assert _hits(database, admin, "danxue", "person") == ["单雪"]  # and the character's usual one
    first = auth.login(database.uow(), "admin", PASSWORD)
    assert _hits(database, first, "系统管理员", "person") == ["系统管理员"]  # keyed at the first run too
