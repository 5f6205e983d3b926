"""The customer list, the audit trail, the refusals log and the document register sort in
SQL by the column a header click chose, keyset-paged with the id (seq) as the tie-break:
walked page by page they give every row once, in the order asked for, either way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from sales_desk.domain.common.errors import ValidationError
from sales_desk.models import IssuedDocument
from sales_desk.services.admin import audit, refusals, users
from sales_desk.services.customers import listing
from sales_desk.services.records import register
from tests.conftest import PASSWORD
from tests.services.credit_flow import new_customer


def walk(page: Callable[[Any], tuple[list[Any], Any]], key: Callable[[Any], Any]) -> list[Any]:
    """Every row, two at a time: `page(after)` gives (rows, whether more), `key` the next `after`."""
    seen: list[Any] = []
    after = None
    while True:
        rows, more = page(after)
        seen += rows
        if not more:
            return seen
        after = key(rows[-1])


def ordered(pairs: list[tuple[Any, int]], descending: bool) -> list[int]:
    """The ids in (value, id) order, the id breaking ties in the same direction."""
    return [i for _v, i in sorted(pairs, reverse=descending)]


def test_customer_list_sorts_in_sql_by_region_and_rep_with_the_id_breaking_ties(database, make_user) -> None:
    rep = make_user("rep", "sales_rep")
    mgr = make_user("mgr", "sales_manager")
    regions = ["east", "north", "east", "central", "north"]
    made = [new_customer(database, rep, name=f"客户{i}", code=f"S{i}", region=r) for i, r in enumerate(regions)]

    def ids(sort: str, descending: bool = False) -> list[int]:
        def page(after):  # noqa: ANN001, ANN202
            p = listing.list_customers(database.uow(mgr), after=after, limit=2, sort=sort, descending=descending)
            return list(p.rows), p.next_after is not None
        return [r.id for r in walk(page, lambda r: listing.customer_sort_key(r, sort))]

    for descending in (False, True):
        assert ids("region", descending) == ordered(list(zip(regions, made, strict=True)), descending)
        assert ids("code", descending) == ordered([(f"S{i}", c) for i, c in enumerate(made)], descending)
    assert ids("rep") == sorted(made)  # one rep: all ties, by id
    assert ids("credit_grade") == sorted(made)  # none rated: an empty grade sorts, never drops out
    assert [r.id for r in listing.list_customers(database.uow(mgr)).rows] == made  # unsorted: by name
    with pytest.raises(ValidationError):
        listing.list_customers(database.uow(mgr), sort="flags")


def test_audit_trail_sorts_in_sql_by_what_happened_and_who_with_seq_breaking_ties(database, admin) -> None:
    for name in ("ann", "bob", "cat"):
        users.add_user(database.uow(admin), name, PASSWORD, ["sales_rep"])
    everything, _more = audit.audit_page(database.uow(admin))

    def seqs(sort: str, descending: bool = False) -> list[int]:
        return [r.seq for r in walk(lambda after: audit.audit_page(
            database.uow(admin), limit=2, sort=sort, descending=descending, after=after), lambda r: r.page_key)]

    for descending in (False, True):
        assert seqs("action", descending) == ordered([(r.action, r.seq) for r in everything], descending)
        assert seqs("seq", descending) == sorted((r.seq for r in everything), reverse=descending)
    assert seqs("who") == ordered([(r.who, r.seq) for r in everything], False)
    assert [r.seq for r in walk(lambda after: audit.audit_page(database.uow(admin), before_seq=after, limit=2),
                                lambda r: r.page_key)] == sorted((r.seq for r in everything), reverse=True)
    with pytest.raises(ValidationError):
        audit.audit_page(database.uow(admin), sort="sentence")


def test_refusals_log_sorts_in_sql_by_reason_and_record_with_seq_breaking_ties(database, admin) -> None:
    reasons = ["b", "a", "b", "c", "a"]
    with database.uow(admin) as uow:
        for i, reason in enumerate(reasons):
            uow.refusal("approvals.approve_order", "rule", "order", str(i), reason, {"n": i})
        uow.commit()
    everything, _more = refusals.refusals_page(database.uow(admin))

    def seqs(sort: str, descending: bool = False) -> list[int]:
        return [r.seq for r in walk(lambda after: refusals.refusals_page(
            database.uow(admin), limit=2, sort=sort, descending=descending, after=after), lambda r: r.page_key)]

    for descending in (False, True):
        assert seqs("reason", descending) == ordered([(r.reason, r.seq) for r in everything], descending)
        assert seqs("record", descending) == ordered([(r.entity_id, r.seq) for r in everything], descending)
    assert seqs("kind") == sorted(r.seq for r in everything)  # one kind: all ties
    with pytest.raises(ValidationError):
        refusals.refusals_page(database.uow(admin), sort="sentence")


def test_document_register_sorts_in_sql_by_issue_date_and_pages_with_the_id_breaking_ties(database, admin) -> None:
    days, pages = [3, 1, 3, 2, 1], [2, 1, 1, 2, 3]
    with database.uow(admin) as uow:
        docs = [IssuedDocument(number=f"DR2026-0000{i}", kind="letter.dunning", subject=f"customer:{i}",
                               language="zh_CN", title=f"催款函 {i}", fingerprint="f", issued_on=date(2026, 5, d),
                               issued_at=datetime(2026, 5, d, tzinfo=UTC), issued_by_id=admin.user_id, size=10,
                               pages=p, sha256="0" * 64)
                for i, (d, p) in enumerate(zip(days, pages, strict=True))]
        uow.session.add_all(docs)
        uow.session.flush()
        made = [d.id for d in docs]
        uow.commit()

    def ids(sort: str, descending: bool = False) -> list[int]:
        return [r.id for r in walk(lambda after: register.register_page(
            database.uow(admin), limit=2, sort=sort, descending=descending, after=after),
            lambda r: register.register_sort_key(r, sort))]

    for descending in (False, True):
        assert ids("issued_on", descending) == ordered(
            [(date(2026, 5, d), i) for d, i in zip(days, made, strict=True)], descending)
        assert ids("pages", descending) == ordered(list(zip(pages, made, strict=True)), descending)
    assert ids("issued_by") == sorted(made)
    assert ids("customer") == sorted(made)  # none names a customer: an empty one sorts too
    with pytest.raises(ValidationError):
        register.register_page(database.uow(admin), sort="outputs")
