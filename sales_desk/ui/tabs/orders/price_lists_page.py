"""The price lists in versions [产品定价管理流程]: every version with its state and lines; the
sales manager proposes, finance records the cost check, the VP reviews, the general manager
approves, each may send it back; any of them prints it. The buttons follow the actor's rights;
the services refuse a step out of turn or by the proposer."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.domain.orders.price_lists import PriceLine, PriceListStatus
from sales_desk.i18n import _
from sales_desk.services.orders import price_lists, products
from sales_desk.services.orders.price_lists import PriceListLineRow, PriceListRow
from sales_desk.services.orders.products import ProductRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import (
    ORDER_TOPICS,
    DateEdit,
    ServiceDialog,
    day,
    hint,
    money_or_dash,
)
from sales_desk.ui.tabs.orders.decision_layout import note_edit
from sales_desk.ui.tabs.orders.printing import PriceListPrintDialog
from sales_desk.ui.tabs.orders.reason_dialog import ReasonDialog
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import MoneyEdit, money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.stale import Reload, ask_reload, put_back_note
from sales_desk.ui.widgets.table import Table

PRICERS = frozenset({Perm.PRICING_PROPOSE, Perm.PRICING_COST_CHECK, Perm.PRICING_SET, Perm.PRICING_APPROVE})
_STEP_RIGHT = {PriceListStatus.PROPOSED: Perm.PRICING_COST_CHECK, PriceListStatus.COST_CHECKED: Perm.PRICING_SET,
               PriceListStatus.REVIEWED: Perm.PRICING_APPROVE}


def _version_cell(r: PriceListRow, column: int) -> str:
    status = PriceListStatus(r.status).label + (" · " + _("in force") if r.in_force else "")
    return (str(r.version), status, day(r.effective_from), r.proposed_by)[column]


def _line_cell(r: PriceListLineRow, column: int) -> str:
    return (r.code, r.name, money_text(r.list_price), money_text(r.floor), money_text(r.ceiling),
            money_or_dash(r.unit_cost), "—" if r.margin is None else f"{r.margin} %")[column]


class PriceListsPage(Page):
    topics = ORDER_TOPICS

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.wanted: int | None = None  # a version opened from "waiting for me"
        self.versions = RowsTableModel([_("Version"), _("Status"), _("Effective from"), _("Proposed by")],
                                       _version_cell, self)
        self.table = Table("orders/price_lists")
        self.table.setObjectName("price_list_table")
        self.table.setModel(self.versions)
        self.table.restore_layout({0: 60, 1: 260, 2: 100, 3: 100})
        self.lines = RowsTableModel([_("Code"), _("Product"), _("List price"), _("Floor price"), _("Ceiling price"),
                                     _("Unit cost"), _("Margin")], _line_cell, self, right_aligned=(2, 3, 4, 5, 6))
        self.line_table = Table("orders/price_list_lines")
        self.line_table.setObjectName("price_list_lines")
        self.line_table.setModel(self.lines)
        self.line_table.restore_layout({0: 80, 1: 150, 2: 80, 3: 80, 4: 80, 5: 80, 6: 60})
        self.reason = QLabel()
        self.reason.setObjectName("price_list_reason")
        self.reason.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for key, text, slot, row in (
                ("propose", _("&Propose a price list…"), self.propose, row1),
                ("resubmit", _("Correct and res&ubmit…"), self.resubmit, row1),
                ("cost_check", _("&Cost check…"), self.cost_check, row1),
                ("review", _("Re&view (agree)"), lambda: self.decide("review"), row1),
                ("approve", _("&Approve"), lambda: self.decide("approve"), row2),
                ("send_back", _("&Return…"), self.send_back, row2),
                ("print", _("Pr&int…"), self.print_list, row2)):
            b = QPushButton(text)
            b.setObjectName(key)
            b.clicked.connect(slot)
            row.addWidget(b)
            self.buttons[key] = b
        row1.addStretch(1)
        row2.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("The sales manager proposes prices, finance checks their costs, the sales VP "
                                "reviews them jointly, the general manager approves. Orders are priced by the "
                                "list in force on their date.")))
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.reason)
        layout.addWidget(self.line_table, 3)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self._selected()

    def current(self) -> PriceListRow | None:
        row = self.table.current_row()
        return None if row is None else self.versions.row_at(row)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: price_lists.list_price_lists(ctx.uow(actor)), self._show, owner=self)

    def show_list(self, list_id: int) -> None:
        """Opened from "waiting for me": that version selected."""
        self.wanted = list_id
        self.load()

    def _show(self, rows: list[PriceListRow]) -> None:
        keep = self.current()
        want = self.wanted or (keep.id if keep else None)
        self.wanted = None
        self.versions.set_rows(rows)
        at = next((i for i, r in enumerate(rows) if r.id == want), 0 if rows else None)
        if at is not None:
            self.table.selectRow(at)
        self._selected()

    def _selected(self) -> None:
        pl, a = self.current(), self.actor
        self.lines.set_rows(list(pl.lines) if pl else [])
        self.reason.setText(_("Reason: {reason}").format(reason=pl.reason) if pl else "")
        status = PriceListStatus(pl.status) if pl else None
        self.buttons["propose"].setEnabled(a.can(Perm.PRICING_PROPOSE))
        self.buttons["cost_check"].setEnabled(status is PriceListStatus.PROPOSED and a.can(Perm.PRICING_COST_CHECK))
        self.buttons["review"].setEnabled(status is PriceListStatus.COST_CHECKED and a.can(Perm.PRICING_SET))
        self.buttons["approve"].setEnabled(status is PriceListStatus.REVIEWED and a.can(Perm.PRICING_APPROVE))
        self.buttons["send_back"].setEnabled(status in _STEP_RIGHT and a.can(_STEP_RIGHT[status]))
        self.buttons["print"].setEnabled(pl is not None)
        self.buttons["resubmit"].setEnabled(status is PriceListStatus.RETURNED and pl is not None
                                            and pl.proposed_by_id == a.user_id and a.can(Perm.PRICING_PROPOSE))
        for key, rights in (("propose", {Perm.PRICING_PROPOSE}), ("resubmit", {Perm.PRICING_PROPOSE}), ("cost_check", {Perm.PRICING_COST_CHECK}),
                            ("review", {Perm.PRICING_SET}), ("approve", {Perm.PRICING_APPROVE}),
                            ("send_back", set(_STEP_RIGHT.values()))):
            self.buttons[key].setVisible(any(a.can(p) for p in rights))

    def propose(self) -> None:
        ProposeDialog(self.ctx, self.actor, self.current(), self).open()

    def resubmit(self) -> ProposeDialog | None:
        """The proposer corrects the returned list, which goes through every step again."""
        pl = self.current()
        if pl is None:
            return None
        dialog = ProposeDialog(self.ctx, self.actor, pl, self, resubmit=True)
        dialog.open()
        return dialog

    def cost_check(self) -> None:
        pl = self.current()
        if pl is not None:
            CostCheckDialog(self.ctx, self.actor, pl, self).open()

    def decide(self, step: str) -> None:
        pl = self.current()
        if pl is None:
            return
        text = (_("Agree to price list version {version} after the joint review?") if step == "review"
                else _("Approve price list version {version}? It is in force from {date}."))
        action = _("Review") if step == "review" else _("Approve")
        if not dialogs.confirm(self, action, text.format(version=pl.version, date=day(pl.effective_from)), action):
            return
        run = price_lists.review if step == "review" else price_lists.approve
        ctx, actor, lid = self.ctx, self.actor, pl.id
        self.ctx.runner.run(lambda: run(ctx.uow(actor), lid), writes="orders", owner=self)

    def send_back(self) -> None:
        pl = self.current()
        if pl is None:
            return
        ctx, actor, lid = self.ctx, self.actor, pl.id
        ReasonDialog(ctx, actor, _("Return the price list"),
                     _("Price list version {version} goes back to the sales manager, who corrects and "
                       "resubmits it.").format(
                         version=pl.version), _("&Return"),
                     lambda why: price_lists.send_back(ctx.uow(actor), lid, why),
                     _("Return this price list?"), self).open()

    def print_list(self) -> None:
        pl = self.current()
        if pl is not None:
            PriceListPrintDialog(self.ctx, self.actor, pl.id, pl.version, self).open()

    def save_layout(self) -> None:
        self.table.save_layout()
        self.line_table.save_layout()


class ProposeDialog(ServiceDialog):
    """The manager's proposal: every active product with its list price, floor and ceiling
    (the range in force to start from), the reason and the effective date."""

    def __init__(self, ctx: AppContext, actor: Actor, base: PriceListRow | None, parent: QWidget | None = None,
                 resubmit: bool = False):
        title = (_("Correct and resubmit price list version {version}").format(version=base.version)
                 if resubmit and base else _("Propose a price list"))
        super().__init__(ctx, actor, title, parent)
        self.base = {ln.product_id: ln for ln in base.lines} if base else {}
        self.resubmit_id = base.id if resubmit and base else None
        self.loaded = base if resubmit else None  # the returned list as loaded: its revision is saved over
        self.grid = QTableWidget(0, 5)
        self.grid.setObjectName("proposal_lines")
        self.grid.setHorizontalHeaderLabels([_("Code"), _("Product"), _("List price"), _("Floor price"),
                                             _("Ceiling price")])
        self.product_ids: list[int] = []
        self.reason_edit = note_edit(_("Why these prices: the pricing research and analysis"))
        self.reason_edit.setObjectName("reason")
        self.effective = DateEdit()
        self.effective.setObjectName("effective_from")
        form = QFormLayout()
        form.addRow(_("&Effective from:"), self.effective)
        form.addRow(_("Rea&son:"), self.reason_edit)
        layout = QVBoxLayout(self)
        if self.resubmit_id is not None and base is not None:
            self.returned = QLabel(_("Returned by {who}: {why}").format(who=base.returned_by, why=base.return_note))
            self.returned.setObjectName("return_note")
            self.returned.setWordWrap(True)
            layout.addWidget(self.returned)
            self.reason_edit.setPlainText(base.reason)
            self.effective.set_value(base.effective_from)
        layout.addWidget(self.grid, 1)
        layout.addLayout(form)
        self.go = self.add_button(_("Re&submit") if self.resubmit_id is not None else _("&Propose"),
                                  QDialogButtonBox.ButtonRole.AcceptRole, self.submit, "submit")
        self.add_close(_("Cancel"))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumSize(640, 460)
        ctx.runner.run(lambda: products.list_products(ctx.uow(actor)), self._fill, owner=self)

    def _fill(self, rows: list[ProductRow]) -> None:
        if self.resubmit_id is not None:  # a correction keeps the returned list's products
            rows = [p for p in rows if p.id in self.base]
        self.grid.setRowCount(len(rows))
        self.product_ids = [p.id for p in rows]
        for i, p in enumerate(rows):
            b = self.base.get(p.id)
            self.grid.setCellWidget(i, 0, QLabel(p.code))
            self.grid.setCellWidget(i, 1, QLabel(p.name))
            for col, value in ((2, b.list_price if b else p.list_price), (3, b.floor if b else p.floor_price),
                               (4, b.ceiling if b else p.ceiling_price)):
                self.grid.setCellWidget(i, col, MoneyEdit(value))
        self.grid.resizeColumnsToContents()

    def _money(self, row: int, col: int) -> int:
        w = self.grid.cellWidget(row, col)
        assert isinstance(w, MoneyEdit)
        return w.minor(_("Price"))

    def submit(self) -> None:
        try:
            lines = [PriceLine(pid, self._money(i, 2), self._money(i, 3), self._money(i, 4))
                     for i, pid in enumerate(self.product_ids)]
        except DomainError as e:
            self.say(str(e), error=True)
            return
        ctx, actor = self.ctx, self.actor
        reason, eff, lid = self.reason_edit.toPlainText(), self.effective.value(), self.resubmit_id
        if lid is not None and self.loaded is not None:
            rev = self.loaded.revision
            self.call(lambda: price_lists.resubmit(ctx.uow(actor), lid, lines, reason, eff, rev),
                      lambda _r: self.accept(), refused=lambda exc: self._stale(exc, lines, reason, eff))
            return
        self.call(lambda: price_lists.propose(ctx.uow(actor), lines, reason, eff), lambda _r: self.accept())


    # -- changed by someone else since (no lost update) ------------------------------------------
    def _stale(self, refusal: DomainError, lines: list[PriceLine], reason: str, eff: date | None) -> bool:
        """Say who changed the returned list since this form loaded it; reload it, putting the
        prices, reason or date typed here back on top, field by field (or dropping them)."""
        if not isinstance(refusal, StaleRecord) or self.loaded is None:
            return False
        choice = ask_reload(self, str(refusal))
        if choice is Reload.LATER:
            self.say(str(refusal), error=True)
            return True
        ctx, actor, lid = self.ctx, self.actor, self.loaded.id
        self.call(lambda: price_lists.get_price_list(ctx.uow(actor), lid),
                  lambda fresh: self._reloaded(fresh, refusal, choice is Reload.KEEP_MINE, lines, reason, eff),
                  writes=None)
        return True

    def _reloaded(self, fresh: PriceListRow, refusal: StaleRecord, keep: bool, lines: list[PriceLine],
                  reason: str, eff: date | None) -> None:
        assert self.loaded is not None
        loaded, self.loaded = self.loaded, fresh
        was, self.base = {ln.product_id: ln for ln in loaded.lines}, {ln.product_id: ln for ln in fresh.lines}
        mine: list[str] = []
        for i, line in enumerate(lines):
            old, new = was.get(line.product_id), self.base.get(line.product_id)
            for col, attr in ((2, "list_price"), (3, "floor"), (4, "ceiling")):
                moved = keep and old is not None and getattr(line, attr) != getattr(old, attr)
                widget = self.grid.cellWidget(i, col)
                assert isinstance(widget, MoneyEdit)
                widget.set_minor(getattr(line if moved or new is None else new, attr))
                if moved and _("Prices") not in mine:
                    mine.append(_("Prices"))
        keep_reason = keep and reason.strip() != loaded.reason
        keep_date = keep and eff != loaded.effective_from
        self.reason_edit.setPlainText(reason if keep_reason else fresh.reason)
        self.effective.set_value(eff if keep_date else fresh.effective_from)
        mine += [label for label, kept in ((_("Reason"), keep_reason), (_("Effective from"), keep_date)) if kept]
        self.returned.setText(_("Returned by {who}: {why}").format(who=fresh.returned_by, why=fresh.return_note))
        self.say(put_back_note(mine, refusal) if keep else "")


class CostCheckDialog(ServiceDialog):
    """Finance's cost accounting: a unit cost for every line of the list."""

    def __init__(self, ctx: AppContext, actor: Actor, pl: PriceListRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Cost check of price list version {version}").format(version=pl.version),
                         parent)
        self.pl = pl
        self.grid = QTableWidget(len(pl.lines), 3)
        self.grid.setObjectName("cost_lines")
        self.grid.setHorizontalHeaderLabels([_("Product"), _("List price"), _("Unit cost")])
        for i, ln in enumerate(pl.lines):
            self.grid.setCellWidget(i, 0, QLabel(f"{ln.code} {ln.name}"))
            price = QLabel(money_text(ln.list_price))
            price.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.setCellWidget(i, 1, price)
            self.grid.setCellWidget(i, 2, MoneyEdit(ln.unit_cost or 0))
        self.grid.resizeColumnsToContents()
        self.note = note_edit(_("Notes on the costs (optional)"))
        self.note.setObjectName("cost_note")
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.note)
        self.add_button(_("&Record the cost check"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit, "submit")
        self.add_close(_("Cancel"))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumSize(520, 380)

    def submit(self) -> None:
        try:
            costs = {}
            for i, ln in enumerate(self.pl.lines):
                w = self.grid.cellWidget(i, 2)
                assert isinstance(w, MoneyEdit)
                costs[ln.product_id] = w.minor(_("Unit cost"))
        except DomainError as e:
            self.say(str(e), error=True)
            return
        ctx, actor, lid, note = self.ctx, self.actor, self.pl.id, self.note.toPlainText()
        self.call(lambda: price_lists.record_cost_check(ctx.uow(actor), lid, costs, note), lambda _r: self.accept())
