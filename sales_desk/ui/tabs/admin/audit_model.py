"""The audit trail as a paged table: newest first, one keyset query per page, each row as
the sentence the service made of it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.admin import audit
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets.paged_model import PagedTableModel

PAGE_SIZE = 200


def local_time(at: str) -> str:
    """Stored as UTC ISO; shown in the user's time zone."""
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return at


def pretty(value: str | None) -> str:
    """A before/after value as indented JSON, Chinese shown as itself."""
    if value is None:
        return ""
    try:
        return json.dumps(json.loads(value), indent=2, ensure_ascii=False, sort_keys=True)
    except ValueError:
        return value


class AuditTableModel(PagedTableModel[audit.AuditRow]):
    # A header click sorts in SQL (the service's AUDIT_SORTS), seq breaking ties.
    sort_fields = {0: "at", 1: "who", 2: "action", 3: "document", 4: "seq"}

    def __init__(self, ctx: AppContext, actor: Actor, parent=None, page_size: int = PAGE_SIZE):  # noqa: ANN001
        self.ctx, self.actor, self.page_size = ctx, actor, page_size
        self.flt = audit.AuditFilter()
        super().__init__(ctx.runner, self._loader_for(self.flt), key=lambda r: r.page_key, parent=parent)
        self.headers = [_("Time"), _("Who"), _("What happened"), _("Document"), _("No.")]

    def _loader_for(self, flt: audit.AuditFilter):  # noqa: ANN202
        ctx, actor, size = self.ctx, self.actor, self.page_size

        def load(key: Any) -> tuple[list[audit.AuditRow], bool]:  # noqa: ANN401
            # The sort as the page is read; a page asked for under an older sort is dropped.
            if self.sorted_by is None:
                return audit.audit_page(ctx.uow(actor), flt, before_seq=key, limit=size)
            sort, descending = self.sorted_by
            return audit.audit_page(ctx.uow(actor), flt, limit=size, sort=sort, descending=descending, after=key)

        return load

    def set_filter(self, flt: audit.AuditFilter) -> None:
        """Filtering happens in the query; the model starts again from the newest row."""
        self.flt = flt
        self.set_loader(self._loader_for(flt))

    def display(self, row: audit.AuditRow, column: int) -> str:
        if column == 0:
            return local_time(row.at)
        if column == 4:
            return str(row.seq)
        return (row.who, row.sentence, row.subject)[column - 1]

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column == 4 else None
