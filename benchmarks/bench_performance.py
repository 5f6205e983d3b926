"""Performance evaluation and commission at scale (issue 19): 100,000 customers, 1,000,000
order lines, 200 reps; the month's evaluation (every criterion for every rep) and commission
(receipts, reversals, write-offs, liability) worked out — goal < 2 s together.

    python benchmarks/bench_performance.py [--customers 100000] [--lines 1000000] [--reps 200]

The orders, shipments, movements and invoices come from bench_orders.seed; here the reps are
200 users, last month's invoices are paid by receipts allocated to them, and a weighting and
a commission scheme are approved. Timed: compute only (reads), then the services that write.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import add_database_options, bench_database  # noqa: E402
from bench_orders import PASSWORD, seed  # noqa: E402

from sales_desk import clock  # noqa: E402
from sales_desk.domain.performance.commission import Tier  # noqa: E402
from sales_desk.domain.performance.criteria import default_weights  # noqa: E402
from sales_desk.models import Receipt, Receivable, ReceivableAllocation, User, UserRole  # noqa: E402
from sales_desk.services.admin import auth, users  # noqa: E402
from sales_desk.services.performance import commission, evaluations, schemes  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=200)
    add_database_options(ap)
    args = ap.parse_args()
    with bench_database(args, "sd-bench-perf-") as db:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        actors = {}
        for name, role in (("mgr", "sales_manager"), ("gm", "gm"), ("wh", "warehouse"), ("fin", "finance")):
            users.add_user(db.uow(admin), name, PASSWORD, [role])
            actors[name] = auth.login(db.uow(), name, PASSWORD)
        with db.engine.begin() as c:
            base = c.execute(select(User.id).order_by(User.id.desc()).limit(1)).scalar_one() + 1
            now = clock.now()
            c.execute(insert(User.__table__), [dict(id=base + i, username=f"rep{i:03d}", full_name=f"业务员{i:03d}",
                                                    password_hash="-", active=True, created_at=now)
                                               for i in range(args.reps)])
            c.execute(insert(UserRole.__table__), [dict(user_id=base + i, role="sales_rep") for i in range(args.reps)])
        reps = [base + i for i in range(args.reps)]
        staff = {k: a.user_id for k, a in actors.items()}
        t0 = time.perf_counter()
        counts = seed(db, args.customers, args.lines, reps, staff)
        today = clock.today()
        month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        end = today.replace(day=1) - timedelta(days=1)
        rng = random.Random(19)
        with db.engine.begin() as c:  # last month's money: receipts on invoices, a few reversed later
            open_docs = c.execute(select(Receivable.id, Receivable.customer_id, Receivable.open_amount).where(
                Receivable.open_amount > 0, Receivable.doc_date < month)).all()
            rc, al = [], []
            for n, (rid, cid, amount) in enumerate(rng.sample(open_docs, min(len(open_docs), 15_000)), start=1):
                day = month + timedelta(days=rng.randint(0, (end - month).days))
                rc.append(dict(id=n, number=f"RC-{n:07d}", customer_id=cid, received_on=day, amount=amount,
                               method="transfer", reference="", note="", by_hand=False,
                               recorded_by_id=staff["fin"], recorded_at=now, reversal_reason=""))
                al.append(dict(receivable_id=rid, amount=amount, applied_on=day, source="receipt", receipt_id=n,
                               created_at=now))
                if n % 100 == 0:  # a bounced cheque in the same month
                    al.append(dict(receivable_id=rid, amount=-amount, applied_on=min(end, day + timedelta(days=2)),
                                   source="receipt", receipt_id=n, created_at=now))
            c.execute(insert(Receipt.__table__), rc)
            c.execute(insert(ReceivableAllocation.__table__), al)
            c.execute(text("ANALYZE"))
        print(f"seeded in {time.perf_counter() - t0:.1f} s: {counts}, {len(rc):,} receipts")
        mgr, gm, fin = actors["mgr"], actors["gm"], actors["fin"]
        wid = schemes.propose_weighting(db.uow(mgr), default_weights(), date(2000, 1, 1))
        schemes.decide_weighting(db.uow(gm), wid, True)
        sid = schemes.propose_scheme(db.uow(mgr), "方案", [Tier(0, 150), Tier(10_000_000, 300), Tier(30_000_000, 500)],
                                     date(2000, 1, 1), True)
        schemes.decide_scheme(db.uow(gm), sid, True)
        for round_ in range(3):
            t0 = time.perf_counter()
            n = evaluations.evaluate(db.uow(mgr), month.year, month.month)
            t1 = time.perf_counter()
            total = commission.run_commission(db.uow(fin), month)
            t2 = time.perf_counter()
            print(f"round {round_ + 1}: evaluation of {n} reps {t1 - t0:.2f} s, commission {t2 - t1:.2f} s "
                  f"(total {total / 100:,.2f}), together {t2 - t0:.2f} s (goal < 2 s)")


if __name__ == "__main__":
    main()
