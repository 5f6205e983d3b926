"""Inside a customer file: contacts, documents, the relationship log, the superior's review."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from sales_desk import clock
from sales_desk.domain.customers.files import InteractionKind
from sales_desk.services.customers import files as customers
from sales_desk.services.customers import records as customer_records
from sales_desk.services.customers.data import CustomerInput
from sales_desk.ui.tabs.customers.file_dialog import CustomerDialog
from sales_desk.ui.widgets import dialogs
from tests.ui.conftest import idle

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def rep(person):  # noqa: ANN001
    return person("rep", "sales_rep")


@pytest.fixture
def customer(ctx, rep) -> int:  # noqa: ANN001
    return customers.create_customer(ctx.uow(rep), CustomerInput(name="苏州华东机电有限公司", region="east"))


def _open(qtbot, ctx, actor, customer_id: int) -> CustomerDialog:  # noqa: ANN001
    dialog = CustomerDialog(ctx, actor, customer_id)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    return dialog


def test_contacts_of_an_existing_file_are_saved_at_once(qtbot, ctx, rep, customer) -> None:
    dialog = _open(qtbot, ctx, rep, customer)
    dialog.show_section("contacts")
    contact = dialog.contacts.add()
    contact.name.insert("王主任")
    contact.phone.insert("0512-1234")
    contact.accept()
    idle(qtbot, ctx)
    assert [c.name for c in customers.customer_card(ctx.uow(rep), customer).contacts] == ["王主任"]
    assert dialog.contacts.model.rowCount() == 1
    dialog.contacts.table.selectRow(0)
    dialog.contacts.remove()  # confirmed by the test's stand-in for the question
    idle(qtbot, ctx)
    assert customers.customer_card(ctx.uow(rep), customer).contacts == ()
    assert dialog.contacts.model.rowCount() == 0


def test_complaint_is_logged_and_its_handling_recorded(qtbot, ctx, rep, customer) -> None:
    dialog = _open(qtbot, ctx, rep, customer)
    log = dialog.show_section("relationship")
    idle(qtbot, ctx)
    entry = log.log_entry()
    entry.kind.setCurrentIndex(entry.kind.findData(InteractionKind.COMPLAINT.value))
    assert not entry.form.isRowVisible(entry.goods)  # goods and amount belong to returns
    entry.subject.insert("包装破损")
    qtbot.mouseClick(entry.ok, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert log.model.rowCount() == 1 and log.model.row_at(0).status == "open"
    log.table.selectRow(0)
    handling = log.handle_selected()
    assert not handling.ok.isEnabled()
    handling.handling.insertPlainText("补发新货并致歉")
    qtbot.mouseClick(handling.ok, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    row = customer_records.list_interactions(ctx.uow(rep), customer)[0]
    assert row.status == "closed" and row.handling == "补发新货并致歉"
    assert log.model.row_at(0).status == "closed"


def test_return_with_goods_and_amount_is_logged(qtbot, ctx, rep, customer) -> None:
    dialog = _open(qtbot, ctx, rep, customer)
    log = dialog.show_section("relationship")
    entry = log.log_entry()
    entry.kind.setCurrentIndex(entry.kind.findData(InteractionKind.RETURN_EXCHANGE.value))
    assert entry.form.isRowVisible(entry.goods)
    entry.subject.insert("换货")
    entry.goods.insert("A型号 ×10")
    entry.amount.setText("1,200.00")
    entry.accept()
    idle(qtbot, ctx)
    row = customer_records.list_interactions(ctx.uow(rep), customer)[0]
    assert (row.kind, row.goods, row.amount) == ("return_exchange", "A型号 ×10", 120000)
    assert row.occurred_on == clock.today()  # the dialog's default, the business date


def test_document_is_attached_into_the_data_folder_and_opened(qtbot, ctx, rep, customer, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "营业执照.pdf"
    source.write_bytes(b"%PDF-1.4 licence")
    monkeypatch.setattr(dialogs, "open_file", lambda parent, title, file_filter="": str(source))
    shown: list[Path] = []
    monkeypatch.setattr(dialogs, "open_path", lambda parent, path: shown.append(path))
    dialog = _open(qtbot, ctx, rep, customer)
    assert dialog.locks["documents"].unlocked  # the rep keeps the file
    dialog.show_section("documents")
    attach = dialog.documents.attach()
    attach.choose()
    assert attach.ok.isEnabled()
    attach.title.insert("营业执照")
    attach.accept()
    idle(qtbot, ctx)
    assert dialog.documents.model.rowCount() == 1
    stored = customers.customer_file(ctx.uow(rep), customer).documents
    assert [d.title for d in stored] == ["营业执照"]
    dialog.documents.table.selectRow(0)
    dialog.documents.open_selected()
    idle(qtbot, ctx)
    assert len(shown) == 1 and shown[0].read_bytes() == b"%PDF-1.4 licence"
    assert shown[0] != source and ctx.database.config.data_dir in shown[0].parents


def test_supervisor_reviews_the_file_and_the_creator_cannot(qtbot, ctx, rep, customer, person, messages) -> None:
    sup = person("sup", "sales_supervisor")
    dialog = _open(qtbot, ctx, sup, customer)
    assert dialog.save_button is None  # a supervisor reads the file, does not edit it
    review = dialog.show_section("review")
    assert "Waiting" in review.status.text()
    prompt = review.review()
    prompt.note.insert("信息完整")
    prompt.accept()
    idle(qtbot, ctx)
    assert customers.customer_card(ctx.uow(sup), customer).review_status == "reviewed"
    assert review.status.text().startswith("Reviewed by sup")
    assert not review.review_button.isEnabled()

    lead = person("lead", "sales_rep", "sales_supervisor")
    own = customers.create_customer(ctx.uow(lead), CustomerInput(name="自建档案公司"))
    review = _open(qtbot, ctx, lead, own).show_section("review")
    review.review().accept()
    idle(qtbot, ctx)
    assert messages.texts("error") == ["Nobody may approve their own request."]
    assert customers.customer_card(ctx.uow(lead), own).review_status == "pending"


def test_closing_with_unsaved_changes_asks_first(qtbot, ctx, rep, customer, messages) -> None:
    dialog = _open(qtbot, ctx, rep, customer)
    dialog.fields["address"].setText("苏州市工业园区")
    messages.confirm_answer = False
    dialog.reject()
    assert dialog.isVisible() and messages.texts("confirm")
    messages.confirm_answer = True
    dialog.reject()
    assert not dialog.isVisible()
    assert customers.customer_card(ctx.uow(rep), customer).address == ""


def test_the_file_lists_the_documents_issued_for_this_customer_only_and_enter_opens_one(
        qtbot, ctx, rep, customer) -> None:  # noqa: ANN001
    from sales_desk.reports.records import issuers
    from tests.services.test_letter_batch_issue import _letter
    from tests.ui.records_ui import assert_previewed

    code = customers.customer_card(ctx.uow(rep), customer).code
    ours = issuers.issue_letter(ctx.uow(rep), replace(_letter(1), customer_code=code), "zh_CN")
    issuers.issue_letter(ctx.uow(rep), _letter(2), "en")  # another customer's
    dialog = _open(qtbot, ctx, rep, customer)
    page = dialog.show_section("issued")
    idle(qtbot, ctx)
    assert [page.model.row_at(i).number for i in range(page.model.rowCount())] == [ours.number]
    assert page.count_label.text() == "1 document."
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "customer_documents_issued.png"))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert_previewed(page.documents.preview, copy=False)
