"""The ladder through the services: order, the thank-you letter first, the lawsuit's
evidence, the write-off (never approved by its submitter), the worklist and the letters."""

from __future__ import annotations

import pytest

from sales_desk.domain.collections.dunning import (
    DeadlineNotPassed,
    EvidenceMissing,
    Step,
    StepOutOfOrder,
    ThankYouFirst,
)
from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.services.collections import (
    dunning,
    ladder,
    lawsuits,
    letter_data,
    worklist,
    writeoffs,
)
from tests.services.collection_flow import ago, crew, customer, invoice, open_amount, pay


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def steps(database, actor, cid: int) -> list[str]:  # noqa: ANN001
    return [s.step for s in ladder.customer_ladder(database.uow(actor), cid).history]


def walk_to_lawsuit(database, team, cid: int, good: bool = True) -> int:  # noqa: ANN001
    """Overdue (70 days) → thank-you (good credit) → dunning notice → lawyer's letter → lawsuit filed."""
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=ago(60))
    if good:
        dunning.record_step(database.uow(team.rep), cid, "thank_you", on=ago(59), sent_via="mail",
                            deadline=ago(50))
    dunning.record_step(database.uow(team.rep), cid, "dunning", on=ago(45), sent_via="fax", deadline=ago(35))
    dunning.send_lawyer_letter(database.uow(team.mgr), cid, on=ago(30), sent_via="courier", deadline=ago(20))
    suit = lawsuits.prepare_lawsuit(database.uow(team.mgr), cid, on=ago(15), court="上海市浦东新区人民法院")
    for item in ("contract", "delivery", "invoices", "dunning_record", "lawyer_letter"):
        lawsuits.record_evidence(database.uow(team.rep), suit, item, True)
    lawsuits.file_lawsuit(database.uow(team.mgr), suit, filed_on=ago(10), case_no="(2026)沪0115民初1234号")
    return suit


