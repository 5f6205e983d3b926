"""The receipts page's history: finance reverses a bounced cheque with a reason, and the
invoices it settled are open again; a reversed receipt cannot be reversed twice."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QLabel

from sales_desk.services.collections import receipts
from sales_desk.services.collections.receipts import ReceiptInput
from sales_desk.ui.tabs.collections.receipts_page import ReceiptsPage
from tests.services.collection_flow import customer, invoice, open_amount
from tests.ui.conftest import idle


def test_finance_reverses_a_bounced_cheque_and_its_invoice_is_open_again(qtbot, ctx, person) -> None:  # noqa: ANN001
    fin, rep = person("fin", "finance"), person("rep", "sales_rep")
    cid = customer(ctx.database, rep, "C950")
    inv = invoice(ctx.database, fin, "C950", "UI-1", 40, 20_000)
    receipts.record_receipt(ctx.uow(fin), ReceiptInput(cid, 20_000, method="cheque", reference="支票 0012"))
    page = ReceiptsPage(ctx, fin)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.customer.set_customer(cid, "C950", "C950 贸易有限公司")
    idle(qtbot, ctx)
    assert page.history_model.rowCount() == 1 and not page.reverse_button.isEnabled()
    page.history.selectionModel().select(page.history_model.index(0, 0),
                                         QItemSelectionModel.SelectionFlag.ClearAndSelect
                                         | QItemSelectionModel.SelectionFlag.Rows)
    assert page.reverse_button.isEnabled()
    dialog = page.reverse_receipt()
    assert dialog is not None
    assert any("OB-UI-1" in label.text() for label in dialog.findChildren(QLabel))  # what it re-opens
    assert not dialog.ok.isEnabled()  # a reversal must say why
    dialog.reason_edit.setText("支票退票")
    dialog.submit()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 1
                    and page.history_model.row_at(0).reversed_on is not None)
    assert open_amount(ctx.database, inv) == 20_000
    assert "支票退票" in page.history_model.data(page.history_model.index(0, 6))
    page.history.selectionModel().select(page.history_model.index(0, 0),
                                         QItemSelectionModel.SelectionFlag.ClearAndSelect
                                         | QItemSelectionModel.SelectionFlag.Rows)
    assert not page.reverse_button.isEnabled() and page.reverse_receipt() is None
    assert page.docs.rowCount() == 1  # the invoice is back among the open documents


def test_money_for_a_written_off_debt_is_recorded_as_its_recovery(qtbot, ctx, person, messages) -> None:  # noqa: ANN001
    from sales_desk.services.collections import ledger
    from sales_desk.services.collections.ledger import RECOVERY
    from tests.services.collection_flow import crew, written_off_customer

    team = crew(person)
    cid, rid = written_off_customer(ctx.database, team, "C960", 50_000)
    page = ReceiptsPage(ctx, team.fin)
    qtbot.addWidget(page)
    page.show()
    page.customer.set_customer(cid, "C960", "C960 贸易有限公司")
    idle(qtbot, ctx)
    assert page.docs.rowCount() == 0  # nothing open: it was written off
    page.recovery.setChecked(True)
    idle(qtbot, ctx)
    assert page.docs.rowCount() == 1 and page.docs.item(0, 0).text() == "OB-C960-1"
    page.amount.setText("200.00")
    page.preview_oldest_first()
    assert page.allocations() == {rid: 20_000}
    page.record_receipt()
    idle(qtbot, ctx)
    assert "written off" in messages.texts("confirm")[-1]
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 1)
    lines = ledger.customer_ledger(ctx.uow(team.fin), cid).lines
    assert [x.kind for x in lines[-2:]] == [RECOVERY, "receipt"] and lines[-1].balance == 0
