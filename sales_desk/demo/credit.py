"""Demo step "credit": the credit side of the demo firm, on the demo customers.

- Forty customers rated at every grade (A–D), each with its reviewed investigation,
  approved scorecard and the limit the sales manager set; some with last year's
  rating in their history.
- One rated at exactly 84.99: grade B (A starts at 85.00, the total is never rounded).
- Three whose annual re-rating is due; one downgraded a step by a trigger [降级处理],
  with the lower grade's terms, on credit hold until re-rated.
- Investigations under way: open (one late: not submitted for review by its due date),
  returned by finance, awaiting finance, and a proposal awaiting the customer-service manager.
- Two stale files, a few visits, return visits and complaints (one still open), and
  a line on the library card.

Rows are written directly (the administrator loads the demo in one transaction);
the figures and scores come from the same domain rules the services use.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import insert

from sales_desk.demo.context import DemoContext
from sales_desk.domain.common.roles import Role
from sales_desk.domain.credit.checklist import (
    ITEMS,
    InvestigationStatus,
    Occasion,
    investigation_due,
)
from sales_desk.domain.credit.downgrade import downgraded_grade, terms_after_downgrade
from sales_desk.domain.credit.limits import POLICY_METHOD, LimitMethod
from sales_desk.domain.credit.rating import (
    DEFAULT_WEIGHTS,
    INDICATORS,
    TRIGGER_ZH,
    DowngradeTrigger,
    Grade,
    GradeBands,
    PaymentMode,
    Terms,
    TermsPolicy,
    grade_for,
    rerating_due,
    score_lines,
    total_score,
)
from sales_desk.domain.customers.files import InteractionKind
from sales_desk.i18n import N_
from sales_desk.models import (
    CreditHold,
    CreditInvestigation,
    CreditLimitDecision,
    CreditRating,
    Customer,
    DowngradeTriggerRecord,
    FileAccess,
    Interaction,
    InvestigationItem,
    RatingProposal,
    ScorecardLine,
)
from sales_desk.services.admin.settings import load_settings

RATED = 40
EDGE = 10  # the rated customer whose total is 84.99
# 85 % everywhere but years in business (weight 5) at 86 % and sales growth (weight 6) at 84 %
RATINGS_84_99 = {i.key: 85 for i in INDICATORS} | {"years_in_business": 86, "sales_growth": 84}
# target score per rated customer: the first four pin one customer to each grade
TARGETS = (92, 78, 62, 46)
BAND_TARGETS = ((88, 97, 8), (70, 84, 16), (55, 69, 10), (38, 54, 6))  # low, high, weight
# (current ratio, debt ratio %, net margin %) ranges by grade
PROFILE = {
    Grade.A: ((2.2, 3.2), (25, 45), (8, 13)),
    Grade.B: ((1.6, 2.2), (40, 60), (5, 8)),
    Grade.C: ((1.1, 1.6), (55, 72), (2, 5)),
    Grade.D: ((0.7, 1.1), (70, 88), (-3, 2)),
}
REPORTS = {
    Grade.A: "资料齐全并经客户盖章确认；近三年回款及时，无不良记录；资产负债结构稳健。",
    Grade.B: "主要资料齐全；回款基本及时，偶有延迟；财务状况良好，建议按限度基数授信。",
    Grade.C: "部分财务资料欠缺；回款有延迟记录；负债率偏高，建议小额授信并跟踪。",
    Grade.D: "财务指标较差，曾有逾期未付记录；建议不予赊销，采用预付款或货到付款。",
}


def _days_ago(ctx: DemoContext, n: int) -> tuple[date, datetime]:
    return ctx.today - timedelta(days=n), ctx.now - timedelta(days=n)


class _Builder:
    def __init__(self, ctx: DemoContext, rng: random.Random):
        self.ctx, self.rng = ctx, rng
        self.s = ctx.uow.session
        self.spec = ctx.staff(Role.CS_SPECIALIST)[0].user_id
        self.fin = ctx.staff(Role.FINANCE)[0].user_id
        self.csm = ctx.staff(Role.CS_MANAGER)[0].user_id
        self.mgr = ctx.staff(Role.SALES_MANAGER)[0].user_id
        settings = load_settings(ctx.uow)
        self.bands = GradeBands.from_settings(settings)
        self.months = int(settings["credit.rerating_months"])  # type: ignore[call-overload]
        self.investigation_days = int(settings["credit.investigation_days"])  # type: ignore[call-overload]
        self.terms_policy = TermsPolicy.from_settings(settings)
        self.counts = {"investigations": 0, "ratings": 0}

    # -- one investigation ------------------------------------------------------------
    def investigation(self, c: Customer, grade: Grade, opened_days_ago: int, status: InvestigationStatus,
                      occasion: Occasion = Occasion.ANNUAL, received_share: float = 0.85) -> CreditInvestigation:
        rng = self.rng
        _d, opened_at = _days_ago(self.ctx, opened_days_ago)
        inv = CreditInvestigation(customer_id=c.id, occasion=occasion.value, status=status.value,
                                  opened_by_id=self.spec, opened_at=opened_at, report="", review_note="",
                                  due_on=investigation_due(_d, self.investigation_days))
        if status is not InvestigationStatus.OPEN:
            inv.report = REPORTS[grade]
            inv.submitted_by_id, inv.submitted_at = self.spec, opened_at + timedelta(days=5)
        if status in (InvestigationStatus.REVIEWED, InvestigationStatus.RETURNED):
            inv.reviewed_by_id, inv.reviewed_at = self.fin, opened_at + timedelta(days=7)
            inv.review_note = "审核无误" if status is InvestigationStatus.REVIEWED else "缺少最近一个月现金流量表，请补充。"
        self._figures(inv, c, grade)
        self.s.add(inv)
        self.s.flush()
        rows = []
        for item in ITEMS:
            got = rng.random() < received_share
            on = (opened_at + timedelta(days=rng.randint(0, 4))).astimezone().date() if got else None
            rows.append({"investigation_id": inv.id, "item_key": item.key, "received": got,
                         "received_on": on, "document_id": None, "stamped": got, "note": ""})
        self.s.execute(insert(InvestigationItem.__table__), rows)
        self.counts["investigations"] += 1
        return inv

    def _figures(self, inv: CreditInvestigation, c: Customer, grade: Grade) -> None:
        rng = self.rng
        (cr_lo, cr_hi), (debt_lo, debt_hi), (m_lo, m_hi) = PROFILE[grade]
        total_assets = (c.registered_capital or 10_000_000_00) * rng.randint(2, 6)
        current_assets = total_assets * rng.randint(45, 65) // 100
        revenue = total_assets * rng.randint(120, 200) // 100
        inv.statement_date = date(self.ctx.today.year - 1, 12, 31)
        inv.total_assets = total_assets
        inv.total_liabilities = total_assets * rng.randint(debt_lo, debt_hi) // 100
        inv.current_assets = current_assets
        inv.current_liabilities = int(current_assets / rng.uniform(cr_lo, cr_hi))
        inv.annual_revenue = revenue
        inv.net_profit = revenue * rng.randint(m_lo, m_hi) // 100
        inv.expected_annual_sales = revenue * rng.randint(100, 115) // 100
        inv.cost_rate_bp = rng.randint(65, 85) * 100
        inv.supply_share_bp = rng.randint(15, 50) * 100
        inv.supplier_count = rng.randint(3, 8)

    # -- a rating on it ---------------------------------------------------------------
    def propose(self, c: Customer, inv: CreditInvestigation, target: int, days_ago: int,
                exact: bool = False, ratings: dict[str, int] | None = None) -> RatingProposal:
        ratings = ratings or {i.key: target if exact else max(0, min(100, target + self.rng.randint(-8, 8)))
                              for i in INDICATORS}
        lines = score_lines(ratings, DEFAULT_WEIGHTS)
        score = total_score(lines)
        _d, at = _days_ago(self.ctx, days_ago)
        p = RatingProposal(customer_id=c.id, investigation_id=inv.id, status="proposed", total_score=score,
                           grade=_grade(score, self.bands).value, summary=REPORTS[_grade(score, self.bands)],
                           proposed_by_id=self.spec, proposed_at=at, decision_note="")
        self.s.add(p)
        self.s.flush()
        self.s.execute(insert(ScorecardLine.__table__), [
            {"proposal_id": p.id, "indicator_key": ln.indicator, "weight": ln.weight, "rating": ln.rating}
            for ln in lines])
        return p

    def approve(self, c: Customer, p: RatingProposal, days_ago: int) -> CreditRating:
        rated_on, at = _days_ago(self.ctx, days_ago)
        p.status, p.decided_by_id, p.decided_at, p.decision_note = "approved", self.csm, at, "同意"
        rating = CreditRating(customer_id=c.id, proposal_id=p.id, grade=p.grade, score=p.total_score,
                              previous_grade=c.credit_grade, rated_on=rated_on,
                              due_on=rerating_due(rated_on, self.months), approved_by_id=self.csm,
                              approved_at=at)
        self.s.add(rating)
        self.s.flush()
        before = {"credit_grade": c.credit_grade, "credit_score": c.credit_score}
        c.credit_grade, c.credit_score = p.grade, p.total_score
        c.last_rated_on, c.rerating_due_on = rated_on, rating.due_on
        self.ctx.uow.audit("credit.rating_approve", "customer", c.id, before,
                           {"proposal_id": p.id, "rating_id": rating.id, "credit_grade": c.credit_grade,
                            "credit_score": c.credit_score, "rated_on": rated_on, "demo": True})
        self.counts["ratings"] += 1
        return rating

    def set_limit(self, c: Customer, rating: CreditRating, days_ago: int) -> None:
        rng, grade = self.rng, Grade(rating.grade)
        if grade is Grade.A:
            amount, term, mode = rng.randrange(300_000, 800_001, 50_000) * 100, rng.choice((None, 90)), PaymentMode.CREDIT
            method, reasons = LimitMethod.SALES, "销售额测定法测算，A级客户回款期限不受限制"
        elif grade is Grade.B:
            amount, term, mode = rng.choice((100_000, 100_000, 80_000)) * 100, rng.choice((45, 60)), PaymentMode.CREDIT
            method, reasons = LimitMethod.JUDGEMENT, "按B级限度基数授信，视回款情况逐步放宽"
        elif grade is Grade.C:
            amount, term, mode = rng.choice((20_000, 30_000)) * 100, 30, PaymentMode.CREDIT
            method, reasons = LimitMethod.JUDGEMENT, "仔细审核后给予少量信用额度"
        else:
            amount, term, mode = 0, 0, rng.choice((PaymentMode.PREPAYMENT, PaymentMode.CASH_ON_DELIVERY))
            method, reasons = LimitMethod.JUDGEMENT, "D级不予赊销"
        _d, at = _days_ago(self.ctx, days_ago)
        self.s.add(CreditLimitDecision(
            customer_id=c.id, rating_id=rating.id, grade=grade.value, amount=amount, term_days=term,
            payment_mode=mode.value, method=method.value, reasons=reasons, previous_amount=c.credit_limit,
            automatic=False, set_by_id=self.mgr, set_at=at))
        self.ctx.uow.audit("credit.set_limit", "customer", c.id,
                           {"credit_limit": c.credit_limit, "payment_term_days": c.payment_term_days,
                            "payment_mode": c.payment_mode},
                           {"credit_limit": amount, "payment_term_days": term, "payment_mode": mode.value,
                            "method": method.value, "reasons": reasons, "grade": grade.value, "demo": True})
        c.credit_limit, c.payment_term_days, c.payment_mode = amount, term, mode.value

    def downgrade(self, c: Customer, trigger: DowngradeTrigger, description: str, days_ago: int) -> None:
        """A trigger as services/credit/position.record_trigger records it: one grade down at
        once, the lower grade's terms, a hold until re-rated; audited the same way."""
        occurred, at = _days_ago(self.ctx, days_ago)
        hold = CreditHold(customer_id=c.id, started_at=at, started_by_id=self.spec)
        self.s.add(hold)
        self.s.flush()
        lower = downgraded_grade(c.credit_grade)
        record = DowngradeTriggerRecord(
            customer_id=c.id, trigger=trigger.value, occurred_on=occurred, description=description,
            grade_before=c.credit_grade, grade_after=lower.value, hold_id=hold.id, recorded_by_id=self.spec,
            recorded_at=at)
        self.s.add(record)
        self.s.flush()
        before = {"credit_grade": c.credit_grade, "credit_hold": c.credit_hold, "rerating_due_on": c.rerating_due_on}
        c.credit_grade, c.credit_hold, c.rerating_due_on = lower.value, True, occurred
        self.ctx.uow.audit("credit.trigger", "customer", c.id, before,
                           {"credit_grade": lower.value, "credit_hold": True, "rerating_due_on": occurred,
                            "trigger": trigger.value, "occurred_on": occurred, "trigger_id": record.id,
                            "hold_id": hold.id, "new_hold": True, "demo": True})
        current = Terms(c.credit_limit, c.payment_term_days, PaymentMode(c.payment_mode))
        fitted = terms_after_downgrade(lower, current, self.terms_policy)
        if fitted == current:
            return
        self.s.add(CreditLimitDecision(
            customer_id=c.id, rating_id=None, grade=lower.value, amount=fitted.limit, term_days=fitted.term_days,
            payment_mode=fitted.mode.value, method=POLICY_METHOD,
            reasons=f"降级为{lower.value}级：{TRIGGER_ZH[trigger]}", previous_amount=c.credit_limit,
            automatic=True, set_by_id=self.spec, set_at=at))
        self.ctx.uow.audit("credit.limit_policy", "customer", c.id,
                           {"credit_limit": c.credit_limit, "payment_term_days": c.payment_term_days,
                            "payment_mode": c.payment_mode},
                           {"credit_limit": fitted.limit, "payment_term_days": fitted.term_days,
                            "payment_mode": fitted.mode.value, "downgrade": lower.value, "demo": True})
        c.credit_limit, c.payment_term_days, c.payment_mode = fitted.limit, fitted.term_days, fitted.mode.value

    def rate(self, c: Customer, target: int, days_ago: int, exact: bool = False,
             ratings: dict[str, int] | None = None) -> CreditRating:
        grade = _grade(target, self.bands)
        inv = self.investigation(c, grade, days_ago + 10, InvestigationStatus.REVIEWED)
        rating = self.approve(c, self.propose(c, inv, target, days_ago + 2, exact, ratings), days_ago)
        self.set_limit(c, rating, max(days_ago - 1, 0))
        return rating


