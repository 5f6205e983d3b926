"""Each audit row signed by its author: a row appended with a correct hash in someone's name,
by whoever has the database's login but not that person's password, is named by `check`
on both databases, even when the tables were changed to match it."""

from __future__ import annotations

import base64
import json

import pytest
from sqlalchemy import text

from sales_desk.domain.admin.audit_chain import AuditRecord, row_hash
from sales_desk.domain.admin.signatures import new_key_pair, sign
from sales_desk.domain.common.money import to_minor
from sales_desk.models import User, UserRole
from sales_desk.services.admin import auth, integrity, keys, users
from sales_desk.services.admin.hashing import check_password, hash_password
from sales_desk.services.credit import limit as credit_limit
from tests.conftest import PASSWORD
from tests.services.credit_flow import new_customer, rate, staff

NEW_PASSWORD = "another long passphrase 7"


def _check(database, admin):  # noqa: ANN001, ANN202
    return integrity.check_database(database.uow(admin), database.known_anchors())


def _forge(database, user_id: int | None, username: str, action: str, entity: str, entity_id: object,  # noqa: ANN001
           after: dict, signer: bytes | None = None) -> int:
    """Append a row with a correct hash, as a `psql` session with the database's login could."""
    with database.engine.begin() as c:
        seq, prev = c.execute(text("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).one()
        rec = AuditRecord(seq + 1, "2026-06-01T08:00:00.000000+00:00", user_id, username, action, entity,
                          str(entity_id), None, json.dumps(after, separators=(",", ":")), prev)
        digest = row_hash(rec)
        c.execute(text("INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, before, "
                       "after, prev_hash, hash, signature) VALUES (:seq, :at, :user_id, :username, :action, "
                       ":entity, :entity_id, :before, :after, :prev_hash, :hash, :signature)"),
                  {**rec.__dict__, "hash": digest, "signature": sign(signer, digest) if signer else None})
    return rec.seq


def test_every_row_the_program_writes_is_signed_by_its_author(database, admin, make_user) -> None:
    s = staff(make_user)
    cid = new_customer(database, s.rep)
    rate(database, s, cid, 70)
    credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("30000"), 30, reasons="试用")
    auth.change_own_password(database.uow(s.rep), PASSWORD, NEW_PASSWORD)
    users.reset_password(database.uow(admin), "fin", NEW_PASSWORD)
    fin = auth.login(database.uow(), "fin", NEW_PASSWORD)
    users.set_active(database.uow(admin), "spec", False)
    assert fin.signing_key is not None
    report = _check(database, admin)
    assert report.unsigned == () and report.ok, integrity.describe(report)
    with database.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM audit_log WHERE signature IS NULL AND user_id IS NOT NULL")
                         ).scalar() == 0


def test_a_forged_limit_with_its_audit_row_in_the_managers_name_is_named(database, admin, make_user) -> None:
    s = staff(make_user)
    cid = new_customer(database, s.rep)
    rate(database, s, cid, 70)
    forged = _forge(database, s.mgr.user_id, "mgr", "credit.set_limit", "customer", cid,
                    {"credit_limit": to_minor("9000000"), "payment_term_days": 90, "payment_mode": "credit"})
    with database.engine.begin() as c:  # the table made to match the forged row
        c.execute(text("UPDATE customers SET credit_limit = :l, payment_term_days = 90, payment_mode = 'credit' "
                       "WHERE id = :id"), {"l": to_minor("9000000"), "id": cid})
    report = _check(database, admin)
    assert report.table_differences == ()  # the tables agree with the trail...
    assert [(u.seq, u.username, u.why) for u in report.unsigned] == [(forged, "mgr", "no-signature")]
    assert not report.ok  # ...but the manager never signed it
    assert f"row {forged} (mgr, credit.set_limit): not signed" in "\n".join(integrity.describe(report))


def test_a_row_signed_with_a_key_of_ones_own_is_named(database, admin, make_user) -> None:
    make_user("li", "sales_rep")
    own_key, _public = new_key_pair()
    forged = _forge(database, admin.user_id, "admin", "user.roles", "user", 2, {"roles": ["gm"]}, own_key)
    assert [(u.seq, u.why) for u in _check(database, admin).unsigned] == [(forged, "wrong-signature")]


def test_a_business_row_in_nobodys_name_is_named_but_a_failed_log_in_is_not(database, admin) -> None:
    failed = None
    try:
        auth.login(database.uow(), "admin", "wrong password entirely")
    except Exception as exc:  # noqa: BLE001 - the refusal itself is tested elsewhere
        failed = exc
    assert failed is not None
    forged = _forge(database, None, "", "credit.set_limit", "customer", 1, {"credit_limit": 1})
    assert [(u.seq, u.why) for u in _check(database, admin).unsigned] == [(forged, "no-user")]


def test_a_key_swapped_in_the_users_table_is_named(database, admin, make_user) -> None:
    rep = make_user("rep", "sales_rep")
    _private, public = new_key_pair()
    with database.engine.begin() as c:
        c.execute(text("UPDATE users SET public_key = :k WHERE id = :id"), {"k": public, "id": rep.user_id})
    [d] = _check(database, admin).table_differences
    assert (d.table, d.row_id, d.field) == ("users", rep.user_id, "public_key")


