"""Issue 18, the daily work from the Opportunities tab: the rules its forms rely on, each with
a test named after it, on SQLite and PostgreSQL (the `database` fixture)."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.services.opportunities import leads, opportunities, opportunity_views, quotations
from sales_desk.services.opportunities.opportunities import (
    CompetitorInput,
    ContactRef,
    OpportunityInput,
)
from sales_desk.services.opportunities.quotations import QuoteLineInput
from tests.services.credit_flow import new_customer
from tests.services.order_flow import product, team
from tests.services.test_price_lists import proposal, through

DAY = date(2026, 6, 1)


@pytest.fixture
def t(make_user, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(DAY)
    return team(make_user)


def test_a_lead_takes_its_region_industry_and_language_from_the_customer_file_lists(database, t) -> None:  # noqa: ANN001
    for field in ("region", "industry", "language"):
        with pytest.raises(ValidationError):  # the file opened from it at conversion would refuse it
            leads.create_lead(database.uow(t.rep), leads.LeadInput("宁波新材料", **{field: "华东"}))
    lid = leads.create_lead(database.uow(t.rep), leads.LeadInput(
        "宁波新材料", "陈工", "技术总监", "0574-1234", region="east", industry="manufacturing", language="zh_CN",
        source="展会"))
    cid = leads.convert_lead(database.uow(t.rep), lid)
    assert cid > 0


def test_the_lead_list_names_the_customer_file_a_converted_lead_became(database, t) -> None:  # noqa: ANN001
    lid = leads.create_lead(database.uow(t.rep), leads.LeadInput("宁波新材料", "陈工", "技术总监", region="east"))
    (row,) = leads.list_leads(database.uow(t.rep), None)
    assert (row.status, row.customer, row.contact_position) == ("open", "", "技术总监")
    cid = leads.convert_lead(database.uow(t.rep), lid)
    (row,) = leads.list_leads(database.uow(t.rep), None)
    assert row.status == "converted" and row.customer_id == cid and row.customer.endswith("宁波新材料")
    assert leads.list_leads(database.uow(t.rep)) == []  # the open ones: no longer among them


def test_a_quotation_line_starts_from_the_list_price_in_force(database, t) -> None:  # noqa: ANN001
    pid = product(database, t)  # 100.00, floor 90.00, ceiling 120.00
    (p,) = quotations.quotable_products(database.uow(t.rep))
    assert (p.id, p.list_price, p.floor, p.ceiling) == (pid, to_minor("100"), to_minor("90"), to_minor("120"))
    through(database, t, proposal(database, t, pid))  # 110.00, floor 100.00, ceiling 130.00 from today
    (p,) = quotations.quotable_products(database.uow(t.rep))
    assert (p.list_price, p.floor, p.ceiling) == (to_minor("110"), to_minor("100"), to_minor("130"))
    cid = new_customer(database, t.rep)
    oid = opportunities.create_opportunity(database.uow(t.rep), OpportunityInput(
        "产线改造", customer_id=cid, products=((pid, 3),)))
    qid = quotations.create_quotation(database.uow(t.rep), oid, [QuoteLineInput(pid, 3)])
    assert quotations.quotation_document(database.uow(t.rep), qid).total == 3 * p.list_price


def test_the_detail_gives_back_what_the_form_saved(database, t) -> None:  # noqa: ANN001
    pid = product(database, t)
    cid = new_customer(database, t.rep, name="苏州精工")
    oid = opportunities.create_opportunity(database.uow(t.rep), OpportunityInput(
        "产线改造", customer_id=cid, amount=to_minor("30000"), expected_on=date(2026, 9, 30), products=((pid, 4),),
        contacts=(ContactRef("李总", "决策人"),), competitors=(CompetitorInput("竞品乙", "价格低", "交期长"),),
        competitive_analysis="我方服务网点近"))
    qid = quotations.create_quotation(database.uow(t.rep), oid, [QuoteLineInput(pid, 4, to_minor("85"))])
    d = opportunity_views.opportunity_detail(database.uow(t.rep), oid)
    assert (d.party_name, d.party_code) == ("苏州精工", d.row.party.split(" ")[0])
    assert [(x.product_id, x.quantity) for x in d.products] == [(pid, 4)]
    assert [(x.name, x.role) for x in d.contacts] == [("李总", "决策人")]
    assert [(x.name, x.strengths, x.weaknesses) for x in d.competitors] == [("竞品乙", "价格低", "交期长")]
    assert d.competitive_analysis == "我方服务网点近" and d.row.expected_on == date(2026, 9, 30)
    (q,) = d.quotations
    assert (q.id, q.status, q.made_by) == (qid, "pending", "rep")  # below the floor: for the sales VP
    quotations.decide_quotation(database.uow(t.vp), qid, False, "低于底价太多")
    (q,) = opportunity_views.opportunity_detail(database.uow(t.rep), oid).quotations
    assert (q.status, q.decision_note) == ("refused", "低于底价太多")
