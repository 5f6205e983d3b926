"""One customer's credit standing: grade, terms, a hold shown prominently, the rating,
limit and trigger history, and the actions the user's rights allow on it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.credit.rating import DowngradeTrigger, score_text
from sales_desk.i18n import _
from sales_desk.services.credit import position as credit
from sales_desk.services.credit.investigation import READERS
from sales_desk.services.credit.limit import CALCULATOR_USERS
from sales_desk.services.customers import files as customers
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.credit.common import (
    HOLD_COLOR,
    HoldBanner,
    day,
    grade_label,
    heading,
    hint,
    local_time,
    method_label,
    mode_label,
    term_text,
)
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if


@dataclass(frozen=True)
class CreditFile:
    customer_id: int
    code: str
    name: str
    position: credit.CreditPosition
    ratings: list[credit.RatingRow]
    limits: list[credit.LimitRow]
    triggers: list[credit.TriggerRow]


def load_credit_file(ctx: AppContext, actor: Actor, customer_id: int) -> CreditFile:
    """On the worker: everything the panel shows, read in one go."""
    card = customers.customer_card(ctx.uow(actor), customer_id)
    return CreditFile(
        card.id, card.code, card.name, credit.get_credit_position(ctx.uow(actor), customer_id),
        credit.rating_history(ctx.uow(actor), customer_id),
        credit.limit_history(ctx.uow(actor), customer_id),
        credit.triggers_of(ctx.uow(actor), customer_id))


def _rating_cell(r: credit.RatingRow, column: int) -> str:
    return (day(r.rated_on), r.grade, score_text(r.score), r.previous_grade or "—", day(r.due_on),
            r.proposed_by, r.approved_by)[column]


def _limit_cell(r: credit.LimitRow, column: int) -> str:
    if column == 0:
        return local_time(r.set_at)[:10]
    if column == 1:
        return r.grade
    if column == 2:
        return money_text(r.amount) if r.payment_mode == "credit" else mode_label(r.payment_mode)
    if column == 3:
        return term_text(r.term_days, r.payment_mode)
    if column == 4:
        return method_label(r.method)
    if column == 5:
        return _("{name} (automatic)").format(name=r.set_by) if r.automatic else r.set_by
    return r.reasons


def _trigger_cell(t: credit.TriggerRow, column: int) -> str:
    if column == 0:
        return day(t.occurred_on)
    if column == 1:
        return DowngradeTrigger(t.trigger).label
    if column == 2:  # the downgrade it made [降级处理]; none before triggers lowered grades
        return f"{t.grade_before or '—'} → {t.grade_after}" if t.grade_after else "—"
    if column == 3:
        return (_("released {day}").format(day=local_time(t.hold_released_at)[:10]) if t.hold_released_at
                else _("on hold"))
    if column == 4:
        return t.recorded_by
    return t.description


class CustomerCreditPanel(QWidget):
    sig_open_investigation = Signal(int, str)
    """The user asked to open a new investigation of this customer (id, "code name")."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.file: CreditFile | None = None
        self._customer_id: int | None = None

        self.title = heading()
        self.title.setObjectName("customer_title")
        self.hold_banner = HoldBanner()
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        fields = (("grade", _("Credit grade")), ("score", _("Score")), ("rated", _("Last rated")),
                  ("limit", _("Credit limit")), ("available", _("Available credit")),
                  ("term", _("Payment term")), ("due", _("Re-rating due")))
        for n, (key, label) in enumerate(fields):
            value = QLabel()
            value.setObjectName(f"value_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            caption = QLabel(_("{label}:").format(label=label))
            caption.setStyleSheet("color: #555555;")
            if key == "grade":  # the long grade label gets the whole first row
                grid.addWidget(caption, 0, 0)
                grid.addWidget(value, 0, 1, 1, 3)
                continue
            row, col = (n + 1) // 2, ((n + 1) % 2) * 2
            grid.addWidget(caption, row, col)
            grid.addWidget(value, row, col + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.values["grade"].setStyleSheet("font-weight: bold;")

        self.investigate_button = QPushButton(_("New &investigation…"))
        self.calculator_button = QPushButton(_("&Limit calculator…"))
        self.trigger_button = QPushButton(_("Record downgrade &trigger…"))
        self.print_button = QPushButton(_("&Print…"))
        self.investigate_button.clicked.connect(self._investigate)
        self.calculator_button.clicked.connect(self.open_calculator)
        self.trigger_button.clicked.connect(self.record_trigger)
        self.print_button.clicked.connect(self.print_forms)
        allowed = {
            self.investigate_button: actor.can(Perm.CREDIT_INVESTIGATE),
            self.calculator_button: any(actor.can(p) for p in CALCULATOR_USERS),
            self.trigger_button: actor.can(Perm.CREDIT_RECORD_TRIGGER),
            self.print_button: any(actor.can(p) for p in READERS),
        }
        actions = QHBoxLayout()
        for button, ok in allowed.items():
            shown_if(button, ok)
            if ok:
                actions.addWidget(button)
        actions.addStretch(1)

        self.ratings = RowsTableModel(
            [_("Rated on"), _("Grade"), _("Score"), _("Previous grade"), _("Next re-rating"),
             _("Proposed by"), _("Approved by")], _rating_cell, self, right_aligned=(2,))
        # The long free texts (reasons, description) come last, where the table stretches.
        self.limits = RowsTableModel(
            [_("Set on"), _("Grade"), _("Credit limit"), _("Payment term"), _("Method"), _("Set by"),
             _("Reasons")], _limit_cell, self, right_aligned=(2,))
        self.triggers = RowsTableModel(
            [_("Occurred on"), _("Downgrade trigger"), _("Grade"), _("Hold"), _("Recorded by"),
             _("Description")],
            _trigger_cell, self)
        self.history = QTabWidget()
        self.history.setObjectName("credit_history")
        self.tables: dict[str, Table] = {}
        for key, model, title, widths in (
            ("ratings", self.ratings, _("&Rating history"), {0: 90, 1: 50, 2: 50, 3: 100, 4: 100, 5: 90}),
            ("limits", self.limits, _("Li&mit history"), {0: 85, 1: 45, 2: 95, 3: 70, 4: 100, 5: 70}),
            ("triggers", self.triggers, _("Downgrade trigg&ers"), {0: 85, 1: 200, 2: 55, 3: 90, 4: 75}),
        ):
            table = Table(f"credit/{key}")
            table.setObjectName(f"{key}_table")
            table.setModel(model)
            table.restore_layout(widths)
            table.setWordWrap(key != "ratings")  # a few rows whose reasons must be read in full
            self.tables[key] = table
            self.history.addTab(table, title)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.title)
        body_layout.addWidget(self.hold_banner)
        body_layout.addLayout(grid)
        body_layout.addLayout(actions)
        body_layout.addWidget(self.history, 1)
        self.empty = hint(_("Choose a customer on the left to see their credit standing."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # -- loading ---------------------------------------------------------------------------
    def customer_id(self) -> int | None:
        return self._customer_id

    def show_customer(self, customer_id: int | None) -> None:
        self._customer_id = customer_id
        if customer_id is None:
            self.file = None
            self.stack.setCurrentIndex(0)
            return
        self.reload()

    def reload(self) -> None:
        cid = self._customer_id
        if cid is None:
            return
        self.ctx.runner.run(lambda: load_credit_file(self.ctx, self.actor, cid),
                            lambda f: self._show(cid, f), owner=self)

    def _show(self, customer_id: int, f: CreditFile) -> None:
        if customer_id != self._customer_id:
            return  # the user has moved on to another customer
        self.file = f
        p = f.position
        self.title.setText(_("{code} · {name}").format(code=f.code, name=f.name))
        lowered = [t for t in f.triggers if t.grade_after and t.hold_released_at is None]
        self.hold_banner.show_hold(p.on_hold, p.hold_since, max((t.grade_after for t in lowered), default=None))
        self.values["grade"].setText(grade_label(p.grade))
        downgraded = bool(lowered and f.ratings)  # the score is the rating's; the grade the trigger's
        self.values["score"].setText(_("{score} (rated {grade})").format(
            score=score_text(p.score), grade=f.ratings[0].grade) if downgraded else score_text(p.score))
        self.values["score"].setToolTip(_("{score} (rated {grade}, then downgraded)").format(
            score=score_text(p.score), grade=f.ratings[0].grade) if downgraded else "")
        self.values["limit"].setText(money_text(p.limit) if p.payment_mode == "credit" else "—")
        # limit − open receivables − approved-but-unshipped orders [授信执行]
        available = self.values["available"]
        available.setText(money_text(p.available) if p.payment_mode == "credit" else "—")
        available.setStyleSheet(f"color: {HOLD_COLOR}; font-weight: bold;" if p.available < 0 else "")
        available.setToolTip(_("Limit {limit} − open receivables {receivables} − approved, not shipped "
                               "{unshipped}").format(limit=money_text(p.limit),
                                                     receivables=money_text(p.open_receivables),
                                                     unshipped=money_text(p.approved_unshipped)))
        self.values["term"].setText(term_text(p.term_days, p.payment_mode) if p.grade else "")
        self.values["rated"].setText(day(p.last_rated_on))
        due = day(p.rerating_due_on)
        self.values["due"].setText(_("{day} — due now").format(day=due) if p.rerating_due else due)
        self.values["due"].setStyleSheet(f"color: {HOLD_COLOR}; font-weight: bold;" if p.rerating_due else "")
        self.ratings.set_rows(f.ratings)
        self.limits.set_rows(f.limits)
        self.triggers.set_rows(f.triggers)
        for key in ("limits", "triggers"):
            self.tables[key].resizeRowsToContents()
        self.stack.setCurrentIndex(1)

    # -- actions ---------------------------------------------------------------------------
    def _investigate(self) -> None:
        if self.file is not None:
            self.sig_open_investigation.emit(self.file.customer_id, f"{self.file.code} {self.file.name}")

    def open_calculator(self):  # noqa: ANN201 - the dialog, for tests
        from sales_desk.ui.tabs.credit.calculator import CalculatorDialog

        if self.file is None:
            return None
        dialog = CalculatorDialog(self.ctx, self.actor, self.file.customer_id, self)
        dialog.open()
        return dialog

    def record_trigger(self):  # noqa: ANN201
        from sales_desk.ui.tabs.credit.trigger_dialog import TriggerDialog

        if self.file is None:
            return None
        dialog = TriggerDialog(self.ctx, self.actor, self.file.customer_id,
                               f"{self.file.code} {self.file.name}", self.file.position.grade, self)
        dialog.open()
        return dialog

    def print_forms(self):  # noqa: ANN201
        from sales_desk.ui.tabs.credit.printing import PrintDialog

        if self.file is None:
            return None
        dialog = PrintDialog(self.ctx, self.actor, self.file.customer_id, self.file.code, self)
        dialog.open()
        return dialog

    def save_layout(self) -> None:
        for table in self.tables.values():
            table.save_layout()
