"""The plans under the overall plan [月度销售计划, 产品销售计划] (domain/planning/hierarchy.py): a
month's monthly plan with each rep's sales and collection targets [回款目标], followed by its
product plans; for each, the parent's figure, what the children take and what is left.

The sales manager writes the monthly plan (Monthly plan…) and submits it; the sales VP
approves it — its collection targets are then in force — or returns it with a reason. A
supervisor writes a product plan under the selected monthly plan (Product plan…); the
sales manager approves or returns it. Nobody decides their own plan; a child waits for
its parent's approval. A rep sees their own targets.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.money import parse_amount
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.planning.hierarchy import RIGHTS, LineKind, PlanLevel
from sales_desk.domain.planning.plans import PlanStatus
from sales_desk.i18n import N_, _
from sales_desk.services.planning import sub_plan_reads, sub_plans
from sales_desk.services.planning.sub_plan_reads import Choice, LineRow, SubPlanView
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.dashboard.common import HINT_STYLE, PLANS_TOPIC, hint
from sales_desk.ui.tabs.dashboard.reason_dialog import ReasonDialog
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.service_dialog import ServiceDialog
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if

PLAN_HEADERS = (N_("Plan"), N_("Status"), N_("Sales target"), N_("Collection target"), N_("Plan above"),
                N_("Left"))
LINE_HEADERS = (N_("Target"), N_("Sales rep"), N_("Amount"))


def _plan_cell(v: SubPlanView, col: int) -> str:
    name = PlanLevel(v.level).label if v.level == PlanLevel.MONTHLY else "    " + v.product
    return (name, v.status_label, money_text(v.total(LineKind.SALES)),
            money_text(v.total(LineKind.COLLECTION)) if v.level == PlanLevel.MONTHLY else "",
            money_text(v.room.parent), money_text(v.room.left))[col]


def _line_cell(x: LineRow, col: int) -> str:
    return (LineKind(x.kind).label, x.rep, money_text(x.amount))[col]


def _fit(table: Table, stretch: int) -> None:
    """Figures as wide as they need, the names take the rest: six columns in 680 px."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for col in range(table.model().columnCount()):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)


