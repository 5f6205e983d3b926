"""The customer list as a paged table: one keyset query per page, filters in the query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from sales_desk.domain.common.roles import Actor
from sales_desk.domain.customers.files import choice_label
from sales_desk.i18n import N_, _
from sales_desk.services.customers import listing as customer_list
from sales_desk.services.customers.listing import CustomerFilter, CustomerRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.customers.flags import FLAGS_ROLE, flags_of, flags_text
from sales_desk.ui.widgets.paged_model import PagedTableModel

PAGE_SIZE = 200
HOLD_COLOUR = QColor("#c62828")


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str  # msgid
    width: int
    text: Callable[[CustomerRow], str]
    tooltip: str = ""  # msgid, for a short title


def _grade(row: CustomerRow) -> str:
    return row.credit_grade or "—"


# The balance column (receivables) slots in before the flags once orders exist.
COLUMNS: tuple[ListColumn, ...] = (
    ListColumn("code", N_("Code"), 90, lambda r: r.code),
    ListColumn("name", N_("Name"), 260, lambda r: r.name),
    ListColumn("region", N_("Region"), 110, lambda r: choice_label("region", r.region)),
    ListColumn("industry", N_("Industry"), 150, lambda r: choice_label("industry", r.industry)),
    ListColumn("type", N_("Type"), 100, lambda r: choice_label("customer_type", r.customer_type)),
    ListColumn("value_grade", N_("Value"), 56, lambda r: r.value_grade,
               N_("Value grade, by annual sales with us")),
    ListColumn("credit_grade", N_("Credit"), 56, _grade, N_("Credit grade, from the approved rating")),
    ListColumn("rep", N_("Sales rep"), 90, lambda r: r.rep_name),
    ListColumn("flags", N_("Flags"), 240, lambda r: flags_text(flags_of(r))),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}
CENTRED = {COLUMN_INDEX["value_grade"], COLUMN_INDEX["credit_grade"]}


def row_key(row: CustomerRow) -> tuple[str, int]:
    """The keyset of the name order: list_customers' `after` (pinyin in the Chinese UI)."""
    return customer_list.name_page_key(row)


class CustomerListModel(PagedTableModel[CustomerRow]):
    # Every column but the flags sorts, in SQL (the service's CUSTOMER_SORTS), the id breaking ties.
    sort_fields = {i: c.key for i, c in enumerate(COLUMNS) if c.key in customer_list.CUSTOMER_SORTS}

    def __init__(self, ctx: AppContext, actor: Actor, parent=None, page_size: int = PAGE_SIZE):  # noqa: ANN001
        self.ctx, self.actor, self.page_size = ctx, actor, page_size
        self.flt = CustomerFilter()
        super().__init__(ctx.runner, self._loader_for(self.flt), key=self._after_key, parent=parent)
        self.headers = [_(c.title) for c in COLUMNS]

    def _loader_for(self, flt: CustomerFilter):  # noqa: ANN202
        ctx, actor, size = self.ctx, self.actor, self.page_size

        def load(after: tuple[Any, int] | None) -> tuple[list[CustomerRow], bool]:
            # The sort as the page is read; a page asked for under an older sort is dropped.
            sort, descending = self.sorted_by or (None, False)
            page = customer_list.list_customers(ctx.uow(actor), flt, after=after, limit=size, sort=sort,
                                                descending=descending)
            return list(page.rows), page.next_after is not None

        return load

    def _after_key(self, row: CustomerRow) -> tuple[Any, int]:
        return customer_list.customer_sort_key(row, self.sorted_by[0] if self.sorted_by else None)

    def set_filter(self, flt: CustomerFilter) -> None:
        """A new query: the model starts again from the first page."""
        self.flt = flt
        self.set_loader(self._loader_for(flt))

    def row_of(self, customer_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == customer_id), None)

    def display(self, row: CustomerRow, column: int) -> str:
        return COLUMNS[column].text(row)

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignHCenter if column in CENTRED else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = self._rows[index.row()], index.column()
        key = COLUMNS[column].key
        if role == FLAGS_ROLE:
            return flags_of(row) if key == "flags" else None
        if role == Qt.ItemDataRole.ToolTipRole and key == "credit_grade" and not row.credit_grade:
            return _("Not rated yet")
        if row.credit_hold and key in ("credit_grade", "name"):
            if role == Qt.ItemDataRole.ForegroundRole:
                return HOLD_COLOUR
            if role == Qt.ItemDataRole.FontRole and key == "credit_grade":
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(COLUMNS) and COLUMNS[section].tooltip):
            return _(COLUMNS[section].tooltip)
        return super().headerData(section, orientation, role)
