"""Collections at scale: 100,000 customers and 1,000,000 open items.

    python benchmarks/bench_collections.py [--customers 100000] [--items 1000000] [--pg URL] [--keep DIR]

Measured side by side in the same run (issue 5; timed on demand, not in CI):
- the full aging report through the service (permission re-check, settings, the one
  GROUP BY joined to the customers, the rows as dataclasses, the totals) against a
  single hand-written SQL GROUP BY over the same file — target ≤ 1.3×; and the same as of
  30 days ago (allocations dated after it added back);
- a customer ledger of 100,000 lines exported to Excel — target < 4 s — with the peak
  Python memory (tracemalloc) at 10,000 and at 100,000 lines, to show it does not grow;
- a batch of 1,000 dunning notices into one PDF — target < 5 s — (the letters' data
  read through the service, timed apart).

The data is bulk-inserted with SQLAlchemy Core executemany, as the services would have
left it: open amounts = amount − allocations, receipts with their allocations.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text

from sales_desk import clock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sales_desk.config import AppConfig  # noqa: E402
from sales_desk.db.database import open_database  # noqa: E402
from sales_desk.domain.collections.aging import Buckets  # noqa: E402
from sales_desk.domain.customers.files import name_keys  # noqa: E402
from sales_desk.models import Customer, DunningStep, Receipt, Receivable, ReceivableAllocation  # noqa: E402
from sales_desk.services.admin import auth, users
from sales_desk.services.collections import (
    aging,  # noqa: E402
    letter_data,
)

PASSWORD = "correct horse battery"
BATCH = 20_000
LEDGER_CUSTOMER, SMALL_LEDGER_CUSTOMER = 1, 2
CITIES = ("上海", "北京", "广州", "深圳", "苏州", "杭州", "南京", "武汉", "成都", "重庆", "西安", "天津")
BRANDS = ("宏达", "华通", "鑫源", "恒泰", "金鼎", "瑞丰", "永盛", "天成", "中联", "德润", "海纳", "广源")
TRADES = ("机电设备", "电子科技", "精细化工", "新型建材", "食品饮料", "纺织服装", "生物医药", "供应链管理")


class Writer:
    """Buffers rows per table and inserts them with Core executemany in batches."""

    def __init__(self, conn):  # noqa: ANN001
        self.conn, self.buffers, self.counts = conn, {}, {}

    def add(self, table, row: dict) -> None:  # noqa: ANN001
        buf = self.buffers.setdefault(table, [])
        buf.append(row)
        if len(buf) >= BATCH:
            self.flush()

    def flush(self) -> None:
        for t in list(self.buffers):
            rows = self.buffers.get(t)
            if rows:
                self.conn.execute(insert(t), rows)
                self.counts[t.name] = self.counts.get(t.name, 0) + len(rows)
                self.buffers[t] = []


def seed(db, n_customers: int, n_items: int, reps: list[int], fin: int) -> dict[str, int]:  # noqa: ANN001
    rng = random.Random(5)
    now = clock.now()
    today = now.astimezone().date()
    with db.engine.begin() as conn:
        w = Writer(conn)
        for i in range(1, n_customers + 1):
            code = f"C{i:07d}"
            name = f"{rng.choice(CITIES)}{rng.choice(BRANDS)}{rng.choice(TRADES)}有限公司"
            w.add(Customer.__table__, dict(
                id=i, code=code, name=name, short_name="", **name_keys(code, name),
                region=rng.choice(("east", "south", "north", "central")), industry="manufacturing",
                nature="private", customer_type="distributor", annual_sales=0, value_grade="C", key_account=False,
                credit_grade=rng.choice("ABCD"), credit_hold=False, credit_limit=100_000_00, payment_term_days=45,
                payment_mode="credit", rep_id=reps[i % len(reps)], file_updated_on=today,
                review_status="reviewed", created_at=now, updated_at=now, address="上海市浦东新区世纪大道100号"))
        w.flush()
        rid = receipt_id = alloc_id = 0
        # the ledger customers first: 100,000 and 10,000 lines (documents and receipts)
        plan = [(LEDGER_CUSTOMER, 100_000), (SMALL_LEDGER_CUSTOMER, 10_000)]
        left = n_items - sum(n for _c, n in plan)
        for cid, n in plan:
            for k in range(n):
                rid += 1
                day = today - timedelta(days=400 - k * 400 // n)
                amount = rng.randint(100, 50_000) * 100
                w.add(Receivable.__table__, dict(
                    id=rid, doc_no=f"OB-L{rid:08d}", kind="opening", customer_id=cid, rep_id=reps[0],
                    doc_date=day, due_date=day + timedelta(days=30), amount=amount, open_amount=amount,
                    settled_on=None, description=f"SO{day.year}-{rid:07d}", created_by_id=fin, created_at=now))
        for _ in range(left):
            rid += 1
            cid = rng.randint(3, n_customers)
            day = today - timedelta(days=rng.randint(0, 400))
            amount = rng.randint(100, 50_000) * 100
            paid = 0
            if rng.random() < 0.2:  # a part paid within the last 60 days: the as-of aging adds it back
                paid = amount // rng.choice((2, 3, 4))
                on = max(day, today - timedelta(days=rng.randint(0, 60)))
                receipt_id += 1
                alloc_id += 1
                w.add(Receipt.__table__, dict(
                    id=receipt_id, number=f"RC{on.year}-{receipt_id:07d}", customer_id=cid, received_on=on,
                    amount=paid, method="transfer", reference="", note="", by_hand=False, recorded_by_id=fin,
                    recorded_at=now))
            w.add(Receivable.__table__, dict(
                id=rid, doc_no=f"INV{day.year}-{rid:08d}", kind="invoice", customer_id=cid,
                rep_id=reps[cid % len(reps)], doc_date=day, due_date=day + timedelta(days=rng.choice((30, 45, 60))),
                amount=amount, open_amount=amount - paid, settled_on=None, description="", created_by_id=fin,
                created_at=now))
            if paid:
                w.add(ReceivableAllocation.__table__, dict(
                    id=alloc_id, receivable_id=rid, amount=paid, applied_on=on, source="receipt",
                    receipt_id=receipt_id, created_by_id=fin, created_at=now))
        w.flush()
        # 1,000 customers at the dunning notice, for the batch of letters
        for k in range(1_000):
            cid = 3 + k
            w.add(DunningStep.__table__, dict(
                customer_id=cid, cycle=1, step="dunning", taken_on=today - timedelta(days=20), by_id=fin,
                rep_id=reps[0], sent_via="fax", letter_ref=f"DL{today.year}-{k + 1:05d}",
                deadline=today - timedelta(days=5), overdue_amount=0, open_amount=0, note="", recorded_at=now))
        w.flush()
        if db.engine.dialect.name == "postgresql":
            for table in ("customers", "receivables", "receipts", "receivable_allocations", "dunning_steps"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                                  f"(SELECT max(id) FROM {table}))"))
    return w.counts


def hand_written(db, as_of, buckets: Buckets) -> list:  # noqa: ANN001
    """The reference: one GROUP BY over the covering index, no join, no objects."""
    cut = [c.isoformat() for c in buckets.cutoffs(as_of)]
    ph = ":" if db.engine.dialect.name == "sqlite" else ""
    cases = [f"SUM(CASE WHEN open_amount > 0 AND due_date >= '{cut[0]}' THEN open_amount ELSE 0 END)"]
    for i in range(1, len(cut)):
        cases.append(f"SUM(CASE WHEN open_amount > 0 AND due_date < '{cut[i - 1]}' AND due_date >= '{cut[i]}' "
                     f"THEN open_amount ELSE 0 END)")
    cases.append(f"SUM(CASE WHEN open_amount > 0 AND due_date < '{cut[-1]}' THEN open_amount ELSE 0 END)")
    cases.append("SUM(CASE WHEN open_amount < 0 THEN open_amount ELSE 0 END)")
    sql = (f"SELECT customer_id, {', '.join(cases)}, SUM(open_amount) FROM receivables "  # noqa: S608
           f"WHERE open_amount <> 0 GROUP BY customer_id")
    del ph
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute(sql)
        return cur.fetchall()
    finally:
        raw.close()


def timed(fn, repeat: int = 5) -> tuple[float, object]:  # noqa: ANN001
    times, out = [], None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--items", type=int, default=1_000_000)
    ap.add_argument("--pg", help="a PostgreSQL URL allowed to CREATE DATABASE (default: SQLite)")
    ap.add_argument("--keep", help="data folder to use and keep (default: a temporary one)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--reuse", action="store_true", help="measure again on the data of --keep (no seeding)")
    args = ap.parse_args()

    data_dir = Path(args.keep or tempfile.mkdtemp(prefix="sd-bench-collections-"))
    data_dir.mkdir(parents=True, exist_ok=True)  # the exports go here on PostgreSQL too
    pg_name = None
    if args.pg:
        from sqlalchemy.engine import make_url

        pg_name = f"sd_bench_{uuid.uuid4().hex[:8]}"
        admin_engine = create_engine(args.pg, isolation_level="AUTOCOMMIT")
        with admin_engine.connect() as c:
            c.execute(text(f'CREATE DATABASE "{pg_name}"'))
        config = AppConfig(data_dir=data_dir,
                           db_url=make_url(args.pg).set(database=pg_name).render_as_string(hide_password=False))
    else:
        config = AppConfig(data_dir=data_dir)
    db = open_database(config, auto_backup=False)
    backend = "PostgreSQL" if args.pg else "SQLite"
    try:
        if args.reuse:
            fin = auth.login(db.uow(), "fin", PASSWORD)
            print(f"{backend}: measuring again on {data_dir}")
        else:
            admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
            actors = {}
            for name, role in (("fin", "finance"), ("rep", "sales_rep"), ("rep2", "sales_rep")):
                users.add_user(db.uow(admin), name, PASSWORD, [role])
                actors[name] = auth.login(db.uow(), name, PASSWORD)
            fin = actors["fin"]
            t0 = time.perf_counter()
            counts = seed(db, args.customers, args.items, [actors["rep"].user_id, actors["rep2"].user_id],
                          fin.user_id)
            print(f"{backend}: bulk-inserted (Core executemany) in {time.perf_counter() - t0:.1f} s: "
                  + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
            with db.engine.begin() as c:
                c.execute(text("ANALYZE"))

        today = clock.now().astimezone().date()
        buckets = Buckets()
        print("\nAging, median of", args.repeat, "runs each, alternating:")
        for label, as_of in (("today", None), ("as of 30 days ago", today - timedelta(days=30))):
            hand_times, svc_times = [], []
            for _ in range(args.repeat):
                h, ref = timed(lambda d=as_of or today: hand_written(db, d, buckets), 1)
                s, report = timed(lambda d=as_of: aging.aging_report(db.uow(fin), as_of=d), 1)
                hand_times.append(h)
                svc_times.append(s)
            h, s = statistics.median(hand_times), statistics.median(svc_times)
            note = "" if as_of is None else " (the hand-written query ignores the allocations after it)"
            print(f"  {label:<18} hand-written GROUP BY {h:6.3f} s ({len(ref):,} rows)   service aging_report "
                  f"{s:6.3f} s ({len(report.rows):,} customers, total {report.total:,})   ratio {s / h:4.2f}×{note}")
            if as_of is None:
                assert sum(r[-1] for r in ref) == report.total, "the two agree"

        from sales_desk.reports.collections.ledger_xlsx import export_ledger_xlsx

        print("\nLedger export to Excel:")
        out = data_dir / "ledger.xlsx"
        secs, rows = timed(lambda: export_ledger_xlsx(db.uow(fin), LEDGER_CUSTOMER, out), 3)
        print(f"  {rows:,} lines in {secs:.2f} s (median of 3), {out.stat().st_size / 1e6:.1f} MB")
        for cid in (SMALL_LEDGER_CUSTOMER, LEDGER_CUSTOMER):
            gc.collect()
            tracemalloc.start()
            n = export_ledger_xlsx(db.uow(fin), cid, data_dir / f"ledger-{cid}.xlsx")
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"  peak Python memory at {n:,} lines: {peak / 1e6:.1f} MB (tracemalloc)")

        from sales_desk.reports.collections.letters import render_letters

        print("\nDunning notices:")
        t0 = time.perf_counter()
        letters = letter_data.letters_at(db.uow(fin), "dunning")
        print(f"  the letters' data for {len(letters):,} customers through the service: "
              f"{time.perf_counter() - t0:.2f} s")
        pdf = data_dir / "notices.pdf"
        secs, _ = timed(lambda: render_letters(letters, pdf, "zh_CN"), 3)
        print(f"  {len(letters):,} notices into one PDF (zh_CN): {secs:.2f} s (median of 3), "
              f"{pdf.stat().st_size / 1e6:.1f} MB")
        secs, _ = timed(lambda: render_letters(letters, pdf, "en"), 1)
        print(f"  {len(letters):,} notices into one PDF (en): {secs:.2f} s")
    finally:
        db.close()
        if pg_name:
            with admin_engine.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
