"""Expenses at scale: 50 staff and 100,000 claims in one year, the claim list's first page,
"waiting for me", the form's route preview, the monthly analysis, the annual
expense-control report PDF and the ledger export.

    python benchmarks/bench_expenses.py [--claims 100000] [--pg URL] [--keep DIR] [--no-xlsx]

Targets (issue 6): the expense tab's first page < 150 ms; the annual report PDF < 2 s.
Timed on demand, not in CI. Everything goes through the services the UI and CLI call
(permission re-check included); claims, steps and payments are bulk-inserted with Core.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_common import add_database_options, bench_database, ms  # noqa: E402

from sales_desk.domain.expenses.claims import DEFAULT_ITEMS, Category  # noqa: E402
from sales_desk.models import ExpenseClaim, ExpenseClaimStep, ExpensePayment  # noqa: E402
from sales_desk.services.admin import auth, users
from sales_desk.services.expenses import analysis as expense_analysis
from sales_desk.services.expenses import budgets
from sales_desk.services.expenses import ledger as expense_ledger
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses import waiting as expense_waiting
from sales_desk.services.expenses.queries import ClaimFilter  # noqa: E402

PASSWORD = "correct horse battery"
YEAR = 2026
DEPTS = ("销售一部", "销售二部", "销售三部", "客服部")
STAFF = (("sales_rep", 35), ("sales_supervisor", 5), ("sales_manager", 2), ("sales_vp", 1), ("gm", 1),
         ("finance", 4), ("cs_manager", 1), ("cs_specialist", 1))  # 50 people
ROUTES = (("finance",), ("review", "approve", "finance"), ("review", "approve", "gm", "finance"),
          ("approve", "finance"), ("gm", "finance"))


def seed_claims(db, n: int, people: dict[str, list[int]]) -> float:  # noqa: ANN001
    """`n` claims over the year: 70 % paid, the rest at every step, returned or signed."""
    rng = random.Random(6)
    claimants = people["sales_rep"] + people["sales_supervisor"] + people["cs_specialist"]
    sup, mgr, gm = people["sales_supervisor"], people["sales_manager"], people["gm"][0]
    fin, cashier = people["finance"][:2], people["finance"][2:]
    actor = {"review": sup, "approve": mgr, "gm": [gm], "finance": fin}
    items = {c: [t.msgid for t in DEFAULT_ITEMS[c]] for c in Category}
    cats = list(Category)
    t0 = time.perf_counter()
    with db.engine.begin() as conn:
        claims_t = ExpenseClaim.__table__
        for start in range(0, n, 10_000):
            rows, plans = [], []
            for _ in range(min(10_000, n - start)):
                who = rng.choice(claimants)
                cat = rng.choice(cats)
                spent = date(YEAR, 1, 1) + timedelta(days=rng.randint(0, 364))
                submitted = datetime(spent.year, spent.month, spent.day, rng.randint(1, 9), tzinfo=UTC)
                steps = rng.choice(ROUTES)
                roll = rng.random()
                status = ("paid" if roll < 0.7 else "signed" if roll < 0.75 else "returned" if roll < 0.8
                          else "in_route")
                stop = rng.randrange(len(steps)) if status == "in_route" else None
                amount = rng.randrange(50, 8000) * 100
                signer = rng.choice(fin)
                rows.append({
                    "claimant_id": who, "department": DEPTS[who % len(DEPTS)], "category": cat.value,
                    "item": rng.choice(items[cat]), "amount": amount, "spent_on": spent,
                    "purpose": "客户招待及业务拓展", "customer_id": None, "event": "", "is_travel": False,
                    "travel_application_id": None, "status": status,
                    "current_step": steps[stop] if stop is not None else None, "round": 1,
                    "discretionary": steps == ("finance",), "major": amount >= 500_000,
                    "over_budget": "gm" in steps and amount < 500_000, "submitted_at": submitted,
                    "returned_reason": "缺少发票" if status == "returned" else "",
                    "signed_by_id": signer if status in ("paid", "signed") else None,
                    "signed_at": submitted + timedelta(days=2) if status in ("paid", "signed") else None,
                    "paid_at": submitted + timedelta(days=3) if status == "paid" else None,
                    "created_at": submitted, "updated_at": submitted})
                plans.append((steps, status, stop, submitted, amount, spent))
            ids = list(conn.execute(insert(claims_t).returning(claims_t.c.id, sort_by_parameter_order=True),
                                    rows).scalars())
            step_rows, pay_rows = [], []
            for cid, (steps, status, stop, submitted, amount, spent) in zip(ids, plans, strict=True):
                refused_at = rng.randrange(len(steps)) if status == "returned" else None
                for pos, kind in enumerate(steps, start=1):
                    done = status in ("paid", "signed") or (stop is not None and pos - 1 < stop) or (
                        refused_at is not None and pos - 1 <= refused_at)
                    st = "pending"
                    if done:
                        st = "refused" if refused_at is not None and pos - 1 == refused_at else "approved"
                    elif refused_at is not None:
                        st = "skipped"
                    step_rows.append({"claim_id": cid, "round": 1, "position": pos, "kind": kind, "status": st,
                                      "actor_id": rng.choice(actor[kind]) if done else None,
                                      "decided_at": submitted + timedelta(hours=pos) if done else None,
                                      "comment": "同意" if st == "approved" else "缺少发票" if st == "refused" else ""})
                if status == "paid":
                    pay_rows.append({"claim_id": cid, "method": "transfer", "reference": f"NY{cid:08d}",
                                     "amount": amount, "paid_on": spent + timedelta(days=3),
                                     "paid_by_id": rng.choice(cashier), "paid_at": submitted + timedelta(days=3)})
            conn.execute(insert(ExpenseClaimStep.__table__), step_rows)
            conn.execute(insert(ExpensePayment.__table__), pay_rows)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claims", type=int, default=100_000)
    add_database_options(ap)
    ap.add_argument("--no-xlsx", action="store_true", help="skip the ledger export")
    args = ap.parse_args()

    with bench_database(args) as db:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        people: dict[str, list[int]] = {}
        actors = {}
        for role, count in STAFF:
            for i in range(count):
                name = f"{role}{i + 1}"
                people.setdefault(role, []).append(users.add_user(db.uow(admin), name, PASSWORD, [role]))
                if i == 0:
                    actors[role] = auth.login(db.uow(), name, PASSWORD)
        mgr, fin, gm = actors["sales_manager"], actors["finance"], actors["gm"]
        lines = [(m, c.value, d, 60_000 * 100) for m in range(1, 13) for c in Category for d in DEPTS]
        bid = budgets.prepare_budget(db.uow(mgr), YEAR, lines)
        budgets.submit_budget(db.uow(mgr), bid)
        budgets.check_budget(db.uow(fin), bid, True)
        budgets.approve_budget(db.uow(gm), bid, True)
        secs = seed_claims(db, args.claims, people)
        backend = "PostgreSQL" if args.pg else "SQLite"
        print(f"{backend}: {sum(c for _r, c in STAFF)} staff, {args.claims:,} claims (with steps and payments) "
              f"bulk-inserted in {secs:.1f} s")
        if args.pg:
            with db.engine.begin() as c:
                c.execute(text("ANALYZE"))

        rows = []
        rep, sup = actors["sales_rep"], actors["sales_supervisor"]
        first, med, page = ms(lambda: expense_queries.claim_page(db.uow(mgr)))
        rows.append(("first page (manager: all claims, newest first)", first, med, len(page.rows)))
        first, med, page2 = ms(lambda: expense_queries.claim_page(db.uow(mgr), after_id=page.next_after))
        rows.append(("next page (keyset)", first, med, len(page2.rows)))
        first, med, p = ms(lambda: expense_queries.claim_page(db.uow(rep)))
        rows.append(("first page (rep: own claims only)", first, med, len(p.rows)))
        for label, flt in (("status: in approval", ClaimFilter(status="in_route")),
                           ("waiting at finance", ClaimFilter(current_step="finance")),
                           ("one month", ClaimFilter(year=YEAR, month=6)),
                           ("category + department", ClaimFilter(category="business", department="销售二部")),
                           ("returned (rare)", ClaimFilter(status="returned", category="other"))):
            first, med, p = ms(lambda f=flt: expense_queries.claim_page(db.uow(mgr), f), 3)
            rows.append((f"first page, {label}", first, med, len(p.rows)))
        first, med, w = ms(lambda: expense_waiting.waiting_for_me(db.uow(sup)), 3)
        rows.append(("waiting for me (supervisor)", first, med, len(w)))
        first, med, w = ms(lambda: expense_waiting.waiting_for_me(db.uow(fin)), 3)
        rows.append(("waiting for me (finance)", first, med, len(w)))
        first, med, _p = ms(lambda: expense_queries.preview_route(db.uow(rep), "business", 120_000,
                                                                  date(YEAR, 6, 15)))
        rows.append(("form: budget left and route preview", first, med, 1))
        first, med, _a = ms(lambda: expense_analysis.monthly_analysis(db.uow(mgr), YEAR, 6), 3)
        rows.append(("monthly analysis (category, department, person)", first, med, 1))
        first, med, _c = ms(lambda: expense_queries.count_claims(db.uow(mgr)), 3)
        rows.append(("count and total of all claims", first, med, 1))
        print(f"\n{'query':52} {'first ms':>9} {'median ms':>10} {'rows':>5}")
        for label, first, med, n in rows:
            print(f"{label:52} {first:9.1f} {med:10.1f} {n:5d}")

        from sales_desk.reports.expenses.annual_report import render_expense_report

        out = Path(tempfile.mkdtemp())
        times = []
        for i, lang in enumerate(("zh_CN", "en", "zh_CN", "en", "zh_CN")):
            t0 = time.perf_counter()
            report = expense_analysis.annual_report(db.uow(gm), YEAR)
            t1 = time.perf_counter()
            render_expense_report(report, out / f"report{i}.pdf", lang)
            t2 = time.perf_counter()
            times.append(((t2 - t0) * 1000, (t1 - t0) * 1000, (t2 - t1) * 1000))
        total, data, pdf = zip(*times, strict=True)
        print(f"\nannual report PDF: first {total[0]:.0f} ms (data {data[0]:.0f} + PDF {pdf[0]:.0f}, registers the "
              f"font), then median {statistics.median(total[1:]):.0f} ms (data {statistics.median(data[1:]):.0f} "
              f"+ PDF {statistics.median(pdf[1:]):.0f}); paid total {report.paid_total / 100:,.2f}")

        if not args.no_xlsx:
            from sales_desk.reports.expenses.ledger_xlsx import write_expense_ledger

            t0 = time.perf_counter()
            n = expense_ledger.export_expense_ledger(
                db.uow(fin), YEAR, lambda r, it: write_expense_ledger(out / "ledger.xlsx", r, it))
            print(f"ledger export: {n:,} claims in {time.perf_counter() - t0:.1f} s "
                  f"({(out / 'ledger.xlsx').stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
