"""The credit figures form and a returned price list's correction saved over a newer version
(issue 17, no lost update): each says who changed what since, then reloads — keeping the
user's changed fields on top of the other's, field by field, to save again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from sales_desk import clock, i18n
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.orders.price_lists import PriceLine, PriceListStatus
from sales_desk.services.credit import investigation as inv_svc
from sales_desk.services.credit.investigation import CreditFigures
from sales_desk.services.orders import price_lists
from sales_desk.ui.tabs.credit import investigation_dialog
from sales_desk.ui.tabs.credit.investigation_dialog import InvestigationDialog
from sales_desk.ui.tabs.orders import price_lists_page
from sales_desk.ui.tabs.orders.price_lists_page import ProposeDialog
from sales_desk.ui.widgets.stale import Reload
from tests.services.credit_flow import new_customer, staff
from tests.services.order_flow import product, team
from tests.ui.conftest import idle

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def _answer(monkeypatch, module, choice: Reload) -> list[str]:  # noqa: ANN001
    asked: list[str] = []
    monkeypatch.setattr(module, "ask_reload", lambda parent, text: asked.append(text) or choice)
    return asked


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_stale_save_of_the_credit_figures_reloads_and_puts_the_users_figures_back(
        qtbot, ctx, person, monkeypatch, lang) -> None:  # noqa: ANN001
    s = staff(person)
    spec2 = person("spec2", "cs_specialist")
    cid = new_customer(ctx.database, s.rep)
    iid = inv_svc.open_investigation(ctx.uow(s.spec), cid)
    i18n.set_language(lang)
    asked = _answer(monkeypatch, investigation_dialog, Reload.KEEP_MINE)
    dialog = InvestigationDialog(ctx, s.spec, iid)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    # the colleague at another seat enters the balance sheet and a report
    v = inv_svc.set_figures(ctx.uow(spec2), iid, CreditFigures(current_assets=to_minor("500000"),
                                                               total_assets=to_minor("900000")),
                            version=inv_svc.get_investigation(ctx.uow(spec2), iid).version)
    inv_svc.write_report(ctx.uow(spec2), iid, "资料齐全。", version=v)
    dialog.figures.edits["net_profit"].setText("80,000")  # this form: the profit, and the assets too
    dialog.figures.edits["total_assets"].setText("1,000,000")
    dialog.save_button.click()
    idle(qtbot, ctx)

    assert len(asked) == 1 and "spec2" in asked[0]
    edits = dialog.figures.edits
    assert edits["current_assets"].value("") == 50_000_000 and dialog.report.toPlainText() == "资料齐全。"  # theirs
    assert edits["net_profit"].value("") == 8_000_000 and edits["total_assets"].value("") == 100_000_000  # mine
    assert dialog.problem_label.text()  # what went back, and the total assets they changed too
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / f"stale-credit-figures-{lang}.png"))
    dialog.save_button.click()
    idle(qtbot, ctx)
    f = inv_svc.get_investigation(ctx.uow(s.spec), iid).figures
    assert (f.current_assets, f.total_assets, f.net_profit) == (50_000_000, 100_000_000, 8_000_000)


def test_a_stale_save_of_the_credit_figures_may_take_theirs(qtbot, ctx, person, monkeypatch) -> None:
    s = staff(person)
    spec2 = person("spec2", "cs_specialist")
    iid = inv_svc.open_investigation(ctx.uow(s.spec), new_customer(ctx.database, s.rep))
    _answer(monkeypatch, investigation_dialog, Reload.DISCARD_MINE)
    dialog = InvestigationDialog(ctx, s.spec, iid)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    inv_svc.write_report(ctx.uow(spec2), iid, "资料齐全。", version=1)
    dialog.report.setPlainText("我的报告")
    dialog.save_button.click()
    idle(qtbot, ctx)
    assert dialog.report.toPlainText() == "资料齐全。" and not dialog.dirty()
    assert inv_svc.get_investigation(ctx.uow(s.spec), iid).report == "资料齐全。"


def test_a_stale_resubmission_of_a_price_list_reloads_with_the_users_prices_on_top(
        qtbot, ctx, person, monkeypatch) -> None:  # noqa: ANN001
    t = team(person)
    pid = product(ctx.database, t)
    lid = price_lists.propose(ctx.uow(t.mgr), [PriceLine(pid, to_minor("110"), to_minor("100"), to_minor("130"))],
                              "原材料涨价", clock.today())
    price_lists.send_back(ctx.uow(t.fin), lid, "成本资料不全")
    asked = _answer(monkeypatch, price_lists_page, Reload.KEEP_MINE)
    dialog = ProposeDialog(ctx, t.mgr, price_lists.get_price_list(ctx.uow(t.mgr), lid), resubmit=True)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    # the manager's other seat corrects the reason and resubmits; finance returns it again
    opened = price_lists.get_price_list(ctx.uow(t.mgr), lid)
    price_lists.resubmit(ctx.uow(t.mgr), lid, [PriceLine(pid, to_minor("110"), to_minor("100"), to_minor("130"))],
                         "原材料涨价，附成本明细", clock.today(), opened.revision)
    price_lists.send_back(ctx.uow(t.fin), lid, "请附供应商报价")
    dialog.grid.cellWidget(0, 2).set_minor(10_500)  # this form: the list price
    dialog.buttons.findChild(QPushButton, "submit").click()
    idle(qtbot, ctx)

    assert len(asked) == 1 and "fin" in asked[0] and "mgr" in asked[0]
    assert dialog.isVisible() and dialog.grid.cellWidget(0, 2).minor("") == 10_500  # mine
    assert dialog.reason_edit.toPlainText() == "原材料涨价，附成本明细"  # theirs
    assert "请附供应商报价" in dialog.returned.text()  # the new return note, seen before resubmitting
    dialog.buttons.findChild(QPushButton, "submit").click()
    idle(qtbot, ctx)
    row = price_lists.get_price_list(ctx.uow(t.gm), lid)
    assert (row.status, row.lines[0].list_price, row.reason) == (PriceListStatus.PROPOSED, 10_500,
                                                                 "原材料涨价，附成本明细")
