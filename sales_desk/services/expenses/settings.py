"""Expense settings: each category's sub-items (business settings expense.items.*), and
each person's department and monthly discretionary allowance [支配范围] — edited by
the administrator like every policy number, audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.money import money_str
from sales_desk.domain.common.roles import Perm, permissions_of
from sales_desk.domain.expenses.claims import Category, items_from_settings
from sales_desk.i18n import _
from sales_desk.models import ExpenseProfile, User, UserRole
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import LOGGED_IN, current_actor, service


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
    monthly_allowance: int | None  # None uses the default allowance
    effective_department: str
    effective_allowance: int


@service(Perm.SETTINGS_MANAGE, read_only=True)
def list_expense_profiles(uow: UnitOfWork) -> list[ProfileRow]:
    """Everyone who may apply for expenses, with their department and allowance."""
    settings = load_settings(uow)
    default_dept = str(settings["expense.default_department"])
    default_allowance = int(settings["expense.monthly_allowance"])  # type: ignore[call-overload]
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
        allowance = p.monthly_allowance if p else None
        out.append(ProfileRow(u.id, u.username, u.full_name, dept, allowance, dept or default_dept,
                              default_allowance if allowance is None else allowance))
    return out


@service(Perm.SETTINGS_MANAGE)
def set_expense_profile(uow: UnitOfWork, user_id: int, department: str = "",
                        monthly_allowance: int | None = None) -> None:
    """Set a person's department and allowance; blank / None return them to the defaults."""
    if uow.session.get(User, user_id) is None:
        raise NotFound(_("User"), user_id)
    department = (department or "").strip()
    if len(department) > 64:
        raise ValidationError(_("Department"), _("at most {n}").format(n=64))
    if monthly_allowance is not None and (isinstance(monthly_allowance, bool)
                                          or not isinstance(monthly_allowance, int) or monthly_allowance < 0):
        raise ValidationError(_("Monthly allowance"), _("at least {n}").format(n=0))
    p = uow.session.get(ExpenseProfile, user_id)
    before = None if p is None else {"department": p.department, "monthly_allowance":
                                     None if p.monthly_allowance is None else money_str(p.monthly_allowance)}
    if p is None:
        p = ExpenseProfile(user_id=user_id)
        uow.session.add(p)
    p.department, p.monthly_allowance = department, monthly_allowance
    p.updated_by_id, p.updated_at = current_actor(uow).user_id, uow.clock()
    uow.audit("expense_profile.set", "user", user_id, before,
              {"department": department,
               "monthly_allowance": None if monthly_allowance is None else money_str(monthly_allowance)})
    uow.commit()
