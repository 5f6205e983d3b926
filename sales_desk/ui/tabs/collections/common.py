"""What the collections pages share: dates, labels, a date field, a customer picker and a
table over frozen rows. The pages call services only through the runner."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QDateEdit, QLineEdit, QWidget

from sales_desk.domain.dunning import Step
from sales_desk.domain.errors import ValidationError
from sales_desk.domain.roles import Actor
from sales_desk.i18n import _
from sales_desk.services import customer_list
from sales_desk.services.customer_list import CustomerFilter
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.table import Table

TOPIC = "collections"  # what every write of this tab announces
DEBOUNCE_MS = 300
OFFERED = 20


def local_today() -> date:
    """The business date the services use (local)."""
    return datetime.now(UTC).astimezone().date()


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
    d = value or local_today()
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


class CustomerPicker(QLineEdit):
    sig_changed = Signal()
    """The chosen customer changed (a name picked from the list, or the field cleared)."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.customer_id: int | None = None
        self.setPlaceholderText(_("type a name or code, then pick"))
        self.setClearButtonEnabled(True)
        self._labels: dict[str, int] = {}
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(self._completer)
        self._completer.activated[str].connect(self._chosen)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search)
        self.textChanged.connect(self._typed)
        self._asked = ""

    def set_customer(self, customer_id: int, code: str, name: str) -> None:
        label = _("{name} ({code})").format(name=name, code=code)
        self._labels[label] = customer_id
        self.blockSignals(True)
        self.setText(label)
        self.blockSignals(False)
        if self.customer_id != customer_id:
            self.customer_id = customer_id
            self.sig_changed.emit()

    def chosen_id(self) -> int:
        if self.customer_id is None:
            raise ValidationError(_("Customer"), _("pick the customer from the list"))
        return self.customer_id

    def _typed(self, text: str) -> None:
        before = self.customer_id
        self.customer_id = self._labels.get(text) or None
        if self.customer_id != before:
            self.sig_changed.emit()
        if text.strip() and self.customer_id is None:
            self._debounce.start()

    def _chosen(self, label: str) -> None:
        before = self.customer_id
        self.customer_id = self._labels.get(label) or None
        if self.customer_id != before:
            self.sig_changed.emit()

    def _search(self) -> None:
        text = self.text().strip()
        if not text or text == self._asked:
            return
        self._asked = text
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(
            lambda: customer_list.list_customers(ctx.uow(actor), CustomerFilter(text=text), limit=OFFERED).rows,
            lambda rows: self._offer(text, rows), owner=self)

    def _offer(self, text: str, rows) -> None:  # noqa: ANN001 - CustomerRow tuple
        labels = []
        for r in rows:
            label = _("{name} ({code})").format(name=r.name, code=r.code)
            self._labels[label] = r.id
            labels.append(label)
        self._model.setStringList(labels)
        self._typed(self.text())
        if labels and self.hasFocus() and self.text().strip() == text and self.customer_id is None:
            self._completer.complete()
