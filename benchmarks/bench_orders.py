"""Orders at scale: 100,000 customers and 1,000,000 order lines — the order form's live
credit position and the dispatch register's first page.

    python benchmarks/bench_orders.py [--customers 100000] [--lines 1000000] [--pg URL] [--keep DIR]

Targets (issue 4): credit position < 100 ms, register first page < 150 ms. Timed on
demand, not in CI. Reads go through the services the UI calls (permission re-check
included); the data is bulk-inserted with SQLAlchemy Core, consistent with what the
services would have written (running figures on the order rows, one shipment, its
movements and its invoice per shipped order).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert, text

from sales_desk import clock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_common import add_database_options, bench_database, ms  # noqa: E402

from sales_desk.domain.common import pinyin_keys  # noqa: E402
from sales_desk.domain.customers.files import name_keys  # noqa: E402
from sales_desk.models import (  # noqa: E402
    Customer,
    Movement,
    OrderLine,
    Product,
    Receivable,
    SalesOrder,
    Shipment,
)
from sales_desk.services.admin import (
    auth,  # noqa: E402
    users,
)
from sales_desk.services.orders import credit_check as order_credit
from sales_desk.services.orders import dispatch_register
from sales_desk.services.orders.dispatch_register import RegisterFilter  # noqa: E402

PASSWORD = "correct horse battery"
BATCH = 20_000
# status of an order, weight
STATUSES = (("shipped", 70), ("partly_shipped", 6), ("approved", 6), ("signed", 4), ("submitted", 2),
            ("draft", 4), ("closed", 4), ("blocked", 1), ("cancelled", 3))
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
            self.flush()  # every table, parents first (the order they were first seen)

    def flush(self) -> None:
        for t in list(self.buffers):
            rows = self.buffers.get(t)
            if rows:
                self.conn.execute(insert(t), rows)
                self.counts[t.name] = self.counts.get(t.name, 0) + len(rows)
                self.buffers[t] = []


def seed(db, n_customers: int, n_lines: int, reps: list[int], staff: dict[str, int]) -> dict[str, int]:  # noqa: ANN001
    rng = random.Random(4)
    now = clock.now()
    today = now.astimezone().date()
    statuses = [s for s, w in STATUSES for _ in range(w)]
    prices = [rng.randrange(80, 5000) * 100 for _ in range(40)]
    with db.engine.begin() as conn:
        w = Writer(conn)
        for i, price in enumerate(prices, start=1):
            w.add(Product.__table__, dict(
                id=i, code=f"P{i:04d}", name=f"产品{i:02d}", search_text=pinyin_keys.search_text([f"P{i:04d}"], [f"产品{i:02d}"]), spec="", unit="台", list_price=price,
                floor_price=price * 9 // 10, ceiling_price=price * 12 // 10, active=True, price_set_by_id=None,
                price_set_at=now, created_at=now, updated_at=now))
        w.flush()
        customer_rep = {}
        for i in range(1, n_customers + 1):
            code = f"C{i:07d}"
            name = f"{rng.choice(CITIES)}{rng.choice(BRANDS)}{rng.choice(TRADES)}有限公司"
            rep = rng.choice(reps)
            customer_rep[i] = rep
            w.add(Customer.__table__, dict(
                id=i, code=code, name=name, short_name="", **name_keys(code, name), region="east",
                industry="manufacturing", nature="private", customer_type="distributor", annual_sales=0,
                value_grade="C", key_account=False, credit_grade="B", credit_hold=False,
                credit_limit=rng.choice((50_000, 80_000, 100_000)) * 100, payment_term_days=45,
                payment_mode="credit", rep_id=rep, file_updated_on=today, review_status="reviewed",
                created_at=now, updated_at=now))
        w.flush()

        order_id = line_id = ship_id = move_id = recv_id = 0
        lines_left = n_lines
        while lines_left > 0:
            order_id += 1
            cid = rng.randint(1, n_customers)
            status = rng.choice(statuses)
            n = min(lines_left, rng.randint(1, 5))
            lines_left -= n
            day = today - timedelta(days=rng.randint(0, 720))
            lines = []
            for no in range(1, n + 1):
                line_id += 1
                pid = rng.randint(1, len(prices))
                qty = rng.randint(1, 40)
                lines.append((line_id, no, pid, qty, prices[pid - 1]))
            total = sum(q * p for _i, _n, _p, q, p in lines)
            shipped = {}
            if status in ("shipped", "closed"):
                shipped = {lid: q for lid, _n, _p, q, _pr in lines}
            elif status == "partly_shipped":
                shipped = {lid: max(1, q // 2) for lid, _n, _p, q, _pr in lines[: max(1, n // 2)]}
            shipped_value = sum(shipped.get(lid, 0) * pr for lid, _n, _p, _q, pr in lines)
            approved = status in ("approved", "partly_shipped", "shipped", "closed")
            w.add(SalesOrder.__table__, dict(
                id=order_id, number=f"SO{day.year}-{order_id:07d}", revision=1, customer_id=cid,
                rep_id=customer_rep[cid], created_by_id=customer_rep[cid], status=status, order_date=day,
                prepayment_percent=0, days_to_pay=45, cash_on_delivery=False, delivery_terms="",
                delivery_address="", delivery_date=None, note="", total=total, shipped_value=shipped_value,
                returned_value=0, prepayment_required=0, prepayment_received=0, prepayment_applied=0,
                needs_price_approval=False, major=False, submitted_at=now, signed_on=day,
                signed_recorded_by_id=None, approved_at=now - timedelta(days=(today - day).days) if approved else None,
                approved_by_id=staff["mgr"] if approved else None, blocked_at=None, blocked_by_id=None,
                block_reason="", block_excess=None, closed_at=None, closed_by_id=None, cancelled_at=None,
                end_reason="", created_at=now, updated_at=now))
            for lid, no, pid, qty, price in lines:
                w.add(OrderLine.__table__, dict(
                    id=lid, order_id=order_id, line_no=no, product_id=pid, quantity=qty, unit_price=price,
                    amount=qty * price, list_price=price, floor_price=price * 9 // 10,
                    ceiling_price=price * 12 // 10, below_floor=False, shipped_qty=shipped.get(lid, 0),
                    returned_qty=0, note=""))
            if not shipped:
                continue
            ship_id += 1
            ship_day = min(today, day + timedelta(days=rng.randint(1, 10)))
            w.add(Shipment.__table__, dict(
                id=ship_id, number=f"DN{ship_day.year}-{ship_id:07d}", order_id=order_id, customer_id=cid,
                ship_date=ship_day, carrier="顺丰速运", tracking_no=f"SF{rng.randint(10**9, 10**10 - 1)}",
                freight=0, insurance=0, value=shipped_value, checked=True, note="", shipped_by_id=staff["wh"],
                shipped_at=now, handed_over_on=ship_day, received_by="王师傅", handover_note="",
                handover_recorded_by_id=staff["wh"], handover_recorded_at=now))
            for lid, _no, pid, _q, price in lines:
                if lid in shipped:
                    move_id += 1
                    w.add(Movement.__table__, dict(
                        id=move_id, kind="out", moved_on=ship_day, shipment_id=ship_id, return_id=None,
                        reverses_id=None, order_id=order_id, order_line_id=lid, customer_id=cid, product_id=pid,
                        quantity=shipped[lid], unit_price=price, amount=shipped[lid] * price, returned_qty=0))
            recv_id += 1
            paid = ship_day < today - timedelta(days=120) and rng.random() < 0.9  # most old ones settled
            w.add(Receivable.__table__, dict(
                id=recv_id, doc_no=f"INV{ship_day.year}-{recv_id:07d}", kind="invoice", customer_id=cid,
                rep_id=customer_rep[cid], doc_date=ship_day, due_date=ship_day + timedelta(days=45),
                amount=shipped_value, open_amount=0 if paid else shipped_value,
                settled_on=ship_day + timedelta(days=40) if paid else None, order_id=order_id,
                shipment_id=ship_id, return_id=None, description="", created_by_id=staff["wh"],
                created_at=now))
        w.flush()
        if db.engine.dialect.name == "postgresql":
            for table in ("products", "customers", "sales_orders", "sales_order_lines", "shipments",
                          "dispatch_movements", "receivables"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                                  f"(SELECT max(id) FROM {table}))"))
    return w.counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--lines", type=int, default=1_000_000)
    add_database_options(ap)
    ap.add_argument("--samples", type=int, default=200, help="customers whose position is timed")
    args = ap.parse_args()

    backend = "PostgreSQL" if args.pg else "SQLite"
    with bench_database(args, "sd-bench-orders-") as db:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        actors = {}
        for name, role in (("rep", "sales_rep"), ("rep2", "sales_rep"), ("mgr", "sales_manager"),
                           ("wh", "warehouse"), ("fin", "finance")):
            users.add_user(db.uow(admin), name, PASSWORD, [role])
            actors[name] = auth.login(db.uow(), name, PASSWORD)
        staff = {k: a.user_id for k, a in actors.items()}
        t0 = time.perf_counter()
        counts = seed(db, args.customers, args.lines, [staff["rep"], staff["rep2"]], staff)
        secs = time.perf_counter() - t0
        print(f"{backend}: bulk-inserted in {secs:.1f} s: " + ", ".join(
            f"{v:,} {k}" for k, v in counts.items()))
        with db.engine.begin() as c:
            c.execute(text("ANALYZE"))

        rows = []
        rng = random.Random(9)
        fin, rep, wh = actors["fin"], actors["rep"], actors["wh"]
        sample = [rng.randint(1, args.customers) for _ in range(args.samples)]
        times = []
        first_call = None
        for cid in sample:
            t0 = time.perf_counter()
            pos = order_credit.order_credit_position(db.uow(fin), cid, total=1_234_500, prepayment_percent=20)
            elapsed = (time.perf_counter() - t0) * 1000
            first_call = elapsed if first_call is None else first_call
            times.append(elapsed)
        times.sort()
        print(f"\norder form credit position over {len(sample)} customers: first {first_call:.1f} ms, "
              f"median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, "
              f"max {times[-1]:.1f} ms (last: open {pos.open_receivables}, unshipped {pos.approved_unshipped})")
        with db.engine.connect() as c:
            busiest = c.execute(text("SELECT customer_id FROM sales_orders GROUP BY customer_id "
                                     "ORDER BY count(*) DESC LIMIT 1")).scalar()
        first, med, pos = ms(lambda: order_credit.order_credit_position(db.uow(fin), busiest, total=100))
        rows.append((f"credit position, busiest customer ({busiest})", first, med, 1))

        flt_day = clock.now().astimezone().date() - timedelta(days=30)
        first, med, page = ms(lambda: dispatch_register.dispatch_register(db.uow(wh)))
        rows.append(("register first page (warehouse, all)", first, med, len(page.rows)))
        first, med, page2 = ms(lambda: dispatch_register.dispatch_register(db.uow(wh), after=page.next_after))
        rows.append(("register next page (keyset)", first, med, len(page2.rows)))
        first, med, p = ms(lambda: dispatch_register.dispatch_register(db.uow(wh), RegisterFilter(customer_id=busiest)))
        rows.append(("register first page, one customer", first, med, len(p.rows)))
        first, med, p = ms(lambda: dispatch_register.dispatch_register(db.uow(wh), RegisterFilter(product_id=7)))
        rows.append(("register first page, one product", first, med, len(p.rows)))
        first, med, p = ms(lambda: dispatch_register.dispatch_register(
            db.uow(wh), RegisterFilter(date_from=flt_day - timedelta(days=60), date_to=flt_day)))
        rows.append(("register first page, a date range", first, med, len(p.rows)))
        first, med, p = ms(lambda: dispatch_register.dispatch_register(db.uow(rep)))
        rows.append(("register first page (rep: own customers)", first, med, len(p.rows)))
        first, med, p = ms(lambda: dispatch_register.dispatch_notices(db.uow(wh)))
        rows.append(("dispatch notices first page", first, med, len(p[0])))

        print(f"\n{'query':52} {'first ms':>9} {'median ms':>10} {'rows':>5}")
        for label, first, med, n in rows:
            print(f"{label:52} {first:9.1f} {med:10.1f} {n:5d}")


if __name__ == "__main__":
    main()
