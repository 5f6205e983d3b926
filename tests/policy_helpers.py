"""Putting policy numbers in force in tests the way the firm does: proposed, then approved.

The administrator may not change a policy number (SPEC §9); a test that needs another
threshold has the role the seed names propose it for today and a general manager approve it.
"""

from __future__ import annotations

from sales_desk import clock
from sales_desk.domain.admin.policy import GROUPS, group_of
from sales_desk.domain.common.errors import DuplicateError
from sales_desk.services.admin import auth, policy, users
from tests.conftest import PASSWORD


def _user(db, admin, username: str, role: str):  # noqa: ANN001, ANN202
    try:
        users.add_user(db.uow(admin), username, PASSWORD, [role])
    except DuplicateError:
        pass
    return auth.login(db.uow(), username, PASSWORD)


def enact_policy(db, admin, changes: dict[str, object]) -> int:  # noqa: ANN001
    """Put `changes` in force from today; returns the new version's number."""
    number = 0
    by_group: dict[object, dict[str, object]] = {}
    for key, value in changes.items():
        by_group.setdefault(group_of(key), {})[key] = value
    gm = _user(db, admin, "policy_gm", "gm")
    for group, part in by_group.items():
        role = GROUPS[group].proposer.value  # type: ignore[index]
        proposer = _user(db, admin, f"policy_{role}", role)
        pid = policy.propose_policy(db.uow(proposer), part, clock.today(), "test")
        number = policy.approve_policy(db.uow(gm), pid)
    return number