class PlanEditor(ServiceDialog):
    """Each rep's targets in one monthly plan (sales and collection) or one product plan (sales)."""

    topic = PLANS_TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, level: PlanLevel, year: int, month: int,
                 reps: tuple[Choice, ...], products: tuple[Choice, ...], current: SubPlanView | None,
                 parent_id: int | None = None, parent: QWidget | None = None):
        super().__init__(ctx, actor, level.label, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.level, self.year, self.month, self.reps, self.parent_id = level, year, month, reps, parent_id
        self.kinds = (LineKind.SALES, LineKind.COLLECTION) if level is PlanLevel.MONTHLY else (LineKind.SALES,)
        self.product = QComboBox()
        self.product.setObjectName("product")
        for p in products:
            self.product.addItem(p.label, p.key)
        self.product.setVisible(level is PlanLevel.PRODUCT)
        have = {(x.kind, x.rep_id): x.amount for x in current.lines} if current else {}
        self.grid = QTableWidget(len(reps), len(self.kinds))
        self.grid.setObjectName("targets")
        self.grid.setHorizontalHeaderLabels([k.label for k in self.kinds])
        self.grid.setVerticalHeaderLabels([r.label for r in reps])
        for i, r in enumerate(reps):
            for j, k in enumerate(self.kinds):
                item = QTableWidgetItem(money_text(have.get((k.value, r.key), 0)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.grid.setItem(i, j, item)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.save = self.add_button(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit, "save")
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("{year}-{month:02d}: each rep's targets").format(year=year, month=month)))
        layout.addWidget(self.product)
        layout.addWidget(self.grid)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.resize(460, 360)

    def lines(self) -> list[tuple[str, int, int]]:
        out = []
        for i, r in enumerate(self.reps):
            for j, k in enumerate(self.kinds):
                item = self.grid.item(i, j)
                try:
                    amount = parse_amount(item.text() if item else "0")
                except ValueError:
                    raise ValidationError(r.label, _("not an amount (e.g. 200,000.00)")) from None
                out.append((k.value, r.key, amount))
        return out

    def submit(self) -> None:
        try:
            lines = self.lines()
        except DomainError as exc:
            self.say(str(exc), error=True)
            return
        ctx, actor, year, month = self.ctx, self.actor, self.year, self.month
        if self.level is PlanLevel.MONTHLY:
            self.call(lambda: sub_plans.prepare_monthly(ctx.uow(actor), year, month, lines), lambda _r: self.accept())
        else:
            parent_id, product_id = self.parent_id or 0, int(self.product.currentData() or 0)
            self.call(lambda: sub_plans.prepare_product(ctx.uow(actor), parent_id, product_id, lines),
                      lambda _r: self.accept())

    def _update_buttons(self) -> None:
        self.save.setEnabled(not self.busy())


class PlanLevelsPage(Page):
    topics = frozenset({PLANS_TOPIC, "collections"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None, today: date | None = None):
        super().__init__(ctx, actor, parent)
        today = today or clock.today()
        self.views: list[SubPlanView] = []
        self.choices: tuple[tuple[Choice, ...], tuple[Choice, ...]] = ((), ())
        self._busy = False
        self.year = QSpinBox()
        self.year.setObjectName("level_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.month = QSpinBox()
        self.month.setObjectName("level_month")
        self.month.setRange(1, 12)
        self.month.setValue(today.month)
        for spin in (self.year, self.month):
            spin.valueChanged.connect(lambda _v: self.reload())
        self.plans = RowsTableModel([_(h) for h in PLAN_HEADERS], _plan_cell, self, right_aligned=range(2, 6))
        self.plans_view = Table("dashboard/plan_levels")
        self.plans_view.setObjectName("plan_levels")
        self.plans_view.setModel(self.plans)
        self.plans_view.restore_layout()
        _fit(self.plans_view, stretch=0)
        self.plans_view.selectionModel().selectionChanged.connect(lambda *_a: self._show_lines())
        self.lines = RowsTableModel([_(h) for h in LINE_HEADERS], _line_cell, self, right_aligned=(2,))
        self.lines_view = Table("dashboard/plan_level_lines")
        self.lines_view.setObjectName("plan_level_lines")
        self.lines_view.setModel(self.lines)
        self.lines_view.restore_layout()
        _fit(self.lines_view, stretch=1)
        self.detail = hint()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.monthly_button = self._button(_("&Monthly plan…"), "edit_monthly", self.edit_monthly,
                                           actor.can(RIGHTS[PlanLevel.MONTHLY][0]))
        self.product_button = self._button(_("P&roduct plan…"), "edit_product", self.edit_product,
                                           actor.can(RIGHTS[PlanLevel.PRODUCT][0]))
        self.submit_button = self._button(_("S&ubmit"), "submit_level", self.submit,
                                          any(actor.can(RIGHTS[lv][0]) for lv in (PlanLevel.MONTHLY, PlanLevel.PRODUCT)))
        deciders = any(actor.can(RIGHTS[lv][1]) for lv in (PlanLevel.MONTHLY, PlanLevel.PRODUCT))
        self.approve_button = self._button(_("&Approve"), "approve_level", self.approve, deciders)
        self.return_button = self._button(_("Re&turn…"), "return_level", self.return_plan, deciders)

        head = QHBoxLayout()
        for text, spin in ((_("&Year:"), self.year), (_("M&onth:"), self.month)):
            label = QLabel(text)
            label.setBuddy(spin)
            head.addWidget(label)
            head.addWidget(spin)
        head.addStretch(1)
        buttons = QHBoxLayout()
        for b in (self.monthly_button, self.product_button, self.submit_button, self.approve_button,
                  self.return_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.plans_view)
        split.addWidget(self.lines_view)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(hint(_("Monthly plans stay within the overall plan's month; product plans together "
                                "within their monthly plan. The VP's approval puts the collection targets "
                                "in force.")))
        layout.addWidget(split, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)

    def _button(self, text: str, name: str, slot, visible: bool) -> QPushButton:  # noqa: ANN001
        b = QPushButton(text)
        b.setObjectName(name)
        b.clicked.connect(lambda _c=False: slot())
        shown_if(b, visible)
        return b

    # -- reading -------------------------------------------------------------------------------
    def load(self) -> None:
        ctx, actor, year, month = self.ctx, self.actor, self.year.value(), self.month.value()

        def read() -> tuple[list[SubPlanView], tuple[tuple[Choice, ...], tuple[Choice, ...]]]:
            return (sub_plan_reads.month_plans(ctx.uow(actor), year, month),
                    sub_plan_reads.sub_plan_choices(ctx.uow(actor)))

        ctx.runner.run(read, self._arrived, owner=self)

    def _arrived(self, got: tuple[list[SubPlanView], tuple[tuple[Choice, ...], tuple[Choice, ...]]]) -> None:
        self.views, self.choices = got
        self.plans.set_rows(self.views)
        if self.views:
            self.plans_view.selectRow(0)
        self._show_lines()

    def current(self) -> SubPlanView | None:
        row = self.plans_view.current_row()
        return self.views[row] if row is not None and row < len(self.views) else None

    def monthly(self) -> SubPlanView | None:
        """The selected plan's monthly plan (itself, or its parent)."""
        v = self.current()
        if v is None:
            return next((x for x in self.views if x.level == PlanLevel.MONTHLY), None)
        if v.level == PlanLevel.MONTHLY:
            return v
        return next((x for x in self.views if x.id == v.parent_id), None)

    def _show_lines(self) -> None:
        v = self.current()
        self.lines.set_rows(list(v.lines) if v else [])
        if v is None:
            self.detail.setText(_("No monthly plan for this month yet."))
        else:
            text = _("Prepared by {who}.").format(who=v.prepared_by)
            if v.returned_reason and v.status == PlanStatus.RETURNED:
                text += " " + _("Returned: {reason}").format(reason=v.returned_reason)
            if v.room.over:
                text += " " + _("Over the plan above by {amount}.").format(amount=money_text(-v.room.left))
            self.detail.setText(text)
        self._update_buttons()

    # -- acting --------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        v, idle = self.current(), not self._busy
        status = PlanStatus(v.status) if v else None
        mine = v is not None and v.prepared_by_id == self.actor.user_id
        level = PlanLevel(v.level) if v else None
        self.monthly_button.setEnabled(idle)
        m = self.monthly()
        self.product_button.setEnabled(idle and m is not None and m.status != PlanStatus.SUPERSEDED)
        self.submit_button.setEnabled(idle and level is not None and status in (PlanStatus.DRAFT, PlanStatus.RETURNED)
                                      and self.actor.can(RIGHTS[level][0]))
        decidable = (idle and level is not None and status is PlanStatus.SUBMITTED and not mine
                     and self.actor.can(RIGHTS[level][1]))
        self.approve_button.setEnabled(decidable)
        self.return_button.setEnabled(decidable)

    def _say(self, text: str, error: bool = False) -> None:
        self.problem.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.problem.setText(text)

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

    def edit_monthly(self) -> PlanEditor:
        m = next((x for x in self.views if x.level == PlanLevel.MONTHLY), None)
        dialog = PlanEditor(self.ctx, self.actor, PlanLevel.MONTHLY, self.year.value(), self.month.value(),
                            self.choices[0], (), m, parent=self)
        dialog.accepted.connect(lambda: self._say(_("The monthly plan was saved.")))
        dialog.open()
        return dialog

    def edit_product(self) -> PlanEditor | None:
        m = self.monthly()
        if m is None:
            return None
        v = self.current()
        dialog = PlanEditor(self.ctx, self.actor, PlanLevel.PRODUCT, m.year, m.month, self.choices[0],
                            self.choices[1], v if v is not None and v.level == PlanLevel.PRODUCT else None,
                            m.id, self)
        if v is not None and v.product_id is not None:
            dialog.product.setCurrentIndex(max(0, dialog.product.findData(v.product_id)))
        dialog.accepted.connect(lambda: self._say(_("The product plan was saved.")))
        dialog.open()
        return dialog

    def submit(self) -> None:
        if (v := self.current()) is not None:
            ctx, actor = self.ctx, self.actor
            self._call(lambda: sub_plans.submit_sub_plan(ctx.uow(actor), v.id), _("The plan was submitted."))

    def approve(self) -> None:
        if (v := self.current()) is not None:
            ctx, actor = self.ctx, self.actor
            self._call(lambda: sub_plans.decide_sub_plan(ctx.uow(actor), v.id, True), _("The plan was approved."))

    def return_plan(self) -> ReasonDialog | None:
        v = self.current()
        if v is None:
            return None
        dialog = ReasonDialog(_("Return the plan"), _("Why is the plan returned? Whoever prepared it reads this "
                                                      "to correct it."), True, self)
        ctx, actor = self.ctx, self.actor

        def returned() -> None:
            reason = dialog.reason()
            self._call(lambda: sub_plans.decide_sub_plan(ctx.uow(actor), v.id, False, reason),
                       _("The plan was returned."))

        dialog.accepted.connect(returned)
        dialog.open()
        return dialog

    def show_plan(self, plan_id: int) -> None:
        """Opened from "waiting for me": the plan's month."""
        ctx, actor = self.ctx, self.actor

        def shown(v: SubPlanView) -> None:
            if (v.year, v.month) == (self.year.value(), self.month.value()):
                self.reload()
            self.year.setValue(v.year)
            self.month.setValue(v.month)

        ctx.runner.run(lambda: sub_plan_reads.get_sub_plan(ctx.uow(actor), plan_id), shown, owner=self)

    def save_layout(self) -> None:
        self.plans_view.save_layout()
        self.lines_view.save_layout()
