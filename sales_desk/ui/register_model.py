"""The document register as a table model, newest first and paged as the view scrolls: the
admin area's register and each customer file's documents issued share it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.records import register
from sales_desk.services.records.register import RegisterFilter, RegisterRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets.paged_model import PagedTableModel

PAGE_SIZE = 200


class RegisterTableModel(PagedTableModel[RegisterRow]):
    # A header click sorts in SQL (the service's REGISTER_SORTS), the id breaking ties.
    sort_fields = dict(enumerate(("number", "issued_on", "kind", "title", "customer", "language", "edition",
                                  "issued_by", "pages")))

    def __init__(self, ctx: AppContext, actor: Actor, parent=None, page_size: int = PAGE_SIZE):  # noqa: ANN001
        self.ctx, self.actor, self.page_size = ctx, actor, page_size
        self.flt = RegisterFilter()
        super().__init__(ctx.runner, self._loader_for(self.flt), key=self._after_key, parent=parent)
        self.headers = [_("Document No."), _("Issued on"), _("Form"), _("Title"), _("Customer"), _("Language"),
                        _("Edition"), _("Issued by"), _("Pages"), _("Prints and saves")]

    def _loader_for(self, flt: RegisterFilter):  # noqa: ANN202
        ctx, actor, size = self.ctx, self.actor, self.page_size

        def load(key: Any) -> tuple[list[RegisterRow], bool]:  # noqa: ANN401
            if self.sorted_by is None:
                return register.register_page(ctx.uow(actor), flt, before_id=key, limit=size)
            sort, descending = self.sorted_by
            return register.register_page(ctx.uow(actor), flt, limit=size, sort=sort, descending=descending,
                                          after=key)

        return load

    def _after_key(self, row: RegisterRow) -> Any:  # noqa: ANN401
        return register.register_sort_key(row, self.sorted_by[0] if self.sorted_by else None)

    def set_filter(self, flt: RegisterFilter) -> None:
        self.flt = flt
        self.set_loader(self._loader_for(flt))

    def display(self, r: RegisterRow, column: int) -> str:
        customer = f"{r.customer_code} {r.customer_name}".strip()
        return (r.number, r.issued_on.isoformat(), r.kind_label, r.title, customer, r.language, str(r.edition),
                r.issued_by, str(r.pages), str(r.outputs))[column]

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column in (6, 8, 9) else None
