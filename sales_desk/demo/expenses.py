"""Demo step "expenses": last year in full and this year so far.

- Departments and allowances: 销售一部, 销售二部 and 客服部; one rep with a smaller
  allowance, the supervisor with a larger one.
- Budgets: last year's approved, then revised mid-year for the autumn exhibitions
  and approved again; this year's approved; a revision of this year's waiting for
  finance's check.
- Claims along every route (straight to finance, review and approval, the general
  manager for major or over-budget claims, managers' claims, travel), refusals with
  their reasons (some corrected and resubmitted, some withdrawn; finance refusing what
  is beyond the plan without the GM), payments in cash, cheque (the trade fairs'
  organisers, always) and transfer; recent claims still at each step, each of them one
  its approver can pass on and finance can sign, signed ones awaiting the cashier,
  travel applications awaiting approval.
- Department applications with their explanation forms (第8条3): one paid, one the sales
  VP has reviewed waiting for the sales manager, one waiting for the VP.
- Last year's annual expense-control report (第11条2): issued and submitted by the sales
  manager in January, reviewed by the GM, filed.
- Volume: every rep's monthly phone bill besides their other claims, so that last
  year alone has well over 400 paid claims, whatever day of this year it is.

Routes come from domain.expense_routing with the budget and allowances tracked as
the year goes on (the same figures the services compute); rows are bulk-inserted
with Core (DESIGN.md), the step rows after the claims they belong to.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import insert

from sales_desk.demo.context import DemoContext
from sales_desk.demo.expense_claims import ClaimSimulator, Person, Plan
from sales_desk.domain.admin.settings import PERSONAL_ALLOWANCES
from sales_desk.domain.common.roles import Role
from sales_desk.domain.expenses.budget import BudgetStatus
from sales_desk.domain.expenses.claims import (
    Category,
    ClaimStatus,
    StepKind,
    StepStatus,
    TravelStatus,
)
from sales_desk.i18n import N_
from sales_desk.models import (
    ExpenseBudget,
    ExpenseBudgetLine,
    ExpenseClaim,
    ExpenseClaimStep,
    ExpensePayment,
    ExpenseProfile,
    TravelApplication,
)

C = Category
SALES_1, SALES_2, SERVICE = "销售一部", "销售二部", "客服部"
YUAN = 100

# Monthly budget per department and category, in yuan (last year's first version).
BUDGET: dict[str, dict[Category, int]] = {
    SALES_1: {C.PERSONNEL: 3000, C.ADVERTISING: 7000, C.PUBLIC_RELATIONS: 5000, C.BUSINESS: 17000,
              C.AFTER_SALES: 1800, C.LOGISTICS: 3000, C.OTHER: 3000},
    SALES_2: {C.PERSONNEL: 3000, C.ADVERTISING: 4000, C.PUBLIC_RELATIONS: 3000, C.BUSINESS: 15000,
              C.AFTER_SALES: 1500, C.LOGISTICS: 3000, C.OTHER: 2500},
    SERVICE: {C.PERSONNEL: 800, C.ADVERTISING: 0, C.PUBLIC_RELATIONS: 0, C.BUSINESS: 1500,
              C.AFTER_SALES: 4000, C.LOGISTICS: 800, C.OTHER: 500},
}
EXHIBITION_MONTHS = (3, 9)  # spring and autumn trade fairs
EXHIBITION_BUDGET = 18000  # added to 销售一部's "other" in those months


def _lines(year_factor: int, revised: bool) -> dict[tuple[int, str, str], int]:
    """(month, category, department) → minor units; `revised` adds the autumn exhibitions."""
    out: dict[tuple[int, str, str], int] = {}
    for dept, cats in BUDGET.items():
        for cat, yuan in cats.items():
            for m in range(1, 13):
                amount = yuan * year_factor // 100
                if dept == SALES_1 and cat is C.OTHER and m in EXHIBITION_MONTHS and (revised or m == 3):
                    amount += EXHIBITION_BUDGET
                out[(m, cat.value, dept)] = amount * YUAN
    return out


def _at(day: date, hour: int = 2) -> datetime:
    """A business day's morning in UTC (10:00 in China)."""
    from datetime import UTC

    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