def test_ladder_order_from_overdue_to_write_off(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C300", grade="A")
    inv = invoice(database, team.fin, "C300", "L-1", 70, 80_000)
    suit = walk_to_lawsuit(database, team, cid)
    assert steps(database, team.fin, cid) == ["overdue", "thank_you", "dunning", "lawyer", "lawsuit"]
    with pytest.raises(StepOutOfOrder):  # not before the court found the debt unrecoverable
        writeoffs.submit_writeoff(database.uow(team.fin), cid, "客户已破产")
    lawsuits.record_outcome(database.uow(team.mgr), suit, "unrecoverable", on=ago(2), note="无可执行财产，终结执行")
    wid = writeoffs.submit_writeoff(database.uow(team.fin), cid, "经法院终结执行，确认无法收回")
    writeoffs.decide_writeoff(database.uow(team.mgr), wid, True, "同意核销")
    assert open_amount(database, inv) == 0
    assert steps(database, team.fin, cid)[-1] == Step.WRITTEN_OFF.value
    view = ladder.customer_ladder(database.uow(team.fin), cid)
    assert view.current_step is None and view.next_step is None


def test_thank_you_letter_first_for_a_customer_with_good_credit(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C301", grade="B")
    invoice(database, team.fin, "C301", "M-1", 20, 10_000)
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=ago(15))
    with pytest.raises(ThankYouFirst):
        dunning.record_step(database.uow(team.rep), cid, "dunning", on=ago(10), sent_via="fax")
    dunning.record_step(database.uow(team.rep), cid, "thank_you", on=ago(10), sent_via="mail")
    with pytest.raises(DeadlineNotPassed):  # 15 days to pay after the thank-you letter
        dunning.record_step(database.uow(team.rep), cid, "dunning", sent_via="fax")


def test_poor_credit_goes_from_the_overdue_notice_to_the_dunning_notice(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C302", grade="C")
    invoice(database, team.fin, "C302", "N-1", 20, 10_000)
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=ago(15))
    with pytest.raises(StepOutOfOrder):
        dunning.record_step(database.uow(team.rep), cid, "thank_you", on=ago(14), sent_via="mail")
    dunning.record_step(database.uow(team.rep), cid, "dunning", on=ago(14), sent_via="courier")
    assert steps(database, team.rep, cid) == ["overdue", "dunning"]


def test_lawyers_letter_is_the_sales_managers_and_lawsuit_needs_its_evidence(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C303", grade="D")
    invoice(database, team.fin, "C303", "O-1", 70, 10_000)
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=ago(60))
    dunning.record_step(database.uow(team.rep), cid, "dunning", on=ago(45), sent_via="fax", deadline=ago(35))
    with pytest.raises(NotPermitted):
        dunning.send_lawyer_letter(database.uow(team.rep), cid, on=ago(30), sent_via="courier")
    with pytest.raises(ValidationError):  # lawyer's letters need proof of delivery: not by fax
        dunning.send_lawyer_letter(database.uow(team.mgr), cid, on=ago(30), sent_via="fax")
    dunning.send_lawyer_letter(database.uow(team.mgr), cid, on=ago(30), sent_via="courier", deadline=ago(20))
    suit = lawsuits.prepare_lawsuit(database.uow(team.mgr), cid, court="上海市浦东新区人民法院")
    lawsuits.record_evidence(database.uow(team.rep), suit, "contract", True)
    with pytest.raises(EvidenceMissing):
        lawsuits.file_lawsuit(database.uow(team.mgr), suit)
    (view,) = lawsuits.customer_lawsuits(database.uow(team.rep), cid)
    assert view.status == "preparing" and not view.ready_to_file and view.claim_amount == 10_000


def test_write_off_approver_is_never_the_submitter(database, team, make_user) -> None:  # noqa: ANN001
    both = make_user("both", "finance", "sales_manager", justification="小公司，财务兼销售经理")
    cid = customer(database, team.rep, "C304", grade="A")
    invoice(database, team.fin, "C304", "P-1", 70, 10_000)
    suit = walk_to_lawsuit(database, team, cid)
    lawsuits.record_outcome(database.uow(team.mgr), suit, "unrecoverable", on=ago(1))
    wid = writeoffs.submit_writeoff(database.uow(both), cid, "无法收回")
    with pytest.raises(SelfApprovalRefused):
        writeoffs.decide_writeoff(database.uow(both), wid, True)
    with pytest.raises(NotPermitted):
        writeoffs.decide_writeoff(database.uow(team.fin), wid, True)
    writeoffs.decide_writeoff(database.uow(team.mgr), wid, True)
    assert writeoffs.writeoffs(database.uow(team.fin))[0].status == "approved"


def test_money_clearing_the_overdue_closes_the_cycle_as_collected(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C305", grade="A")
    invoice(database, team.fin, "C305", "Q-1", 20, 10_000)
    invoice(database, team.fin, "C305", "Q-2", -10, 5_000)  # not yet due: stays open
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=ago(15))
    pay(database, team.fin, cid, 10_000)
    view = ladder.customer_ladder(database.uow(team.fin), cid)
    assert view.history[-1].step == "collected" and view.current_step is None and view.overdue == 0


def test_finance_runs_the_aging_and_tells_each_rep_once(database, team) -> None:  # noqa: ANN001
    a = customer(database, team.rep, "C306")
    b = customer(database, team.rep2, "C307")
    invoice(database, team.fin, "C306", "R-1", 3, 10_000)
    invoice(database, team.fin, "C307", "R-2", -3, 10_000)  # due in 3 days: a reminder, not overdue
    assert dunning.run_overdue_notices(database.uow(team.fin)) == ["C306"]
    assert dunning.run_overdue_notices(database.uow(team.fin)) == []
    work = {w.code: w for w in worklist.worklist(database.uow(team.mgr))}
    assert work["C306"].current_step == "overdue" and work["C306"].next_step == "thank_you"
    assert work["C306"].due_now and work["C306"].days_overdue == 3
    assert work["C307"].current_step is None and work["C307"].next_step == "reminder" and work["C307"].due_now
    assert [w.code for w in worklist.worklist(database.uow(team.rep2))] == ["C307"]
    assert steps(database, team.fin, a)[0] == "overdue" and steps(database, team.fin, b) == []


def test_letters_carry_the_debt_the_deadline_and_the_history(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C308", grade="C")
    invoice(database, team.fin, "C308", "S-1", 50, 30_000)
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=ago(40))
    pay(database, team.fin, cid, 10_000, on=ago(35))
    dunning.record_step(database.uow(team.rep), cid, "dunning", on=ago(30), sent_via="fax", deadline=ago(15))
    data = letter_data.letter(database.uow(team.rep), cid, "dunning")
    assert data.letter_ref.startswith("DL") and data.deadline == ago(15) and data.total == 20_000
    assert [(i.doc_no, i.open_amount) for i in data.items] == [("OB-S-1", 20_000)]
    assert [h.what for h in data.history] == ["overdue", "receipt"]
    assert [d.customer_code for d in letter_data.letters_at(database.uow(team.fin), "dunning")] == ["C308"]
    with pytest.raises(letter_data.NotAtStep):
        letter_data.letter(database.uow(team.rep), cid, "lawyer")


def test_a_step_may_not_be_dated_in_the_future_nor_before_the_last(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C309", grade="C")
    invoice(database, team.fin, "C309", "T-1", 20, 10_000)
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=ago(10))
    with pytest.raises(ValidationError):
        dunning.record_step(database.uow(team.rep), cid, "dunning", on=ago(11), sent_via="fax")
    with pytest.raises(ValidationError):
        dunning.record_step(database.uow(team.rep), cid, "dunning", on=ago(-1), sent_via="fax")
