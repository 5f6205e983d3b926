"""The unit of work: nothing persists unless committed; audit rows go in the same transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Self

from sqlalchemy import Engine, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from sales_desk import clock as business_clock
from sales_desk.db.engine import READ_ONLY
from sales_desk.db.notify import Change, announce
from sales_desk.domain.admin.audit_chain import GENESIS, AuditRecord, canonical_json, row_hash
from sales_desk.domain.admin.refusals import RefusalRecord, refusal_hash
from sales_desk.domain.admin.signatures import sign
from sales_desk.domain.common.roles import Actor
from sales_desk.models import AuditEntry, RefusalEntry

# Any 64-bit key will do; it only has to be the same for every seat.
_PG_AUDIT_LOCK_KEY = 0x5A1E5DE5
# The refusals log's own: a refusal need not wait for a long business transaction's audit rows.
_PG_REFUSAL_LOCK_KEY = 0x5A1E5DE7


class UnitOfWork:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        actor: Actor | None = None,
        clock: Callable[[], datetime] = business_clock.now,
        on_chain_extended: Callable[[int, str], None] | None = None,
        on_committed: Callable[[Change], None] | None = None,
    ):
        self.session_factory = session_factory
        self.actor = actor
        self.clock = clock
        # Told the chain's new head after a commit that extended it: the anchor outside
        # the database (db/anchors.py).
        self.on_chain_extended = on_chain_extended
        # Told what a commit changed (db/notify.py): the other seats' views refresh.
        self.on_committed = on_committed
        self._touched: set[str] = set()
        self._session: Session | None = None
        self._chain_tip: tuple[int, str] | None = None
        self._extended = False
        self._read_only = False
        self._joined = 0  # reads running inside this read's transaction (`reading`)
        self._join_next = False
        # The actor as authorized in this transaction (services/common/base.py): a read
        # joined to it checks its right against these roles instead of reading them again.
        self.authorized: Actor | None = None

    def reading(self) -> Self:
        """The next `with` is a read: on SQLite a deferred transaction over a snapshot that
        takes no write lock (db/engine.py), and any write in it is an error. Inside a read
        already under way it joins that transaction: one view made of several services'
        reads (waiting for me) is one transaction, not one each."""
        if self._session is not None and self._read_only:
            self._join_next = True
        else:
            self._read_only = True
        return self

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("unit of work used outside `with uow:`")
        return self._session

    def __enter__(self) -> Self:
        if self._join_next:
            self._join_next = False
            self._joined += 1
            return self
        if self._session is not None:
            raise RuntimeError("unit of work is not re-entrant")
        self._session = self.session_factory()
        if self._read_only:
            # Applied as the session takes its connection, before the "begin" listener.
            self._session.connection(execution_options={READ_ONLY: True})
        self._chain_tip = None
        self._extended = False
        self._touched = set()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._joined:
            self._joined -= 1
            return
        self.authorized = None
        try:
            self.session.rollback()
        finally:
            self.session.close()
            self._session = None
            self._read_only = False

    def commit(self) -> None:
        head = self._chain_tip if self._extended else None
        change = self._change()
        if change is not None:
            announce(self.session, change)  # PostgreSQL delivers it at commit, never on rollback
        self.session.commit()
        self._chain_tip = None
        self._extended = False
        self._touched = set()
        if head is not None and self.on_chain_extended is not None:
            self.on_chain_extended(*head)
        if change is not None and self.on_committed is not None:
            self.on_committed(change)

    def _change(self) -> Change | None:
        if not self._touched:
            return None
        return Change(frozenset(self._touched), self.actor.user_id if self.actor else None)

    def analyze(self) -> None:
        """Bring SQLite's planner statistics up to date in this transaction: after an
        import or the demo has added thousands of rows, the plans made for an empty file
        would scan. (PostgreSQL's autovacuum does this by itself.)"""
        if self.session.get_bind().dialect.name == "sqlite":
            self.session.execute(text("ANALYZE"))

    def rollback(self) -> None:
        self.session.rollback()
        self._chain_tip = None
        self._extended = False
        self._touched = set()

    def for_actor(self, actor: Actor | None) -> UnitOfWork:
        return UnitOfWork(self.session_factory, actor, self.clock, self.on_chain_extended, self.on_committed)

    # -- audit -------------------------------------------------------------------------
    def audit(
        self,
        action: str,
        entity: str,
        entity_id: object,
        before: object = None,
        after: object = None,
    ) -> None:
        """Append one hash-chained row describing a change made in this transaction."""
        seq, prev = self._tip()
        rec = AuditRecord(
            seq=seq + 1,
            at=self.clock().astimezone(UTC).isoformat(timespec="microseconds"),
            user_id=self.actor.user_id if self.actor else None,
            username=self.actor.username if self.actor else "",
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            before=canonical_json(before),
            after=canonical_json(after),
            prev_hash=prev,
        )
        digest = row_hash(rec)
        self.session.add(AuditEntry(**rec.__dict__, hash=digest, signature=self._signature(digest)))
        self.session.flush()
        self._chain_tip = (rec.seq, digest)
        self._extended = True
        self._touched.add(entity)

    def refusal(self, action: str, kind: str, entity: str, entity_id: str, reason: str,
                detail: object = None) -> None:
        """Append one hash-chained row to the refusals log (domain/admin/refusals.py): in a
        transaction of its own, after the refused one rolled back."""
        self._lock(_PG_REFUSAL_LOCK_KEY)
        last = self.session.execute(
            select(RefusalEntry.seq, RefusalEntry.hash).order_by(RefusalEntry.seq.desc()).limit(1)).first()
        seq, prev = (last[0], last[1]) if last else (0, GENESIS)
        rec = RefusalRecord(
            seq=seq + 1, at=self.clock().astimezone(UTC).isoformat(timespec="microseconds"),
            user_id=self.actor.user_id if self.actor else None,
            username=self.actor.username if self.actor else "",
            action=action[:80], kind=kind, entity=entity[:64], entity_id=entity_id[:64], reason=reason,
            detail=canonical_json(detail), prev_hash=prev,
        )
        digest = refusal_hash(rec)
        self.session.add(RefusalEntry(**rec.__dict__, hash=digest, signature=self._signature(digest)))
        self.session.flush()

    def _signature(self, digest: str) -> str | None:
        key = self.actor.signing_key if self.actor else None
        return sign(key, digest) if key else None

    def audit_many(self, entries: Iterable[tuple[str, str, object, object, object]]) -> None:
        """Append many rows (action, entity, entity_id, before, after) to the same chain as
        `audit`, in one bulk INSERT: an importer's 20,000 rows one flush at a time took ~5 s."""
        seq, prev = self._tip()
        rows = []
        for action, entity, entity_id, before, after in entries:
            rec = AuditRecord(
                seq=seq + 1,
                at=self.clock().astimezone(UTC).isoformat(timespec="microseconds"),
                user_id=self.actor.user_id if self.actor else None,
                username=self.actor.username if self.actor else "",
                action=action, entity=entity, entity_id=str(entity_id),
                before=canonical_json(before), after=canonical_json(after), prev_hash=prev,
            )
            seq, prev = rec.seq, row_hash(rec)
            rows.append({**rec.__dict__, "hash": prev, "signature": self._signature(prev)})
        if rows:
            self.session.execute(insert(AuditEntry), rows)
            self._chain_tip = (seq, prev)
            self._extended = True
            self._touched.update(str(r["entity"]) for r in rows)

    def _tip(self) -> tuple[int, str]:
        if self._chain_tip is None:
            self._lock(_PG_AUDIT_LOCK_KEY)
            row = self.session.execute(
                select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
            ).first()
            self._chain_tip = (row[0], row[1]) if row else (0, GENESIS)
        return self._chain_tip


    def _lock(self, key: int) -> None:
        if self.session.bind is not None and self.session.get_bind().dialect.name == "postgresql":
            # Seats append one at a time, or two would chain onto the same tip.
            self.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def uow_factory(engine: Engine, on_chain_extended: Callable[[int, str], None] | None = None,
                on_committed: Callable[[Change], None] | None = None,
                ) -> Callable[[Actor | None], UnitOfWork]:
    from sales_desk.db.engine import make_session_factory

    factory = make_session_factory(engine)
    return lambda actor=None: UnitOfWork(factory, actor, on_chain_extended=on_chain_extended,
                                         on_committed=on_committed)
