"""Name search through the index [拼音检索] (db/search_index.py): the condition a list
query adds for a typed text, and the order a list takes in the reader's language.

A text of 3 characters or more is looked up in the trigram index over search_text
(on SQLite by its rarest trigrams, each row they give then tested for the whole text);
a shorter one (华通, ht) as a term of search_grams. Both give every row whose code,
names, pinyin or initials contain the text — never a `LIKE '%…%'` scan of the table.

How SQLite reads the matches depends on how many there are (measured at 1,000,000
customers, benchmarks/bench_search.py): a few hundred are fetched by id and sorted; tens
of thousands (华通, ht) would cost as many row reads for one page, so the list's order
index is walked instead, the search text it carries tested on each entry (customers), or
each entry checked against the matches' ids (a table whose order indexes carry no text),
and the walk stops at the page's end. On PostgreSQL a few are handed over by id too; for
many, its planner chooses from its statistics.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Integer, Select, column, false, func, select, text
from sqlalchemy.sql.selectable import TextualSelect

from sales_desk.db import search_index
from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.pinyin_keys import is_short, normalize_search
from sales_desk.i18n import current_language
from sales_desk.models import Customer

# From this many matches on, a page walks the order index rather than sorting the matches.
DENSE = 2000
# Up to this many ids from some of a text's trigrams are each read and tested (~10 ms).
SURE = 8192


def name_search(uow: UnitOfWork, q: Select, text: str, walk_order: bool = False, model: Any = Customer) -> Select:  # noqa: ANN401
    """`q` narrowed to the customers (or the rows of `model`: a contact, a colleague, each
    indexed by db/search_index.py) the text finds; unchanged for an empty text.

    `walk_order`: `q` is ordered by an indexed name order and limited (a page), so when
    the text matches many customers the order index is walked (SQLite)."""
    needle = normalize_search(text)
    if not needle:
        return q
    short = is_short(needle)
    if short and not needle.isalnum():
        return q.where(false())  # the grams are runs of letters and digits only
    conn = uow.session.connection()
    name = model.__tablename__
    lookup = search_index.matching_ids(conn, name, needle, short, walk_from=DENSE if walk_order else None)
    if lookup.many:  # sampled: the order index, which carries the text, is walked at once
        return q.where(search_index.key_contains(name, needle, short))
    sqlite = conn.dialect.name == "sqlite"
    found = lookup.found if sqlite else select(model.id).where(lookup.found)  # type: ignore[arg-type]
    # The index is read once, up to DENSE ids, handed to the query when that was all: a
    # planner guessing the matches many would walk a whole order index for a page of none
    # (PostgreSQL did, for "c1" at 100,000 customers: 1.6 s). Ids from some trigrams only
    # may be few true matches among many (345 in C0012345: 3,999 ids, one match), so up
    # to SURE of them are each read and tested, rather than walked to the order's end.
    ids: list[int] | str
    if lookup.verify is None and sqlite:
        # counted and listed by SQLite in one row: 2,000 ids fetched one by one cost 2 ms
        sub = found.limit(DENSE).subquery()  # type: ignore[union-attr]
        found_n, ids = uow.session.execute(select(func.count(), func.json_group_array(sub.c.rowid))).one()
        many = found_n == DENSE
    elif lookup.verify is None:
        ids = list(uow.session.scalars(found.limit(DENSE)))  # type: ignore[union-attr]
        found_n, many = len(ids), len(ids) == DENSE
    else:  # some trigrams (SQLite): counted first, the ids only when few
        found_n = uow.session.scalar(select(func.count()).select_from(found.limit(SURE).subquery()))  # type: ignore[union-attr]
        many = found_n == SURE
        sub = found.subquery()  # type: ignore[union-attr]
        ids = uow.session.scalar(select(func.json_group_array(sub.c.rowid))) if found_n < DENSE else []
    if found_n < DENSE:
        if not found_n:
            return q.where(false())
        q = q.where(model.id.in_(_id_list(ids) if sqlite else ids))
    elif not sqlite:
        q = q.where(lookup.found)  # type: ignore[arg-type]
    elif walk_order and many and search_index.walks_key(conn, name):
        # the ORDER BY's index carries the search text: each name is tested on its entry
        return q.where(search_index.key_contains(name, needle, short))
    elif walk_order and many:
        # `id + 0` keeps the planner from reading the matches by primary key, so it walks
        # the ORDER BY's index and tests each id against the matches
        q = q.where((model.id + 0).in_(found))
    else:
        q = q.where(model.id.in_(found))
    # the whole text, when the index was asked for some of its trigrams: tested after the
    # id, so a row is read only for an id the index gave
    return q if lookup.verify is None else q.where(lookup.verify)


def _id_list(ids: list[int] | str) -> TextualSelect:
    """The ids as one JSON parameter. With statistics sampled (engine.py) a rep's index
    reads as 1,001 rows at any size; given 89 ids as 89 parameters, the planner walked a
    rep's 500,000 customers for them (96 ms), given as one it read them by key (0.8 ms)."""
    return (text("SELECT value FROM json_each(:search_ids)")
            .bindparams(search_ids=ids if isinstance(ids, str) else json.dumps(ids)).columns(column("value", Integer)))


def pinyin_order() -> bool:
    """Lists of names in pinyin order for a Chinese reader, by code point as before otherwise."""
    return current_language().startswith("zh")


def name_order() -> object:
    """The column a list of customers is ordered by in the reader's language (indexed
    with id: ix_customers_sort_key, ix_customers_name_search)."""
    return Customer.sort_key if pinyin_order() else Customer.name


