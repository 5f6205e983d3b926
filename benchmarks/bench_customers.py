"""Customers at scale: 100,000 customers (Chinese names), the list's first page, a name
filter per keystroke, and the credit evaluation sheet PDF.

    python benchmarks/bench_customers.py [--customers 100000] [--pg URL] [--keep DIR]

Targets (issue 3): first page < 150 ms, each keystroke < 150 ms, one PDF < 150 ms.
Timed on demand, not in CI. Everything goes through the services the UI calls
(permission re-check included); the customers are bulk-inserted with Core.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert, text

from sales_desk import clock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_common import add_database_options, bench_database, ms  # noqa: E402

from sales_desk.domain.customers.files import name_keys, value_grade_for  # noqa: E402
from sales_desk.models import Customer  # noqa: E402
from sales_desk.services.admin import (
    auth,  # noqa: E402
    users,
)
from sales_desk.services.credit import forms as credit_print
from sales_desk.services.customers.listing import CustomerFilter, list_customers  # noqa: E402

PASSWORD = "correct horse battery"
CITIES = ("上海", "北京", "广州", "深圳", "苏州", "杭州", "南京", "武汉", "成都", "重庆", "西安", "天津",
          "青岛", "宁波", "郑州", "长沙", "沈阳", "大连", "厦门", "昆明")
BRANDS = ("宏达", "华通", "鑫源", "恒泰", "金鼎", "瑞丰", "永盛", "天成", "中联", "德润", "海纳", "广源",
          "盛世", "凯达", "博远", "东升", "新宇", "佳和", "信诚", "万隆", "泰和", "嘉禾", "锦程", "明辉")
TRADES = ("机电设备", "电子科技", "精细化工", "新型建材", "食品饮料", "纺织服装", "生物医药", "供应链管理",
          "精密机械", "光电科技", "粮油食品", "装饰材料")
SUFFIX = ("有限公司", "股份有限公司", "集团有限公司", "贸易有限公司")
REGIONS = ("east", "north", "south", "central", "southwest", "northwest", "northeast")
GRADES = ("A", "B", "B", "C", "C", "D", None)


def seed_customers(db, n: int, rep_ids: list[int], prefix: str = "C") -> float:  # noqa: ANN001
    rng = random.Random(3)
    now = clock.now()
    today = now.astimezone().date()
    t0 = time.perf_counter()
    batch: list[dict] = []
    with db.engine.begin() as conn:
        for i in range(1, n + 1):
            name = f"{rng.choice(CITIES)}{rng.choice(BRANDS)}{rng.choice(TRADES)}{rng.choice(SUFFIX)}"
            code = f"{prefix}{i:07d}"
            sales = rng.randrange(0, 3_000_000) * 100
            batch.append({
                "code": code, "name": name, "short_name": "", **name_keys(code, name),
                "region": rng.choice(REGIONS), "industry": "manufacturing", "nature": "private",
                "customer_type": "distributor", "annual_sales": sales,
                "value_grade": value_grade_for(sales).value, "key_account": rng.random() < 0.05,
                "credit_grade": rng.choice(GRADES), "credit_hold": rng.random() < 0.01,
                "credit_limit": 0, "payment_term_days": 0, "payment_mode": "prepayment",
                "rep_id": rng.choice(rep_ids), "file_updated_on": today - timedelta(days=rng.randint(0, 200)),
                "review_status": "reviewed", "created_at": now, "updated_at": now,
            })
            if len(batch) == 10_000:
                conn.execute(insert(Customer.__table__), batch)
                batch = []
        if batch:
            conn.execute(insert(Customer.__table__), batch)
    return time.perf_counter() - t0


def bench_pdf(db, actors: dict, repeat: int) -> tuple[float, float, float]:  # noqa: ANN001
    from sales_desk.reports.credit.credit_sheet import render_credit_sheet
    from tests.services.credit_flow import Staff, new_customer, rate

    s = Staff(actors["rep"], actors["spec"], actors["fin"], actors["csm"], actors["mgr"])
    cid = new_customer(db, s.rep, name="上海华东贸易有限公司", code="BENCH-PDF")
    rate(db, s, cid, 78)
    dossier = credit_print.credit_dossier(db.uow(s.mgr), cid)
    out = Path(tempfile.mkdtemp())
    t0 = time.perf_counter()
    render_credit_sheet(dossier, out / "first.pdf", "zh_CN")  # includes registering the font
    first = (time.perf_counter() - t0) * 1000
    times = []
    for i in range(repeat):
        t0 = time.perf_counter()
        render_credit_sheet(dossier, out / f"s{i}.pdf", "zh_CN" if i % 2 else "en")
        times.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    credit_print.credit_dossier(db.uow(s.mgr), cid)
    data = (time.perf_counter() - t0) * 1000
    return first, statistics.median(times), data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--customers", type=int, default=100_000)
    add_database_options(ap)
    ap.add_argument("--pdfs", type=int, default=30)
    args = ap.parse_args()

    with bench_database(args) as db:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        actors = {}
        for name, role in (("rep", "sales_rep"), ("rep2", "sales_rep"), ("mgr", "sales_manager"),
                           ("spec", "cs_specialist"), ("fin", "finance"), ("csm", "cs_manager")):
            users.add_user(db.uow(admin), name, PASSWORD, [role])
            actors[name] = auth.login(db.uow(), name, PASSWORD)
        reps = [actors["rep"].user_id, actors["rep2"].user_id]
        secs = seed_customers(db, args.customers, reps)
        backend = "PostgreSQL" if args.pg else "SQLite"
        print(f"{backend}: {args.customers:,} customers bulk-inserted in {secs:.1f} s")
        if args.pg:
            with db.engine.begin() as c:
                c.execute(text("ANALYZE"))

        rows = []
        mgr, rep = actors["mgr"], actors["rep"]
        first, med, page = ms(lambda: list_customers(db.uow(mgr)))
        rows.append(("first page (manager, all customers, by name)", first, med, len(page.rows)))
        first, med, page2 = ms(lambda: list_customers(db.uow(mgr), after=page.next_after))
        rows.append(("next page (keyset)", first, med, len(page2.rows)))
        first, med, page = ms(lambda: list_customers(db.uow(rep)))
        rows.append(("first page (rep: own customers only)", first, med, len(page.rows)))
        first, med, page = ms(lambda: list_customers(db.uow(mgr), order="code"))
        rows.append(("first page by code", first, med, len(page.rows)))
        typed = "上海宏达机电设备有限公司"
        worst = 0.0
        for k in range(1, len(typed) + 1):
            prefix = typed[:k]
            first, med, page = ms(lambda p=prefix: list_customers(db.uow(mgr), CustomerFilter(text=p)), 3)
            worst = max(worst, first, med)
            rows.append((f"keystroke {k:2d}: {prefix}", first, med, len(page.rows)))
        for label, flt in (("no match (full scan)", CustomerFilter(text="不存在的客户名称")),
                           ("code fragment c00123", CustomerFilter(text="c00123")),
                           ("no match, ordered by code", None),
                           ("region + grade + key account", CustomerFilter(region="east", credit_grade="A",
                                                                           key_account=True)),
                           ("credit hold", CustomerFilter(credit_hold=True)),
                           ("stale files", CustomerFilter(stale=True))):
            if flt is None:
                first, med, page = ms(lambda: list_customers(
                    db.uow(mgr), CustomerFilter(text="不存在的客户名称"), order="code"), 3)
            else:
                first, med, page = ms(lambda f=flt: list_customers(db.uow(mgr), f), 3)
            if flt is not None and flt.text:
                worst = max(worst, first, med)
            rows.append((label, first, med, len(page.rows)))

        print(f"\n{'query':52} {'first ms':>9} {'median ms':>10} {'rows':>5}")
        for label, first, med, n in rows:
            print(f"{label:52} {first:9.1f} {med:10.1f} {n:5d}")
        print(f"\nworst name-filter query (by name): {worst:.1f} ms")

        pdf_first, pdf_med, data_ms = bench_pdf(db, actors, args.pdfs)
        print(f"\ncredit sheet PDF: first {pdf_first:.0f} ms (registers the font), "
              f"then median {pdf_med:.0f} ms per PDF over {args.pdfs}; dossier read {data_ms:.0f} ms")


if __name__ == "__main__":
    main()