class _Budgets:
    def __init__(self, ctx: DemoContext, people: dict[str, Person]):
        self.ctx, self.s = ctx, ctx.uow.session
        self.mgr, self.fin, self.gm = people["mgr"].user_id, people["fin"].user_id, people["gm"].user_id
        self.in_force: list[tuple[int, datetime, dict[tuple[int, str, str], int]]] = []  # year, approved_at

    def add(self, year: int, revision: int, lines: dict[tuple[int, str, str], int], prepared: date,
            status: BudgetStatus, reason: str = "") -> int:
        row = {"year": year, "revision": revision, "status": status.value,
               "note": "依据盈亏平衡分析及年度销售目标编制", "revision_reason": reason,
               "prepared_by_id": self.mgr, "prepared_at": _at(prepared), "submitted_at": _at(prepared, 6),
               "check_comment": "", "approval_comment": "", "returned_reason": ""}
        if status in (BudgetStatus.CHECKED, BudgetStatus.APPROVED, BudgetStatus.SUPERSEDED):
            row |= {"checked_by_id": self.fin, "checked_at": _at(prepared + timedelta(days=3)),
                    "check_comment": "与年度支出计划核对无误"}
        if status in (BudgetStatus.APPROVED, BudgetStatus.SUPERSEDED):
            approved = _at(prepared + timedelta(days=6))
            row |= {"approved_by_id": self.gm, "approved_at": approved, "approval_comment": "同意，下发执行"}
            self.in_force.append((year, approved, lines))
        budget_id = self.s.execute(insert(ExpenseBudget.__table__).returning(ExpenseBudget.__table__.c.id),
                                   row).scalar_one()
        self.s.execute(insert(ExpenseBudgetLine.__table__), [
            {"budget_id": budget_id, "month": m, "category": cat, "department": dept, "amount": amount}
            for (m, cat, dept), amount in lines.items()])
        return budget_id

    def lines_at(self, year: int, when: datetime) -> dict[tuple[int, str, str], int]:
        """The latest version of `year` approved by `when` (empty: no budget in force)."""
        found: dict[tuple[int, str, str], int] = {}
        for y, approved, lines in self.in_force:
            if y == year and approved <= when:
                found = lines
        return found


def _people(ctx: DemoContext) -> dict[str, Person]:
    def one(role: Role, i: int = 0) -> object:
        return ctx.staff(role)[i]

    reps = ctx.staff(Role.SALES_REP)
    out = {
        "gm": Person.of(one(Role.GM), Role.GM, ""),
        "vp": Person.of(one(Role.SALES_VP), Role.SALES_VP, SALES_2),
        "mgr": Person.of(one(Role.SALES_MANAGER), Role.SALES_MANAGER, SALES_1),
        "sup": Person.of(one(Role.SALES_SUPERVISOR), Role.SALES_SUPERVISOR, SALES_1, 3000 * YUAN),
        "csm": Person.of(one(Role.CS_MANAGER), Role.CS_MANAGER, SERVICE),
        "css": Person.of(one(Role.CS_SPECIALIST), Role.CS_SPECIALIST, SERVICE),
        "fin": Person.of(one(Role.FINANCE), Role.FINANCE, ""),  # accountant: checks and signs
        "cashier": Person.of(one(Role.CASHIER), Role.CASHIER, ""),  # pays (费用 第9条)
        "director": Person.of(one(Role.FINANCE_DIRECTOR), Role.FINANCE_DIRECTOR, ""),
    }
    for i, rep in enumerate(reps):
        allowance = 1500 * YUAN if i == len(reps) - 1 else None  # the newest rep: a smaller allowance
        out[f"rep{i + 1}"] = Person.of(rep, Role.SALES_REP, SALES_1 if i < 2 else SALES_2, allowance)
    return out


def _profiles(ctx: DemoContext, people: dict[str, Person], default_allowance: int) -> None:
    rows = [{"user_id": p.user_id, "department": p.department, "updated_by_id": None, "updated_at": ctx.now}
            for p in people.values() if p.department]
    ctx.uow.session.execute(insert(ExpenseProfile.__table__), rows)
    username = {u.user_id: u.username for u in ctx.users}
    _own_allowances(ctx, {username[p.user_id]: p.allowance for p in people.values()  # type: ignore[misc]
                          if p.allowance is not None and p.allowance != default_allowance})


def _own_allowances(ctx: DemoContext, own: dict[str, int]) -> None:
    """A person's own allowance is policy [费用 第8条1 支配范围]: the sales manager proposed it
    two years ago, from the first of the next month, and the general manager approved it."""
    from sales_desk.demo.policy import acting
    from sales_desk.services.admin import policy

    if not own:
        return
    proposed_on = date(ctx.today.year - 2, 12, 10)
    gm, mgr = ctx.staff(Role.GM)[0], ctx.staff(Role.SALES_MANAGER)[0]
    with acting(ctx, mgr, proposed_on, 9):
        pid = policy.propose(ctx.uow, {PERSONAL_ALLOWANCES: own}, date(ctx.today.year - 1, 1, 1),
                             "新入职销售员熟悉市场期间，支配范围适当降低")
    with acting(ctx, gm, proposed_on + timedelta(days=2), 15):
        policy.approve(ctx.uow, pid, "同意")
    ctx.made(N_("policy versions"), 1)


