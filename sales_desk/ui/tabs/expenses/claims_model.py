"""The claim list as a paged table: one keyset query per page (newest first), filters in the query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from sales_desk.domain.common.roles import Actor
from sales_desk.domain.expenses.claims import ClaimStatus
from sales_desk.i18n import N_, _
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses.queries import CLAIM_SORTS, ClaimFilter, ClaimRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.expenses.common import category_label, claim_status_text, day, item_text
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.paged_model import PagedTableModel

PAGE_SIZE = 200
RETURNED_COLOUR = QColor("#8a5300")
FADED_COLOUR = QColor("#777777")


def flags_text(r: ClaimRow) -> str:
    """Why the claim took its route, in a few words."""
    flags = []
    if r.is_department:
        flags.append(_("Department application"))
    if r.is_travel:
        flags.append(_("Travel"))
    if r.discretionary:
        flags.append(_("Within allowance"))
    if r.major:
        flags.append(_("At or above the threshold"))
    if r.over_budget:
        flags.append(_("Beyond the budget"))
    return " · ".join(flags)


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str  # msgid
    width: int
    text: Callable[[ClaimRow], str]


COLUMNS: tuple[ListColumn, ...] = (
    ListColumn("id", N_("No."), 50, lambda r: str(r.id)),
    ListColumn("spent_on", N_("Date spent"), 82, lambda r: day(r.spent_on)),
    ListColumn("claimant", N_("Claimant"), 62, lambda r: r.claimant),
    ListColumn("department", N_("Department"), 74, lambda r: r.department),
    ListColumn("category", N_("Category"), 122, lambda r: category_label(r.category)),
    ListColumn("item", N_("Item"), 100, lambda r: item_text(r.item)),
    ListColumn("amount", N_("Amount"), 86, lambda r: money_text(r.amount)),
    ListColumn("status", N_("Status"), 245, lambda r: claim_status_text(r.status, r.current_step)),
    ListColumn("purpose", N_("Purpose"), 150, lambda r: r.purpose),
    ListColumn("flags", N_("Route notes"), 200, flags_text),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}


class ClaimListModel(PagedTableModel[ClaimRow]):
    # Every column but the route notes sorts, in SQL (the service's CLAIM_SORTS).
    sort_fields = {i: c.key for i, c in enumerate(COLUMNS) if c.key in CLAIM_SORTS}

    def __init__(self, ctx: AppContext, actor: Actor, parent=None, page_size: int = PAGE_SIZE):  # noqa: ANN001
        self.ctx, self.actor, self.page_size = ctx, actor, page_size
        self.flt = ClaimFilter()
        super().__init__(ctx.runner, self._loader_for(self.flt), key=self._after_key, parent=parent)
        self.headers = [_(c.title) for c in COLUMNS]

    def _loader_for(self, flt: ClaimFilter):  # noqa: ANN202
        ctx, actor, size = self.ctx, self.actor, self.page_size

        def load(after: Any) -> tuple[list[ClaimRow], bool]:  # noqa: ANN401
            # The sort as the page is read; a header click reloads, and a page asked for
            # under the old sort is dropped (its generation is past).
            sort, descending = self.sorted_by or (None, False)
            page = expense_queries.claim_page(ctx.uow(actor), flt, after_id=after, limit=size, sort=sort,
                                              descending=descending)
            return list(page.rows), page.next_after is not None

        return load

    def _after_key(self, row: ClaimRow) -> Any:  # noqa: ANN401 - the service's `after_id`
        return expense_queries.claim_sort_key(row, self.sorted_by[0] if self.sorted_by else None)

    def set_filter(self, flt: ClaimFilter) -> None:
        """A new query: the model starts again from the first page."""
        self.flt = flt
        self.set_loader(self._loader_for(flt))

    def row_of(self, claim_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == claim_id), None)

    def display(self, row: ClaimRow, column: int) -> str:
        return COLUMNS[column].text(row)

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if COLUMNS[column].key in ("id", "amount") else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid()
                and 0 <= index.row() < len(self._rows)):
            status = self._rows[index.row()].status
            if status == ClaimStatus.RETURNED.value:
                return RETURNED_COLOUR
            if status == ClaimStatus.WITHDRAWN.value:
                return FADED_COLOUR
            return None
        return super().data(index, role)
