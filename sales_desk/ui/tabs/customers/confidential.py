"""The confidential file [商业秘密]: the reason asked before opening it, and the library
card [借阅卡] of who opened which file, when and why."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.customers.files import check_access_reason
from sales_desk.i18n import _, ngettext
from sales_desk.services.customers import files as customers
from sales_desk.services.customers.data import AccessRow
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.paged_model import PagedTableModel
from sales_desk.ui.widgets.table import Table

ACCESS_TOPIC = "customer_access"  # written when a confidential file or document is opened
PAGE_SIZE = 200


def local_time(at: datetime | None) -> str:
    """Stored in UTC; shown in the user's time zone."""
    return "" if at is None else at.astimezone().strftime("%Y-%m-%d %H:%M")


class ReasonDialog(QDialog):
    """Asks why the full file is opened; OK only once a reason is given."""

    def __init__(self, customer_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made for one use
        self.setWindowTitle(_("Open the confidential file"))
        intro = QLabel(_(
            "The full file of {customer} is a business secret [商业秘密]. Opening it is written "
            "on the file's access card [借阅卡]: your name, the time and the reason you give here."
        ).format(customer=customer_name))
        intro.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setPlaceholderText(_("e.g. annual credit review, contract renewal"))
        prompt = QLabel(_("&Why do you open it?"))
        prompt.setBuddy(self.reason_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("&Open the file"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(prompt)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(self._update)
        self.setMinimumWidth(480)
        self._update()

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def _valid(self) -> bool:
        try:
            check_access_reason(self.reason_edit.text())
        except ValidationError:
            return False
        return True

    def _update(self) -> None:
        self.ok.setEnabled(self._valid())

    def accept(self) -> None:
        if self._valid():  # Enter with no reason does nothing
            super().accept()


class AccessLogModel(PagedTableModel[AccessRow]):
    def __init__(self, ctx: AppContext, actor: Actor, customer_id: int | None, parent=None,  # noqa: ANN001
                 page_size: int = PAGE_SIZE):
        def load(before: int | None) -> tuple[list[AccessRow], bool]:
            return customers.file_access_log(ctx.uow(actor), customer_id, before_id=before, limit=page_size)

        super().__init__(ctx.runner, load, key=lambda r: r.id, parent=parent)
        self.one_customer = customer_id is not None
        self.headers = [_("Opened"), _("User"), _("Customer"), _("Reason")]

    def display(self, row: AccessRow, column: int) -> str:
        if column == 0:
            return local_time(row.opened_at)
        if column == 1:
            return row.full_name or row.username
        if column == 2:
            return _("{name} ({code})").format(name=row.customer_name, code=row.customer_code)
        return row.reason


class AccessLogPage(Page):
    """The library card, newest first: one customer's, or every file's."""

    topics = frozenset({ACCESS_TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, customer_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model = AccessLogModel(ctx, actor, customer_id, self)
        self.table = Table("customers/access_log")
        self.table.setObjectName("access_log_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 130, 1: 100, 2: 240})
        if customer_id is not None:
            self.table.setColumnHidden(2, True)
        self.count_label = QLabel()
        self.model.sig_page_loaded.connect(self._loaded)
        intro = QLabel(_("Every opening of the confidential file: who, when and why [借阅卡]."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    def load(self) -> None:
        self.model.reload()

    def _loaded(self, count: int) -> None:
        if self.model.canFetchMore():
            self.count_label.setText(ngettext("{n} opening shown; scroll down for older ones.", "{n} openings shown; scroll down for older ones.", count).format(n=count))
        elif count:
            self.count_label.setText(ngettext("{n} opening.", "{n} openings.", count).format(n=count))
        else:
            self.count_label.setText(_("Nobody has opened the confidential file yet."))

    def save_layout(self) -> None:
        self.table.save_layout()


class AccessLogDialog(QDialog):
    """Every file's library card, from the list page."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made for one use
        self.setWindowTitle(_("Access card of the confidential files [借阅卡]"))
        self.page = AccessLogPage(ctx, actor, None, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(buttons)
        geometry.restore_geom(self, "customers/access_log", (820, 480))

    def done(self, result: int) -> None:
        self.page.save_layout()
        geometry.save_geom(self, "customers/access_log")
        super().done(result)
