"""The demo's expense claims and trips, simulated day by day (see expenses.py).

Each claim is routed when submitted with the budget in force then, the month's
budget already committed and the claimant's allowance already used, exactly as
services/expenses/common.py computes them; its steps are decided a day apart by the
people who hold them, a few refused with a reason. Finance checks each claim against
the monthly and annual plan before signing (第9条), as services/expenses/approvals.py
does, and refuses what is beyond it unless the general manager approved it. Anything
that would happen after "now" is left waiting at its step; a waiting claim that the
claims after it have put beyond the plan is left out (not yet submitted), so that
what waits for finance is what finance may sign.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert

from sales_desk.demo.context import DemoContext
from sales_desk.demo.expense_habits import (
    APPROVALS,
    BEYOND_PLAN,
    DESTINATIONS,
    EXHIBITIONS,
    MANAGER_SPEND,
    REFUSALS,
    REP_SPEND,
    SERVICE_MANAGER_SPEND,
    SERVICE_SPEND,
    SUPERVISOR_SPEND,
    VP_SPEND,
)
from sales_desk.demo.expense_standards import above_standard_claims
from sales_desk.domain.common.roles import Role
from sales_desk.domain.expenses.claims import (
    Category,
    ClaimStatus,
    StepKind,
    StepStatus,
    TravelStatus,
)
from sales_desk.domain.expenses.routing import (
    Route,
    RouteInput,
    route,
    travel_approver,
    within_plan,
)
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
    standard: int | None = None  # its item's spending standard (费用 第13条1); standard_reason: why above
    standard_reason: str = ""


@dataclass
class _Row:
    claim: dict
    source: _Claim
    route: Route | None = None  # the current round's
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
        reps = [p for k, p in self.p.items() if k.startswith("rep")]
        spends = [(p, REP_SPEND, (5, 8)) for p in reps]
        spends += [(self.p["sup"], SUPERVISOR_SPEND, (2, 4)), (self.p["mgr"], MANAGER_SPEND, (1, 3)),
                   (self.p["vp"], VP_SPEND, (0, 1)), (self.p["csm"], SERVICE_MANAGER_SPEND, (0, 2)),
                   (self.p["css"], SERVICE_SPEND, (1, 3))]
        month = date(plan.first.year, plan.first.month, 1)
        while month <= plan.last:
            for who, spend, (low, high) in spends:
                for _ in range(rng.randint(low, high)):
                    out.append(self._pick(who, spend, month + timedelta(days=rng.randint(0, 27))))
            for who in reps:  # every rep's mobile bill, once a month
                day = month + timedelta(days=rng.randint(24, 27))
                out.append(_Claim(who, C.BUSINESS, "Communication", rng.randrange(120, 301, 10) * YUAN, day,
                                  self._when(day + timedelta(days=rng.randint(0, 2))), "当月手机话费"))
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
        """Whatever the date, something waits at every step, and each can be done: the GM's
        threshold puts the reps' claims through review, approval and the GM, the sales
        manager's advertising through the GM to finance, the supervisor's through approval
        and the GM to the cashier. The GM approving them, finance may sign them whatever
        the plan has left by then (第9条)."""
        yesterday, now = self.ctx.today - timedelta(days=1), self.ctx.now
        cases = (("rep1", C.BUSINESS, "Hospitality", 6200, "年度合同签约宴请", "review"),
                 ("rep2", C.BUSINESS, "Gifts", 5600, "重点客户年终礼品", "approve"),
                 ("rep3", C.PUBLIC_RELATIONS, "PR events", 7800, "区域经销商答谢会", "gm"),
                 ("mgr", C.ADVERTISING, "Media", 6500, "行业杂志广告投放", "finance"),
                 ("sup", C.BUSINESS, "Hospitality", 5200, "重点客户商务宴请", "signed"))
        out = []
        for n, (key, cat, item, yuan, purpose, stop) in enumerate(cases):
            if key not in self.p:
                continue
            submitted = now - timedelta(hours=30 - 3 * n)
            customer = (self.ctx.customer_ids[n] if self.ctx.customer_ids and cat is not C.ADVERTISING
                        else None)
            out.append(_Claim(self.p[key], cat, item, yuan * YUAN, min(yesterday, submitted.astimezone().date()),
                              submitted, purpose, customer, stop=stop))
        return out + [_Claim(**c) for c in above_standard_claims(self.ctx, self.p.get("mgr"), yesterday, now)]

    def run(self, plan: Plan) -> None:
        claims = self._monthly(plan) + self._travel(plan) + self._showcase()
        claims.sort(key=lambda c: (c.submitted, c.who.user_id))
        for c in claims:
            self._process(c)
        self._settle()
        self._write()

    def _left(self, c: _Claim, at: datetime) -> tuple[int, int]:
        """The month's and the year's budget left on the claim's line (department, category) by
        the budget in force at `at`, less what the claims holding money commit, as
        services/expenses/common.budget_figures computes them; `c` itself is not held."""
        lines = self.budget_at(c.spent_on.year, at)
        dept, cat, year = c.who.department, c.category.value, c.spent_on.year
        month = lines.get((c.spent_on.month, cat, dept), 0) - self.committed[(dept, cat, year, c.spent_on.month)]
        annual = sum(lines.get((m, cat, dept), 0) - self.committed[(dept, cat, year, m)] for m in range(1, 13))
        return month, annual

    def _within_plan(self, c: _Claim, at: datetime) -> bool:
        """Finance's check (第9条) of a claim that holds its money: the others leave room for it."""
        month, annual = self._left(c, at)
        return within_plan(c.amount, month + c.amount, annual + c.amount)

    def _route(self, c: _Claim, at: datetime) -> Route:
        month_left, _annual = self._left(c, at)
        used = self.used[(c.who.user_id, c.spent_on.year, c.spent_on.month)]
        return route(RouteInput(frozenset({c.who.role}), c.amount, c.category, c.travel_key is not None, max(
            (c.who.allowance or 0) - used, 0), month_left, self.threshold, above_standard=bool(c.standard_reason)))

    def _settle(self) -> None:
        """What waits must be doable now: a claim routed within the plan without the GM, that
        claims made after it have put beyond the month's or the year's plan, is left out
        (its claimant has not submitted it yet), the newest first, until none is left."""
        now = self.ctx.now
        while True:
            beyond = [row for row in self.rows
                      if row.claim.get("status") == ClaimStatus.IN_ROUTE.value and row.route is not None
                      and StepKind.GM not in row.route.steps and not self._within_plan(row.source, now)]
            if not beyond:
                return
            row = max(beyond, key=lambda r: (r.claim["submitted_at"], r.source.who.user_id))
            self._hold(row.source, row.route.discretionary, -1)  # type: ignore[union-attr]
            self.rows.remove(row)
            self.claims -= 1

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
                    "travel_application_id": c.travel_key, "returned_reason": "", "created_at": c.submitted,
                    "standard": c.standard, "standard_reason": c.standard_reason}, c)
        self.rows.append(row)
        self.claims += 1
        submitted, rnd = c.submitted, 1
        while True:
            r = row.route = self._route(c, submitted)
            self._hold(c, r.discretionary, +1)
            row.claim |= {"round": rnd, "discretionary": r.discretionary, "major": r.major,
                          "over_budget": r.over_budget, "submitted_at": submitted, "updated_at": submitted}
            t, outcome, beyond_year = submitted, "signed", False
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
                # the trade fairs are booked in the plan: nobody refuses them
                refuse = (rnd == 1 and not recent and not c.stop and not c.event
                          and rng.random() < (0.06 if kind is StepKind.FINANCE else 0.04))
                comment = rng.choice(REFUSALS[kind] if refuse else APPROVALS[kind])
                if (not refuse and kind is StepKind.FINANCE and StepKind.GM not in r.steps
                        and not self._within_plan(c, t)):  # 第9条: beyond the plan, the GM not asked
                    beyond_year = self._left(c, t)[0] >= 0  # the month has room, the year not
                    refuse, comment = True, BEYOND_PLAN[beyond_year]
                step |= {"actor_id": actor.user_id, "decided_at": t,
                         "status": (StepStatus.REFUSED if refuse else StepStatus.APPROVED).value,
                         "comment": comment}
                if refuse:
                    outcome = "refused"
                    row.claim["returned_reason"] = step["comment"]
                elif kind is StepKind.FINANCE:
                    row.claim |= {"signed_by_id": actor.user_id, "signed_at": t}
            if outcome == "refused":
                self._hold(c, r.discretionary, -1)
                again = submitted + timedelta(days=rng.randint(2, 5))
                choice = rng.random()
                # corrected and resubmitted (routed again: to the GM if beyond the month's plan);
                # the year's plan used up, the claimant waits for a budget revision instead
                if choice < 0.55 and again <= now and not beyond_year:
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
        elif c.event or (c.amount >= 10000 * YUAN and rng.random() < 0.5):  # the fair's organiser: a cheque
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
        self._audit_decisions(steps)
        payments = [{"claim_id": cid, **r.payment} for cid, r in zip(ids, self.rows, strict=True) if r.payment]
        if payments:
            s.execute(insert(ExpensePayment.__table__), payments)

    def _audit_decisions(self, steps: list[dict]) -> None:
        """Each decision in its approver's name and signed by them, as the service writes it."""
        uow, saved = self.ctx.uow, self.ctx.uow.actor
        who = {u.user_id: u for u in self.ctx.users}
        by_approver: dict[int, list[dict]] = {}
        for st in sorted((st for st in steps if st["actor_id"] is not None), key=lambda st: st["decided_at"]):
            by_approver.setdefault(st["actor_id"], []).append(st)
        for user_id, decided in by_approver.items():
            uow.actor = who[user_id].actor()
            uow.audit_many((f"expense.{st['kind']}" if st["status"] == StepStatus.APPROVED.value else "expense.refuse",
                            "expense_claim", st["claim_id"], None,
                            {"step": st["kind"], "decision": st["status"], "comment": st["comment"], "demo": True})
                           for st in decided)
        uow.actor = saved
