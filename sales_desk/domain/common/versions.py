"""No lost update (issue 17): a form saves only over the version of the record it loaded.

Every record a form edits carries a version that each change bumps. A save names the version
its form was opened on; when the record has moved on since, the save is refused with who
changed what in between (read from the audit trail), and nothing is written: the user
reloads, or re-applies their change on the new version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sales_desk.domain.common.errors import DomainError
from sales_desk.i18n import _


@dataclass(frozen=True)
class ChangeSince:
    """One change made to the record after the form loaded it."""

    who: str
    at: datetime
    fields: tuple[str, ...]  # the changed fields, as the reader calls them


class StaleRecord(DomainError):
    """The record changed since the form loaded it; the save was not written."""

    refusal = None  # not a control saying no: someone else was quicker; reload and retry

    def __init__(self, what: str, record: str, loaded: int | None, current: int | None,
                 changes: Sequence[ChangeSince] = ()):
        self.what, self.record = what, record
        self.loaded, self.current = loaded, current
        self.changes = tuple(changes)
        lines = [_("{what} {record} was changed by someone else since you opened it; your change "
                   "was not saved.").format(what=what, record=record)]
        for c in self.changes:
            when = c.at.astimezone().strftime("%Y-%m-%d %H:%M")
            fields = ", ".join(c.fields) if c.fields else _("(no field named)")
            lines.append(_("{who} at {when}: {fields}").format(who=c.who, when=when, fields=fields))
        lines.append(_("Reload it to see the changes, then make your change again."))
        super().__init__("\n".join(lines))


def check_version(what: str, record: str, loaded: int | None, current: int,
                  changes: Sequence[ChangeSince] = ()) -> None:
    """Refuse a save made on an older version; `loaded` None: the caller named none (a
    program's own write, which re-reads the record in its transaction)."""
    if loaded is not None and loaded != current:
        raise StaleRecord(what, record, loaded, current, changes)


class SavedMeanwhile(StaleRecord):
    """Another seat's save of the same record committed between this one's read and its
    write (the UPDATE … WHERE version = n matched nothing): nothing was written."""

    def __init__(self) -> None:
        DomainError.__init__(self, _("Someone else saved this record at the same moment; your change was "
                                     "not saved. Reload it, then make your change again."))
        self.what = self.record = ""
        self.loaded = self.current = None
        self.changes = ()
