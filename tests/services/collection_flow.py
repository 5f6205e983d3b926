"""Collections in as few lines as a test needs: the people, customers with a credit grade,
opening balances (through the importer), receipts, credit notes."""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select, update

from sales_desk import clock
from sales_desk.domain.common.roles import Actor
from sales_desk.models import Customer, Receivable, ReceivableAllocation, WriteOff
from sales_desk.services.collections import dunning, lawsuits, receipts, writeoffs
from sales_desk.services.collections import opening_balances as collections_import
from sales_desk.services.collections.receipts import ReceiptInput
from sales_desk.services.customers import files as customers
from sales_desk.services.customers.data import CustomerInput


def today() -> date:
    """The business date the services use (local)."""
    return clock.today()


def ago(days: int) -> date:
    return today() - timedelta(days=days)


@dataclass
class Crew:
    fin: Actor  # records receipts, runs the ladder, submits write-offs, runs liability
    rep: Actor
    rep2: Actor
    sup: Actor  # sales supervisor: follows up receivables
    mgr: Actor  # sales manager: oversees dunning, approves write-offs
    vp: Actor  # marketing director: deferrals, targets
    gm: Actor


def crew(make_user) -> Crew:  # noqa: ANN001 - the conftest fixture
    return Crew(make_user("fin", "finance"), make_user("rep", "sales_rep"), make_user("rep2", "sales_rep"),
                make_user("sup", "sales_supervisor"), make_user("mgr", "sales_manager"),
                make_user("vp", "sales_vp"), make_user("gm", "gm"))


def customer(database, rep: Actor, code: str, grade: str | None = "B", hold: bool = False,  # noqa: ANN001
             name: str | None = None, region: str = "east", language: str = "") -> int:
    """A customer of `rep` with a credit grade (set directly: the credit flow has its own tests)."""
    cid = customers.create_customer(database.uow(rep), CustomerInput(
        name=name or f"{code} 贸易有限公司", code=code, region=region, address="上海市浦东新区世纪大道100号",
        phone="021-55550000", language=language))
    with database.engine.begin() as c:
        c.execute(update(Customer).where(Customer.id == cid).values(
            credit_grade=grade, credit_hold=hold, credit_limit=10_000_000, payment_mode="credit",
            payment_term_days=30))
    return cid


def opening(database, fin: Actor, rows: list[tuple[str, str, date, date, int]]) -> None:  # noqa: ANN001
    """Import opening balances: (customer code, document no., document date, due date, minor units)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "opening.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["customer code", "document no.", "document date", "due date", "amount"])
            for code, doc, doc_date, due, amount in rows:
                w.writerow([code, doc, doc_date.isoformat(), due.isoformat(), f"{amount // 100}.{amount % 100:02d}"])
        collections_import.import_receivables(database.uow(fin), path)


def invoice(database, fin: Actor, code: str, doc: str, due_days_ago: int, amount: int,  # noqa: ANN001
            term: int = 30) -> int:
    """One open invoice (an opening balance) falling due `due_days_ago` days ago; its id."""
    due = ago(due_days_ago)
    opening(database, fin, [(code, doc, min(due - timedelta(days=term), today()), due, amount)])
    return doc_id(database, "OB-" + doc)


def doc_id(database, doc_no: str) -> int:  # noqa: ANN001
    with database.engine.connect() as c:
        return c.execute(select(Receivable.id).where(Receivable.doc_no == doc_no)).scalar_one()


def pay(database, fin: Actor, cid: int, amount: int, on: date | None = None,  # noqa: ANN001
        allocations: dict[int, int] | None = None) -> int:
    return receipts.record_receipt(database.uow(fin), ReceiptInput(cid, amount, on, "transfer", "工行回单",
                                                                   allocations=allocations))


def credit_note(database, cid: int, doc: str, on: date, amount: int) -> int:  # noqa: ANN001
    """An open credit note (as a return raises one), inserted directly: the dispatch tests cover returns."""
    with database.engine.begin() as c:
        return c.execute(Receivable.__table__.insert().values(
            doc_no=doc, kind="credit_note", customer_id=cid, doc_date=on, due_date=on, amount=-amount,
            open_amount=-amount, description="退货", created_at=clock.now()).returning(
            Receivable.__table__.c.id)).scalar_one()


def open_amount(database, rid: int) -> int:  # noqa: ANN001
    with database.engine.connect() as c:
        return c.execute(select(Receivable.open_amount).where(Receivable.id == rid)).scalar_one()


def written_off_customer(database, team, code: str, amount: int, due_days_ago: int = 200,  # noqa: ANN001
                 on: date | None = None) -> tuple[int, int]:
    """A customer whose debt went down the whole ladder and was written off `on` (30 days ago)."""
    on = on or ago(30)
    cid = customer(database, team.rep, code, grade="C")
    rid = invoice(database, team.fin, code, f"{code}-1", due_days_ago, amount)
    t = ago(100)
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=t)
    dunning.record_step(database.uow(team.rep), cid, "dunning", on=t + timedelta(days=5), sent_via="fax",
                        deadline=t + timedelta(days=10))
    dunning.send_lawyer_letter(database.uow(team.mgr), cid, on=t + timedelta(days=11), sent_via="courier",
                               deadline=t + timedelta(days=16))
    suit = lawsuits.prepare_lawsuit(database.uow(team.mgr), cid, on=t + timedelta(days=17), court="人民法院")
    for item in ("contract", "delivery", "invoices", "dunning_record", "lawyer_letter"):
        lawsuits.record_evidence(database.uow(team.rep), suit, item, True)
    lawsuits.file_lawsuit(database.uow(team.mgr), suit, filed_on=t + timedelta(days=17))
    lawsuits.record_outcome(database.uow(team.mgr), suit, "unrecoverable", on=t + timedelta(days=20))
    wid = writeoffs.submit_writeoff(database.uow(team.fin), cid, "无法收回")
    writeoffs.decide_writeoff(database.uow(team.mgr), wid, True)
    with database.engine.begin() as c:  # as if approved that day
        c.execute(update(WriteOff).where(WriteOff.id == wid).values(written_off_on=on))
        c.execute(update(ReceivableAllocation).where(ReceivableAllocation.write_off_id == wid).values(applied_on=on))
    return cid, rid
