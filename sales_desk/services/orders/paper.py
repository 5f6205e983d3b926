"""Plain data for the printed price list [价格表] and the payment slip [缴款单] / payment
detail sheet [缴款明细单] (reports/orders/price_list.py, reports/orders/payment_slip.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sales_desk.db.uow import UnitOfWork
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import LOGGED_IN, service
from sales_desk.services.orders import payment_slips, price_lists
from sales_desk.services.orders.payment_slips import SlipRow
from sales_desk.services.orders.price_lists import PriceListRow


@dataclass(frozen=True)
class PriceListDocument:
    company_name: str
    currency: str
    price_list: PriceListRow


@dataclass(frozen=True)
class SlipDocument:
    company_name: str
    currency: str
    slip: SlipRow


def _company(uow: UnitOfWork) -> tuple[str, str]:
    s = load_settings(uow)
    return str(s["company.name"]), str(s["company.currency"])


@service(LOGGED_IN)  # the reads below check their rights
def price_list_document(uow: UnitOfWork, list_id: int) -> PriceListDocument:
    return PriceListDocument(*_company(uow), price_lists.price_list_row(uow, list_id))


@service(LOGGED_IN)
def slip_document(uow: UnitOfWork, slip_id: int) -> SlipDocument:
    return SlipDocument(*_company(uow), payment_slips.slip_row(uow, slip_id))
