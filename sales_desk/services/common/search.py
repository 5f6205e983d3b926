"""Name search through the index [拼音检索] (db/search_index.py): the condition a list
query adds for a typed text, and the order a list takes in the reader's language.

A text of 3 characters or more is looked up in the trigram index over search_text;
a shorter one (华通, ht) as a term of search_grams. Both give every row whose code,
names, pinyin or initials contain the text — never a `LIKE '%…%'` scan of the table.
"""

from __future__ import annotations

from sqlalchemy import Select, false

from sales_desk.db import search_index
from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.pinyin_keys import is_short, normalize_search
from sales_desk.i18n import current_language
from sales_desk.models import Customer


def name_search(uow: UnitOfWork, q: Select, text: str) -> Select:
    """`q` narrowed to the customers the text finds; unchanged for an empty text."""
    needle = normalize_search(text)
    if not needle:
        return q
    short = is_short(needle)
    if short and not needle.isalnum():
        return q.where(false())  # the grams are runs of letters and digits only
    dialect = uow.session.get_bind().dialect.name
    found = search_index.matching_ids(dialect, "customers", needle, short)
    if dialect == "sqlite":
        return q.where(Customer.id.in_(found))
    return q.where(found)


def pinyin_order() -> bool:
    """Lists of names in pinyin order for a Chinese reader, by code point as before otherwise."""
    return current_language().startswith("zh")
