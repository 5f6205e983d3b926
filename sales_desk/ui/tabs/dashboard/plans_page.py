"""Sales plans and targets [销售计划]: the year's targets per month for each rep, product and
region, with progress against them from what was shipped; collections against their
targets beside it for those who follow receivables.

The sales manager types the targets into the grid (a figure in the year column is spread
over the months), saves and submits them; the general manager approves them or returns
them with a reason (never a plan they prepared); an approved plan is revised the same
way while it stays in force. A sales rep sees their own targets and figures only.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.domain.planning.plans import Dimension, PlanStatus
from sales_desk.domain.planning.target_methods import TargetMethod
from sales_desk.i18n import _
from sales_desk.services.collections import targets as collection_targets
from sales_desk.services.planning import plans
from sales_desk.services.planning.plans import PlanChoices, PlanView
from sales_desk.services.planning.progress import PlanProgress, ProgressRow, plan_progress
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.dashboard.common import (
    HINT_STYLE,
    PLANS_TOPIC,
    hint,
    local_time,
    month_name,
)
from sales_desk.ui.tabs.dashboard.plan_grid import GridRow, PlanGridModel
from sales_desk.ui.tabs.dashboard.progress_tables import CollectionsModel, ProgressModel
from sales_desk.ui.tabs.dashboard.reason_dialog import ReasonDialog
from sales_desk.ui.widgets.entry_grid import EntryTable
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table


class PlansPage(Page):
    topics = frozenset({PLANS_TOPIC, "orders", "dispatch", "collections"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None, today: date | None = None):
        super().__init__(ctx, actor, parent)
        today = today or clock.today()
        self.versions: list[PlanView] = []
        self.choices: PlanChoices | None = None
        self.progress_data: PlanProgress | None = None
        self.preparer = actor.can(Perm.PLAN_PREPARE)
        self.approver = actor.can(Perm.PLAN_APPROVE)
        self._busy = False

        self.year = QSpinBox()
        self.year.setObjectName("plan_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.dimension = QComboBox()
        self.dimension.setObjectName("plan_dimension")
        for d in (Dimension.REP,) if not self._reads_all() else tuple(Dimension):
            self.dimension.addItem(d.label, d.value)
        self.dimension.currentIndexChanged.connect(lambda _i: self._dimension_changed())
        self.period = QComboBox()
        self.period.setObjectName("plan_period")
        self.period.addItem(_("Whole year"), 0)
        for m in range(1, 13):
            self.period.addItem(month_name(m, long=True), m)
        self.period.setCurrentIndex(0)  # the whole year: the plan's pace month by month
        self.period.currentIndexChanged.connect(lambda _i: self._load_progress())

        self.status = QLabel()
        self.status.setObjectName("plan_status")
        self.status.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)

        self.save_button = self._button(_("&Save targets"), "save_plan", self.save)
        self.submit_button = self._button(_("Su&bmit to the GM"), "submit_plan", self.submit)
        self.approve_button = self._button(_("&Approve"), "approve_plan", self.approve)
        self.return_button = self._button(_("&Return…"), "return_plan", self.return_plan)
        self.revise_button = self._button(_("Re&vise…"), "revise_plan", self.revise)
        self.calculator_button = self._button(_("&Target calculator…"), "target_calculator", self.calculator)

        self.grid = PlanGridModel(self)
        self.grid.sig_refused.connect(lambda text: self._say(text, error=True))
        self.grid.sig_edited.connect(self._edited)
        self.grid_view = EntryTable("dashboard/plan_grid")
        self.grid_view.setObjectName("plan_grid")
        self.grid_view.setModel(self.grid)
        self.grid_view.verticalHeader().show()
        self.grid_view.horizontalHeader().setStretchLastSection(False)
        self.grid_view.restore_layout({i: 72 for i in range(13)})

        self.progress = ProgressModel(self)
        self.progress_view = Table("dashboard/plan_progress")
        self.progress_view.setObjectName("progress_table")
        self.progress_view.setModel(self.progress)
        self.progress_view.restore_layout({0: 220, 1: 120, 2: 120, 3: 120, 4: 80})
        self.collections = CollectionsModel(self)
        self.collections_view = Table("dashboard/collections")
        self.collections_view.setObjectName("collections_table")
        self.collections_view.setModel(self.collections)
        self.collections_view.restore_layout({0: 160, 1: 130, 2: 130, 3: 80})
        self.lower = QTabWidget()
        self.lower.setObjectName("plan_lower")
        self.lower.addTab(self.progress_view, _("Sales against plan"))
        if actor.can(Perm.RECEIVABLE_VIEW):
            self.lower.addTab(self.collections_view, _("Collections against target"))

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.grid_view)
        self.splitter.addWidget(self.lower)
        self.splitter.setChildrenCollapsible(False)
        if not geometry.restore_splitter(self.splitter, "dashboard/plans"):
            self.splitter.setSizes([300, 260])

        top = QHBoxLayout()
        for text, widget in ((_("&Year:"), self.year), (_("S&how:"), self.dimension),
                             (_("Peri&od:"), self.period)):
            label = QLabel(text)
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)
            top.addSpacing(8)
        top.addStretch(1)
        for b in (self.calculator_button, self.save_button, self.submit_button, self.approve_button,
                  self.return_button, self.revise_button):
            top.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.problem)
        if self.preparer:
            layout.addWidget(hint(_("Type a month's target, or the year's to spread it evenly over the months; "
                                    "save, then submit the plan to the general manager.")))
        self._update_buttons()

    def _button(self, text: str, name: str, slot) -> QPushButton:  # noqa: ANN001
        b = QPushButton(text)
        b.setObjectName(name)
        b.clicked.connect(lambda _c=False: slot())
        return b

    def _reads_all(self) -> bool:
        return sees_all_customers(self.actor.roles)

    # -- reading -------------------------------------------------------------------------------
    def current(self) -> PlanView | None:
        return self.versions[0] if self.versions else None

    def in_force(self) -> PlanView | None:
        return next((v for v in self.versions if v.status == PlanStatus.APPROVED), None)

    def editable(self) -> bool:
        v = self.current()
        return self.preparer and (v is None or PlanStatus(v.status) in (PlanStatus.DRAFT, PlanStatus.RETURNED))

    def load(self) -> None:
        ctx, actor, year = self.ctx, self.actor, self.year.value()
        preparer = self.preparer

        def read() -> tuple[list[PlanView], PlanChoices | None]:
            versions = plans.plan_versions(ctx.uow(actor), year)
            return versions, plans.plan_choices(ctx.uow(actor)) if preparer else None

        ctx.runner.run(read, lambda got: self._arrived(year, *got), owner=self)
        self._load_progress()

    def _arrived(self, year: int, versions: list[PlanView], choices: PlanChoices | None) -> None:
        if year != self.year.value():
            return  # an answer for a year since changed
        self.versions, self.choices = versions, choices
        self._fill_grid()
        self._update_buttons()

    def _fill_grid(self) -> None:
        v = self.current()
        editable = self.editable()
        rows: dict[tuple[str, str], GridRow] = {}
        if editable and self.choices is not None:
            c = self.choices
            for dim, options in ((Dimension.REP, c.reps), (Dimension.PRODUCT, c.products), (Dimension.REGION, c.regions)):
                for o in options:
                    rows[(dim.value, o.key)] = GridRow(dim.value, o.key, o.label)
        for t in v.targets if v else ():
            rows[(t.dimension, t.key)] = GridRow(t.dimension, t.key, t.label, list(t.months))
        self.grid.set_rows(list(rows.values()), editable)
        self.grid.set_dimension(self.dimension.currentData())
        self.status.setText(self._status_text(v))

    def _status_text(self, v: PlanView | None) -> str:
        if v is None:
            return _("No sales plan for {year} yet.").format(year=self.year.value())
        parts = [_("{year} plan, revision {revision}: {status}").format(
            year=v.year, revision=v.revision, status=PlanStatus(v.status).label)]
        parts.append(_("prepared by {name} {at}").format(name=v.prepared_by, at=local_time(v.prepared_at)))
        if v.approved_by:
            parts.append(_("approved by {name} {at}").format(name=v.approved_by, at=local_time(v.approved_at)))
        if v.status == PlanStatus.RETURNED and v.returned_reason:
            parts.append(_("returned by {name}: {reason}").format(name=v.returned_by, reason=v.returned_reason))
        if v.revision_reason:
            parts.append(_("revised because: {reason}").format(reason=v.revision_reason))
        if v.target_method and v.target_figure is not None:
            parts.append(_("target {amount} worked out by the {method} method").format(
                amount=money_text(v.target_figure), method=TargetMethod(v.target_method).label))
        in_force = self.in_force()
        if in_force is not None and in_force.id != v.id:
            parts.append(_("revision {revision} stays in force until this one is approved").format(
                revision=in_force.revision))
        return " · ".join(parts)  # a neutral separator: no English punctuation in Chinese text

    def _load_progress(self) -> None:
        ctx, actor, year = self.ctx, self.actor, self.year.value()
        month = self.period.currentData() or None
        ctx.runner.run(lambda: plan_progress(ctx.uow(actor), year, month), self._progress_arrived, owner=self)
        if actor.can(Perm.RECEIVABLE_VIEW):
            first = date(year, month or clock.today().month, 1)
            ctx.runner.run(lambda: collection_targets.collection_performance(ctx.uow(actor), first),
                           self.collections.set_rows, owner=self)

    def _progress_arrived(self, progress: PlanProgress) -> None:
        self.progress_data = progress
        self._show_progress()

    def _show_progress(self) -> None:
        progress = self.progress_data
        if progress is None:
            return
        dim = self.dimension.currentData()
        rows = list(progress.of(dim))
        total = progress.total(dim)
        if total is not None and len(rows) > 1:
            rows.append(ProgressRow(total.dimension, "", _("Total"), total.target, total.actual, total.expected,
                                    total.percent, total.level))
        self.progress.set_rows(rows)

    def _dimension_changed(self) -> None:
        self.grid.set_dimension(self.dimension.currentData())
        self._show_progress()

    # -- acting --------------------------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        self.problem.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.problem.setText(text)

    def _edited(self) -> None:
        self._say("")  # a refused figure is gone once a figure is taken
        self._update_buttons()

    def _update_buttons(self) -> None:
        v = self.current()
        status = PlanStatus(v.status) if v else None
        idle = not self._busy
        self.save_button.setVisible(self.preparer)
        self.submit_button.setVisible(self.preparer)
        self.revise_button.setVisible(self.preparer)
        self.calculator_button.setVisible(self.preparer)
        self.calculator_button.setEnabled(idle and self.editable() and v is not None)
        self.approve_button.setVisible(self.approver)
        self.return_button.setVisible(self.approver)
        self.save_button.setEnabled(idle and self.editable() and self.grid.dirty)
        self.submit_button.setEnabled(idle and self.editable() and v is not None and not self.grid.dirty)
        self.revise_button.setEnabled(idle and status is PlanStatus.APPROVED)
        decidable = idle and status is PlanStatus.SUBMITTED and v is not None and v.prepared_by_id != self.actor.user_id
        self.approve_button.setEnabled(decidable)
        self.return_button.setEnabled(decidable)

    def _call(self, fn, done_text: str) -> None:  # noqa: ANN001
        self._busy = True
        self._update_buttons()

        def done(_result: object) -> None:
            self._busy = False
            self._say(done_text)
            self.reload()

        def failed(exc: BaseException) -> bool:
            self._busy = False
            self._update_buttons()
            if isinstance(exc, DomainError):
                self._say(str(exc), error=True)
                return True
            return False

        self.ctx.runner.run(fn, done, failed, writes=PLANS_TOPIC, owner=self)

    def editing(self) -> bool:
        return self.grid.dirty

    def save(self) -> None:
        ctx, actor, year, targets = self.ctx, self.actor, self.year.value(), self.grid.targets()
        # the open version as this page loaded it (0: none was open): a save made meanwhile
        # at another seat refuses this one, naming who (domain/common/versions.py)
        v = self.current()
        version = 0 if v is None else v.version if PlanStatus(v.status) in (PlanStatus.DRAFT, PlanStatus.RETURNED) else None
        self._call(lambda: plans.prepare_plan(ctx.uow(actor), year, targets, version=version),
                   _("The targets were saved."))

    def submit(self) -> None:
        v = self.current()
        if v is None:
            return
        ctx, actor = self.ctx, self.actor
        self._call(lambda: plans.submit_plan(ctx.uow(actor), v.id),
                   _("The plan was submitted to the general manager."))

    def approve(self) -> None:
        v = self.current()
        if v is None:
            return
        ctx, actor = self.ctx, self.actor
        self._call(lambda: plans.decide_plan(ctx.uow(actor), v.id, True), _("The plan was approved and is in force."))

    def return_plan(self) -> ReasonDialog | None:
        v = self.current()
        if v is None:
            return None
        dialog = ReasonDialog(_("Return the sales plan"), _("Why is the plan returned? The sales manager reads "
                                                             "this to correct it."), True, self)
        ctx, actor = self.ctx, self.actor

        def returned() -> None:
            reason = dialog.reason()  # read now: the dialog is gone when the call runs
            self._call(lambda: plans.decide_plan(ctx.uow(actor), v.id, False, reason),
                       _("The plan was returned to the sales manager."))

        dialog.accepted.connect(returned)
        dialog.open()
        return dialog

    def revise(self) -> ReasonDialog:
        dialog = ReasonDialog(_("Revise the sales plan"), _("Why is the approved plan revised? It stays in "
                                                             "force until the revision is approved."), True, self)
        ctx, actor, year = self.ctx, self.actor, self.year.value()

        def revised() -> None:
            reason = dialog.reason()
            self._call(lambda: plans.revise_plan(ctx.uow(actor), year, reason),
                       _("A revision was started from the approved plan."))

        dialog.accepted.connect(revised)
        dialog.open()
        return dialog

    def calculator(self) -> QWidget | None:
        """The six methods beside the plan; the chosen target carried into the plan being prepared."""
        from sales_desk.ui.tabs.dashboard.target_calculator import TargetCalculatorDialog

        v = self.current()
        if v is None or not self.editable():
            return None
        dialog = TargetCalculatorDialog(self.ctx, self.actor, v, self)
        dialog.sig_carried.connect(lambda: (self._say(_("The target was carried into the plan.")), self.reload()))
        dialog.open()
        return dialog

    def show_plan(self, plan_id: int) -> None:
        """Opened from "waiting for me": the plan's year, newest version first."""
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: plans.get_plan(ctx.uow(actor), plan_id),
                            lambda v: self.year.setValue(v.year) if v.year != self.year.value() else self.reload(),
                            owner=self)

    def save_layout(self) -> None:
        self.grid_view.save_layout()
        self.progress_view.save_layout()
        self.collections_view.save_layout()
        geometry.save_splitter(self.splitter, "dashboard/plans")
