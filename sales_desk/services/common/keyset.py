"""Lists sorted in SQL by a column the reader chose, paged by keyset: each page starts
past the last row's (value, id), the id breaking ties, so a page never repeats or skips a
row whatever the sort (no OFFSET, which rescans what it skips)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, or_


def sorted_page(q: Select, column: Any, id_column: Any, after: tuple[Any, int] | None,  # noqa: ANN401
                descending: bool) -> Select:
    """`q` ordered by `column` then `id_column`, past `after` (the previous page's last pair)."""
    if after is not None:
        value, last_id = after
        past = (column < value) if descending else (column > value)
        tie = (id_column < last_id) if descending else (id_column > last_id)
        q = q.where(or_(past, and_(column == value, tie)))
    return q.order_by(column.desc(), id_column.desc()) if descending else q.order_by(column, id_column)
