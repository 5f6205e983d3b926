"""Contacts and colleagues found like customers [拼音检索]: by characters, full pinyin and
initials, through an index (SQLite FTS5 trigram + term tables, PostgreSQL pg_trgm + GIN),
in the window's search box.

Existing rows are keyed here with the rules the services use when a name is saved
(domain/common/pinyin_keys.person_keys), so old and new rows are found alike.

Revision ID: 0031
Revises: 0024
Create Date: 2026-12-06 16:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sales_desk.db import search_index
from sales_desk.domain.common import pinyin_keys

revision = '0031'
down_revision = "0030"
branch_labels = None
depends_on = None

_BATCH = 5000
# table -> (the codes typed as they are, the name)
_KEYED = {"customer_contacts": (None, "name"), "users": ("username", "full_name")}


def upgrade() -> None:
    for name in _KEYED:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=False, server_default=''))
            batch_op.add_column(sa.Column('search_grams', sa.Text(), nullable=False, server_default=''))
        _key(name)
        search_index.create(op.get_bind(), name)


def _key(name: str) -> None:
    code_column, name_column = _KEYED[name]
    columns = [sa.column("id", sa.Integer), sa.column(name_column, sa.String),
               sa.column("search_text", sa.Text), sa.column("search_grams", sa.Text)]
    if code_column:
        columns.append(sa.column(code_column, sa.String))
    t = sa.table(name, *columns)
    update = (t.update().where(t.c.id == sa.bindparam("b_id"))
              .values(search_text=sa.bindparam("b_text"), search_grams=sa.bindparam("b_grams")))
    bind, last = op.get_bind(), 0
    while True:
        picked = [t.c.id, t.c[name_column]] + ([t.c[code_column]] if code_column else [])
        rows = bind.execute(sa.select(*picked).where(t.c.id > last).order_by(t.c.id).limit(_BATCH)).all()
        if not rows:
            return
        params = []
        for r in rows:
            keys = pinyin_keys.person_keys([r[2]] if code_column else [], r[1] or "")
            params.append({"b_id": r[0], "b_text": keys["search_text"], "b_grams": keys["search_grams"]})
        bind.execute(update, params)
        last = rows[-1][0]


def downgrade() -> None:
    for name in _KEYED:
        search_index.drop(op.get_bind(), name)
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column('search_grams')
            batch_op.drop_column('search_text')
