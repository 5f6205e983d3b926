"""Pinyin search keys [拼音检索]: customers found by characters, full pinyin and initials
through an index (SQLite FTS5 trigram + term tables, PostgreSQL pg_trgm + GIN), listed in
pinyin order in the Chinese UI.

search_text grows the names' pinyin and initials (VARCHAR(400) would not hold them: Text);
search_grams holds the 1- and 2-character runs for short queries; sort_key the name in
pinyin. Existing rows are keyed here with the same rules the services use when a name is
saved (domain/common/pinyin_keys.py, pypinyin), so old and new rows are found alike.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 01:22:26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sales_desk.db import search_index
from sales_desk.domain.common import pinyin_keys

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_grams', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('sort_key', sa.String(length=800), nullable=False, server_default=''))
        batch_op.alter_column('search_text',
               existing_type=sa.VARCHAR(length=400),
               type_=sa.Text(),
               existing_nullable=False,
               existing_server_default=sa.text("('')"))
        batch_op.create_index('ix_customers_sort_key', ['sort_key', 'id'], unique=False)
        # search_text leaves the list's index: the search index serves the filter, and with
        # pinyin the longest names would outgrow a PostgreSQL B-tree entry
        batch_op.drop_index('ix_customers_name_search')
        batch_op.create_index('ix_customers_name_search', ['name', 'id'], unique=False)
    _key_customers()
    search_index.create(op.get_bind(), "customers")
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=False, server_default=''))
    _key_products()


def _key_products() -> None:
    bind = op.get_bind()
    products = sa.table("products", sa.column("id", sa.Integer), sa.column("code", sa.String),
                        sa.column("name", sa.String), sa.column("search_text", sa.Text))
    rows = bind.execute(sa.select(products.c.id, products.c.code, products.c.name)).all()
    if rows:
        bind.execute(products.update().where(products.c.id == sa.bindparam("b_id"))
                     .values(search_text=sa.bindparam("b_text")),
                     [{"b_id": r.id, "b_text": pinyin_keys.search_text([r.code], [r.name])} for r in rows])


def _key_customers() -> None:
    bind = op.get_bind()
    customers = sa.table(
        "customers", sa.column("id", sa.Integer), sa.column("code", sa.String),
        sa.column("name", sa.String), sa.column("short_name", sa.String),
        sa.column("search_text", sa.Text), sa.column("search_grams", sa.Text),
        sa.column("sort_key", sa.String),
    )
    update = (customers.update().where(customers.c.id == sa.bindparam("b_id"))
              .values(search_text=sa.bindparam("b_text"), search_grams=sa.bindparam("b_grams"),
                      sort_key=sa.bindparam("b_sort")))
    last = 0
    while True:
        rows = bind.execute(
            sa.select(customers.c.id, customers.c.code, customers.c.name, customers.c.short_name)
            .where(customers.c.id > last).order_by(customers.c.id).limit(_BATCH)).all()
        if not rows:
            return
        bind.execute(update, [
            {"b_id": r.id,
             "b_text": pinyin_keys.search_text([r.code], [r.name, r.short_name]),
             "b_grams": pinyin_keys.search_grams([r.code], [r.name, r.short_name]),
             "b_sort": pinyin_keys.sort_key(r.name)}
            for r in rows])
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_column('search_text')
    search_index.drop(op.get_bind(), "customers")
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index('ix_customers_sort_key')
        batch_op.drop_index('ix_customers_name_search')
        batch_op.create_index('ix_customers_name_search', ['name', 'id', 'search_text'], unique=False)
        batch_op.alter_column('search_text',
               existing_type=sa.Text(),
               type_=sa.VARCHAR(length=400),
               existing_nullable=False,
               existing_server_default=sa.text("('')"))
        batch_op.drop_column('sort_key')
        batch_op.drop_column('search_grams')
