"""Year-end clearance [年底清收] (客户信用管理制度 第18条 3): from 1 November every credit sale
still open with the days left to 31 December, per rep with totals (before it, the day the
list starts); and what was still open on 1 January of a year with its staff liability, per
rep; a rep chosen shows their documents. Both export to Excel."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
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

SALES = (N_("Customer"), N_("Document"), N_("Due"), N_("Open amount"), N_("Deferred"))
REPS = (N_("Rep"), N_("Documents open"), N_("Open amount"), N_("Staff liability"))
UNCLEARED = (N_("Customer"), N_("Document"), N_("Due"), N_("Open on 1 Jan"), N_("Staff liability"))
ALL = RepTotal(-1, "", 0, 0, 0)  # the first row of a rep table: every rep


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
        self.sales, self.sales_model = rows_table("clearance_sales", [_(h) for h in SALES], self._sale, right=(3,))
        fit_columns(self.sales, stretch=(0,))
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
                                                            self._left_sale, right=(3, 4))
        fit_columns(self.left_sales, stretch=(0,))
        self.left_sales.setObjectName("uncleared_sales")

        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.export_button)
        now = QWidget()
        nl = QVBoxLayout(now)
        nl.addLayout(top)
        nl.addWidget(self._pair(self.reps, self.sales), 1)
        after = QWidget()
        al = QVBoxLayout(after)
        pick = QHBoxLayout()
        label = QLabel(_("Still open on 1 January after &year:"))
        label.setBuddy(self.year)
        pick.addWidget(label)
        pick.addWidget(self.year)
        pick.addStretch(1)
        al.addLayout(pick)
        al.addWidget(self.uncleared_state)
        al.addWidget(self._pair(self.left, self.left_sales), 1)
        # two lists, one at a time: each its reps above (a summary) and their documents below
        self.lists = QTabWidget()
        self.lists.addTab(now, _("To clear by &31 December"))
        self.lists.addTab(after, _("Still open on &1 January"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.lists, 1)
        self._clear: Clearance | None = None
        self._left: Uncleared | None = None
        # a rep chosen above shows their documents below (the first row: all reps)
        self.reps.selectionModel().currentRowChanged.connect(lambda c, _p: self._show_sales())
        self.left.selectionModel().currentRowChanged.connect(lambda c, _p: self._show_left())

    @staticmethod
    def _pair(reps: QWidget, docs: QWidget) -> QSplitter:
        pair = QSplitter(Qt.Orientation.Vertical)
        pair.addWidget(reps)
        pair.addWidget(docs)
        pair.setStretchFactor(0, 1)
        pair.setStretchFactor(1, 2)
        return pair

    @staticmethod
    def _mine(rows: tuple[OpenSale, ...], rep: RepTotal | None) -> list[OpenSale]:
        if rep is None or rep.rep_id == ALL.rep_id:
            return list(rows)
        return [x for x in rows if x.rep_id == rep.rep_id]

    def _chosen(self, table, model) -> RepTotal | None:  # noqa: ANN001
        row = table.current_row()
        return None if row is None else model.row_at(row)

    def _show_sales(self) -> None:
        if self._clear is not None:
            self.sales_model.set_rows(self._mine(self._clear.sales, self._chosen(self.reps, self.reps_model)))

    def _show_left(self) -> None:
        if self._left is not None:
            self.left_sales_model.set_rows(self._mine(self._left.sales, self._chosen(self.left, self.left_model)))

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
        self._clear = c
        self.reps_model.set_rows([replace(ALL, documents=len(c.sales), amount=c.total), *c.reps] if c.sales else [])
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
        self._left = u
        self.left_model.set_rows([replace(ALL, documents=len(u.sales), amount=u.total, liability=u.liability),
                                  *u.reps] if u.sales else [])
        self.left_sales_model.set_rows(u.sales)

    def _rep(self, t: object, col: int) -> str:
        assert isinstance(t, RepTotal)
        who = _("All reps") if t.rep_id == ALL.rep_id else t.rep or _("(no rep)")
        return (who, str(t.documents), money(t.amount), money(t.liability))[col]

    def _sale(self, x: object, col: int) -> str:
        assert isinstance(x, OpenSale)
        return (x.customer_name, x.doc_no, day(x.due_date), money(x.open_amount), _("yes") if x.deferred else "")[col]

    def _left_sale(self, x: object, col: int) -> str:
        assert isinstance(x, OpenSale)
        return (x.customer_name, x.doc_no, day(x.due_date), money(x.open_amount), money(x.liability))[col]

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
