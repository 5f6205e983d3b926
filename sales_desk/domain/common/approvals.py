"""The one rule every approval shares: nobody approves their own request."""

from __future__ import annotations

from sales_desk.domain.common.errors import SelfApprovalRefused


def ensure_not_self_approval(requester_id: int | None, approver_id: int, what: str = "") -> None:
    """Raise if the approver is the person who asked (expense, deferral, override, write-off…)."""
    if requester_id is not None and requester_id == approver_id:
        raise SelfApprovalRefused(what)