def test_a_forged_key_issue_for_a_user_who_has_a_key_is_named(database, admin, make_user) -> None:
    rep = make_user("rep", "sales_rep")
    own_key, public = new_key_pair()
    forged = _forge(database, rep.user_id, "rep", "user.keys_issued", "user", rep.user_id,
                    {"username": "rep", "public_key": public}, own_key)
    assert [(u.seq, u.why) for u in _check(database, admin).unsigned] == [(forged, "wrong-signature")]


def test_a_user_from_before_keys_gets_a_pair_at_the_next_log_in(database, admin) -> None:
    with database.uow(admin) as uow:  # as version 0007 made a user: no keys, none in the trail
        user = User(username="rep", full_name="rep", password_hash=hash_password(PASSWORD)[0])
        user.roles = [UserRole(role="sales_rep")]
        uow.session.add(user)
        uow.session.flush()
        uow.audit("user.create", "user", user.id, None, {"username": "rep", "roles": ["sales_rep"]})
        uow.commit()
    rep = auth.login(database.uow(), "rep", PASSWORD)
    assert rep.signing_key is not None
    new_customer(database, rep)
    report = _check(database, admin)
    assert report.unsigned == () and report.table_differences == (), integrity.describe(report)
    assert auth.login(database.uow(), "rep", PASSWORD).signing_key == rep.signing_key  # issued once


def test_a_key_removed_from_the_users_table_is_named(database, admin, make_user) -> None:
    rep = make_user("rep", "sales_rep")
    with database.engine.begin() as c:
        c.execute(text("UPDATE users SET public_key = NULL, sealed_key = NULL WHERE id = :id"), {"id": rep.user_id})
    auth.login(database.uow(), "rep", PASSWORD)  # a new pair, introduced by itself: not enough
    report = _check(database, admin)
    assert [(u.action, u.why) for u in report.unsigned] == [("user.keys_issued", "wrong-signature")]
    assert not report.ok


def test_a_password_change_keeps_the_key_and_a_reset_issues_a_new_one(database, admin, make_user) -> None:
    rep = make_user("rep", "sales_rep")
    auth.change_own_password(database.uow(rep), PASSWORD, NEW_PASSWORD)
    changed = auth.login(database.uow(), "rep", NEW_PASSWORD)
    assert changed.signing_key == rep.signing_key
    users.reset_password(database.uow(admin), "rep", PASSWORD + " again")
    reset = auth.login(database.uow(), "rep", PASSWORD + " again")
    assert reset.signing_key not in (None, rep.signing_key)


def test_a_sealed_key_opens_only_with_its_password() -> None:
    stored, sealing_key = hash_password(PASSWORD)
    private, _public, sealed = keys.issue_keys(sealing_key)
    right, wrong = check_password(stored, PASSWORD), check_password(stored, PASSWORD + "x")
    assert right.ok and keys.unseal(sealed, right.sealing_key) == private
    assert not wrong.ok and wrong.sealing_key is None and keys.unseal(sealed, wrong.sealing_key) is None
    assert keys.unseal(sealed, hash_password(PASSWORD)[1]) is None  # another salt, another key
    assert keys.unseal("v9$a$b", sealing_key) is None


@pytest.mark.real_password_cost
def test_the_stored_verifier_is_not_the_sealing_key() -> None:
    stored, sealing_key = hash_password(PASSWORD)
    assert stored.startswith("$sd-argon2id$v=19$m=19456,t=2,p=1$")
    assert base64.b64encode(sealing_key).decode().rstrip("=") not in stored


def test_a_hash_from_before_keys_still_logs_in_and_is_replaced(database, admin) -> None:
    from argon2 import PasswordHasher

    make_old = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
    users.add_user(database.uow(admin), "old", PASSWORD, ["sales_rep"])
    with database.engine.begin() as c:  # as 0007 stored it, and no keys yet
        c.execute(text("UPDATE users SET password_hash = :h, public_key = NULL, sealed_key = NULL "
                       "WHERE username = 'old'"), {"h": make_old.hash(PASSWORD)})
    old = auth.login(database.uow(), "old", PASSWORD)
    assert old.signing_key is not None
    with database.engine.connect() as c:
        assert c.execute(text("SELECT password_hash FROM users WHERE username = 'old'")).scalar().startswith(
            "$sd-argon2id$")
    assert auth.login(database.uow(), "old", PASSWORD).signing_key == old.signing_key


@pytest.mark.real_password_cost
def test_a_hash_made_at_another_cost_is_checked_at_its_own_and_marked_for_rehashing(monkeypatch) -> None:
    from sales_desk.services.admin import hashing

    monkeypatch.setattr(hashing, "TIME_COST", 1)
    monkeypatch.setattr(hashing, "MEMORY_KIB", 1024)
    cheaper, sealing_key = hash_password(PASSWORD)
    assert cheaper.startswith("$sd-argon2id$v=19$m=1024,t=1,p=1$")
    monkeypatch.undo()  # the firm raises the cost: the old hash still opens, at its own cost
    check = check_password(cheaper, PASSWORD)
    assert check.ok and check.sealing_key == sealing_key and check.outdated
    assert not check_password(cheaper, PASSWORD + "x").ok
    current = check_password(hash_password(PASSWORD)[0], PASSWORD)
    assert current.ok and not current.outdated
