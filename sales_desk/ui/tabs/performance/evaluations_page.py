"""Evaluations and the team's ranking [工作表现及评估]: the sales manager works out a month or a
year, reads each rep's criteria, writes the feedback and gives it to the rep; the rep reads
their own and acknowledges it. Printed (Ctrl+P) as a document of record; exported to Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.performance.evaluation import EVAL_STATUS_LABELS, EvalStatus
from sales_desk.i18n import _, current_language
from sales_desk.services.performance import evaluations
from sales_desk.services.performance.evaluations import (
    CriterionLine,
    EvaluationDetail,
    EvaluationRow,
)
from sales_desk.ui.context import AppContext
from sales_desk.ui.records import DocumentPrinter
from sales_desk.ui.tabs.performance.common import TOPIC, money, period_picker, rows_table
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import shortcut
from sales_desk.ui.widgets.visibility import shown_if


class EvaluationsPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.year, self.month = period_picker(with_year=True)
        self.work_out = QPushButton(_("&Work out the period"))
        shown_if(self.work_out, actor.can(Perm.PERFORMANCE_EVALUATE))
        self.work_out.clicked.connect(self.evaluate)
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setToolTip(_("Ctrl+P"))
        self.print_button.clicked.connect(self.print_selected)
        self.export_button = QPushButton(_("E&xport…"))
        shown_if(self.export_button, actor.can(Perm.PERFORMANCE_TEAM))
        self.export_button.clicked.connect(self.export)
        shortcut(QKeySequence.StandardKey.Print, self, self.print_selected, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.documents = DocumentPrinter(ctx, actor, self)
        top = QHBoxLayout()
        label = QLabel(_("Peri&od:"))
        label.setBuddy(self.year)
        for w in (label, self.year, self.month, self.work_out):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.print_button)
        self.table, self.model = rows_table("perf_ranking", [_("Rank"), _("Sales rep"), _("Score"), _("Status")],
                                            self._row, right=(0, 2), stretch=(1,))
        self.lines, self.lines_model = rows_table(
            "perf_criteria", [_("Criterion"), _("Result"), _("Measured against"), _("Score"), _("Weight"), _("Points")],
            self._line, right=(1, 2, 3, 4, 5), stretch=(0,))
        self.feedback = QPlainTextEdit()
        self.feedback.setObjectName("feedback")
        self.feedback.setTabChangesFocus(True)
        self.feedback.setPlaceholderText(_("The manager's written feedback for the rep"))
        fb_label = QLabel(_("Feed&back:"))
        fb_label.setBuddy(self.feedback)
        self.give = QPushButton(_("Gi&ve to the rep"))
        shown_if(self.give, actor.can(Perm.PERFORMANCE_EVALUATE))
        self.give.clicked.connect(self.give_feedback)
        self.comment = QLineEdit()
        self.comment.setObjectName("rep_comment")
        self.comment.setPlaceholderText(_("Your comment (optional)"))
        self.ack = QPushButton(_("&Acknowledge"))
        self.ack.clicked.connect(self.acknowledge)
        for w in (self.comment, self.ack):
            shown_if(w, actor.can(Perm.PERFORMANCE_ACKNOWLEDGE))
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setObjectName("perf_state")
        detail = QWidget()
        d = QVBoxLayout(detail)
        d.setContentsMargins(0, 0, 0, 0)
        d.addWidget(self.lines, 2)
        d.addWidget(fb_label)
        d.addWidget(self.feedback, 1)
        act = QHBoxLayout()
        for w in (self.give, self.comment, self.ack):
            act.addWidget(w)
        d.addLayout(act)
        d.addWidget(self.state)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.detail: EvaluationDetail | None = None
        self.table.selectionModel().currentRowChanged.connect(lambda c, _p: self._open(c.row()))
        self.year.valueChanged.connect(lambda _v: self.load())
        self.month.valueChanged.connect(lambda _v: self.load())
        self._show(None)

    def load(self) -> None:
        ctx, actor, y, m = self.ctx, self.actor, self.year.value(), self.month.value()
        ctx.runner.run(lambda: evaluations.list_evaluations(ctx.uow(actor), y, m), self._arrived, owner=self)

    def _arrived(self, rows: list[EvaluationRow]) -> None:
        keep = self.detail.row.id if self.detail else None
        self.model.set_rows(rows)
        self._show(None)
        ids = [r.id for r in rows]
        if rows:
            self.table.selectRow(ids.index(keep) if keep in ids else 0)

    def _open(self, row: int) -> None:
        if not 0 <= row < len(self.model.rows()):
            return
        ctx, actor, eid = self.ctx, self.actor, self.model.row_at(row).id  # type: ignore[attr-defined]
        ctx.runner.run(lambda: evaluations.evaluation_detail(ctx.uow(actor), eid), self._show, owner=self)

    def _show(self, d: EvaluationDetail | None) -> None:
        self.detail = d
        self.lines_model.set_rows(d.lines if d else [])
        status = EvalStatus(d.row.status) if d else None
        self.feedback.setPlainText(d.feedback if d else "")
        self.feedback.setReadOnly(status is not EvalStatus.DRAFT or not self.actor.can(Perm.PERFORMANCE_EVALUATE))
        self.give.setEnabled(status is EvalStatus.DRAFT)
        mine = d is not None and d.row.rep_id == self.actor.user_id
        self.ack.setEnabled(mine and status is EvalStatus.GIVEN)
        self.comment.setEnabled(mine and status is EvalStatus.GIVEN)
        self.print_button.setEnabled(d is not None)
        if d is None:
            self.state.setText("")
            return
        text = _("{rep}: {score} points, rank {rank} of {n}; {status}.").format(
            rep=d.row.rep, score=d.row.total, rank=d.row.rank, n=d.team_size,
            status=_(EVAL_STATUS_LABELS[status]))  # type: ignore[index]
        if d.given_by:
            text += " " + _("Given by {who} on {day}.").format(who=d.given_by, day=d.given_at.date().isoformat())  # type: ignore[union-attr]
        if d.rep_comment:
            text += " " + _("The rep's comment: {comment}").format(comment=d.rep_comment)
        self.state.setText(text)

    def _row(self, r: object, col: int) -> str:
        assert isinstance(r, EvaluationRow)
        return (str(r.rank), r.rep, f"{r.total}", _(EVAL_STATUS_LABELS[EvalStatus(r.status)]))[col]

    def _line(self, x: object, col: int) -> str:
        assert isinstance(x, CriterionLine)

        def fig(v: int | None) -> str:
            return "—" if v is None else money(v) if x.money else str(v)

        return (_(x.label), fig(x.value), fig(x.against), f"{x.score}", f"{x.weight} %", f"{x.points}")[col]

    def evaluate(self) -> None:
        ctx, actor, y, m = self.ctx, self.actor, self.year.value(), self.month.value()
        ctx.runner.run(lambda: evaluations.evaluate(ctx.uow(actor), y, m), None, writes=TOPIC, owner=self)

    def give_feedback(self) -> None:
        if self.detail is None:
            return
        ctx, actor, eid, text = self.ctx, self.actor, self.detail.row.id, self.feedback.toPlainText()
        ctx.runner.run(lambda: evaluations.give_feedback(ctx.uow(actor), eid, text), None, writes=TOPIC, owner=self)

    def acknowledge(self) -> None:
        if self.detail is None:
            return
        ctx, actor, eid, text = self.ctx, self.actor, self.detail.row.id, self.comment.text()
        ctx.runner.run(lambda: evaluations.acknowledge(ctx.uow(actor), eid, text), None, writes=TOPIC, owner=self)

    def print_selected(self) -> None:
        """Ctrl+P: the evaluation issued as a document of record and previewed."""
        if self.detail is None:
            return
        from sales_desk.reports.records.performance import issue_evaluation

        eid, lang = self.detail.row.id, current_language()
        self.documents.issue_and_preview(lambda uow: issue_evaluation(uow(), eid, lang))

    def export(self) -> None:
        rows = self.model.rows()
        path = dialogs.save_file(self, _("Export evaluations"), Path.home() / "evaluations.xlsx",
                                 _("Excel workbooks (*.xlsx)"))
        if not path:
            return
        from sales_desk.reports.performance.workbooks import write_evaluations

        self.ctx.runner.run(lambda: write_evaluations(rows, path),  # type: ignore[arg-type]
                            lambda n: dialogs.show_info(self, _("Wrote {n} evaluations to {path}.").format(
                                n=n, path=path)), owner=self)
