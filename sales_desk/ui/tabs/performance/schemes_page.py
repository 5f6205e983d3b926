"""Weights and commission schemes: the sales manager proposes (the weights must sum to 100 %;
the bands start at 0 and their rates rise), the general manager approves or returns them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.performance import criteria
from sales_desk.domain.performance.commission import (
    STATUS_LABELS,
    Status,
    Tier,
    parse_percent,
    rate_text,
)
from sales_desk.i18n import _
from sales_desk.services.performance import schemes
from sales_desk.services.performance.schemes import SchemeRow, WeightingRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.performance.common import TOPIC, money, rows_table
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.service_dialog import ServiceDialog
from sales_desk.ui.widgets.visibility import shown_if


def _month_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("yyyy-MM")
    t = clock.today()
    edit.setDate(QDate(t.year, t.month, 1))
    return edit


def _day(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), 1)


class WeightsDialog(ServiceDialog):
    topic = TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Propose evaluation weights"), parent)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for key, crit in criteria.REGISTRY.items():
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            spin.setValue(crit.default_weight)
            spin.setObjectName(f"weight_{key}")
            spin.valueChanged.connect(lambda _v: self._sum())
            self.spins[key] = spin
            form.addRow(crit.title, spin)
        self.start = _month_edit()
        form.addRow(_("In force from"), self.start)
        self.note = QLineEdit()
        form.addRow(_("Note"), self.note)
        self.sum_label = QLabel()
        self.ok = self.add_button(_("&Propose"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.sum_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self._sum()

    def weights(self) -> dict[str, int]:
        return {k: s.value() for k, s in self.spins.items()}

    def _sum(self) -> None:
        total = sum(self.weights().values())
        self.sum_label.setText(_("The weights sum to {total} % (they must sum to 100 %).").format(total=total))

    def submit(self) -> None:
        ctx, actor, w, start, note = self.ctx, self.actor, self.weights(), _day(self.start), self.note.text()
        self.call(lambda: schemes.propose_weighting(ctx.uow(actor), w, start, note), lambda _r: self.accept())


class SchemeDialog(ServiceDialog):
    topic = TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Propose a commission scheme"), parent)
        form = QFormLayout()
        self.name = QLineEdit()
        form.addRow(_("&Name"), self.name)
        self.bands = QPlainTextEdit("0 2\n50000 4\n100000 6")
        self.bands.setTabChangesFocus(True)
        self.bands.setObjectName("bands")
        form.addRow(_("&Bands (volume from, rate %; one a line)"), self.bands)
        self.start = _month_edit()
        form.addRow(_("In force from"), self.start)
        self.deduct = QCheckBox(_("Deduct the month's staff liability"))
        form.addRow("", self.deduct)
        self.note = QLineEdit()
        form.addRow(_("Note"), self.note)
        self.add_button(_("&Propose"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

    def tiers(self) -> list[Tier]:
        out = []
        for line in self.bands.toPlainText().splitlines():
            parts = line.replace(",", "").split()
            if len(parts) == 2:
                out.append(Tier(int(round(float(parts[0]) * 100)), parse_percent(parts[1])))
        return out

    def submit(self) -> None:
        ctx, actor = self.ctx, self.actor
        try:
            tiers = self.tiers()
        except Exception as error:  # noqa: BLE001 - shown to the user to correct
            self.say(str(error), error=True)
            return
        name, start, deduct, note = self.name.text(), _day(self.start), self.deduct.isChecked(), self.note.text()
        self.call(lambda: schemes.propose_scheme(ctx.uow(actor), name, tiers, start, deduct, note),
                  lambda _r: self.accept())


class SchemesPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.weights, self.weights_model = rows_table(
            "perf_weightings", [_("In force from"), _("Weights"), _("Status"), _("Proposed by"), _("Decided by")],
            self._weighting, stretch=(1,))
        self.schemes, self.schemes_model = rows_table(
            "perf_schemes", [_("Scheme"), _("In force from"), _("Bands"), _("Liability"), _("Status"),
                             _("Proposed by"), _("Decided by")], self._scheme, stretch=(0, 2))
        bar = QHBoxLayout()
        self.propose_weights = QPushButton(_("Propose &weights…"))
        self.propose_scheme = QPushButton(_("Propose a &scheme…"))
        self.approve = QPushButton(_("&Approve"))
        self.send_back = QPushButton(_("&Return…"))
        for b, perm in ((self.propose_weights, Perm.PERFORMANCE_PROPOSE), (self.propose_scheme, Perm.PERFORMANCE_PROPOSE),
                        (self.approve, Perm.PERFORMANCE_APPROVE), (self.send_back, Perm.PERFORMANCE_APPROVE)):
            shown_if(b, actor.can(perm))
            bar.addWidget(b)
        bar.addStretch(1)
        self.propose_weights.clicked.connect(lambda: WeightsDialog(ctx, actor, self).open())
        self.propose_scheme.clicked.connect(lambda: SchemeDialog(ctx, actor, self).open())
        self.approve.clicked.connect(lambda: self.decide(True))
        self.send_back.clicked.connect(lambda: self.decide(False))
        split = QSplitter(Qt.Orientation.Vertical)
        for title, table in ((_("Evaluation weights"), self.weights), (_("Commission schemes"), self.schemes)):
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            label = QLabel(title)
            label.setBuddy(table)
            v.addWidget(label)
            v.addWidget(table, 1)
            split.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self._focus: str = "weights"
        self.weights.clicked.connect(lambda _i: setattr(self, "_focus", "weights"))
        self.schemes.clicked.connect(lambda _i: setattr(self, "_focus", "schemes"))

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: (schemes.list_weightings(ctx.uow(actor)), schemes.list_schemes(ctx.uow(actor))),
                       self._arrived, owner=self)

    def _arrived(self, rows: tuple[list[WeightingRow], list[SchemeRow]]) -> None:
        self.weights_model.set_rows(rows[0])
        self.schemes_model.set_rows(rows[1])

    def _weighting(self, r: object, col: int) -> str:
        assert isinstance(r, WeightingRow)
        text = ", ".join(f"{criteria.REGISTRY[k].title} {w} %" for k, w in r.weights.items()
                         if w and k in criteria.REGISTRY)
        return (r.effective_from.strftime("%Y-%m"), text, _(STATUS_LABELS[Status(r.status)]), r.proposed_by,
                r.decided_by)[col]

    def _scheme(self, r: object, col: int) -> str:
        assert isinstance(r, SchemeRow)
        bands = "; ".join(f"≥ {money(t.start)}: {rate_text(t.rate_bp)}" for t in r.tiers)
        return (r.name, r.effective_from.strftime("%Y-%m"), bands, _("deducted") if r.deduct_liability else "—",
                _(STATUS_LABELS[Status(r.status)]), r.proposed_by, r.decided_by)[col]

    def selected(self) -> tuple[str, int] | None:
        """The proposal chosen: in the table that has the focus, else the one last clicked."""
        which = "schemes" if self.schemes.hasFocus() else "weights" if self.weights.hasFocus() else self._focus
        table, model = (self.schemes, self.schemes_model) if which == "schemes" else (self.weights, self.weights_model)
        row = table.current_row()
        if row is None:
            return None
        return which, model.row_at(row).id  # type: ignore[attr-defined]

    def decide(self, approve: bool) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        which, item = chosen
        note = ""
        if not approve:
            note, ok = QInputDialog.getText(self, _("Return"), _("Why does it go back?"))
            if not ok:
                return
        ctx, actor = self.ctx, self.actor
        fn = schemes.decide_scheme if which == "schemes" else schemes.decide_weighting
        ctx.runner.run(lambda: fn(ctx.uow(actor), item, approve, note), None, writes=TOPIC, owner=self)
