"""The admin's user management: accounts, roles, SoD justifications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.passwords import validate_password
from sales_desk.domain.common.errors import DomainError, DuplicateError, NotFound, ValidationError
from sales_desk.domain.common.pinyin_keys import person_keys
from sales_desk.domain.common.roles import (
    Conflict,
    Perm,
    Role,
    admin_mixed_with_business,
    conflicts_in,
    parse_roles,
)
from sales_desk.i18n import N_, _
from sales_desk.models import SodJustification, User, UserRole
from sales_desk.services.admin.auth import validate_username
from sales_desk.services.admin.hashing import hash_password
from sales_desk.services.admin.keys import issue_keys
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.common.versions import ensure_current

# The account as the admin edits it, by the users page's words: a stale save names what moved.
ACCOUNT_LABELS = {"roles": N_("Roles"), "sod_justification": N_("Justification"), "active": N_("Active")}
ACCOUNT_ACTIONS = ("user.roles", "user.enable", "user.disable")  # a password or key change is no edit of it


class RoleConflict(DomainError):
    """Roles that give one person incompatible duties, with no justification recorded."""

    def __init__(self, conflicts: list[Conflict]):
        self.conflicts = conflicts
        lines = "\n".join("• " + c.describe() for c in conflicts)
        super().__init__(
            _(
                "These roles give one person incompatible duties:\n{lines}\n"
                "Choose other roles, or record why the firm is too small to separate them."
            ).format(lines=lines)
        )


class AdminMixedWithBusiness(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The administrator account holds no business rights. "
                "Give this person a second, ordinary account for business work."
            )
        )


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    full_name: str
    active: bool
    roles: tuple[str, ...]
    created_at: datetime
    justifications: tuple[str, ...]
    version: int = 1  # the account's: a save names it (domain/common/versions.py)


@dataclass(frozen=True)
class JustificationRow:
    username: str
    conflict_key: str
    justification: str
    recorded_by: str
    recorded_at: datetime


def check_roles(roles: list[Role], justification: str | None) -> list[Conflict]:
    """Preview for the UI and the rule for the services: what these roles would conflict on."""
    if admin_mixed_with_business(roles):
        raise AdminMixedWithBusiness()
    conflicts = conflicts_in(roles)
    if conflicts and not (justification and justification.strip()):
        raise RoleConflict(conflicts)
    return conflicts


def _record_justifications(
    uow: UnitOfWork, user: User, conflicts: list[Conflict], justification: str | None
) -> None:
    uow.session.execute(
        update(SodJustification).where(SodJustification.user_id == user.id).values(active=False)
    )
    for c in conflicts:
        uow.session.add(
            SodJustification(
                user_id=user.id,
                conflict_key=c.key,
                justification=(justification or "").strip(),
                recorded_by_id=current_actor(uow).user_id,
            )
        )


def _get_user(uow: UnitOfWork, username: str, version: int | None = None) -> User:
    """The account; `version` the one the admin's form loaded: a newer one refuses the save
    (StaleRecord, naming who changed what since) before anything is written."""
    user = uow.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(_("User"), username)
    ensure_current(uow, "user", user.id, _("User"), user.username, version, user.version, ACCOUNT_LABELS,
                   only_labelled=True, moved_only=True, actions=ACCOUNT_ACTIONS)
    return user


@service(Perm.USERS_MANAGE)
def add_user(
    uow: UnitOfWork,
    username: str,
    password: str,
    roles: list[str],
    full_name: str = "",
    justification: str | None = None,
) -> int:
    name = validate_username(username)
    validate_password(password, (name, full_name))
    parsed = parse_roles(roles)
    if not parsed:
        raise ValidationError(_("Roles"), _("choose at least one role"))
    conflicts = check_roles(parsed, justification)
    if uow.session.scalar(select(User.id).where(User.username == name)) is not None:
        raise DuplicateError(_("User name"), name)
    stored, sealing_key = hash_password(password)
    _private, public, sealed = issue_keys(sealing_key)
    user = User(username=name, full_name=full_name.strip() or name, password_hash=stored,
                public_key=public, sealed_key=sealed, **person_keys([name], full_name.strip() or name))
    user.roles = [UserRole(role=r.value) for r in sorted(set(parsed))]
    uow.session.add(user)
    uow.session.flush()
    _record_justifications(uow, user, conflicts, justification)
    uow.audit(
        "user.create", "user", user.id, None,
        {"username": name, "full_name": user.full_name, "roles": sorted(r.value for r in parsed),
         "public_key": public,
         "sod_justification": justification if conflicts else None,
         "conflicts": [c.key for c in conflicts]},
    )
    uow.commit()
    return user.id


@service(Perm.USERS_MANAGE)
def set_roles(uow: UnitOfWork, username: str, roles: list[str], justification: str | None = None,
              version: int | None = None) -> None:
    """`version`: the one the roles dialog loaded (UserRow.version); None checks nothing."""
    user = _get_user(uow, username, version)
    parsed = parse_roles(roles)
    if not parsed:
        raise ValidationError(_("Roles"), _("choose at least one role"))
    if user.id == current_actor(uow).user_id and Role.ADMIN not in parsed:
        raise DomainError(_("You cannot remove your own administrator role."))
    conflicts = check_roles(parsed, justification)
    before = user.role_codes
    user.roles = [UserRole(role=r.value) for r in sorted(set(parsed))]
    _record_justifications(uow, user, conflicts, justification)
    uow.audit(
        "user.roles", "user", user.id, {"roles": before},
        {"roles": sorted(r.value for r in set(parsed)),
         "sod_justification": justification if conflicts else None,
         "conflicts": [c.key for c in conflicts]},
    )
    uow.commit()


@service(Perm.USERS_MANAGE)
def set_active(uow: UnitOfWork, username: str, active: bool, version: int | None = None) -> None:
    user = _get_user(uow, username, version)
    if not active and user.id == current_actor(uow).user_id:
        raise DomainError(_("You cannot disable your own account."))
    if user.active == active:
        return
    user.active = active
    uow.audit("user.enable" if active else "user.disable", "user", user.id,
              {"active": not active}, {"active": active})
    uow.commit()


@service(Perm.USERS_MANAGE)
def reset_password(uow: UnitOfWork, username: str, new_password: str) -> None:
    user = _get_user(uow, username)
    validate_password(new_password, (user.username, user.full_name))
    user.password_hash, sealing_key = hash_password(new_password)
    # The old key is sealed with a password nobody tells the administrator: a new pair,
    # vouched for by the administrator's signature on this row.
    _private, user.public_key, user.sealed_key = issue_keys(sealing_key)
    uow.audit("user.password_reset", "user", user.id, None,
              {"username": user.username, "public_key": user.public_key})
    uow.commit()


@service(Perm.USERS_MANAGE, read_only=True)
def list_users(uow: UnitOfWork) -> list[UserRow]:
    just: dict[int, list[str]] = {}
    for j in uow.session.scalars(select(SodJustification).where(SodJustification.active)):
        just.setdefault(j.user_id, []).append(f"{j.conflict_key}: {j.justification}")
    return [
        UserRow(u.id, u.username, u.full_name, u.active, tuple(u.role_codes), u.created_at,
                tuple(just.get(u.id, ())), u.version)
        for u in uow.session.scalars(select(User).order_by(User.username))
    ]


@service(Perm.AUDIT_VIEW, read_only=True)
def sod_justification_report(uow: UnitOfWork) -> list[JustificationRow]:
    """Every conflict the admin allowed, with the reason: part of the audit report."""
    recorder = {u.id: u.username for u in uow.session.scalars(select(User))}
    rows = uow.session.scalars(
        select(SodJustification).where(SodJustification.active).order_by(SodJustification.recorded_at)
    )
    return [
        JustificationRow(recorder[j.user_id], j.conflict_key, j.justification,
                         recorder.get(j.recorded_by_id or -1, ""), j.recorded_at)
        for j in rows
    ]


@dataclass(frozen=True)
class Directory:
    """Who is who, for lists and pickers: id → display name (no secrets)."""

    names: dict[int, str]


@service(LOGGED_IN, read_only=True)
def user_directory(uow: UnitOfWork) -> Directory:
    return Directory({u.id: u.full_name or u.username for u in uow.session.scalars(select(User))})
