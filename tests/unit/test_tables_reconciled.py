"""The trail's replay (domain/admin/reconcile.py): what each audited action sets."""

from __future__ import annotations

import json

from sales_desk.domain.admin.reconcile import (
    NOT_CREATED,
    AuditedChange,
    differences,
    expected_values,
)


def _ch(seq: int, action: str, entity: str, entity_id: int, after: dict) -> AuditedChange:
    return AuditedChange(seq, action, entity, str(entity_id), json.dumps(after))


def test_an_imported_customer_starts_with_the_credit_its_row_carried() -> None:
    state = expected_values([_ch(1, "customer.create", "customer", 7, {
        "code": "C0007", "via": "import", "credit": {"grade": "B", "limit": 8_000_000, "term_days": 60,
                                                     "mode": "credit", "rated_on": "2026-01-02"}})])
    assert state[("customer", 7)].values == {"credit_grade": "B", "credit_limit": 8_000_000,
                                            "payment_term_days": 60, "payment_mode": "credit"}


def test_the_last_entry_that_set_a_field_is_the_one_compared() -> None:
    state = expected_values([
        _ch(1, "customer.create", "customer", 1, {"code": "C0001"}),
        _ch(2, "credit.set_limit", "customer", 1, {"credit_limit": 100, "payment_term_days": 30,
                                                   "payment_mode": "credit"}),
        _ch(3, "credit.limit_policy", "customer", 1, {"credit_limit": 50}),
    ])
    [d] = differences("customer", "customers", [(1, "C0001", {"credit_limit": 100, "payment_term_days": 30})], state)
    assert (d.field, d.in_table, d.by_trail, d.seq) == ("credit_limit", 100, 50, 3)


def test_roles_compare_as_a_set_and_a_disabled_user_stays_disabled() -> None:
    state = expected_values([
        _ch(1, "user.create", "user", 2, {"roles": ["sales_rep", "finance"]}),
        _ch(2, "user.disable", "user", 2, {"active": False}),
    ])
    assert differences("user", "users", [(2, "li", {"roles": ["finance", "sales_rep"], "active": False})],
                       state) == []
    [d] = differences("user", "users", [(2, "li", {"roles": ["finance", "sales_rep"], "active": True})], state)
    assert d.field == "active"


def test_a_row_no_entry_created_is_named_and_changes_to_it_are_ignored() -> None:
    state = expected_values([_ch(1, "user.roles", "user", 9, {"roles": ["gm"]})])
    [d] = differences("user", "users", [(9, "ghost", {"roles": ["gm"], "active": True})], state)
    assert (d.field, d.seq) == (NOT_CREATED, None)


def test_an_approval_counts_only_with_the_approvers_own_audit_row() -> None:
    from sales_desk.domain.admin.reconcile import (
        NO_AUDITED_APPROVAL,
        RecordedApproval,
        unexplained_approvals,
    )

    approval = RecordedApproval("sales_orders", 5, "SO2026-00005", "order", 5, 7, "mgr",
                                ("order.approve", "order.credit_override"))
    assert unexplained_approvals([approval], {("order", "5", 7, "order.credit_override")}) == []
    [d] = unexplained_approvals([approval], {("order", "5", 8, "order.approve"), ("order", "6", 7, "order.approve")})
    assert (d.field, d.in_table) == (NO_AUDITED_APPROVAL, "mgr")
