"""Users, roles, self-approval, lock-out and the audit trail, through real units of work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import (
    AccountLocked,
    AuthenticationFailed,
    DomainError,
    NotPermitted,
    SelfApprovalRefused,
    ValidationError,
)
from sales_desk.models import AuditEntry, SodJustification, User
from sales_desk.services.admin import audit, auth, settings, users
from tests.conftest import PASSWORD


def test_first_run_creates_the_one_admin_and_closes(database) -> None:
    assert auth.needs_first_run(database.uow())
    actor = auth.create_first_admin(database.uow(), "boss", PASSWORD)
    assert actor.is_admin
    assert not auth.needs_first_run(database.uow())
    with pytest.raises(DomainError):
        auth.create_first_admin(database.uow(), "other", PASSWORD)


def test_short_password_refused(database) -> None:
    with pytest.raises(ValidationError):
        auth.create_first_admin(database.uow(), "boss", "short")


def test_long_password_of_64_characters_accepted(database) -> None:
    long = ("plum-violet-orbit-" * 4)[:64]
    auth.create_first_admin(database.uow(), "boss", long)
    assert auth.login(database.uow(), "boss", long).username == "boss"


def test_the_first_administrators_password_is_refused_when_easy_to_guess(database) -> None:
    for weak in ("password1234", "boss-boss-boss"):
        with pytest.raises(ValidationError, match="easy to guess"):
            auth.create_first_admin(database.uow(), "boss", weak)


def test_unknown_user_and_wrong_password_get_the_same_message(database, admin) -> None:
    with pytest.raises(AuthenticationFailed) as unknown:
        auth.login(database.uow(), "nobody", PASSWORD)
    with pytest.raises(AuthenticationFailed) as wrong:
        auth.login(database.uow(), "admin", "wrong password")
    assert str(unknown.value) == str(wrong.value)


def test_lockout_after_five_failures_in_fifteen_minutes(database, admin) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            auth.login(database.uow(), "admin", "wrong password")
    with pytest.raises(AccountLocked):
        auth.login(database.uow(), "admin", PASSWORD)  # even the right password waits


def test_lockout_expires(database, admin) -> None:
    t0 = datetime(2026, 1, 1, 9, tzinfo=UTC)
    for i in range(5):
        uow = database.uow()
        uow.clock = lambda i=i: t0 + timedelta(seconds=i)
        with pytest.raises(AuthenticationFailed):
            auth.login(uow, "admin", "wrong password")
    later = database.uow()
    later.clock = lambda: t0 + timedelta(minutes=1)
    assert auth.login(later, "admin", PASSWORD).username == "admin"


def test_conflicting_roles_refused_without_justification(database, admin) -> None:
    with pytest.raises(users.RoleConflict) as err:
        users.add_user(database.uow(admin), "li", PASSWORD, ["sales_rep", "warehouse"])
    assert "order.create" in str(err.value)
    with database.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(User)) == 1


def test_conflicting_roles_allowed_with_recorded_justification(database, admin) -> None:
    users.add_user(database.uow(admin), "li", PASSWORD, ["sales_rep", "warehouse"],
                   justification="Two-person branch office")
    report = users.sod_justification_report(database.uow(admin))
    assert [(r.username, r.conflict_key) for r in report] == [("li", "order.create×dispatch.ship")]
    assert report[0].justification == "Two-person branch office"


def test_admin_cannot_also_hold_a_business_role(database, admin) -> None:
    with pytest.raises(users.AdminMixedWithBusiness):
        users.add_user(database.uow(admin), "li", PASSWORD, ["admin", "gm"], justification="tiny firm")


def test_self_approval_refused() -> None:
    with pytest.raises(SelfApprovalRefused):
        ensure_not_self_approval(requester_id=7, approver_id=7)
    ensure_not_self_approval(requester_id=7, approver_id=8)


def test_disabled_user_is_refused_at_once(database, admin, make_user) -> None:
    rep = make_user("wang", "sales_rep")
    users.set_active(database.uow(admin), "wang", False)
    with pytest.raises(NotPermitted):
        settings.get_settings(database.uow(rep))
    with pytest.raises(AuthenticationFailed):
        auth.login(database.uow(), "wang", PASSWORD)


def test_removed_role_is_refused_without_logging_out(database, admin, make_user) -> None:
    gm = make_user("zhao", "gm")
    assert audit.verify_chain(database.uow(gm)).ok
    users.set_roles(database.uow(admin), "zhao", ["sales_vp"])
    with pytest.raises(NotPermitted):
        audit.verify_chain(database.uow(gm))


def test_every_change_writes_an_audit_row(database, admin, make_user) -> None:
    make_user("wang", "sales_rep")
    users.set_roles(database.uow(admin), "wang", ["sales_rep", "sales_supervisor"])
    users.reset_password(database.uow(admin), "wang", "another long password")
    users.set_active(database.uow(admin), "wang", False)
    settings.update_settings(database.uow(admin), {"company.currency": "RMB"})
    rows, more = audit.audit_page(database.uow(admin))
    assert [r.action for r in rows] == [
        "setting.change", "user.disable", "user.password_reset", "user.roles", "user.create", "user.create",
    ]
    assert not more
    assert rows[0].before == '{"value":"CNY"}' and rows[0].after == '{"value":"RMB"}'
    assert all(r.username == "admin" for r in rows)


def test_audit_chain_detects_raw_sql_tampering(database, admin, make_user) -> None:
    make_user("wang", "sales_rep")
    assert audit.verify_chain(database.uow(admin)).ok
    with database.engine.connect() as conn:
        # The guard triggers refuse updates; a tamperer would drop them first.
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        else:
            conn.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change")
        conn.execute(text("UPDATE audit_log SET after = '{\"username\":\"eve\"}' WHERE seq = 2"))
        conn.commit()
    report = audit.verify_chain(database.uow(admin))
    assert report.first_broken_seq == 2


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET username = 'eve' WHERE seq = 1",
    "DELETE FROM audit_log WHERE seq = 1",
])
def test_update_and_delete_on_audit_table_refused(database, admin, statement: str) -> None:
    with database.engine.connect() as conn, pytest.raises(DBAPIError, match="append-only"):
        conn.execute(text(statement))
    with database.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(AuditEntry)) == 1


def test_refused_change_leaves_no_trace(database, admin) -> None:
    with pytest.raises(ValidationError):
        settings.update_settings(database.uow(admin), {"company.name": "  "})  # empty
    with database.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(AuditEntry)) == 1
        assert uow.session.scalar(select(func.count()).select_from(SodJustification)) == 0


def test_thirty_simultaneous_log_ins_check_no_more_passwords_than_the_lock_out_allows(database, admin) -> None:
    import threading

    from sales_desk.domain.admin.passwords import FAILURES_BEFORE_LOCK

    outcomes: list[str] = []
    start = threading.Barrier(30)

    def attempt() -> None:
        start.wait()
        try:
            auth.login(database.uow(), "admin", "wrong password guess")
            outcomes.append("in")
        except AuthenticationFailed:
            outcomes.append("checked")  # the password was tried against the hash
        except AccountLocked:
            outcomes.append("locked")

    threads = [threading.Thread(target=attempt) for _ in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("checked") == FAILURES_BEFORE_LOCK and outcomes.count("locked") == 25
    with pytest.raises(AccountLocked):  # the right password too, while locked
        auth.login(database.uow(), "admin", PASSWORD)


def test_a_failed_log_in_is_written_to_the_audit_trail(database, admin) -> None:
    with pytest.raises(AuthenticationFailed):
        auth.login(database.uow(), "Nobody", "wrong password guess")
    rows = audit.export_rows(database.uow(admin), audit.AuditFilter(action_prefix="auth.login_failed"))
    assert [(r.entity_id, r.action) for r in rows] == [("nobody", "auth.login_failed")]
