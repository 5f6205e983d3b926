"""A record written in parts and sent for review — the maintenance plan's five parts, the
market report's five — in one dialog: its writer saves and submits it; the reviewer reads it
and approves it (it is filed) or returns it with a reason; anyone else reads it. Every field
has a mnemonic; Tab leaves a text box; Escape closes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.care.common import CareDialog

Mode = str  # "edit", "review" or "read"


@dataclass(frozen=True)
class Part:
    key: str
    label: str  # translated, with a mnemonic
    hint: str = ""


@dataclass(frozen=True)
class Calls:
    """The services behind the buttons (each runs on the runner)."""

    save: Callable[[dict[str, str]], int]  # returns the record's id
    submit: Callable[[int], Any]
    review: Callable[[int, bool, str], Any]


class PartsDialog(CareDialog):
    def __init__(self, ctx: AppContext, actor: Actor, title: str, parts: Sequence[Part], values: dict[str, str],
                 mode: Mode, calls: Calls, record_id: int | None = None, head: Sequence[tuple[str, QWidget]] = (),
                 note: str = "", parent: QWidget | None = None):
        super().__init__(ctx, actor, title, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.mode, self.calls, self.record_id = mode, calls, record_id
        self.fields: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        for text, widget in head:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        for p in parts:
            edit = QPlainTextEdit(values.get(p.key, ""))
            edit.setObjectName(p.key)
            edit.setTabChangesFocus(True)
            edit.setReadOnly(mode != "edit")
            edit.setPlaceholderText(p.hint)
            edit.setToolTip(p.hint)
            edit.setMinimumHeight(64)
            self.fields[p.key] = edit
            label = QLabel(p.label)
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.note = QLineEdit()
        self.note.setObjectName("review_note")
        self.note.setPlaceholderText(_("Needed when you return it: what to change"))
        if note:
            form.addRow(QLabel(_("Reviewer's note:")), QLabel(note))
        if mode == "review":
            label = QLabel(_("Review &note:"))
            label.setBuddy(self.note)
            form.addRow(label, self.note)
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.actions: list = []
        role = QDialogButtonBox.ButtonRole
        if mode == "edit":
            self.actions = [self.add_button(_("&Save draft"), role.ActionRole, self.save, "save"),
                            self.add_button(_("Save and s&ubmit"), role.AcceptRole, self.submit, "submit")]
        elif mode == "review":
            self.actions = [self.add_button(_("Approve and &file"), role.AcceptRole, lambda: self.review(True),
                                            "approve"),
                            self.add_button(_("&Return to the writer"), role.ActionRole, lambda: self.review(False),
                                            "return")]
        self.add_close(_("Close") if mode == "read" else _("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.resize(760, 640)

    def values(self) -> dict[str, str]:
        return {k: e.toPlainText() for k, e in self.fields.items()}

    def _saved(self, rid: int) -> None:
        self.record_id = rid
        self.say(_("Saved as a draft."))

    def save(self) -> None:
        parts, calls = self.values(), self.calls
        self.call(lambda: calls.save(parts), self._saved)

    def submit(self) -> None:
        parts, calls = self.values(), self.calls

        def run() -> int:
            rid = calls.save(parts)
            self.record_id = rid
            calls.submit(rid)
            return rid

        self.call(run, lambda _r: self.accept())

    def review(self, approve: bool) -> None:
        rid, note, calls = self.record_id, self.note.text(), self.calls
        if rid is None:
            return
        self.call(lambda: calls.review(rid, approve, note), lambda _r: self.accept())

    def _update_buttons(self) -> None:
        for b in self.actions:
            b.setEnabled(not self.busy())
