"""Upgrade from 0009 to 0011 (finance's check of a deferral): a deferral awaiting a decision
waits for finance's check first, keeping an approval already given; approved and refused ones
stay as they were; down to 0009 and up again."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, text

from sales_desk.db import schema
from sales_desk.domain.collections.deferral import Approval, next_step
from tests.db.test_migration_0005 import _insert, downgrade, empty_engine  # noqa: F401 - the fixture


def _seed(engine: Engine) -> None:
    for uid, name in ((1, "rep"), (2, "vp"), (3, "gm")):
        _insert(engine, "users", id=uid, username=name, full_name=name, password_hash="x", active=True)
    _insert(engine, "customers", id=1, code="C001", name="上海华东贸易有限公司", rep_id=1)
    for fid, status, vp, gm in ((1, "requested", 2, None), (2, "approved", 2, 3), (3, "refused", None, None),
                                (4, "requested", None, None)):
        _insert(engine, "deferrals", id=fid, number=f"DF2026-0000{fid}", customer_id=1, status=status,
                new_due_date=date(2026, 6, 30), reason="资金周转", amount=10_000, requested_by_id=1,
                requested_on=date(2026, 5, 1), vp_id=vp, gm_id=gm)


def test_pending_deferrals_wait_for_finance_and_decided_ones_stay_decided(empty_engine: Engine) -> None:  # noqa: F811
    schema.upgrade(empty_engine, "0009")
    _seed(empty_engine)
    schema.upgrade(empty_engine, "0011")
    with empty_engine.connect() as c:
        rows = c.execute(text("SELECT id, status, finance_id, vp_id, gm_id, return_note, resubmissions "
                              "FROM deferrals ORDER BY id")).all()
    assert [(r[0], r[1], r[2]) for r in rows] == [(1, "requested", None), (2, "approved", None),
                                                  (3, "refused", None), (4, "requested", None)]
    assert all(r[5] == "" and r[6] == 0 for r in rows)
    # the VP's approval given before stays; finance's check comes next, then the GM's
    assert next_step({Approval.SALES_VP}) is Approval.FINANCE
    assert next_step({Approval.FINANCE, Approval.SALES_VP}) is Approval.GM


def test_downgrade_to_0009_and_up_again_keeps_the_deferrals(empty_engine: Engine) -> None:  # noqa: F811
    schema.upgrade(empty_engine, "0009")
    _seed(empty_engine)
    schema.upgrade(empty_engine, "0011")
    with empty_engine.begin() as c:
        c.execute(text("UPDATE deferrals SET status = 'returned', return_note = '缺少书面申请' WHERE id = 4"))
    downgrade(empty_engine, "0009")
    with empty_engine.connect() as c:
        assert c.execute(text("SELECT status, refusal_note FROM deferrals WHERE id = 4")).one() == (
            "refused", "缺少书面申请")
        assert c.execute(text("SELECT count(*) FROM deferrals")).scalar() == 4
    schema.upgrade(empty_engine, "0011")
    assert schema.stored_revision(empty_engine) == "0011"
