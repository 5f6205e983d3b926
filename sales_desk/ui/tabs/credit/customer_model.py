"""Customers with their credit standing, paged from the customer list query (100k rows).

A customer on credit hold shows in red wherever it is listed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.customers import listing as customer_list
from sales_desk.services.customers.listing import CustomerFilter, CustomerRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.credit.common import HOLD_COLOR
from sales_desk.ui.widgets.paged_model import Index, PagedTableModel

PAGE_SIZE = 200
HOLD_COLUMN = 3


class CreditCustomersModel(PagedTableModel[CustomerRow]):
    def __init__(self, ctx: AppContext, actor: Actor, parent=None, page_size: int = PAGE_SIZE):  # noqa: ANN001
        self.ctx, self.actor, self.page_size = ctx, actor, page_size
        self.flt = CustomerFilter()
        super().__init__(ctx.runner, self._loader_for(self.flt), key=lambda r: (r.name, r.id), parent=parent)
        # A list to pick from: the limit and terms are in the panel beside it.
        self.headers = [_("Code"), _("Customer"), _("Grade"), _("Hold")]

    def _loader_for(self, flt: CustomerFilter):  # noqa: ANN202
        ctx, actor, size = self.ctx, self.actor, self.page_size

        def load(after: tuple[str, int] | None) -> tuple[list[CustomerRow], bool]:
            page = customer_list.list_customers(ctx.uow(actor), flt, after=after, limit=size)
            return list(page.rows), page.next_after is not None

        return load

    def set_filter(self, flt: CustomerFilter) -> None:
        self.flt = flt
        self.set_loader(self._loader_for(flt))

    def display(self, row: CustomerRow, column: int) -> str:
        if column == 0:
            return row.code
        if column == 1:
            return row.name
        if column == 2:
            return row.credit_grade or "—"
        return _("ON HOLD") if row.credit_hold else ""

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        if column == 2:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole) and index.isValid() \
                and 0 <= index.row() < self.rowCount() and self.row_at(index.row()).credit_hold:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(HOLD_COLOR))
            font = QFont()
            font.setBold(index.column() == HOLD_COLUMN)
            return font
        return super().data(index, role)
