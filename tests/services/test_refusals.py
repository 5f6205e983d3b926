"""The refusals log [拒绝记录]: every refused attempt (no right, one's own approval, a rule's
refusal) is written — who, what, on which record, why — after the refused transaction has
rolled back, chained and checked like the audit trail; the GM sees repeated refusals."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.models import RefusalEntry
from sales_desk.services.admin import integrity, refusals
from sales_desk.services.credit import investigation as inv_svc
from sales_desk.services.customers import files as customers
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders.entry import OrderInput, OrderLineInput
from tests.db.helpers import dump_engine, refused_only
from tests.services.credit_flow import new_customer
from tests.services.order_flow import credit_customer, product, team


def _refusals(database) -> list[RefusalEntry]:  # noqa: ANN001
    with database.engine.connect() as c:
        return list(c.execute(select(RefusalEntry.__table__).order_by(RefusalEntry.seq)))


NOW = datetime(2026, 3, 20, 4, tzinfo=UTC)


def _refused(database, actor, when: datetime = NOW) -> None:  # noqa: ANN001
    """`actor` asks for the refusals log, which only the GM and the admin may read."""
    uow = database.uow(actor)
    uow.clock = lambda: when
    with pytest.raises(NotPermitted):
        refusals.refusals_page(uow)


def _at(database, actor, when: datetime = NOW):  # noqa: ANN001, ANN202
    uow = database.uow(actor)
    uow.clock = lambda: when
    return uow


def test_a_refusal_writes_a_refusal_entry_and_nothing_else_no_right(database, make_user) -> None:
    t = team(make_user)
    cid = credit_customer(database, t)
    pid = product(database, t)
    before = dump_engine(database.engine)
    with pytest.raises(NotPermitted) as refused:  # a warehouse keeper takes no orders
        orders.create_order(database.uow(t.wh), OrderInput(cid, [OrderLineInput(pid, 5, None)]))
    refused_only(before, dump_engine(database.engine))
    [row] = _refusals(database)
    assert (row.seq, row.username, row.user_id, row.action, row.kind) == (
        1, "wh", t.wh.user_id, "entry.create_order", "no_right")
    assert (row.entity, row.entity_id) == ("customer", str(cid))  # the new order's customer
    assert row.reason == str(refused.value)
    detail = json.loads(row.detail)
    assert detail["error"] == "NotPermitted" and detail["permission"] == "order.create"
    assert detail["record"] == customers.customer_card(database.uow(t.rep), cid).code


def test_a_refusal_writes_a_refusal_entry_and_nothing_else_own_approval(database, make_user) -> None:
    t = team(make_user)
    both = make_user("both", "cs_specialist", "finance")
    cid = new_customer(database, t.rep)
    inv_id = inv_svc.open_investigation(database.uow(both), cid)
    inv_svc.write_report(database.uow(both), inv_id, "报告")
    inv_svc.submit_investigation(database.uow(both), inv_id)
    before = dump_engine(database.engine)
    with pytest.raises(SelfApprovalRefused):
        inv_svc.review_investigation(database.uow(both), inv_id, True)
    refused_only(before, dump_engine(database.engine))
    [row] = _refusals(database)
    assert (row.username, row.action, row.kind, row.entity, row.entity_id) == (
        "both", "investigation.review_investigation", "own_approval", "investigation", str(inv_id))
    assert row.reason == "Nobody may approve their own request."


def test_a_credit_block_is_kept_as_the_policy_says_and_the_refused_approval_logged(database, make_user) -> None:
    """The one refusal that saves a change: the order is blocked (and audited) for the
    override; the approval the manager asked for is refused, and logged as such."""
    from sales_desk.domain.orders.contracts import CreditLimitExceeded
    from sales_desk.services.orders import approvals
    from tests.services.order_flow import signed

    t = team(make_user)
    cid = credit_customer(database, t, limit="1000")
    oid = signed(database, t, cid, [(product(database, t), 50, None)])  # 5,000 asked of 1,000
    with pytest.raises(CreditLimitExceeded) as refused:
        approvals.approve_order(database.uow(t.mgr), oid)
    [row] = _refusals(database)
    assert (row.username, row.action, row.kind, row.entity, row.entity_id) == (
        "mgr", "approvals.approve_order", "rule", "order", str(oid))
    detail = json.loads(row.detail)
    assert detail["error"] == "CreditLimitExceeded" and detail["record"] == detail["number"] == refused.value.number


def test_input_to_correct_is_no_refusal(database, make_user) -> None:
    t = team(make_user)
    cid = new_customer(database, t.rep)
    inv_id = inv_svc.open_investigation(database.uow(t.spec), cid)
    inv_svc.write_report(database.uow(t.spec), inv_id, "报告")
    inv_svc.submit_investigation(database.uow(t.spec), inv_id)
    with pytest.raises(ValidationError):  # a return needs a note: the user writes one
        inv_svc.review_investigation(database.uow(t.fin), inv_id, False)
    assert _refusals(database) == []


def test_a_refusal_is_signed_chained_and_passes_the_check(database, admin, make_user) -> None:
    rep = make_user("rep", "sales_rep")
    for _ in range(3):
        _refused(database, rep)
    rows = _refusals(database)
    assert [r.seq for r in rows] == [1, 2, 3] and all(r.signature for r in rows)
    assert rows[1].prev_hash == rows[0].hash
    report = integrity.check_database(database.uow(admin), database.known_anchors())
    assert report.ok, integrity.describe(report)
    assert report.refusal_rows_checked == 3
    assert "Refusals log: 3 rows, hash chain intact." in integrity.describe(report)


def _tamper(database, sql: str) -> None:  # noqa: ANN001
    with database.engine.connect() as conn:
        # The guard triggers refuse updates; a tamperer would drop them first.
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER refusal_log_no_update")
            conn.exec_driver_sql("DROP TRIGGER refusal_log_no_delete")
        else:
            conn.exec_driver_sql("ALTER TABLE refusal_log DISABLE TRIGGER refusal_log_no_change")
        conn.execute(text(sql))
        conn.commit()


@pytest.mark.parametrize(("sql", "seq", "present"), [
    ("UPDATE refusal_log SET reason = 'nothing happened' WHERE seq = 2", 2, True),
    ("DELETE FROM refusal_log WHERE seq = 2", 2, False),
])
def test_refusals_chain_catches_an_edit(database, admin, make_user, sql: str, seq: int, present: bool) -> None:
    rep = make_user("rep", "sales_rep")
    for _ in range(3):
        _refused(database, rep)
    _tamper(database, sql)
    report = integrity.check_database(database.uow(admin), database.known_anchors())
    assert not report.ok and report.first_broken is None  # the audit trail itself holds
    assert report.refusal_broken is not None
    assert (report.refusal_broken.seq, report.refusal_broken.present) == (seq, present)
    text_ = "\n".join(integrity.describe(report))
    assert f"Refusals log: BROKEN at row {seq} (" in text_ if present else \
        f"Refusals log: BROKEN: row {seq} is missing" in text_
    if present:
        assert "rep, refusals.refusals_page" in text_


def test_a_refusal_forged_in_someones_name_is_named(database, admin, make_user) -> None:
    """A row with a correct hash but no signature, as the database's login could add."""
    from sales_desk.domain.admin.audit_chain import GENESIS
    from sales_desk.domain.admin.refusals import RefusalRecord, refusal_hash

    rep = make_user("rep", "sales_rep")
    rec = RefusalRecord(1, "2026-06-01T08:00:00.000000+00:00", rep.user_id, "rep", "claims.pay_claim", "rule",
                        "claim", "1", "forged", None, GENESIS)
    with database.engine.begin() as c:
        c.execute(text("INSERT INTO refusal_log (seq, at, user_id, username, action, kind, entity, entity_id, "
                       "reason, detail, prev_hash, hash, signature) VALUES (:seq, :at, :user_id, :username, "
                       ":action, :kind, :entity, :entity_id, :reason, :detail, :prev_hash, :hash, NULL)"),
                  {**rec.__dict__, "hash": refusal_hash(rec)})
    report = integrity.check_database(database.uow(admin), database.known_anchors())
    assert report.refusal_broken is None and not report.ok
    assert [(u.seq, u.why) for u in report.unsigned_refusals] == [(1, "no-signature")]


