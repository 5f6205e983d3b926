"""What the audit viewer relies on: local-day ranges as UTC instants, streamed export."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.errors import NotPermitted
from sales_desk.services.admin import audit, users
from tests.conftest import PASSWORD


def test_instant_range_is_inclusive_from_and_exclusive_before(database, admin) -> None:
    for name in ("ann", "bob"):
        users.add_user(database.uow(admin), name, PASSWORD, ["sales_rep"])
    rows, _more = audit.audit_page(database.uow(admin))
    newest, middle = rows[0], rows[1]
    flt = audit.AuditFilter(at_from=middle.at, at_before=newest.at)
    page, more = audit.audit_page(database.uow(admin), flt)
    assert [r.seq for r in page] == [middle.seq] and not more


def test_export_streams_rows_oldest_first_into_the_sink(database, admin) -> None:
    users.add_user(database.uow(admin), "ann", PASSWORD, ["sales_rep"])
    seqs = audit.export_audit(database.uow(admin), lambda rows: [r.seq for r in rows])
    assert seqs == sorted(seqs) and len(seqs) == 2


def test_export_refused_without_audit_right(database, make_user) -> None:
    rep = make_user("rep", "sales_rep")
    with pytest.raises(NotPermitted):
        audit.export_audit(database.uow(rep), list)
