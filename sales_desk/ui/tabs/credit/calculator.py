"""The credit-limit calculator [信用额度确定方法]: the five methods side by side from the
customer's figures (any figure may be changed to try it), and, for the sales manager,
the decision: limit and payment term within the grade's policy, with reasons.

Everyone allowed the calculator sees it; only those who may set limits get the
decision part (the service refuses anyone else, and whoever investigated the customer).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.credit.limits import FIGURE_LABELS, LimitInputs, LimitMethod, LimitResult
from sales_desk.domain.credit.rating import Grade, PaymentMode
from sales_desk.i18n import N_, _
from sales_desk.services.credit import limit as credit_limit
from sales_desk.services.credit.limit import CalculatorView
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.credit.common import (
    HoldBanner,
    OptionalCountEdit,
    OptionalMoneyEdit,
    PercentEdit,
    ServiceDialog,
    grade_label,
    heading,
    hint,
    mode_label,
    money_or_dash,
    term_text,
)
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.money import MoneyEdit, money_text

# The figures the calculator works on, as the form shows them (name, kind).
FIGURES: tuple[tuple[str, str], ...] = (
    ("expected_annual_sales", "money"), ("cost_rate_bp", "percent"), ("supply_share_bp", "percent"),
    ("credit_days", "count"), ("current_assets", "money"), ("current_liabilities", "money"),
    ("total_assets", "money"), ("total_liabilities", "money"), ("supplier_count", "count"),
    ("standard_limit", "money"),
)
FIELD_WIDTH = 170
FORMULAS: dict[LimitMethod, str] = {
    LimitMethod.SALES: N_("expected sales × cost rate × our share × credit days ÷ 365"),
    LimitMethod.WORKING_CAPITAL: N_("(current assets − current liabilities) ÷ number of suppliers"),
    LimitMethod.CURRENT_RATIO: N_("the standard limit, raised in proportion when the current ratio "
                                  "beats the norm"),
    LimitMethod.NET_ASSETS: N_("(total assets − total liabilities) ÷ number of suppliers"),
    LimitMethod.JUDGEMENT: N_("a figure of your own, with written reasons"),
}


class MethodCard(QGroupBox):
    """One method: its formula, its result (or what it lacks), and "use this"."""

    def __init__(self, number: int, method: LimitMethod, parent: QWidget | None = None):
        super().__init__(f"{number}. {method.label}", parent)
        self.method = method
        self.setObjectName(f"method_{method.value}")
        formula = hint(_(FORMULAS[method]))
        # Wrapped labels report too little height in a row of cards: keep room for three lines.
        formula.setMinimumHeight(formula.fontMetrics().lineSpacing() * 3 + 4)
        self.amount = QLabel("—")
        self.amount.setObjectName("amount")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.amount.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.amount.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = hint()
        self.note.setObjectName("note")
        self.note.setMinimumHeight(self.note.fontMetrics().lineSpacing() * 2 + 4)
        self.use = QRadioButton(_("Use this method") if method is not LimitMethod.JUDGEMENT
                                else _("Use my judgement"))
        self.judged = OptionalMoneyEdit() if method is LimitMethod.JUDGEMENT else None
        layout = QVBoxLayout(self)
        layout.addWidget(formula)
        if self.judged is not None:
            self.judged.setObjectName("judged_amount")
            layout.addWidget(self.judged)
        layout.addStretch(1)
        layout.addWidget(self.amount)
        layout.addWidget(self.note)
        layout.addWidget(self.use)
        self.result: LimitResult | None = None

    def show_result(self, result: LimitResult, x: LimitInputs, cap: int | None) -> None:
        self.result = result
        self.amount.setText(money_or_dash(result.amount))
        if result.amount is not None and cap is not None and result.amount > cap:
            self.note.setText(_("Above what the grade allows now ({cap})").format(cap=money_text(cap)))
        elif result.missing:
            self.note.setText(_("Needs: {figures}").format(
                figures=", ".join(_(FIGURE_LABELS.get(m, m)) for m in result.missing)))
        elif result.error:
            self.note.setText(result.error)
        elif self.method is LimitMethod.CURRENT_RATIO and x.current_assets is not None and x.current_liabilities:
            ratio = Decimal(x.current_assets) / Decimal(x.current_liabilities)
            self.note.setText(_("Current ratio {ratio} against a norm of {norm}").format(
                ratio=f"{ratio:.2f}", norm=f"{Decimal(x.norm_current_ratio_bp) / 10_000:.2f}"))
        else:
            self.note.setText("")


class CalculatorDialog(ServiceDialog):
    def __init__(self, ctx: AppContext, actor: Actor, customer_id: int, parent: QWidget | None = None,
                 *, show_decision: bool | None = None):
        super().__init__(ctx, actor, _("Credit-limit calculator"), parent)
        self.customer_id = customer_id
        self.view: CalculatorView | None = None
        self.may_decide = actor.can(Perm.CREDIT_SET_LIMIT) if show_decision is None else show_decision

        self.title = heading()
        self.hold_banner = HoldBanner()
        self.standing = hint()
        self.standing.setObjectName("standing")
        self.source = hint()

        self.inputs: dict[str, OptionalMoneyEdit | PercentEdit | OptionalCountEdit] = {}
        figures_box = QGroupBox(_("The customer's figures"))
        grid = QGridLayout(figures_box)
        for n, (name, kind) in enumerate(FIGURES):
            edit: OptionalMoneyEdit | PercentEdit | OptionalCountEdit
            edit = {"money": OptionalMoneyEdit, "percent": PercentEdit,
                    "count": lambda: OptionalCountEdit(3650)}[kind]()
            edit.setObjectName(name)
            edit.setFixedWidth(FIELD_WIDTH)
            self.inputs[name] = edit
            label = QLabel(_("{label}:").format(label=_(FIGURE_LABELS[name])))
            label.setBuddy(edit)
            row, col = n // 3, (n % 3) * 3
            grid.addWidget(label, row, col)
            grid.addWidget(edit, row, col + 1)
        for col in (2, 5):
            grid.setColumnMinimumWidth(col, 16)
        grid.setColumnStretch(8, 1)
        self.recalculate_button = QPushButton(_("Re&calculate"))
        self.recalculate_button.clicked.connect(self.recalculate)
        grid.addWidget(self.recalculate_button, (len(FIGURES) - 1) // 3, 6, 1, 3,
                       alignment=Qt.AlignmentFlag.AlignRight)

        self.cards: dict[LimitMethod, MethodCard] = {}
        self.method_group = QButtonGroup(self)
        methods_row = QHBoxLayout()
        for n, method in enumerate(LimitMethod, start=1):
            card = MethodCard(n, method)
            self.cards[method] = card
            self.method_group.addButton(card.use)
            card.use.toggled.connect(lambda on, m=method: on and self._method_chosen(m))
            methods_row.addWidget(card, 1)
        judged = self.cards[LimitMethod.JUDGEMENT].judged
        assert judged is not None
        judged.editingFinished.connect(self._judgement_edited)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hold_banner)
        layout.addWidget(self.standing)
        layout.addWidget(self.source)
        layout.addWidget(figures_box)
        layout.addLayout(methods_row)
        self.decision: QGroupBox | None = None
        if self.may_decide:
            self.decision = self._decision_box()
            layout.addWidget(self.decision)
        else:
            for card in self.cards.values():
                card.use.hide()
            layout.addWidget(hint(_("The sales manager sets the limit and the payment term.")))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.add_close()
        self.setMinimumWidth(1040)
        self.resize(1060, 720 if self.may_decide else 560)
        self.load()

    # -- the decision ----------------------------------------------------------------------
    def _decision_box(self) -> QGroupBox:
        box = QGroupBox(_("Decision: credit limit and payment term"))
        box.setObjectName("decision")
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("payment_mode")
        for mode in PaymentMode:
            self.mode_combo.addItem(mode.label, mode.value)
        self.mode_combo.currentIndexChanged.connect(lambda _i: self._update_buttons())
        self.mode_combo.setFixedWidth(FIELD_WIDTH)
        self.limit_edit = MoneyEdit()
        self.limit_edit.setObjectName("limit")
        self.limit_edit.setFixedWidth(FIELD_WIDTH)
        self.term_spin = QSpinBox()
        self.term_spin.setObjectName("term_days")
        self.term_spin.setRange(0, 3650)
        self.term_spin.setSuffix(_(" days"))
        self.uncapped = QCheckBox(_("Not ca&pped (grade A)"))
        self.uncapped.toggled.connect(lambda _c: self._update_buttons())
        term_row = QHBoxLayout()
        term_row.addWidget(self.term_spin)
        term_row.addWidget(self.uncapped)
        term_row.addStretch(1)
        self.reasons = QPlainTextEdit()
        self.reasons.setObjectName("reasons")
        self.reasons.setTabChangesFocus(True)
        self.reasons.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.reasons.setPlaceholderText(_(
            "Needed for a judgement, a limit other than the chosen method's, and any grade C credit"))
        self.reasons.textChanged.connect(self._reasons_changed)
        self.set_button = QPushButton(_("&Set limit and term…"))
        self.set_button.setObjectName("set_limit")
        self.set_button.clicked.connect(self.set_limit)
        form = QFormLayout()
        form.addRow(_("Pa&yment:"), self.mode_combo)
        form.addRow(_("Credit li&mit:"), self.limit_edit)
        term_label = QLabel(_("Payment &term:"))
        term_label.setBuddy(self.term_spin)
        form.addRow(term_label, term_row)
        reasons_label = QLabel(_("R&easons:"))
        reasons_label.setBuddy(self.reasons)
        reasons = QVBoxLayout()
        reasons.addWidget(reasons_label)
        reasons.addWidget(self.reasons, 1)
        reasons.addWidget(self.set_button, 0, Qt.AlignmentFlag.AlignRight)
        row = QHBoxLayout(box)
        row.addLayout(form)
        row.addSpacing(16)
        row.addLayout(reasons, 1)
        return box

    def _update_buttons(self) -> None:
        self.recalculate_button.setEnabled(not self.busy())
        if self.decision is None:
            return
        v = self.view
        credit = self.mode_combo.currentData() == PaymentMode.CREDIT
        self.limit_edit.setEnabled(credit)
        self.uncapped.setEnabled(credit and v is not None and v.grade == Grade.A)
        if not self.uncapped.isEnabled():
            self.uncapped.setChecked(False)
        self.term_spin.setEnabled(credit and not self.uncapped.isChecked())
        rated = v is not None and v.grade is not None and not v.on_hold
        self.decision.setEnabled(rated)
        self.set_button.setEnabled(rated and not self.busy())

    # -- loading ---------------------------------------------------------------------------
    def load(self, overrides: dict[str, object] | None = None) -> None:
        cid = self.customer_id
        self.call(lambda: credit_limit.limit_calculator(self.ctx.uow(self.actor), cid, overrides),
                  self._show, writes=None)

    def overrides(self) -> dict[str, object]:
        """Every figure as the form has it (blank: not known), the judged amount and reasons."""
        values: dict[str, object] = {}
        for name, _kind in FIGURES:
            edit = self.inputs[name]
            label = _(FIGURE_LABELS[name])
            values[name] = edit.value_or_none() if isinstance(edit, OptionalCountEdit) else edit.value(label)
        judged = self.cards[LimitMethod.JUDGEMENT].judged
        assert judged is not None
        values["judgement_amount"] = judged.value(_("Judged amount"))
        values["judgement_reasons"] = self.reasons.toPlainText() if self.decision is not None else ""
        return values

    def recalculate(self) -> None:
        try:
            overrides = self.overrides()
        except ValidationError as exc:
            self.say(str(exc), error=True)
            return
        self.say("")
        self.load(overrides)

    def _show(self, view: CalculatorView) -> None:
        first = self.view is None
        self.view = view
        self.title.setText(_("{code} · {name}").format(code=view.customer_code, name=view.customer_name))
        self.hold_banner.show_hold(view.on_hold)
        self.standing.setText(self._standing_text(view))
        self.source.setText(
            _("Figures from investigation No. {id}; change any of them and recalculate.").format(
                id=view.figures_from_investigation) if view.figures_from_investigation
            else _("No investigation has figures yet: enter them and recalculate."))
        x = view.inputs
        for name, _kind in FIGURES:
            self.inputs[name].set_value(getattr(x, name))
        judged = self.cards[LimitMethod.JUDGEMENT].judged
        assert judged is not None
        judged.set_value(x.judgement_amount)
        for result in view.results:
            cap = view.max_limit if view.grade else None
            self.cards[result.method].show_result(result, x, cap)
        if first and self.decision is not None:
            self._prefill(view)
        self._update_buttons()

    @staticmethod
    def _standing_text(v: CalculatorView) -> str:
        lines = [_("Grade: {grade}").format(grade=grade_label(v.grade))]
        lines.append(_("Now: {limit}, {term}").format(
            limit=money_text(v.current_limit) if v.current_mode == PaymentMode.CREDIT else "—",
            term=term_text(v.current_term_days, v.current_mode)))
        if v.grade == Grade.A:
            lines.append(_("Policy for grade A: neither the limit nor the term is capped"))
        elif v.grade == Grade.D:
            lines.append(_("Policy for grade D: no credit — prepayment or cash on delivery"))
        elif v.grade:
            lines.append(_("Policy for grade {grade} now: limit at most {cap}, term at most {days} days")
                         .format(grade=v.grade, cap=money_or_dash(v.max_limit), days=v.max_term_days))
        if v.proposed_limit is not None or v.proposed_term_days is not None:
            lines.append(_("Customer service proposed: {limit}, {term}").format(
                limit=money_or_dash(v.proposed_limit),
                term=term_text(v.proposed_term_days) if v.proposed_term_days is not None else "—"))
        if not v.grade:
            lines.append(_("Not rated yet: a limit needs an approved rating."))
        return "\n".join(lines)

    def _prefill(self, v: CalculatorView) -> None:
        mode = PaymentMode(v.current_mode)
        if v.grade == Grade.D and mode is PaymentMode.CREDIT:
            mode = PaymentMode.PREPAYMENT
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode.value))
        credit_item = self.mode_combo.model().item(self.mode_combo.findData(PaymentMode.CREDIT.value))
        credit_item.setEnabled(v.grade != Grade.D)  # D: no credit
        self.limit_edit.set_minor(v.proposed_limit if v.proposed_limit is not None and not v.current_limit
                                  else v.current_limit)
        term = v.current_term_days if v.current_term_days is not None else v.proposed_term_days
        if term is None and v.grade == Grade.A and v.current_limit:
            self.uncapped.setChecked(True)
        self.term_spin.setValue(term if term is not None else (v.max_term_days or 30))
        self.cards[LimitMethod.JUDGEMENT].use.setChecked(True)

    def chosen_method(self) -> LimitMethod:
        for method, card in self.cards.items():
            if card.use.isChecked():
                return method
        return LimitMethod.JUDGEMENT

    def _method_chosen(self, method: LimitMethod) -> None:
        card = self.cards[method]
        if self.decision is not None and card.result is not None and card.result.amount is not None:
            self.mode_combo.setCurrentIndex(self.mode_combo.findData(PaymentMode.CREDIT.value))
            self.limit_edit.set_minor(card.result.amount)

    def _judgement_edited(self) -> None:
        if self.cards[LimitMethod.JUDGEMENT].use.isChecked():
            self.recalculate()

    def _reasons_changed(self) -> None:
        self.say("")

    # -- setting the limit -----------------------------------------------------------------
    def set_limit(self) -> None:
        mode = PaymentMode(self.mode_combo.currentData()) if self.decision is not None else PaymentMode.CREDIT
        method = self.chosen_method()
        try:
            overrides = self.overrides()
            limit = self.limit_edit.minor(_("Credit limit")) if mode is PaymentMode.CREDIT else 0
        except ValidationError as exc:
            self.say(str(exc), error=True)
            return
        if mode is PaymentMode.CREDIT:
            term: int | None = None if self.uncapped.isChecked() else self.term_spin.value()
            what = _("a limit of {limit} and {term}").format(limit=money_text(limit), term=term_text(term))
        else:
            term = 0
            what = mode_label(mode)
        reasons = self.reasons.toPlainText().strip()
        code = self.view.customer_code if self.view else ""
        if not dialogs.confirm(self, _("Set credit terms"),
                               _("Set {what} for {code} ({method})?").format(
                                   what=what, code=code, method=method.label),
                               _("Set terms")):
            return
        cid = self.customer_id
        self.call(lambda: credit_limit.set_credit_limit(
            self.ctx.uow(self.actor), cid, limit, term, mode, method, reasons, overrides),
            lambda _id: self.accept())
