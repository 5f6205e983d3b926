"""The indexes behind name search [拼音检索]: a trigram index over `search_text` for
queries of 3 characters or more, a term index over `search_grams` for shorter ones.

SQLite: two FTS5 tables reading the customers table itself (external content, kept in
step by triggers), one with the trigram tokenizer (SQLite ≥ 3.34), one with unicode61
whose terms are the space-separated grams. PostgreSQL: a pg_trgm GIN index on
search_text and a GIN index on the grams as an array.

The models do not describe these (FTS5 tables are not tables SQLAlchemy knows; the
array index is over an expression), so `is_search_index` tells Alembic's comparison to
leave them be. Created by migration 0022; `refresh_statistics` after bulk loads.
"""

from __future__ import annotations

from sqlalchemy import Connection, Select, literal_column, select, table, text
from sqlalchemy.sql.elements import ColumnElement

# table -> (trigram FTS table, grams FTS table, PostgreSQL index names)
INDEXED = {
    "customers": ("customers_fts", "customers_grams", "ix_customers_search_trgm", "ix_customers_search_grams"),
    # migration 0031: contacts and colleagues, for the search box
    "customer_contacts": ("customer_contacts_fts", "customer_contacts_grams", "ix_customer_contacts_search_trgm",
                          "ix_customer_contacts_search_grams"),
    "users": ("users_fts", "users_grams", "ix_users_search_trgm", "ix_users_search_grams"),
}
_FTS_SHADOWS = ("_data", "_idx", "_docsize", "_config", "_content")


def is_search_index(name: str | None) -> bool:
    """True for the objects made here (and the FTS5 tables' shadow tables)."""
    if not name:
        return False
    for fts, grams, trgm_ix, grams_ix in INDEXED.values():
        if name in (trgm_ix, grams_ix):
            return True
        for base in (fts, grams):
            if name == base or (name.startswith(base + "_") and name[len(base):] in _FTS_SHADOWS):
                return True
    return False


def create(conn: Connection, name: str = "customers") -> None:
    fts, grams, trgm_ix, grams_ix = INDEXED[name]
    if conn.dialect.name == "sqlite":
        for vt, column, tokenizer in ((fts, "search_text", "trigram"),
                                      (grams, "search_grams", "unicode61 remove_diacritics 0")):
            conn.exec_driver_sql(
                f"CREATE VIRTUAL TABLE {vt} USING fts5({column}, content='{name}', "
                f"content_rowid='id', tokenize='{tokenizer}')")
            conn.exec_driver_sql(
                f"CREATE TRIGGER {vt}_ai AFTER INSERT ON {name} BEGIN "  # noqa: S608 - names from INDEXED
                f"INSERT INTO {vt}(rowid, {column}) VALUES (new.id, new.{column}); END")
            conn.exec_driver_sql(
                f"CREATE TRIGGER {vt}_ad AFTER DELETE ON {name} BEGIN "  # noqa: S608 - names from INDEXED
                f"INSERT INTO {vt}({vt}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END")
            # only when the key changes: a credit or review update leaves the index alone
            conn.exec_driver_sql(
                f"CREATE TRIGGER {vt}_au AFTER UPDATE OF {column} ON {name} BEGIN "  # noqa: S608 - names from INDEXED
                f"INSERT INTO {vt}({vt}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
                f"INSERT INTO {vt}(rowid, {column}) VALUES (new.id, new.{column}); END")
            conn.exec_driver_sql(f"INSERT INTO {vt}({vt}) VALUES ('rebuild')")  # noqa: S608 - names from INDEXED
    else:
        # trusted since PostgreSQL 13: the database's owner may create it
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        conn.exec_driver_sql(f"CREATE INDEX {trgm_ix} ON {name} USING gin (search_text gin_trgm_ops)")
        conn.exec_driver_sql(
            f"CREATE INDEX {grams_ix} ON {name} USING gin (string_to_array(search_grams, ' '))")


def drop(conn: Connection, name: str = "customers") -> None:
    fts, grams, trgm_ix, grams_ix = INDEXED[name]
    if conn.dialect.name == "sqlite":
        for vt in (fts, grams):
            for suffix in ("ai", "ad", "au"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {vt}_{suffix}")
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {vt}")
    else:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {trgm_ix}")
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {grams_ix}")


def refresh_statistics(conn: Connection) -> None:
    """Tell the planner what a bulk load changed (ANALYZE; SQLite's PRAGMA optimize too)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("ANALYZE")
        conn.exec_driver_sql("PRAGMA optimize")
    else:
        conn.exec_driver_sql("ANALYZE")


def _fts_query(needle: str) -> str:
    # one FTS5 string (phrase): quotes doubled, so nothing typed is query syntax
    return '"' + needle.replace('"', '""') + '"'


def matching_ids(dialect: str, name: str, needle: str, short: bool) -> Select | ColumnElement[bool]:
    """For SQLite: the ids whose keys contain `needle` (a subquery for `id IN (…)`).
    For PostgreSQL: the condition on the table's own columns (the GIN indexes serve it)."""
    fts, grams, _trgm, _grams = INDEXED[name]
    if dialect == "sqlite":
        vt = grams if short else fts
        return (select(literal_column("rowid")).select_from(table(vt))
                .where(text(f"{vt} MATCH :search_q").bindparams(search_q=_fts_query(needle))))
    if short:
        # the constant separator written into the SQL, so the expression index matches
        return text(f"string_to_array({name}.search_grams, ' ') @> ARRAY[CAST(:search_q AS text)]"
                    ).bindparams(search_q=needle)
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return text(f"{name}.search_text LIKE :search_q").bindparams(search_q=f"%{escaped}%")
