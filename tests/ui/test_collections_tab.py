"""The Collections tab on the demo firm: real widgets, real SQLite, the services behind them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from sales_desk import clock
from sales_desk.demo import firm as demo
from sales_desk.services.admin import auth
from sales_desk.services.collections import receipts, writeoffs
from sales_desk.ui.tabs.collections.aging_page import AgingPage
from sales_desk.ui.tabs.collections.deferrals_page import DeferralsPage
from sales_desk.ui.tabs.collections.ladder_page import LadderPage
from sales_desk.ui.tabs.collections.liability_page import LiabilityPage
from sales_desk.ui.tabs.collections.receipts_page import ReceiptsPage
from sales_desk.ui.tabs.collections.tab import CollectionsTab
from sales_desk.ui.tabs.collections.writeoffs_page import WriteOffsPage
from tests.ui.conftest import idle
from tests.ui.records_ui import assert_previewed, pdf_text, press_ctrl_p, print_into, save_preview


@pytest.fixture
def firm(ctx, boss):  # noqa: ANN001
    result = demo.load_demo(ctx.uow(boss))
    passwords = {u.username: u.password for u in result.users}
    return lambda username: auth.login(ctx.uow(), username, passwords[username])


def _show(qtbot, ctx, page):  # noqa: ANN001, ANN202
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    idle(qtbot, ctx)
    return page


def test_the_tab_shows_finance_the_receipts_and_a_rep_the_lawsuits_to_gather_evidence(qtbot, ctx, firm) -> None:
    fin = _show(qtbot, ctx, CollectionsTab(ctx, firm("wufang")))
    assert "receipts" in fin.pages and "writeoffs" in fin.pages
    rep = _show(qtbot, ctx, CollectionsTab(ctx, firm("yangfan")))
    assert "receipts" not in rep.pages and "writeoffs" in rep.pages and "deferrals" in rep.pages
    page = rep.pages["writeoffs"]  # the rep ticks evidence; submitting or approving a write-off is not theirs
    assert not page.submit_button.isEnabled() and not page.prepare_button.isEnabled()


def test_a_receipt_allocated_oldest_first_settles_the_oldest_invoice(qtbot, ctx, firm, messages) -> None:
    fin = firm("wufang")
    page = _show(qtbot, ctx, ReceiptsPage(ctx, fin))
    report = __import__("sales_desk.services.collections.aging", fromlist=["x"]).aging_report(ctx.uow(fin))
    cust = next(r for r in report.rows if r.total > 0 and r.credits == 0)
    docs = sorted((d for d in receipts.open_documents(ctx.uow(fin), cust.customer_id) if d.open_amount > 0),
                  key=lambda d: (d.due_date, d.doc_date, d.id))
    oldest = docs[0]
    page.customer.set_customer(cust.customer_id, cust.code, cust.name)
    idle(qtbot, ctx)
    assert page.docs.rowCount() == len(docs)
    page.amount.setText(str(oldest.open_amount // 100) + "." + f"{oldest.open_amount % 100:02d}")
    page.preview_oldest_first()
    assert page.allocations() == {oldest.id: oldest.open_amount}  # the preview: the oldest first
    page.record_receipt()
    idle(qtbot, ctx)
    assert messages.texts("confirm")
    left = {d.id: d.open_amount for d in receipts.open_documents(ctx.uow(fin), cust.customer_id)}
    assert left.get(oldest.id, 0) == 0


def test_an_allocation_by_hand_above_the_receipt_is_refused_on_the_form(qtbot, ctx, firm) -> None:
    fin = firm("wufang")
    page = _show(qtbot, ctx, ReceiptsPage(ctx, fin))
    report = __import__("sales_desk.services.collections.aging", fromlist=["x"]).aging_report(ctx.uow(fin))
    cust = next(r for r in report.rows if r.total > 0 and r.credits == 0)
    page.customer.set_customer(cust.customer_id, cust.code, cust.name)
    idle(qtbot, ctx)
    page.amount.setText("1.00")
    page.docs.item(0, 5).setText("2.00")
    assert page.by_hand
    page.record_receipt()
    assert "more than the receipt" in page.problem.text()


def test_aging_as_of_a_date_shows_the_buckets_and_drills_down_to_the_invoices(qtbot, ctx, firm) -> None:
    from PySide6.QtCore import QDate

    page = _show(qtbot, ctx, AgingPage(ctx, firm("wufang")))
    assert page.report is not None and all(t > 0 for t in page.report.totals)
    page.as_of.setDate(QDate(clock.today()).addDays(-200))
    idle(qtbot, ctx)
    assert page.report.as_of == page.as_of.date().toPython()
    headers = [page.model.headerData(c, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal)
               for c in range(page.model.columnCount())]
    assert list(page.report.labels) == headers[4:-2]
    page.as_of.setDate(QDate(clock.today()))
    idle(qtbot, ctx)
    row = next(i for i in range(page.model.rowCount()) if page.model.row_at(i).total > 0)
    page.table.selectRow(row)
    dialog = page.drill_down()
    idle(qtbot, ctx)
    assert dialog is not None and dialog.model.rowCount() > 0
    assert sum(i.open_amount for i in dialog.model.rows()) == page.model.row_at(row).total
    page.group.setCurrentIndex(1)  # by rep
    assert sum(g.total for g in page.model.rows()) == page.report.total
    assert page.chart.chart() is not None


def test_the_ladder_records_a_step_and_prints_its_letter(qtbot, ctx, firm, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    page = _show(qtbot, ctx, LadderPage(ctx, firm("wufang")))
    item = next(w for w in page.items if w.next_step == "dunning" and w.due_now)
    page.select_code(item.code)
    dialog = page.record_step()
    assert dialog is not None
    dialog.step.setCurrentIndex(dialog.step.findData("dunning"))
    dialog.record()
    idle(qtbot, ctx)
    assert dialog.recorded_id is not None, dialog.problem_label.text()
    idle(qtbot, ctx)
    assert next(w for w in page.items if w.code == item.code).current_step == "dunning"
    page.select_code(item.code)
    page.letter.setCurrentIndex(page.letter.findData("dunning"))
    press_ctrl_p(qtbot, page.table)
    idle(qtbot, ctx)
    first = assert_previewed(page.documents.preview, copy=False)
    text = pdf_text(first.pdf)
    assert item.code in text or item.name in text
    issued = page.documents.issued[0]
    saved = save_preview(qtbot, ctx, first, monkeypatch, tmp_path / "letter.pdf")
    assert saved == first.pdf  # the original: the kept bytes, as previewed
    page.print_letter()  # again: the same document, now a copy
    idle(qtbot, ctx)
    second = assert_previewed(page.documents.preview, copy=True)
    assert second is not first and page.documents.issued[0].id == issued.id
    assert issued.number in second.notice.text()


def test_a_thank_you_letter_comes_first_for_good_credit_and_the_refusal_shows(qtbot, ctx, firm) -> None:
    from sales_desk.services.collections import dunning

    fin = firm("wufang")
    page = _show(qtbot, ctx, LadderPage(ctx, fin))
    item = next(w for w in page.items if w.good_credit and w.next_step == "overdue")
    dunning.record_step(ctx.uow(fin), item.customer_id, "overdue")
    page.reload()
    idle(qtbot, ctx)
    assert next(w for w in page.items if w.code == item.code).next_step == "thank_you"
    page.select_code(item.code)
    dialog = page.record_step()
    dialog.step.setCurrentIndex(dialog.step.findData("dunning"))
    dialog.record()
    idle(qtbot, ctx)
    assert dialog.recorded_id is None and dialog.problem_label.text()


def test_a_batch_of_letters_is_issued_and_printed_once(qtbot, ctx, firm, tmp_path: Path, messages,  # noqa: ANN001
                                                       monkeypatch) -> None:
    page = _show(qtbot, ctx, LadderPage(ctx, firm("wufang")))
    out = tmp_path / "batch.pdf"
    print_into(monkeypatch, out)
    page.issue_batch("dunning")
    idle(qtbot, ctx)
    at_step = [w for w in page.items if w.current_step == "dunning"]
    assert len(page.documents.issued) == len(at_step) >= 1
    assert len(PdfReader(out).pages) >= len(at_step)
    assert "COPY" not in "".join(p.extract_text() for p in PdfReader(out).pages)
    assert messages.texts("info") == [f"{len(at_step)} documents went to {out}."]
    folder = tmp_path / "each"
    folder.mkdir()
    first = page.documents.issued
    page.issue_batch("dunning", str(folder))  # the same letters again: the same documents, copies
    idle(qtbot, ctx)
    assert [d.id for d in page.documents.issued] == [d.id for d in first]
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == len(at_step) and all("COPY" in pdf_text(f.read_bytes()) for f in files)


def test_a_write_off_approved_by_its_submitter_is_refused_and_shown(qtbot, ctx, firm, person) -> None:
    both = person("both", "finance", "sales_manager", justification="small branch: one person, audited")
    page = _show(qtbot, ctx, WriteOffsPage(ctx, both))
    from sales_desk.services.collections import lawsuits, worklist

    mgr = firm("zhangwei")
    cust = next(w for w in worklist.worklist(ctx.uow(mgr)) if w.current_step == "lawsuit")
    suit = lawsuits.customer_lawsuits(ctx.uow(mgr), cust.customer_id)[-1]
    lawsuits.record_outcome(ctx.uow(mgr), suit.id, "unrecoverable")
    wid = writeoffs.submit_writeoff(ctx.uow(both), cust.customer_id, "unrecoverable")
    page.reload()
    idle(qtbot, ctx)
    row = next(i for i in range(page.model.rowCount()) if page.model.row_at(i).id == wid)
    page.table.selectRow(row)
    page.decide(True)
    idle(qtbot, ctx)
    assert page.problem.text()
    assert next(w for w in writeoffs.writeoffs(ctx.uow(both)) if w.id == wid).status == "submitted"


def test_a_deferral_needs_both_the_vp_and_the_gm(qtbot, ctx, firm) -> None:
    vp, gm = firm("liming"), firm("wangjianguo")
    vp_page = _show(qtbot, ctx, DeferralsPage(ctx, vp))
    row = next(i for i in range(vp_page.model.rowCount()) if vp_page.model.row_at(i).status == "requested")
    number = vp_page.model.row_at(row).number
    vp_page.table.selectRow(row)
    vp_page.decide(True)
    idle(qtbot, ctx)
    status = {f.number: f for f in vp_page.model.rows()}[number]
    assert status.status == "requested" and status.vp  # one approval is not enough
    gm_page = _show(qtbot, ctx, DeferralsPage(ctx, gm))
    row = next(i for i in range(gm_page.model.rowCount()) if gm_page.model.row_at(i).number == number)
    gm_page.table.selectRow(row)
    gm_page.decide(True)
    idle(qtbot, ctx)
    assert {f.number: f for f in gm_page.model.rows()}[number].status == "approved"


def test_the_liability_statement_shares_sum_to_the_total(qtbot, ctx, firm) -> None:
    from sales_desk.services.collections import liability

    fin = firm("wufang")
    months = liability.liability_months(ctx.uow(fin))
    month = months[-1][0]
    page = _show(qtbot, ctx, LiabilityPage(ctx, fin))
    page.year.setValue(month.year)
    page.month.setValue(month.month)
    idle(qtbot, ctx)
    st = page.statement
    assert st is not None and st.people
    assert sum(p.total for p in page.people_model.rows()) == st.total
    for p in st.people:  # only final charges are deducted (第19条 3)
        assert sum(x.amount for x in p.lines if x.status == "final") == p.total
    assert page.lines_model.rowCount() == len(st.people[0].lines)


def test_table_models_pass_the_model_tester(qtbot, ctx, firm, qtmodeltester) -> None:
    fin = firm("wufang")
    aging_page = _show(qtbot, ctx, AgingPage(ctx, fin))
    ladder = _show(qtbot, ctx, LadderPage(ctx, fin))
    liability_page = _show(qtbot, ctx, LiabilityPage(ctx, fin))
    for model in (aging_page.model, ladder.model, liability_page.people_model, liability_page.lines_model):
        qtmodeltester.check(model)


def test_the_credit_audit_is_issued_once_and_previewed_with_ctrl_p(qtbot, ctx, firm, tmp_path: Path,  # noqa: ANN001
                                                                   monkeypatch) -> None:
    fin = firm("wufang")
    page = _show(qtbot, ctx, LiabilityPage(ctx, fin))
    assert page.audit_button.isVisibleTo(page)
    press_ctrl_p(qtbot, page.people)
    idle(qtbot, ctx)
    first = assert_previewed(page.documents.preview, copy=False)
    issued = page.documents.issued[0]
    assert issued.kind == "credit_audit" and issued.number in pdf_text(first.pdf)
    assert save_preview(qtbot, ctx, first, monkeypatch, tmp_path / "audit.pdf") == first.pdf
    page.print_audit()
    idle(qtbot, ctx)
    again = assert_previewed(page.documents.preview, copy=True)  # saved once: now a copy
    assert page.documents.issued[0].id == issued.id
    copy = save_preview(qtbot, ctx, again, monkeypatch, tmp_path / "copy.pdf")
    assert copy != first.pdf and "COPY" in pdf_text(copy)
