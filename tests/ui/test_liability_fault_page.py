"""Liability needs fault on the Staff liability page, on the demo firm (seed 001 客户信用管理制度
第19条 3): the sales manager records fault on a proposed line and it turns final; the GM
rejects an exemption only with a reason and approves one; the dashboard opens a debt here."""

from __future__ import annotations

import pytest

from sales_desk.demo import firm as demo
from sales_desk.services.admin import auth
from sales_desk.services.collections import liability
from sales_desk.ui.tabs.collections.liability_page import LiabilityPage
from sales_desk.ui.widgets import dialogs
from tests.ui.conftest import idle


@pytest.fixture
def firm(ctx, boss):  # noqa: ANN001
    result = demo.load_demo(ctx.uow(boss))
    passwords = {u.username: u.password for u in result.users}
    return lambda username: auth.login(ctx.uow(), username, passwords[username])


def _page(qtbot, ctx, firm, user: str) -> LiabilityPage:  # noqa: ANN001
    page = LiabilityPage(ctx, firm(user))
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    month = max(m for m, _n, _t in liability.liability_months(ctx.uow(firm("wufang"))))  # finance's list
    page.year.setValue(month.year)
    page.month.setValue(month.month)
    idle(qtbot, ctx)
    return page


def _select(page: LiabilityPage, status: str, doc_no: str | None = None) -> str:
    """Select the first line in `status` (of `doc_no`); its document number."""
    assert page.statement is not None
    for p_row, p in enumerate(page.statement.people):
        for l_row, x in enumerate(p.lines):
            if x.status == status and doc_no in (None, x.doc_no):
                page.people.selectRow(p_row)
                page.lines.selectRow(l_row)
                return x.doc_no
    raise AssertionError(f"no line {status} {doc_no}")


def _statuses(page: LiabilityPage, doc_no: str) -> set[str]:
    assert page.statement is not None
    return {x.status for p in page.statement.people for x in p.lines if x.doc_no == doc_no}


def test_the_sales_manager_records_gross_negligence_and_the_line_turns_final(qtbot, ctx, firm) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx, firm, "zhangwei")
    assert page.fault_button.isVisible() and not page.approve_button.isVisible()
    before = page.statement.total if page.statement else 0
    doc = _select(page, "proposed")
    assert page.fault_button.isEnabled() and "awaiting the sales manager's fault record" in page.fault.text()
    dialog = page.record_fault()
    assert dialog is not None and not dialog.ok.isEnabled()  # no reason, no record
    dialog.finding.setCurrentIndex(dialog.finding.findData("gross_negligence"))
    dialog.reason_edit.setPlainText("未按规定催收，超期未报告")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.ok.click()
    idle(qtbot, ctx)
    assert _statuses(page, doc) == {"final"}
    assert page.statement is not None and page.statement.total > before
    _select(page, "final", doc)
    assert "Gross negligence — 未按规定催收，超期未报告" in page.fault.text()
    assert not page.fault_button.isEnabled()


def test_the_gm_rejects_an_exemption_only_with_a_reason_and_approves_one(qtbot, ctx, firm, monkeypatch) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx, firm, "wangjianguo")
    assert not page.fault_button.isVisible() and page.approve_button.isVisible()
    doc = _select(page, "exemption_pending")
    assert page.approve_button.isEnabled() and page.reject_button.isEnabled()
    dialog = page.decide(False)
    assert dialog is not None and not dialog.ok.isEnabled()
    dialog.reason_edit.setText("催收记录不完整")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.ok.click()
    idle(qtbot, ctx)
    assert _statuses(page, doc) == {"proposed"}  # back to awaiting a fault record
    exempted = _select(page, "exempted")
    assert "Exempted by" in page.fault.text() and not page.approve_button.isEnabled()
    assert exempted != doc


def test_the_gm_approves_the_waiting_exemption_and_the_debt_charges_nobody(qtbot, ctx, firm, monkeypatch) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx, firm, "wangjianguo")
    assert page.statement is not None
    before = (page.statement.total, page.statement.awaiting)
    doc = _select(page, "exemption_pending")
    share = sum(x.amount for p in page.statement.people for x in p.lines if x.doc_no == doc)
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    page.decide(True)
    idle(qtbot, ctx)
    assert _statuses(page, doc) == {"exempted"}
    assert (page.statement.total, page.statement.awaiting) == (before[0], before[1] - share)  # deducted from nobody


def test_the_dashboard_opens_a_debt_awaiting_a_fault_record_at_its_line(qtbot, ctx, firm) -> None:  # noqa: ANN001
    from sales_desk.services.planning import drill_down

    mgr = firm("zhangwei")
    records = drill_down.warning_records(ctx.uow(mgr), "liability_fault")
    assert records and {r.open_kind for r in records} == {"liability"}
    page = LiabilityPage(ctx, mgr)
    qtbot.addWidget(page)
    page.show()
    page.open_debt(records[-1].open_id)
    idle(qtbot, ctx)
    line = page.current_line()
    assert line is not None and line.receivable_id == records[-1].open_id and line.status == "proposed"


def test_the_page_keeps_to_the_months_liability_the_year_end_list_lives_on_its_own_page(qtbot, ctx, firm) -> None:  # noqa: ANN001
    import os

    from sales_desk import i18n

    for lang in ("en", "zh_CN"):
        i18n.set_language(lang)
        try:
            page = _page(qtbot, ctx, firm, "wufang")
            assert not hasattr(page, "year_end_model")  # the 1 January list: the year-end page only
            if folder := os.environ.get("SALES_DESK_SCREENSHOTS"):
                page.grab().save(os.path.join(folder, f"liability_page_{lang}.png"))
        finally:
            i18n.set_language("en")
