"""Keeping the route panel beside the expense application form up to date: every change
of the form asks preview_route again, after a typing pause and through the runner, and
an answer to an older state of the form is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses.queries import RoutePreview
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.expenses.common import DEBOUNCE_MS
from sales_desk.ui.tabs.expenses.route_panel import RoutePanel


@dataclass(frozen=True)
class PreviewQuestion:
    """What of the form decides the route (the amount None while it is not one)."""

    category: str
    amount: int | None
    spent_on: date
    is_travel: bool
    travel_application_id: int | None
    claim_id: int | None
    is_department: bool = False  # the department's application (费用 第8条3)
    above_standard: bool = False  # above its item's spending standard (费用 第13条1)


class RoutePreviewer(QObject):
    def __init__(self, ctx: AppContext, actor: Actor, panel: RoutePanel, form: QWidget,
                 question: Callable[[], PreviewQuestion | None]):
        """`question` reads the form; None while it is not ready to ask."""
        super().__init__(form)
        self.ctx, self.actor, self.panel, self.form, self.question = ctx, actor, panel, form, question
        self.preview: RoutePreview | None = None
        self._generation = 0
        self._shown = 0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)

    def changed(self) -> None:
        self._generation += 1  # what is shown no longer answers the form as it is
        self._debounce.start()

    def pending(self) -> bool:
        """A change not yet answered by a preview."""
        return self._debounce.isActive() or self._shown != self._generation

    def refresh(self) -> None:
        """Ask now, without waiting for the typing pause."""
        self._debounce.stop()
        q = self.question()
        if q is None:
            return
        generation, ctx, actor = self._generation, self.ctx, self.actor

        def shown(p: RoutePreview) -> None:
            if generation == self._generation:
                self.preview = p
                # neither travel nor a department's application spends the person's allowance
                self.panel.show_preview(p, q.category, q.spent_on, q.amount, q.is_travel or q.is_department)
                self._shown = generation

        def failed(exc: BaseException) -> bool:
            if generation == self._generation:
                self._shown = generation
                self.panel.clear()
            return isinstance(exc, DomainError)  # shown on submitting; no box while typing

        self.ctx.runner.run(
            lambda: expense_queries.preview_route(ctx.uow(actor), q.category, q.amount or 0, q.spent_on,
                                                  q.is_travel, q.travel_application_id, q.claim_id,
                                                  q.is_department, q.above_standard),
            shown, failed, owner=self.form)
