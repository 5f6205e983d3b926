"""A search page tests each name on the order index it walks [拼音检索]: search_text
takes one layout (codes, names and initials, then SHORT_END, then the full pinyin), and
on SQLite the four name-order indexes carry it (db/search_index.ORDER_INDEXES).

"鑫" at 1,000,000 customers matches 41,592 names: a page walked the name order testing
each id against the 41,592 ids the index gave, which took 27 ms to build and walk; tested
on the index entry, no set is built (benchmarks/bench_search.py). The cost is the text in
each of the four indexes: some 110 bytes a customer in each.

Every customer, contact, colleague and product is keyed again with the rules the services use
(domain/common/pinyin_keys.py), the search indexes built once after, not row by row.
PostgreSQL's order indexes stay as they were (search_text would outgrow a B-tree entry).

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-07 12:00:00
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from sales_desk.db import search_index
from sales_desk.domain.common import pinyin_keys
from sales_desk.domain.customers.files import search_key

revision = '0038'
down_revision = '0037'
branch_labels = None
depends_on = None

_BATCH = 5000


def _person_key(code_column: str | None) -> Callable[[sa.Row], str]:
    return lambda r: pinyin_keys.search_text([getattr(r, code_column)] if code_column else [], [r.name or ""],
                                             person=True)


# table -> (the columns a key is made from, as code / name / short_name, and how)
_KEYED = {
    "customers": (("code", "name", "short_name"), lambda r: search_key(r.code, r.name, r.short_name)),
    "customer_contacts": (("name",), _person_key(None)),
    "users": (("username", "full_name"), _person_key("username")),
    "products": (("code", "name"), lambda r: pinyin_keys.search_text([r.code], [r.name])),
}


def upgrade() -> None:
    bind = op.get_bind()
    indexed = [name for name in _KEYED if name in search_index.INDEXED]  # products: a LIKE filter
    for name in indexed:
        search_index.drop(bind, name)
    search_index.drop_order_indexes(bind, "customers")
    for name in _KEYED:
        _key(name)
    search_index.create_order_indexes(bind, "customers")
    for name in indexed:
        search_index.create(bind, name)
    for name in _KEYED:
        op.execute(f"ANALYZE {name}")


def _key(name: str) -> None:
    columns, key = _KEYED[name]
    t = sa.table(name, sa.column("id", sa.Integer), sa.column("search_text", sa.Text),
                 *(sa.column(c, sa.String) for c in columns))
    # the users' full_name is the person's name: read it as `name`
    picked = [t.c.id, *(t.c[c].label("name" if c == "full_name" else c) for c in columns)]
    update = t.update().where(t.c.id == sa.bindparam("b_id")).values(search_text=sa.bindparam("b_text"))
    bind, last = op.get_bind(), 0
    while True:
        rows = bind.execute(sa.select(*picked).where(t.c.id > last).order_by(t.c.id).limit(_BATCH)).all()
        if not rows:
            return
        bind.execute(update, [{"b_id": r.id, "b_text": key(r)} for r in rows])
        last = rows[-1].id


def downgrade() -> None:
    # the old layout is a permutation of the same parts: only the indexes go back
    bind = op.get_bind()
    search_index.drop_order_indexes(bind, "customers")
    for ix, columns in search_index.ORDER_INDEXES["customers"]:
        op.create_index(ix, "customers", list(columns), unique=False)
