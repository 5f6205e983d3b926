"""Demo step "care" (issue 19): a year of complaints and after-sales cases at every severity,
handled by the customer-service specialist — steps taken, closed with the customer's
confirmation and a satisfaction score; one repeat complaint, one closed late, one still
open past its deadline (the dashboard's warning), return-visit scores; and two key-account
screenings proposed by the customer's rep: one the sales manager approves, one rejected.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from sales_desk.demo.context import DemoContext, DemoUser
from sales_desk.domain.common.roles import Role
from sales_desk.models import Customer
from sales_desk.services.care import cases, key_accounts
from sales_desk.services.care.cases import CaseInput

SUBJECTS = {"quality": "设备运行异响", "delivery": "到货延迟三天", "service": "售后人员未按约上门",
            "price": "对调价有异议", "billing": "发票金额有误", "other": "包装破损"}
SEVERITIES = ("minor", "major", "critical")


@contextmanager
def _acting(ctx: DemoContext, who: DemoUser, day: date, hour: int = 10) -> Iterator[None]:
    uow = ctx.uow
    saved = uow.actor, uow.clock
    when = datetime.combine(day, time(hour, 5)).astimezone()
    uow.actor, uow.clock = who.actor(), lambda: when
    try:
        yield
    finally:
        uow.actor, uow.clock = saved


def create_care(ctx: DemoContext) -> None:
    rng = ctx.rng("care")
    cs = ctx.staff(Role.CS_SPECIALIST)[0]
    manager = ctx.staff(Role.SALES_MANAGER)[0]
    reps = {u.user_id: u for u in ctx.staff(Role.SALES_REP)}
    rows = ctx.uow.session.execute(select(Customer.id, Customer.rep_id, Customer.key_account)
                                   .where(Customer.id.in_(ctx.customer_ids)).order_by(Customer.id)).all()
    customers = [r.id for r in rows]
    causes = list(SUBJECTS)
    first: tuple[int, str, date] = (customers[0], causes[0], ctx.today)
    for i in range(24):  # about two a month over the year, every severity
        on = ctx.today - timedelta(days=360 - i * 15)
        cid, cause, severity = rng.choice(customers), rng.choice(causes), SEVERITIES[i % 3]
        if i == 5:  # a repeat: the same customer and cause 30 days after the case before
            cid, cause, on = first[0], first[1], first[2] + timedelta(days=30)
        with _acting(ctx, cs, on, 9):
            case_id = cases.open_case_in(ctx.uow, CaseInput(cid, "service" if i % 7 == 6 else "complaint", on,
                                                            cause, severity, SUBJECTS[cause], cs.user_id))
        if i == 2:
            first = (cid, cause, on)
        if i == 23:
            continue  # the last one stays open past its deadline
        late = i == 10  # closed a week after its deadline
        days = 8 + (3 if severity == "minor" else 0) if late else rng.randint(0, {"minor": 6, "major": 2,
                                                                                   "critical": 1}[severity])
        with _acting(ctx, cs, on + timedelta(days=min(days, 1)), 11):
            cases.add_step_in(ctx.uow, case_id, "电话联系客户了解情况，安排技术人员上门")
        closed = min(on + timedelta(days=days), ctx.today)
        with _acting(ctx, cs, closed, 16):
            cases.close_case_in(ctx.uow, case_id, "问题已解决，客户验收", "客户采购经理", closed,
                                rng.randint(3, 5) if not late else 2)
        if i % 4 == 0:  # a return visit a month later [回访]
            visit = min(closed + timedelta(days=30), ctx.today)
            with _acting(ctx, cs, visit, 15):
                cases.record_satisfaction_in(ctx.uow, cid, rng.randint(3, 5), visit, "回访：使用正常", case_id)
    # key accounts [大客户筛选]: two customers not yet key accounts, proposed by their reps
    candidates = [r for r in rows if not r.key_account and r.rep_id in reps][:2]
    for n, (r, approve) in enumerate(zip(candidates, (True, False), strict=False)):
        day = ctx.today - timedelta(days=40 - n * 10)
        scores = ({"volume": 5, "concentration": 4, "service": 4, "price": 3, "partnership": 5} if approve
                  else {"volume": 4, "concentration": 3, "service": 3, "price": 2, "partnership": 3})
        with _acting(ctx, reps[r.rep_id], day):
            sid = key_accounts.propose_screening_in(ctx.uow, r.id, scores, "年采购量大且集中，希望长期合作"
                                                    if approve else "采购量尚可，待观察")
        with _acting(ctx, manager, day + timedelta(days=2), 14):
            key_accounts.decide_screening_in(ctx.uow, sid, approve, "同意列为大客户" if approve
                                             else "价格敏感，合作意愿尚不明确，暂不列入")
