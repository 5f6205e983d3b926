"""Least privilege on PostgreSQL: the tables' owner migrates; the seats only do the work.

A seat's login may read and write the business tables, may only add rows to the audit
trail and only read the schema's version. Not owning anything, it cannot alter, disable
or drop the trail's append-only guard, a table or a trigger, so what it can still change
by hand (a limit, a role) is what `check` compares with the trail. The owner's login
stays with the administrator, out of the seats' settings.

`sales-desk db setup-roles` runs `setup_seat` as the owner; every later upgrade, run by
the owner, grants the tables it adds to every seat that already has a grant.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from sales_desk.domain.common.errors import DomainError
from sales_desk.i18n import _

# a seat may add rows to these, never change or remove them
APPEND_ONLY = ("audit_log", "refusal_log", "issued_documents", "document_contents", "document_outputs",
               "advance_reports")
READ_ONLY = ("alembic_version",)  # only the owner's upgrade writes the schema's version
_WORK = "SELECT, INSERT, UPDATE, DELETE"


@dataclass(frozen=True)
class SeatSetup:
    seat: str
    created: bool  # False: the login existed; its grants were renewed
    tables: int
    database: str


def schema_rights(conn: Connection) -> str:
    """"superuser", "owner" (of the tables, or of an empty schema) or "" for a seat's login."""
    row = conn.execute(text(
        "SELECT r.rolsuper, coalesce(t.tableowner = current_user, true) FROM pg_roles r "
        "LEFT JOIN pg_tables t ON t.tablename = 'alembic_version' AND t.schemaname = current_schema() "
        "WHERE r.rolname = current_user")).first()
    if row is None:
        return ""
    return "superuser" if row[0] else "owner" if row[1] else ""


def is_owner_or_superuser(conn: Connection) -> bool:
    """Whether this login may change the schema."""
    return bool(schema_rights(conn))


def setup_seat(engine: Engine, seat: str, password: str | None) -> SeatSetup:
    """Create (or renew) the seats' login `seat` with the least it needs; run as the owner."""
    from psycopg import sql  # here, not at the top: every start on SQLite would pay ~0.2 s for it

    if engine.dialect.name != "postgresql":
        raise DomainError(_("Database logins are a PostgreSQL matter: a SQLite file has none."))
    with engine.begin() as conn:
        me = conn.execute(text("SELECT current_user")).scalar()
        if seat == me:
            raise DomainError(_("The seats' login must not be the owner's own ({name}): give it another "
                                "name.").format(name=seat))
        if not is_owner_or_superuser(conn):
            raise DomainError(_("{name} does not own the tables: run this with the login that created "
                                "the database (its owner).").format(name=me))
        existing = conn.execute(text("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles "
                                     "WHERE rolname = :n"), {"n": seat}).first()
        if existing is not None and any(existing):
            raise DomainError(_("The login {name} may create roles, databases or is a superuser: a "
                                "seat's login must be an ordinary one.").format(name=seat))
        if existing is None and not password:
            raise DomainError(_("A new login needs a password."))
        cursor = conn.connection.driver_connection.cursor()
        if existing is None:
            cursor.execute(sql.SQL("CREATE ROLE {} LOGIN NOINHERIT PASSWORD {}").format(
                sql.Identifier(seat), sql.Literal(password)))
        elif password:
            cursor.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(seat), sql.Literal(password)))
        database = conn.execute(text("SELECT current_database()")).scalar()
        cursor.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
            sql.Identifier(database), sql.Identifier(seat)))
        tables = grant_work(conn, [seat])
    return SeatSetup(seat, existing is None, tables, str(database))


def grant_work(conn: Connection, seats: list[str]) -> int:
    """Give each seat exactly its share of every table in the schema; the number of tables."""
    from psycopg import sql

    cursor = conn.connection.driver_connection.cursor()
    schema = conn.execute(text("SELECT current_schema()")).scalar()
    tables = list(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = :s ORDER BY tablename"),
                               {"s": schema}).scalars())
    for seat in seats:
        who, where = sql.Identifier(seat), sql.Identifier(schema)
        cursor.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(where, who))
        cursor.execute(sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(where, who))
        for table in tables:
            name = sql.Identifier(schema, table)
            cursor.execute(sql.SQL("REVOKE ALL ON {} FROM {}").format(name, who))
            share = "SELECT" if table in READ_ONLY else "SELECT, INSERT" if table in APPEND_ONLY else _WORK
            cursor.execute(sql.SQL("GRANT " + share + " ON {} TO {}").format(name, who))
    return len(tables)


def existing_seats(conn: Connection) -> list[str]:
    """The logins that may add to the audit trail without owning it: the seats."""
    return list(conn.execute(text(
        "SELECT DISTINCT g.grantee FROM information_schema.role_table_grants g "
        "JOIN pg_tables t ON t.tablename = g.table_name AND t.schemaname = g.table_schema "
        "WHERE g.table_name = 'audit_log' AND g.table_schema = current_schema() "
        "AND g.privilege_type = 'INSERT' AND g.grantee <> t.tableowner ORDER BY 1")).scalars())
