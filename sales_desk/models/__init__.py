"""Every model re-exported so Alembic's autogenerate and metadata.create_all see it."""

from sales_desk.models.audit import AuditEntry
from sales_desk.models.base import Base, UTCDateTime, utcnow
from sales_desk.models.customers import Customer
from sales_desk.models.settings import Setting
from sales_desk.models.users import LoginFailure, SodJustification, User, UserRole

__all__ = [
    "AuditEntry", "Base", "Customer", "LoginFailure", "Setting", "SodJustification",
    "User", "UserRole", "UTCDateTime", "utcnow",
]
