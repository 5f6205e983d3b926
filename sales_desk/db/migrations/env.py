"""Alembic environment: the caller hands us a live connection (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from sales_desk.db.search_index import is_search_index
from sales_desk.models import Base, UTCDateTime


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    # Migrations are frozen history: render our TypeDecorator as the plain type it stores.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    # the search indexes (FTS5 tables, expression and trigram indexes) are made by hand
    return not is_search_index(name)


config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
    render_item=render_item,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
