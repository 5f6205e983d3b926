"""Demo step "collections": money in, and the ladder at every step.

- Receipts for most of the orders' invoices, around their due dates (finance, 吴芳).
- Opening balances of receivables of every age: current, 1–30, 31–60, 61–90, 91–120 and
  over 120 days.
- An invoice due in three days its rep reported ahead will be paid late (信用 第15条3).
- A customer at every step of the ladder: a reminder sent, overdue and told to the rep,
  a thank-you letter, two dunning notices (a batch to print), a lawyer's letter, a
  lawsuit filed with its evidence, a debt written off after the court found it
  unrecoverable (submitted by finance, approved by the sales manager), and a cycle
  closed as collected.
- Deferrals: one checked by finance and approved by the sales VP and the GM, one waiting
  for the GM, one returned by finance to its rep; none runs past 31 December of the year it
  was filed (第18条 3), whatever the demo's date.
- The year-end clearance list fills from 1 November: with the demo's date in November or
  December every open credit sale is on it; before, the page says when it starts.
- A cheque that bounced, its receipt reversed.
- A bad debt recovered in full last month; the staff liability computed for the last
  six months (0.5 % a month, 20 % at 120 days) with that debt's refund last month.
- Liability needs fault (第19条 3): of last month's charged debts, the sales manager found
  one due to gross negligence (final), one no fault with the exemption approved by the GM,
  one no fault awaiting the GM; the rest stay proposed, awaiting a fault record.
- (Collection targets come with the monthly plans: the plans step.)

As in the other steps, everything goes through the services' own steps, as the person
whose job it is, on the day it happened.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import select

from sales_desk.demo.context import DemoContext, DemoUser
from sales_desk.domain.collections.dunning import Evidence, Step
from sales_desk.domain.collections.liability import ChargeKind, month_end, month_start
from sales_desk.domain.collections.year_end import year_end
from sales_desk.domain.common.calendar import add_months
from sales_desk.domain.common.roles import Role
from sales_desk.i18n import N_
from sales_desk.models import Customer, LiabilityCharge, Receivable
from sales_desk.services.collections import (
    advance_reports,
    deferrals,
    dunning,
    lawsuits,
    liability,
    liability_faults,
    receipts,
    writeoffs,
)
from sales_desk.services.collections.opening_balances import OpeningRow, import_rows
from sales_desk.services.collections.receipts import ReceiptInput

COURT = "上海市浦东新区人民法院"


class _Demo:
    def __init__(self, ctx: DemoContext, rng: random.Random):
        self.ctx, self.rng, self.uow = ctx, rng, ctx.uow
        one = lambda role: ctx.staff(role)[0]  # noqa: E731
        self.fin, self.mgr, self.vp, self.gm = (one(Role.FINANCE), one(Role.SALES_MANAGER), one(Role.SALES_VP),
                                                one(Role.GM))
        self.reps = {u.user_id: u for u in ctx.staff(Role.SALES_REP)}
        self.counts = {"receipts": 0, "steps": 0, "openings": 0}

    @contextmanager
    def acting(self, who: DemoUser, days_ago: int, hour: int = 10) -> Iterator[date]:
        """Run as `who`, `days_ago` days before today; yields that business date."""
        uow = self.uow
        saved = uow.actor, uow.clock
        local = self.ctx.now.astimezone()
        when = (local - timedelta(days=days_ago)).replace(hour=hour, minute=self.rng.randint(0, 59))
        uow.actor = who.actor()
        uow.clock = lambda: when
        try:
            yield when.date()
        finally:
            uow.actor, uow.clock = saved

    def day(self, days_ago: int) -> date:
        return self.ctx.today - timedelta(days=days_ago)

    def rep_of(self, c: Customer) -> DemoUser:
        return self.reps.get(c.rep_id or 0) or next(iter(self.reps.values()))

    # -- the pieces ------------------------------------------------------------------------------
    def opening(self, c: Customer, doc: str, due_ago: int, amount_yuan: int, term: int = 30) -> Receivable:
        due = self.day(due_ago)
        row = OpeningRow(0, c.code, doc, min(due - timedelta(days=term), self.ctx.today), due, amount_yuan * 100)
        with self.acting(self.fin, 0, 9):
            import_rows(self.uow, [row], "期初应收余额.xlsx")
        self.counts["openings"] += 1
        r = self.uow.session.scalar(select(Receivable).where(Receivable.doc_no == "OB-" + doc))
        assert r is not None
        return r

    def pay(self, c: Customer, amount: int, days_ago: int, reference: str = "") -> None:
        with self.acting(self.fin, days_ago, 15):
            receipts._record(self.uow, ReceiptInput(
                c.id, amount, None, self.rng.choice(("transfer", "transfer", "bank_draft", "cheque")),
                reference or f"工行回单 {self.rng.randint(100000, 999999)}"))
        self.counts["receipts"] += 1

    def step(self, who: DemoUser, c: Customer, step: Step, days_ago: int, sent_via: str | None = None,
             deadline_ago: int | None = None, note: str = "") -> None:
        with self.acting(who, days_ago):
            deadline = self.day(deadline_ago) if deadline_ago is not None else None
            dunning._take(self.uow, c.id, step, None, sent_via, deadline, note)
        self.counts["steps"] += 1

    def to_lawyer(self, c: Customer, start: int) -> None:
        """Overdue, dunning notice, lawyer's letter: `start` days ago onwards, 15-day deadlines."""
        self.step(self.fin, c, Step.OVERDUE, start, note="账龄分析发现逾期，已通知业务员")
        self.step(self.rep_of(c), c, Step.DUNNING, start - 5, "fax", start - 20)
        self.step(self.mgr, c, Step.LAWYER, start - 30, "courier", start - 45)

    def lawsuit(self, c: Customer, opened_ago: int, filed_ago: int) -> int:
        with self.acting(self.mgr, opened_ago):
            suit = lawsuits._prepare(self.uow, c.id, None, COURT)
        with self.acting(self.rep_of(c), opened_ago - 3):
            for item in Evidence:
                if item is not Evidence.ACKNOWLEDGEMENT:
                    lawsuits._evidence(self.uow, suit.id, item.value, True, "原件已交法务")
        with self.acting(self.mgr, filed_ago):
            lawsuits._file(self.uow, suit.id, None, COURT, f"({self.day(filed_ago).year})沪0115民初"
                                                         f"{self.rng.randint(1000, 9999)}号")
        self.counts["steps"] += 1
        return suit.id


