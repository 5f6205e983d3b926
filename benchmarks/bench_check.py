"""`sales-desk check` on a long trail: the chain, the signatures and the tables compared.

    python benchmarks/bench_check.py [--rows 200000] [--customers 20000] [--pg URL]

Writes `--rows` signed audit rows (as an importer does, in bulk, by 5 users in turn) and
`--customers` customers created through the trail, then times the whole check and its
parts. Timed on demand, not in CI.
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from bench_common import add_database_options, bench_database

from sales_desk.services.admin import auth, integrity, users
from sales_desk.services.admin.audit import verify_chain_in
from sales_desk.services.admin.reconcile import table_differences, unsigned_audit_rows

PASSWORD = "benchmark passphrase 2026"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--customers", type=int, default=20_000)
    add_database_options(ap)
    args = ap.parse_args()
    with bench_database(args) as db:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        names = [f"clerk{i}" for i in range(5)]
        for name in names:
            users.add_user(db.uow(admin), name, PASSWORD, ["sales_rep"])
        clerks = [auth.login(db.uow(), n, PASSWORD) for n in names]
        _fill(db, clerks, args.rows, args.customers)
        parts = {"chain": verify_chain_in, "signatures": unsigned_audit_rows, "tables": table_differences}
        print(f"{db.engine.dialect.name}: {args.rows:,} rows, {args.customers:,} customers")
        for name, part in parts.items():
            t0 = time.perf_counter()
            with db.uow(admin) as uow:
                part(uow)
            print(f"  {name:12} {time.perf_counter() - t0:7.2f} s")
        t0 = time.perf_counter()
        report = integrity.check_database(db.uow(admin), db.known_anchors())
        print(f"  {'whole check':12} {time.perf_counter() - t0:7.2f} s ({'ok' if report.ok else 'NOT ok'})")


def _fill(db, clerks, rows: int, customers: int) -> None:  # noqa: ANN001
    from sqlalchemy import insert

    from sales_desk.models import Customer

    t0 = time.perf_counter()
    batch = 10_000
    for start in range(0, rows, batch):
        clerk = clerks[(start // batch) % len(clerks)]
        with db.uow(clerk) as uow:
            uow.audit_many(("bench.note", "note", i, None, {"n": i}) for i in range(start, min(rows, start + batch)))
            uow.commit()
    with db.uow(clerks[0]) as uow:
        ids = uow.session.execute(insert(Customer.__table__).returning(Customer.__table__.c.id), [
            {"code": f"B{i:06d}", "name": f"Bench {i}", "search_text": f"b{i}", "rep_id": clerks[0].user_id,
             "file_updated_on": date(2026, 1, 1), "review_status": "pending",
             "created_at": uow.clock(), "updated_at": uow.clock()} for i in range(customers)]).scalars().all()
        uow.audit_many(("customer.create", "customer", cid, None, {"code": f"B{i:06d}"}) for i, cid in enumerate(ids))
        uow.commit()
    print(f"filled in {time.perf_counter() - t0:.1f} s (signing every row)")


if __name__ == "__main__":
    main()
