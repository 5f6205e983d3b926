"""The policy page (SPEC §9): the versions of the business numbers and the proposals,
who proposed and who decided, and two versions side by side.

The role the seed names proposes a change of its group; the general manager approves or
returns it (never their own). The administrator has no say here: the admin's settings
page shows the technical settings only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.admin.settings import SPEC_BY_KEY
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _
from sales_desk.services.admin import policy, settings
from sales_desk.services.admin.policy import Difference, VersionRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.dashboard.policy_dialog import ProposeDialog, proposable_groups
from sales_desk.ui.tabs.dashboard.reason_dialog import ReasonDialog
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if

POLICY_TOPIC = "policy"


def value_text(key: str, value: object) -> str:
    spec = SPEC_BY_KEY.get(key)
    if value is None:
        return "—"
    if spec is not None and spec.kind == "money":
        return money_text(int(value))  # type: ignore[call-overload]
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):  # the personal allowances
        return "; ".join(f"{name}: {money_text(int(v))}" for name, v in sorted(value.items())) or "—"
    return str(value)


def _version_cell(r: VersionRow, col: int) -> str:
    if col == 0:
        return str(r.number) if r.number else "—"
    if col == 1:
        return r.effective_from.isoformat()
    if col == 2:
        return _("In force") if r.in_force else r.status_label
    if col == 3:
        return r.group
    return r.proposed_by


class PolicyPage(Page):
    topics = frozenset({POLICY_TOPIC, "settings"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.history: list[VersionRow] = []
        self.wanted: int | None = None  # a proposal opened from "waiting for me"
        self.rows: list[settings.SettingRow] = []
        self.in_force = QLabel()
        self.in_force.setObjectName("policy_in_force")
        self.in_force.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.model: RowsTableModel[VersionRow] = RowsTableModel(
            [_("Version"), _("In force from"), _("Status"), _("Group"), _("Proposed by")], _version_cell)
        self.table = Table("policy_versions")
        self.table.setObjectName("policy_versions")
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selected())
        self.detail = QLabel()
        self.detail.setObjectName("policy_detail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.first, self.second = QComboBox(), QComboBox()
        self.first.setObjectName("compare_first")
        self.second.setObjectName("compare_second")
        self.only_changed = QCheckBox(_("Only &what changed"))
        self.only_changed.setChecked(True)
        for w in (self.first, self.second):
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            w.currentIndexChanged.connect(self.compare)
        self.only_changed.toggled.connect(self.compare)
        self.diff = QTableWidget(0, 3)
        self.diff.setObjectName("policy_compare")
        self.diff.verticalHeader().hide()
        self.diff.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.diff.horizontalHeader().setStretchLastSection(True)
        self.diff.setColumnWidth(0, 230)
        self.diff.setColumnWidth(1, 110)
        pick = QHBoxLayout()
        versions_label = QLabel(_("&Compare version"))
        versions_label.setBuddy(self.first)
        pick.addWidget(versions_label)
        pick.addWidget(self.first)
        pick.addWidget(QLabel(_("with")))
        pick.addWidget(self.second)
        pick.addStretch(1)
        pick.addWidget(self.only_changed)
        compare_host = QWidget()
        compare_layout = QVBoxLayout(compare_host)
        compare_layout.addLayout(pick)
        compare_layout.addWidget(self.diff, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.detail, _("Details"))
        self.tabs.addTab(compare_host, _("Compare"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.tabs)
        splitter.setSizes([200, 300])

        self.propose_button = QPushButton(_("&Propose a change…"))
        self.approve_button = QPushButton(_("&Approve"))
        self.return_button = QPushButton(_("Re&turn…"))
        self.propose_button.clicked.connect(self.propose)
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_proposal)
        shown_if(self.propose_button, actor.can(Perm.POLICY_PROPOSE) and bool(proposable_groups(actor)))
        for b in (self.approve_button, self.return_button):
            shown_if(b, actor.can(Perm.POLICY_APPROVE))
        buttons = QHBoxLayout()
        buttons.addWidget(self.propose_button)
        buttons.addStretch(1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.approve_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.in_force)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        ctx, actor = self.ctx, self.actor

        def read() -> tuple[list[VersionRow], list[settings.SettingRow]]:
            return policy.policy_history(ctx.uow(actor)), settings.get_settings(ctx.uow(actor))

        ctx.runner.run(read, lambda got: self._arrived(*got), owner=self)

    def _arrived(self, history: list[VersionRow], rows: list[settings.SettingRow]) -> None:
        self.history, self.rows = history, rows
        self.model.set_rows(history)
        self.table.restore_layout({0: 55, 1: 95, 2: 125, 3: 150})
        current = next((r for r in history if r.in_force), None)
        self.in_force.setText(
            _("In force today: policy version {n}, since {day}.").format(
                n=current.number, day=current.effective_from.isoformat())
            if current else _("No policy version is in force yet: the program's defaults apply."))
        approved = [r for r in history if r.number]
        for combo in (self.first, self.second):
            combo.blockSignals(True)
            combo.clear()
            for r in sorted(approved, key=lambda r: r.number or 0):
                combo.addItem(_("Version {n}").format(n=r.number), r.number)
                combo.setItemData(combo.count() - 1, _("In force from {day}").format(day=r.effective_from.isoformat()),
                                  Qt.ItemDataRole.ToolTipRole)
            combo.blockSignals(False)
        if len(approved) >= 2:  # the newest against the one before it
            self.first.setCurrentIndex(self.first.count() - 2)
            self.second.setCurrentIndex(self.second.count() - 1)
        wanted = next((i for i, r in enumerate(history) if r.id == self.wanted), None)
        if wanted is not None or history:
            self.table.selectRow(wanted or 0)
        self.wanted = None
        self._selected()
        self.compare()

    def show_proposal(self, proposal_id: int) -> None:
        """Opened from "waiting for me": the proposal selected, its details shown."""
        self.wanted = proposal_id
        self.tabs.setCurrentIndex(0)
        self.load()

    def current(self) -> VersionRow | None:
        row = self.table.current_row()
        return self.model.row_at(row) if row is not None and row < len(self.history) else None

    def _selected(self) -> None:
        r = self.current()
        self._update_buttons()
        if r is None:
            self.detail.setText("")
            return
        labels = {s.key: s.label for s in self.rows}
        reason, proposer, decider, sets = _("Reason"), _("Proposed by"), _("Decided by"), _("Numbers it sets")
        lines = [f"<b>{reason}:</b> {_esc(r.reason)}", f"<b>{proposer}:</b> {_esc(r.proposed_by or '—')}"]
        if r.decided_by:
            note = f" — {_esc(r.decision_note)}" if r.decision_note else ""
            lines.append(f"<b>{decider}:</b> {_esc(r.decided_by)}{note}")
        lines.append(f"<b>{sets}:</b>")
        lines += [f"&nbsp;&nbsp;{_esc(labels.get(k, k))}: {_esc(value_text(k, v))}" for k, v in r.changes.items()]
        self.detail.setText("<br>".join(lines))

    def _update_buttons(self) -> None:
        r = self.current()
        pending = r is not None and r.status == "proposed"
        self.approve_button.setEnabled(pending)
        self.return_button.setEnabled(pending)

    # -- comparing ---------------------------------------------------------------------------
    def compare(self) -> None:
        a, b = self.first.currentData(), self.second.currentData()
        if a is None or b is None:
            self.diff.setRowCount(0)
            return
        ctx, actor, only = self.ctx, self.actor, self.only_changed.isChecked()
        self.ctx.runner.run(lambda: policy.compare_versions(ctx.uow(actor), a, b),
                            lambda got: self._show_diff(a, b, got, only), owner=self)

    def _show_diff(self, a: int, b: int, rows: list[Difference], only_changed: bool) -> None:
        self.diff.setHorizontalHeaderLabels([_("Policy figure"), _("Version {n}").format(n=a), _("Version {n}").format(n=b)])
        shown = [d for d in rows if d.changed or not only_changed]
        self.diff.setRowCount(len(shown))
        bold = QFont(self.diff.font())
        bold.setBold(True)
        for i, d in enumerate(shown):
            for col, text in enumerate((d.label, value_text(d.key, d.first), value_text(d.key, d.second))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if d.changed:
                    item.setFont(bold)
                self.diff.setItem(i, col, item)

    # -- acting --------------------------------------------------------------------------------
    def _call(self, fn, done_text: str) -> None:  # noqa: ANN001
        def failed(exc: BaseException) -> bool:
            if isinstance(exc, DomainError):
                self._say(str(exc), error=True)
                return True
            return False

        self.ctx.runner.run(fn, lambda _r: self._say(done_text), failed, writes=POLICY_TOPIC, owner=self)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def propose(self) -> ProposeDialog:
        dialog = ProposeDialog(self.actor, self.rows, self)
        ctx, actor = self.ctx, self.actor

        def proposed() -> None:
            changes, day, reason = dialog.proposal()
            self._call(lambda: policy.propose_policy(ctx.uow(actor), changes, day, reason),
                       _("The proposal was sent to the general manager."))

        dialog.accepted.connect(proposed)
        dialog.open()
        return dialog

    def approve(self) -> None:
        r = self.current()
        if r is None:
            return
        ctx, actor = self.ctx, self.actor
        self._call(lambda: policy.approve_policy(ctx.uow(actor), r.id),
                   _("Approved: the numbers take force on {day}.").format(day=r.effective_from.isoformat()))

    def return_proposal(self) -> ReasonDialog | None:
        r = self.current()
        if r is None:
            return None
        dialog = ReasonDialog(_("Return the policy proposal"),
                              _("Why is the proposal returned? The proposer reads this."), True, self)
        ctx, actor = self.ctx, self.actor

        def returned() -> None:
            reason = dialog.reason()
            self._call(lambda: policy.return_policy(ctx.uow(actor), r.id, reason),
                       _("The proposal was returned."))

        dialog.accepted.connect(returned)
        dialog.open()
        return dialog

    def save_layout(self) -> None:
        self.table.save_layout()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
