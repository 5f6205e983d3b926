"""The leads page's upkeep by keyboard (issue 18): Enter on a lead opens its form filled in and
saves the change (what the form does not show is kept); Alt+D drops it with the reason,
after a confirmation; a dropped lead is neither edited nor dropped again, and those who
only read leads get neither step."""

from __future__ import annotations

import os
from datetime import date

import pytest
from PySide6.QtCore import Qt

from sales_desk.services.opportunities import leads
from sales_desk.ui.tabs.opportunities.lead_dialogs import DropLeadDialog, LeadDialog
from tests.ui.conftest import idle
from tests.ui.test_opportunities_desk import _active, _alt, _closed, _dialog, _focus, _tab

DAY = date(2026, 6, 30)


@pytest.fixture(autouse=True)
def _day(pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(DAY)


def test_a_lead_is_edited_with_enter_and_dropped_with_its_reason(qtbot, ctx, person, messages) -> None:  # noqa: ANN001
    rep = person("rep", "sales_rep")
    lid = leads.create_lead(ctx.uow(rep), leads.LeadInput(
        "宁波新材料", "陈工", phone="0574-1", email="chen@nb.example", region="east", source="Exhibition",
        note="展会上认识", first_contact_on=date(2026, 6, 20)))
    tab = _tab(qtbot, ctx, rep)
    page = tab.show_page("leads")
    idle(qtbot, ctx)
    assert page.edit_button.isEnabled() and page.drop_button.isEnabled()
    _active(qtbot, page)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on a lead: its form, filled in
    form = _dialog(qtbot, page, LeadDialog)
    _active(qtbot, form)
    assert form.windowTitle() == "Edit lead"
    assert (form.name.text(), form.contact.text(), form.phone.text(), form.region.currentData(),
            form.first_contact.value()) == ("宁波新材料", "陈工", "0574-1", "east", date(2026, 6, 20))
    _alt(qtbot, form, Qt.Key.Key_P)  # &Phone
    assert _focus() is form.phone
    form.phone.selectAll()
    qtbot.keyClicks(form.phone, "0574-8765 4321")
    _alt(qtbot, form, Qt.Key.Key_N)  # Firm &name
    form.name.selectAll()
    form.name.insert("")  # emptied: refused under the fields, the form stays open
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert not _closed(form) and "Name" in form.problem_label.text()
    form.name.insert("宁波新材料股份")
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: _closed(form))
    idle(qtbot, ctx)
    held = leads.lead_input(ctx.uow(rep), lid)
    assert (held.name, held.phone, held.email, held.note) == (
        "宁波新材料股份", "0574-8765 4321", "chen@nb.example", "展会上认识")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).name == "宁波新材料股份")
    assert page.note.text() == f"Lead {page.model.row_at(0).number} saved."

    _active(qtbot, page)
    _alt(qtbot, page, Qt.Key.Key_D)  # &Drop lead…
    drop = _dialog(qtbot, page, DropLeadDialog)
    _active(qtbot, drop)
    assert drop.reason.hasFocus()
    qtbot.keyClick(drop.reason, Qt.Key.Key_Return)  # no reason: said why, nothing asked
    assert "Reason" in drop.problem_label.text() and not messages.texts("confirm")
    qtbot.keyClicks(drop.reason, "Chose a competitor")
    if folder := os.environ.get("SALES_DESK_SCREENSHOTS"):
        page.window().grab().save(os.path.join(folder, "opportunities-leads-buttons.png"))
        drop.grab().save(os.path.join(folder, "opportunities-lead-drop.png"))
    messages.confirm_answer = False  # thought better of it: nothing dropped, the form stays
    qtbot.keyClick(drop.reason, Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert "Chose a competitor" in messages.texts("confirm")[-1] and not _closed(drop)
    assert leads.list_leads(ctx.uow(rep))[0].status == "open"
    messages.confirm_answer = True
    qtbot.keyClick(drop.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _closed(drop))
    idle(qtbot, ctx)
    (row,) = leads.list_leads(ctx.uow(rep), "dropped")
    assert leads.lead_input(ctx.uow(rep), lid).note.endswith("Chose a competitor")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).status == "dropped")
    page.table.selectRow(0)
    assert not page.edit_button.isEnabled() and not page.drop_button.isEnabled()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # a dropped lead: nothing opens
    idle(qtbot, ctx)
    assert not [d for d in page.findChildren(LeadDialog) if d.isVisible()]
    assert not messages.texts("error")


def test_who_only_reads_leads_neither_edits_nor_drops_them(qtbot, ctx, person) -> None:  # noqa: ANN001
    rep, gm = person("rep", "sales_rep"), person("gm", "gm")
    leads.create_lead(ctx.uow(rep), leads.LeadInput("杭州新客科技"))
    tab = _tab(qtbot, ctx, gm)
    page = tab.show_page("leads")
    idle(qtbot, ctx)
    assert page.model.rowCount() == 1
    assert not page.edit_button.isVisibleTo(page) and not page.drop_button.isVisibleTo(page)
    assert not page.edit_button.isEnabled() and not page.drop_button.isEnabled()
