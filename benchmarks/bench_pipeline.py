"""The pipeline at 100,000 customers and 300,000 opportunities (with their time nodes): the
Opportunities tab's first view (the first page of the list and the funnel) for the whole
firm — issue 18 wants it under 300 ms — and the full analysis (conversion, time in stage,
per rep, losses, competitors) beside it.

    python benchmarks/bench_pipeline.py [--customers 100000] [--opportunities 300000] [--pg URL]

Timed on demand, not in CI.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import timedelta

from bench_common import add_database_options, bench_database, ms
from bench_orders import PASSWORD, Writer, seed
from sqlalchemy import text

from sales_desk import clock
from sales_desk.domain.opportunities.stages import OPEN_STAGES, STAGES, LossReason
from sales_desk.models import Opportunity, OpportunityCompetitor, OpportunityNode
from sales_desk.services.admin import auth, users
from sales_desk.services.opportunities import opportunity_views, pipeline

COMPETITORS = ("华信", "远东", "博达", "中科", "none")


def fill(db, n_customers: int, n_opps: int, reps: list[int]) -> int:  # noqa: ANN001
    rng = random.Random(18)
    now = clock.now()
    today = now.astimezone().date()
    nodes = 0
    with db.engine.begin() as conn:
        w = Writer(conn)
        for i in range(1, n_opps + 1):
            opened = today - timedelta(days=rng.randint(0, 365))
            depth = rng.randint(0, 6)
            fate = rng.random()
            outcome = "won" if depth == 6 else ("lost" if fate < 0.3 else "open")
            day = opened
            reached = []
            for s in STAGES[:depth + 1]:
                reached.append((s, day))
                day = day + timedelta(days=rng.randint(1, 20))
            day = min(day, today)
            stage, since = reached[-1]
            w.add(Opportunity.__table__, dict(
                id=i, number=f"OP{i:08d}", title="项目", customer_id=rng.randint(1, n_customers), lead_id=None,
                owner_id=rng.choice(reps), created_by_id=reps[0], stage=stage.value, stage_since=since,
                outcome=outcome, amount=rng.randrange(1, 5000) * 10_000, expected_on=today + timedelta(days=30),
                opened_on=opened, competitive_analysis="", note="",
                loss_reason=rng.choice(list(LossReason)).value if outcome == "lost" else "",
                lost_to=rng.choice(COMPETITORS) if outcome == "lost" else "", close_note="",
                closed_on=day if outcome != "open" else None, order_id=None, created_at=now, updated_at=now))
            for n, (s, d) in enumerate(reached):
                nodes += 1
                left = reached[n + 1][1] if n + 1 < len(reached) else (day if outcome != "open" else None)
                w.add(OpportunityNode.__table__, dict(
                    id=nodes, opportunity_id=i, stage=s.value, reached_on=d, left_on=left,
                    days=None if left is None else (left - d).days, by_id=None))
            if i % 3 == 0:
                w.add(OpportunityCompetitor.__table__, dict(
                    id=i // 3, opportunity_id=i, name=rng.choice(COMPETITORS[:-1]), strengths="", weaknesses="",
                    price_note=""))
        w.flush()
    return nodes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--opportunities", type=int, default=300_000)
    add_database_options(ap)
    args = ap.parse_args()
    backend = "PostgreSQL" if args.pg else "SQLite"
    with bench_database(args, "sd-bench-pipeline-") as db:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        actors = {}
        for name, role in (("rep", "sales_rep"), ("rep2", "sales_rep"), ("mgr", "sales_manager"),
                           ("wh", "warehouse"), ("fin", "finance")):
            users.add_user(db.uow(admin), name, PASSWORD, [role])
            actors[name] = auth.login(db.uow(), name, PASSWORD)
        staff = {k: a.user_id for k, a in actors.items()}
        t0 = time.perf_counter()
        seed(db, args.customers, 1000, [staff["rep"], staff["rep2"]], staff)
        nodes = fill(db, args.customers, args.opportunities, [staff["rep"], staff["rep2"]])
        print(f"{backend}: {args.customers:,} customers, {args.opportunities:,} opportunities, {nodes:,} time nodes "
              f"in {time.perf_counter() - t0:.1f} s")
        with db.engine.begin() as c:
            c.execute(text("ANALYZE"))
        mgr, rep = actors["mgr"], actors["rep"]

        def view(who):  # noqa: ANN001, ANN202
            rows, _more = opportunity_views.list_opportunities(db.uow(who))
            return len(rows), pipeline.pipeline_summary(db.uow(who)).funnel

        for label, fn in (("pipeline view + funnel, whole firm (goal < 300 ms)", lambda: view(mgr)),
                          ("pipeline view + funnel, one rep's own", lambda: view(rep)),
                          ("funnel alone, whole firm", lambda: pipeline.pipeline_summary(db.uow(mgr))),
                          ("full analysis, whole firm", lambda: pipeline.pipeline_analysis(db.uow(mgr)))):
            first, median, _out = ms(fn, repeat=5)
            print(f"{label}: first {first:.0f} ms, median {median:.0f} ms")
        print(f"open in the funnel: {pipeline.pipeline_summary(db.uow(mgr)).funnel.count:,} "
              f"(stages: {', '.join(s.value for s in OPEN_STAGES)})")


if __name__ == "__main__":
    main()