def test_refusals_page_filters_by_person_kind_and_day(database, admin, make_user) -> None:
    t = team(make_user)
    _refused(database, t.rep, NOW - timedelta(days=1))
    _refused(database, t.rep)
    _refused(database, t.wh)
    rep = refusals.RefusalFilter(user_id=t.rep.user_id)
    rows, more = refusals.refusals_page(database.uow(t.gm), rep, limit=1)
    assert [r.seq for r in rows] == [2] and more
    rows, more = refusals.refusals_page(database.uow(t.gm), rep, before_seq=2)
    assert [r.seq for r in rows] == [1] and not more
    assert refusals.refusals_page(database.uow(admin), refusals.RefusalFilter(kind="rule"))[0] == []
    assert len(refusals.refusals_page(database.uow(admin), refusals.RefusalFilter(kind="no_right"))[0]) == 3
    today = (NOW - timedelta(hours=1)).isoformat()
    rows = refusals.refusals_page(database.uow(admin), refusals.RefusalFilter(at_from=today))[0]
    assert [r.seq for r in rows] == [3, 2]
    rows = refusals.refusals_page(database.uow(admin), refusals.RefusalFilter(at_before=today))[0]
    assert [r.seq for r in rows] == [1]
    rows = refusals.refusals_page(database.uow(admin), refusals.RefusalFilter(text="refusals_page"))[0]
    assert len(rows) == 3
    assert refusals.refused_people(database.uow(admin)) == [(t.rep.user_id, "rep"), (t.wh.user_id, "wh")]


