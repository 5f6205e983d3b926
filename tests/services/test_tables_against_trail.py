"""Attacks on the business tables by whoever has the file or the database login: a credit
limit raised, a grade improved, a role granted, a user inserted or re-enabled, each with
`UPDATE`/`INSERT` and no audit row. `check` names each (table, row, field); what the
program itself changed is always explained by the trail."""

from __future__ import annotations

from sqlalchemy import text

from sales_desk.demo import firm as demo
from sales_desk.domain.admin.reconcile import NO_AUDITED_APPROVAL, NOT_CREATED
from sales_desk.domain.common.money import to_minor
from sales_desk.services.admin import integrity, users
from sales_desk.services.credit import limit as credit_limit
from tests.services.credit_flow import new_customer, rate, staff
from tests.services.order_flow import approved, credit_customer, product, signed, team


def _check(database, admin):  # noqa: ANN001, ANN202
    return integrity.check_database(database.uow(admin), database.known_anchors(),
                                    sole_writer=database.sole_anchor_writer)


def _sql(database, sql: str, **params: object) -> None:  # noqa: ANN001
    with database.engine.begin() as c:
        c.execute(text(sql), params)


def _rated_customer(database, make_user) -> tuple[int, object]:  # noqa: ANN001
    s = staff(make_user)
    cid = new_customer(database, s.rep)
    rate(database, s, cid, 85)
    credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("50000"), 30, reasons="试用")
    return cid, s


def _fields(report) -> list[tuple[str, int, str]]:  # noqa: ANN001
    return [(d.table, d.row_id, d.field) for d in report.table_differences]


def test_what_the_program_changed_is_explained_by_the_trail(database, admin, make_user) -> None:
    cid, s = _rated_customer(database, make_user)
    users.set_roles(database.uow(admin), "rep", ["sales_rep", "sales_supervisor"])
    users.set_active(database.uow(admin), "fin", False)
    users.set_active(database.uow(admin), "fin", True)
    report = _check(database, admin)
    assert report.table_differences == () and report.ok, integrity.describe(report)


def test_a_credit_limit_raised_in_the_table_is_named(database, admin, make_user) -> None:
    cid, _s = _rated_customer(database, make_user)
    _sql(database, "UPDATE customers SET credit_limit = credit_limit * 10 WHERE id = :id", id=cid)
    report = _check(database, admin)
    assert not report.ok
    [d] = report.table_differences
    assert (d.table, d.row_id, d.field) == ("customers", cid, "credit_limit")
    assert (d.in_table, d.by_trail) == (to_minor("500000"), to_minor("50000"))
    lines = "\n".join(integrity.describe(report))
    assert "Customers, row" in lines and "Credit limit: 500,000.00 in the table, 50,000.00 by audit row" in lines


def test_a_grade_and_term_changed_in_the_table_are_named(database, admin, make_user) -> None:
    cid, _s = _rated_customer(database, make_user)
    _sql(database, "UPDATE customers SET credit_grade = 'D', payment_term_days = NULL WHERE id = :id", id=cid)
    assert sorted(_fields(_check(database, admin))) == [
        ("customers", cid, "credit_grade"), ("customers", cid, "payment_term_days")]


def test_a_role_granted_in_the_table_is_named(database, admin, make_user) -> None:
    rep = make_user("rep", "sales_rep")
    _sql(database, "INSERT INTO user_roles (user_id, role) VALUES (:id, 'gm')", id=rep.user_id)
    report = _check(database, admin)
    [d] = report.table_differences
    assert (d.table, d.row_id, d.field, d.in_table, d.by_trail) == (
        "users", rep.user_id, "roles", ["gm", "sales_rep"], ["sales_rep"])


def test_a_user_inserted_in_the_table_is_named(database, admin) -> None:
    _sql(database, "INSERT INTO users (username, full_name, password_hash, active, created_at) "
                   "VALUES ('ghost', 'ghost', 'x', :t, CURRENT_TIMESTAMP)", t=True)
    report = _check(database, admin)
    [d] = report.table_differences
    assert (d.table, d.label, d.field) == ("users", "ghost", NOT_CREATED)
    assert "no audit entry created it" in "\n".join(integrity.describe(report))


def test_a_disabled_user_enabled_in_the_table_is_named(database, admin, make_user) -> None:
    make_user("leaver", "sales_rep")
    users.set_active(database.uow(admin), "leaver", False)
    _sql(database, "UPDATE users SET active = :t WHERE username = 'leaver'", t=True)
    assert [f for _t, _id, f in _fields(_check(database, admin))] == ["active"]


def test_the_demo_firm_is_explained_by_its_trail(database, admin) -> None:
    demo.load_demo(database.uow(admin))
    report = _check(database, admin)
    assert report.table_differences == () and report.unsigned == (), integrity.describe(report)[:30]
    assert report.ok  # every row signed by the person it names, every value explained


def test_an_approver_written_into_an_order_by_hand_is_named(database, admin, make_user) -> None:
    t = team(make_user)
    cid = credit_customer(database, t)
    pid = product(database, t)
    good = approved(database, t, cid, [(pid, 10, None)])
    waiting = signed(database, t, cid, [(pid, 5, None)])
    assert _check(database, admin).table_differences == ()  # the manager's approval is on record
    _sql(database, "UPDATE sales_orders SET status = 'approved', approved_by_id = :gm WHERE id = :id",
         gm=t.gm.user_id, id=waiting)
    _sql(database, "UPDATE sales_orders SET approved_by_id = :gm WHERE id = :id", gm=t.gm.user_id, id=good)
    report = _check(database, admin)
    assert sorted((d.table, d.row_id, d.field, d.in_table) for d in report.table_differences) == [
        ("sales_orders", good, NO_AUDITED_APPROVAL, "gm"), ("sales_orders", waiting, NO_AUDITED_APPROVAL, "gm")]
    assert "approved by gm in the table, but no audit entry of theirs records it" in "\n".join(
        integrity.describe(report))
