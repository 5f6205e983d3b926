"""The Collections pages not covered in test_collections_tab.py, on the demo firm: the
opening-balance import, the ledger and liability exports read back, the lawsuit's
steps, the deferral form, the refusals that must say why, tables that fit the window,
and the dashboard's overdue customers opening their ledger here."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget

from sales_desk.demo import firm as demo
from sales_desk.domain.common.calendar import add_months
from sales_desk.services.admin import auth
from sales_desk.services.collections import (
    deferrals,
    lawsuits,
    ledger,
    letter_data,
    liability,
    receipts,
    worklist,
    writeoffs,
)
from sales_desk.services.customers import listing as customer_list
from sales_desk.services.customers.listing import CustomerFilter
from sales_desk.ui.tabs.collections.common import ReasonDialog, money
from sales_desk.ui.tabs.collections.deferrals_page import DeferralsPage
from sales_desk.ui.tabs.collections.ledger_page import LedgerPage
from sales_desk.ui.tabs.collections.liability_page import LiabilityPage
from sales_desk.ui.tabs.collections.opening_import import RowErrorsDialog, start_opening_import
from sales_desk.ui.tabs.collections.writeoffs_page import WriteOffsPage
from sales_desk.ui.widgets import dialogs
from tests.ui.conftest import idle


@pytest.fixture
def firm(ctx, boss):  # noqa: ANN001, ANN201
    """The demo firm; firm(username) → that user's Actor."""
    result = demo.load_demo(ctx.uow(boss))
    passwords = {u.username: u.password for u in result.users}
    return lambda username: auth.login(ctx.uow(), username, passwords[username])


def _show(qtbot, ctx, page):  # noqa: ANN001, ANN202
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    idle(qtbot, ctx)
    return page


def _customer(ctx, actor, code: str):  # noqa: ANN001, ANN202 - (id, code, name)
    row = next(r for r in customer_list.list_customers(ctx.uow(actor), CustomerFilter(text=code)).rows
               if r.code == code)
    return row.id, row.code, row.name


def _minor(value: object) -> int:
    """An xlsx money cell (a number with two decimals) in minor units; empty is 0."""
    return 0 if value is None else int(Decimal(str(value)) * 100)


# -- opening balances ------------------------------------------------------------------------


