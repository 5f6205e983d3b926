"""Complaint analysis at scale (issue 19): 100,000 customers and 200,000 complaints and
service cases over two years; the analysis of one year (by cause, product, severity,
month, the top customers, time to close) should take < 300 ms.

    python benchmarks/bench_complaints.py [--customers 100000] [--cases 200000] [--pg URL]

Rows are bulk-inserted with Core; the analysis runs as the customer-service manager.
Timed on demand, not in CI.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta

from bench_common import add_database_options, bench_database, ms
from sqlalchemy import insert, text

from sales_desk import clock
from sales_desk.models import Customer, Product, ServiceCase
from sales_desk.services.admin import auth, users
from sales_desk.services.care import complaint_analysis

PASSWORD = "benchmark passphrase 2026"
CAUSES = ("quality", "delivery", "service", "price", "billing", "other")
SEVERITIES = (("minor", 7), ("major", 3), ("critical", 1))
CHUNK = 20_000


def fill(db, n_customers: int, n_cases: int, reps: list[int], handler: int) -> None:  # noqa: ANN001
    rng = random.Random(19)
    now = clock.now()
    today = now.astimezone().date()
    with db.engine.begin() as conn:
        conn.execute(insert(Product.__table__), [dict(
            id=i, code=f"P{i:04d}", name=f"产品{i:02d}", search_text="", spec="", unit="台", list_price=10_000,
            floor_price=9_000, ceiling_price=12_000, active=True, created_at=now, updated_at=now)
            for i in range(1, 41)])
        for start in range(1, n_customers + 1, CHUNK):
            conn.execute(insert(Customer.__table__), [dict(
                id=i, code=f"C{i:07d}", name=f"客户{i}", short_name="", search_text=f"c{i:07d}", region="east",
                industry="", nature="", customer_type="", annual_sales=0, value_grade="C", key_account=False,
                credit_hold=False, credit_limit=0, payment_term_days=30, payment_mode="credit",
                rep_id=reps[i % len(reps)], file_updated_on=today, review_status="reviewed",
                created_at=now, updated_at=now) for i in range(start, min(start + CHUNK, n_customers + 1))])
        for start in range(1, n_cases + 1, CHUNK):
            rows = []
            for i in range(start, min(start + CHUNK, n_cases + 1)):
                received = today - timedelta(days=rng.randrange(730))
                severity, days = rng.choice(SEVERITIES)
                due = received + timedelta(days=days)
                closed = received + timedelta(days=rng.randrange(0, 12)) if rng.random() < 0.9 else None
                if closed is not None and closed > today:
                    closed = None
                cid = rng.randint(1, n_customers)
                rows.append(dict(
                    id=i, number=f"TS{received.year}-{i:07d}", kind="complaint" if rng.random() < 0.8 else "service",
                    customer_id=cid, rep_id=reps[cid % len(reps)], received_on=received, cause=rng.choice(CAUSES),
                    product_id=rng.randint(1, 40) if rng.random() < 0.8 else None, severity=severity,
                    subject="质量问题", detail="", contact_person="", handler_id=handler, due_on=due,
                    repeat_of_id=i - 1 if i > 1 and rng.random() < 0.05 else None,
                    status="closed" if closed else "open", resolution="", confirmed_by="张三" if closed else "",
                    confirmed_on=closed, closed_on=closed, days_to_close=(closed - received).days if closed else None,
                    closed_by_id=handler if closed else None, recorded_by_id=handler, recorded_at=now))
            conn.execute(insert(ServiceCase.__table__), rows)
        conn.execute(text("ANALYZE"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--cases", type=int, default=200_000)
    add_database_options(ap)
    args = ap.parse_args()
    with bench_database(args) as db:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        ids = {}
        for name, role in (("rep", "sales_rep"), ("rep2", "sales_rep"), ("csm", "cs_manager"), ("cs", "cs_specialist")):
            ids[name] = users.add_user(db.uow(admin), name, PASSWORD, [role])
        csm = auth.login(db.uow(), "csm", PASSWORD)
        fill(db, args.customers, args.cases, [ids["rep"], ids["rep2"]], ids["cs"])
        today = clock.today()
        start, end = date(today.year - 1, today.month, 1), today
        for label, kind in (("complaints", "complaint"), ("all cases", None)):
            first, median, got = ms(lambda k=kind: complaint_analysis.complaint_analysis(db.uow(csm), start, end, k))
            print(f"analysis of a year ({label}, {got.total.count:,} of {args.cases:,} cases, "
                  f"{args.customers:,} customers): first {first:.0f} ms, median {median:.0f} ms")


if __name__ == "__main__":
    main()