FAULTS = (("gross_negligence", "业务员未按规定跟进，超期未向销售经理、总经理报告"),
          ("no_fault", "客户仓库火灾停产，业务员已按程序催收并及时报告"),
          ("no_fault", "客户主要股东变更，付款审批冻结，催收记录完整"))


def _fault_records(d: _Demo, month: date, bad_debt: Receivable) -> None:
    """A month with a fault, a no-fault exemption the GM approved and one awaiting the GM; the
    bad debt recovered last month found due to gross negligence (its refund is final)."""
    with d.acting(d.mgr, 0, 18):
        liability_faults._record(d.uow, bad_debt.id, "gross_negligence", "授信前未核实客户财务状况，逾期后未及时催收")
    debts = list(d.uow.session.scalars(
        select(LiabilityCharge.receivable_id).where(LiabilityCharge.month == month,
                                                     LiabilityCharge.kind == ChargeKind.MONTHLY.value)
        .order_by(LiabilityCharge.receivable_id).limit(len(FAULTS))))
    for n, (rid, (finding, reason)) in enumerate(zip(debts, FAULTS, strict=False)):
        with d.acting(d.mgr, 0, 19 + n):
            f = liability_faults._record(d.uow, rid, finding, reason)
        if n == 1:
            with d.acting(d.gm, 0, 22):
                liability_faults._decide(d.uow, f.id, True, "同意免责")


def _january_shift(today: date) -> int:
    """In the first days of January the deferrals' steps all happen in the December before:
    no step of a deferral is taken after 31 December of the year it was filed (第18条 3)."""
    return today.day if today.month == 1 and today.day <= 9 else 0


def _due_before_year_end(today: date, filed_ago: int, due_in: int = -3) -> int:
    """The `due_ago` of an invoice to defer on the day `filed_ago` days back: due in |due_in|
    days, or, when that would leave no room before 31 December of the filing's year (the
    demo's date in the last days of December or the first of January), a week overdue."""
    filed = today - timedelta(days=filed_ago)
    due = today - timedelta(days=due_in)
    return due_in if due < year_end(filed) else (today - (filed - timedelta(days=7))).days


def _deferred_to(due: date, months: int, filed: date) -> date:
    """`months` after the due date, but never past 31 December of the filing's year."""
    return min(add_months(due, months), year_end(filed))


def _pools(ctx: DemoContext) -> dict[str, list[Customer]]:
    rows = list(ctx.uow.session.scalars(
        select(Customer).where(Customer.id.in_(ctx.customer_ids), Customer.credit_hold.is_(False),
                               Customer.payment_mode == "credit").order_by(Customer.id)))
    pools: dict[str, list[Customer]] = {"A": [], "B": [], "C": []}
    for c in rows:
        if c.credit_grade in pools:
            pools[c.credit_grade].append(c)
    return pools


