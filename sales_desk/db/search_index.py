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

from dataclasses import dataclass

from sqlalchemy import Connection, Select, literal_column, select, table, text
from sqlalchemy.sql.elements import ColumnElement

from sales_desk.domain.common.pinyin_keys import SHORT_END

# table -> (trigram FTS table, grams FTS table, PostgreSQL index names)
INDEXED = {
    "customers": ("customers_fts", "customers_grams", "ix_customers_search_trgm", "ix_customers_search_grams"),
    # migration 0031: contacts and colleagues, for the search box
    "customer_contacts": ("customer_contacts_fts", "customer_contacts_grams", "ix_customer_contacts_search_trgm",
                          "ix_customer_contacts_search_grams"),
    "users": ("users_fts", "users_grams", "ix_users_search_trgm", "ix_users_search_grams"),
}
_FTS_SHADOWS = ("_data", "_idx", "_docsize", "_config", "_content")

# The name orders a list pages by (name or pinyin, each for all and for one rep). On SQLite
# they carry search_text too (migration 0038), so a search page that walks one tests each
# name on the index entry (`key_contains`), not against a set of ids it had to build first:
# "鑫" at 1,000,000 customers, 41,592 matches. PostgreSQL's stay plain: search_text, with
# its pinyin, would outgrow a B-tree entry (2,704 bytes) for the longest names.
ORDER_INDEXES = {
    "customers": (("ix_customers_name_search", ("name", "id")), ("ix_customers_sort_key", ("sort_key", "id")),
                  ("ix_customers_rep_name", ("rep_id", "name", "id")),
                  ("ix_customers_rep_sort_key", ("rep_id", "sort_key", "id"))),
}


def is_search_index(name: str | None) -> bool:
    """True for the objects made here (and the FTS5 tables' shadow tables)."""
    if not name:
        return False
    if any(name == ix for orders in ORDER_INDEXES.values() for ix, _ in orders):
        return True
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
            # one segment, not the many a rebuild leaves: at 1,000,000 customers a query
            # of three trigrams read 8.6 ms from them, 3.2 ms from one (8 s to merge)
            conn.exec_driver_sql(f"INSERT INTO {vt}({vt}) VALUES ('optimize')")  # noqa: S608 - names from INDEXED
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


def create_order_indexes(conn: Connection, name: str = "customers") -> None:
    """The name-order indexes of `name`, carrying search_text on SQLite (see ORDER_INDEXES)."""
    carried = ("search_text",) if conn.dialect.name == "sqlite" else ()
    for ix, columns in ORDER_INDEXES[name]:
        conn.exec_driver_sql(f"CREATE INDEX {ix} ON {name} ({', '.join(columns + carried)})")


def drop_order_indexes(conn: Connection, name: str = "customers") -> None:
    for ix, _ in ORDER_INDEXES[name]:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {ix}")


def walks_key(conn: Connection, name: str) -> bool:
    """Whether a page walking a name order of `name` can test the search text on the index."""
    return conn.dialect.name == "sqlite" and name in ORDER_INDEXES


def key_contains(name: str, needle: str, short: bool) -> ColumnElement[bool]:
    """search_text contains the text; a short one before SHORT_END, where its first
    occurrence then is (pinyin_keys.search_text). Only columns an order index carries."""
    found = f"instr({name}.search_text, :search_key)"
    clause = f"{found} BETWEEN 1 AND instr({name}.search_text, char({ord(SHORT_END)}))" if short else f"{found} > 0"
    return text(clause).bindparams(search_key=needle)


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


@dataclass(frozen=True)
class Lookup:
    """What the index finds for a text. SQLite: `found` is the ids' subquery (for `id IN`);
    PostgreSQL: the condition on the table's own columns (the GIN indexes serve it).
    `verify`, when set, is the whole text tested on each row `found` gives: the index was
    asked for only its rarest trigrams, a superset. `many`: a sample of the rarest
    trigram's rows says at least `walk_from` rows hold the text (see `matching_ids`)."""

    found: Select | ColumnElement[bool]
    verify: ColumnElement[bool] | None = None
    many: bool = False


def matching_ids(conn: Connection, name: str, needle: str, short: bool, walk_from: int | None = None) -> Lookup:
    """The rows of `name` whose keys contain `needle` (see `Lookup`).

    `walk_from`: a page would rather walk a name order than read this many matches by
    key. Given, for a table whose order indexes carry the search text (`walks_key`), a
    long text's matches are estimated from a sample, before any trigram is read in full."""
    fts, grams, _trgm, _grams = INDEXED[name]
    if conn.dialect.name != "sqlite":
        if short:
            # the constant separator written into the SQL, so the expression index matches
            return Lookup(text(f"string_to_array({name}.search_grams, ' ') @> ARRAY[CAST(:search_q AS text)]"
                               ).bindparams(search_q=needle))
        return Lookup(_contains(name, needle, escape=False))
    if short:
        return Lookup(_fts_ids(grams, _fts_query(needle)))
    ranked = _ranked_trigrams(conn, name, needle) if len(needle) > 3 else []
    if _read_whole(ranked):
        return Lookup(_fts_ids(fts, _fts_query(needle)))
    verify = _contains(name, needle, escape=True)
    if walk_from is not None and walks_key(conn, name) and ranked[0][1] >= walk_from:
        if _estimated_matches(conn, name, needle, ranked[0]) >= walk_from:
            return Lookup(_fts_ids(fts, _fts_query(ranked[0][0])), verify, many=True)
    return Lookup(_fts_ids(fts, " AND ".join(_fts_query(t) for t in _rarest(ranked))), verify)


