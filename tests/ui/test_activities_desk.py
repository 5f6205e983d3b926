"""The Activities tab's daily work from the keyboard (issue 18): plan an activity, record its
outcome with the next one, cancel that one; enter a status; a supervisor's comment on a log
and reminder; a rep's customers reassigned with a reason; the VP's due list loads."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit

from sales_desk.services.activities import activities, team
from sales_desk.services.activities.activities import ActivityInput
from sales_desk.ui.tabs.activities.activity_dialogs import CancelDialog, OutcomeDialog, PlanDialog
from sales_desk.ui.tabs.activities.tab import ActivitiesTab
from sales_desk.ui.tabs.activities.team_dialogs import CommentDialog, ReminderDialog, StatusDialog
from sales_desk.ui.tabs.activities.territories_page import ReassignDialog
from tests.services.credit_flow import new_customer
from tests.ui.conftest import idle

TODAY = date(2026, 3, 11)  # a Wednesday
ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _day(pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(TODAY)


def opened(qtbot, ctx, actor, page: str) -> tuple[ActivitiesTab, object]:  # noqa: ANN001
    tab = ActivitiesTab(ctx, actor)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    shown = tab.show_page(page)
    idle(qtbot, ctx)
    return tab, shown


def dialog_of(qtbot, ctx, kind):  # noqa: ANN001, ANN201
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    idle(qtbot, ctx)
    return dialog


def gone(qtbot, dialog) -> None:  # noqa: ANN001
    """Closed (and, made for one use, deleted); the tab's window active again for its keys."""
    parent = dialog.parentWidget().window()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    parent.activateWindow()
    qtbot.waitUntil(parent.isActiveWindow)


def test_plan_then_record_the_outcome_and_the_next_from_the_keyboard(qtbot, ctx, person) -> None:  # noqa: ANN001
    rep = person("rep", "sales_rep")
    new_customer(ctx.database, rep, name="上海甲公司")
    _tab, page = opened(qtbot, ctx, rep, "calendar")
    assert page.period_label.text() == "Week of 2026-03-09 Mon to 2026-03-15 Sun"
    page.grid.setFocus()  # the week: seven days as columns
    qtbot.keyClick(page.grid, Qt.Key.Key_P, ALT)
    dialog = dialog_of(qtbot, ctx, PlanDialog)
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # Call → Visit
    dialog.customer.setFocus()
    qtbot.keyClicks(dialog.customer, "shanghai")  # pinyin
    qtbot.keyClick(dialog.customer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.customer.customer_id is not None)
    qtbot.keyClicks(dialog.time, "930")
    qtbot.keyClicks(dialog.subject, "Visit purchasing")
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Return)
    gone(qtbot, dialog)
    idle(qtbot, ctx)
    (row,) = page.model.rows()
    assert (row.kind, row.subject, row.planned_on, row.planned_minute) == ("visit", "Visit purchasing", TODAY, 570)
    assert page.grid.current_activity() == row  # today's cell
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)  # Enter on a planned one: its outcome
    outcome = dialog_of(qtbot, ctx, OutcomeDialog)
    qtbot.keyClicks(outcome.outcome, "Samples wanted")
    qtbot.keyClick(outcome.outcome, Qt.Key.Key_Tab)
    qtbot.keyClicks(outcome.next_step, "Send samples")
    qtbot.keyClick(outcome.next_step, Qt.Key.Key_X, ALT)  # plan the next one
    qtbot.waitUntil(outcome.plan_next.isChecked)  # a check box's mnemonic clicks it a moment later
    assert outcome.next_subject.text() == "Send samples"
    qtbot.keyClick(outcome.next_step, Qt.Key.Key_Return)
    gone(qtbot, outcome)
    idle(qtbot, ctx)
    assert [(r.subject, r.status, r.outcome) for r in page.model.rows()] == [
        ("Visit purchasing", "done", "Samples wanted")]
    qtbot.keyClick(page.grid, Qt.Key.Key_PageDown)  # the next week, where the next one is
    idle(qtbot, ctx)
    assert [(r.subject, r.planned_on) for r in page.model.rows()] == [("Send samples", date(2026, 3, 18))]
    qtbot.keyClick(page.grid, Qt.Key.Key_D)  # the day view: a list
    idle(qtbot, ctx)
    assert page.period_label.text() == "2026-03-18 Wed" and len(page.model.rows()) == 1
    qtbot.keyClick(page.table, Qt.Key.Key_Left, ALT)
    qtbot.keyClick(page.table, Qt.Key.Key_T)
    idle(qtbot, ctx)
    assert page.period_label.text() == "2026-03-11 Wed" and page.model.rows()[0].status == "done"
    qtbot.keyClick(page.table, Qt.Key.Key_W)
    assert page.grid.hasFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_Right, ALT)
    idle(qtbot, ctx)
    assert page.grid.current_activity().subject == "Send samples"
    qtbot.keyClick(page.grid, Qt.Key.Key_C, ALT)  # the next one will not take place after all
    cancel = dialog_of(qtbot, ctx, CancelDialog)
    qtbot.keyClick(cancel.reason, Qt.Key.Key_Return)
    assert "Reason" in cancel.problem_label.text()
    qtbot.keyClicks(cancel.reason, "Customer sent the order already")
    qtbot.keyClick(cancel.reason, Qt.Key.Key_Return)
    gone(qtbot, cancel)
    idle(qtbot, ctx)
    assert page.model.rows() == []  # cancelled ones are not on the calendar