def test_repeated_refusals_name_who_was_refused_often_of_late(database, admin, make_user) -> None:
    rep, wh = make_user("rep", "sales_rep"), make_user("wh", "warehouse")
    _refused(database, rep, NOW - timedelta(days=8))  # before the window
    for days in (6, 2, 0):
        _refused(database, rep, NOW - timedelta(days=days))
    for days in (1, 0):
        _refused(database, wh, NOW - timedelta(days=days))
    [row] = refusals.repeated_refusals(_at(database, admin), since_days=7, threshold=3)
    assert (row.username, row.count, row.user_id) == ("rep", 3, rep.user_id)
    assert [(r.username, r.count) for r in refusals.repeated_refusals(_at(database, admin), threshold=2)] == [
        ("rep", 3), ("wh", 2)]
    with pytest.raises(NotPermitted):
        refusals.repeated_refusals(database.uow(rep))


def test_a_nested_refusal_is_written_once_by_the_outer_call(database, make_user) -> None:
    """A service calling another (in its own unit of work: one is not re-entrant) is refused
    once, in the name of what the user asked for."""
    from sales_desk.services.common.base import REGISTRY, service

    rep = make_user("rep", "sales_rep")

    @service("public")  # touches no table before the inner call: SQLite has one writer
    def outer(uow) -> None:  # noqa: ANN001
        refusals.refusals_page(uow.for_actor(rep))

    try:
        with pytest.raises(NotPermitted):
            outer(database.uow(rep))
    finally:
        REGISTRY.pop("test_refusals.outer")
    assert [(r.action, r.kind) for r in _refusals(database)] == [("test_refusals.outer", "no_right")]


def test_writing_a_refusal_never_hides_the_refusal(database, make_user, monkeypatch, caplog) -> None:
    from sales_desk.db.uow import UnitOfWork

    rep = make_user("rep", "sales_rep")

    def broken(*_a, **_k) -> None:  # noqa: ANN002, ANN003
        raise RuntimeError("disk full")

    monkeypatch.setattr(UnitOfWork, "refusal", broken)
    with pytest.raises(NotPermitted):
        refusals.refusals_page(database.uow(rep))
    assert "could not record the refusal of refusals.refusals_page" in caplog.text
    assert _refusals(database) == []


def test_the_gm_dashboard_warns_of_a_person_refused_again_and_again(database, admin, make_user) -> None:
    from sales_desk.domain.planning.warnings import WarningKind
    from sales_desk.services.planning import dashboard, drill_down

    t = team(make_user)
    for days in (5, 1, 0):
        _refused(database, t.rep, NOW - timedelta(days=days))
    _refused(database, t.wh)  # once is no pattern
    card = dashboard.dashboard(_at(database, t.gm)).card(WarningKind.REPEATED_REFUSALS)
    assert card is not None and (card.level, card.count) == ("watch", 1)
    assert [(f.key, f.label, f.count) for f in card.figures] == [(str(t.rep.user_id), "rep", 3)]
    records = drill_down.warning_records(_at(database, t.gm), WarningKind.REPEATED_REFUSALS.value,
                                         str(t.rep.user_id))
    assert [(r.tab, r.open_kind, r.open_id, r.code) for r in records] == [("admin", "refusals", t.rep.user_id, "rep")] * 3
    assert records[0].detail.startswith("refusals.refusals_page: You are not permitted")
    quiet = dashboard.dashboard(_at(database, t.gm, NOW + timedelta(days=8))).card(WarningKind.REPEATED_REFUSALS)
    assert quiet is not None and (quiet.level, quiet.count, quiet.figures) == ("ok", 0, ())
    assert dashboard.dashboard(_at(database, t.rep)).card(WarningKind.REPEATED_REFUSALS) is None
