"""The Customers tab: the list (paged, filtered in the query, a rep's own customers only),
new files through the dialog, the confidential file and its access card, the export."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from sales_desk import clock
from sales_desk.demo import firm as demo
from sales_desk.demo.customers import CUSTOMER_COUNT
from sales_desk.services.admin import auth
from sales_desk.services.customers import files as customers
from sales_desk.services.customers import listing as customer_list
from sales_desk.services.customers.data import CustomerInput
from sales_desk.services.customers.listing import CustomerFilter
from sales_desk.ui.tabs.customers.file_dialog import CustomerDialog
from sales_desk.ui.tabs.customers.flags import FLAGS_ROLE
from sales_desk.ui.tabs.customers.list_model import COLUMN_INDEX, CustomerListModel
from sales_desk.ui.tabs.customers.list_page import CustomersPage
from tests.ui.conftest import idle

DEMO_FILES = CUSTOMER_COUNT + 1  # the demo's customers and the lead it converts into a file


@pytest.fixture
def firm(ctx, boss):  # noqa: ANN001
    """The demo firm; firm("zhangwei") → that user, logged in."""
    result = demo.load_demo(ctx.uow(boss))
    passwords = {u.username: u.password for u in result.users}
    return lambda username: auth.login(ctx.uow(), username, passwords[username])


def _page(qtbot, ctx, actor) -> CustomersPage:  # noqa: ANN001
    page = CustomersPage(ctx, actor)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    idle(qtbot, ctx)
    return page


def closed(dialog) -> bool:  # noqa: ANN001
    """Closed, and gone: a file dialog is made for one use."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the pending deleteLater
    return not shiboken6.isValid(dialog)


def _all_rows(qtbot, ctx, model):  # noqa: ANN001, ANN202
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        idle(qtbot, ctx)
    return [model.row_at(i) for i in range(model.rowCount())]


def _search(qtbot, ctx, page: CustomersPage, text: str) -> None:  # noqa: ANN001
    """Type (or paste: QTest cannot type Chinese), then wait for the typing pause and the query."""
    page.filters.search.clear()
    page.filters.search.insert(text)
    qtbot.waitUntil(lambda: page.model.flt.text == text.strip(), timeout=5000)
    idle(qtbot, ctx)


# -- the list ----------------------------------------------------------------------------------


def test_list_shows_the_demo_firms_customers_with_their_count(qtbot, ctx, firm) -> None:
    manager = firm("zhangwei")
    page = _page(qtbot, ctx, manager)
    expected = customer_list.count_customers(ctx.uow(manager))
    assert expected == DEMO_FILES
    assert page.model.rowCount() == expected
    assert page.count_label.text() == f"{DEMO_FILES} customers."
    first = page.model.row_at(0)
    assert page.model.data(page.model.index(0, COLUMN_INDEX["name"])) == first.name
    assert page.filters.rep.isVisibleTo(page)  # a manager filters by rep


def test_typing_in_the_search_box_narrows_the_list_in_the_query(qtbot, ctx, firm) -> None:
    page = _page(qtbot, ctx, firm("zhangwei"))
    name = page.model.row_at(3).name
    fragment = name[2:6]  # a run of Chinese characters from the middle of a name
    _search(qtbot, ctx, page, fragment)
    names = [r.name for r in _all_rows(qtbot, ctx, page.model)]
    assert name in names and 0 < len(names) < DEMO_FILES
    assert all(fragment in n for n in names)
    assert page.count_label.text().startswith(f"{len(names)} customer")
    _search(qtbot, ctx, page, "没有这个客户")
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "No customer matches these filters."
    page.filters.clear()
    idle(qtbot, ctx)
    assert page.model.rowCount() == DEMO_FILES


def test_list_is_counted_only_when_the_first_page_is_not_everything(qtbot, ctx, firm, monkeypatch) -> None:
    counted: list[CustomerFilter] = []
    real = customer_list.count_customers

    def count(uow, flt):  # noqa: ANN001, ANN202
        counted.append(flt)
        return real(uow, flt)

    monkeypatch.setattr(customer_list, "count_customers", count)
    page = CustomersPage(ctx, firm("zhangwei"), page_size=25)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    assert counted == [CustomerFilter()]
    assert page.count_label.text() == f"25 of {DEMO_FILES} customers shown; scroll down for more."
    _all_rows(qtbot, ctx, page.model)
    assert page.count_label.text() == f"{DEMO_FILES} customers."
    page.filters.flag.setCurrentIndex(page.filters.flag.findData("credit_hold"))
    idle(qtbot, ctx)
    assert page.count_label.text() == "1 customer." and len(counted) == 1  # one page: no count query


