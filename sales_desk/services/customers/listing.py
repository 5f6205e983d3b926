"""The customer list: filtered in SQL, keyset-paged, flat frozen rows (100k customers).

The name/code filter is a substring match on `customers.search_text` (code and names,
width- and case-folded, spaces dropped, with their pinyin and initials), so Chinese names
match any run of characters, "huatong" or "ht"; it goes through the search index
(services/common/search.py), never a scan.
Pages are ordered by (name, id) or by code, and the next page starts after the last key
(fetch limit + 1, no OFFSET). The same query feeds the Excel export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, func, or_, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.customers.files import sees_all_customers, stale_cutoff
from sales_desk.i18n import _
from sales_desk.models import Customer, User
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.keyset import sorted_page
from sales_desk.services.common.search import name_order, name_search, pinyin_order
from sales_desk.services.customers.scope import business_today, stale_months

SORTS = ("name", "code")
UNRATED = "none"  # credit_grade filter value for customers never rated


@dataclass(frozen=True)
class CustomerFilter:
    text: str = ""  # substring of code, name or short name
    region: str = ""
    industry: str = ""
    nature: str = ""
    customer_type: str = ""
    credit_grade: str = ""  # A–D, or "none" for unrated
    value_grade: str = ""
    rep_id: int | None = None
    key_account: bool | None = None
    credit_hold: bool | None = None
    stale: bool | None = None
    review_pending: bool | None = None
    rerating_due: bool | None = None


@dataclass(frozen=True)
class CustomerRow:
    id: int
    code: str
    name: str
    region: str
    industry: str
    nature: str
    customer_type: str
    value_grade: str
    credit_grade: str | None
    credit_limit: int
    payment_term_days: int | None
    payment_mode: str
    rep_id: int | None
    rep_name: str
    key_account: bool
    credit_hold: bool
    stale: bool
    review_pending: bool
    file_updated_on: date
    rerating_due_on: date | None
    sort_key: str = ""  # the name in pinyin: the Chinese UI's order


@dataclass(frozen=True)
class CustomerPage:
    rows: tuple[CustomerRow, ...]
    next_after: tuple[Any, int] | None  # pass back as `after` for the next page; None: last page


_COLUMNS = (
    Customer.id, Customer.code, Customer.name, Customer.region, Customer.industry, Customer.nature,
    Customer.customer_type, Customer.value_grade, Customer.credit_grade, Customer.credit_limit,
    Customer.payment_term_days, Customer.payment_mode, Customer.rep_id, User.full_name,
    Customer.key_account, Customer.credit_hold, Customer.review_status, Customer.file_updated_on,
    Customer.rerating_due_on, Customer.sort_key,
)


def _filtered(uow: UnitOfWork, q: Select, f: CustomerFilter, today: date, cutoff: date,
              page: bool = False) -> Select:
    actor = current_actor(uow)
    if not sees_all_customers(actor.roles):
        q = q.where(Customer.rep_id == actor.user_id)
    q = name_search(uow, q, f.text, walk_order=page)
    for field in ("region", "industry", "nature", "customer_type", "value_grade"):
        value = getattr(f, field)
        if value:
            q = q.where(getattr(Customer, field) == value)
    if f.credit_grade == UNRATED:
        q = q.where(Customer.credit_grade.is_(None))
    elif f.credit_grade:
        q = q.where(Customer.credit_grade == f.credit_grade)
    if f.rep_id is not None:
        q = q.where(Customer.rep_id == f.rep_id)
    if f.key_account is not None:
        q = q.where(Customer.key_account.is_(f.key_account))
    if f.credit_hold is not None:
        q = q.where(Customer.credit_hold.is_(f.credit_hold))
    if f.stale is not None:
        q = q.where(Customer.file_updated_on < cutoff if f.stale else Customer.file_updated_on >= cutoff)
    if f.review_pending is not None:
        pending = Customer.review_status == "pending"
        q = q.where(pending if f.review_pending else ~pending)
    if f.rerating_due is not None:
        due = Customer.rerating_due_on <= today
        q = q.where(due if f.rerating_due else or_(Customer.rerating_due_on.is_(None), ~due))
    return q


def _rows(result, cutoff: date) -> list[CustomerRow]:  # noqa: ANN001 - a SQLAlchemy Result
    return [
        CustomerRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12],
                    r[13] or "", r[14], r[15], r[17] < cutoff, r[16] == "pending", r[17], r[18], r[19])
        for r in result
    ]


def _page_query(uow: UnitOfWork, f: CustomerFilter, order: str, after: tuple[str, int] | None,
                limit: int, today: date, cutoff: date) -> Select:
    if order not in SORTS:
        raise ValidationError(_("Sort"), _("not a valid value"))
    q = _filtered(uow, select(*_COLUMNS).outerjoin(User, User.id == Customer.rep_id), f, today, cutoff,
                  page=True)
    if order == "code":
        if after is not None:
            q = q.where(Customer.code > after[0])
        q = q.order_by(Customer.code)
    else:
        # by name as written (code points) in English, in pinyin in the Chinese UI
        column = name_order()
        if after is not None:
            name, last_id = after
            q = q.where(or_(column > name, and_(column == name, Customer.id > last_id)))
        q = q.order_by(column, Customer.id)
    return q.limit(limit + 1)


def _sorts() -> dict[str, tuple[Any, Callable[[CustomerRow], Any]]]:
    """The columns the list sorts by (a header click): each one's SQL value, and the same
    value read off a row; the name in the reader's order (pinyin in the Chinese UI)."""
    c = Customer
    return {
        "code": (c.code, lambda r: r.code),
        "name": (name_order(), lambda r: name_page_key(r)[0]),
        "region": (c.region, lambda r: r.region),
        "industry": (c.industry, lambda r: r.industry),
        "type": (c.customer_type, lambda r: r.customer_type),
        "value_grade": (c.value_grade, lambda r: r.value_grade),
        "credit_grade": (func.coalesce(c.credit_grade, ""), lambda r: r.credit_grade or ""),
        "rep": (func.coalesce(User.full_name, ""), lambda r: r.rep_name),
    }


