"""Products and their starting price ranges [产品定价, 定价区间]: set by the sales VP
(pricing.set), audited with before and after; everyone who works with orders reads them.
Once an approved price list names a product, its prices change only by a new version
(services/orders/price_lists.py).

A product in use is deactivated, never deleted: orders keep pointing at it, and order
lines keep the range as it stood when they were submitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common import pinyin_keys
from sales_desk.domain.common.errors import DomainError, DuplicateError, NotFound, ValidationError
from sales_desk.domain.common.pinyin_keys import normalize_search
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.price_lists import ARTICLE
from sales_desk.domain.orders.pricing import check_price_range
from sales_desk.i18n import N_, _
from sales_desk.models import Product
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.versions import ensure_current
from sales_desk.services.customers.scope import user_names
from sales_desk.services.orders.price_lists import on_an_approved_list


class PricedByPriceList(DomainError):
    def __init__(self, code: str):
        super().__init__(_("{code} is priced by an approved price list: its prices change only through a new "
                           "price list version ({article}).").format(code=code, article=_(ARTICLE)))


@dataclass(frozen=True)
class ProductInput:
    code: str
    name: str
    unit: str
    list_price: int  # minor units per unit
    floor_price: int
    ceiling_price: int
    spec: str = ""
    active: bool = True


@dataclass(frozen=True)
class ProductRow:
    id: int
    code: str
    name: str
    spec: str
    unit: str
    list_price: int
    floor_price: int
    ceiling_price: int
    active: bool
    price_set_by: str
    price_set_at: datetime
    version: int = 1  # the record's version: a save names it (domain/common/versions.py)


_FIELDS = ("code", "name", "spec", "unit", "list_price", "floor_price", "ceiling_price", "active")
# the fields by the form's labels, for a refused stale save's "who changed what"
_LABELS = {"code": N_("Product code"), "name": N_("Product name"), "spec": N_("Specification"), "unit": N_("Unit"),
           "list_price": N_("List price"), "floor_price": N_("Floor price"),
           "ceiling_price": N_("Ceiling price"), "active": N_("Active")}


def _clean(data: ProductInput) -> dict[str, object]:
    code = data.code.strip().upper()
    if not code or len(code) > 32 or any(ch.isspace() for ch in code):
        raise ValidationError(_("Product code"), _("1–32 characters without spaces"))
    name = data.name.strip()
    if not name:
        raise ValidationError(_("Product name"), _("must not be empty"))
    unit = data.unit.strip()
    if not unit or len(unit) > 16:
        raise ValidationError(_("Unit"), _("1–16 characters, e.g. 台, 箱, kg"))
    check_price_range(data.list_price, data.floor_price, data.ceiling_price)
    return {"code": code, "name": name, "spec": data.spec.strip(), "unit": unit,
            "list_price": data.list_price, "floor_price": data.floor_price,
            "ceiling_price": data.ceiling_price, "active": bool(data.active)}


def product_key(code: str, name: str) -> str:
    """What the product filter searches: code and name, in pinyin and initials too."""
    return pinyin_keys.search_text([code], [name])


def _state(p: Product) -> dict[str, object]:
    return {f: getattr(p, f) for f in _FIELDS}


def _unique_code(uow: UnitOfWork, code: str, own_id: int | None = None) -> None:
    other = uow.session.scalar(select(Product.id).where(Product.code == code))
    if other is not None and other != own_id:
        raise DuplicateError(_("Product code"), code)


@service(Perm.PRICING_SET)
def create_product(uow: UnitOfWork, data: ProductInput) -> int:
    values = _clean(data)
    _unique_code(uow, values["code"])  # type: ignore[arg-type]
    now = uow.clock()
    p = Product(**values, price_set_by_id=current_actor(uow).user_id, price_set_at=now,
                created_at=now, updated_at=now, search_text=product_key(str(values["code"]), str(values["name"])))
    uow.session.add(p)
    uow.session.flush()
    uow.audit("product.create", "product", p.id, None, _state(p))
    uow.commit()
    return p.id


@service(Perm.PRICING_SET)
def update_product(uow: UnitOfWork, product_id: int, data: ProductInput, version: int | None = None) -> None:
    """Change a product or its price range; orders already submitted keep their range.
    `version`: the one the form loaded (ProductRow.version); a newer one refuses the save."""
    p = uow.session.get(Product, product_id)
    if p is None:
        raise NotFound(_("Product"), product_id)
    ensure_current(uow, "product", p.id, _("Product"), p.code, version, p.version, _LABELS)
    values = _clean(data)
    _unique_code(uow, values["code"], p.id)  # type: ignore[arg-type]
    before = _state(p)
    changed = {k: v for k, v in values.items() if before[k] != v}
    if not changed:
        return
    if {"list_price", "floor_price", "ceiling_price"} & changed.keys() and on_an_approved_list(uow, p.id):
        raise PricedByPriceList(p.code)
    now = uow.clock()
    for k, v in changed.items():
        setattr(p, k, v)
    if {"code", "name"} & changed.keys():
        p.search_text = product_key(p.code, p.name)
    if {"list_price", "floor_price", "ceiling_price"} & changed.keys():
        p.price_set_by_id, p.price_set_at = current_actor(uow).user_id, now
    p.updated_at = now
    uow.audit("product.update", "product", p.id, {k: before[k] for k in changed}, changed)
    uow.commit()


def _row(p: Product, names: dict[int, str]) -> ProductRow:
    return ProductRow(p.id, p.code, p.name, p.spec, p.unit, p.list_price, p.floor_price,
                      p.ceiling_price, p.active, names.get(p.price_set_by_id or 0, ""), p.price_set_at,
                      p.version)


@service(Perm.ORDER_VIEW, read_only=True)
def list_products(uow: UnitOfWork, text: str = "", include_inactive: bool = False,
                  limit: int = 500) -> list[ProductRow]:
    """Products by code; `text` matches code or name, as typed, in pinyin or initials."""
    q = select(Product)
    if not include_inactive:
        q = q.where(Product.active.is_(True))
    needle = normalize_search(text)
    if needle:
        q = q.where(Product.search_text.contains(needle, autoescape=True))
    rows = list(uow.session.scalars(q.order_by(Product.code).limit(limit)))
    names = user_names(uow, [p.price_set_by_id for p in rows])
    return [_row(p, names) for p in rows]


@service(Perm.ORDER_VIEW, read_only=True)
def get_product(uow: UnitOfWork, product_id: int) -> ProductRow:
    p = uow.session.get(Product, product_id)
    if p is None:
        raise NotFound(_("Product"), product_id)
    return _row(p, user_names(uow, [p.price_set_by_id]))