def _pending_travel(ctx: DemoContext, people: dict[str, Person]) -> int:
    """Trips applied for in the last days, waiting for the sales manager or the GM, and one
    the sales manager refused last week (the region already visited this month): whatever
    the date, the travel applications show every status."""
    rows = []
    for key, dest, purpose, approver in (("rep1", "成都", "拜访西南区经销商", "approve"),
                                         ("rep3", "沈阳", "东北区新客户洽谈", "approve"),
                                         ("mgr", "北京", "参加华北区域订货会", "gm")):
        p = people[key]
        start = ctx.today + timedelta(days=6)
        rows.append({"applicant_id": p.user_id, "department": p.department, "destination": dest,
                     "purpose": purpose, "start_on": start, "end_on": start + timedelta(days=3),
                     "estimated_amount": 4200 * YUAN, "customer_id": None, "approver_kind": approver,
                     "status": TravelStatus.PENDING.value, "applied_on": ctx.today - timedelta(days=1),
                     "applied_at": ctx.now - timedelta(days=1), "decided_by_id": None, "decided_at": None,
                     "decision_comment": ""})
    if "rep4" in people:
        p, start = people["rep4"], ctx.today + timedelta(days=2)
        rows.append({"applicant_id": p.user_id, "department": p.department, "destination": "西安",
                     "purpose": "拜访西安地区客户", "start_on": start, "end_on": start + timedelta(days=2),
                     "estimated_amount": 3600 * YUAN, "customer_id": None, "approver_kind": "approve",
                     "status": TravelStatus.REFUSED.value, "applied_on": ctx.today - timedelta(days=8),
                     "applied_at": ctx.now - timedelta(days=8), "decided_by_id": people["mgr"].user_id,
                     "decided_at": ctx.now - timedelta(days=7), "decision_comment": "该区域本月已安排拜访，请合并行程"})
    ctx.uow.session.execute(insert(TravelApplication.__table__), rows)
    return len(rows)


def create_expenses(ctx: DemoContext) -> None:
    from sales_desk.services.admin.settings import load_settings

    settings = load_settings(ctx.uow)
    default_allowance = int(settings["expense.monthly_allowance"])  # type: ignore[call-overload]
    threshold = int(settings["expense.gm_threshold"])  # type: ignore[call-overload]
    people = _people(ctx)
    for p in people.values():
        if p.allowance is None:
            p.allowance = default_allowance
    _profiles(ctx, people, default_allowance)
    last, this = ctx.today.year - 1, ctx.today.year
    books = _Budgets(ctx, people)
    books.add(last, 1, _lines(100, False), date(last - 1, 12, 5), BudgetStatus.SUPERSEDED)
    books.add(last, 2, _lines(100, True), date(last, 6, 20), BudgetStatus.APPROVED, "下半年新增秋季展会预算")
    current = _lines(105, True)
    books.add(this, 1, current, date(last, 12, 5), BudgetStatus.APPROVED)
    raised = {k: v + (2000 * YUAN if k[1] == C.ADVERTISING.value and k[0] >= 7 else 0)
              for k, v in current.items()}
    books.add(this, 2, raised, ctx.today - timedelta(days=2), BudgetStatus.SUBMITTED, "下半年加大广告投放")
    sim = ClaimSimulator(ctx, ctx.rng("expenses"), people, books.lines_at, threshold)
    sim.run(Plan(first=date(last, 1, 1), last=ctx.today))
    travel_pending = _pending_travel(ctx, people)
    departmental = _department_applications(ctx, people)
    ctx.made(N_("expense budgets"), 4)
    ctx.made(N_("expense claims"), sim.claims + departmental)
    ctx.made(N_("travel applications"), sim.trips + travel_pending)
    _annual_report(ctx, last)


def _annual_report(ctx: DemoContext, year: int) -> None:
    """费用 第11条2: last year's annual expense-control report, issued and submitted by the
    sales manager early in January, reviewed by the general manager, then filed [存档]."""
    from sales_desk.demo.policy import acting
    from sales_desk.reports.records.issuers import issue_expense_report_in
    from sales_desk.services.expenses import report_review

    gm, mgr = ctx.staff(Role.GM)[0], ctx.staff(Role.SALES_MANAGER)[0]
    day = min(date(year + 1, 1, 10), ctx.today)
    with acting(ctx, mgr, day, 9):
        ref = issue_expense_report_in(ctx.uow, year, "zh_CN", "下半年秋季展会费用经修订预算批准；通讯费控制良好。")
        submission = report_review.submit_in(ctx.uow, year, ref.id, "请总经理审阅")
    with acting(ctx, gm, min(day + timedelta(days=2), ctx.today), 15):
        report_review.review_in(ctx.uow, submission, True, "费用控制总体良好，展会费用需提前纳入预算。存档。")
    with acting(ctx, mgr, min(day + timedelta(days=3), ctx.today), 10):
        report_review.file_in(ctx.uow, submission)
    ctx.made(N_("annual expense reports filed"), 1)


