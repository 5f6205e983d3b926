"""The calendar's week as a grid (issue 18): seven days as columns with their dates, today
marked, each day's activities in time order; the arrows move between cells and past
Monday or Sunday to the next week, Enter records an outcome or plans on an empty day; a
planned activity is moved to another day and time by Alt+R, a day already past refused
with the reason."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from sales_desk.i18n import set_language
from sales_desk.services.activities import activities
from sales_desk.services.activities.activities import ActivityInput
from sales_desk.ui.tabs.activities.activity_dialogs import (
    OutcomeDialog,
    PlanDialog,
    RescheduleDialog,
)
from tests.services.credit_flow import new_customer
from tests.ui.conftest import idle
from tests.ui.test_activities_desk import ALT, dialog_of, gone, opened

TODAY = date(2026, 3, 11)  # a Wednesday


@pytest.fixture(autouse=True)
def _day(pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(TODAY)


def _week(ctx, rep) -> dict[str, int]:  # noqa: ANN001
    """Planned out of order, so the grid's order is its own."""
    c = new_customer(ctx.database, rep, name="上海甲公司")
    out = {}
    for subject, kind, day, minute in (("Afternoon call", "call", date(2026, 3, 9), 14 * 60),
                                       ("Morning visit", "visit", date(2026, 3, 9), 9 * 60),
                                       ("Demo", "demonstration", TODAY, 10 * 60 + 30),
                                       ("Proposal", "proposal", date(2026, 3, 13), None)):
        out[subject] = activities.plan_activity(ctx.uow(rep), ActivityInput(kind, subject, day, minute,
                                                                            customer_id=c))
    return out


def test_the_week_shows_seven_days_as_columns_in_time_order(qtbot, ctx, person) -> None:  # noqa: ANN001
    rep = person("rep", "sales_rep")
    _week(ctx, rep)
    _tab, page = opened(qtbot, ctx, rep, "calendar")
    model = page.week_model
    assert page.grid.isVisible() and not page.table.isVisible()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers[0] == "Mon 03-09\n" and headers[2] == "Wed 03-11\nToday" and headers[6] == "Sun 03-15\n"
    assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole).bold()
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole) is None
    monday = [model.data(model.index(i, 0)) for i in range(model.rowCount())]
    assert monday[0].startswith("09:00 Visit\n") and monday[0].endswith("上海甲公司")
    assert monday[1].startswith("14:00 Call\n")
    assert model.data(model.index(0, 4)).startswith("Time open Proposal\n")  # no time: some time that day
    assert model.data(model.index(0, 1)) is None  # Tuesday is free
    assert [model.data(model.index(0, c)) is not None for c in range(7)] == [
        True, False, True, False, True, False, False]
    assert page.grid.current_activity().subject == "Demo"  # the week opens on today

    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_Left)  # Tuesday: nothing to act on
    assert page.grid.current_activity() is None and page.selected() is None
    qtbot.keyClick(page.grid, Qt.Key.Key_Left)
    qtbot.keyClick(page.grid, Qt.Key.Key_Down)
    assert page.grid.current_activity().subject == "Afternoon call" == page.selected().subject
    qtbot.keyClick(page.grid, Qt.Key.Key_Left)  # past Monday: the week before, on its Sunday
    idle(qtbot, ctx)
    assert page.period_label.text() == "Week of 2026-03-02 Mon to 2026-03-08 Sun"
    assert page.grid.currentIndex().column() == 6 and page.model.rows() == []
    qtbot.keyClick(page.grid, Qt.Key.Key_Right)  # and back, on Monday
    idle(qtbot, ctx)
    assert page.period_label.text() == "Week of 2026-03-09 Mon to 2026-03-15 Sun"
    assert page.grid.currentIndex().column() == 0 and page.grid.current_activity().subject == "Morning visit"
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)  # Enter on a planned one: its outcome
    outcome = dialog_of(qtbot, ctx, OutcomeDialog)
    assert outcome.row.subject == "Morning visit"
    outcome.reject()
    gone(qtbot, outcome)
    for _n in range(3):
        qtbot.keyClick(page.grid, Qt.Key.Key_Right)  # to Thursday, free
    assert page.grid.current_day() == date(2026, 3, 12) and page.grid.current_activity() is None
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)  # Enter on a free day: plan on it
    plan = dialog_of(qtbot, ctx, PlanDialog)
    assert plan.day.date().toPython() == date(2026, 3, 12)
    plan.reject()
    gone(qtbot, plan)
    qtbot.keyClick(page.grid, Qt.Key.Key_D)  # the day view stays a list
    idle(qtbot, ctx)
    assert page.table.isVisible() and not page.grid.isVisible() and page.table.hasFocus()


