"""The printed price list [价格表], payment slip [缴款单] and payment detail sheet [缴款明细单]:
documents of record, issued through the register, read back in both languages."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from sales_desk.domain.common.errors import NotPermitted
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.common.records import FormKind
from sales_desk.domain.orders.payment_slips import SlipOutOfTurn
from sales_desk.domain.orders.price_lists import PriceLine
from sales_desk.reports.records import issuers
from sales_desk.services.orders import payment_slips, price_lists
from tests.services.order_flow import approved, credit_customer, product, team

DAY = date(2026, 6, 1)


@pytest.fixture
def t(make_user, pin_business_date):
    pin_business_date(DAY)
    return team(make_user)


def _text(database, actor, doc_id: int) -> str:  # noqa: ANN001
    content = issuers.give_out(database.uow(actor), doc_id, "file").content
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def test_the_printed_price_list_names_its_version_and_each_step(database, t) -> None:
    pid = product(database, t)
    lid = price_lists.propose(database.uow(t.mgr), [PriceLine(pid, 11_000, 10_000, 13_000)], "原材料涨价", DAY)
    price_lists.record_cost_check(database.uow(t.fin), lid, {pid: 7_000})
    proposed = issuers.issue_price_list(database.uow(t.mgr), lid, "zh_CN")
    price_lists.review(database.uow(t.vp), lid)
    price_lists.approve(database.uow(t.gm), lid)
    doc = issuers.issue_price_list(database.uow(t.gm), lid, "zh_CN")
    assert doc.kind is FormKind.PRICE_LIST and doc.number != proposed.number  # a new edition once approved
    text = _text(database, t.gm, doc.id)
    assert "价格表" in text and "第 1 版" in text and "P-100" in text and "110.00" in text and "36.4" in text
    assert "gm" in text and "vp" in text and "fin" in text and "mgr" in text
    en = _text(database, t.vp, issuers.issue_price_list(database.uow(t.vp), lid, "en").id)
    assert "Price list" in en and "Version 1" in en and "Approved" in en
    with pytest.raises(NotPermitted):
        issuers.issue_price_list(database.uow(t.wh), lid, "en")


def test_the_payment_slip_and_its_detail_sheet_print_as_documents_of_record(database, t) -> None:
    oid = approved(database, t, credit_customer(database, t), [(product(database, t), 100, None)],
                   prepayment_percent=30)
    sid = payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("3000"), "transfer")
    with pytest.raises(SlipOutOfTurn):
        issuers.issue_payment_slip(database.uow(t.fin), sid, "zh_CN", detail=True)
    payment_slips.decide_slip(database.uow(t.mgr), sid, approve=True)
    slip = issuers.issue_payment_slip(database.uow(t.rep), sid, "zh_CN")
    text = _text(database, t.rep, slip.id)
    assert slip.kind is FormKind.PAYMENT_SLIP and "缴款单" in text and "PS2026-00001" in text and "3,000.00" in text
    assert "银行转账" in text and "mgr" in text
    payment_slips.record_detail(database.uow(t.fin), sid, to_minor("3000"), DAY, "工行回单 0042")
    sheet = issuers.issue_payment_slip(database.uow(t.fin), sid, "en", detail=True)
    text = _text(database, t.fin, sheet.id)
    assert sheet.kind is FormKind.PAYMENT_DETAIL and "Payment detail sheet" in text and "PD2026-00001" in text
    assert "2026-06-01" in text and "0042" in text
