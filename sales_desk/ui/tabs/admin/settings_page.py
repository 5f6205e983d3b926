"""Technical settings: the company's name and currency, the expense items offered, the
default department: what the admin keeps, every change audited.

The business numbers are policy (SPEC §9): proposed and approved on the dashboard's
policy page, not here. Fields are built from the technical settings the service lists
(so one added later appears here by itself). A refusal names the field and marks it.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.admin.settings import SPEC_BY_KEY
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.domain.expenses.claims import (
    ITEM_SEPARATORS,
    Category,
    item_label,
    items_display_text,
    items_setting_key,
    items_stored_text,
    parse_items,
)
from sales_desk.i18n import N_, _
from sales_desk.services.admin import settings as settings_service
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.widgets.item_list import ItemListEdit
from sales_desk.ui.widgets.money import MoneyEdit, money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.stale import Reload, ask_reload, put_back_note

INVALID_STYLE = "border: 1px solid #b00020;"
GROUPS: tuple[tuple[str, str], ...] = (  # key prefix → group title
    ("company.", N_("Company")),
    ("expense.", N_("Expenses")),
)
FIELD_WIDTH = {"money": 180, "int": 110, "int_list": 220, "text": 360, "items": 420}
# Stored with default items as msgids: shown translated, typed back to msgids.
ITEM_KEYS = frozenset(items_setting_key(c) for c in Category)


def group_of(key: str) -> str:
    return next((title for prefix, title in GROUPS if key.startswith(prefix)), N_("Other"))


def _int_list_text(values: object) -> str:
    return ", ".join(str(v) for v in values)  # type: ignore[union-attr]


class SettingsPage(Page):
    topics = frozenset({"settings"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.rows: dict[str, settings_service.SettingRow] = {}
        self.editors: dict[str, QWidget] = {}
        self.error = QLabel()
        self.error.setObjectName("settings_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.form_host = QWidget()
        self.form_layout = QVBoxLayout(self.form_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        self.save_button = QPushButton(_("Sa&ve settings"))
        self.save_button.setObjectName("save_settings")
        self.revert_button = QPushButton(_("&Revert"))
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        intro = QLabel(_("Technical settings. The business numbers (limits, terms, thresholds, "
                         "allowances) are policy: the role the policy names proposes them and the "
                         "general manager approves them. Every change is kept in the audit trail."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.error)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    def editing(self) -> bool:
        return True  # a form: another seat's change shows at the next opening, not under the cursor

    def load(self) -> None:
        self.ctx.runner.run(lambda: settings_service.get_settings(self.ctx.uow(self.actor)),
                            self._show, owner=self)

    def _show(self, rows: list[settings_service.SettingRow], mine: dict[str, object] | None = None) -> None:
        """The settings as stored; `mine`: values typed over them (a reload after a stale save)."""
        self.show_error("")
        while self.form_layout.count():
            item = self.form_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        rows = [r for r in rows if r.group is None]  # the policy numbers are not the admin's
        self.rows = {r.key: r for r in rows}
        self.editors = {}
        groups: dict[str, QFormLayout] = {}
        for row in rows:
            title = group_of(row.key)
            if title not in groups:
                box = QGroupBox(_(title))
                groups[title] = QFormLayout(box)
                groups[title].setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
                self.form_layout.addWidget(box)
            editor = self._editor(replace(row, value=mine[row.key]) if mine and row.key in mine else row)
            editor.setMinimumWidth(FIELD_WIDTH["items" if row.key in ITEM_KEYS else row.kind])
            editor.setObjectName(f"setting_{row.key}")
            editor.setToolTip(_("Default: {value}").format(value=self._text(row, row.default)))
            self.editors[row.key] = editor
            label = QLabel(_("{label}:").format(label=row.label))
            label.setBuddy(editor)
            groups[title].addRow(label, editor)
        self.form_layout.addStretch(1)

    @staticmethod
    def _text(row: settings_service.SettingRow, value: object) -> str:
        if row.kind == "money":
            return money_text(int(value))  # type: ignore[arg-type]
        if row.kind == "int_list":
            return _int_list_text(value)
        if row.key in ITEM_KEYS:
            return items_display_text(str(value))
        return str(value)

    def _editor(self, row: settings_service.SettingRow) -> QWidget:
        spec = SPEC_BY_KEY.get(row.key)
        if row.kind == "money":
            return MoneyEdit(int(row.value))  # type: ignore[arg-type]
        if row.kind == "int":
            spin = QSpinBox()
            spin.setRange(spec.minimum if spec and spec.minimum is not None else 0,
                          spec.maximum if spec and spec.maximum is not None else 1_000_000)
            spin.setValue(int(row.value))  # type: ignore[arg-type]
            return spin
        if row.key in ITEM_KEYS:  # a list, edited as one: each item its own row
            items = ItemListEdit(item_label(i) for i in parse_items(str(row.value)))
            items.list.setMaximumHeight(150)
            return items
        edit = QLineEdit(self._text(row, row.value))
        if row.kind == "int_list":
            edit.setPlaceholderText(_("e.g. 30, 60, 90, 120"))
        return edit

    def _value(self, row: settings_service.SettingRow) -> object:
        editor = self.editors[row.key]
        if isinstance(editor, MoneyEdit):
            return editor.minor(row.label)
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, ItemListEdit):
            if any(ITEM_SEPARATORS.search(i) for i in editor.items()):
                # Stored as one text, such an item would come back as two.
                raise ValidationError(row.label, _("one item per row, without ; , or 、 in it"))
            stored = items_stored_text("; ".join(editor.items()))
            # The same items, only shown another way, are no change.
            return row.value if parse_items(stored) == parse_items(str(row.value)) else stored
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        if row.kind == "int_list":
            try:
                return [int(part) for part in text.replace("，", ",").split(",") if part.strip()]
            except ValueError:
                raise ValidationError(row.label, _("whole numbers of days, separated by commas")) from None
        return text

    def changes(self) -> dict[str, object]:
        """The edited values that differ from the stored ones; ValidationError naming the field."""
        out: dict[str, object] = {}
        for key, row in self.rows.items():
            try:
                value = self._value(row)
            except ValidationError:
                self._mark([key])
                raise
            if value != row.value:
                out[key] = value
        return out

    def save(self) -> None:
        self._mark([])
        try:
            changes = self.changes()
        except ValidationError as exc:
            self.show_error(str(exc))
            return
        if not changes:
            self.show_error("")
            self._notify(_("Nothing to save: no setting was changed."))
            return
        self.save_button.setEnabled(False)
        versions = {k: self.rows[k].version for k in changes}  # as loaded: no lost update
        self.ctx.runner.run(
            lambda: settings_service.update_settings(self.ctx.uow(self.actor), changes, versions),
            lambda _r: self._saved(), lambda exc: self._refused(exc, changes), writes="settings", owner=self,
        )

    def _saved(self) -> None:
        self.save_button.setEnabled(True)
        self._notify(_("Settings saved."))

    def _refused(self, exc: BaseException, changes: dict[str, object]) -> bool:
        self.save_button.setEnabled(True)
        if isinstance(exc, StaleRecord):
            self._saved_meanwhile(exc, changes)
            return True
        if not isinstance(exc, DomainError):
            return False
        if isinstance(exc, ValidationError):
            labels = {row.label: key for key, row in self.rows.items()}
            if exc.field in labels:
                self._mark([labels[exc.field]])
        self.show_error(str(exc))
        return True

    def _saved_meanwhile(self, refusal: StaleRecord, changes: dict[str, object]) -> None:
        """Another admin saved a setting this page changed too: say who; reload, putting this
        page's changed settings back on top (field by field), or dropping them."""
        choice = ask_reload(self, str(refusal))
        if choice is Reload.LATER:
            self.show_error(str(refusal))
            return
        mine = changes if choice is Reload.KEEP_MINE else {}

        def reloaded(rows: list[settings_service.SettingRow]) -> None:
            self._show(rows, mine)
            if choice is Reload.KEEP_MINE:
                self.show_error(put_back_note([self.rows[k].label for k in mine if k in self.rows], refusal))

        self.ctx.runner.run(lambda: settings_service.get_settings(self.ctx.uow(self.actor)), reloaded, owner=self)

    def _mark(self, keys: list[str]) -> None:
        for key, editor in self.editors.items():
            editor.setStyleSheet(INVALID_STYLE if key in keys else "")
        if keys and keys[0] in self.editors:
            self.editors[keys[0]].setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _notify(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 5000)
