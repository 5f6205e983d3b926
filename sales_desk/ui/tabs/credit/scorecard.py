"""Rating [信用等级评定]: the investigator rates each indicator on the scorecard and sees the
total and grade as they type; the customer-service manager approves or rejects the
proposal — never their own (the service refuses; the refusal shows here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.credit.downgrade import restores_above
from sales_desk.domain.credit.rating import (
    DIMENSIONS,
    Grade,
    GradeBands,
    ScoreLine,
    dimension_points,
    grade_for,
    score_text,
    total_score,
)
from sales_desk.i18n import _, ngettext
from sales_desk.services.admin import settings
from sales_desk.services.credit import position as credit
from sales_desk.services.credit import rating as credit_rating
from sales_desk.services.credit.rating import ProposalStatus, ProposalView
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.credit.common import (
    OptionalCountEdit,
    OptionalMoneyEdit,
    ServiceDialog,
    heading,
    hint,
    local_time,
    money_or_dash,
    proposal_status_label,
    term_text,
)
from sales_desk.ui.tabs.credit.scorecard_model import (
    RATING,
    RatingDelegate,
    ScorecardModel,
    points_text,
)
from sales_desk.ui.widgets import dialogs

GRADE_COLORS = {Grade.A: "#1b5e20", Grade.B: "#0d47a1", Grade.C: "#e65100", Grade.D: "#b00020"}


def grade_bands(ctx: AppContext, actor: Actor) -> GradeBands:
    rows = settings.get_settings(ctx.uow(actor))
    return GradeBands.from_settings({r.key: r.value for r in rows})


class ScorecardWidget(QWidget):
    """The table, a subtotal per dimension, and the total with its grade, kept up to date."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bands = GradeBands()
        self.model = ScorecardModel(self)
        self.model.sig_ratings_changed.connect(self._update_totals)
        self.table = QTableView()
        self.table.setObjectName("scorecard")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(RATING, RatingDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Typing a number starts editing (as in a spreadsheet); Enter commits; the arrows then
        # move on. Not on every move: the arrows would change the rating in the spin box.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((130, 260, 70, 100, 70)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.dimension_labels: dict[str, QLabel] = {}
        dims = QGridLayout()
        for n, d in enumerate(DIMENSIONS):
            label = QLabel()
            label.setObjectName(f"dimension_{d.key}")
            self.dimension_labels[d.key] = label
            dims.addWidget(label, n // 3, n % 3)
        self.total_label = QLabel()
        self.total_label.setObjectName("total")
        self.total_label.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.grade_label = QLabel()
        self.grade_label.setObjectName("grade")
        self.grade_label.setWordWrap(True)
        self.missing_label = hint()
        totals = QHBoxLayout()
        totals.addWidget(self.total_label)
        totals.addWidget(self.grade_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(dims)
        layout.addLayout(totals)
        layout.addWidget(self.missing_label)

    def set_card(self, weights: Mapping[str, int], ratings: Mapping[str, int] | None, editable: bool,
                 bands: GradeBands) -> None:
        self.bands = bands
        self.model.set_rows(weights, ratings, editable)
        # The whole card at once, no scrolling and no empty space below it.
        table = self.table
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        table.setFixedHeight(height + sum(table.rowHeight(r) for r in range(self.model.rowCount())))
        if editable:
            table.setFocus()
            table.setCurrentIndex(self.model.index(0, RATING))

    def lines(self) -> list[ScoreLine]:
        return [ScoreLine(r.indicator, r.weight, r.rating) for r in self.model.rows() if r.rating is not None]

    def total(self) -> Decimal | None:
        """The exact score once every indicator is rated (graded as it is, as the service does)."""
        return None if self.model.unrated() else total_score(self.lines())

    def grade(self) -> Grade | None:
        total = self.total()
        return None if total is None else grade_for(total, self.bands)

    def _update_totals(self) -> None:
        rows = self.model.rows()
        points = dimension_points(self.lines())
        for d in DIMENSIONS:
            weight = sum(r.weight for r in rows if r.dimension == d.key)
            self.dimension_labels[d.key].setText(_("{dimension}: {points} of {weight}").format(
                dimension=_(d.label), points=points_text(points[d.key]), weight=weight))
        total, grade = self.total(), self.grade()
        if total is None:
            so_far = sum(points.values(), Decimal(0))
            self.total_label.setText(_("Total so far: {points} / 100").format(points=points_text(so_far)))
            self.grade_label.setText("")
            left = len(self.model.unrated())
            self.missing_label.setText(ngettext("{n} indicator still to rate.", "{n} indicators still to rate.", left).format(n=left) if left else "")
            return
        self.total_label.setText(_("Total: {score} / 100").format(score=score_text(total)))
        assert grade is not None
        self.grade_label.setText(_("Grade {label}").format(label=grade.label))
        self.grade_label.setStyleSheet(f"font-size: 14px; font-weight: bold; color: {GRADE_COLORS[grade]};")
        b = self.bands
        self.missing_label.setText(_("Grade bands: A ≥ {a}, B {b}–{a1}, C {c}–{b1}, D < {c}.").format(
            a=b.a_min, a1=f"{b.a_min - 1}.99", b=b.b_min, b1=f"{b.b_min - 1}.99", c=b.c_min))  # exact totals


# -- proposing -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CardSetup:
    weights: dict[str, int]
    bands: GradeBands


def load_setup(ctx: AppContext, actor: Actor) -> CardSetup:
    return CardSetup({r.key: r.weight for r in credit.scorecard(ctx.uow(actor))}, grade_bands(ctx, actor))


class ProposeRatingDialog(ServiceDialog):
    def __init__(self, ctx: AppContext, actor: Actor, investigation_id: int, customer: str,
                 parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Propose a credit rating"), parent)
        self.investigation_id = investigation_id
        self.card = ScorecardWidget()
        self.card.model.sig_ratings_changed.connect(self._update_buttons)
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.summary.setPlaceholderText(_("Overall assessment [综合评价]"))
        self.limit_edit = OptionalMoneyEdit()
        self.limit_edit.setObjectName("proposed_limit")
        self.limit_edit.setFixedWidth(200)
        self.term_edit = OptionalCountEdit(3650)
        self.term_edit.setObjectName("proposed_term")
        self.term_edit.setFixedWidth(200)
        self.term_edit.setSuffix(_(" days"))
        form = QFormLayout()
        form.addRow(_("S&ummary:"), self.summary)
        form.addRow(_("Suggested &limit:"), self.limit_edit)
        form.addRow(_("Suggested &term:"), self.term_edit)
        self.propose_button = self.add_button(_("&Propose for approval"),
                                              QDialogButtonBox.ButtonRole.AcceptRole, self.propose)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(customer))
        layout.addWidget(hint(_("Rate each indicator from 0 to 100 % (type the number, Enter, then the "
                                "arrow keys to move on); its points are the weight × the rating.")))
        layout.addWidget(self.card)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.resize(760, 700)
        self._update_buttons()
        self.call(lambda: load_setup(ctx, actor), self._setup, writes=None)

    def _setup(self, setup: CardSetup) -> None:
        self.card.set_card(setup.weights, None, True, setup.bands)

    def _update_buttons(self) -> None:
        self.propose_button.setEnabled(not self.busy() and self.card.total() is not None)

    def propose(self) -> None:
        if self.card.total() is None:
            self.say(_("Rate every indicator first."), error=True)
            return
        try:
            limit = self.limit_edit.value(_("Suggested limit"))
        except ValidationError as exc:
            self.say(str(exc), error=True)
            return
        ratings, summary, term = self.card.model.ratings(), self.summary.toPlainText(), self.term_edit.value_or_none()
        iid = self.investigation_id
        self.call(lambda: credit_rating.propose_rating(self.ctx.uow(self.actor), iid, ratings, summary,
                                                       limit, term), lambda _id: self.accept())


# -- deciding ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProposalBundle:
    proposal: ProposalView
    bands: GradeBands


class ProposalDialog(ServiceDialog):
    def __init__(self, ctx: AppContext, actor: Actor, proposal_id: int, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Rating proposal No. {id}").format(id=proposal_id), parent)
        self.proposal_id = proposal_id
        self.proposal: ProposalView | None = None
        self.title = heading()
        self.details = hint()
        self.details.setObjectName("details")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card = ScorecardWidget()
        self.note = QPlainTextEdit()
        self.note.setObjectName("decision_note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.note.setPlaceholderText(_("Your note (needed to reject)"))
        self.note_label = QLabel(_("&Note:"))
        self.note_label.setBuddy(self.note)
        self.approve_button = self.add_button(_("&Approve…"), QDialogButtonBox.ButtonRole.ActionRole,
                                              self.approve)
        self.reject_button = self.add_button(_("Re&ject"), QDialogButtonBox.ButtonRole.ActionRole,
                                             self.reject_proposal)
        self.add_close()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addWidget(self.card)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.resize(760, 700)
        self._update_buttons()
        self.load()

    def may_decide(self) -> bool:
        return self.proposal is not None and self.actor.can(Perm.CREDIT_APPROVE_RATING) \
            and self.proposal.status == ProposalStatus.PROPOSED

    def _update_buttons(self) -> None:
        decide = self.may_decide()
        for w in (self.approve_button, self.reject_button, self.note, self.note_label):
            w.setVisible(decide)
        self.approve_button.setEnabled(not self.busy())
        self.reject_button.setEnabled(not self.busy())

    def load(self) -> None:
        pid = self.proposal_id

        def read() -> ProposalBundle:
            return ProposalBundle(credit_rating.get_proposal(self.ctx.uow(self.actor), pid),
                                  grade_bands(self.ctx, self.actor))

        self.call(read, self._show, writes=None)

    def _show(self, bundle: ProposalBundle) -> None:
        p = self.proposal = bundle.proposal
        self.title.setText(_("{code} · {name}").format(code=p.customer_code, name=p.customer_name))
        lines = [
            _("{status} · proposed by {name} {at} on investigation No. {inv}").format(
                status=proposal_status_label(p.status), name=p.proposed_by, at=local_time(p.proposed_at),
                inv=p.investigation_id),
        ]
        if p.proposed_limit is not None or p.proposed_term_days is not None:
            lines.append(_("Suggested terms: {limit}, {term}").format(
                limit=money_or_dash(p.proposed_limit),
                term=term_text(p.proposed_term_days) if p.proposed_term_days is not None else "—"))
        if p.summary:
            lines.append(_("Summary: {text}").format(text=p.summary))
        if self.needs_reasons():
            lines.append(_("The customer was downgraded to grade {lowered} (第14条). Approving grade {grade} "
                           "restores a better grade: write the reasons in the note.").format(
                lowered=p.downgraded_to, grade=p.grade))
        if p.decided_at:
            lines.append(_("Decided by {name} {at}: {note}").format(
                name=p.decided_by, at=local_time(p.decided_at), note=p.decision_note or "—"))
        self.details.setText("\n".join(lines))
        self.card.set_card({ln.indicator: ln.weight for ln in p.lines},
                           {ln.indicator: ln.rating for ln in p.lines}, False, bundle.bands)
        if self.needs_reasons():
            self.note.setPlaceholderText(_("The reasons for restoring the grade (needed to approve)"))
        self._update_buttons()

    def needs_reasons(self) -> bool:
        p = self.proposal
        return p is not None and p.downgraded_to is not None and restores_above(p.grade, p.downgraded_to)

    def approve(self) -> None:
        p = self.proposal
        if p is None:
            return
        if self.needs_reasons() and not self.note.toPlainText().strip():
            self.say(_("Write the reasons for restoring grade {grade} above the downgrade to {lowered}.")
                     .format(grade=p.grade, lowered=p.downgraded_to), error=True)
            self.note.setFocus()
            return
        if not dialogs.confirm(self, _("Approve the rating"),
                               _("Approve grade {grade} ({score} points) for {code}? It enters the rating "
                                 "history, sets the next re-rating date and may change the credit terms.")
                               .format(grade=p.grade, score=score_text(p.total_score), code=p.customer_code),
                               _("Approve")):
            return
        self._decide(True, self.note.toPlainText())

    def reject_proposal(self) -> None:
        note = self.note.toPlainText().strip()
        if not note:
            self.say(_("Say why the proposal is rejected."), error=True)
            self.note.setFocus()
            return
        self._decide(False, note)

    def _decide(self, approve: bool, note: str) -> None:
        pid = self.proposal_id
        self.call(lambda: credit_rating.decide_rating(self.ctx.uow(self.actor), pid, approve, note),
                  lambda _r: self.accept())
