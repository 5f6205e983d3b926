"""Documents of record at the sizes issue 13 names.

    python benchmarks/bench_documents.py [--letters 1000] [--register 100000] [--pg URL]

1. Issuing `--letters` dunning notices as that many documents of record (laid out, stamped
   with their number, kept, hashed, audited) against only writing them into one PDF, as
   the batch did before (goal: within 1.5x).
2. The register with `--register` documents: a page of 200, newest first, unfiltered,
   filtered by kind, customer and number, and deep in the list (goal: under 100 ms a page).
Timed on demand, not in CI.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench_common import add_database_options, bench_database, ms

from sales_desk.domain.common.records import FormKind
from sales_desk.reports.collections.letters import render_letters
from sales_desk.reports.records.issuers import issue_letters
from sales_desk.services.admin import auth, users
from sales_desk.services.collections.letter_data import HistoryRow, LetterData, LetterItem
from sales_desk.services.records.register import RegisterFilter, register_page

PASSWORD = "benchmark passphrase 2026"


def _letter(i: int) -> LetterData:
    items = tuple(LetterItem(f"INV2026-{i:05d}-{k}", date(2026, 8, 3), date(2026, 9, 2), f"SO2026-{i:05d}",
                             1_200_000 + k, 1_200_000 + k, 94) for k in range(3))
    return LetterData(step="dunning", letter_ref=f"DL2026-{i:05d}", on=date(2026, 12, 5),
                      deadline=date(2026, 12, 20), sent_via="fax", company="华东机电有限公司", currency="CNY",
                      customer_code=f"C{i:05d}", customer_name=f"苏州恒达贸易有限公司 {i}",
                      address="苏州市工业园区星湖街 88 号", phone="0512-6666 8888", contact="李娜", rep="张伟",
                      items=items, total=sum(x.amount for x in items),
                      history=(HistoryRow(date(2026, 10, 10), "reminder", "fax", "DL2026-00011", None),),
                      first_due=date(2026, 9, 2), language="zh_CN" if i % 2 else "en")


def bench_issue(db, finance, n: int) -> None:  # noqa: ANN001
    """Wall and CPU time side by side: on a busy machine the CPU ratio is the steadier one."""
    letters = [_letter(i) for i in range(1, n + 1)]
    with tempfile.TemporaryDirectory() as tmp:
        render_letters(letters[:2], Path(tmp) / "warm.pdf")  # the font is loaded once per process
        t0, c0 = time.perf_counter(), time.process_time()
        render_letters(letters, Path(tmp) / "batch.pdf")
        one_pdf, one_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    issue_letters(db.uow(finance), letters, lambda d: d.language)  # as the window's batch does
    issued, issued_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"  {n:,} notices into one PDF        {one_pdf:7.2f} s  (CPU {one_cpu:.2f} s)")
    print(f"  {n:,} notices issued as documents {issued:7.2f} s  (CPU {issued_cpu:.2f} s)"
          f"  {issued / one_pdf:.2f}x wall, {issued_cpu / one_cpu:.2f}x CPU; goal 1.5x")


def fill_register(db, finance, n: int) -> None:  # noqa: ANN001
    from sqlalchemy import insert, literal, select

    from sales_desk.models import Customer, DocumentContent, IssuedDocument

    kinds = [FormKind.LETTER_DUNNING, FormKind.CONTRACT, FormKind.DISPATCH_NOTE, FormKind.LETTER_REMINDER]
    with db.engine.begin() as c:
        c.execute(insert(Customer), [{"code": f"R{i:05d}", "name": f"客户 {i}", "region": "east", "file_updated_on": date(2026, 1, 1)}
                                     for i in range(1, 2001)])
        start = date(2022, 1, 1)
        for base in range(0, n, 20_000):
            rows = [{"number": f"DR{2022 + i // 40_000}-{i:06d}", "kind": kinds[i % 4].value,
                     "subject": f"bench:{i}", "edition": 1, "language": "en", "reference": f"REF{i:06d}",
                     "title": f"{kinds[i % 4].value} REF{i:06d}", "customer_id": 1 + i % 2000,
                     "fingerprint": "0" * 64, "issued_on": start + timedelta(days=i // 80),
                     "issued_at": datetime(2022, 1, 1, tzinfo=UTC), "issued_by_id": finance.user_id,
                     "media_type": "application/pdf", "size": 9, "pages": 1, "sha256": "0" * 64}
                    for i in range(base, min(n, base + 20_000))]
            c.execute(insert(IssuedDocument), rows)
        c.execute(insert(DocumentContent).from_select(
            ["document_id", "content"], select(IssuedDocument.id, literal(b"%PDF-1.4")).where(IssuedDocument.subject.like("bench:%"))))
    with db.engine.begin() as c:
        if db.engine.dialect.name == "sqlite":
            c.exec_driver_sql("ANALYZE")
            c.exec_driver_sql("PRAGMA optimize")
        else:
            c.exec_driver_sql("ANALYZE")


def bench_register(db, finance, n: int) -> None:  # noqa: ANN001
    fill_register(db, finance, n)
    first, _more = register_page(db.uow(finance))
    cases = {
        "newest page": lambda: register_page(db.uow(finance)),
        "kind": lambda: register_page(db.uow(finance), RegisterFilter(kind="contract")),
        "letters": lambda: register_page(db.uow(finance), RegisterFilter(kind="letter.")),
        "customer": lambda: register_page(db.uow(finance), RegisterFilter(customer_id=77)),
        "number": lambda: register_page(db.uow(finance), RegisterFilter(text=f"DR2023-{n // 2:06d}")),
        "a year": lambda: register_page(db.uow(finance), RegisterFilter(date_from=date(2023, 1, 1),
                                                                           date_to=date(2023, 12, 31))),
        "deep page": lambda: register_page(db.uow(finance), before_id=first[-1].id - n // 2),
    }
    print(f"  register of {n:,} documents, a page of 200:")
    for name, fn in cases.items():
        first_call, median, _r = ms(fn)
        print(f"    {name:12} {median:7.1f} ms (first call {first_call:.1f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--letters", type=int, default=1000)
    ap.add_argument("--register", type=int, default=100_000)
    add_database_options(ap)
    args = ap.parse_args()
    with bench_database(args) as db:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        users.add_user(db.uow(admin), "fin", PASSWORD, ["finance"])
        finance = auth.login(db.uow(), "fin", PASSWORD)
        print(db.engine.dialect.name)
        if args.letters:
            bench_issue(db, finance, args.letters)
        if args.register:
            bench_register(db, finance, args.register)


if __name__ == "__main__":
    main()
