"""A page that loads when first shown and reloads when its data changed.

Pages name the topics they show (the `writes` strings given to the runner);
after a write on one of them a visible page reloads at once, a hidden one on
its next showing. No page queries the database before the user opens it.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.ui.context import AppContext

ANY = None
# Another seat changed something (ui/live.py): every page takes it as its own topic.
REMOTE = "remote"


class Page(QWidget):
    topics: frozenset[str] | None = frozenset()  # None: every change matters (audit trail)

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self._stale = True
        ctx.runner.sig_data_changed.connect(self._data_changed)

    def load(self) -> None:
        """Query and show the data (through the runner)."""

    def save_layout(self) -> None:
        """Remember header and splitter state."""

    def editing(self) -> bool:
        """True while the page holds the user's unsaved input: another seat's change then
        waits for the next showing instead of reloading it away."""
        return False

    def _data_changed(self, topic: str) -> None:
        if topic != REMOTE and self.topics is not ANY and topic not in self.topics:
            return
        if self.isVisible() and not (topic == REMOTE and self.editing()):
            self.reload()
        else:
            self._stale = True

    def reload(self) -> None:
        self._stale = False
        self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()
