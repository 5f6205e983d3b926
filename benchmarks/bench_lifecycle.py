"""Customer lifecycle and value at scale: 100,000 customers and 1,000,000 order lines — the
stage, value grade and churn risk of every customer (services/relationship/lifecycle.py).

    python benchmarks/bench_lifecycle.py [--customers 100000] [--lines 1000000] [--pg URL] [--keep DIR]

Aim (issue 19): the whole analysis well under 1 s. Data from bench_orders' generator (Core
bulk inserts), with an approved price list costing half the products.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_common import add_database_options, bench_database, ms  # noqa: E402
from bench_orders import seed  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

from sales_desk.models import PriceList, PriceListLine  # noqa: E402
from sales_desk.services.admin import auth, users  # noqa: E402
from sales_desk.services.relationship import lifecycle  # noqa: E402

PASSWORD = "correct horse battery"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--lines", type=int, default=1_000_000)
    add_database_options(ap)
    args = ap.parse_args()
    backend = "PostgreSQL" if args.pg else "SQLite"
    with bench_database(args, "sd-bench-lifecycle-") as db:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        actors = {}
        for name, role in (("rep", "sales_rep"), ("rep2", "sales_rep"), ("mgr", "sales_manager"),
                           ("wh", "warehouse"), ("fin", "finance")):
            users.add_user(db.uow(admin), name, PASSWORD, [role])
            actors[name] = auth.login(db.uow(), name, PASSWORD)
        staff = {k: a.user_id for k, a in actors.items()}
        t0 = time.perf_counter()
        counts = seed(db, args.customers, args.lines, [staff["rep"], staff["rep2"]], staff)
        with db.engine.begin() as c:
            pl = c.execute(insert(PriceList.__table__).values(
                version=1, status="approved", effective_from=date(2020, 1, 1), reason="", proposed_by_id=staff["mgr"],
                cost_note="", review_note="", return_note="").returning(PriceList.__table__.c.id)).scalar_one()
            c.execute(insert(PriceListLine.__table__), [dict(
                price_list_id=pl, product_id=i, list_price=100_000, floor_price=50_000, ceiling_price=200_000,
                unit_cost=1_000 * i) for i in range(1, 41, 2)])
            c.execute(text("ANALYZE"))
        print(f"{backend}: bulk-inserted in {time.perf_counter() - t0:.1f} s: "
              + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
        for who in ("mgr", "rep"):
            first, med, rows = ms(lambda who=who: lifecycle.value_analysis(db.uow(actors[who])), repeat=3)
            print(f"lifecycle + value analysis ({who}, {len(rows):,} customers): first {first:.0f} ms, "
                  f"median {med:.0f} ms")
        first, med, _one = ms(lambda: lifecycle.customer_value(db.uow(actors["mgr"]), 17))
        print(f"one customer's file: first {first:.1f} ms, median {med:.1f} ms")


if __name__ == "__main__":
    main()
