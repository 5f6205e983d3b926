"""The investigation queue: open and returned ones for the customer-service side, submitted
ones for finance, the late ones (not submitted for review by their due date, 第7条1) in red
and on a filter of their own; opening a new investigation of a customer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.credit.checklist import InvestigationStatus, Occasion
from sales_desk.i18n import _, ngettext
from sales_desk.services.credit import investigation as inv_svc
from sales_desk.services.credit.investigation import InvestigationRow
from sales_desk.services.customers.listing import CustomerFilter
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.credit.common import (
    HOLD_COLOR,
    TOPIC,
    ServiceDialog,
    day,
    heading,
    local_time,
    occasion_label,
    status_label,
)
from sales_desk.ui.tabs.credit.customer_model import CreditCustomersModel
from sales_desk.ui.tabs.credit.investigation_dialog import InvestigationDialog
from sales_desk.ui.widgets.list_model import Index, RowsTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if

UNDER_WAY, LATE, ALL = "under_way", "late", "all"  # the status filter's choices beyond one status


def _due(r: InvestigationRow) -> str:
    return _("{day} — late").format(day=day(r.due_on)) if r.late else day(r.due_on)


def _cell(r: InvestigationRow, column: int) -> str:
    return (str(r.id), r.customer_code, r.customer_name, occasion_label(r.occasion), status_label(r.status),
            _due(r), r.opened_by, local_time(r.opened_at), local_time(r.submitted_at))[column]


class InvestigationsModel(RowsTableModel[InvestigationRow]):
    """The late ones in the hold colour, so they stand out in any filter."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and self.row_at(index.row()).late:
            return QColor(HOLD_COLOR)
        return super().data(index, role)


class NewInvestigationDialog(ServiceDialog):
    """Choose the customer (unless given) and the occasion; the investigation opens next."""

    def __init__(self, ctx: AppContext, actor: Actor, customer_id: int | None = None, customer: str = "",
                 parent: QWidget | None = None):
        super().__init__(ctx, actor, _("New credit investigation"), parent)
        self.customer_id = customer_id
        self.created_id: int | None = None
        self.occasion = QComboBox()
        self.occasion.setObjectName("occasion")
        for o in Occasion:
            self.occasion.addItem(o.label, o.value)
        layout = QVBoxLayout(self)
        self.model: CreditCustomersModel | None = None
        if customer_id is None:
            self.model = CreditCustomersModel(ctx, actor, self, page_size=100)
            self.search = QLineEdit()
            self.search.setObjectName("search")
            self.search.setPlaceholderText(_("Code or name"))
            self.search.setClearButtonEnabled(True)
            self.table = Table("credit/pick_customer")
            self.table.setObjectName("customers")
            self.table.setModel(self.model)
            self.table.restore_layout({0: 70, 1: 220, 2: 50, 3: 110})
            self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
            self.table.activated.connect(lambda _i: self.create())
            self._debounce = QTimer(self)
            self._debounce.setSingleShot(True)
            self._debounce.setInterval(250)
            self._debounce.timeout.connect(self._search)
            self.search.textChanged.connect(lambda _t: self._debounce.start())
            find = QLabel(_("Fin&d customer:"))
            find.setBuddy(self.search)
            layout.addWidget(find)
            layout.addWidget(self.search)
            layout.addWidget(self.table, 1)
            self.model.reload()
            self.resize(640, 520)
        else:
            layout.addWidget(heading(customer))
        form = QFormLayout()
        form.addRow(_("O&ccasion:"), self.occasion)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.open_button = self.add_button(_("&Open investigation"), QDialogButtonBox.ButtonRole.AcceptRole,
                                           self.create)
        self.add_close(_("Cancel"))
        self._update_buttons()

    def _search(self) -> None:
        assert self.model is not None
        self.model.set_filter(CustomerFilter(text=self.search.text().strip()))

    def chosen_customer(self) -> int | None:
        if self.customer_id is not None:
            return self.customer_id
        row = self.table.current_row()
        return None if row is None or self.model is None else self.model.row_at(row).id

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(not self.busy() and self.chosen_customer() is not None)

    def create(self) -> None:
        cid = self.chosen_customer()
        if cid is None:
            return
        occasion = Occasion(self.occasion.currentData())
        self.call(lambda: inv_svc.open_investigation(self.ctx.uow(self.actor), cid, occasion), self._created)

    def _created(self, investigation_id: int) -> None:
        self.created_id = investigation_id
        self.accept()


