"""The target calculator beside the sales plan (费用 第5条2): the six methods with their inputs,
last year's sales per customer and per rep prefilled from the ledger (editable: what each is
expected to buy or sell), the results compared side by side, and the chosen one carried into
the plan being prepared with its method named (services/planning/target_calculator.py)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.money import from_minor, to_minor
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.planning import target_methods as m
from sales_desk.domain.planning.target_methods import METHOD_LABELS, TargetMethod, Worked
from sales_desk.i18n import _
from sales_desk.services.planning.plans import PlanView
from sales_desk.services.planning.target_calculator import (
    HistoryLine,
    TargetHistory,
    choose_target,
    target_history,
)
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.widgets.money import money_text


def _number(edit: QLineEdit, field: str, percent: bool = False) -> Decimal:
    text = edit.text().strip().replace(",", "").replace("%", "").strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(field, _("not a valid value")) from None
    return value / 100 if percent else value


class TargetCalculatorDialog(QDialog):
    sig_carried = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, plan: PlanView, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Target calculator — {year} plan").format(year=plan.year))
        self.ctx, self.actor, self.plan = ctx, actor, plan
        self.history: TargetHistory | None = None
        self.results: list[Worked] = []
        self.workings: dict[TargetMethod, str] = {}

        self.sales = QLineEdit()
        self.growth, self.market, self.share, self.market_growth = QLineEdit("10"), QLineEdit(), QLineEdit(), QLineEdit()
        self.profit, self.fixed, self.margin = QLineEdit(), QLineEdit(), QLineEdit()
        for name, edit in (("last_year_sales", self.sales), ("growth_rate", self.growth), ("market_size", self.market),
                           ("market_share", self.share), ("market_growth_rate", self.market_growth),
                           ("target_profit", self.profit), ("fixed_costs", self.fixed), ("margin_rate", self.margin)):
            edit.setObjectName(name)
            edit.textChanged.connect(lambda _t: self.work_out())
        form = QFormLayout()
        for text, edit in ((_("Last year's sales:"), self.sales), (_("Planned growth rate (%):"), self.growth),
                           (_("Market size:"), self.market), (_("Target market share (%):"), self.share),
                           (_("Market growth rate (%):"), self.market_growth), (_("Target profit:"), self.profit),
                           (_("Fixed costs:"), self.fixed), (_("Contribution margin rate (%):"), self.margin)):
            form.addRow(text, edit)
        inputs = QGroupBox(_("Inputs"))
        inputs.setLayout(form)
        self.customers = self._expected_table("customer_expectations", _("Customer"))
        self.reps = self._expected_table("rep_expectations", _("Sales rep"))
        lists = QHBoxLayout()
        for title, table in ((_("Customers' expected purchases"), self.customers),
                             (_("Reps' expected sales"), self.reps)):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(table)
            lists.addWidget(box)
        top = QHBoxLayout()
        top.addWidget(inputs, 2)
        top.addLayout(lists, 3)

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("target_results")
        self.table.setHorizontalHeaderLabels([_("Method"), _("Working"), _("Target")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 180)
        self.table.setColumnWidth(1, 420)
        self.table.setColumnWidth(2, 130)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.carry_button = QPushButton(_("&Carry the chosen target into the plan"))
        self.carry_button.setObjectName("carry_target")
        self.carry_button.clicked.connect(lambda _c=False: self.carry())
        buttons = QDialogButtonBox()
        buttons.addButton(self.carry_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(_("Compared side by side (highest first): choose one to carry into the plan.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(1000, 640)
        self._update_buttons()
        ctx.runner.run(lambda: target_history(ctx.uow(actor), plan.year), self._arrived, owner=self)

    def _expected_table(self, name: str, who: str) -> QTableWidget:
        t = QTableWidget(0, 3)
        t.setObjectName(name)
        t.setHorizontalHeaderLabels([who, _("Last year"), _("Expected")])
        t.setColumnWidth(0, 100)
        t.setColumnWidth(1, 80)
        t.horizontalHeader().setStretchLastSection(True)
        t.itemChanged.connect(lambda _i: self.work_out())
        return t

    def _arrived(self, h: TargetHistory) -> None:
        self.history = h
        self.sales.setText(f"{from_minor(h.last_year_sales):.2f}")
        for table, lines in ((self.customers, h.customers), (self.reps, h.reps)):
            self._fill(table, lines)
        self.work_out()

    @staticmethod
    def _fill(table: QTableWidget, lines: tuple[HistoryLine, ...]) -> None:
        table.blockSignals(True)
        table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            for col, text in enumerate((line.label, money_text(line.last_year), f"{from_minor(line.last_year):.2f}")):
                item = QTableWidgetItem(text)
                if col < 2:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, col, item)
        table.blockSignals(False)

    @staticmethod
    def _expected(table: QTableWidget, field: str) -> list[Decimal]:
        out = []
        for row in range(table.rowCount()):
            item = table.item(row, 2)
            text = (item.text() if item else "").replace(",", "").strip()
            try:
                out.append(Decimal(text or "0"))
            except InvalidOperation:
                raise ValidationError(field, _("not a valid value")) from None
        return out

    # -- working out ---------------------------------------------------------------------------
    def _methods(self) -> list[tuple[TargetMethod, Callable[[], tuple[Decimal, str]]]]:
        def growth() -> tuple[Decimal, str]:
            sales, rate = _number(self.sales, _("Last year's sales")), _number(self.growth, _("Growth rate"), True)
            t = m.by_growth_rate(sales, rate)
            return t, m.formula(TargetMethod.GROWTH_RATE, t, sales=sales, rate=rate)

        def share() -> tuple[Decimal, str]:
            market, rate = _number(self.market, _("Market size")), _number(self.share, _("Market share"), True)
            t = m.by_market_share(market, rate)
            return t, m.formula(TargetMethod.MARKET_SHARE, t, market=market, rate=rate)

        def market_growth() -> tuple[Decimal, str]:
            sales = _number(self.sales, _("Last year's sales"))
            rate = _number(self.market_growth, _("Market growth rate"), True)
            t = m.by_market_growth(sales, rate)
            return t, m.formula(TargetMethod.MARKET_GROWTH, t, sales=sales, rate=rate)

        def profit() -> tuple[Decimal, str]:
            p, f = _number(self.profit, _("Target profit")), _number(self.fixed, _("Fixed costs"))
            rate = _number(self.margin, _("Margin rate"), True)
            t = m.by_expected_profit(p, f, rate)
            return t, m.formula(TargetMethod.EXPECTED_PROFIT, t, profit=p, fixed=f, rate=rate)

        def customers() -> tuple[Decimal, str]:
            values = self._expected(self.customers, _("Expected purchases"))
            t = m.by_customer_power(values)
            return t, m.formula(TargetMethod.CUSTOMER_POWER, t, count=len(values))

        def reps() -> tuple[Decimal, str]:
            values = self._expected(self.reps, _("Expected sales"))
            t = m.by_rep_performance(values)
            return t, m.formula(TargetMethod.REP_PERFORMANCE, t, count=len(values))

        return [(TargetMethod.GROWTH_RATE, growth), (TargetMethod.MARKET_SHARE, share),
                (TargetMethod.MARKET_GROWTH, market_growth), (TargetMethod.EXPECTED_PROFIT, profit),
                (TargetMethod.CUSTOMER_POWER, customers), (TargetMethod.REP_PERFORMANCE, reps)]

    def work_out(self) -> None:
        """Every method whose inputs are filled in, compared; the others are left out."""
        worked, skipped = [], []
        for method, run in self._methods():
            try:
                target, working = run()
            except ValidationError:
                skipped.append(method.label)
                continue
            if target > 0:
                worked.append(Worked(method, target, working))
        self.results = m.compare(worked)
        self.table.setRowCount(len(self.results))
        for row, w in enumerate(self.results):
            for col, text in enumerate((w.method.label, w.workings,
                                        f"{w.target:,.2f}")):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.problem.setText(_("Not worked out yet (fill in their inputs): {methods}").format(
            methods=", ".join(skipped)) if skipped else "")
        self._update_buttons()

    def chosen(self) -> Worked | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.results[rows[0].row()] if rows and rows[0].row() < len(self.results) else None

    def _update_buttons(self) -> None:
        self.carry_button.setEnabled(self.chosen() is not None)

    def carry(self) -> None:
        w = self.chosen()
        if w is None:
            return
        others = [x for x in self.results if x is not w]
        lines = [f"{_(METHOD_LABELS[w.method].msgid)}: {w.workings}"] + [
            f"{_(METHOD_LABELS[x.method].msgid)}: {x.workings}" for x in others]
        ctx, actor, plan_id, figure = self.ctx, self.actor, self.plan.id, to_minor(w.target)
        working = "\n".join(lines)

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, DomainError):
                self.problem.setText(str(exc))
                return True
            return False

        def done(_r: object) -> None:
            self.sig_carried.emit()
            self.accept()

        ctx.runner.run(lambda: choose_target(ctx.uow(actor), plan_id, w.method.value, figure, working), done, failed,
                       owner=self)
