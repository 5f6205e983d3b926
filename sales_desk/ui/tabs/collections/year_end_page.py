"""Year-end clearance [年底清收] (客户信用管理制度 第18条 3): from 1 November every credit sale
still open with the days left to 31 December, per rep with totals (before it, the day the
list starts); and what was still open on 1 January of a year with its staff liability, per
rep. Both export to Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import N_, _, ngettext
from sales_desk.services.collections import year_end
from sales_desk.services.collections.year_end import (
    Clearance,
    OpenSale,
    RepTotal,
    Uncleared,
    previous_year_end,
)
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.collections.common import TOPIC, day, fit_columns, money, rows_table
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page

SALES = (N_("Rep"), N_("Customer"), N_("Document"), N_("Due"), N_("Open"), N_("Deferred"))
REPS = (N_("Rep"), N_("Documents"), N_("Open"), N_("Staff liability"))
UNCLEARED = (N_("Rep"), N_("Customer"), N_("Document"), N_("Due"), N_("Open on 1 Jan"), N_("Staff liability"))


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class YearEndPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.export_button = QPushButton(_("E&xport to Excel…"))
        self.export_button.clicked.connect(self.export)
        self.state = _wrapped()
        self.state.setObjectName("year_end_state")
        self.reps, self.reps_model = rows_table("clearance_reps", [_(h) for h in REPS[:3]], self._rep, right=(1, 2))
        fit_columns(self.reps, stretch=(0,))
        self.sales, self.sales_model = rows_table("clearance_sales", [_(h) for h in SALES], self._sale, right=(4,))
        fit_columns(self.sales, stretch=(1,))
        self.sales.setObjectName("clearance_sales")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(previous_year_end(clock.today()))
        self.year.valueChanged.connect(lambda _v: self.load())
        self.uncleared_state = _wrapped()
        self.uncleared_state.setObjectName("uncleared_state")
        self.left, self.left_model = rows_table("uncleared_reps", [_(h) for h in REPS], self._rep, right=(1, 2, 3))
        fit_columns(self.left, stretch=(0,))
        self.left_sales, self.left_sales_model = rows_table("uncleared_sales", [_(h) for h in UNCLEARED],
                                                            self._left_sale, right=(4, 5))
        fit_columns(self.left_sales, stretch=(1,))
        self.left_sales.setObjectName("uncleared_sales")

        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.export_button)
        now = QWidget()
        nl = QVBoxLayout(now)
        nl.setContentsMargins(0, 0, 0, 0)
        nl.addLayout(top)
        both = QSplitter(Qt.Orientation.Horizontal)
        both.addWidget(self.reps)
        both.addWidget(self.sales)
        both.setStretchFactor(1, 2)
        nl.addWidget(both, 1)
        after = QWidget()
        al = QVBoxLayout(after)
        al.setContentsMargins(0, 0, 0, 0)
        pick = QHBoxLayout()
        label = QLabel(_("Still open on 1 January after &year:"))
        label.setBuddy(self.year)
        pick.addWidget(label)
        pick.addWidget(self.year)
        pick.addStretch(1)
        al.addLayout(pick)
        al.addWidget(self.uncleared_state)
        both = QSplitter(Qt.Orientation.Horizontal)
        both.addWidget(self.left)
        both.addWidget(self.left_sales)
        both.setStretchFactor(1, 2)
        al.addWidget(both, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(now)
        split.addWidget(after)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)

    def load(self) -> None:
        ctx, actor, year = self.ctx, self.actor, self.year.value()
        ctx.runner.run(lambda: year_end.clearance(ctx.uow(actor)), self._clearance, owner=self)
        ctx.runner.run(lambda: year_end.uncleared(ctx.uow(actor), year), self._uncleared, owner=self)

    def _clearance(self, c: Clearance) -> None:
        if not c.started:
            self.state.setText(_(
                "The year-end list starts on {start}: from then every credit sale still open is listed here with "
                "the days left to 31 December (客户信用管理制度 第18条 3: every deferred payment is cleared by "
                "31 December).").format(start=day(c.starts_on)))
        else:
            left = ngettext("{n} day left to {end}", "{n} days left to {end}", c.days_left).format(
                n=c.days_left, end=day(c.year_end))
            sales = ngettext("{n} credit sale still open", "{n} credit sales still open", len(c.sales)).format(
                n=len(c.sales))
            self.state.setText(_("{left}: {sales}, {total} in all.").format(left=left, sales=sales,
                                                                           total=money(c.total)))
        self.reps_model.set_rows(c.reps)
        self.sales_model.set_rows(c.sales)

    def _uncleared(self, u: Uncleared) -> None:
        if not u.ended:
            text = _("1 January {next} has not come yet.").format(next=u.year + 1)
        elif not u.sales:
            text = _("Everything was cleared by 31 December {year}.").format(year=u.year)
        else:
            text = _("{n} credit sales were not cleared by 31 December {year}: {total}; staff liability {liability}"
                     ).format(n=len(u.sales), year=u.year, total=money(u.total), liability=money(u.liability))
            if not u.liability_computed:
                text += "  " + _("(December's liability not computed yet)")
        self.uncleared_state.setText(text)
        self.left_model.set_rows(u.reps)
        self.left_sales_model.set_rows(u.sales)

    def _rep(self, t: object, col: int) -> str:
        assert isinstance(t, RepTotal)
        return (t.rep or _("(no rep)"), str(t.documents), money(t.amount), money(t.liability))[col]

    def _sale(self, x: object, col: int) -> str:
        assert isinstance(x, OpenSale)
        return (x.rep or _("(no rep)"), x.customer_name, x.doc_no, day(x.due_date), money(x.open_amount),
                _("yes") if x.deferred else "")[col]

    def _left_sale(self, x: object, col: int) -> str:
        assert isinstance(x, OpenSale)
        return (x.rep or _("(no rep)"), x.customer_name, x.doc_no, day(x.due_date), money(x.open_amount),
                money(x.liability))[col]

    def export(self) -> None:
        path = dialogs.save_file(self, _("Export the year-end lists"),
                                 Path.home() / f"year-end-{clock.today().isoformat()}.xlsx",
                                 _("Excel workbooks (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        from sales_desk.reports.collections.year_end_xlsx import export_year_end_xlsx

        ctx, actor, year = self.ctx, self.actor, self.year.value()

        def job(token: CancelToken) -> int:
            token.progress(0, 0, _("Exporting the year-end lists…"))
            return export_year_end_xlsx(ctx.uow(actor), path, year)

        ctx.runner.run_long(job, _("Exporting the year-end lists…"), lambda n: dialogs.show_info(
            self, _("Wrote {n} rows to {path}.").format(n=n, path=path)), owner=self)
