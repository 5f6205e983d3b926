"""First run, login with lock-out, and changing one's own password."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import delete, func, select, text

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.passwords import FAILURE_WINDOW, lockout_remaining, validate_password
from sales_desk.domain.common.errors import (
    AccountLocked,
    AuthenticationFailed,
    DomainError,
    ValidationError,
)
from sales_desk.domain.common.pinyin_keys import person_keys
from sales_desk.domain.common.roles import Actor, Role
from sales_desk.i18n import _
from sales_desk.models import LoginFailure, User, UserRole
from sales_desk.services.admin.hashing import (
    check_password,
    dummy_hash,
    hash_password,
)
from sales_desk.services.admin.keys import issue_keys, seal, unseal
from sales_desk.services.common.base import LOGGED_IN, PUBLIC, current_actor, service

_LOGIN_LOCK_NAMESPACE = 0x10C1  # the first key of the two-key advisory lock: log-in attempts


def validate_username(username: str) -> str:
    name = username.strip()
    if not (2 <= len(name) <= 64) or any(c.isspace() for c in name):
        raise ValidationError(_("User name"), _("2 to 64 characters, no spaces"))
    return name


@service(PUBLIC)
def needs_first_run(uow: UnitOfWork) -> bool:
    """True until an administrator exists: there is no default account."""
    return uow.session.scalar(select(func.count()).select_from(User)) == 0


@service(PUBLIC)
def create_first_admin(uow: UnitOfWork, username: str, password: str, full_name: str = "") -> Actor:
    """Create the one administrator at first run; refused once any user exists."""
    if uow.session.scalar(select(func.count()).select_from(User)):
        raise DomainError(_("This database already has users; the first-run set-up is closed."))
    name = validate_username(username)
    validate_password(password, (name, full_name))
    stored, sealing_key = hash_password(password)
    private, public, sealed = issue_keys(sealing_key)
    user = User(username=name, full_name=full_name or name, password_hash=stored,
                public_key=public, sealed_key=sealed, **person_keys([name], full_name or name))
    user.roles = [UserRole(role=Role.ADMIN.value)]
    uow.session.add(user)
    uow.session.flush()
    actor = Actor(user.id, user.username, frozenset({Role.ADMIN}), private)
    uow.actor = actor
    uow.audit("user.create", "user", user.id, None,
              {"username": name, "roles": [Role.ADMIN.value], "public_key": public})
    uow.commit()
    return actor


def _serialize_attempts(uow: UnitOfWork, key: str) -> None:
    """One attempt at a time per name, for the lock-out to count every one: on PostgreSQL a
    lock on the name until commit (SQLite's BEGIN IMMEDIATE already serializes writers).
    Without it 30 simultaneous attempts all read "no failures yet" and all were checked."""
    if uow.session.get_bind().dialect.name == "postgresql":
        uow.session.execute(text("SELECT pg_advisory_xact_lock(:ns, hashtext(:key))"),
                            {"ns": _LOGIN_LOCK_NAMESPACE, "key": key})


@service(PUBLIC)
def login(uow: UnitOfWork, username: str, password: str) -> Actor:
    """Check a password; the same refusal for an unknown name and a wrong password."""
    now = uow.clock()
    key = username.strip().lower()
    _serialize_attempts(uow, key)
    # Old failures lock nobody out any more; unknown names' rows would only pile up.
    uow.session.execute(delete(LoginFailure).where(LoginFailure.at < now - FAILURE_WINDOW))
    failures = list(
        uow.session.scalars(
            select(LoginFailure.at).where(LoginFailure.username == key, LoginFailure.at >= now - FAILURE_WINDOW)
        )
    )
    wait = lockout_remaining(failures, now)
    if wait:
        raise AccountLocked(int(wait.total_seconds()) + 1)
    user = uow.session.scalar(select(User).where(func.lower(User.username) == key))
    checked = check_password(user.password_hash if user else dummy_hash(), password)
    ok = checked.ok
    if not ok or user is None or not user.active:
        uow.session.add(LoginFailure(username=key, at=now))
        # In the audit trail too, where nobody can quietly remove it: who keeps trying.
        uow.audit("auth.login_failed", "user", key, None,
                  {"username": key, "known": user is not None,
                   "reason": "inactive" if user is not None and ok else "password"})
        uow.commit()
        raise AuthenticationFailed()
    uow.session.execute(delete(LoginFailure).where(LoginFailure.username == key))
    private = unseal(user.sealed_key, checked.sealing_key)
    sealing_key = checked.sealing_key
    if checked.outdated:
        user.password_hash, sealing_key = hash_password(password)
        if private is not None:
            user.sealed_key = seal(private, sealing_key)
    actor = Actor(user.id, user.username, frozenset(Role(r) for r in user.role_codes), private)
    uow.actor = actor
    if private is None and user.public_key is None and sealing_key is not None:
        # A user from before keys: a new pair, introduced by its holder in the trail,
        # signed with itself. (A key that will not open is not replaced here: that is the
        # administrator's reset, whose row vouches for the new one.)
        private, public, user.sealed_key = issue_keys(sealing_key)
        user.public_key = public
        actor = uow.actor = replace(actor, signing_key=private)
        uow.audit("user.keys_issued", "user", user.id, None, {"username": user.username, "public_key": public})
    uow.commit()
    return actor


@service(LOGGED_IN)
def change_own_password(uow: UnitOfWork, old_password: str, new_password: str) -> None:
    actor = current_actor(uow)
    user = uow.session.get_one(User, actor.user_id)
    checked = check_password(user.password_hash, old_password)
    if not checked.ok:
        raise ValidationError(_("Current password"), _("does not match"))
    validate_password(new_password, (user.username, user.full_name))
    user.password_hash, sealing_key = hash_password(new_password)
    private = unseal(user.sealed_key, checked.sealing_key) or actor.signing_key
    if private is not None:
        user.sealed_key = seal(private, sealing_key)  # the same key pair, under the new password
    uow.audit("user.password_change", "user", user.id, None, {"username": user.username})
    uow.commit()
