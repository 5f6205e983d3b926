"""Printing the contract (customer's or internal copy) and the dispatch note from the tabs:
issued as documents of record through the runner, shown in the preview, saved as given
out; read back, Chinese included; printed again, a copy."""

from __future__ import annotations

import pytest

from sales_desk.domain.orders.contracts import CreditLimitExceeded
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import views as order_views
from sales_desk.ui.tabs.orders.printing import ContractPrintDialog, DispatchNotePrintDialog
from sales_desk.ui.tabs.orders.tab import OrdersTab, WarehouseTab
from tests.services.order_flow import approved, credit_customer, product, ship, signed, team
from tests.ui.conftest import idle
from tests.ui.records_ui import assert_previewed, pdf_text, save_preview


@pytest.fixture
def t(person):  # noqa: ANN001
    return team(person)


@pytest.fixture
def overridden(ctx, t) -> int:  # noqa: ANN001
    """An order blocked over the limit and released by the finance director's override."""
    cid = credit_customer(ctx.database, t)
    pid = product(ctx.database, t)
    oid = signed(ctx.database, t, cid, [(pid, 1200, None)])  # 120,000.00 against 100,000.00
    with pytest.raises(CreditLimitExceeded):
        order_approvals.approve_order(ctx.uow(t.mgr), oid)
    order_approvals.override_credit(ctx.uow(t.fd), oid, 2_000_000, "终端项目回款有保证，书面批准")
    return oid


@pytest.mark.parametrize(("internal", "lang", "title", "absent"), [
    (False, "en", "Sales contract", "Reviews and approvals"),
    (True, "zh_CN", "销售合同（内部存档联）", None),
])
def test_the_contract_is_printed_in_the_copy_and_language_chosen(qtbot, ctx, t, overridden, tmp_path,  # noqa: ANN001
                                                                  monkeypatch, messages, internal,
                                                                  lang, title, absent) -> None:
    tab = OrdersTab(ctx, t.rep)
    qtbot.addWidget(tab)
    tab.show()
    idle(qtbot, ctx)
    page = tab.orders_page()
    page.table.selectRow(0)
    dialog = page.print_selected()
    assert isinstance(dialog, ContractPrintDialog) and dialog.customer_copy.isChecked()  # the customer's, unless asked
    dialog.internal_copy.setChecked(internal)
    dialog.language.setCurrentIndex(dialog.language.findData(lang))
    dialog.save_button.click()
    idle(qtbot, ctx)
    preview = assert_previewed(dialog.documents.preview, copy=False)
    saved = save_preview(qtbot, ctx, preview, monkeypatch, tmp_path / "contract.pdf")
    assert saved == preview.pdf
    text = pdf_text(saved)
    number = order_views.get_order(ctx.uow(t.rep), overridden).number
    assert title in text and number in text and "上海华东贸易有限公司" in text
    assert dialog.documents.issued[0].number in text  # stamped with its document number
    if absent:
        assert absent not in text and "书面批准" not in text  # the customer never sees the override
    else:
        assert "终端项目回款有保证" in text  # the internal copy shows it
    again = page.print_selected()
    again.internal_copy.setChecked(internal)
    again.language.setCurrentIndex(again.language.findData(lang))
    again.issue_and_preview()
    idle(qtbot, ctx)
    assert_previewed(again.documents.preview, copy=True)
    assert again.documents.issued[0].id == dialog.documents.issued[0].id  # not issued twice


def test_the_dispatch_note_is_printed_from_the_shipment(qtbot, ctx, t, tmp_path, monkeypatch,  # noqa: ANN001
                                                        messages) -> None:
    cid = credit_customer(ctx.database, t)
    pid = product(ctx.database, t)
    oid = approved(ctx.database, t, cid, [(pid, 10, None)])
    ship(ctx.database, t, oid, {order_views.get_order(ctx.uow(t.wh), oid).lines[0].id: 4})
    tab = WarehouseTab(ctx, t.wh)
    qtbot.addWidget(tab)
    tab.show()
    idle(qtbot, ctx)
    notices = tab.pages["notices"]
    notices.shipments_table.selectRow(0)
    dialog = notices.print_selected()
    assert isinstance(dialog, DispatchNotePrintDialog)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.save_button.click()
    idle(qtbot, ctx)
    preview = assert_previewed(dialog.documents.preview, copy=False)
    text = pdf_text(save_preview(qtbot, ctx, preview, monkeypatch, tmp_path / "note.pdf"))
    number = order_views.get_order(ctx.uow(t.wh), oid).shipments[0].number
    assert "发货单" in text and number in text and "顺丰速运" in text and "SF1234567890" in text