# A trigram's rows are counted up to this many; beyond, estimated from how far into the
# ids the last one counted reaches.
_SAMPLE = 512
# Beyond this many rows, more trigrams are read to narrow the rarest's: up to _AND_MOST,
# each with at most _AND_RATIO times as many rows (one in nearly every name costs more to
# read than it narrows).
_MANY = 256
# A phrase whose trigrams have this many rows in all is read whole: 1–2 ms.
_PHRASE_ROWS = 65536
_AND_MOST = 3
_AND_RATIO = 8
# Rows of the rarest trigram read to estimate how many hold the whole text (each a read
# by key): enough to tell a few from thousands.
_TESTED = 128

# (trigram, its rows estimated, its first place in the text)
Ranked = list[tuple[str, float, int]]


def rarest_trigrams(conn: Connection, name: str, needle: str) -> list[str]:
    """The text's rarest trigrams (one to three, apart from each other), rarest first;
    none when reading them all, as a phrase, costs little (then the index's answer is exact).

    FTS5 reads a phrase's every trigram in full, and in pinyin some are in nearly every
    name (ong, ang, ian): "huatong" read 1,000,000 entries of "ong" for 41,702 matches
    (22 ms; "uat" alone, the same rows: 1.6 ms). Trigrams that overlap go together (uat,
    ato, ton: the same 41,702 rows), so only ones that do not are read together (daj and
    idi in hongdajidian: 20,790 rows to 6,744)."""
    ranked = _ranked_trigrams(conn, name, needle)
    return [] if _read_whole(ranked) else _rarest(ranked)


def _read_whole(ranked: Ranked) -> bool:
    return sum(rows_of for _, rows_of, _ in ranked) <= _PHRASE_ROWS


def _ranked_trigrams(conn: Connection, name: str, needle: str) -> Ranked:
    """The text's trigrams, fewest rows first. A trigram's count is exact below _SAMPLE;
    above, estimated from how far into the ids its first _SAMPLE rows reach."""
    at = {needle[i:i + 3]: i for i in reversed(range(len(needle) - 2))}  # each at its first place
    trigrams = list(at)
    fts = INDEXED[name][0]
    parts = [f"SELECT {i}, count(*), max(rowid) FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH ? "  # noqa: S608
             f"LIMIT {_SAMPLE})" for i in range(len(trigrams))]  # names from INDEXED
    rows = sorted(conn.exec_driver_sql(" UNION ALL ".join(parts), tuple(_fts_query(t) for t in trigrams)))
    top = conn.exec_driver_sql(f"SELECT max(id) FROM {name}").scalar() or 1  # noqa: S608 - names from INDEXED

    def estimate(count: int, reach: int | None) -> float:
        return count if count < _SAMPLE else count * top / max(reach or 1, 1)

    return sorted(((t, estimate(count, reach), at[t]) for t, (_, count, reach) in zip(trigrams, rows, strict=True)),
                  key=lambda ranked: ranked[1])


def _rarest(ranked: Ranked) -> list[str]:
    trigram, fewest, place = ranked[0]
    chosen = {trigram: place}
    for other, rows_of, at in ranked[1:]:
        if fewest <= _MANY or len(chosen) == _AND_MOST or rows_of > _AND_RATIO * fewest:
            break
        if all(abs(at - c) >= 3 for c in chosen.values()):
            chosen[other] = at
    return list(chosen)


def _estimated_matches(conn: Connection, name: str, needle: str, rarest: tuple[str, float, int]) -> float:
    """How many rows hold the whole text, from the rarest trigram's first _TESTED rows:
    the share of them that do, times its rows (hongdajidian: 20,600 rows of daj, some
    6,000 matches; 345 in C0012345: 4,000 rows of 345, one match)."""
    trigram, rows_of, _ = rarest
    fts = INDEXED[name][0]
    held = conn.exec_driver_sql(
        f"SELECT count(*) FROM {name} WHERE id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ? "  # noqa: S608
        f"LIMIT {_TESTED}) AND instr(search_text, ?) > 0", (_fts_query(trigram), needle)).scalar() or 0
    return held * rows_of / min(_TESTED, rows_of)


def _fts_ids(vt: str, match: str) -> Select:
    return (select(literal_column("rowid")).select_from(table(vt))
            .where(text(f"{vt} MATCH :search_q").bindparams(search_q=match)))


def _contains(name: str, needle: str, escape: bool) -> ColumnElement[bool]:
    """`search_text` contains the text (PostgreSQL escapes with a backslash by default;
    SQLite is told to)."""
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    clause = f"{name}.search_text LIKE :search_like" + (" ESCAPE '\\'" if escape else "")
    return text(clause).bindparams(search_like=f"%{escaped}%")
