"""Bring a database to the packaged schema at start-up, cheaply when nothing is due.

Comparing the stored revision with the packaged head needs no Alembic (whose import
alone costs ~0.7 s): revisions are the numeric prefixes of the files in versions/.
Alembic is imported only when an upgrade is due.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from sales_desk.domain.common.errors import DomainError
from sales_desk.i18n import _

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
VERSIONS_DIR = MIGRATIONS_DIR / "versions"
# Any 64-bit key will do; it only has to be the same for every seat.
_PG_MIGRATION_LOCK_KEY = 0x5A1E5DE6


class SchemaTooNew(DomainError):
    refusal = None  # an installation matter, not a control

    def __init__(self, stored: str):
        self.stored = stored
        super().__init__(
            _(
                "This database was written by a newer version of Sales Desk (schema {rev}). "
                "Install that version or newer to open it; nothing was changed."
            ).format(rev=stored)
        )


class SeatCannotUpgrade(DomainError):
    refusal = None  # an installation matter, not a control

    def __init__(self, stored: str, head: str):
        super().__init__(
            _(
                "This database is at schema {stored} and this version of Sales Desk needs {head}. "
                "This seat's login may not change tables: the administrator upgrades it with the "
                "owner's login (`sales-desk db setup-roles --db OWNER_URL --seat NAME`, or by opening "
                "it once with that login). Nothing was changed."
            ).format(stored=stored, head=head)
        )


class MigrationFailed(DomainError):
    refusal = None  # an installation matter, not a control

    def __init__(self, reason: str, backup: Path | None):
        self.backup = backup
        super().__init__(
            _("The database could not be upgraded ({reason}). It was left as it was.").format(
                reason=reason
            )
        )


def packaged_revisions() -> list[str]:
    """Revision ids in upgrade order (files are named NNNN_description.py)."""
    return sorted(p.name.split("_", 1)[0] for p in VERSIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.py"))


def packaged_head() -> str:
    return packaged_revisions()[-1]


def stored_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def has_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run the packaged migrations up to `target` in one transaction."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # A batch migration recreates a table (copy, DROP, rename); with foreign keys
            # on, that DROP deletes the rows referring to it (CASCADE) or fails on them. The
            # pragma is ignored inside a transaction, so it is set before BEGIN, and the
            # keys are checked by hand before commit instead.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if not sqlite:
                    # Seats starting together upgrade one at a time; the later one finds
                    # the schema at head and does nothing.
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK_KEY})
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                if not sqlite:
                    from sales_desk.db.roles import existing_seats, grant_work

                    grant_work(conn, existing_seats(conn))  # the seats' share of any new table
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        raise RuntimeError(f"the migration broke a foreign key in {broken[0]}")
                    # New tables and indexes, rows moved: the planner's statistics are stale.
                    conn.exec_driver_sql("ANALYZE")
        finally:
            if sqlite:
                conn.invalidate()  # never hand a connection with foreign keys off back to the pool


def ensure_schema(
    engine: Engine,
    backup: Callable[[], Path | None] | None = None,
    restore: Callable[[Path], None] | None = None,
    upgrading: Callable[[], None] | None = None,
) -> str:
    """Upgrade to head if behind (after `backup()`), refuse a newer schema. `upgrading()`
    is told first when an existing database is brought up to date (it may take minutes).

    Returns what happened: "current", "created" or "upgraded".
    """
    stored = stored_revision(engine)
    known = packaged_revisions()
    if stored == known[-1]:
        return "current"
    if stored is not None and stored not in known:
        raise SchemaTooNew(stored)
    if stored is None and has_tables(engine):
        raise MigrationFailed(_("it holds tables that are not Sales Desk's"), None)
    if stored is not None and engine.dialect.name == "postgresql":
        from sales_desk.db.roles import is_owner_or_superuser

        with engine.connect() as conn:
            if not is_owner_or_superuser(conn):
                raise SeatCannotUpgrade(stored, known[-1])
    if stored is not None and upgrading is not None:
        upgrading()
    saved = backup() if (stored is not None and backup) else None
    try:
        upgrade(engine)
    except Exception as exc:
        engine.dispose()
        if saved is not None and restore is not None:
            restore(saved)
        raise MigrationFailed(str(exc).splitlines()[0][:200], saved) from exc
    return "created" if stored is None else "upgraded"
