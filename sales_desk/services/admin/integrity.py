"""The integrity check (`sales-desk check`): SQLite's own checks, the audit chain's hashes,
and the chain against every head of it written outside the database (anchors: the data
folder's anchor file, each backup's record, a code read off a printed form).

What each finds: a changed row breaks its hash; a deleted or forged row breaks the chain
from there; cutting the tail, putting an older copy in place or rewriting the chain with
recomputed hashes leave a chain that holds, and only an anchor shows them; a trail
emptied while the database holds users is named as such. None of this stops someone who
can rewrite the database and every anchor alike: a head printed on paper is the one
they cannot reach.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, text

from sales_desk.db.backup import integrity_errors
from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.anchors import Anchor, AnchorCheck, compare, newest_per_source
from sales_desk.domain.common.roles import Perm
from sales_desk.models import User
from sales_desk.services.admin.audit import verify_chain_in
from sales_desk.services.common.base import service


@dataclass(frozen=True)
class BrokenAuditRow:
    seq: int
    present: bool  # False: the row is missing from the chain
    at: str = ""
    username: str = ""
    action: str = ""
    entity: str = ""
    entity_id: str = ""


@dataclass(frozen=True)
class CheckReport:
    database: str
    backend: str  # "sqlite" | "postgresql"
    integrity_checked: bool  # SQLite's integrity and foreign-key checks (a server keeps its own)
    integrity_errors: tuple[str, ...]
    foreign_key_errors: tuple[str, ...]
    audit_rows_checked: int
    first_broken: BrokenAuditRow | None
    anchors: tuple[AnchorCheck, ...] = ()  # the newest head of each place it was kept
    emptied_with_users: int = 0  # users in a database whose audit trail is empty
    # The sole writer's newest head when the trail runs past it: rows added without the
    # program (which anchors every commit), e.g. a forged row with a correct hash.
    unanchored_after: int | None = None

    @property
    def ok(self) -> bool:
        return (not self.integrity_errors and not self.foreign_key_errors and self.first_broken is None
                and all(a.ok for a in self.anchors) and not self.emptied_with_users
                and self.unanchored_after is None)


@service(Perm.AUDIT_VIEW)
def check_database(uow: UnitOfWork, anchors: Iterable[Anchor] = (),
                   sole_writer: str | None = None) -> CheckReport:
    """SQLite integrity and foreign keys, the whole audit chain, and the chain against the
    newest of `anchors` from each place; read-only.

    `sole_writer` names the place whose anchors every commit writes (an SQLite data
    folder's anchor file: one program at a time has the folder): a trail running past its
    newest anchor was extended by something else."""
    bind = uow.session.get_bind()
    backend = bind.dialect.name
    integrity: list[str] = []
    foreign: list[str] = []
    checked = backend == "sqlite" and bool(bind.url.database)
    if checked:
        path = Path(bind.url.database)  # type: ignore[arg-type]
        for problem in integrity_errors(path):
            (foreign if problem.startswith("foreign key:") else integrity).append(problem)
        where = str(path)
    else:
        where = bind.url.render_as_string(hide_password=True)
    chain = verify_chain_in(uow)
    broken = None if chain.ok else _broken_row(uow, chain.first_broken_seq)  # type: ignore[arg-type]
    last_seq = uow.session.scalar(text("SELECT max(seq) FROM audit_log")) or 0
    newest = newest_per_source(list(anchors))
    checks = tuple(compare(a, _hash_at(uow, a.seq), last_seq) for a in newest)
    users = uow.session.scalar(select(func.count()).select_from(User)) or 0
    writer = next((a for a in newest if a.source == sole_writer), None)
    unanchored = writer.seq if writer is not None and last_seq > writer.seq else None
    return CheckReport(where, backend, checked, tuple(integrity), tuple(foreign),
                       chain.rows_checked, broken, checks, users if last_seq == 0 else 0, unanchored)


def _hash_at(uow: UnitOfWork, seq: int) -> str | None:
    return uow.session.scalar(text("SELECT hash FROM audit_log WHERE seq = :s"), {"s": seq})


def _broken_row(uow: UnitOfWork, seq: int) -> BrokenAuditRow:
    row = uow.session.execute(
        text("SELECT seq, at, username, action, entity, entity_id FROM audit_log WHERE seq = :s"),
        {"s": seq},
    ).first()
    if row is None:
        return BrokenAuditRow(seq, present=False)
    return BrokenAuditRow(row.seq, True, row.at, row.username, row.action, row.entity, row.entity_id)
