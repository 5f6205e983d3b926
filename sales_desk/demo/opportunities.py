"""The demo firm's year of selling before the order (issue 18): opportunities at every stage
with their time nodes, some won (each makes its draft order), some lost with the reason and
the competitor, one stalled; a lead converted into its customer file; quotations, one below
the floor approved by the sales VP. Run through the services' own steps."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import func, select

from sales_desk.demo.context import DemoContext, DemoUser
from sales_desk.domain.common.roles import Role
from sales_desk.domain.opportunities.stages import STAGES, LossReason, Stage
from sales_desk.models import Customer, Product, Quotation
from sales_desk.services.opportunities import leads, opportunities, quotations
from sales_desk.services.opportunities.opportunities import CompetitorInput, OpportunityInput
from sales_desk.services.opportunities.quotations import QuotationStatus, QuoteLineInput

TITLES = ("生产线自动化改造", "仓储系统升级", "年度备件采购", "新厂房配套设备", "节能改造项目", "控制系统替换")
COMPETITORS = ("华信自动化", "远东机电", "博达科技")


@contextmanager
def _as(ctx: DemoContext, who: DemoUser) -> Iterator[None]:
    saved = ctx.uow.actor
    ctx.uow.actor = who.actor()
    try:
        yield
    finally:
        ctx.uow.actor = saved


def create_opportunities(ctx: DemoContext) -> None:
    rng = ctx.rng("opportunities")
    s = ctx.uow.session
    reps = {u.user_id: u for u in ctx.staff(Role.SALES_REP)}
    vp = ctx.staff(Role.SALES_VP)[0]
    products = list(s.scalars(select(Product.id).where(Product.active.is_(True)).order_by(Product.id)))
    customers = [(cid, rep) for cid, rep in s.execute(select(Customer.id, Customer.rep_id).where(
        Customer.id.in_(ctx.customer_ids), Customer.rep_id.in_(reps), Customer.credit_hold.is_(False))
        .order_by(Customer.id))]
    made = 0
    for n in range(36):
        cid, rep_id = customers[n % len(customers)]
        opened = ctx.today - timedelta(days=360 - n * 9)
        depth = n % 7  # 0 … 6: every stage, 6 means won
        lost = n % 5 == 4 and depth < 6
        with _as(ctx, reps[rep_id]):
            pid = rng.choice(products)
            o = opportunities.open_opportunity(ctx.uow, OpportunityInput(
                rng.choice(TITLES), customer_id=cid, amount=rng.randrange(20, 400) * 100_000,
                expected_on=opened + timedelta(days=90), products=((pid, rng.randint(2, 20)),), opened_on=opened,
                competitors=(CompetitorInput(rng.choice(COMPETITORS), "价格低", "交期长", "报价低约 5%"),),
                competitive_analysis="对手价格占优，我方在服务和交期上有优势。"))
            day = opened
            last = 5 if depth == 6 else depth
            for st in STAGES[1:last + 1]:
                day = min(day + timedelta(days=rng.randint(3, 12)), ctx.today)
                if st is Stage.QUOTE:
                    quotations.make_quotation(ctx.uow, o.id, [QuoteLineInput(pid, 5)], quote_date=day)
                opportunities.advance(ctx.uow, o.id, st, day)
            close = min(day + timedelta(days=rng.randint(2, 10)), ctx.today)
            if depth == 6:
                opportunities.win(ctx.uow, o.id, close)
            elif lost:
                opportunities.lose(ctx.uow, o.id, rng.choice(list(LossReason)).value, rng.choice(COMPETITORS),
                                   "客户选择了对手", close)
        made += 1
    # a lead gathered at an exhibition, converted into its file, with its opportunity
    rep = next(iter(reps.values()))
    with _as(ctx, rep):
        lead = leads.add_lead(ctx.uow, leads.LeadInput("杭州新程智能装备有限公司", "周敏", "采购经理", "0571-8888 1234",
                                                      region="east", source="展会", language="zh_CN",
                                                      first_contact_on=ctx.today - timedelta(days=20)))
        o = opportunities.open_opportunity(ctx.uow, OpportunityInput(
            "首批样机试用", lead_id=lead.id, amount=12_000_000, products=((products[0], 4),),
            opened_on=ctx.today - timedelta(days=20)))
        cid = leads.convert(ctx.uow, lead.id)
        ctx.customer_ids.append(cid)
        opportunities.advance(ctx.uow, o.id, Stage.CONTACT, ctx.today - timedelta(days=12))
        # a quotation below the floor, sent to the sales VP
        floor = s.scalar(select(Product.floor_price).where(Product.id == products[0]))
        q = quotations.make_quotation(ctx.uow, o.id, [QuoteLineInput(products[0], 4, floor - 100)])
    with _as(ctx, vp):
        q.status, q.decided_by_id, q.decided_at = QuotationStatus.APPROVED.value, vp.user_id, ctx.uow.clock()
        q.decision_note = "新客户首单，同意"
        ctx.uow.audit("quotation.price", "quotation", q.id, {"status": "pending"},
                      {"status": "approved", "approved": True, "number": q.number, "note": q.decision_note,
                       "total": q.total})
    s.flush()
    ctx.made("opportunities", made + 1)
    ctx.made("quotations", s.scalar(select(func.count()).select_from(Quotation)) or 0)
