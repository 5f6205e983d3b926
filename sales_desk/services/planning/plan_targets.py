"""A plan's targets as read: the version in force for a year, each key's twelve monthly
targets, and the name each key shows under (a rep's name, a product's code and name, a
region's name) in the dimensions' order.

The plan's versions (plans.py), the progress against the plan in force (progress.py)
and the dashboard's sales card read targets through these.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.customers.files import choice_label
from sales_desk.domain.planning.plans import Dimension, PlanStatus
from sales_desk.i18n import _
from sales_desk.models import Product, SalesPlan, SalesPlanTarget
from sales_desk.services.customers.scope import user_names


def target_labels(uow: UnitOfWork, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(dimension, key) → the name it shows under."""
    keys = set(keys)
    reps = [int(k) for d, k in keys if d == Dimension.REP and k.isdigit()]
    products = [int(k) for d, k in keys if d == Dimension.PRODUCT and k.isdigit()]
    out: dict[tuple[str, str], str] = {}
    for uid, name in user_names(uow, reps).items():
        out[(Dimension.REP.value, str(uid))] = name
    if products:
        for pid, code, name in uow.session.execute(
                select(Product.id, Product.code, Product.name).where(Product.id.in_(products))):
            out[(Dimension.PRODUCT.value, str(pid))] = f"{code} {name}"
    for d, k in keys:
        if d == Dimension.REGION:
            out[(d, k)] = choice_label("region", k) if k else _("No region")
    return out


def target_order(dimension: str, label: str) -> tuple[int, str]:
    """Sort key: by dimension (reps, products, regions), then label."""
    return [d.value for d in Dimension].index(dimension), label


def plan_in_force(uow: UnitOfWork, year: int) -> SalesPlan | None:
    return uow.session.scalar(select(SalesPlan).where(
        SalesPlan.year == year, SalesPlan.status == PlanStatus.APPROVED.value).limit(1))


def targets_by_month(uow: UnitOfWork, plan_id: int | None, dimension: Dimension,
                     rep_only: int | None = None) -> dict[str, list[int]]:
    """Key → its twelve monthly targets in the plan."""
    if plan_id is None:
        return {}
    t = SalesPlanTarget
    q = select(t.key, t.month, t.amount).where(t.plan_id == plan_id, t.dimension == dimension.value)
    if rep_only is not None:
        q = q.where(t.key == str(rep_only))
    out: dict[str, list[int]] = {}
    for key, month, amount in uow.session.execute(q):
        out.setdefault(key, [0] * 12)[month - 1] = int(amount)
    return out
