"""Credit tab: the specialist's checklist and report, finance's review (real widgets, real SQLite)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from sales_desk.domain.credit.checklist import InvestigationStatus
from sales_desk.services.credit import investigation as inv_svc
from sales_desk.ui.tabs.credit.checklist_model import ATTACHMENT, DATE, RECEIVED, STAMPED
from sales_desk.ui.tabs.credit.investigation_dialog import InvestigationDialog
from sales_desk.ui.tabs.credit.investigations_page import InvestigationsPage
from sales_desk.ui.tabs.credit.tab import CreditTab
from tests.services.credit_flow import new_customer, staff
from tests.ui.conftest import idle


@pytest.fixture
def s(person):  # noqa: ANN001
    return staff(person)


@pytest.fixture
def cid(ctx, s) -> int:  # noqa: ANN001
    return new_customer(ctx.database, s.rep)


def _tab(qtbot, ctx, actor) -> CreditTab:  # noqa: ANN001
    tab = CreditTab(ctx, actor)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    idle(qtbot, ctx)
    return tab


def _item(ctx, actor, inv_id: int, key: str):  # noqa: ANN001, ANN202
    return next(i for i in inv_svc.get_investigation(ctx.uow(actor), inv_id).items if i.key == key)


def _tick(qtbot, ctx, dialog: InvestigationDialog, key: str, column: int) -> None:  # noqa: ANN001
    """Move to the cell and press Space, as a keyboard user does."""
    dialog.tree.setFocus()
    dialog.tree.setCurrentIndex(dialog.checklist.index_of(key, column))
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    idle(qtbot, ctx)


def _open_new(qtbot, ctx, tab: CreditTab, cid: int) -> InvestigationDialog:  # noqa: ANN001
    page = tab.pages["investigations"]
    assert isinstance(page, InvestigationsPage)
    new = tab.new_investigation(cid, "C0001 上海华东贸易有限公司")
    idle(qtbot, ctx)
    with qtbot.waitSignal(page.sig_dialog_opened) as opened:
        new.open_button.click()
    dialog = opened.args[0]  # a child of the page: closed with the tab
    idle(qtbot, ctx)
    return dialog


def test_specialist_ticks_checklist_items_and_submits(qtbot, ctx, s, cid, messages) -> None:  # noqa: ANN001
    tab = _tab(qtbot, ctx, s.spec)
    assert tab.stack.currentWidget() is tab.pages["investigations"]  # the specialist's work queue first
    dialog = _open_new(qtbot, ctx, tab, cid)
    inv_id = dialog.investigation_id
    assert dialog.view.status == InvestigationStatus.OPEN

    _tick(qtbot, ctx, dialog, "business_licence", RECEIVED)
    stored = _item(ctx, s.spec, inv_id, "business_licence")
    assert stored.received and stored.received_on is not None and not stored.stamped
    # Stamping a document the customer has not handed in counts it as received too.
    _tick(qtbot, ctx, dialog, "articles", STAMPED)
    assert _item(ctx, s.spec, inv_id, "articles").received
    dialog.checklist.setData(dialog.checklist.index_of("articles", DATE), date(2026, 1, 5))
    idle(qtbot, ctx)
    assert _item(ctx, s.spec, inv_id, "articles").received_on == date(2026, 1, 5)
    assert dialog.checklist.item("articles").received_on == date(2026, 1, 5)  # reloaded as stored

    dialog.report.insertPlainText("资料齐全，经营稳定。")  # keyClicks types ASCII only
    dialog.submit_button.click()  # the licence is received but not stamped: refused, said why
    idle(qtbot, ctx)
    assert "stamped" in dialog.problem_label.text()
    assert inv_svc.get_investigation(ctx.uow(s.spec), inv_id).status == InvestigationStatus.OPEN

    _tick(qtbot, ctx, dialog, "business_licence", STAMPED)
    dialog.submit_button.click()
    idle(qtbot, ctx)
    view = inv_svc.get_investigation(ctx.uow(s.spec), inv_id)
    assert view.status == InvestigationStatus.SUBMITTED and view.report == "资料齐全，经营稳定。"
    assert any("finance" in text for text in messages.texts("confirm"))
    assert "Submitted to finance" in dialog.status.text()
    assert not dialog.submit_button.isEnabled() and not dialog.checklist.editable
    page = tab.pages["investigations"]
    assert [r.status for r in page.model.rows()] == ["submitted"]  # the queue refreshed itself


def test_unticking_received_clears_stamp_and_refused_edit_shows_stored_state(qtbot, ctx, s, cid) -> None:  # noqa: ANN001
    inv_id = inv_svc.open_investigation(ctx.uow(s.spec), cid)
    dialog = InvestigationDialog(ctx, s.spec, inv_id)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    _tick(qtbot, ctx, dialog, "profile", STAMPED)
    assert _item(ctx, s.spec, inv_id, "profile").stamped
    _tick(qtbot, ctx, dialog, "profile", RECEIVED)
    stored = _item(ctx, s.spec, inv_id, "profile")
    assert not stored.received and not stored.stamped
    # A date in the future is refused by the service: the message shows, the tree shows what is stored.
    _tick(qtbot, ctx, dialog, "profile", RECEIVED)
    dialog.checklist.setData(dialog.checklist.index_of("profile", DATE), date(2999, 1, 1))
    idle(qtbot, ctx)
    assert "future" in dialog.problem_label.text()
    assert dialog.checklist.item("profile").received_on != date(2999, 1, 1)


def test_figures_and_report_saved_together_and_bad_figure_named(qtbot, ctx, s, cid) -> None:  # noqa: ANN001
    inv_id = inv_svc.open_investigation(ctx.uow(s.spec), cid)
    dialog = InvestigationDialog(ctx, s.spec, inv_id)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    edits = dialog.figures.edits
    edits["current_assets"].setText("6,000,000")
    edits["current_liabilities"].setText("2,000,000")
    edits["cost_rate_bp"].setText("75 %")
    edits["supplier_count"].setValue(4)
    assert "current ratio 3.00" in dialog.figures.ratios.text()
    dialog.report.insertPlainText("报告")  # keyClicks types ASCII only
    edits["supply_share_bp"].setText("forty")
    dialog.save_button.click()
    assert "Our share of supply" in dialog.problem_label.text()
    assert dialog.tabs.currentWidget() is dialog.figures_page
    edits["supply_share_bp"].setText("40")
    dialog.save_button.click()
    idle(qtbot, ctx)
    view = inv_svc.get_investigation(ctx.uow(s.spec), inv_id)
    f = view.figures
    assert (f.current_assets, f.current_liabilities, f.cost_rate_bp, f.supply_share_bp, f.supplier_count) == (
        600_000_000, 200_000_000, 7500, 4000, 4)
    assert view.report == "报告" and dialog.problem_label.text() == "Saved."
    assert not dialog.dirty()


def test_closing_with_unsaved_figures_asks_first(qtbot, ctx, s, cid, messages) -> None:  # noqa: ANN001
    inv_id = inv_svc.open_investigation(ctx.uow(s.spec), cid)
    dialog = InvestigationDialog(ctx, s.spec, inv_id)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    dialog.report.insertPlainText("未保存")  # keyClicks types ASCII only
    messages.confirm_answer = False
    dialog.reject()
    assert dialog.isVisible() and messages.texts("confirm")


def test_finance_reviews_returns_with_a_note_then_passes(qtbot, ctx, s, cid, messages) -> None:  # noqa: ANN001
    inv_id = inv_svc.open_investigation(ctx.uow(s.spec), cid)
    inv_svc.write_report(ctx.uow(s.spec), inv_id, "报告")
    inv_svc.submit_investigation(ctx.uow(s.spec), inv_id)
    tab = _tab(qtbot, ctx, s.fin)
    page = tab.pages["investigations"]
    assert tab.stack.currentWidget() is page
    assert page.status_combo.currentData() == "submitted" and [r.id for r in page.model.rows()] == [inv_id]
    assert not page.new_button.isVisible()  # finance does not investigate
    page.table.selectRow(0)
    dialog = page.open_selected()
    idle(qtbot, ctx)
    assert dialog.review_box.isVisible() and not dialog.save_button.isVisible()
    assert dialog.figures.edits["current_assets"].isReadOnly()

    dialog.return_button.click()  # without a note: not sent, said why
    assert "corrected" in dialog.problem_label.text()
    dialog.review_edit.insertPlainText("缺少审计报告")  # keyClicks types ASCII only
    dialog.return_button.click()
    idle(qtbot, ctx)
    view = inv_svc.get_investigation(ctx.uow(s.fin), inv_id)
    assert view.status == InvestigationStatus.RETURNED and view.review_note == "缺少审计报告"
    assert not dialog.review_box.isVisible() and "缺少审计报告" in dialog.review_note.text()

    inv_svc.submit_investigation(ctx.uow(s.spec), inv_id)
    dialog.load()
    idle(qtbot, ctx)
    dialog.pass_button.click()
    idle(qtbot, ctx)
    assert inv_svc.get_investigation(ctx.uow(s.fin), inv_id).status == InvestigationStatus.REVIEWED
    assert any("Pass investigation" in t for t in messages.texts("confirm"))


def test_investigator_cannot_review_their_own_investigation(qtbot, ctx, person, cid) -> None:  # noqa: ANN001
    both = person("both", "cs_specialist", "finance")
    inv_id = inv_svc.open_investigation(ctx.uow(both), cid)
    inv_svc.write_report(ctx.uow(both), inv_id, "报告")
    inv_svc.submit_investigation(ctx.uow(both), inv_id)
    dialog = InvestigationDialog(ctx, both, inv_id)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    dialog.pass_button.click()
    idle(qtbot, ctx)
    assert "own" in dialog.problem_label.text()
    assert inv_svc.get_investigation(ctx.uow(both), inv_id).status == InvestigationStatus.SUBMITTED


def test_a_file_attached_to_an_item_is_cited_and_opens(qtbot, ctx, s, cid, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from sales_desk.ui.tabs.credit import investigation_dialog

    scan = tmp_path / "licence.pdf"
    scan.write_bytes(b"%PDF-1.4 licence scan")
    monkeypatch.setattr(investigation_dialog.dialogs, "open_file", lambda *a: str(scan))
    shown: list = []
    monkeypatch.setattr(investigation_dialog.dialogs, "open_path", lambda parent, path: shown.append(path))
    inv_id = inv_svc.open_investigation(ctx.uow(s.spec), cid)
    dialog = InvestigationDialog(ctx, s.spec, inv_id)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    assert not dialog.attach_button.isEnabled()  # no item chosen yet
    dialog.tree.setCurrentIndex(dialog.checklist.index_of("business_licence", ATTACHMENT))
    assert dialog.attach_button.isEnabled() and not dialog.show_document_button.isEnabled()
    dialog.attach_button.click()
    idle(qtbot, ctx)
    stored = _item(ctx, s.spec, inv_id, "business_licence")
    assert stored.received and stored.document_id is not None
    assert stored.document_title == "Business licence (copy)"
    assert dialog.checklist.index_of("business_licence", ATTACHMENT).data() == "Business licence (copy)"
    dialog.tree.setCurrentIndex(dialog.checklist.index_of("business_licence", ATTACHMENT))
    dialog.show_document_button.click()
    idle(qtbot, ctx)
    assert len(shown) == 1 and shown[0].read_bytes() == scan.read_bytes()  # the stored copy