def _pay_order_invoices(d: _Demo, skip: set[int]) -> None:
    """Most customers pay their invoices around the due date; grade C ones are slower."""
    today = d.ctx.today
    invoices = list(d.uow.session.scalars(
        select(Receivable).where(Receivable.kind == "invoice", Receivable.open_amount > 0,
                                 Receivable.customer_id.not_in(skip)).order_by(Receivable.due_date, Receivable.id)))
    customers = {c.id: c for c in d.uow.session.scalars(select(Customer).where(
        Customer.id.in_({r.customer_id for r in invoices})))}
    for r in invoices:
        c = customers[r.customer_id]
        late = d.rng.randint(-5, 6) if c.credit_grade in ("A", "B") else d.rng.randint(5, 40)
        paid_on = r.due_date + timedelta(days=late)
        if paid_on >= today - timedelta(days=1) or paid_on < r.doc_date or d.rng.random() < 0.15:
            continue  # not yet due, or simply not paid yet
        d.pay(c, r.open_amount, (today - paid_on).days)


def create_collections(ctx: DemoContext) -> None:
    d = _Demo(ctx, ctx.rng("collections"))
    pools = _pools(ctx)
    a, b, c = pools["A"][4:], pools["B"][5:], pools["C"][2:]
    assert len(a) >= 3 and len(b) >= 5 and len(c) >= 6, "the credit step rated enough customers of each grade"
    # the two dunning notices (c[1], c[2]) go out in both languages: a batch that mixes them
    other = next((i for i in range(2, len(c)) if c[i].language != c[1].language), 2)
    c[2], c[other] = c[other], c[2]
    scenario = a[:3] + b[:5] + c[:6]
    _pay_order_invoices(d, {x.id for x in scenario})

    # 1 reminder: falls due in five days
    d.opening(b[0], "XS-2401", -5, 86_400)
    d.step(d.rep_of(b[0]), b[0], Step.REMINDER, 2, "mail", note="电话提醒并寄送付款提醒函")
    # 1a falls due in three days and will be late: the rep reported ahead (信用 第15条3); the
    # invoice above, due in five days, is not reported yet and shows on the dashboards
    late = d.opening(a[0], "XS-2412", -3, 64_000)
    with d.acting(d.rep_of(a[0]), 1, 16):
        advance_reports.file_report_in(d.uow, late.id, "客户月底集中付款，本期需延后约一周",
                                       late.due_date + timedelta(days=7), "已与客户财务确认付款日，每两天电话跟进")
    # 2 overdue, told to the rep: grade C, the dunning notice is next
    d.opening(c[0], "XS-2388", 12, 45_800)
    d.step(d.fin, c[0], Step.OVERDUE, 8, note="账龄分析发现逾期，已通知业务员")
    # 3 good credit: the thank-you letter first, its deadline passed
    d.opening(a[0], "XS-2375", 30, 128_000)
    d.step(d.fin, a[0], Step.OVERDUE, 25, note="账龄分析发现逾期，已通知业务员")
    d.step(d.rep_of(a[0]), a[0], Step.THANK_YOU, 24, "mail", 9)
    # 4 dunning notices, by fax and courier, their deadline passed: two letters for a batch
    for n, (cust, via) in enumerate(((c[1], "fax"), (c[2], "courier"))):
        d.opening(cust, f"XS-23{50 + n}", 55, 62_000 + n * 17_500)
        d.step(d.fin, cust, Step.OVERDUE, 50, note="账龄分析发现逾期，已通知业务员")
        d.step(d.rep_of(cust), cust, Step.DUNNING, 45, via, 30)
    d.pay(c[1], 2_000_000, 40, "部分付款")
    # 5 the lawyer's letter, its deadline passed: the lawsuit is next
    d.opening(c[3], "XS-2290", 100, 93_500)
    d.to_lawyer(c[3], 95)
    # 6 the lawsuit, filed with its evidence, the court yet to decide
    d.opening(c[4], "XS-2211", 160, 156_000)
    d.to_lawyer(c[4], 155)
    d.lawsuit(c[4], 105, 95)
    # 7 unrecoverable: written off, submitted by finance, approved by the sales manager
    d.opening(c[5], "XS-2105", 300, 74_300, term=60)
    d.to_lawyer(c[5], 295)
    suit = d.lawsuit(c[5], 245, 235)
    with d.acting(d.mgr, 60):
        lawsuits._outcome(d.uow, suit, "unrecoverable", None, "被告已注销，法院裁定终结执行")
    with d.acting(d.fin, 50):
        w = writeoffs._submit(d.uow, c[5].id, "法院裁定终结执行，客户已注销，确认无法收回")
    with d.acting(d.mgr, 45):
        writeoffs._decide(d.uow, w.id, True, "同意核销，转入坏账")
    # 8 collected: overdue, thanked, then paid in full
    d.opening(b[1], "XS-2366", 40, 52_000)
    d.step(d.fin, b[1], Step.OVERDUE, 35)
    d.step(d.rep_of(b[1]), b[1], Step.THANK_YOU, 34, "in_person", 20)
    d.pay(b[1], 5_200_000, 18)
    # 9 deferrals: finance checks, then the sales VP, then the GM; one waits for the GM; one returned
    s = _january_shift(ctx.today)
    r = d.opening(a[1], "XS-2392", _due_before_year_end(ctx.today, 8 + s), 210_000)
    with d.acting(d.rep_of(a[1]), 8 + s) as filed:
        f = deferrals._request(d.uow, a[1].id, [r.id], _deferred_to(r.due_date, 2, filed),
                               "客户终端项目验收推迟，申请延期两个月付款")
    with d.acting(d.fin, 8 + s, 15):
        deferrals._check(d.uow, f.id, True, "已核对客户账户与近一年付款记录，无逾期未结")
    with d.acting(d.vp, 7 + s):
        deferrals._decide(d.uow, f.id, True, "客户信用良好，同意")
    with d.acting(d.gm, 6 + s):
        deferrals._decide(d.uow, f.id, True, "同意，年底前务必结清")
    r = d.opening(a[2], "XS-2399", _due_before_year_end(ctx.today, 2 + s, -10), 96_000)
    with d.acting(d.rep_of(a[2]), 2 + s) as filed:
        f = deferrals._request(d.uow, a[2].id, [r.id], _deferred_to(r.due_date, 1, filed),
                               "客户资金周转，申请延期一个月")
    with d.acting(d.fin, 2 + s, 16):
        deferrals._check(d.uow, f.id, True, "账户核对无误")
    with d.acting(d.vp, 1 + s):
        deferrals._decide(d.uow, f.id, True, "同意，请总经理审批")
    r = d.opening(a[2], "XS-2405", _due_before_year_end(ctx.today, 1 + s, -12), 54_000)
    with d.acting(d.rep_of(a[2]), 1 + s) as filed:
        f = deferrals._request(d.uow, a[2].id, [r.id], _deferred_to(r.due_date, 3, filed),
                               "客户季度结算，申请延期三个月")
    with d.acting(d.fin, s, 9):
        deferrals._check(d.uow, f.id, False, "该客户已有一笔延期待批，请合并申请或缩短延期期限")
    # 10 other ages: 61–90 days without a step yet, 91–120 partly paid
    d.opening(b[3], "XS-2318", 70, 38_600)
    d.opening(b[4], "XS-2270", 110, 66_000)
    d.pay(b[4], 3_000_000, 60)
    # 11 a bad debt (120 days and more at the end of three months ago) recovered in full last month
    this_month = month_start(ctx.today)
    bad_due = month_end(add_months(this_month, -3)) - timedelta(days=125)
    bad = d.opening(b[2], "XS-2150", (ctx.today - bad_due).days, 118_000)
    paid = add_months(this_month, -1) + timedelta(days=6)
    d.pay(b[2], 11_800_000, (ctx.today - paid).days, "银行承兑汇票 3130005123")
    # 12 a cheque that bounced: recorded, then reversed by finance four days later
    with d.acting(d.fin, 20, 14):
        bounced = receipts._record(d.uow, ReceiptInput(b[3].id, 1_500_000, None, "cheque", "转账支票 00483127"))
    with d.acting(d.fin, 16, 11):
        receipts._reverse(d.uow, bounced.id, "支票退票：出票人账户存款不足", None)
    d.counts["receipts"] += 1

    # the staff liability of the last six months, computed by finance in order
    with d.acting(d.fin, 0, 17):
        for n in range(6, 0, -1):
            liability._run(d.uow, add_months(this_month, -n))
    _fault_records(d, add_months(this_month, -1), bad)
    ctx.made(N_("receipts"), d.counts["receipts"])
    ctx.made(N_("opening balances"), d.counts["openings"])
    ctx.made(N_("collection steps"), d.counts["steps"])
