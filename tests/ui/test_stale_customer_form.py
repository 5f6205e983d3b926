"""A customer file saved over a newer version (issue 17): the form says who changed what,
and reloads keeping the user's own change on top of the other's, field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from sales_desk import i18n
from sales_desk.services.customers import files as customers
from sales_desk.services.customers.data import CustomerInput
from sales_desk.ui.tabs.customers import file_dialog
from sales_desk.ui.tabs.customers.file_dialog import CustomerDialog
from sales_desk.ui.widgets.stale import Reload
from tests.ui.conftest import idle

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_stale_save_offers_a_reload_that_keeps_the_users_change(qtbot, ctx, person, monkeypatch, lang) -> None:
    rep = person("rep", "sales_rep")
    manager = person("csm", "cs_manager")
    cid = customers.create_customer(ctx.uow(rep), CustomerInput(name="苏州华东机电有限公司", phone="0512-1"))
    i18n.set_language(lang)
    asked: list[str] = []
    monkeypatch.setattr(file_dialog, "ask_reload", lambda parent, text: asked.append(text) or Reload.KEEP_MINE)
    dialog = CustomerDialog(ctx, rep, cid)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)

    opened = customers.customer_card(ctx.uow(manager), cid)  # meanwhile, at another seat
    customers.update_customer(ctx.uow(manager), cid, {"phone": "0512-2"}, version=opened.version)
    dialog.fields["address"].set_value("苏州工业园区")
    dialog.save()
    idle(qtbot, ctx)

    assert len(asked) == 1 and "csm" in asked[0]
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / f"stale-customer-{lang}.png"))
    idle(qtbot, ctx)
    assert dialog.fields["phone"].value() == "0512-2"  # the other's change, reloaded
    assert dialog.fields["address"].value() == "苏州工业园区"  # mine, put back
    dialog.save()
    idle(qtbot, ctx)
    card = customers.customer_card(ctx.uow(rep), cid)
    assert (card.phone, card.address) == ("0512-2", "苏州工业园区")
