"""Customer maintenance plans [客户维护计划] (客户关系维护办法 第9–11条): the key accounts whose
yearly plan is due or late, and the plans written. The customer manager (the rep in charge)
writes the plan in the seed's five parts and submits it; the sales manager approves it, and it
is filed [归档], or returns it with a reason. Enter opens a plan, Ctrl+P prints it as a
document of record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from sales_desk import clock
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.relationship.plans import PART_HINTS, PLAN_PARTS, Due, Status
from sales_desk.i18n import N_, _, current_language
from sales_desk.services.relationship import care_plans
from sales_desk.services.relationship.care_plans import DuePlan, PlanView
from sales_desk.ui.context import AppContext
from sales_desk.ui.records import DocumentPrinter
from sales_desk.ui.tabs.care.common import TOPIC, day, rows_table
from sales_desk.ui.tabs.care.parts_dialog import Calls, Part, PartsDialog
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import shortcut
from sales_desk.ui.widgets.visibility import shown_if

DUE_HEADERS = (N_("Customer"), N_("Customer manager"), N_("Last plan filed"), N_("Next plan due"), N_("State"))
PLAN_HEADERS = (N_("Number"), N_("Customer"), N_("Year"), N_("Status"), N_("Written by"), N_("Reviewed by"),
                N_("Filed on"))
MNEMONICS = {"summary": N_("&Plan summary:"), "profile": N_("Customer pr&ofile:"), "competition": N_("&Competition:"),
             "assessment": N_("&Assessment of the relationship:"), "actions": N_("&Maintenance plan:")}


def plan_parts() -> list[Part]:
    return [Part(k, _(MNEMONICS[k]), _(PART_HINTS[k])) for k in PLAN_PARTS]


def _due_cell(d: DuePlan, col: int) -> str:
    return (f"{d.code} {d.name}", d.rep, day(d.last_filed_on), day(d.due_on), Due(d.state).label)[col]


def _plan_cell(p: PlanView, col: int) -> str:
    return (p.number, f"{p.customer_code} {p.customer_name}", str(p.year), Status(p.status).label, p.written_by,
            p.reviewed_by, day(p.filed_on))[col]


def plan_mode(actor: Actor, p: PlanView | None) -> str:
    if p is None or (p.status in (Status.DRAFT.value, Status.RETURNED.value) and p.written_by_id == actor.user_id):
        return "edit"
    if p.status == Status.SUBMITTED.value and actor.can(Perm.CARE_REVIEW) and p.written_by_id != actor.user_id:
        return "review"
    return "read"


class PlansPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.due_view, self.due = rows_table("plans_due", [_(h) for h in DUE_HEADERS], _due_cell)
        self.due_view.setObjectName("plans_due")
        self.plan_view, self.plans = rows_table("plans", [_(h) for h in PLAN_HEADERS], _plan_cell, (2,))
        self.plan_view.setObjectName("plans")
        self.write_button = QPushButton(_("&Write the plan…"))
        self.write_button.setObjectName("write")
        shown_if(self.write_button, actor.can(Perm.CARE_WRITE_PLAN))
        self.write_button.clicked.connect(self.write)
        self.open_button = QPushButton(_("&Open…"))
        self.open_button.setObjectName("open")
        self.open_button.setToolTip(_("Enter"))
        self.open_button.clicked.connect(self.open_plan)
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setToolTip(_("Ctrl+P"))
        self.print_button.clicked.connect(self.print_selected)
        self.due_view.activated.connect(lambda _i: self.write())
        self.plan_view.activated.connect(lambda _i: self.open_plan())
        shortcut(QKeySequence.StandardKey.Print, self, self.print_selected, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.documents = DocumentPrinter(ctx, actor, self)
        self.summary = QLabel()
        self.summary.setObjectName("plans_summary")
        top, bottom = QWidget(), QWidget()
        tl, bl = QVBoxLayout(top), QVBoxLayout(bottom)
        due_bar = QHBoxLayout()
        due_label = QLabel(_("Key accounts whose yearly plan is &due or late"))
        due_label.setBuddy(self.due_view)
        due_bar.addWidget(due_label)
        due_bar.addStretch(1)
        due_bar.addWidget(self.summary)
        due_bar.addWidget(self.write_button)
        tl.addLayout(due_bar)
        tl.addWidget(self.due_view)
        plan_bar = QHBoxLayout()
        plans_label = QLabel(_("Maintenance pla&ns"))
        plans_label.setBuddy(self.plan_view)
        plan_bar.addWidget(plans_label)
        plan_bar.addStretch(1)
        plan_bar.addWidget(self.open_button)
        plan_bar.addWidget(self.print_button)
        bl.addLayout(plan_bar)
        bl.addWidget(self.plan_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        QVBoxLayout(self).addWidget(split)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor

        def read() -> tuple[list[DuePlan], list[PlanView]]:
            return care_plans.plans_due(ctx.uow(actor)), care_plans.list_plans(ctx.uow(actor))

        ctx.runner.run(read, self._arrived, owner=self)

    def _arrived(self, got: tuple[list[DuePlan], list[PlanView]]) -> None:
        due, plans = got
        self.due.set_rows(due)
        self.plans.set_rows(plans)
        late = sum(1 for d in due if d.state == Due.LATE.value)
        self.summary.setText(_("{due} due, {late} late").format(due=len(due) - late, late=late))
        for view, rows in ((self.due_view, due), (self.plan_view, plans)):
            if rows and view.current_row() is None:
                view.selectRow(0)

    def _selected(self) -> PlanView | None:
        row = self.plan_view.current_row()
        return None if row is None else self.plans.row_at(row)

    def dialog(self, customer_id: int, customer: str, plan: PlanView | None) -> PartsDialog:
        ctx, actor = self.ctx, self.actor
        mode = plan_mode(actor, plan)
        year = plan.year if plan else clock.today().year
        state: dict[str, int | None] = {"id": plan.id if plan else None}

        def save(parts: dict[str, str]) -> int:
            state["id"] = care_plans.save_plan(ctx.uow(actor), customer_id, parts, state["id"], year)
            return state["id"]  # type: ignore[return-value]

        calls = Calls(save, lambda pid: care_plans.submit_plan(ctx.uow(actor), pid),
                      lambda pid, ok, note: care_plans.review_plan(ctx.uow(actor), pid, ok, note))
        title = _("Maintenance plan {year} · {customer}").format(year=year, customer=customer)
        values = dict(plan.parts) if plan else {}
        d = PartsDialog(ctx, actor, title, plan_parts(), values, mode, calls, state["id"],
                        note=plan.review_note if plan and plan.status == Status.RETURNED.value else "", parent=self)
        d.open()
        return d

    def write(self) -> PartsDialog | None:
        """A new plan for the key account chosen among those due (or the draft already begun)."""
        row = self.due_view.current_row()
        if row is None or not self.actor.can(Perm.CARE_WRITE_PLAN):
            return None
        d = self.due.row_at(row)
        begun = next((p for p in self.plans.rows() if p.customer_id == d.customer_id and p.status in (
            Status.DRAFT.value, Status.RETURNED.value) and p.written_by_id == self.actor.user_id), None)
        return self.dialog(d.customer_id, f"{d.code} {d.name}", begun)

    def open_plan(self) -> PartsDialog | None:
        p = self._selected()
        if p is None:
            return None
        return self.dialog(p.customer_id, f"{p.customer_code} {p.customer_name}", p)

    def print_selected(self) -> None:
        """Ctrl+P: the plan issued as a document of record and previewed."""
        p = self._selected()
        if p is None:
            return
        from sales_desk.reports.records.relationship import issue_care_plan  # lazy: reportlab

        pid, lang = p.id, current_language()
        self.documents.issue_and_preview(lambda uow: issue_care_plan(uow(), pid, lang))

    def save_layout(self) -> None:
        self.due_view.save_layout()
        self.plan_view.save_layout()
