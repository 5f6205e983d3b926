"""What the no-lost-update tests share: the business day they run on, and how many audit
rows an action left (a refused save leaves none)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from sales_desk.models import AuditEntry


@pytest.fixture(autouse=True)
def _day(pin_business_date) -> None:  # noqa: ANN001 - imported by each module, so autouse there
    pin_business_date(date(2026, 3, 10))


def audit_count(database, action: str) -> int:  # noqa: ANN001
    with database.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action))
