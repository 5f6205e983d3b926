"""The readable audit trail at 1,000,000 entries: the viewer's first page (200 rows as
sentences, their orders, customers and people named), the next page, and each filter.

    python benchmarks/bench_audit.py [--rows 1000000] [--customers 10000] [--lines 100000] [--pg URL]

Orders and customers come from bench_orders' generator; the audit rows are bulk-inserted
with realistic actions and payloads (their hashes are not a chain: the viewer does not
verify it, `check` does, see bench_check.py). Issue 13 wants the page open in < 300 ms.
Timed on demand, not in CI.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import UTC, datetime, timedelta

from bench_common import add_database_options, bench_database, ms
from bench_orders import seed
from sqlalchemy import insert, text

from sales_desk.models import AuditEntry
from sales_desk.services.admin import audit, auth, users
from sales_desk.services.admin.audit import AuditFilter

PASSWORD = "benchmark passphrase 2026"
PAGE = 200
ORDER_ACTIONS = ("order.create", "order.submit", "order.sign", "order.approve", "order.credit_override",
                 "order.block", "dispatch.ship")
CUSTOMER_ACTIONS = ("customer.update", "credit.set_limit", "customer.log_visit", "receipt.apply_credits")


def _payload(rng: random.Random, action: str, customer: str) -> tuple[object, object]:
    if action == "order.credit_override":
        return ({"status": "blocked", "block_reason": "over_limit"},
                {"status": "approved", "amount": rng.randrange(1, 90_000) * 100, "reason": "老客户，回款有保证",
                 "exposure": 9_000_000, "available": 100_000, "excess": 2_000_000, "blocked_by": "over_limit"})
    if action.startswith(("order.", "dispatch.")):
        return {"status": "submitted"}, {"status": "signed", "total": rng.randrange(1, 900_000) * 100,
                                         "customer_id": rng.randint(1, 10), "revision": 1}
    if action == "credit.set_limit":
        return ({"credit_limit": 5_000_000, "payment_term_days": 30, "payment_mode": "credit"},
                {"credit_limit": 8_000_000, "payment_term_days": 45, "payment_mode": "credit", "grade": "B",
                 "method": "sales", "reasons": "按限度基数授信", "customer": customer})
    return {"phone": "021-5555 0000"}, {"phone": "021-5555 0001", "subject": "回访", "customer": customer}


def fill(db, actors: list[int], names: list[str], rows: int, customers: int, orders: int) -> None:  # noqa: ANN001
    rng = random.Random(13)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with db.engine.connect() as c:
        seq = c.execute(text("SELECT coalesce(max(seq), 0) FROM audit_log")).scalar()
    batch: list[dict[str, object]] = []
    with db.engine.begin() as conn:
        for n in range(rows):
            seq += 1
            who = rng.randrange(len(actors))
            if rng.random() < 0.6:
                action, entity, eid = rng.choice(ORDER_ACTIONS), "order", rng.randint(1, orders)
            elif rng.random() < 0.8:
                action, entity, eid = rng.choice(CUSTOMER_ACTIONS), "customer", rng.randint(1, customers)
            else:
                action, entity, eid = "expense.approve", "expense_claim", rng.randint(1, 50_000)
            before, after = _payload(rng, action, f"C{rng.randint(1, customers):07d}")
            batch.append({
                "seq": seq, "at": (start + timedelta(seconds=n * 60)).isoformat(timespec="microseconds"),
                "user_id": actors[who], "username": names[who], "action": action, "entity": entity,
                "entity_id": str(eid), "before": json.dumps(before, ensure_ascii=False, sort_keys=True),
                "after": json.dumps(after, ensure_ascii=False, sort_keys=True), "prev_hash": "0" * 64,
                "hash": "0" * 64, "signature": None})
            if len(batch) == 20_000:
                conn.execute(insert(AuditEntry), batch)
                batch.clear()
        if batch:
            conn.execute(insert(AuditEntry), batch)
    with db.engine.begin() as c:
        c.execute(text("ANALYZE"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--customers", type=int, default=10_000)
    ap.add_argument("--lines", type=int, default=100_000)
    add_database_options(ap)
    args = ap.parse_args()
    with bench_database(args, "sd-bench-audit-") as db:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD, "系统管理员")
        people = {}
        for name, full, role in (("rep", "王芳", "sales_rep"), ("rep2", "李强", "sales_rep"),
                                 ("mgr", "张伟", "sales_manager"), ("wh", "赵磊", "warehouse"),
                                 ("fin", "刘洋", "finance")):
            users.add_user(db.uow(admin), name, PASSWORD, [role], full_name=full)
            people[name] = auth.login(db.uow(), name, PASSWORD).user_id
        t0 = time.perf_counter()
        counts = seed(db, args.customers, args.lines, [people["rep"], people["rep2"]], people)
        fill(db, list(people.values()), list(people), args.rows, args.customers, counts.get("sales_orders", 1))
        print(f"{db.engine.dialect.name}: {args.rows:,} audit rows, " + ", ".join(
            f"{v:,} {k}" for k, v in counts.items()) + f"; filled in {time.perf_counter() - t0:.1f} s")

        def page(flt: AuditFilter = AuditFilter(), before: int | None = None):  # noqa: ANN202, B008
            return audit.audit_page(db.uow(admin), flt, before_seq=before, limit=PAGE)

        first_rows, _more = page()
        some_order = next(r for r in first_rows if r.entity == "order")
        middle = first_rows[0].seq // 2
        with db.engine.connect() as c:
            day = c.execute(text("SELECT at FROM audit_log WHERE seq = :s"), {"s": middle}).scalar()[:10]
        next_day = (datetime.fromisoformat(day) + timedelta(days=1)).date().isoformat()
        cases = {
            "first page (opening the viewer)": lambda: page(),
            "next page": lambda: page(before=first_rows[-1].seq),
            "a page half way down (keyset)": lambda: page(before=middle),
            "kind of action: credit": lambda: page(AuditFilter(group="credit")),
            "person: 张伟": lambda: page(AuditFilter(person="张伟")),
            "customer: C0000042": lambda: page(AuditFilter(customer="C0000042")),
            f"document: {some_order.subject}": lambda: page(AuditFilter(document=some_order.subject)),
            f"one day ({day})": lambda: page(AuditFilter(at_from=day, at_before=next_day)),
        }
        print(f"{'':40} {'first':>9} {'median':>9}  rows")
        for name, fn in cases.items():
            first, median, out = ms(fn, repeat=5)
            print(f"{name:40} {first:7.1f}ms {median:7.1f}ms  {len(out[0])}")
        print("e.g.:", first_rows[0].sentence)


if __name__ == "__main__":
    main()
