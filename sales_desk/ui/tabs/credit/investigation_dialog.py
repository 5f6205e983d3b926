"""One credit investigation [客户信用调查]: the checklist, the customer's figures and the
report for the customer-service side; finance's review; then the rating proposal.

A checklist tick is stored at once; figures and report are saved together (Save, or
on submitting). What a user may not do is not offered; the services refuse it anyway.
The pages and the review box draw; this dialog loads, decides what is offered, and runs
the service calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.domain.credit.checklist import EDITABLE, ITEM_BY_KEY, InvestigationStatus
from sales_desk.domain.credit.limits import FIGURE_LABELS
from sales_desk.i18n import _
from sales_desk.services.credit import investigation as inv_svc
from sales_desk.services.credit import rating as credit_rating
from sales_desk.services.credit import views as credit_views
from sales_desk.services.credit.investigation import CreditFigures, InvestigationView, ItemRow
from sales_desk.services.credit.views import DocumentChoice
from sales_desk.services.customers import records as customer_records
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.credit.checklist_page import ChecklistPage
from sales_desk.ui.tabs.credit.common import (
    ACCESS_TOPIC,
    ServiceDialog,
    attachments_root,
    heading,
    hint,
    local_time,
    occasion_label,
    status_label,
)
from sales_desk.ui.tabs.credit.figures_page import FiguresPage
from sales_desk.ui.tabs.credit.review_box import ReviewBox
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.stale import Reload, ask_reload, put_back_note


@dataclass(frozen=True)
class InvestigationBundle:
    view: InvestigationView
    documents: list[DocumentChoice]
    pending_proposal: int | None  # the customer's proposal awaiting a decision, if any


def load_bundle(ctx: AppContext, actor: Actor, investigation_id: int) -> InvestigationBundle:
    view = inv_svc.get_investigation(ctx.uow(actor), investigation_id)
    may_edit = actor.can(Perm.CREDIT_INVESTIGATE)
    documents = credit_views.investigation_documents(ctx.uow(actor), investigation_id) if may_edit else []
    pending = credit_rating.list_proposals(ctx.uow(actor), credit_rating.ProposalStatus.PROPOSED,
                                           customer_id=view.customer_id, limit=1)
    return InvestigationBundle(view, documents, pending[0].id if pending else None)


class InvestigationDialog(ServiceDialog):
    def __init__(self, ctx: AppContext, actor: Actor, investigation_id: int, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Credit investigation No. {id}").format(id=investigation_id), parent)
        self.investigation_id = investigation_id
        self.bundle: InvestigationBundle | None = None

        self.title = heading()
        self.status = hint()
        self.status.setObjectName("status")
        self.review_note = hint()
        self.review_note.setObjectName("review_note")
        self.review_note.hide()

        self.checklist_page = ChecklistPage()
        self.figures_page = FiguresPage()
        self.review_box = ReviewBox()
        # The parts the dialog drives, by short names (tests reach them here too).
        self.checklist, self.tree = self.checklist_page.model, self.checklist_page.tree
        self.attach_button = self.checklist_page.attach_button
        self.show_document_button = self.checklist_page.show_document_button
        self.figures, self.report = self.figures_page.figures, self.figures_page.report
        self.review_edit = self.review_box.note_edit
        self.pass_button, self.return_button = self.review_box.pass_button, self.review_box.return_button

        self.checklist.sig_item_edited.connect(self._save_item)
        self.attach_button.clicked.connect(lambda: self.attach_file())
        self.show_document_button.clicked.connect(self.show_document)
        self.checklist_page.sig_current_changed.connect(self._update_buttons)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.checklist_page, _("&Checklist"))
        self.tabs.addTab(self.figures_page, _("&Figures and report"))
        self.review_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)  # three lines of text
        self.pass_button.clicked.connect(self.pass_review)
        self.return_button.clicked.connect(self.return_review)

        role = QDialogButtonBox.ButtonRole.ActionRole
        self.save_button = self.add_button(_("&Save"), role, self.save)
        self.submit_button = self.add_button(_("Su&bmit to finance…"), role, self.submit)
        self.propose_button = self.add_button(_("Propose a r&ating…"), role, self.propose)
        self.add_close()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.review_note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.review_box)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.resize(1020, 770)
        self._update_buttons()
        self.load()

    # -- state -----------------------------------------------------------------------------
    @property
    def view(self) -> InvestigationView | None:
        return self.bundle.view if self.bundle else None

    def editable(self) -> bool:
        v = self.view
        return v is not None and self.actor.can(Perm.CREDIT_INVESTIGATE) \
            and InvestigationStatus(v.status) in EDITABLE

    def reviewable(self) -> bool:
        v = self.view
        return v is not None and self.actor.can(Perm.CREDIT_REVIEW_INVESTIGATION) \
            and v.status == InvestigationStatus.SUBMITTED

    def may_propose(self) -> bool:
        b = self.bundle
        return b is not None and self.actor.can(Perm.CREDIT_INVESTIGATE) \
            and b.view.status == InvestigationStatus.REVIEWED and b.pending_proposal is None

    def dirty(self) -> bool:
        v = self.view
        if v is None or not self.editable():
            return False
        return self.figures_page.differs_from(v)

    def _update_buttons(self) -> None:
        idle = not self.busy()
        editable, actor = self.editable(), self.actor
        self.save_button.setVisible(actor.can(Perm.CREDIT_INVESTIGATE))
        self.submit_button.setVisible(actor.can(Perm.CREDIT_INVESTIGATE))
        self.save_button.setEnabled(editable and idle)
        self.submit_button.setEnabled(editable and idle)
        self.propose_button.setVisible(self.may_propose())
        self.propose_button.setEnabled(idle)
        item = self.current_item()
        self.attach_button.setVisible(actor.can(Perm.CREDIT_INVESTIGATE))
        self.attach_button.setEnabled(editable and idle and item is not None)
        self.show_document_button.setEnabled(idle and item is not None and item.document_id is not None)
        self.review_box.setVisible(self.reviewable())
        self.pass_button.setEnabled(idle)
        self.return_button.setEnabled(idle)

    # -- loading ---------------------------------------------------------------------------
    def load(self) -> None:
        iid = self.investigation_id
        self.call(lambda: load_bundle(self.ctx, self.actor, iid), self._show, writes=None)

    def _show(self, bundle: InvestigationBundle) -> None:
        first = self.bundle is None
        previous = self.view
        self.bundle = bundle
        v = bundle.view
        self.title.setText(_("No. {id} · {code} · {name}").format(id=v.id, code=v.customer_code,
                                                                  name=v.customer_name))
        self.status.setText(self._status_text(v))
        returned = v.status == InvestigationStatus.RETURNED
        self.review_note.setVisible(bool(v.review_note))
        self.review_note.setText(_("Finance's note: {note}").format(note=v.review_note))
        self.review_note.setStyleSheet(ERROR_STYLE if returned else "")
        self.checklist_page.show_items(v.items, bundle.documents, self.editable())
        # Figures and report: filled on opening and after a save, never over the user's typing.
        if first or previous is None or not self.figures_page.differs_from(previous):
            self.figures_page.fill(v)
        self.figures_page.set_read_only(not self.editable())
        self._update_buttons()

    @staticmethod
    def _status_text(v: InvestigationView) -> str:
        parts = [occasion_label(v.occasion), status_label(v.status),
                 _("opened by {name} {at}").format(name=v.opened_by, at=local_time(v.opened_at))]
        parts.append(_("LATE: due for review by {day}").format(day=v.due_on.isoformat()) if v.late
                     else _("due for review by {day}").format(day=v.due_on.isoformat()))
        if v.submitted_at:
            parts.append(_("submitted by {name} {at}").format(name=v.submitted_by, at=local_time(v.submitted_at)))
        if v.reviewed_at:
            parts.append(_("reviewed by {name} {at}").format(name=v.reviewed_by, at=local_time(v.reviewed_at)))
        return " · ".join(parts)

    def current_item(self) -> ItemRow | None:
        return self.checklist_page.current_item()

    # -- the investigator ------------------------------------------------------------------
    def attach_file(self, source: Path | None = None) -> None:
        """Copy a file into the customer's documents and cite it on the current item
        (which it marks received)."""
        item, v = self.current_item(), self.view
        if item is None or v is None:
            self.say(_("Choose a checklist item first."), error=True)
            return
        label = _(ITEM_BY_KEY[item.key].label)
        if source is None:
            chosen = dialogs.open_file(self, _("Attach a document to “{item}”").format(item=label),
                                       _("Documents (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx "
                                         "*.xls *.xlsx);;All files (*)"))
            if not chosen:
                return
            source = Path(chosen)
        ctx, actor, iid, cid, root = self.ctx, self.actor, self.investigation_id, v.customer_id, \
            attachments_root(self.ctx)

        def attach() -> None:
            doc = customer_records.attach_document(ctx.uow(actor), cid, source, root, label, _("Credit"))
            inv_svc.record_item(ctx.uow(actor), iid, item.key, True, item.received_on, item.stamped, doc,
                                item.note)

        self.say("")
        self.call(attach, lambda _r: self.load())

    def show_document(self) -> None:
        """Open the cited document; who is not the customer's rep leaves a line on its access card."""
        item = self.current_item()
        if item is None or item.document_id is None:
            return
        doc, root = item.document_id, attachments_root(self.ctx)
        why = _("credit investigation No. {id}").format(id=self.investigation_id)
        self.call(lambda: customer_records.open_document(self.ctx.uow(self.actor), doc, root, why),
                  lambda path: dialogs.open_path(self, path), writes=ACCESS_TOPIC)

    def _save_item(self, item: ItemRow) -> None:
        iid = self.investigation_id
        self.say("")
        self.call(lambda: inv_svc.record_item(
            self.ctx.uow(self.actor), iid, item.key, item.received, item.received_on, item.stamped,
            item.document_id, item.note), lambda _r: self.load())

    def _pending_writes(self) -> tuple[CreditFigures, str] | None:
        """What Save would store, or None after showing why it cannot."""
        try:
            return self.figures_page.written()
        except ValidationError as exc:
            self.tabs.setCurrentWidget(self.figures_page)
            self.say(str(exc), error=True)
            return None

    def _writer(self, figures: CreditFigures, report: str, submit: bool):  # noqa: ANN202
        v = self.view
        assert v is not None
        ctx, actor, iid, loaded = self.ctx, self.actor, self.investigation_id, v.version
        save_figures, save_report = figures != v.figures, report != v.report

        def write() -> None:  # each save over the version the form loaded, or the one it just wrote
            at = loaded
            if save_figures:
                at = inv_svc.set_figures(ctx.uow(actor), iid, figures, version=at)
            if save_report:
                at = inv_svc.write_report(ctx.uow(actor), iid, report, version=at)
            if submit:
                inv_svc.submit_investigation(ctx.uow(actor), iid, version=at)

        return write

    def save(self) -> None:
        pending = self._pending_writes()
        if pending is None:
            return
        self.call(self._writer(*pending, submit=False), lambda _r: self._saved(_("Saved.")),
                  refused=lambda exc: self._stale(exc, *pending))

    def submit(self) -> None:
        pending = self._pending_writes()
        if pending is None:
            return
        if not dialogs.confirm(self, _("Submit to finance"),
                               _("Hand investigation No. {id} to finance for review? It cannot be "
                                 "changed unless finance returns it.").format(id=self.investigation_id),
                               _("Submit")):
            return
        self.call(self._writer(*pending, submit=True),
                  lambda _r: self._saved(_("Submitted to finance for review.")),
                  refused=lambda exc: self._stale(exc, *pending))

    def _saved(self, message: str) -> None:
        self.bundle = None  # take the stored figures and report as they are now
        self.say(message)
        self.load()

    # -- changed by someone else since (no lost update) ------------------------------------------
    def _stale(self, refusal: DomainError, figures: CreditFigures, report: str) -> bool:
        """Say who changed the figures or the report since the form loaded them; reload, then
        put this form's changed fields back on top, field by field (or drop them)."""
        if not isinstance(refusal, StaleRecord):
            return False
        choice = ask_reload(self, str(refusal))
        loaded = self.view
        if choice is Reload.LATER or loaded is None:
            self.say(str(refusal), error=True)
            return True
        iid = self.investigation_id

        def reloaded(bundle: InvestigationBundle) -> None:
            self.bundle = None  # fill the form with the stored figures and report
            self._show(bundle)
            if choice is not Reload.KEEP_MINE or not self.editable():
                self.say("" if choice is Reload.DISCARD_MINE else str(refusal), error=choice is not Reload.DISCARD_MINE)
                return
            mine = []
            for name, edit in self.figures.edits.items():
                if getattr(figures, name) != getattr(loaded.figures, name):
                    edit.set_value(getattr(figures, name))
                    mine.append(_(FIGURE_LABELS[name]))
            if report != loaded.report:
                self.report.setPlainText(report)
                mine.append(_("Investigation report"))
            self.tabs.setCurrentWidget(self.figures_page)  # where the put-back fields are
            self.say(put_back_note(mine, refusal))

        self.call(lambda: load_bundle(self.ctx, self.actor, iid), reloaded, writes=None)
        return True

    def propose(self):  # noqa: ANN201 - the scorecard dialog, for tests
        from sales_desk.ui.tabs.credit.scorecard import ProposeRatingDialog

        v = self.view
        if v is None:
            return None
        dialog = ProposeRatingDialog(self.ctx, self.actor, v.id, f"{v.customer_code} {v.customer_name}", self)
        dialog.accepted.connect(self.load)
        dialog.open()
        return dialog

    # -- finance -----------------------------------------------------------------------------
    def pass_review(self) -> None:
        note = self.review_edit.toPlainText().strip()
        if not dialogs.confirm(self, _("Pass the investigation"),
                               _("Pass investigation No. {id}? The customer-service side may then "
                                 "propose a rating on it.").format(id=self.investigation_id),
                               _("Pass")):
            return
        self._review(True, note)

    def return_review(self) -> None:
        note = self.review_edit.toPlainText().strip()
        if not note:
            self.say(_("Say what must be corrected before returning it."), error=True)
            self.review_edit.setFocus()
            return
        self._review(False, note)

    def _review(self, passed: bool, note: str) -> None:
        iid = self.investigation_id
        self.call(lambda: inv_svc.review_investigation(self.ctx.uow(self.actor), iid, passed, note),
                  lambda _r: self._reviewed(passed))

    def _reviewed(self, passed: bool) -> None:
        self.review_edit.clear()
        self._saved(_("Passed.") if passed else _("Returned to the investigator."))

    # -- closing ---------------------------------------------------------------------------
    def reject(self) -> None:
        if self.dirty() and not dialogs.confirm(
                self, _("Unsaved changes"), _("Close without saving the figures and the report?"),
                _("Discard"), destructive=True):
            return
        super().reject()

    def say(self, text: str, error: bool = False) -> None:
        """A refusal also puts the checklist back as stored (a refused tick is undone)."""
        super().say(text, error)
        if error and self.bundle is not None:
            self.checklist_page.put_back(self.bundle.view.items, self.editable())