class InvestigationsPage(Page):
    topics = frozenset({TOPIC})

    sig_dialog_opened = Signal(object)
    """An investigation dialog was opened (for tests and screenshots to reach it)."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("status_filter")
        self.status_combo.addItem(_("Under way"), UNDER_WAY)
        self.status_combo.addItem(_("Late: not submitted by the due date"), LATE)
        for s in InvestigationStatus:
            self.status_combo.addItem(s.label, s.value)
        self.status_combo.addItem(_("All"), ALL)
        if actor.can(Perm.CREDIT_REVIEW_INVESTIGATION) and not actor.can(Perm.CREDIT_INVESTIGATE):
            self.status_combo.setCurrentIndex(self.status_combo.findData(InvestigationStatus.SUBMITTED.value))
        self.status_combo.currentIndexChanged.connect(lambda _i: self.reload())
        status_label_ = QLabel(_("Stat&us:"))
        status_label_.setBuddy(self.status_combo)

        self.model = InvestigationsModel(
            [_("No."), _("Code"), _("Customer"), _("Occasion"), _("Status"), _("Due for review"), _("Opened by"),
             _("Opened"), _("Submitted")], _cell, self, right_aligned=(0,))
        self.table = Table("credit/investigations")
        self.table.setObjectName("investigations_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 50, 1: 70, 2: 200, 3: 100, 4: 130, 5: 130, 6: 80, 7: 120})
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.table.activated.connect(lambda _i: self.open_selected())  # double-click or Enter

        self.open_button = QPushButton(_("&Open…"))
        self.open_button.clicked.connect(self.open_selected)
        self.new_button = QPushButton(_("New &investigation…"))
        self.new_button.clicked.connect(lambda: self.new_investigation())
        shown_if(self.new_button, actor.can(Perm.CREDIT_INVESTIGATE))
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(status_label_)
        bar.addWidget(self.status_combo)
        bar.addStretch(1)
        bar.addWidget(self.open_button)
        if actor.can(Perm.CREDIT_INVESTIGATE):
            bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._selection_changed()

    def load(self) -> None:
        choice = self.status_combo.currentData()
        statuses = {UNDER_WAY: inv_svc.UNFINISHED, ALL: (None,)}.get(choice, (choice,))
        ctx, actor = self.ctx, self.actor

        def read() -> list[InvestigationRow]:
            if choice == LATE:
                return inv_svc.list_investigations(ctx.uow(actor), late_only=True)
            rows = [r for s in statuses for r in inv_svc.list_investigations(ctx.uow(actor), s)]
            return sorted(rows, key=lambda r: r.id, reverse=True)

        self.ctx.runner.run(read, self._show, owner=self)

    def _show(self, rows: list[InvestigationRow]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        late = sum(r.late for r in rows)
        text = ngettext("{n} investigation.", "{n} investigations.", len(rows)).format(n=len(rows))
        if late:
            text += " " + _("{n} late: not submitted for review by the due date (第7条1).").format(n=late)
        self.count_label.setText(text)
        if selected is not None:
            self.select(selected.id)
        self._selection_changed()

    def selected(self) -> InvestigationRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def select(self, investigation_id: int) -> None:
        for i, r in enumerate(self.model.rows()):
            if r.id == investigation_id:
                self.table.selectRow(i)

    def _selection_changed(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def open_selected(self) -> InvestigationDialog | None:
        row = self.selected()
        return None if row is None else self.open_investigation(row.id)

    def open_investigation(self, investigation_id: int) -> InvestigationDialog:
        dialog = InvestigationDialog(self.ctx, self.actor, investigation_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.sig_dialog_opened.emit(dialog)
        return dialog

    def new_investigation(self, customer_id: int | None = None, customer: str = "") -> NewInvestigationDialog:
        dialog = NewInvestigationDialog(self.ctx, self.actor, customer_id, customer, self)
        dialog.accepted.connect(lambda: dialog.created_id and self.open_investigation(dialog.created_id))
        dialog.open()
        return dialog

    def save_layout(self) -> None:
        self.table.save_layout()