def test_combos_filter_by_region_and_flag(qtbot, ctx, firm) -> None:
    manager = firm("zhangwei")
    page = _page(qtbot, ctx, manager)
    page.filters.region.setCurrentIndex(page.filters.region.findData("south"))
    idle(qtbot, ctx)
    rows = _all_rows(qtbot, ctx, page.model)
    assert rows and {r.region for r in rows} == {"south"}
    page.filters.flag.setCurrentIndex(page.filters.flag.findData("key_account"))
    idle(qtbot, ctx)
    expected = customer_list.count_customers(ctx.uow(manager), CustomerFilter(region="south", key_account=True))
    assert page.model.rowCount() == expected
    assert all(r.key_account and r.region == "south" for r in _all_rows(qtbot, ctx, page.model))


def test_a_rep_sees_only_their_own_customers(qtbot, ctx, firm) -> None:
    rep = firm("yangfan")
    page = _page(qtbot, ctx, rep)
    rows = _all_rows(qtbot, ctx, page.model)
    assert rows and {r.rep_id for r in rows} == {rep.user_id}
    assert len(rows) < DEMO_FILES
    assert not page.filters.rep.isVisibleTo(page)  # nobody else's files to choose
    assert not page.export_button.isVisibleTo(page)  # exporting is its own right


def test_credit_hold_and_stale_files_are_flagged(qtbot, ctx, firm) -> None:
    page = _page(qtbot, ctx, firm("zhangwei"))
    page.filters.flag.setCurrentIndex(page.filters.flag.findData("stale"))
    idle(qtbot, ctx)
    assert page.model.rowCount() >= 1
    flags = page.model.index(0, COLUMN_INDEX["flags"])
    assert "stale" in page.model.data(flags, FLAGS_ROLE)
    assert "Stale file" in page.model.data(flags)
    page.filters.flag.setCurrentIndex(page.filters.flag.findData("credit_hold"))
    idle(qtbot, ctx)
    assert page.model.rowCount() == 1
    held = page.model.index(0, COLUMN_INDEX["credit_grade"])
    assert page.model.data(held, Qt.ItemDataRole.ForegroundRole) is not None  # red
    assert page.model.data(page.model.index(0, COLUMN_INDEX["flags"]), FLAGS_ROLE)[0] == "credit_hold"


def test_a_file_untouched_for_three_months_shows_as_stale(qtbot, ctx, person) -> None:
    rep = person("rep", "sales_rep")
    uow = ctx.uow(rep)
    uow.clock = lambda: clock.now() - timedelta(days=120)
    old = customers.create_customer(uow, CustomerInput(name="旧档案贸易公司"))
    customers.create_customer(ctx.uow(rep), CustomerInput(name="新档案贸易公司"))
    page = _page(qtbot, ctx, rep)
    by_id = {page.model.row_at(i).id: i for i in range(page.model.rowCount())}
    flags = lambda row: page.model.data(page.model.index(row, COLUMN_INDEX["flags"]), FLAGS_ROLE)  # noqa: E731
    assert "stale" in flags(by_id[old])
    assert [r for r in by_id if r != old and "stale" in flags(by_id[r])] == []
    dialog = page.open_customer(old)
    idle(qtbot, ctx)
    assert "not updated since" in " ".join(
        w.text() for w in dialog.findChildren(type(dialog.title)) if w.parent() is dialog)


def test_customer_list_model_passes_the_model_tester_and_pages_by_keyset(qtbot, qtmodeltester, ctx, firm) -> None:
    manager = firm("zhangwei")
    model = CustomerListModel(ctx, manager, page_size=25)
    model.reload()
    idle(qtbot, ctx)
    assert model.rowCount() == 25 and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    idle(qtbot, ctx)
    rows = _all_rows(qtbot, ctx, model)
    assert len(rows) == DEMO_FILES and len({r.id for r in rows}) == DEMO_FILES
    assert [(r.name, r.id) for r in rows] == sorted((r.name, r.id) for r in rows)
    qtmodeltester.check(model)


# -- keys ----------------------------------------------------------------------------------------