# (who, category, item, yuan, days ago, purpose, explanation, where it stops: a StepKind or "paid")
_DEPARTMENT = (
    ("mgr", C.PUBLIC_RELATIONS, "Meetings", 2800, 20, "华东区经销商座谈会",
     "邀请华东区30家经销商座谈，通报新价格政策并收集意见；预计带动下季度订货增长10%。", "paid"),
    ("sup", C.OTHER, "Exhibitions", 1900, 6, "参加本市五金建材展（小展位）",
     "小展位成本低，可集中接触本地新客户；上届展会带来8家意向客户。", StepKind.APPROVE.value),
    ("mgr", C.ADVERTISING, "Production", 3600, 2, "新品宣传册印制",
     "新品上市需要宣传册5000份，供销售人员拜访和展会使用；现有资料已过期。", StepKind.EXPLANATION.value),
)
_APPROVER = {StepKind.EXPLANATION: "vp", StepKind.REVIEW: "sup", StepKind.APPROVE: "mgr", StepKind.GM: "gm",
             StepKind.FINANCE: "fin"}


def _department_applications(ctx: DemoContext, people: dict[str, Person]) -> int:
    """第8条3: routed as the service routes them, each decision audited in its approver's name."""
    from sales_desk.services.expenses.common import compute_route

    uow, saved = ctx.uow, ctx.uow.actor
    who = {u.user_id: u for u in ctx.users}
    for key, category, item, yuan, days, purpose, explanation, stop in _DEPARTMENT:
        p = people[key]
        at = ctx.now - timedelta(days=days)
        spent_on = at.astimezone().date()
        r = compute_route(uow, frozenset({p.role}), p.user_id, category, yuan * YUAN, spent_on, p.department,
                          False, None, True).route
        claim = ExpenseClaim(claimant_id=p.user_id, department=p.department, category=category.value, item=item,
                             amount=yuan * YUAN, spent_on=spent_on, purpose=purpose, is_department=True,
                             explanation=explanation, status=ClaimStatus.IN_ROUTE.value,
                             current_step=r.steps[0].value, round=1, discretionary=False, major=r.major,
                             over_budget=r.over_budget, submitted_at=at, created_at=at, updated_at=at)
        uow.session.add(claim)
        uow.session.flush()
        uow.actor = who[p.user_id].actor()
        uow.audit("expense.apply", "expense_claim", claim.id, None,
                  {"amount": yuan, "is_department": True, "route": [s.value for s in r.steps], "demo": True})
        stopped = False
        for position, kind in enumerate(r.steps, start=1):
            if not stopped and kind.value == stop:
                claim.current_step, stopped = kind.value, True  # waits here; the later steps to come
            approver = people[_APPROVER[kind]]
            when = at + timedelta(days=position, hours=1)
            uow.session.add(ExpenseClaimStep(
                claim_id=claim.id, round=1, position=position, kind=kind.value,
                status=(StepStatus.PENDING if stopped else StepStatus.APPROVED).value,
                actor_id=None if stopped else approver.user_id, decided_at=None if stopped else when,
                comment="" if stopped else "同意"))
            if not stopped:
                uow.actor = who[approver.user_id].actor()
                uow.audit(f"expense.{kind.value}", "expense_claim", claim.id, None,
                          {"step": kind.value, "decision": StepStatus.APPROVED.value, "comment": "同意",
                           "demo": True})
        if not stopped:
            claim.status, claim.current_step = ClaimStatus.PAID.value, None
            claim.signed_by_id, claim.signed_at = people["fin"].user_id, at + timedelta(days=len(r.steps), hours=1)
            paid_at = at + timedelta(days=len(r.steps) + 1)
            claim.paid_at = claim.updated_at = paid_at
            uow.session.add(ExpensePayment(claim_id=claim.id, method="transfer", reference=f"NY{paid_at:%Y%m%d}D01",
                                           amount=claim.amount, paid_on=paid_at.astimezone().date(),
                                           paid_by_id=people["cashier"].user_id, paid_at=paid_at))
            uow.actor = who[people["cashier"].user_id].actor()
            uow.audit("expense.pay", "expense_claim", claim.id, None, {"status": "paid", "demo": True})
    uow.session.flush()
    uow.actor = saved
    return len(_DEPARTMENT)
