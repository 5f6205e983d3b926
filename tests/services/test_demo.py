"""The demo firm: every role staffed, realistic customers, deterministic, loaded once, audited."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from sales_desk.demo import firm as demo
from sales_desk.demo.customers import CITIES, CUSTOMER_COUNT
from sales_desk.domain.common.errors import NotPermitted
from sales_desk.domain.common.roles import Role
from sales_desk.domain.customers.files import CLASSIFICATIONS, check_code
from sales_desk.models import AuditEntry, Customer, CustomerContact, Lead, User, UserRole
from sales_desk.services.admin import audit, auth, users
from tests.conftest import PASSWORD
from tests.db.helpers import dump_engine

_PHONE = re.compile(r"^0\d{2,3}-\d{8}$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def _customers(database) -> list[tuple]:
    with database.uow() as uow:
        rep = {u.id: u.username for u in uow.session.scalars(select(User))}
        return [
            (c.code, c.name, c.short_name, c.address, c.phone, c.region, c.industry, c.nature,
             c.customer_type, c.annual_sales, c.value_grade, rep[c.rep_id])
            # the demo's own customers; a lead the demo converts opens a file of its own
            for c in uow.session.scalars(select(Customer).where(Customer.id.not_in(
                select(Lead.customer_id).where(Lead.customer_id.is_not(None)))).order_by(Customer.code))
        ]


def test_demo_staffs_every_business_role(database, admin) -> None:
    result = demo.load_demo(database.uow(admin))
    roles = {r for u in result.users for r in u.roles}
    assert roles == {r.value for r in Role if r is not Role.ADMIN}
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", u.full_name) for u in result.users)
    assert all(re.fullmatch(r"[a-z]+", u.username) for u in result.users)


def test_demo_passwords_work_once_shown_and_are_not_stored_in_clear(database, admin) -> None:
    result = demo.load_demo(database.uow(admin))
    passwords = [u.password for u in result.users]
    assert len(set(passwords)) == len(passwords) and all(len(p) >= 12 for p in passwords)
    for u in result.users[:3]:
        assert auth.login(database.uow(), u.username, u.password).username == u.username
    stored = repr(dump_engine(database.engine))
    assert not any(p in stored for p in passwords)


def test_demo_customers_are_realistic_and_classified_with_the_listed_codes(database, admin) -> None:
    demo.load_demo(database.uow(admin))
    rows = _customers(database)
    assert len(rows) == CUSTOMER_COUNT
    assert len({r[1] for r in rows}) == CUSTOMER_COUNT  # names unique
    for code, name, short, address, phone, region, industry, nature, ctype, sales, grade, _rep in rows:
        assert check_code(code) == code
        assert name.endswith("公司") and short[:2] in name
        assert address.endswith("号") and phone and _PHONE.match(phone), phone
        for field, value in (("region", region), ("industry", industry), ("nature", nature),
                             ("customer_type", ctype)):
            assert value in {c.code for c in CLASSIFICATIONS[field]}, (field, value)
        assert isinstance(sales, int) and sales > 0 and grade in "ABCD"
    assert {r[5] for r in rows} == set(CITIES)  # every region of China
    assert {r[7] for r in rows} == {"state", "private", "joint", "foreign"}
    assert {r[8] for r in rows} == {"distributor", "end_user", "agent"}
    assert len({r[10] for r in rows}) >= 3  # a spread of value grades
    by_rep = {r[11] for r in rows}
    with database.uow() as uow:
        rep_names = set(uow.session.scalars(
            select(User.username).join(UserRole).where(UserRole.role == "sales_rep")))
        contacts = list(uow.session.scalars(select(CustomerContact.phone).where(
            CustomerContact.customer_id.in_(select(Customer.id).where(Customer.code.in_([r[0] for r in rows]))))))
    assert by_rep == rep_names  # every demo rep has customers
    assert len(contacts) == CUSTOMER_COUNT and all(_MOBILE.match(p) for p in contacts)


def test_demo_is_the_same_on_every_run(tmp_path, database, admin) -> None:
    from sales_desk.config import AppConfig
    from sales_desk.db.database import open_database

    demo.load_demo(database.uow(admin))
    other = open_database(AppConfig(data_dir=tmp_path / "other", language="en"))
    try:
        other_admin = auth.create_first_admin(other.uow(), "admin", PASSWORD)
        demo.load_demo(other.uow(other_admin))
        assert _customers(other) == _customers(database)
    finally:
        other.close()


def test_demo_refused_once_there_is_business_data_and_nothing_changes(database, admin) -> None:
    users.add_user(database.uow(admin), "li", PASSWORD, ["sales_rep"])
    before = dump_engine(database.engine)
    with pytest.raises(demo.DemoRefused) as err:
        demo.load_demo(database.uow(admin))
    assert "2 users" in str(err.value)
    assert dump_engine(database.engine) == before


def test_demo_loads_only_once(database, admin) -> None:
    demo.load_demo(database.uow(admin))
    with pytest.raises(demo.DemoRefused):
        demo.load_demo(database.uow(admin))


def test_demo_only_for_the_administrator(database, admin, make_user) -> None:
    gm = make_user("gm1", "gm")
    with pytest.raises(NotPermitted):
        demo.load_demo(database.uow(gm))


def test_demo_is_audited_in_the_chain(database, admin) -> None:
    result = demo.load_demo(database.uow(admin))
    with database.uow() as uow:
        actions = list(uow.session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
    assert actions.count("user.create") == 1 + len(result.users)  # the admin, then the staff
    assert actions[-1] == "demo.load"
    assert audit.verify_chain(database.uow(admin)).ok
    rows, _more = audit.audit_page(database.uow(admin), limit=1)
    assert '"customers":60' in rows[0].after


def test_a_later_step_extends_the_demo(database, admin, monkeypatch) -> None:
    seen = {}

    def extra(ctx: demo.DemoContext) -> None:
        seen["customers"] = len(ctx.customer_ids)
        seen["reps"] = len(ctx.staff(Role.SALES_REP))
        seen["draw"] = ctx.rng("extra").random()
        ctx.made("widgets", 3)

    monkeypatch.setattr(demo, "DEMO_STEPS", [*demo.DEMO_STEPS, demo.DemoStep("extra", extra)])
    result = demo.load_demo(database.uow(admin))
    assert seen["customers"] == CUSTOMER_COUNT + 1 and seen["reps"] >= 2  # the 60 and one converted lead
    assert ("widgets", 3) in result.made


def test_a_failing_step_leaves_nothing_behind(database, admin, monkeypatch) -> None:
    def broken(ctx: demo.DemoContext) -> None:
        raise RuntimeError("step failed")

    monkeypatch.setattr(demo, "DEMO_STEPS", [*demo.DEMO_STEPS, demo.DemoStep("broken", broken)])
    before = dump_engine(database.engine)
    with pytest.raises(RuntimeError):
        demo.load_demo(database.uow(admin))
    assert dump_engine(database.engine) == before
    with database.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Customer)) == 0
