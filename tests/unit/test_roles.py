"""The permission matrix and incompatible duties of SPEC §1, as data."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.roles import (
    ADMIN_PERMISSIONS,
    CONFLICTS,
    ROLE_PERMISSIONS,
    Perm,
    Role,
    admin_mixed_with_business,
    conflicts_in,
    parse_roles,
)


@pytest.mark.parametrize("role", list(Role))
def test_no_single_role_holds_conflicting_duties(role: Role) -> None:
    assert conflicts_in([role]) == []


def test_admin_holds_no_business_permission() -> None:
    assert ADMIN_PERMISSIONS == {Perm.USERS_MANAGE, Perm.SETTINGS_MANAGE, Perm.BACKUP_MANAGE, Perm.AUDIT_VIEW}
    for role, perms in ROLE_PERMISSIONS.items():
        if role is not Role.ADMIN:
            assert not perms & {Perm.USERS_MANAGE, Perm.SETTINGS_MANAGE, Perm.BACKUP_MANAGE}


def test_admin_with_any_business_role_is_refused_outright() -> None:
    assert admin_mixed_with_business([Role.ADMIN, Role.SALES_REP])
    assert not admin_mixed_with_business([Role.ADMIN])


def test_credit_investigator_and_limit_setter_conflict() -> None:
    keys = {c.key for c in conflicts_in([Role.CS_SPECIALIST, Role.SALES_MANAGER])}
    assert "credit.investigate×credit.set_limit" in keys


def test_order_taker_and_shipper_conflict() -> None:
    keys = {c.key for c in conflicts_in([Role.SALES_REP, Role.WAREHOUSE])}
    assert "order.create×dispatch.ship" in keys


def test_budget_preparer_and_approver_conflict() -> None:
    keys = {c.key for c in conflicts_in([Role.SALES_MANAGER, Role.GM])}
    assert "budget.prepare×budget.approve" in keys


def test_pricing_and_finance_conflict() -> None:
    keys = {c.key for c in conflicts_in([Role.SALES_VP, Role.FINANCE])}
    assert "pricing.set×receipt.record" in keys


def test_every_conflict_names_permissions_some_role_grants() -> None:
    granted = set().union(*ROLE_PERMISSIONS.values())
    for c in CONFLICTS:
        assert c.first in granted and c.second in granted, c.key


def test_every_permission_is_granted_to_some_role() -> None:
    granted = set().union(*ROLE_PERMISSIONS.values())
    assert set(Perm) == granted


def test_unknown_role_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="Unknown role"):
        parse_roles(["boss"])