CUSTOMER_SORTS = ("code", "name", "region", "industry", "type", "value_grade", "credit_grade", "rep")


def customer_sort_key(row: CustomerRow, sort: str | None) -> tuple[Any, int]:
    """The `after` that continues the list sorted by `sort` (None: by name) past `row`."""
    return name_page_key(row) if sort is None else (_sorts()[sort][1](row), row.id)


def name_page_key(row: CustomerRow) -> tuple[str, int]:
    """The keyset of the name order (list_customers' `after`), in the reader's order."""
    return (row.sort_key if pinyin_order() else row.name, row.id)


def _window(uow: UnitOfWork) -> tuple[date, date]:
    today = business_today(uow)
    return today, stale_cutoff(today, stale_months(uow))


def _sorted_query(uow: UnitOfWork, f: CustomerFilter, sort: str, descending: bool, after: tuple[Any, int] | None,
                  limit: int, today: date, cutoff: date) -> Select:
    if sort not in CUSTOMER_SORTS:
        raise ValidationError(_("Sort"), _("not a valid value"))
    # Only the name order has an index a page can walk for a text matching many.
    q = _filtered(uow, select(*_COLUMNS).outerjoin(User, User.id == Customer.rep_id), f, today, cutoff,
                  page=sort == "name")
    return sorted_page(q, _sorts()[sort][0], Customer.id, after, descending).limit(limit + 1)


@service(Perm.CUSTOMER_VIEW, read_only=True)
def list_customers(uow: UnitOfWork, flt: CustomerFilter = CustomerFilter(),
                   after: tuple[Any, int] | None = None, limit: int = 100,
                   order: str = "name", sort: str | None = None, descending: bool = False) -> CustomerPage:
    """One page of the customers the actor sees, filtered; `after` is the previous next_after.
    By name (or `order`), or by the column `sort` names (CUSTOMER_SORTS) in SQL, the id
    breaking ties."""
    today, cutoff = _window(uow)
    q = (_page_query(uow, flt, order, after, limit, today, cutoff) if sort is None
         else _sorted_query(uow, flt, sort, descending, after, limit, today, cutoff))
    rows = _rows(uow.session.execute(q), cutoff)
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = None
    if more:
        last = rows[-1]
        nxt = customer_sort_key(last, sort) if sort is not None else (
            (last.code, last.id) if order == "code" else name_page_key(last))
    return CustomerPage(tuple(rows), nxt)


@service(Perm.CUSTOMER_VIEW, read_only=True)
def count_customers(uow: UnitOfWork, flt: CustomerFilter = CustomerFilter()) -> int:
    today, cutoff = _window(uow)
    q = _filtered(uow, select(func.count()).select_from(Customer), flt, today, cutoff)
    return int(uow.session.scalar(q) or 0)


def iter_customers(uow: UnitOfWork, flt: CustomerFilter, order: str = "name",
                   batch: int = 2000) -> Iterator[CustomerRow]:
    """Every matching row in pages (inside a running unit of work), for exports."""
    today, cutoff = _window(uow)
    after: tuple[str, int] | None = None
    while True:
        rows = _rows(uow.session.execute(_page_query(uow, flt, order, after, batch, today, cutoff)), cutoff)
        yield from rows[:batch]
        if len(rows) <= batch:
            return
        last = rows[batch - 1]
        after = (last.code, last.id) if order == "code" else name_page_key(last)


@service(Perm.CUSTOMER_EXPORT)
def export_customers(uow: UnitOfWork, flt: CustomerFilter,
                     consume: Callable[[Iterator[CustomerRow]], int], order: str = "name") -> int:
    """Hand the filtered list to a writer (reports/customers/list_xlsx.py); audited with its filter.

    Exporting the list is its own permission (customer.export), apart from seeing it.
    """
    count = consume(iter_customers(uow, flt, order))
    uow.audit("customer.export", "customer", "list", None,
              {"filter": {k: v for k, v in asdict(flt).items() if v not in ("", None)}, "rows": count})
    uow.commit()
    return count