def _workbook(path: Path, rows: list[tuple]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(("Customer code", "Document no.", "Document date", "Due date", "Amount"))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _import(qtbot, ctx, actor, path: Path, monkeypatch) -> QWidget:  # noqa: ANN001
    """Through the dialog's path: the file chosen, then the import with its progress."""
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(dialogs, "open_file", lambda *_a, **_k: str(path))
    start_opening_import(ctx, actor, parent)
    idle(qtbot, ctx)
    return parent


def _opening_docs(ctx, actor, code: str) -> set[str]:  # noqa: ANN001
    cid = _customer(ctx, actor, code)[0]
    return {x.number for x in ledger.customer_ledger(ctx.uow(actor), cid).lines if x.number.startswith("OB-T")}


def test_an_opening_balance_file_imports_every_row(qtbot, ctx, firm, messages, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    fin = firm("wufang")
    path = _workbook(tmp_path / "opening.xlsx", [
        ("C0017", "T-1", date(2026, 1, 5), date(2026, 2, 4), 1200.50),
        ("C0017", "T-2", "2026-02-01", "2026-03-03", "300"),
        ("C0019", "T-3", date(2026, 3, 1), date(2026, 3, 31), 99),
    ])
    parent = _import(qtbot, ctx, fin, path, monkeypatch)
    assert not parent.findChildren(RowErrorsDialog)
    assert messages.texts("info") == ["Imported 3 opening balances of 2 customers, 1,599.50 in all."]
    assert _opening_docs(ctx, fin, "C0017") == {"OB-T-1", "OB-T-2"}
    assert _opening_docs(ctx, fin, "C0019") == {"OB-T-3"}


def test_an_opening_balance_file_with_a_bad_row_imports_nothing_and_names_the_row_and_why(
        qtbot, ctx, firm, messages, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    fin = firm("wufang")
    path = _workbook(tmp_path / "opening.xlsx", [
        ("C0017", "T-1", date(2026, 1, 5), date(2026, 2, 4), 1200),
        ("C0017", "T-2", date(2026, 2, 1), date(2026, 3, 3), "twelve"),  # row 3
        ("NOSUCH", "T-3", date(2026, 3, 1), date(2026, 3, 31), 99),  # row 4
    ])
    parent = _import(qtbot, ctx, fin, path, monkeypatch)
    shown = parent.findChildren(RowErrorsDialog)
    assert len(shown) == 1 and shown[0].isVisible()
    errors = shown[0].model.rows()
    assert [(e.row, e.field) for e in errors] == [(3, "amount"), (4, "customer code")]
    assert "not an amount" in errors[0].reason and "NOSUCH" in errors[1].reason
    table = shown[0].model
    assert [table.data(table.index(r, 0)) for r in range(table.rowCount())] == ["3", "4"]
    assert not messages.texts("info")
    assert _opening_docs(ctx, fin, "C0017") == set()  # not even the good first row


# -- the ledger to Excel ---------------------------------------------------------------------


def test_the_ledger_exported_to_excel_has_every_line_and_its_running_balance(
        qtbot, ctx, firm, messages, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    fin = firm("wufang")
    page = _show(qtbot, ctx, LedgerPage(ctx, fin))
    cid, code, name = _customer(ctx, fin, "C0017")  # invoices and money received
    page.show_customer(cid, code, name)
    idle(qtbot, ctx)
    shown = page.model.rows()
    assert len(shown) >= 4 and any(x.debit for x in shown) and any(x.credit for x in shown)
    assert page.export_button.isEnabled()
    out = tmp_path / "ledger.xlsx"
    monkeypatch.setattr(dialogs, "save_file", lambda *_a, **_k: str(out))
    page.export_button.click()
    idle(qtbot, ctx)
    assert messages.texts("info") == [f"Wrote {len(shown)} ledger lines to {out}."]
    sheet = openpyxl.load_workbook(out, read_only=True).worksheets[0]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header[:8] == ["Date", "Entry", "Number", "Reference", "Due date", "Debit", "Credit amount", "Balance"]
    assert [r[2] for r in rows] == [x.number for x in shown]
    balance = 0
    for r, line in zip(rows, shown, strict=True):
        balance += _minor(r[5]) - _minor(r[6])
        assert _minor(r[7]) == balance == line.balance  # each line's running balance
    assert balance == page.ledger.balance


# -- lawsuits --------------------------------------------------------------------------------


def _suit(ctx, actor, cid):  # noqa: ANN001, ANN202
    return lawsuits.customer_lawsuits(ctx.uow(actor), cid)[0]


def test_a_lawsuit_is_opened_its_evidence_ticked_then_filed_and_its_outcome_recorded(
        qtbot, ctx, firm, messages) -> None:  # noqa: ANN001
    mgr, fin = firm("zhangwei"), firm("wufang")
    lawyer = letter_data.letters_at(ctx.uow(mgr), "lawyer")[0]  # the lawyer's letter went unpaid
    cid, code, name = _customer(ctx, mgr, lawyer.customer_code)
    manager = _show(qtbot, ctx, WriteOffsPage(ctx, mgr))
    manager.customer.set_customer(cid, code, name)
    idle(qtbot, ctx)
    assert manager.suit is None
    manager.prepare_button.click()
    idle(qtbot, ctx)
    assert manager.suit is not None and manager.suit.status == "preparing", manager.problem.text()
    assert "being prepared" in manager.suit_label.text()
    assert manager.evidence.count() == len(manager.suit.evidence)
    # the manager reads the checklist; those who run the ladder tick it
    assert not manager.evidence.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable

    dialog = manager.file()  # not before the evidence is in: refused in the dialog, which stays open
    dialog.court.setText("杭州市中级人民法院")
    dialog.ok.click()
    idle(qtbot, ctx)
    assert dialog.isVisible() and "evidence" in dialog.problem_label.text()
    dialog.reject()

    clerk = _show(qtbot, ctx, WriteOffsPage(ctx, fin))
    clerk.customer.set_customer(cid, code, name)
    idle(qtbot, ctx)
    required = {e.item for e in clerk.suit.evidence if e.required}
    for i in range(clerk.evidence.count()):
        item = clerk.evidence.item(i)
        assert item.flags() & Qt.ItemFlag.ItemIsUserCheckable
        if item.data(Qt.ItemDataRole.UserRole) in required:
            item.setCheckState(Qt.CheckState.Checked)
            idle(qtbot, ctx)
    assert not clerk.problem.text()
    assert _suit(ctx, mgr, cid).ready_to_file

    manager.reload()
    idle(qtbot, ctx)
    ticked = {manager.evidence.item(i).data(Qt.ItemDataRole.UserRole) for i in range(manager.evidence.count())
              if manager.evidence.item(i).checkState() == Qt.CheckState.Checked}
    assert ticked == required
    dialog = manager.file()
    dialog.court.setText("杭州市中级人民法院")
    dialog.case_no.setText("(2026)浙01民初123号")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):  # filed: the dialog closes
        dialog.ok.click()
    idle(qtbot, ctx)
    suit = _suit(ctx, mgr, cid)
    assert (suit.status, suit.court, suit.case_no) == ("filed", "杭州市中级人民法院", "(2026)浙01民初123号")
    assert next(w for w in worklist.worklist(ctx.uow(mgr)) if w.code == code).current_step == "lawsuit"

    idle(qtbot, ctx)
    manager.outcome.setCurrentIndex(manager.outcome.findData("unrecoverable"))
    manager.outcome_button.click()
    idle(qtbot, ctx)
    assert messages.texts("confirm") and not manager.problem.text()
    suit = _suit(ctx, mgr, cid)
    assert (suit.status, suit.outcome) == ("closed", "unrecoverable")
    assert "closed" in manager.suit_label.text() and "Unrecoverable" in manager.suit_label.text()


def test_a_write_off_refused_asks_why_and_the_reason_is_kept(qtbot, ctx, firm) -> None:  # noqa: ANN001
    mgr, fin = firm("zhangwei"), firm("wufang")
    cust = next(w for w in worklist.worklist(ctx.uow(mgr)) if w.current_step == "lawsuit")
    lawsuits.record_outcome(ctx.uow(mgr), _suit(ctx, mgr, cust.customer_id).id, "unrecoverable")
    wid = writeoffs.submit_writeoff(ctx.uow(fin), cust.customer_id, "the court found nothing to seize")
    page = _show(qtbot, ctx, WriteOffsPage(ctx, mgr))
    page.table.selectRow(next(i for i, w in enumerate(page.model.rows()) if w.id == wid))
    page.refuse_button.click()
    dialog = next(d for d in page.findChildren(ReasonDialog) if d.isVisible())
    assert not dialog.ok.isEnabled()  # no reason, no refusal
    dialog.reason_edit.setText("the guarantor has not been pursued yet")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.ok.click()
    idle(qtbot, ctx)
    w = next(w for w in writeoffs.writeoffs(ctx.uow(mgr)) if w.id == wid)
    assert (w.status, w.decision_note) == ("refused", "the guarantor has not been pursued yet")


# -- deferrals -------------------------------------------------------------------------------


@pytest.fixture
def june(pin_business_date):  # noqa: ANN001, ANN201
    return pin_business_date(date(2026, 6, 10))


@pytest.fixture
def june_firm(june, firm):  # noqa: ANN001, ANN201
    """The demo firm made in June: a deferral's months fit before 31 December (第18条 3)."""
    return firm


def _deferral_form(qtbot, ctx, rep, code: str) -> DeferralsPage:  # noqa: ANN001
    page = _show(qtbot, ctx, DeferralsPage(ctx, rep))
    cid, code, name = _customer(ctx, rep, code)
    page.customer.set_customer(cid, code, name)
    idle(qtbot, ctx)
    return page


def _tick(page: DeferralsPage, doc_no: str) -> None:
    for i in range(page.docs.count()):
        if page.docs.item(i).text().startswith(doc_no + " "):
            page.docs.item(i).setCheckState(Qt.CheckState.Checked)
            return
    raise LookupError(doc_no)


def _set_date(edit, d: date) -> None:  # noqa: ANN001
    edit.setDate(QDate(d.year, d.month, d.day))


def test_a_rep_files_a_deferral_on_a_form_showing_the_customers_payment_record(qtbot, ctx, june_firm) -> None:  # noqa: ANN001
    rep = june_firm("yangfan")
    page = _deferral_form(qtbot, ctx, rep, "C0017")
    record = deferrals.payment_record(ctx.uow(rep), page.customer.customer_id)
    text = page.record.text()
    assert text.startswith("Grade A;") and "settled late on average" in text
    assert f"overdue {money(record.overdue)}" in text
    open_docs = [d for d in receipts.open_documents(ctx.uow(rep), record.customer_id) if d.open_amount > 0]
    assert page.docs.count() == len(open_docs)
    doc = max(open_docs, key=lambda d: d.due_date)
    _tick(page, doc.doc_no)
    _set_date(page.new_due, doc.due_date + timedelta(days=45))
    page.reason.setText("the hospital's budget is released in February")
    before = len(page.model.rows())
    page.request_button.click()
    idle(qtbot, ctx)
    assert not page.problem.text()
    assert len(page.model.rows()) == before + 1
    filed = page.model.row_at(0)  # awaiting approval first, newest first
    assert (filed.status, filed.customer_code, filed.amount) == ("requested", "C0017", doc.open_amount)
    assert filed.new_due_date == doc.due_date + timedelta(days=45) and filed.requested_by


def test_a_deferral_past_three_months_after_the_contract_due_date_is_refused_on_the_form(
        qtbot, ctx, june_firm) -> None:  # noqa: ANN001
    rep = june_firm("yangfan")
    page = _deferral_form(qtbot, ctx, rep, "C0017")
    doc = max((d for d in receipts.open_documents(ctx.uow(rep), page.customer.customer_id) if d.open_amount > 0),
              key=lambda d: d.due_date)
    latest = add_months(doc.due_date, 3)
    _tick(page, doc.doc_no)
    _set_date(page.new_due, latest + timedelta(days=1))
    page.reason.setText("cash flow")
    before = len(page.model.rows())
    page.request_button.click()
    idle(qtbot, ctx)
    assert page.problem.text() == (f"{doc.doc_no} may be deferred to {latest.isoformat()} at the latest: "
                                   "3 months after the contract's due date.")
    assert page.problem.isVisible() and len(page.model.rows()) == before
    _set_date(page.new_due, latest)  # the last day allowed is allowed
    page.request_button.click()
    idle(qtbot, ctx)
    assert not page.problem.text() and len(page.model.rows()) == before + 1


def test_a_deferral_refused_asks_why_and_the_rep_reads_the_reason(qtbot, ctx, firm) -> None:  # noqa: ANN001
    gm = firm("wangjianguo")  # the demo's request awaits the GM
    page = _show(qtbot, ctx, DeferralsPage(ctx, gm))
    row = next(i for i, f in enumerate(page.model.rows()) if f.status == "requested")
    fid = page.model.row_at(row).id
    page.table.selectRow(row)
    dialog = page.decide(False)
    assert dialog is not None and not dialog.ok.isEnabled()
    dialog.reason_edit.setText("two invoices are already 60 days late")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.ok.click()
    idle(qtbot, ctx)
    f = next(f for f in page.model.rows() if f.id == fid)
    assert (f.status, f.refusal_note) == ("refused", "two invoices are already 60 days late")
    assert page.model.data(page.model.index(page.model.rows().index(f), 7)) == (
        "Refused: two invoices are already 60 days late")


# -- staff liability to Excel ----------------------------------------------------------------


def test_the_liability_export_has_shares_summing_to_each_charge_and_people_to_the_total(
        qtbot, ctx, firm, messages, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    fin = firm("wufang")
    month = max(m for m, _n, _t in liability.liability_months(ctx.uow(fin)))
    page = _show(qtbot, ctx, LiabilityPage(ctx, fin))
    page.year.setValue(month.year)
    page.month.setValue(month.month)
    idle(qtbot, ctx)
    st = page.statement
    assert st is not None and st.month == month and st.people
    out = tmp_path / "liability.xlsx"
    monkeypatch.setattr(dialogs, "save_file", lambda *_a, **_k: str(out))
    page.export_button.click()
    idle(qtbot, ctx)
    n_lines = sum(len(p.lines) for p in st.people)
    assert messages.texts("info") == [f"Wrote {n_lines} liability lines to {out}."]
    book = openpyxl.load_workbook(out, read_only=True)
    summary, lines = ([list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets)
    (_h, *people), (_h2, *items) = summary, lines
    *people, total = people
    assert len(items) == n_lines and len(people) == len(st.people)
    by_person: dict[str, int] = defaultdict(int)
    by_charge: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for x in items:
        if x[12] == "Final":  # only final charges are deducted (第19条 3)
            by_person[x[0]] += _minor(x[11])
        by_charge[(x[3], x[2])].append((_minor(x[9]), _minor(x[11])))
    for name, charged, refunded, deduct, _count, _awaiting, _exempted in people:
        assert _minor(charged) + _minor(refunded) == _minor(deduct) == by_person[name]
    for charge_lines in by_charge.values():  # the 5:3:2 shares of one charge add up to it
        assert len({c for c, _a in charge_lines}) == 1
        assert sum(a for _c, a in charge_lines) == charge_lines[0][0]
    assert total[0] == "Total" and _minor(total[3]) == st.total == sum(by_person.values())
    assert _minor(total[1]) + _minor(total[2]) == st.total
    assert _minor(total[5]) == st.awaiting  # proposed or awaiting the GM: shown, not deducted


# -- layout ----------------------------------------------------------------------------------


TABLES = (("aging", ("table",)), ("ladder", ("table",)), ("liability", ("people", "lines")),
          ("ledger", ("table",)),
          ("writeoffs", ("table",)), ("deferrals", ("table",)))


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_collections_tables_fit_a_1200_px_window_without_scrolling_sideways(qtbot, ctx, firm, lang) -> None:  # noqa: ANN001
    """The ladder and the liability statement above all, and the other pages' lists."""
    from sales_desk.ui.language import apply_language
    from sales_desk.ui.main_window import MainWindow

    apply_language(lang)
    fin = firm("wufang")
    month = max(m for m, _n, _t in liability.liability_months(ctx.uow(fin)))
    seen = set()
    for user in ("wufang", "zhangwei", "liming"):
        window = MainWindow(ctx, firm(user))
        qtbot.addWidget(window)
        window.resize(1200, 760)
        window.show()
        tab = window.tab("collections")
        window.tabs.setCurrentWidget(tab)
        for key, tables in TABLES:
            if key not in tab.pages:
                continue
            page = tab.show_page(key)
            idle(qtbot, ctx)
            if key == "liability":  # a month with lines, the widest of them shown
                page.year.setValue(month.year)
                page.month.setValue(month.month)
            if key == "ledger":
                page.open_customer(_customer(ctx, fin, "C0014")[0])
            idle(qtbot, ctx)
            for name in tables:
                table = getattr(page, name)
                assert table.model().rowCount(), (user, key, name)
                header = table.horizontalHeader()
                assert header.length() <= table.viewport().width(), (user, key, name)
                # the scroll bars follow a layout pass later in the event loop
                qtbot.waitUntil(lambda t=table: not t.horizontalScrollBar().isVisible(), timeout=2000)
                for col in range(header.count()):  # no column narrower than its heading
                    heading = table.model().headerData(col, Qt.Orientation.Horizontal)
                    assert header.sectionSize(col) >= header.fontMetrics().horizontalAdvance(heading), (
                        user, key, name, heading)
                seen.add((key, name))
    assert seen == {(key, name) for key, names in TABLES for name in names}


# -- the dashboard opens a customer's ledger here --------------------------------------------


def test_an_overdue_customer_on_the_dashboard_opens_its_ledger_in_the_collections_tab(qtbot, ctx, firm) -> None:  # noqa: ANN001
    from sales_desk.domain.planning.warnings import WarningKind
    from sales_desk.ui.main_window import MainWindow
    from sales_desk.ui.tabs.dashboard.records_dialog import RecordsDialog

    fin = firm("wufang")
    window = MainWindow(ctx, fin)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    overview = window.tab("dashboard").overview()
    qtbot.waitUntil(overview.drawn, timeout=20_000)
    idle(qtbot, ctx)
    first = overview.board.card(WarningKind.OVERDUE).figures[0]
    overview.tiles["overdue"].lines.linkActivated.emit(first.key)
    dialog = next(d for d in overview.findChildren(RecordsDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.model.rowCount() == first.count, timeout=10_000)
    record = dialog.model.row_at(0)
    assert (record.tab, record.open_kind) == ("collections", "ledger")
    dialog.open_button.click()
    idle(qtbot, ctx)
    collections = window.tab("collections")
    page = collections.pages["ledger"]
    assert window.tabs.currentWidget() is collections and collections.stack.currentWidget() is page
    assert page.ledger is not None and page.ledger.customer_id == record.open_id
    assert page.customer.customer_id == record.open_id and record.code in page.customer.text()
    assert page.model.rowCount() == len(page.ledger.lines) > 0
    assert page.ledger.overdue >= record.amount  # the overdue money the record showed
