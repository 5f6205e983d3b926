"""Liability needs fault (seed 001 客户信用管理制度 第19条 3): the month's run proposes; the sales
manager records fault (final) or no fault (an exemption); the general manager decides the
exemption, never its recorder nor anyone it spares; only final charges count."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from sales_desk.domain.collections.liability import month_end, month_start
from sales_desk.domain.common.calendar import add_months
from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.models import AuditEntry
from sales_desk.services.collections import liability, liability_faults
from tests.services.collection_flow import crew, customer, doc_id, opening, pay, today


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def months_ago(n: int):  # noqa: ANN201
    return add_months(month_start(today()), -n)


def _debt(database, team, code: str = "C600", rep=None, due_months_ago: int = 2) -> int:  # noqa: ANN001
    """1,000.00 due 40 days before the end of `due_months_ago` months ago: charged 0.5 % from then."""
    customer(database, rep or team.rep, code)
    due = month_end(months_ago(due_months_ago)) - timedelta(days=40)
    opening(database, team.fin, [(code, f"{code}-1", due - timedelta(days=30), due, 100_000)])
    return doc_id(database, f"OB-{code}-1")


def _run(database, team, *months: int) -> None:  # noqa: ANN001
    for n in months:
        liability.run_liability(database.uow(team.fin), months_ago(n))


def _statement(database, team, n: int = 1):  # noqa: ANN001, ANN202
    return liability.liability_statement(database.uow(team.fin), months_ago(n))


def _statuses(st) -> set[str]:  # noqa: ANN001
    return {line.status for p in st.people for line in p.lines}


def test_no_final_liability_charge_without_a_fault_record(database, team) -> None:  # noqa: ANN001
    rid = _debt(database, team)
    _run(database, team, 2, 1)
    st = _statement(database, team)
    assert _statuses(st) == {"proposed"} and st.total == 0 and st.awaiting == 500
    with pytest.raises(ValidationError, match="Reason"):
        liability_faults.record_fault(database.uow(team.mgr), rid, "gross_negligence", "  ")
    with pytest.raises(ValidationError, match="intent, gross negligence or no fault"):
        liability_faults.record_fault(database.uow(team.mgr), rid, "fault", "催收不力")
    assert _statement(database, team).total == 0
    assert [d.doc_no for d in liability_faults.debts_awaiting_fault(database.uow(team.mgr))] == ["OB-C600-1"]


def test_a_fault_record_makes_the_debts_charges_final_with_its_reason_split_5_3_2(database, team) -> None:  # noqa: ANN001
    rid = _debt(database, team, due_months_ago=3)
    _run(database, team, 3, 2)
    liability_faults.record_fault(database.uow(team.mgr), rid, "gross_negligence", "未按规定催收，超期未报告")
    st = _statement(database, team, 2)
    assert {p.name: (p.total, p.awaiting) for p in st.people} == {"rep": (250, 0), "mgr": (150, 0), "vp": (100, 0)}
    line = st.people[0].lines[0]
    assert (line.status, line.finding, line.reason, line.recorded_by) == (
        "final", "gross_negligence", "未按规定催收，超期未报告", "mgr")
    _run(database, team, 1)  # a later month's charge on the same debt follows its record
    assert _statuses(_statement(database, team)) == {"final"} and _statement(database, team).total == 500
    assert liability_faults.debts_awaiting_fault(database.uow(team.mgr)) == []


def test_only_the_sales_manager_records_fault_and_only_the_gm_decides_exemptions(database, team) -> None:  # noqa: ANN001
    rid = _debt(database, team)
    _run(database, team, 2, 1)
    for who in (team.rep, team.fin, team.gm, team.vp):
        with pytest.raises(NotPermitted):
            liability_faults.record_fault(database.uow(who), rid, "intent", "故意")
    fid = liability_faults.record_fault(database.uow(team.mgr), rid, "no_fault", "客户突发破产，已按程序催收")
    for who in (team.mgr, team.fin, team.vp):
        with pytest.raises(NotPermitted):
            liability_faults.decide_exemption(database.uow(who), fid, True)


def test_a_no_fault_debt_charges_nobody_once_the_gm_approves(database, team) -> None:  # noqa: ANN001
    rid = _debt(database, team, due_months_ago=3)
    _run(database, team, 3, 2)
    fid = liability_faults.record_fault(database.uow(team.mgr), rid, "no_fault", "客户遭遇火灾停产，催收已尽责")
    st = _statement(database, team, 2)
    assert _statuses(st) == {"exemption_pending"} and st.total == 0 and st.awaiting == 500
    waiting = liability_faults.exemptions_awaiting(database.uow(team.gm))
    assert [(d.doc_no, d.fault_id, d.recorded_by, d.proposed) for d in waiting] == [("OB-C600-1", fid, "mgr", 1_000)]
    liability_faults.decide_exemption(database.uow(team.gm), fid, True, "同意免责")
    st = _statement(database, team, 2)
    assert _statuses(st) == {"exempted"} and (st.total, st.awaiting) == (0, 0)
    assert {line.decided_by for p in st.people for line in p.lines} == {"gm"}
    assert sum(p.exempted for p in st.people) == 500
    _run(database, team, 1)  # and the months after
    assert _statuses(_statement(database, team)) == {"exempted"} and _statement(database, team).total == 0
    assert liability_faults.exemptions_awaiting(database.uow(team.gm)) == []


def test_an_exemption_approved_by_its_recorder_is_refused(database, team, make_user) -> None:  # noqa: ANN001
    boss = make_user("boss", "sales_manager", "gm", justification="小公司，经理兼任")
    rid = _debt(database, team)
    _run(database, team, 2, 1)
    fid = liability_faults.record_fault(database.uow(boss), rid, "no_fault", "客户资金链断裂")
    with pytest.raises(SelfApprovalRefused):
        liability_faults.decide_exemption(database.uow(boss), fid, True)
    assert _statuses(_statement(database, team)) == {"exemption_pending"}


def test_an_exemption_is_not_approved_by_anyone_it_would_spare(database, team, make_user) -> None:  # noqa: ANN001
    rep_gm = make_user("repgm", "sales_rep", "gm", justification="小公司，总经理兼任销售")
    rid = _debt(database, team, "C601", rep=rep_gm)
    _run(database, team, 2, 1)
    fid = liability_faults.record_fault(database.uow(team.mgr), rid, "no_fault", "不可抗力")
    with pytest.raises(SelfApprovalRefused):
        liability_faults.decide_exemption(database.uow(rep_gm), fid, True)
    liability_faults.decide_exemption(database.uow(team.gm), fid, True)


def test_a_rejected_exemption_leaves_the_debt_awaiting_a_fault_record(database, team) -> None:  # noqa: ANN001
    rid = _debt(database, team)
    _run(database, team, 2, 1)
    fid = liability_faults.record_fault(database.uow(team.mgr), rid, "no_fault", "客户经营困难")
    with pytest.raises(ValidationError, match="Reason"):
        liability_faults.decide_exemption(database.uow(team.gm), fid, False, "")
    liability_faults.decide_exemption(database.uow(team.gm), fid, False, "业务员未及时报告超期")
    with pytest.raises(ValidationError, match="no exemption awaits"):
        liability_faults.decide_exemption(database.uow(team.gm), fid, True)
    assert _statuses(_statement(database, team)) == {"proposed"}
    assert [d.receivable_id for d in liability_faults.debts_awaiting_fault(database.uow(team.mgr))] == [rid]
    liability_faults.record_fault(database.uow(team.mgr), rid, "intent", "业务员隐瞒客户违约")
    st = _statement(database, team)
    assert _statuses(st) == {"final"} and st.total == 500


def test_a_debt_decided_or_awaiting_the_gm_is_not_recorded_again(database, team) -> None:  # noqa: ANN001
    a, b = _debt(database, team, "C602"), _debt(database, team, "C603")
    _run(database, team, 2, 1)
    liability_faults.record_fault(database.uow(team.mgr), a, "intent", "故意拖延")
    liability_faults.record_fault(database.uow(team.mgr), b, "no_fault", "客户破产")
    with pytest.raises(ValidationError, match="decided already"):
        liability_faults.record_fault(database.uow(team.mgr), a, "no_fault", "改判")
    with pytest.raises(ValidationError, match="awaits the general manager"):
        liability_faults.record_fault(database.uow(team.mgr), b, "intent", "改判")


def test_a_debt_without_a_liability_charge_has_no_fault_to_record(database, team) -> None:  # noqa: ANN001
    customer(database, team.rep, "C604")
    opening(database, team.fin, [("C604", "C604-1", today() - timedelta(days=20), today() + timedelta(days=10),
                                  50_000)])
    with pytest.raises(ValidationError, match="no liability charge"):
        liability_faults.record_fault(database.uow(team.mgr), doc_id(database, "OB-C604-1"), "intent", "故意")


def test_every_fault_record_and_exemption_decision_is_audited(database, team) -> None:  # noqa: ANN001
    a, b = _debt(database, team, "C605"), _debt(database, team, "C606")
    _run(database, team, 2, 1)
    liability_faults.record_fault(database.uow(team.mgr), a, "gross_negligence", "未核实客户资信")
    fid = liability_faults.record_fault(database.uow(team.mgr), b, "no_fault", "客户破产")
    liability_faults.decide_exemption(database.uow(team.gm), fid, False, "证据不足")
    fid = liability_faults.record_fault(database.uow(team.mgr), b, "no_fault", "法院已受理破产申请")
    liability_faults.decide_exemption(database.uow(team.gm), fid, True)
    with database.uow() as uow:
        rows = uow.session.execute(select(AuditEntry.action, AuditEntry.after).where(
            AuditEntry.action.like("liability.%")).order_by(AuditEntry.seq)).all()
    trail = [(action, a.get("finding", a["status"])) for action, a in ((x, json.loads(y)) for x, y in rows)
             if action != "liability.run"]
    assert trail == [("liability.fault", "gross_negligence"), ("liability.fault", "no_fault"),
                     ("liability.exemption_reject", "rejected"), ("liability.fault", "no_fault"),
                     ("liability.exemption_approve", "exempted")]


def test_a_refund_follows_its_debts_fault_record(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C607")
    due = month_end(months_ago(5)) - timedelta(days=30)
    opening(database, team.fin, [("C607", "C607-1", due - timedelta(days=30), due, 100_000)])
    pay(database, team.fin, cid, 100_000, on=months_ago(1) + timedelta(days=9))
    _run(database, team, 5, 4, 3, 2, 1)
    liability_faults.record_fault(database.uow(team.mgr), doc_id(database, "OB-C607-1"), "gross_negligence", "未催收")
    totals = [_statement(database, team, n).total for n in (5, 4, 3, 2, 1)]
    assert totals == [500, 500, 500, 20_000, -21_500]  # deducted, then paid back in full


def test_the_dashboard_shows_debts_awaiting_a_fault_record_and_exemptions_awaiting_the_gm(database, team) -> None:  # noqa: ANN001
    from sales_desk.services.planning import dashboard, drill_down

    a, b, _c = _debt(database, team, "C610"), _debt(database, team, "C611"), _debt(database, team, "C612")
    _run(database, team, 2, 1)
    liability_faults.record_fault(database.uow(team.mgr), a, "intent", "故意隐瞒")
    liability_faults.record_fault(database.uow(team.mgr), b, "no_fault", "客户破产")
    for who in (team.mgr, team.gm):
        board = dashboard.dashboard(database.uow(who))
        fault, exempt = board.card("liability_fault"), board.card("liability_exemptions")
        assert fault is not None and (fault.count, fault.amount, fault.level) == (1, 1_000, "watch")
        assert exempt is not None and (exempt.count, exempt.amount) == (1, 1_000)
    assert dashboard.dashboard(database.uow(team.rep)).card("liability_fault") is None  # not the rep's duty
    records = drill_down.warning_records(database.uow(team.gm), "liability_exemptions")
    assert [(r.code, r.tab, r.open_kind, r.open_id) for r in records] == [("OB-C611-1", "collections", "liability", b)]
    with pytest.raises(NotPermitted):
        drill_down.warning_records(database.uow(team.rep), "liability_fault")


def test_an_exemption_waits_in_the_gms_inbox_but_never_in_its_recorders(database, team, make_user) -> None:  # noqa: ANN001
    from sales_desk.services.planning import inbox

    boss = make_user("boss", "sales_manager", "gm", justification="小公司，经理兼任")
    rid = _debt(database, team)
    _run(database, team, 2, 1)
    fid = liability_faults.record_fault(database.uow(boss), rid, "no_fault", "客户破产")
    items = [i for i in inbox.waiting_for_me(database.uow(team.gm)) if i.kind == "liability_exemption"]
    assert [(i.id, i.open_kind, i.open_id, i.who, i.amount) for i in items] == [(fid, "liability", rid, "boss", 1_000)]
    assert not [i for i in inbox.waiting_for_me(database.uow(boss)) if i.kind == "liability_exemption"]
