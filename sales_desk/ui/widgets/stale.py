"""A save refused because someone else changed the record since the form opened it
(domain/common/versions.py): say who changed what, and let the user reload — keeping their
own changes on top of the new version, field by field, or dropping them."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from sales_desk.domain.common.versions import StaleRecord
from sales_desk.i18n import _


class Reload(Enum):
    KEEP_MINE = "keep"  # reload, then put my changes back on the new version
    DISCARD_MINE = "discard"
    LATER = "later"  # leave the form as it is (the save stays refused)


def ask_reload(parent: QWidget | None, message: str) -> Reload:
    box = QMessageBox(QMessageBox.Icon.Warning, _("Changed by someone else"), message,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    keep = box.addButton(_("Reload and keep my changes"), QMessageBox.ButtonRole.AcceptRole)
    drop = box.addButton(_("Reload and drop my changes"), QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    return Reload.KEEP_MINE if clicked is keep else Reload.DISCARD_MINE if clicked is drop else Reload.LATER


def put_back_note(mine: list[str], refusal: StaleRecord | None) -> str:
    """After "Reload and keep my changes": which of the user's fields went back on top, and
    which of them the other person changed too (theirs is under the user's now)."""
    if not mine:
        return _("Reloaded. You had changed nothing that needed putting back.")
    theirs = {f for c in (refusal.changes if refusal else ()) for f in c.fields}
    both = [f for f in mine if f in theirs]
    text = _("Reloaded with the other changes; yours are back on top of them: {fields}. "
             "Check them, then save again.").format(fields=", ".join(mine))
    if both:
        text += " " + _("Changed by them too, now showing yours: {fields}.").format(fields=", ".join(both))
    return text
