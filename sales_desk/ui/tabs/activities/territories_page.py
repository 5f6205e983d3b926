"""The sales regions [销售区域的划分及人员的编排]: each region with its reps and customers, a
rep made responsible for a region, and a rep's customers reassigned — with what is open on
them — to another rep, with a reason, after a confirmation saying what will move.

Keyboard: arrows choose the region (its customers show below), Alt+R reassigns, Alt+A
makes a rep responsible for the region or no longer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.customers.files import REGIONS
from sales_desk.i18n import _, join_list, ngettext
from sales_desk.services.activities import territories
from sales_desk.services.customers import pickers
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.activities.common import (
    TOPIC,
    ServiceDialog,
    choice_combo,
    fill_combo,
    form,
    hint,
)
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table


def moved_text(result: territories.Reassigned) -> str:
    """“3 customers, 2 planned activities, 1 open opportunity”."""
    words = {
        "activities": lambda n: ngettext("{n} planned activity", "{n} planned activities", n),
        "opportunities": lambda n: ngettext("{n} open opportunity", "{n} open opportunities", n),
    }
    parts = [ngettext("{n} customer", "{n} customers", result.customers).format(n=result.customers)]
    for name, n in result.moved.items():
        word = words.get(name)
        parts.append(word(n).format(n=n) if word else f"{name}: {n}")
    return join_list(parts)


def _rep_choices(reps: list[pickers.RepChoice]) -> list[tuple[int, str]]:
    return [(r.id, r.name if r.active else _("{name} (disabled)").format(name=r.name)) for r in reps]


class ReassignDialog(ServiceDialog):
    """Give a rep's customers (all, or one region's) with what is open on them to another rep."""

    def __init__(self, ctx: AppContext, actor: Actor, region: str | None, from_rep: int | None,
                 parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Reassign a rep's customers"), parent)
        self.from_rep = choice_combo("from_rep", ())
        self.to_rep = choice_combo("to_rep", ())
        self.region = choice_combo("reassign_region", ((c.code, _(c.label)) for c in REGIONS), _("All regions"))
        if region:
            self.region.setCurrentIndex(self.region.findData(region))
        self.reason = QLineEdit()
        self.reason.setObjectName("reassign_reason")
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(_("required: why the customers change hands"))
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("The customers move with their planned activities and open opportunities; done "
                                "and closed ones stay with who did them. The change is recorded in the audit "
                                "trail with the reason.")))
        layout.addLayout(form([(_("&From rep:"), self.from_rep), (_("&To rep:"), self.to_rep),
                               (_("Re&gion:"), self.region), (_("&Reason:"), self.reason)]))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.go_button = self.add_button(_("Re&assign…"), QDialogButtonBox.ButtonRole.AcceptRole, self.check,
                                         "reassign")
        self.go_button.setDefault(True)
        self.add_close(_("Cancel"))
        self.setMinimumWidth(500)

        def reps(rows: list[pickers.RepChoice]) -> None:
            fill_combo(self.from_rep, _rep_choices(rows))
            fill_combo(self.to_rep, [(r.id, r.name) for r in rows if r.active])
            if from_rep is not None and self.from_rep.findData(from_rep) >= 0:
                self.from_rep.setCurrentIndex(self.from_rep.findData(from_rep))
            if self.to_rep.currentData() == self.from_rep.currentData() and self.to_rep.count() > 1:
                self.to_rep.setCurrentIndex(1 if self.to_rep.currentIndex() == 0 else 0)

        ctx.runner.run(lambda: pickers.list_reps(ctx.uow(actor), include_inactive=True), reps, owner=self)

    def _args(self) -> tuple[int, int, str, str | None]:
        from_rep, to_rep = self.from_rep.currentData(), self.to_rep.currentData()
        if from_rep is None or to_rep is None:
            raise ValidationError(_("Sales rep"), _("must not be empty"))
        reason = self.reason.text().strip()
        if not reason:
            raise ValidationError(_("Reason"), _("must not be empty"))
        return from_rep, to_rep, reason, self.region.currentData()

    def _update_buttons(self) -> None:
        self.go_button.setEnabled(not self.busy())

    def check(self) -> None:
        """First what would move (the preview), then the confirmation, then the move."""
        if self.busy():
            return
        try:
            args = self._args()
        except ValidationError as exc:
            self.say(str(exc), error=True)
            return
        ctx, actor = self.ctx, self.actor
        self.call(lambda: territories.reassignment_preview(ctx.uow(actor), *args),
                  lambda preview: self._confirm(args, preview), writes=None)

    def _confirm(self, args: tuple[int, int, str, str | None], preview: territories.Reassigned) -> None:
        if preview.customers == 0:
            self.say(_("{rep} has no customers here: nothing would move.").format(rep=self.from_rep.currentText()),
                     error=True)
            return
        where = self.region.currentText() if args[3] else _("all regions")
        text = _("Move from {old} to {new} ({where}): {what}.\n\nReason: {reason}").format(
            old=self.from_rep.currentText(), new=self.to_rep.currentText(), where=where, what=moved_text(preview),
            reason=args[2])
        if not dialogs.confirm(self, _("Reassign customers"), text, _("Reassign")):
            return
        ctx, actor = self.ctx, self.actor
        self.call(lambda: territories.reassign_customers(ctx.uow(actor), *args), self._done)

    def _done(self, result: territories.Reassigned) -> None:
        self.accept()
        dialogs.show_info(self.parentWidget(), _("Reassigned: {what}.").format(what=moved_text(result)))


class AssignDialog(ServiceDialog):
    """Make a rep responsible for a region, or no longer."""

    def __init__(self, ctx: AppContext, actor: Actor, row: territories.TerritoryRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Reps of {region}").format(region=row.label), parent)
        self.row = row
        self.rep = choice_combo("assign_rep", ())
        self.responsible = QCheckBox(_("&Responsible for the region"))
        self.responsible.setObjectName("responsible")
        self.responsible.setChecked(True)
        self.rep.currentIndexChanged.connect(
            lambda _i: self.responsible.setChecked(self.rep.currentData() not in {r for r, _n in row.reps}))
        layout = QVBoxLayout(self)
        layout.addLayout(form([(_("&Rep:"), self.rep)]))
        layout.addWidget(self.responsible)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.save_button = self.add_button(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole, self.save, "save")
        self.save_button.setDefault(True)
        self.add_close(_("Cancel"))
        ctx.runner.run(lambda: pickers.list_reps(ctx.uow(actor)),
                       lambda reps: fill_combo(self.rep, _rep_choices(reps)), owner=self)

    def save(self) -> None:
        rep = self.rep.currentData()
        if self.busy() or rep is None:
            return
        ctx, actor, region, on = self.ctx, self.actor, self.row.region, self.responsible.isChecked()
        self.call(lambda: territories.assign_region(ctx.uow(actor), region, rep, on), lambda _r: self.accept())


def _territory_cells(row: territories.TerritoryRow, column: int) -> str:
    return (row.label, join_list(n for _i, n in row.reps), str(row.customers))[column]


def _customer_cells(row: territories.RegionCustomer, column: int) -> str:
    return (row.code, row.name, row.rep)[column]


class TerritoriesPage(Page):
    """The regions with the reps responsible, and the chosen region's customers."""

    topics = frozenset({TOPIC, "customers"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model: RowsTableModel[territories.TerritoryRow] = RowsTableModel(
            [_("Region"), _("Reps responsible"), _("Customers")], _territory_cells, self)
        self.customers: RowsTableModel[territories.RegionCustomer] = RowsTableModel(
            [_("Code"), _("Customer"), _("Rep")], _customer_cells, self)
        self.table = Table("activities/territories")
        self.table.setObjectName("territories_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 160, 1: 300, 2: 90})
        self.customer_table = Table("activities/region_customers")
        self.customer_table.setObjectName("region_customers_table")
        self.customer_table.setModel(self.customers)
        self.customer_table.restore_layout({0: 110, 1: 300, 2: 120})
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._load_customers())
        self.assign_button = QPushButton(_("&Assign rep…"))
        self.assign_button.setObjectName("assign_region")
        self.assign_button.clicked.connect(self.assign)
        self.reassign_button = QPushButton(_("&Reassign…"))
        self.reassign_button.setObjectName("reassign")
        self.reassign_button.clicked.connect(self.reassign)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Sales regions [销售区域]")))
        bar.addStretch(1)
        bar.addWidget(self.assign_button)
        bar.addWidget(self.reassign_button)
        self.customers_label = QLabel()
        below = QWidget()
        inner = QVBoxLayout(below)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.customers_label)
        inner.addWidget(self.customer_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(below)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: territories.territories(ctx.uow(actor)), self._show, owner=self)

    def _show(self, rows: list[territories.TerritoryRow]) -> None:
        current = self.selected()
        self.model.set_rows(rows)
        keys = [r.region for r in rows]
        self.table.selectRow(keys.index(current.region) if current and current.region in keys else 0)
        self._load_customers()

    def selected(self) -> territories.TerritoryRow | None:
        current = self.table.current_row()
        return None if current is None or current >= self.model.rowCount() else self.model.row_at(current)

    def _load_customers(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.customers_label.setText(_("Customers in {region}").format(region=row.label))
        ctx, actor, region = self.ctx, self.actor, row.region
        ctx.runner.run(lambda: territories.customers_in_region(ctx.uow(actor), region), self.customers.set_rows,
                       owner=self)

    def assign(self) -> AssignDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = AssignDialog(self.ctx, self.actor, row, self)
        dialog.open()
        return dialog

    def reassign(self) -> ReassignDialog:
        row = self.selected()
        current = self.customer_table.current_row()
        rep = self.customers.row_at(current).rep_id if current is not None and self.customers.rowCount() else None
        if rep is None and row is not None and row.reps:
            rep = row.reps[0][0]
        dialog = ReassignDialog(self.ctx, self.actor, row.region if row else None, rep, self)
        dialog.open()
        return dialog
