"""The year-end clearance page and finance's check on the deferrals page, on the demo firm:
the list from 1 November (before it, the day it starts), the Excel export read back;
finance passes a request on or returns it with a reason, its rep corrects and resubmits it."""

from __future__ import annotations

from datetime import date, timedelta

import openpyxl
import pytest
from PySide6.QtCore import QDate

from sales_desk.demo import firm as demo
from sales_desk.demo.staff import STAFF
from sales_desk.services.admin import auth
from sales_desk.ui.tabs.collections.deferrals_page import DeferralsPage
from sales_desk.ui.tabs.collections.year_end_page import YearEndPage
from sales_desk.ui.widgets import dialogs
from tests.ui.conftest import idle


def _firm(ctx, boss):  # noqa: ANN001, ANN202
    result = demo.load_demo(ctx.uow(boss))
    passwords = {u.username: u.password for u in result.users}
    return lambda username: auth.login(ctx.uow(), username, passwords[username])


def _show(qtbot, ctx, page):  # noqa: ANN001, ANN202
    qtbot.addWidget(page)
    page.resize(690, 700)
    page.show()
    idle(qtbot, ctx)
    return page


def test_the_year_end_page_lists_every_open_credit_sale_from_1_november_and_exports_it(
        qtbot, ctx, boss, pin_business_date, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 11, 1))
    firm = _firm(ctx, boss)
    page = _show(qtbot, ctx, YearEndPage(ctx, firm("wangjianguo")))
    assert page.state.text().startswith("60 days left to 2026-12-31:")
    assert page.sales_model.rowCount() > 0 and page.reps_model.rowCount() > 0
    assert page.uncleared_state.text()  # 1 January 2026's list
    monkeypatch.setattr(dialogs, "show_info", lambda *a, **k: None)
    path = tmp_path / "year-end.xlsx"
    page.export_to(str(path))
    idle(qtbot, ctx)
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) - 1 == page.sales_model.rowCount() and rows[1][7] == 60
    pin_business_date(date(2026, 10, 31))  # the day before: the page says when the list starts
    page.load()
    idle(qtbot, ctx)
    assert "starts on 2026-11-01" in page.state.text() and page.sales_model.rowCount() == 0


@pytest.fixture
def june_firm(qtbot, ctx, boss, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(date(2026, 6, 10))
    return _firm(ctx, boss)


def test_finance_returns_a_deferral_with_a_reason_and_the_rep_resubmits_it(qtbot, ctx, june_firm) -> None:  # noqa: ANN001
    fin = june_firm("wufang")
    page = _show(qtbot, ctx, DeferralsPage(ctx, fin))
    assert page.pass_button.isVisible() and not page.approve_button.isVisible()
    returned = next(f for f in page.model.rows() if f.status == "returned")  # the demo's
    rep = june_firm(next(u for u, name, _r in STAFF if name == returned.requested_by))
    rep_page = _show(qtbot, ctx, DeferralsPage(ctx, rep))
    row = next(i for i, f in enumerate(rep_page.model.rows()) if f.id == returned.id)
    rep_page.table.selectRow(row)
    assert rep_page.resubmit_button.isEnabled() and rep_page.withdraw_button.isEnabled()
    new_due = returned.new_due_date - timedelta(days=30)
    rep_page.new_due.setDate(QDate(new_due.year, new_due.month, new_due.day))
    rep_page.reason.setText("缩短为两个月")
    rep_page.resubmit()
    idle(qtbot, ctx)
    assert not rep_page.problem.text()
    f = next(f for f in rep_page.model.rows() if f.id == returned.id)
    assert (f.status, f.next_step, f.new_due_date) == ("requested", "finance", new_due)
    # finance: the corrected request waits for the check; the VP cannot skip it
    page.load()
    idle(qtbot, ctx)
    row = next(i for i, x in enumerate(page.model.rows()) if x.id == returned.id)
    page.table.selectRow(row)
    assert page.pass_button.isEnabled() and page.model.data(page.model.index(row, 2)) == "Awaiting finance's check"
    dialog = page.check(False)
    assert dialog is not None and not dialog.ok.isEnabled()
    dialog.reason_edit.setText("仍缺客户书面申请")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.ok.click()
    idle(qtbot, ctx)
    f = next(f for f in page.model.rows() if f.id == returned.id)
    assert (f.status, f.return_note) == ("returned", "仍缺客户书面申请")
    assert page.model.data(page.model.index(page.model.rows().index(f), 7)).endswith(": 仍缺客户书面申请")
