"""Key-account screening [大客户筛选]: the screenings (awaiting the sales manager first) and the
key accounts with since when and why. The rep or a manager proposes with the five criteria
scored; the sales manager approves or rejects (never their own proposal)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.care.key_accounts import CRITERIA, ScreeningStatus
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _
from sales_desk.services.care import key_accounts
from sales_desk.services.care.key_accounts import KeyAccountRow, ScreeningRow
from sales_desk.services.customers import files as customer_files
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.care.common import TOPIC, CareDialog, day, form, rows_table
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.visibility import shown_if

SCREEN_HEADERS = (N_("Customer"), N_("Score"), N_("Reason"), N_("Proposed by"), N_("Status"), N_("Decided by"),
                  N_("Note"))
LIST_HEADERS = (N_("Customer"), N_("Key account since"), N_("Score"), N_("Why"), N_("Approved by"))


def _screen_cell(r: ScreeningRow, col: int) -> str:
    return (f"{r.customer_code} {r.customer_name}", str(r.total), r.reason, r.proposed_by,
            ScreeningStatus(r.status).label, r.decided_by, r.decision_note)[col]


def _list_cell(r: KeyAccountRow, col: int) -> str:
    return (f"{r.code} {r.name}", day(r.since), "" if r.total is None else str(r.total), r.reason,
            r.approved_by)[col]


class ProposeDialog(CareDialog):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Propose a key account"), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.code = QLineEdit()
        self.code.setObjectName("customer_code")
        self.scores: dict[str, QSpinBox] = {}
        rows: list[tuple[str, QWidget]] = [(_("C&ustomer code:"), self.code)]
        for c in CRITERIA:
            spin = QSpinBox()
            spin.setObjectName(c.key)
            spin.setRange(1, 5)
            spin.setValue(3)
            spin.setToolTip(_(c.hint))
            self.scores[c.key] = spin
            rows.append((_(c.label) + ":", spin))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        rows.append((_("&Reason:"), self.reason))
        self.ok = self.add_button(_("&Propose"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit, "propose")
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form(rows))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        ctx, actor, code = self.ctx, self.actor, self.code.text().strip()
        scores, reason = {k: s.value() for k, s in self.scores.items()}, self.reason.text()

        def run() -> int:
            cid = customer_files.customer_id_by_code(ctx.uow(actor), code)
            return key_accounts.propose_screening(ctx.uow(actor), cid, scores, reason)

        self.call(run, lambda _r: self.accept())

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy())


class DecideDialog(CareDialog):
    def __init__(self, ctx: AppContext, actor: Actor, row: ScreeningRow, approve: bool,
                 parent: QWidget | None = None):
        title = _("Approve the key account") if approve else _("Reject the screening")
        super().__init__(ctx, actor, title, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.row, self.approve = row, approve
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.ok = self.add_button(_("&Approve") if approve else _("&Reject"),
                                  QDialogButtonBox.ButtonRole.AcceptRole, self.submit, "decide")
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{row.customer_code} {row.customer_name} · {row.total} · {row.reason}"))
        layout.addLayout(form([(_("&Note:"), self.note)]))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        ctx, actor, sid, ok, note = self.ctx, self.actor, self.row.id, self.approve, self.note.text()
        self.call(lambda: key_accounts.decide_screening(ctx.uow(actor), sid, ok, note), lambda _r: self.accept())

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy())


class KeyAccountsPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.screen_view, self.screens = rows_table("screenings", [_(h) for h in SCREEN_HEADERS], _screen_cell, (1,))
        self.screen_view.setObjectName("screenings")
        self.list_view, self.accounts = rows_table("key_accounts", [_(h) for h in LIST_HEADERS], _list_cell, (2,))
        self.list_view.setObjectName("key_accounts")
        bar = QHBoxLayout()
        for text, name, slot, perm in ((_("&Propose…"), "propose", self.propose, Perm.KEY_ACCOUNT_PROPOSE),
                                       (_("&Approve…"), "approve", lambda: self.decide(True), Perm.KEY_ACCOUNT_APPROVE),
                                       (_("&Reject…"), "reject", lambda: self.decide(False), Perm.KEY_ACCOUNT_APPROVE)):
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            shown_if(b, actor.can(perm))
            bar.addWidget(b)
        bar.addStretch(1)
        top, bottom = QWidget(), QWidget()
        tl, bl = QVBoxLayout(top), QVBoxLayout(bottom)
        tl.addWidget(QLabel(_("Key-account screenings")))
        tl.addLayout(bar)
        tl.addWidget(self.screen_view)
        bl.addWidget(QLabel(_("Key accounts, since when and why")))
        bl.addWidget(self.list_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        QVBoxLayout(self).addWidget(split)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor

        def read() -> tuple[list[ScreeningRow], list[KeyAccountRow]]:
            return key_accounts.list_screenings(ctx.uow(actor)), key_accounts.key_account_list(ctx.uow(actor))

        ctx.runner.run(read, self._arrived, owner=self)

    def _arrived(self, got: tuple[list[ScreeningRow], list[KeyAccountRow]]) -> None:
        self.screens.set_rows(got[0])
        self.accounts.set_rows(got[1])

    def propose(self) -> ProposeDialog:
        dialog = ProposeDialog(self.ctx, self.actor, self)
        dialog.open()
        return dialog

    def decide(self, approve: bool) -> DecideDialog | None:
        row = self.screen_view.current_row()
        if row is None:
            return None
        screening = self.screens.row_at(row)
        if screening.status != ScreeningStatus.PROPOSED.value:
            return None
        dialog = DecideDialog(self.ctx, self.actor, screening, approve, self)
        dialog.open()
        return dialog

    def save_layout(self) -> None:
        self.screen_view.save_layout()
        self.list_view.save_layout()
