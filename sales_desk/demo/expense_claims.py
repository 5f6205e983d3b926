"""The demo's expense claims and trips, simulated day by day (see expenses.py).

Each claim is routed when submitted with the budget in force then, the month's
budget already committed and the claimant's allowance already used, exactly as
services/expenses/common.py computes them; its steps are decided a day apart by the
people who hold them, a few refused with a reason. Anything that would happen
after "now" is left waiting at its step.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert

from sales_desk.demo.context import DemoContext
from sales_desk.domain.common.roles import Role
from sales_desk.domain.expenses.claims import (
    Category,
    ClaimStatus,
    StepKind,
    StepStatus,
    TravelStatus,
)
from sales_desk.domain.expenses.routing import RouteInput, route, travel_approver
from sales_desk.models import ExpenseClaim, ExpenseClaimStep, ExpensePayment, TravelApplication

YUAN = 100
C = Category
RECENT_DAYS = 14


@dataclass
class Person:
    user_id: int
    name: str
    role: Role
    department: str
    allowance: int | None = None  # None until the default is known

    @classmethod
    def of(cls, user: object, role: Role, department: str, allowance: int | None = None) -> Person:
        return cls(user.user_id, user.full_name, role, department, allowance)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Plan:
    first: date
    last: date  # today


# (category, item, low, high in yuan, weight, purposes): what each kind of person spends on
REP_SPEND = (
    (C.BUSINESS, "Hospitality", 200, 1800, 30, ("招待客户洽谈年度合同", "宴请经销商负责人", "客户来访接待")),
    (C.BUSINESS, "Communication", 100, 300, 12, ("当月手机话费", "客户联络通讯费")),
    (C.BUSINESS, "Gifts", 200, 1500, 10, ("节日客户礼品", "重点客户拜访礼品")),
    (C.BUSINESS, "Printing", 100, 600, 6, ("产品资料印刷", "报价单及合同印制")),
    (C.LOGISTICS, "Transport", 200, 1500, 8, ("样品快递运输", "急单加急运费")),
    (C.AFTER_SALES, "Repairs", 300, 2500, 6, ("客户设备上门维修", "更换故障配件")),
    (C.PUBLIC_RELATIONS, "Meetings", 500, 3000, 5, ("区域客户座谈会", "经销商季度会议")),
    (C.PERSONNEL, "Allowances", 200, 800, 4, ("外勤补贴", "加班餐补")),
)
SUPERVISOR_SPEND = (
    (C.BUSINESS, "Hospitality", 500, 3000, 6, ("重点客户商务宴请", "新客户开发接待")),
    (C.PUBLIC_RELATIONS, "Meetings", 1000, 4000, 3, ("片区销售例会场地", "客户答谢会")),
)
MANAGER_SPEND = (
    (C.ADVERTISING, "Media", 3000, 9000, 4, ("行业杂志广告投放", "网络推广投放")),
    (C.ADVERTISING, "Production", 2000, 6000, 2, ("宣传片制作", "产品画册设计制作")),
    (C.PUBLIC_RELATIONS, "Sponsorship", 5000, 15000, 1, ("行业协会年会赞助",)),
    (C.PUBLIC_RELATIONS, "PR events", 3000, 8000, 2, ("新品发布会", "客户开放日活动")),
    (C.OTHER, "Office", 300, 1500, 2, ("办公用品采购", "销售部文具耗材")),
    (C.PERSONNEL, "Welfare", 1500, 3000, 1, ("销售团队建设活动",)),
)
VP_SPEND = ((C.ADVERTISING, "Advertising planning", 3000, 8000, 1, ("年度品牌推广策划", "区域广告方案策划")),)
SERVICE_MANAGER_SPEND = (
    (C.AFTER_SALES, "Compensation", 800, 4000, 1, ("质量问题客户赔偿", "延迟交货补偿")),
    (C.AFTER_SALES, "Repairs", 500, 3000, 1, ("保修期外维修费用",)),
)
SERVICE_SPEND = (
    (C.AFTER_SALES, "Repairs", 200, 1500, 3, ("上门维修配件", "售后维修工时")),
    (C.BUSINESS, "Communication", 100, 200, 1, ("回访客户通讯费",)),
)
EXHIBITIONS = ("春季中国国际工业博览会", "秋季华南五金机电展")
DESTINATIONS = ("广州", "深圳", "北京", "成都", "武汉", "西安", "杭州", "南京", "青岛", "长沙")
REFUSALS = {
    StepKind.REVIEW: ("发票抬头不符，请重新开具", "招待人数与事由不符，请补充说明"),
    StepKind.APPROVE: ("与销售业务关联不明确", "超出费用标准，请压缩"),
    StepKind.GM: ("预算外支出理由不充分", "请先提交预算调整"),
    StepKind.FINANCE: ("缺少原始票据", "票据日期与申请不符，不符合财务规定"),
}
APPROVALS = {StepKind.REVIEW: ("属实", "情况属实", ""), StepKind.APPROVE: ("同意", "同意报销", ""),
             StepKind.GM: ("同意", "同意，注意控制费用"), StepKind.FINANCE: ("单据齐全，同意支付", "核对无误", "")}


@dataclass
class _Claim:
    who: Person
    category: Category
    item: str
    amount: int
    spent_on: date
    submitted: datetime
    purpose: str
    customer_id: int | None = None
    event: str = ""
    travel_key: int | None = None  # index into the simulator's trips
    stop: str = ""  # a showcase claim: waits at this StepKind, or "signed" for the cashier


@dataclass
class _Row:
    claim: dict
    steps: list[dict] = field(default_factory=list)
    payment: dict | None = None


class ClaimSimulator:
    def __init__(self, ctx: DemoContext, rng: random.Random, people: dict[str, Person],
                 budget_at: Callable[[int, datetime], dict[tuple[int, str, str], int]], threshold: int):
        self.ctx, self.rng, self.p = ctx, rng, people
        self.budget_at, self.threshold = budget_at, threshold
        self.committed: dict[tuple[str, str, int, int], int] = defaultdict(int)
        self.used: dict[tuple[int, int, int], int] = defaultdict(int)
        self.rows: list[_Row] = []
        self.trip_rows: list[dict] = []
        self.claims = self.trips = 0
        self.pay_seq = 0

    # -- planning -----------------------------------------------------------------------------
    def _when(self, day: date) -> datetime:
        return datetime(day.year, day.month, day.day, self.rng.randint(1, 9), self.rng.randint(0, 59), tzinfo=UTC)

    def _pick(self, who: Person, spend: tuple, day: date) -> _Claim:
        rng = self.rng
        cat, item, low, high, _w, purposes = rng.choices(spend, weights=[s[4] for s in spend])[0]
        amount = rng.randrange(low, high + 1, 10 if high < 5000 else 100) * YUAN
        if cat is C.BUSINESS and item in ("Hospitality", "Gifts") and rng.random() < 0.04:
            amount = rng.randrange(5000, 8000, 100) * YUAN  # a major claim: the GM approves
        customer = rng.choice(self.ctx.customer_ids) if self.ctx.customer_ids and item in (
            "Hospitality", "Gifts", "Repairs", "Compensation") else None
        return _Claim(who, cat, item, amount, day, self._when(day + timedelta(days=rng.randint(0, 2))),
                      rng.choice(purposes), customer)

    def _monthly(self, plan: Plan) -> list[_Claim]:
        rng, out = self.rng, []
        spends = [(p, REP_SPEND, (4, 7)) for k, p in self.p.items() if k.startswith("rep")]
        spends += [(self.p["sup"], SUPERVISOR_SPEND, (1, 3)), (self.p["mgr"], MANAGER_SPEND, (1, 3)),
                   (self.p["vp"], VP_SPEND, (0, 1)), (self.p["csm"], SERVICE_MANAGER_SPEND, (0, 2)),
                   (self.p["css"], SERVICE_SPEND, (1, 2))]
        month = date(plan.first.year, plan.first.month, 1)
        while month <= plan.last:
            for who, spend, (low, high) in spends:
                for _ in range(rng.randint(low, high)):
                    out.append(self._pick(who, spend, month + timedelta(days=rng.randint(0, 27))))
            if month.month in (3, 9):  # the trade fair, beyond the monthly plan unless revised
                out.append(_Claim(self.p["mgr"], C.OTHER, "Exhibitions", rng.randrange(15000, 21000, 500) * YUAN,
                                  month + timedelta(days=14), self._when(month + timedelta(days=14)),
                                  "展位费及布展", event=EXHIBITIONS[month.month == 9]))
            month = (month + timedelta(days=32)).replace(day=1)
        return [c for c in out if c.spent_on <= plan.last and c.submitted <= self.ctx.now]

    def _travel(self, plan: Plan) -> list[_Claim]:
        rng, out = self.rng, []
        travellers = [(p, 2) for k, p in self.p.items() if k.startswith("rep")] + [(self.p["mgr"], 3)]
        for who, every in travellers:
            month = date(plan.first.year, plan.first.month, 1) + timedelta(days=rng.randint(0, 40))
            while True:
                start = month.replace(day=rng.randint(3, 24))
                applied = start - timedelta(days=rng.randint(3, 7))
                if start > plan.last - timedelta(days=5):
                    break
                kind = travel_approver({who.role})
                approver = self.p["gm"] if kind is StepKind.GM else self.p["mgr"]
                refused = rng.random() < 0.07
                days = rng.randint(2, 4)
                dest = rng.choice(DESTINATIONS)
                self.trip_rows.append({
                    "applicant_id": who.user_id, "department": who.department, "destination": dest,
                    "purpose": f"拜访{dest}地区客户", "start_on": start, "end_on": start + timedelta(days=days),
                    "estimated_amount": rng.randrange(2000, 5000, 100) * YUAN, "customer_id": None,
                    "approver_kind": kind.value,
                    "status": (TravelStatus.REFUSED if refused else TravelStatus.APPROVED).value,
                    "applied_on": applied, "applied_at": self._when(applied),
                    "decided_by_id": approver.user_id, "decided_at": self._when(applied + timedelta(days=1)),
                    "decision_comment": "该区域本月已安排拜访，请合并行程" if refused else "同意"})
                self.trips += 1
                end = start + timedelta(days=days)
                if not refused and end <= plan.last:
                    amount = rng.randrange(1200, 4800, 10) * YUAN
                    if rng.random() < 0.08:
                        amount = rng.randrange(5000, 7000, 100) * YUAN
                    out.append(_Claim(who, C.BUSINESS, "Travel", amount, end, self._when(end + timedelta(days=1)),
                                      f"{dest}出差差旅费（交通、住宿）", travel_key=len(self.trip_rows) - 1))
                month = (month.replace(day=1) + timedelta(days=31 * every)).replace(day=1)
        return [c for c in out if c.submitted <= self.ctx.now]

    # -- running -----------------------------------------------------------------------------
    def _showcase(self) -> list[_Claim]:
        """Whatever the date, something waits at every step: the GM's threshold puts the reps'
        claims through review, approval and the GM; a small one waits at finance, one signed
        claim at the cashier."""
        day, now = self.ctx.today - timedelta(days=1), self.ctx.now
        cases = (("rep1", C.BUSINESS, "Hospitality", 6200, "年度合同签约宴请", "review"),
                 ("rep2", C.BUSINESS, "Gifts", 5600, "重点客户年终礼品", "approve"),
                 ("rep3", C.PUBLIC_RELATIONS, "PR events", 7800, "区域经销商答谢会", "gm"),
                 ("rep4", C.BUSINESS, "Communication", 180, "当月手机话费", "finance"),
                 ("sup", C.BUSINESS, "Hospitality", 900, "新客户开发接待", "signed"))
        return [_Claim(self.p[key], cat, item, yuan * YUAN, day, now - timedelta(hours=30 - 3 * n),
                       purpose, self.ctx.customer_ids[n] if self.ctx.customer_ids else None, stop=stop)
                for n, (key, cat, item, yuan, purpose, stop) in enumerate(cases) if key in self.p]

    def run(self, plan: Plan) -> None:
        claims = self._monthly(plan) + self._travel(plan) + self._showcase()
        claims.sort(key=lambda c: (c.submitted, c.who.user_id))
        for c in claims:
            self._process(c)
        self._write()

    def _route(self, c: _Claim, at: datetime):  # noqa: ANN202 - a domain Route
        lines = self.budget_at(c.spent_on.year, at)
        key = (c.who.department, c.category.value, c.spent_on.year, c.spent_on.month)
        left = lines.get((c.spent_on.month, c.category.value, c.who.department), 0) - self.committed[key]
        used = self.used[(c.who.user_id, c.spent_on.year, c.spent_on.month)]
        return route(RouteInput(frozenset({c.who.role}), c.amount, c.category, c.travel_key is not None,
                                max((c.who.allowance or 0) - used, 0), left, self.threshold))

    def _hold(self, c: _Claim, discretionary: bool, sign: int) -> None:
        self.committed[(c.who.department, c.category.value, c.spent_on.year, c.spent_on.month)] += sign * c.amount
        if discretionary:
            self.used[(c.who.user_id, c.spent_on.year, c.spent_on.month)] += sign * c.amount

    def _actor(self, kind: StepKind) -> Person:
        if kind is StepKind.REVIEW:
            return self.p["sup"]
        if kind is StepKind.APPROVE:
            return self.p["mgr"]
        if kind is StepKind.GM:
            return self.p["gm"]
        return self.p["director"] if self.rng.random() < 0.15 else self.p["fin"]

    def _process(self, c: _Claim) -> None:
        rng, now = self.rng, self.ctx.now
        row = _Row({"claimant_id": c.who.user_id, "department": c.who.department, "category": c.category.value,
                    "item": c.item, "amount": c.amount, "spent_on": c.spent_on, "purpose": c.purpose,
                    "customer_id": c.customer_id, "event": c.event, "is_travel": c.travel_key is not None,
                    "travel_application_id": c.travel_key, "returned_reason": "", "created_at": c.submitted})
        self.rows.append(row)
        self.claims += 1
        submitted, rnd = c.submitted, 1
        while True:
            r = self._route(c, submitted)
            self._hold(c, r.discretionary, +1)
            row.claim |= {"round": rnd, "discretionary": r.discretionary, "major": r.major,
                          "over_budget": r.over_budget, "submitted_at": submitted, "updated_at": submitted}
            t, outcome = submitted, "signed"
            # the last week's claims are still on their way: each stops at some step, or at the cashier
            recent = rnd == 1 and submitted > now - timedelta(days=RECENT_DAYS)
            stop_at = rng.randint(1, len(r.steps) + 1) if recent else 0
            if c.stop:
                kinds = [k.value for k in r.steps]
                stop_at = kinds.index(c.stop) + 1 if c.stop in kinds else len(r.steps) + 1
            for position, kind in enumerate(r.steps, start=1):
                step = {"round": rnd, "position": position, "kind": kind.value, "comment": ""}
                row.steps.append(step)
                t = t + (timedelta(hours=rng.randint(1, 3)) if c.stop
                         else timedelta(days=rng.choice((0, 1, 1, 2)), hours=rng.randint(1, 5)))
                if t > now or outcome != "signed" or position == stop_at:
                    step["status"] = (StepStatus.SKIPPED if outcome == "refused" else StepStatus.PENDING).value
                    if outcome == "signed":
                        outcome = kind.value  # waits here
                    continue
                actor = self._actor(kind)
                refuse = rnd == 1 and not recent and not c.stop and rng.random() < (0.06 if kind is StepKind.FINANCE else 0.04)
                step |= {"actor_id": actor.user_id, "decided_at": t,
                         "status": (StepStatus.REFUSED if refuse else StepStatus.APPROVED).value,
                         "comment": rng.choice(REFUSALS[kind] if refuse else APPROVALS[kind])}
                if refuse:
                    outcome = "refused"
                    row.claim["returned_reason"] = step["comment"]
                elif kind is StepKind.FINANCE:
                    row.claim |= {"signed_by_id": actor.user_id, "signed_at": t}
            if outcome == "refused":
                self._hold(c, r.discretionary, -1)
                again = submitted + timedelta(days=rng.randint(2, 5))
                choice = rng.random()
                if choice < 0.55 and again <= now:  # corrected and resubmitted
                    c.amount = max(c.amount * rng.randint(70, 95) // 100 // YUAN * YUAN, YUAN)
                    row.claim["amount"], row.claim["returned_reason"] = c.amount, ""
                    submitted, rnd = again, rnd + 1
                    continue
                status = ClaimStatus.WITHDRAWN if choice < 0.75 and again <= now else ClaimStatus.RETURNED
                row.claim |= {"status": status.value, "current_step": None, "updated_at": again if
                              status is ClaimStatus.WITHDRAWN else t}
                return
            if outcome != "signed":
                row.claim |= {"status": ClaimStatus.IN_ROUTE.value, "current_step": outcome}
                return
            paid_at = t + timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 4))
            if paid_at > now or stop_at == len(r.steps) + 1:
                row.claim |= {"status": ClaimStatus.SIGNED.value, "current_step": None}
                return
            row.claim |= {"status": ClaimStatus.PAID.value, "current_step": None, "paid_at": paid_at,
                          "updated_at": paid_at}
            row.payment = self._payment(c, paid_at)
            return

    def _payment(self, c: _Claim, paid_at: datetime) -> dict:
        rng = self.rng
        self.pay_seq += 1
        if c.amount < 800 * YUAN and rng.random() < 0.5:
            method, ref = "cash", f"现金收据 {paid_at:%Y%m}-{self.pay_seq:04d}"
        elif c.amount >= 10000 * YUAN and rng.random() < 0.5:
            method, ref = "cheque", f"支票 No.{rng.randint(10_000_000, 99_999_999)}"
        else:
            method, ref = "transfer", f"NY{paid_at:%Y%m%d}{self.pay_seq:05d}"
        return {"method": method, "reference": ref, "amount": c.amount,
                "paid_on": paid_at.astimezone().date(), "paid_by_id": self.p["cashier"].user_id,
                "paid_at": paid_at}

    def _write(self) -> None:
        s = self.ctx.uow.session
        trip_ids: list[int] = []
        if self.trip_rows:
            trips = TravelApplication.__table__
            trip_ids = list(s.scalars(insert(trips).returning(trips.c.id, sort_by_parameter_order=True),
                                      self.trip_rows))
        claims = ExpenseClaim.__table__
        for row in self.rows:
            key = row.claim["travel_application_id"]
            row.claim["travel_application_id"] = None if key is None else trip_ids[key]
            row.claim.setdefault("signed_by_id", None)
            row.claim.setdefault("signed_at", None)
            row.claim.setdefault("paid_at", None)
        ids = list(s.scalars(insert(claims).returning(claims.c.id, sort_by_parameter_order=True),
                             [r.claim for r in self.rows]))
        steps = [{"claim_id": cid, "actor_id": None, "decided_at": None, **st}
                 for cid, r in zip(ids, self.rows, strict=True) for st in r.steps]
        s.execute(insert(ExpenseClaimStep.__table__), steps)
        payments = [{"claim_id": cid, **r.payment} for cid, r in zip(ids, self.rows, strict=True) if r.payment]
        if payments:
            s.execute(insert(ExpensePayment.__table__), payments)
