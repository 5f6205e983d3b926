"""Collections rules with no database: aging buckets, allocation, the ladder, deferrals,
staff liability 5:3:2 (SPEC §5; seed 001 销售回款管理制度, 客户信用管理制度 第19条)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sales_desk.domain.collections.aging import Buckets, bucket_totals, days_overdue
from sales_desk.domain.collections.allocation import (
    AllocationMismatch,
    OpenItem,
    ReceiptExceedsOpen,
    by_hand,
    oldest_first,
)
from sales_desk.domain.collections.deferral import (
    Approval,
    DeferralTooLong,
    PoorCredit,
    StepOutOfTurn,
    approval_slot,
    check_credit,
    check_new_due,
    complete,
)
from sales_desk.domain.collections.dunning import (
    DeadlineNotPassed,
    Evidence,
    EvidenceMissing,
    LadderState,
    SendMethod,
    Step,
    StepOutOfOrder,
    ThankYouFirst,
    check_evidence,
    check_step,
    good_credit,
    next_step,
)
from sales_desk.domain.collections.liability import (
    ChargeKind,
    charge_for_month,
    month_end,
    refund_due,
    split,
)
from sales_desk.domain.common.errors import ValidationError

AS_OF = date(2026, 6, 30)

# -- aging --------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "bucket"), [
    (-5, 0), (0, 0), (1, 1), (30, 1), (31, 2), (60, 2), (61, 3), (90, 3), (91, 4), (120, 4), (121, 5), (999, 5)])
def test_aging_bucket_edges_day_0_30_31_120_121(days: int, bucket: int) -> None:
    b = Buckets()
    due = AS_OF - timedelta(days=days)
    assert days_overdue(due, AS_OF) == days
    assert b.index(days) == bucket
    # the SQL's comparisons on the due date put it in the same bucket
    cut = b.cutoffs(AS_OF)
    sql_bucket = next((i for i, c in enumerate(cut) if due >= c), len(cut))
    assert sql_bucket == bucket


def test_aging_buckets_come_from_the_setting() -> None:
    b = Buckets.from_settings({"aging.buckets": [15, 45]})
    assert b.count == 4 and [b.index(d) for d in (0, 15, 16, 45, 46)] == [0, 1, 2, 2, 3]
    assert b.labels() == ["Current", "1–15 days", "16–45 days", "Over 45 days"]
    with pytest.raises(ValidationError):
        Buckets((60, 30))


def test_bucket_totals_add_up_to_what_is_open() -> None:
    items = [(AS_OF, 100), (AS_OF - timedelta(days=31), 250), (AS_OF - timedelta(days=200), 7)]
    totals = bucket_totals(items, AS_OF, Buckets())
    assert totals == [100, 0, 250, 0, 0, 7] and sum(totals) == 357


# -- allocation -----------------------------------------------------------------------------

ITEMS = [
    OpenItem(3, "INV-3", date(2026, 3, 1), date(2026, 4, 30), 5_000),
    OpenItem(1, "INV-1", date(2026, 1, 1), date(2026, 1, 31), 10_000),
    OpenItem(2, "INV-2", date(2026, 2, 1), date(2026, 3, 3), 20_000),
]


def test_receipt_is_allocated_oldest_first_by_due_date() -> None:
    assert [(a.receivable_id, a.amount) for a in oldest_first(ITEMS, 25_000)] == [(1, 10_000), (2, 15_000)]


def test_receipt_beyond_what_is_open_is_refused() -> None:
    with pytest.raises(ReceiptExceedsOpen):
        oldest_first(ITEMS, 35_001)


def test_allocation_by_hand_must_add_up_to_the_receipt_within_each_open_amount() -> None:
    assert [(a.receivable_id, a.amount) for a in by_hand(ITEMS, {3: 5_000, 2: 1_000}, 6_000)] == [
        (2, 1_000), (3, 5_000)]
    with pytest.raises(AllocationMismatch):
        by_hand(ITEMS, {3: 5_000}, 6_000)
    with pytest.raises(ValidationError):
        by_hand(ITEMS, {3: 5_001}, 5_001)
    with pytest.raises(ValidationError):
        by_hand(ITEMS, {99: 1}, 1)


# -- the ladder ------------------------------------------------------------------------------

DUE = date(2026, 5, 10)


def state(last: Step | None, *, good: bool = True, on: date | None = None, deadline: date | None = None,
          overdue: int = 50_000, after_deferral: bool = False, unrecoverable: bool = False,
          next_due: date | None = None) -> LadderState:
    return LadderState(last, on, deadline, overdue, DUE if overdue else None, next_due, good, after_deferral,
                       unrecoverable)


def test_good_credit_is_grade_a_or_b_not_on_hold() -> None:
    assert good_credit("A", False) and good_credit("B", False)
    assert not good_credit("B", True) and not good_credit("C", False) and not good_credit(None, False)


def test_ladder_order_reminder_overdue_thank_you_dunning_lawyer_lawsuit_write_off() -> None:
    d0 = DUE + timedelta(days=1)
    seen = [next_step(state(None, overdue=0, next_due=DUE)).step]
    s = state(None)
    path = [(Step.OVERDUE, d0, None, None), (Step.THANK_YOU, d0, SendMethod.MAIL, d0 + timedelta(days=15)),
            (Step.DUNNING, d0 + timedelta(days=16), SendMethod.FAX, d0 + timedelta(days=31)),
            (Step.LAWYER, d0 + timedelta(days=32), SendMethod.COURIER, d0 + timedelta(days=47)),
            (Step.LAWSUIT, d0 + timedelta(days=48), None, None)]
    for step, on, method, deadline in path:
        assert next_step(s).step is step
        check_step(s, step, on, method, deadline)
        seen.append(step)
        s = state(step, on=on, deadline=deadline or s.deadline)
    assert next_step(s) is None  # waiting for the judgement
    assert next_step(state(Step.LAWSUIT, on=d0, unrecoverable=True)).step is Step.WRITTEN_OFF
    assert seen == [Step.REMINDER, Step.OVERDUE, Step.THANK_YOU, Step.DUNNING, Step.LAWYER, Step.LAWSUIT]


def test_thank_you_letter_first_for_a_customer_with_good_credit() -> None:
    s = state(Step.OVERDUE, on=DUE + timedelta(days=2))
    assert next_step(s).step is Step.THANK_YOU
    with pytest.raises(ThankYouFirst):
        check_step(s, Step.DUNNING, DUE + timedelta(days=3), SendMethod.FAX)


def test_no_thank_you_letter_for_poor_credit_nor_after_a_broken_deferral() -> None:
    for s in (state(Step.OVERDUE, good=False, on=DUE), state(Step.OVERDUE, on=DUE, after_deferral=True)):
        assert next_step(s).step is Step.DUNNING
        with pytest.raises(StepOutOfOrder):
            check_step(s, Step.THANK_YOU, DUE + timedelta(days=1), SendMethod.MAIL)
        check_step(s, Step.DUNNING, DUE + timedelta(days=1), SendMethod.COURIER)


def test_no_step_is_skipped() -> None:
    with pytest.raises(StepOutOfOrder):
        check_step(state(None), Step.DUNNING, DUE + timedelta(days=5), SendMethod.FAX)
    with pytest.raises(StepOutOfOrder):
        check_step(state(Step.THANK_YOU, on=DUE, deadline=DUE), Step.LAWYER, DUE + timedelta(days=40),
                   SendMethod.COURIER)


def test_lawyers_letter_only_after_the_dunning_notices_deadline() -> None:
    s = state(Step.DUNNING, on=DUE, deadline=DUE + timedelta(days=15))
    with pytest.raises(DeadlineNotPassed):
        check_step(s, Step.LAWYER, DUE + timedelta(days=15), SendMethod.COURIER)
    check_step(s, Step.LAWYER, DUE + timedelta(days=16), SendMethod.COURIER)


def test_dunning_notice_goes_by_fax_or_courier() -> None:
    s = state(Step.OVERDUE, good=False, on=DUE)
    with pytest.raises(ValidationError):
        check_step(s, Step.DUNNING, DUE + timedelta(days=1), SendMethod.MAIL)
    with pytest.raises(ValidationError):
        check_step(s, Step.DUNNING, DUE + timedelta(days=1), None)


def test_reminder_comes_before_the_due_date() -> None:
    s = state(None, overdue=0, next_due=DUE)
    assert next_step(s).due_on == DUE - timedelta(days=7)
    check_step(s, Step.REMINDER, DUE - timedelta(days=7), SendMethod.MAIL)
    with pytest.raises(ValidationError):
        check_step(s, Step.REMINDER, DUE + timedelta(days=1), SendMethod.MAIL)


def test_outcomes_are_recorded_by_the_receipt_write_off_or_deferral_not_by_hand() -> None:
    with pytest.raises(ValidationError):
        check_step(state(Step.LAWSUIT, on=DUE, unrecoverable=True), Step.WRITTEN_OFF, DUE)


def test_lawsuit_is_filed_only_with_its_required_evidence() -> None:
    with pytest.raises(EvidenceMissing) as err:
        check_evidence({Evidence.CONTRACT, Evidence.INVOICES})
    assert Evidence.DELIVERY in err.value.missing and Evidence.STATEMENT not in err.value.missing
    check_evidence({Evidence.CONTRACT, Evidence.DELIVERY, Evidence.INVOICES, Evidence.DUNNING_RECORD,
                    Evidence.LAWYER_LETTER})


# -- deferral --------------------------------------------------------------------------------


def test_deferral_at_most_three_months_past_the_contract_due_date() -> None:
    contract = date(2026, 1, 31)
    check_new_due("INV-1", contract, contract, date(2026, 4, 30))
    with pytest.raises(DeferralTooLong):
        check_new_due("INV-1", contract, contract, date(2026, 5, 1))
    # a second deferral counts from the contract's date too, not from the first deferral's
    with pytest.raises(DeferralTooLong):
        check_new_due("INV-1", contract, date(2026, 3, 31), date(2026, 6, 30))
    with pytest.raises(ValidationError):
        check_new_due("INV-1", contract, date(2026, 3, 31), date(2026, 3, 31))


def test_deferral_refused_for_poor_credit() -> None:
    check_credit("C1", "A", False)
    for grade, hold in (("C", False), ("D", False), (None, False), ("A", True)):
        with pytest.raises(PoorCredit):
            check_credit("C1", grade, hold)


def test_deferral_needs_finance_then_the_sales_vp_then_the_general_manager() -> None:
    fin = {Approval.FINANCE}
    assert approval_slot({"finance"}, set()) is Approval.FINANCE
    assert approval_slot({"sales_vp"}, fin) is Approval.SALES_VP
    assert approval_slot({"gm"}, fin | {Approval.SALES_VP}) is Approval.GM
    assert approval_slot({"sales_vp", "gm"}, fin | {Approval.SALES_VP}) is Approval.GM
    with pytest.raises(StepOutOfTurn):  # the VP before finance's check
        approval_slot({"sales_vp"}, set())
    with pytest.raises(StepOutOfTurn):  # the GM before the VP
        approval_slot({"gm"}, fin)
    with pytest.raises(ValidationError):
        approval_slot({"sales_vp"}, fin | {Approval.SALES_VP})
    assert not complete({Approval.SALES_VP, Approval.GM}) and complete(fin | {Approval.SALES_VP, Approval.GM})


# -- staff liability ----------------------------------------------------------------------------

JUNE = date(2026, 6, 1)


@pytest.mark.parametrize(("days", "kind"), [(29, None), (30, ChargeKind.MONTHLY), (31, ChargeKind.MONTHLY),
                                            (119, ChargeKind.MONTHLY), (120, ChargeKind.BAD_DEBT)])
def test_liability_at_29_30_31_and_120_days(days: int, kind: ChargeKind | None) -> None:
    due = month_end(JUNE) - timedelta(days=days)
    charge = charge_for_month(due, 123_456, JUNE, already_bad=False)
    if kind is None:
        assert charge is None
    else:
        assert charge.kind is kind and charge.days_overdue == days
        assert charge.total == (617 if kind is ChargeKind.MONTHLY else 24_691)  # 0.5 %, 20 % half-up


def test_liability_across_months_charges_each_month_until_bad_then_stops() -> None:
    due = date(2026, 3, 1)  # 30 days on 31 March
    months = [date(2026, m, 1) for m in range(2, 9)]
    kinds = []
    bad = False
    for m in months:
        c = charge_for_month(due, 10_000, m, already_bad=bad)
        kinds.append(c.kind if c else None)
        bad = bad or (c is not None and c.kind is ChargeKind.BAD_DEBT)
    # Feb: not due; Mar 30 days, Apr 60, May 91: 0.5 %; Jun 121: bad, 20 %; then nothing more
    assert kinds == [None, ChargeKind.MONTHLY, ChargeKind.MONTHLY, ChargeKind.MONTHLY,
                     ChargeKind.BAD_DEBT, None, None]


def test_liability_refund_in_the_month_a_bad_debt_is_recovered_in_full() -> None:
    assert refund_due(True, 0, date(2026, 6, 12), 0, JUNE, already_refunded=False)
    assert not refund_due(True, 0, date(2026, 5, 31), 0, JUNE, already_refunded=False)  # another month
    assert not refund_due(True, 1, None, 0, JUNE, already_refunded=False)  # not in full
    assert not refund_due(True, 0, date(2026, 6, 12), 500, JUNE, already_refunded=False)  # written off
    assert not refund_due(False, 0, date(2026, 6, 12), 0, JUNE, already_refunded=False)  # never bad
    assert not refund_due(True, 0, date(2026, 6, 12), 0, JUNE, already_refunded=True)


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_liability_shares_always_sum_to_the_total(total: int) -> None:
    shares = split(total)
    assert sum(shares) == total
    for share, weight in zip(shares, (5, 3, 2), strict=True):
        assert abs(share * 10 - total * weight) < 10  # within one minor unit of 5:3:2


def test_liability_split_gives_the_remainder_by_largest_remainder() -> None:
    assert split(617) == [309, 185, 123]  # 308.5, 185.1, 123.4
    assert split(1) == [1, 0, 0] and split(2) == [1, 1, 0] and split(-3) == [-1, -1, -1]  # 1.5, 0.9, 0.6
