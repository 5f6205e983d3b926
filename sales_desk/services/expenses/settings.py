"""Expense settings: each category's sub-items (technical settings expense.items.*) and each
person's department — the administrator's, audited. A person's monthly discretionary
allowance [支配范围] is policy (expense.personal_allowances, proposed by the sales manager and
approved by the general manager): shown here, changed on the Policy versions page.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.settings import PERSONAL_ALLOWANCES
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm, permissions_of
from sales_desk.domain.expenses.claims import Category, items_from_settings
from sales_desk.i18n import N_, _
from sales_desk.models import ExpenseProfile, User, UserRole
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.common.versions import ensure_current
from sales_desk.services.expenses.common import monthly_allowance


@service(LOGGED_IN, read_only=True)
def expense_items(uow: UnitOfWork) -> dict[Category, tuple[str, ...]]:
    """The sub-items the form offers per category (show them with domain.expenses.item_label)."""
    return items_from_settings(load_settings(uow))


@dataclass(frozen=True)
class ProfileRow:
    user_id: int
    username: str
    full_name: str
    department: str  # "" uses the default department
    own_allowance: bool  # the policy names this person; otherwise the default allowance
    effective_department: str
    effective_allowance: int
    version: int = 0  # the department's record: a save names it; 0 while none is stored


@service(Perm.SETTINGS_MANAGE, read_only=True)
def list_expense_profiles(uow: UnitOfWork) -> list[ProfileRow]:
    """Everyone who may apply for expenses, with their department and allowance."""
    settings = load_settings(uow)
    default_dept = str(settings["expense.default_department"])
    named: dict[str, int] = settings[PERSONAL_ALLOWANCES]  # type: ignore[assignment]
    roles: dict[int, set[str]] = {}
    for uid, role in uow.session.execute(select(UserRole.user_id, UserRole.role)):
        roles.setdefault(uid, set()).add(role)
    profiles = {p.user_id: p for p in uow.session.scalars(select(ExpenseProfile))}
    out = []
    for u in uow.session.scalars(select(User).where(User.active.is_(True)).order_by(User.username)):
        if Perm.EXPENSE_APPLY not in permissions_of(roles.get(u.id, ())):
            continue
        p = profiles.get(u.id)
        dept = p.department if p else ""
        out.append(ProfileRow(u.id, u.username, u.full_name, dept, u.username in named, dept or default_dept,
                              monthly_allowance(settings, u.username), p.version if p else 0))
    return out


@service(Perm.SETTINGS_MANAGE)
def set_expense_profile(uow: UnitOfWork, user_id: int, department: str = "", version: int | None = None) -> None:
    """Set a person's department; blank returns them to the default department. `version`:
    the one the form loaded (ProfileRow.version, 0: none stored); a newer one refuses the save."""
    user = uow.session.get(User, user_id)
    if user is None:
        raise NotFound(_("User"), user_id)
    p = uow.session.get(ExpenseProfile, user_id)
    ensure_current(uow, "user", user_id, _("User"), user.username, version,
                   p.version if p else 0, {"department": N_("Department")}, only_labelled=True,
                   actions=("expense_profile.set",))
    department = (department or "").strip()
    if len(department) > 64:
        raise ValidationError(_("Department"), _("at most {n}").format(n=64))
    before = None if p is None else {"department": p.department}
    if p is None:
        p = ExpenseProfile(user_id=user_id)
        uow.session.add(p)
    p.department = department
    p.updated_by_id, p.updated_at = current_actor(uow).user_id, uow.clock()
    uow.audit("expense_profile.set", "user", user_id, before, {"department": department})
    uow.commit()