def test_a_status_is_entered_and_counted_in_the_months_attendance(qtbot, ctx, person) -> None:  # noqa: ANN001
    rep = person("rep", "sales_rep")
    _tab, page = opened(qtbot, ctx, rep, "statuses")
    assert page.month_label.text() == "2026-03"
    qtbot.keyClick(page, Qt.Key.Key_E, ALT)
    dialog = dialog_of(qtbot, ctx, StatusDialog)
    assert dialog.kind.currentData() == "visiting"
    qtbot.keyClick(dialog.kind, Qt.Key.Key_End)  # the last one entered: on leave
    dialog.end_on.setFocus()
    dialog.end_on.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(dialog.end_on, Qt.Key.Key_Up)  # the day: to the 12th
    qtbot.keyClicks(dialog.note, "annual leave")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    gone(qtbot, dialog)
    idle(qtbot, ctx)
    (status,) = page.statuses.rows()
    assert (status.kind, status.start_on, status.end_on) == ("leave", TODAY, date(2026, 3, 12))
    (mine,) = page.attendance.rows()
    assert mine.month.leave_working_days == 2 and mine.month.attended == 20
    page.status_table.setFocus()
    qtbot.keyClick(page.status_table, Qt.Key.Key_PageDown)
    idle(qtbot, ctx)
    assert page.month_label.text() == "2026-04" and page.statuses.rows() == []


def test_a_supervisor_comments_on_a_log_and_reminds(qtbot, ctx, person, messages) -> None:  # noqa: ANN001
    rep, sup, mgr = person("rep", "sales_rep"), person("sup", "sales_supervisor"), person("mgr", "sales_manager")
    team.set_supervisor(ctx.uow(mgr), rep.user_id, sup.user_id)
    team.write_work_log(ctx.uow(rep), "Visited three customers")
    _tab, page = opened(qtbot, ctx, sup, "logs")
    (log,) = page.logs.rows()
    page.log_table.setFocus()
    qtbot.keyClick(page.log_table, Qt.Key.Key_Return)  # Enter on a log: the comment
    dialog = dialog_of(qtbot, ctx, CommentDialog)
    qtbot.keyClicks(dialog.text, "Send the quotations by Friday")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    gone(qtbot, dialog)
    idle(qtbot, ctx)
    assert page.logs.rows()[0].comments[0].text == "Send the quotations by Friday"
    qtbot.keyClick(page.log_table, Qt.Key.Key_M, ALT)
    reminder = dialog_of(qtbot, ctx, ReminderDialog)
    assert reminder.person.currentData() == rep.user_id  # the log's writer
    qtbot.keyClicks(reminder.text, "Weekly report")
    qtbot.keyClick(reminder.text, Qt.Key.Key_Return)
    gone(qtbot, reminder)
    idle(qtbot, ctx)
    (note,) = team.my_reminders(ctx.uow(rep))
    assert (note.text, note.author) == ("Weekly report", "sup") and not messages.texts("error")


def test_a_reps_customers_are_reassigned_with_a_reason_after_saying_what_moves(qtbot, ctx, person,
                                                                               messages) -> None:  # noqa: ANN001
    mgr, a, b = person("mgr", "sales_manager"), person("rep.a", "sales_rep"), person("rep.b", "sales_rep")
    first = new_customer(ctx.database, a, name="甲公司", region="east")
    new_customer(ctx.database, a, name="乙公司", region="east")
    activities.plan_activity(ctx.uow(a), ActivityInput("visit", "拜访", date(2026, 3, 20), customer_id=first))
    _tab, page = opened(qtbot, ctx, mgr, "territories")
    page.table.selectRow([r.region for r in page.model.rows()].index("east"))
    idle(qtbot, ctx)
    assert len(page.customers.rows()) == 2
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_R, ALT)
    dialog = dialog_of(qtbot, ctx, ReassignDialog)
    dialog.from_rep.setCurrentIndex(dialog.from_rep.findData(a.user_id))
    dialog.to_rep.setCurrentIndex(dialog.to_rep.findData(b.user_id))
    assert dialog.region.currentData() == "east"
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert "Reason" in dialog.problem_label.text() and not messages.texts("confirm")
    qtbot.keyClicks(dialog.reason, "rep.a moves to the north")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    gone(qtbot, dialog)
    idle(qtbot, ctx)
    (confirmation,) = messages.texts("confirm")
    assert "2 customers, 1 planned activity, 0 open opportunities" in confirmation
    assert "rep.a moves to the north" in confirmation
    assert messages.texts("info") == ["Reassigned: 2 customers, 1 planned activity, 0 open opportunities."]
    assert {c.rep for c in page.customers.rows()} == {"rep.b"}


def test_the_vp_reads_the_due_list_and_the_teams_days(qtbot, ctx, person, messages) -> None:  # noqa: ANN001
    rep, vp = person("rep", "sales_rep"), person("vp", "sales_vp")
    c = new_customer(ctx.database, rep)
    activities.plan_activity(ctx.uow(rep), ActivityInput("call", "Late call", date(2026, 3, 9), customer_id=c))
    tab, due = opened(qtbot, ctx, vp, "due")
    assert [r.subject for r in due.model.rows()] == ["Late call"] and due.model.rows()[0].overdue
    assert not due.plan_button.isVisibleTo(tab) and not due.done_button.isVisibleTo(tab)
    for key in ("calendar", "statuses", "logs"):
        tab.show_page(key)
        idle(qtbot, ctx)
    assert [r.subject for r in tab.pages["calendar"].model.rows()] == ["Late call"]  # the whole team's week
    assert not messages.texts("error")
