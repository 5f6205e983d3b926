"""A working day under load (issue 17): N seat processes against one PostgreSQL database.

    python benchmarks/bench_seats.py --pg URL [--seats 2 5 10] [--actions 60] [--customers 100000]
                                     [--pace MS]

Each run makes a new database, loads the demo firm, adds --customers customers to its reps
(issue 17 wants 100,000) and starts N processes, each a seat
with its own engine and change listener, logged in as one of the demo's staff playing that
role's day for a fixed count of actions: reps list their customers, edit a customer file
(saving on the version they loaded) and enter, submit and sign orders; the sales manager
approves signed orders for dispatch; the warehouse ships
approved orders; the customer-service manager edits customer files. With more seats than
roles, people sit at a second machine.

Then it checks: no lost update (no two saves were accepted on the same version of a file,
and every file holds its last accepted save), no unhandled deadlock or serialization
failure (such a failure is retried up to 3 times, counted, and is "unhandled" only when
the retries failed too), the audit trail's chain and the refusals log intact. It reports
p50/p95 per service call, actions per second, and how long a change took to reach the
other seats (p50/p95). Timed on demand, not in CI.

By default each seat calls back to back, which no person does: a stress test, where with
more seat processes than cores every call also queues for a CPU. `--pace MS` gives each
seat a pause between actions, random with that mean (as a person reads the screen and
types), for the figures of an office at its own pace.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import tempfile
import time
import traceback
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_common import bench_database

PASSWORD = "benchmark passphrase 2026"
# Who sits at seat i: the roles of a sales department's day, then second machines.
SEATING = ("yangfan", "zhangwei", "maqiang", "zhaolei", "chenjing", "huangli", "zhoujie",
           "yangfan", "zhangwei", "zhaolei")
RETRIES = 3
CONTENDED = 3  # the first files of a seat's list, edited by every seat that sees them


def _retryable(exc: BaseException) -> bool:
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return code in ("40001", "40P01")  # serialization failure, deadlock


class Seat:
    def __init__(self, index: int, url: str, username: str, password: str, seed: int):
        from sales_desk.config import AppConfig
        from sales_desk.db.database import open_database
        from sales_desk.services.admin import auth, seats

        self.index, self.rng = index, random.Random(seed)
        self.db = open_database(AppConfig(data_dir=Path(tempfile.mkdtemp(prefix=f"seat{index}-")), db_url=url),
                                migrate=False, auto_backup=False)
        self.lags: list[float] = []
        self.db.changes.subscribe(self._heard)
        self.db.listen().wait_connected(10)
        actor = auth.login(self.db.uow(), username, password)
        self.actor = seats.open_seat(self.db.uow(actor), f"bench-seat-{index}")
        self.times: dict[str, list[float]] = defaultdict(list)
        self.refused: dict[str, int] = defaultdict(int)
        self.reasons: dict[str, str] = {}  # the first refusal's text per call
        self.failures: list[str] = []
        self.retried = 0
        self.stale = 0
        self.saved: list[tuple[int, int, str]] = []  # (customer, version saved on, phone written)
        self.cod: set[int] = set()  # customers this rep found give no credit
        self.actions = 0

    def _heard(self, change: Any) -> None:
        if not change.from_here and not change.everything:
            self.lags.append((time.time() - change.sent_at) * 1000)

    def call(self, name: str, fn: Callable[[], Any]) -> Any:
        from sales_desk.domain.common.errors import DomainError
        from sales_desk.domain.common.versions import StaleRecord

        for attempt in range(RETRIES + 1):
            t0 = time.perf_counter()
            try:
                result = fn()
            except StaleRecord:
                self.times[name].append((time.perf_counter() - t0) * 1000)
                self.stale += 1
                return None
            except DomainError as exc:
                self.times[name].append((time.perf_counter() - t0) * 1000)
                self.refused[name] += 1
                self.reasons.setdefault(name, str(exc)[:160])
                return None
            except Exception as exc:
                if _retryable(exc) and attempt < RETRIES:
                    self.retried += 1
                    continue
                self.failures.append(f"{name}: {exc!r}"[:300])
                return None
            self.times[name].append((time.perf_counter() - t0) * 1000)
            return result
        return None

    # -- the roles' actions ---------------------------------------------------------------
    def edit_customer(self, ids: list[int]) -> None:
        from sales_desk.services.customers import files

        if not ids:
            return
        # the few files everyone works on today: seats of one person, and customer service,
        # meet on them, so saves on a version another seat has moved on are tried for real
        cid = self.rng.choice(ids[:CONTENDED])
        card = self.call("files.customer_card", lambda: files.customer_card(self.db.uow(self.actor), cid))
        if card is None:
            return
        phone = f"s{self.index}-a{self.actions}"
        done = self.call("files.update_customer", lambda: files.update_customer(
            self.db.uow(self.actor), cid, {"phone": phone}, version=card.version) or True)
        if done:
            self.saved.append((cid, card.version, phone))

    def customers(self) -> list[int]:
        from sales_desk.services.customers import listing

        page = self.call("listing.list_customers", lambda: listing.list_customers(self.db.uow(self.actor)))
        return [r.id for r in page.rows] if page else []

    def enter_order(self, ids: list[int]) -> None:
        from sales_desk.services.orders import entry, products
        from sales_desk.services.orders.entry import OrderInput, OrderLineInput

        found = self.call("products.list_products", lambda: products.list_products(self.db.uow(self.actor)))
        if not ids or not found:
            return
        items = [OrderLineInput(self.rng.choice(found).id, self.rng.randint(1, 5))]
        cid = self.rng.choice(ids)

        def create() -> Any:
            return entry.create_order(self.db.uow(self.actor), OrderInput(cid, items, cash_on_delivery=cid in self.cod))

        oid = self.call("entry.create_order", create)
        if not oid and cid not in self.cod:
            self.cod.add(cid)  # as a rep learns: no credit there, so cash on delivery
            oid = self.call("entry.create_order", create)
        if oid:
            self.call("entry.submit_order", lambda: entry.submit_order(self.db.uow(self.actor), oid))
            self.call("entry.sign_order", lambda: entry.sign_order(self.db.uow(self.actor), oid))

    def approve(self) -> None:
        from sales_desk.services.orders import approvals, worklists

        rows = self.call("worklists.waiting_for_me", lambda: worklists.waiting_for_me(self.db.uow(self.actor)))
        ready = [r for r in rows or () if r.kind == "dispatch_approval"]
        if ready:
            oid = self.rng.choice(ready[:5]).order_id
            self.call("approvals.approve_order", lambda: approvals.approve_order(self.db.uow(self.actor), oid))

    def ship(self) -> None:
        from sales_desk.services.orders import dispatch, views
        from sales_desk.services.orders.dispatch import ShipmentInput
        from sales_desk.services.orders.views import OrderFilter

        page = self.call("views.list_orders", lambda: views.list_orders(
            self.db.uow(self.actor), OrderFilter(statuses=("approved", "partly_shipped"))))
        if not page or not page.rows:
            return
        oid = self.rng.choice(page.rows[:5]).id
        order = self.call("views.get_order", lambda: views.get_order(self.db.uow(self.actor), oid))
        lines = order.lines if order else ()
        qty = {ln.id: ln.remaining for ln in lines if ln.remaining > 0}
        if qty:
            self.call("dispatch.ship_order", lambda: dispatch.ship_order(self.db.uow(self.actor), oid, ShipmentInput(
                qty, carrier="顺丰速运", tracking_no=f"SF{self.index}{self.actions:06d}", checked=True)))

    def waiting(self) -> None:
        from sales_desk.services.planning import inbox

        self.call("inbox.waiting_for_me", lambda: inbox.waiting_for_me(self.db.uow(self.actor)))

    def day(self, actions: int, pace_ms: float = 0) -> None:
        roles = {r.value for r in self.actor.roles}
        ids = self.customers()
        while self.actions < actions:
            if pace_ms:
                time.sleep(self.rng.expovariate(1000 / pace_ms))
            roll = self.rng.random()
            if "sales_rep" in roles:
                (self.edit_customer(ids) if roll < 0.3 else self.enter_order(ids) if roll < 0.7
                 else self.waiting() if roll < 0.85 else self.customers())
            elif "sales_manager" in roles:
                self.approve() if roll < 0.75 else self.waiting()
            elif "warehouse" in roles:
                self.ship()
            else:
                self.edit_customer(ids) if roll < 0.7 else self.customers()
            self.actions += 1

    def result(self, elapsed: float) -> dict[str, Any]:
        return {"times": dict(self.times), "refused": dict(self.refused), "reasons": self.reasons, "failures": self.failures,
                "retried": self.retried, "stale": self.stale, "saved": self.saved, "actions": self.actions,
                "lags": self.lags, "elapsed": elapsed, "user": self.actor.username}


def _seat_process(index: int, url: str, username: str, password: str, actions: int, pace_ms: float,
                  start: Any, out: Any) -> None:
    try:
        seat = Seat(index, url, username, password, seed=1000 + index)
        start.wait()
        t0 = time.perf_counter()
        seat.day(actions, pace_ms)
        elapsed = time.perf_counter() - t0
        time.sleep(1.5)  # the last changes of the others reach this seat's listener
        out.put(seat.result(elapsed))
        seat.db.close()
    except BaseException:
        out.put({"crash": traceback.format_exc()})


def _pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _add_customers(db: Any, n: int, reps: list[str]) -> None:
    """The demo's reps given `n` more customers (bench_customers' generator), and the
    planner told of them, as after an import."""
    from bench_customers import seed_customers
    from sqlalchemy import select, text

    from sales_desk.models import User

    with db.uow() as uow:
        rep_ids = list(uow.session.scalars(select(User.id).where(User.username.in_(reps))))
    took = seed_customers(db, n, rep_ids, prefix="Z")  # listed after the demo's own, which the seats work on
    with db.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    print(f"  {n:,} customers added in {took:.1f} s")


def run(args: argparse.Namespace, n: int) -> dict[str, Any]:
    from sales_desk import demo  # noqa: F401 - registers the demo's service
    from sales_desk.demo.firm import load_demo
    from sales_desk.models import Customer
    from sales_desk.services.admin import auth, integrity

    with bench_database(args, prefix="sd-seats-") as db:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD, "管理员")
        t0 = time.perf_counter()
        demo_staff = load_demo(db.uow(admin)).users
        staff = {u.username: u.password for u in demo_staff}
        print(f"  demo firm loaded in {time.perf_counter() - t0:.1f} s")
        if args.customers:
            _add_customers(db, args.customers, [u.username for u in demo_staff if "sales_rep" in u.roles])
        url = db.engine.url.render_as_string(hide_password=False)
        ctx = mp.get_context("spawn")
        start, out = ctx.Event(), ctx.Queue()
        procs = [ctx.Process(target=_seat_process, args=(i, url, SEATING[i % len(SEATING)],
                                                         staff[SEATING[i % len(SEATING)]], args.actions, args.pace, start,
                                                         out))
                 for i in range(n)]
        for p in procs:
            p.start()
        time.sleep(0.5)
        wall0 = time.perf_counter()
        start.set()
        results = [out.get(timeout=3600) for _ in procs]
        wall = time.perf_counter() - wall0
        for p in procs:
            p.join(timeout=30)
        crashes = [r["crash"] for r in results if "crash" in r]
        if crashes:
            raise SystemExit("a seat crashed:\n" + "\n".join(crashes))

        # no lost update: one accepted save per version, and each file holds its last one
        saved = [s for r in results for s in r["saved"]]
        per_version: dict[tuple[int, int], int] = defaultdict(int)
        last: dict[int, tuple[int, str]] = {}
        for cid, version, phone in saved:
            per_version[(cid, version)] += 1
            if cid not in last or version > last[cid][0]:
                last[cid] = (version, phone)
        doubles = [k for k, c in per_version.items() if c > 1]
        with db.uow() as uow:
            phones = dict(uow.session.query(Customer.id, Customer.phone).filter(Customer.id.in_(last)).all())
        lost = [cid for cid, (_v, phone) in last.items() if phones.get(cid) != phone]
        report = integrity.check_database(db.uow(admin))
        times: dict[str, list[float]] = defaultdict(list)
        for r in results:
            for name, values in r["times"].items():
                times[name] += values
        lags = [x for r in results for x in r["lags"]]
        return {
            "seats": n, "wall": wall, "actions": sum(r["actions"] for r in results),
            "calls": sum(len(v) for v in times.values()), "times": times, "lags": lags,
            "stale": sum(r["stale"] for r in results), "saves": len(saved), "doubles": doubles, "lost": lost,
            "retried": sum(r["retried"] for r in results), "failures": [f for r in results for f in r["failures"]],
            "refused": {k: sum(r["refused"].get(k, 0) for r in results) for r in results for k in r["refused"]},
            "reasons": {k: v for r in results for k, v in r["reasons"].items()},
            "chain_ok": report.first_broken is None and report.refusal_broken is None,
            "audit_rows": report.audit_rows_checked,
        }


def show(res: dict[str, Any]) -> None:
    print(f"\n== {res['seats']} seats: {res['actions']} actions, {res['calls']} service calls in {res['wall']:.1f} s"
          f" → {res['actions'] / res['wall']:.1f} actions/s, {res['calls'] / res['wall']:.1f} calls/s")
    print(f"   customer-file saves accepted {res['saves']}, refused as stale {res['stale']}; "
          f"two saves on one version: {len(res['doubles'])}; files not holding their last save: {len(res['lost'])}")
    print(f"   retried (deadlock/serialization) {res['retried']}; unhandled failures {len(res['failures'])}")
    for f in res["failures"][:5]:
        print("     ", f)
    print(f"   refusals by rule: {res['refused'] or 'none'}")
    for name, reason in res["reasons"].items():
        print(f"      {name}: {reason}")
    print(f"   audit chain and refusals log intact: {res['chain_ok']} ({res['audit_rows']} rows)")
    if res["lags"]:
        print(f"   change seen by the other seats: p50 {_pct(res['lags'], 50):.0f} ms, "
              f"p95 {_pct(res['lags'], 95):.0f} ms ({len(res['lags'])} notifications)")
    print(f"   {'service call':34} {'n':>5} {'p50 ms':>8} {'p95 ms':>8}")
    for name in sorted(res["times"]):
        values = res["times"][name]
        print(f"   {name:34} {len(values):5d} {statistics.median(values):8.1f} {_pct(values, 95):8.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pg", required=True, help="a PostgreSQL URL allowed to CREATE DATABASE")
    ap.add_argument("--keep", help=argparse.SUPPRESS)
    ap.add_argument("--seats", type=int, nargs="+", default=[2, 5, 10])
    ap.add_argument("--actions", type=int, default=60, help="actions per seat")
    ap.add_argument("--pace", type=float, default=0, help="mean pause between a seat's actions, ms (0: back to back)")
    ap.add_argument("--customers", type=int, default=100_000, help="customers added to the demo firm's (issue 17: 100,000)")
    args = ap.parse_args()
    for n in args.seats:
        print(f"-- {n} seats, {args.actions} actions each, " + (f"a pause of {args.pace:.0f} ms on average between them" if args.pace else "back to back"))
        show(run(args, n))


if __name__ == "__main__":
    main()