def _grade(score: Decimal | int, bands: GradeBands) -> Grade:
    return grade_for(score, bands)


def _target(rng: random.Random, n: int) -> int:
    if n < len(TARGETS):
        return TARGETS[n]
    lo, hi, _w = rng.choices(BAND_TARGETS, weights=[w for *_r, w in BAND_TARGETS])[0]
    return rng.randint(lo, hi)


def create_credit(ctx: DemoContext) -> None:
    rng = ctx.rng("credit")
    b = _Builder(ctx, rng)
    customers = [b.s.get(Customer, cid) for cid in ctx.customer_ids]
    assert all(customers), "the customers step runs first"
    rated, rest = customers[:RATED], customers[RATED:]

    for n, c in enumerate(rated):
        assert c is not None
        if n < 8 and n % 2 == 0:  # last year's rating first: a history to show
            b.rate(c, max(40, _target(rng, n) - rng.randint(0, 10)), rng.randint(370, 420))
        due = n in (5, 9, 13)  # rated more than a year ago: the annual re-rating is due
        edge = n == EDGE  # 84.99 exactly: grade B, not rounded up to A
        target = 84 if edge else _target(rng, n)
        b.rate(c, target, rng.randint(370, 430) if due else rng.randint(20, 330), exact=n < 4,
               ratings=RATINGS_84_99 if edge else None)

    held = rated[6]  # a downgrade trigger: a grade lower at once, on credit hold until re-rated
    assert held is not None
    b.downgrade(held, DowngradeTrigger.MAJOR_BREACH, "货款逾期 95 天未付，且拒绝对账。", 8)

    # investigations under way, on customers not yet rated
    open_a, open_b, returned, submitted, pending, stale_a, stale_b = rest[:7]
    b.investigation(open_a, Grade.B, 3, InvestigationStatus.OPEN, Occasion.NEW_CUSTOMER, received_share=0.4)
    # opened 12 days ago and not submitted: past its due date (第7条1), a late one on the dashboard
    b.investigation(open_b, Grade.C, 12, InvestigationStatus.OPEN, Occasion.NEW_CUSTOMER, received_share=0.7)
    b.investigation(returned, Grade.C, 20, InvestigationStatus.RETURNED, Occasion.NEW_CUSTOMER)
    b.investigation(submitted, Grade.B, 9, InvestigationStatus.SUBMITTED, Occasion.NEW_CUSTOMER)
    inv = b.investigation(pending, Grade.A, 15, InvestigationStatus.REVIEWED, Occasion.NEW_CUSTOMER)
    b.propose(pending, inv, 86, 4)  # awaits the customer-service manager

    for c, days in ((stale_a, 120), (stale_b, 150)):  # untouched for more than three months
        c.file_updated_on = ctx.today - timedelta(days=days)

    _relationship_log(ctx, rng, customers)
    ctx.uow.session.add(FileAccess(customer_id=rated[0].id, user_id=b.csm,  # type: ignore[union-attr]
                                   opened_at=ctx.now - timedelta(days=2), reason="年度信用复审"))
    ctx.made(N_("credit investigations"), b.counts["investigations"])
    ctx.made(N_("credit ratings"), b.counts["ratings"])