def test_keyboard_ctrl_f_searches_enter_opens_ctrl_n_starts_a_file(qtbot, ctx, firm) -> None:
    rep = firm("yangfan")
    page = _page(qtbot, ctx, rep)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filters.search.hasFocus()
    qtbot.keyClick(page.filters.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.table.current_row() == 0
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    idle(qtbot, ctx)
    opened = page.findChildren(CustomerDialog)
    assert len(opened) == 1 and opened[0].customer_id == page.model.row_at(0).id
    opened[0].reject()
    page.activateWindow()  # as the window manager does when the dialog closes
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    new = [d for d in page.findChildren(CustomerDialog) if d.new]
    assert len(new) == 1 and new[0].isVisible()
    assert new[0].save_button.isDefault()  # Enter in a field saves
    qtbot.waitUntil(new[0].isActiveWindow)
    assert new[0].fields["name"].hasFocus()
    new[0].code.setFocus()
    qtbot.keyClick(new[0].code, Qt.Key.Key_Tab)  # the code, then the name, down the form
    assert new[0].fields["name"].hasFocus()
    qtbot.keyClick(new[0], Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert new[0].stack.currentWidget() is new[0].pages["profile"]


# -- new and changed files -------------------------------------------------------------------------


def test_new_customer_through_the_dialog_is_listed_and_selected(qtbot, ctx, firm) -> None:
    rep = firm("yangfan")
    page = _page(qtbot, ctx, rep)
    before = page.model.rowCount()
    dialog = page.new_customer()
    qtbot.keyClicks(dialog.code, "hz-001")
    dialog.fields["name"].insert("杭州新星电子有限公司")
    dialog.fields["region"].set_value("east")
    dialog.fields["customer_type"].set_value("distributor")
    qtbot.keyClicks(dialog.fields["annual_sales"], "350,000")
    dialog.fields["trade_issues"].insertPlainText("账期偏长")
    contact = dialog.show_section("contacts") and dialog.contacts.add()
    contact.name.insert("陈经理")
    contact.key_person.setChecked(True)
    contact.accept()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert closed(dialog)
    assert page.model.rowCount() == before + 1
    row = page.model.row_at(page.table.current_row())
    assert row.name == "杭州新星电子有限公司" and row.rep_id == rep.user_id and row.code == "HZ-001"
    assert row.value_grade == "B" and row.review_pending
    full = customers.customer_file(ctx.uow(rep), row.id)
    assert full.trade_issues == "账期偏长" and [c.name for c in full.card.contacts] == ["陈经理"]


def test_dialog_refuses_a_file_without_a_name_and_says_so(qtbot, ctx, firm) -> None:
    page = _page(qtbot, ctx, firm("yangfan"))
    dialog = page.new_customer()
    qtbot.keyClicks(dialog.fields["founded_on"], "2020-13-01")
    dialog.save()
    assert "Founded" in dialog.problem.text()
    assert dialog.stack.currentWidget() is dialog.pages["basic"]
    dialog.fields["founded_on"].clear()
    dialog.save()
    idle(qtbot, ctx)
    assert dialog.isVisible() and "Name" in dialog.problem.text()


def test_editing_sends_only_the_changed_fields(qtbot, ctx, firm) -> None:
    rep = firm("yangfan")
    page = _page(qtbot, ctx, rep)
    page.table.selectRow(0)
    dialog = page.open_selected()
    idle(qtbot, ctx)
    assert dialog.full is not None  # the rep keeps this file: no reason asked
    customer_id = dialog.customer_id
    dialog.fields["phone"].setText("021-88886666")
    assert dialog.changes() == {"phone": "021-88886666"}
    dialog.save()
    idle(qtbot, ctx)
    assert closed(dialog)
    assert customers.customer_card(ctx.uow(rep), customer_id).phone == "021-88886666"


# -- the confidential file -------------------------------------------------------------------------


def test_confidential_file_asks_a_reason_and_logs_it(qtbot, ctx, firm) -> None:
    csm = firm("chenjing")  # customer-service manager
    page = _page(qtbot, ctx, csm)
    page.table.selectRow(0)
    dialog = page.open_selected()
    idle(qtbot, ctx)
    assert dialog.full is None and not dialog.locks["business"].unlocked
    assert dialog.fields["annual_sales"].text() == ""  # not read before the reason
    assert dialog.open_full_button.isVisible()
    prompt = dialog.open_full_file()
    assert not prompt.ok.isEnabled()
    prompt.accept()  # Enter without a reason does nothing
    assert prompt.isVisible()
    prompt.reason_edit.insert("年度信用复审")
    assert prompt.ok.isEnabled()
    qtbot.mouseClick(prompt.ok, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert dialog.full is not None and dialog.locks["business"].unlocked
    assert dialog.fields["annual_sales"].text() != ""
    rows, _more = customers.file_access_log(ctx.uow(csm), dialog.customer_id)
    assert [(r.username, r.reason) for r in rows] == [("chenjing", "年度信用复审")]
    access = dialog.show_section("access")
    idle(qtbot, ctx)
    assert access.model.rowCount() == 1
    assert access.model.data(access.model.index(0, 3)) == "年度信用复审"


def test_specialist_without_the_right_sees_the_card_only(qtbot, ctx, firm) -> None:
    spec = firm("zhoumin")  # customer-service specialist
    page = _page(qtbot, ctx, spec)
    page.table.selectRow(0)
    dialog = page.open_selected()
    idle(qtbot, ctx)
    assert dialog.card is not None and dialog.fields["name"].text() == dialog.card.name
    assert dialog.full is None and dialog.open_full_file() is None
    assert not dialog.open_full_button.isVisibleTo(dialog)
    lock = dialog.locks["business"]
    assert not lock.unlocked and not lock.open_button.isVisibleTo(lock)
    assert "access" not in dialog.pages  # no access card for them either
    assert not page.access_button.isVisibleTo(page)
    assert not dialog.fields["trade_issues"].isEnabled() or dialog.fields["trade_issues"].isReadOnly()


def test_access_card_of_all_files_lists_each_opening(qtbot, ctx, firm) -> None:
    mgr = firm("zhangwei")
    page = _page(qtbot, ctx, mgr)
    ids = [page.model.row_at(i).id for i in range(2)]
    for cid, why in zip(ids, ("合同续签", "回款核查"), strict=True):
        customers.open_confidential_file(ctx.uow(mgr), cid, why)
    card = page.show_access_log()
    idle(qtbot, ctx)
    reasons = [card.page.model.row_at(i).reason for i in range(card.page.model.rowCount())]
    assert reasons[:2] == ["回款核查", "合同续签"]  # newest first


# -- the export ------------------------------------------------------------------------------------


def test_export_writes_the_filtered_list_read_back_with_openpyxl(qtbot, ctx, firm, tmp_path: Path) -> None:
    mgr = firm("zhangwei")
    page = _page(qtbot, ctx, mgr)
    assert page.export_button.isVisibleTo(page)
    page.filters.region.setCurrentIndex(page.filters.region.findData("east"))
    idle(qtbot, ctx)
    expected = customer_list.count_customers(ctx.uow(mgr), CustomerFilter(region="east"))
    page.export_to(tmp_path / "east")
    idle(qtbot, ctx)
    sheet = openpyxl.load_workbook(tmp_path / "east.xlsx").worksheets[0]
    assert sheet.max_row == 1 + expected
    assert sheet.cell(1, 1).value == "Code"
    assert {sheet.cell(r, 3).value for r in range(2, sheet.max_row + 1)} == {"East China"}


def test_cancelled_export_leaves_no_file(qtbot, ctx, firm, tmp_path: Path) -> None:
    page = _page(qtbot, ctx, firm("zhangwei"))
    gate = threading.Event()
    ctx.runner.run(lambda: gate.wait(10))  # hold the worker so the export is cancelled before it runs
    task = page.export_to(tmp_path / "list.xlsx")
    ctx.runner.cancel(task)
    gate.set()
    idle(qtbot, ctx)
    assert not (tmp_path / "list.xlsx").exists()


def test_export_is_hidden_and_refused_without_its_right(qtbot, ctx, firm, tmp_path: Path, messages) -> None:
    supervisor = firm("liuyang")  # sees every customer, may not export the list
    page = _page(qtbot, ctx, supervisor)
    assert page.model.rowCount() == DEMO_FILES and not page.export_button.isVisibleTo(page)
    page.export_to(tmp_path / "list.xlsx")
    idle(qtbot, ctx)
    assert not (tmp_path / "list.xlsx").exists()
    assert any("customer.export" in text for text in messages.texts("error"))