def test_a_planned_activity_is_rescheduled_from_the_grid(qtbot, ctx, person) -> None:  # noqa: ANN001
    rep = person("rep", "sales_rep")
    ids = _week(ctx, rep)
    _tab, page = opened(qtbot, ctx, rep, "calendar")
    page.grid.setFocus()
    assert page.grid.current_activity().subject == "Demo"
    qtbot.keyClick(page.grid, Qt.Key.Key_R, ALT)  # &Reschedule…
    dialog = dialog_of(qtbot, ctx, RescheduleDialog)
    assert dialog.day.date().toPython() == TODAY and dialog.time.text() == "10:30"
    dialog.day.setDate(date(2026, 3, 10))  # yesterday: refused, the dialog stays
    qtbot.keyClick(dialog.time, Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert "today or a later day" in dialog.problem_label.text() and dialog.isVisible()
    dialog.time.selectAll()
    qtbot.keyClicks(dialog.time, "25:00")
    qtbot.keyClick(dialog.time, Qt.Key.Key_Return)
    assert "hh:mm" in dialog.problem_label.text()
    qtbot.keyClick(dialog.time, Qt.Key.Key_D, ALT)  # &Day
    dialog.day.setDate(date(2026, 3, 13))
    dialog.time.selectAll()
    qtbot.keyClicks(dialog.time, "1500")
    qtbot.keyClick(dialog.time, Qt.Key.Key_Return)
    gone(qtbot, dialog)
    idle(qtbot, ctx)
    (moved,) = [r for r in activities.calendar(ctx.uow(rep), None, TODAY, date(2026, 3, 15)) if r.subject == "Demo"]
    assert (moved.id, moved.planned_on, moved.planned_minute) == (ids["Demo"], date(2026, 3, 13), 900)
    model = page.week_model
    assert [model.data(model.index(i, 4)).split("\n")[0] for i in range(2)] == ["15:00 Demonstration",
                                                                                "Time open Proposal"]
    assert page.grid.current_activity().subject == "Demo"  # the selection follows it
    activities.complete_activity(ctx.uow(rep), ids["Morning visit"], "ok", done_on=TODAY)
    page.reload()
    idle(qtbot, ctx)
    page.grid.go_to(model.index_of(ids["Morning visit"]))
    assert model.data(model.index_of(ids["Morning visit"])).startswith("✓ 09:00")
    assert page.reschedule() is None  # done: nothing to move


def test_the_week_grid_in_english_and_chinese(qtbot, ctx, person, tmp_path) -> None:  # noqa: ANN001
    rep = person("rep", "sales_rep")
    _week(ctx, rep)
    out = Path(os.environ.get("SALES_DESK_SCREENSHOTS", tmp_path))
    tab, page = opened(qtbot, ctx, rep, "calendar")
    assert page.grid.width() > 700  # the week takes the page's width
    tab.grab().save(str(out / "activities-week-en.png"))
    set_language("zh_CN")
    try:
        ztab, zpage = opened(qtbot, ctx, rep, "calendar")
        header = zpage.week_model.headerData(2, Qt.Orientation.Horizontal)
        assert header.startswith("周三 03-11")
        ztab.grab().save(str(out / "activities-week-zh.png"))
    finally:
        set_language("en")
