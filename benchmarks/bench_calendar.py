"""A rep's calendar week at scale: 100,000 customers and 3,000,000 activities over two years
for 60 reps (≈ 50,000 each, ≈ 480 a week) — the Activities tab's week view (issue 18).

    python benchmarks/bench_calendar.py [--customers 100000] [--activities 3000000] [--pg URL] [--keep DIR]

Target: a rep's calendar week in under 50 ms (the service call: permission check, one range
scan of (rep, planned day), the customer names joined). Timed on demand, not in CI.

Measured (SQLite, 2 shared cores, 2026-12-06): a week of 488 activities, first 32.9 ms,
median 12.1 ms; the due list (500 rows, capped) median ≈ 155 ms. Seeding 3M rows took 22 min
on the shared machine (Core dict inserts; raw executemany would be several times faster).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_common import add_database_options, bench_database, ms  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from sales_desk.models import Activity, Customer  # noqa: E402
from sales_desk.services.activities import activities  # noqa: E402
from sales_desk.services.admin import auth, users  # noqa: E402

REPS = 60
START = date(2025, 1, 1)
DAYS = 730
KINDS = ("call", "visit", "reception", "proposal", "demonstration")


def seed(db, n_customers: int, n_activities: int) -> list:  # noqa: ANN001
    admin = auth.create_first_admin(db.uow(), "admin", "correct horse battery", "管理员")
    for i in range(REPS):
        users.add_user(db.uow(admin), f"rep{i:02d}", "correct horse battery", ["sales_rep"])
    rep = auth.login(db.uow(), "rep07", "correct horse battery")
    rng = random.Random(18)
    with db.engine.begin() as conn:
        rep_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM users WHERE username LIKE 'rep%' ORDER BY id")]
        t0 = time.perf_counter()
        batch = 20_000
        for start in range(0, n_customers, batch):
            conn.execute(insert(Customer), [
                {"code": f"C{i:07d}", "name": f"客户{i}", "rep_id": rep_ids[i % REPS], "region": "east",
                 "file_updated_on": date(2026, 1, 1)}
                for i in range(start, min(start + batch, n_customers))])
        print(f"customers: {n_customers:,} in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        batch = 100_000
        for start in range(0, n_activities, batch):
            rows = []
            for i in range(start, min(start + batch, n_activities)):
                cust = rng.randrange(n_customers)
                day = START + timedelta(days=rng.randrange(DAYS))
                done = day < date(2026, 12, 1) and rng.random() < 0.9
                rows.append({"kind": KINDS[i % 5], "status": "done" if done else "planned",
                             "rep_id": rep_ids[cust % REPS], "subject": f"活动 {i}", "customer_id": cust + 1,
                             "planned_on": day, "planned_minute": 8 * 60 + 30 * rng.randrange(20),
                             "done_on": day if done else None, "created_by_id": rep_ids[cust % REPS]})
            conn.execute(insert(Activity), rows)
        print(f"activities: {n_activities:,} in {time.perf_counter() - t0:.1f} s")
    with db.uow() as uow:
        uow.analyze()
        uow.commit()
    return [rep]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--activities", type=int, default=3_000_000)
    add_database_options(ap)
    args = ap.parse_args()
    with bench_database(args, "sd-bench-calendar-") as db:
        (rep,) = seed(db, args.customers, args.activities)
        monday = date(2026, 3, 9)
        first, median, rows = ms(lambda: activities.calendar(db.uow(rep), None, monday, monday + timedelta(days=6)),
                                 repeat=20)
        print(f"a rep's calendar week ({len(rows)} activities): first {first:.1f} ms, median {median:.1f} ms "
              f"(goal < 50 ms)")
        first, median, rows = ms(lambda: activities.due_list(db.uow(rep)), repeat=10)
        print(f"the rep's due list ({len(rows)} rows, capped): first {first:.1f} ms, median {median:.1f} ms")


if __name__ == "__main__":
    main()
