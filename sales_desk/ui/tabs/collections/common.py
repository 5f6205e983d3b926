"""What the collections pages share: dates, labels, a date field, a customer picker and a
table over frozen rows. The pages call services only through the runner."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.collections.dunning import Step
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets.customer_picker import (
    CustomerPicker as CustomerPicker,  # the pages' picker
)
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.service_dialog import ServiceDialog
from sales_desk.ui.widgets.table import Table

TOPIC = "collections"  # what every write of this tab announces



def day(d: date | None) -> str:
    return d.isoformat() if d else ""


def money(minor: int | None) -> str:
    return "" if minor is None else money_text(minor)


def step_label(step: str | None) -> str:
    if not step:
        return ""
    try:
        return Step(step).label
    except ValueError:
        return step


def date_edit(value: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    d = value or clock.today()
    edit.setDate(QDate(d.year, d.month, d.day))
    return edit


def date_of(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), q.day())


def rows_table(key: str, headers: Sequence[str], display: Callable[[object, int], str],
               right: Sequence[int] = (), widths: dict[int, int] | None = None) -> tuple[Table, RowsTableModel]:
    table = Table(f"collections/{key}")
    model = RowsTableModel(headers, display, table, right_aligned=right)
    table.setModel(model)
    table.restore_layout(widths)
    return table, model


def fit_columns(table: Table, stretch: Collection[int]) -> None:
    """Columns that fit the view without scrolling sideways: those in `stretch` (names,
    labels) share what is left and elide; the others (codes, numbers, dates) take the
    width of their contents and heading. Set after restore_layout: a remembered
    layout keeps its column order, never its scroll-wide widths."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(36)
    for col in range(table.model().columnCount()):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col in stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the whole text is in the tooltip


class ReasonDialog(ServiceDialog):
    """Asks why (a refusal must say why) and runs `act(reason)` as one service call; a
    refusal of the service shows under the field and the dialog stays open."""

    topic = TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, title: str, prompt: str, action: str,
                 act: Callable[[str], object], parent: QWidget | None = None):
        super().__init__(ctx, actor, title, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made for one use
        self._act = act
        intro = QLabel(prompt)
        intro.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reason")
        label = QLabel(_("&Reason:"))
        label.setBuddy(self.reason_edit)
        self.ok = self.add_button(action, QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(lambda _t: self._update_buttons())
        self.setMinimumWidth(460)
        self._update_buttons()

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy() and bool(self.reason()))

    def submit(self) -> None:
        reason = self.reason()
        if reason and not self.busy():
            self.call(lambda: self._act(reason), lambda _r: self.accept())
