"""Liability needs fault, the rules alone (domain/collections/liability.py; seed 001 客户信用管理制度
第19条 3)."""

from __future__ import annotations

import pytest

from sales_desk.domain.collections.liability import (
    ChargeStatus,
    Finding,
    RecordStatus,
    charge_status,
    check_exemption_decision,
    check_record,
    counts_for_pay,
    ensure_may_decide,
    record_status_for,
)
from sales_desk.domain.common.errors import SelfApprovalRefused, ValidationError


def test_a_charge_is_final_only_with_a_fault_record() -> None:
    assert charge_status(None) is ChargeStatus.PROPOSED
    assert charge_status(RecordStatus.REJECTED) is ChargeStatus.PROPOSED  # a rejected exemption decides nothing
    assert charge_status(RecordStatus.PENDING) is ChargeStatus.EXEMPTION_PENDING
    assert charge_status(RecordStatus.EXEMPTED) is ChargeStatus.EXEMPTED
    assert charge_status(RecordStatus.FINAL) is ChargeStatus.FINAL
    assert [s for s in ChargeStatus if counts_for_pay(s)] == [ChargeStatus.FINAL]


def test_intent_and_gross_negligence_are_final_and_no_fault_only_proposes_an_exemption() -> None:
    assert record_status_for(Finding.INTENT) is RecordStatus.FINAL
    assert record_status_for(Finding.GROSS_NEGLIGENCE) is RecordStatus.FINAL
    assert record_status_for(Finding.NO_FAULT) is RecordStatus.PENDING


def test_a_fault_record_needs_a_finding_a_reason_a_charge_and_no_live_record() -> None:
    assert check_record("D1", "intent", "故意", None, True) is Finding.INTENT
    assert check_record("D1", "no_fault", "破产", RecordStatus.REJECTED, True) is Finding.NO_FAULT
    for finding, reason, live, charged, words in (
            ("fault", "x", None, True, "intent, gross negligence or no fault"),
            ("intent", " ", None, True, "Reason"),
            ("intent", "x", None, False, "no liability charge"),
            ("intent", "x", RecordStatus.FINAL, True, "decided already"),
            ("no_fault", "x", RecordStatus.EXEMPTED, True, "decided already"),
            ("intent", "x", RecordStatus.PENDING, True, "awaits the general manager")):
        with pytest.raises(ValidationError, match=words):
            check_record("D1", finding, reason, live, charged)


def test_only_a_pending_exemption_is_decided_and_a_rejection_says_why() -> None:
    check_exemption_decision("D1", RecordStatus.PENDING, True, "")
    check_exemption_decision("D1", RecordStatus.PENDING, False, "证据不足")
    with pytest.raises(ValidationError, match="Reason"):
        check_exemption_decision("D1", RecordStatus.PENDING, False, "")
    for status in (RecordStatus.FINAL, RecordStatus.EXEMPTED, RecordStatus.REJECTED):
        with pytest.raises(ValidationError, match="no exemption awaits"):
            check_exemption_decision("D1", status, True, "")


def test_an_exemption_is_decided_by_neither_its_recorder_nor_anyone_it_spares() -> None:
    ensure_may_decide(recorded_by=2, approver=9, answerable={1, 2, 3})
    with pytest.raises(SelfApprovalRefused):
        ensure_may_decide(recorded_by=2, approver=2, answerable={1, 3})
    with pytest.raises(SelfApprovalRefused):
        ensure_may_decide(recorded_by=2, approver=3, answerable={1, 2, 3})