def _relationship_log(ctx: DemoContext, rng: random.Random, customers: list) -> None:
    reps = {u.user_id for u in ctx.staff(Role.SALES_REP)}
    csm = ctx.staff(Role.CS_MANAGER)[0].user_id
    spec = ctx.staff(Role.CS_SPECIALIST)[0].user_id
    rows = []
    for n, c in enumerate(customers[:24]):
        rep = c.rep_id if c.rep_id in reps else next(iter(reps))
        on = ctx.today - timedelta(days=rng.randint(3, 80))
        rows.append(dict(kind=InteractionKind.VISIT.value, subject="季度拜访，了解库存与下季度需求",
                         recorded_by_id=rep, customer_id=c.id, occurred_on=on, status="closed"))
        if n % 3 == 0:
            rows.append(dict(kind=InteractionKind.RETURN_VISIT.value, subject="售后满意度回访",
                             recorded_by_id=spec, customer_id=c.id, occurred_on=on + timedelta(days=1),
                             status="closed"))
        if n % 8 == 0:
            open_one = n == 0
            rows.append(dict(kind=InteractionKind.COMPLAINT.value, subject="到货包装破损",
                             detail="第二批货有 3 箱外包装破损", recorded_by_id=rep, customer_id=c.id,
                             occurred_on=on, status="open" if open_one else "closed",
                             handling="" if open_one else "补发 3 箱并致歉，客户确认",
                             handled_by_id=None if open_one else csm,
                             handled_on=None if open_one else on + timedelta(days=2)))
    base = {"contact_person": "", "detail": "", "goods": "", "amount": None, "handling": "",
            "handled_by_id": None, "handled_on": None, "recorded_at": ctx.now}
    ctx.uow.session.execute(insert(Interaction.__table__), [{**base, **r} for r in rows])
    ctx.made(N_("relationship log entries"), len(rows))

