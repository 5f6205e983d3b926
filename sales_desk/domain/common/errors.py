"""Typed errors meant for people: each carries what the user needs to act.

Messages are translated when raised (the UI and services share one language);
the runner shows ``str(error)``; no stack trace ever reaches a dialog.
"""

from __future__ import annotations

from sales_desk.i18n import _


class DomainError(Exception):
    """A refusal the user can understand and act on."""


class NotPermitted(DomainError):
    def __init__(self, permission: str, username: str | None = None):
        self.permission = permission
        self.username = username
        super().__init__(
            _("You are not permitted to do this (needs the right “{permission}”).").format(
                permission=permission
            )
        )


class SelfApprovalRefused(DomainError):
    def __init__(self, what: str = ""):
        self.what = what
        super().__init__(_("Nobody may approve their own request."))


class ValidationError(DomainError):
    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(_("{field}: {message}").format(field=field, message=message))


class NotFound(DomainError):
    def __init__(self, entity: str, key: object):
        self.entity = entity
        self.key = key
        super().__init__(_("{entity} “{key}” was not found.").format(entity=entity, key=key))


class DuplicateError(DomainError):
    def __init__(self, field: str, value: object):
        self.field = field
        self.value = value
        super().__init__(_("{field} “{value}” is already in use.").format(field=field, value=value))


class AuthenticationFailed(DomainError):
    """One message for an unknown user and a wrong password: no hint which."""

    def __init__(self) -> None:
        super().__init__(_("Unknown user name or wrong password."))


class AccountLocked(DomainError):
    def __init__(self, retry_after_seconds: int):
        self.retry_after_seconds = retry_after_seconds
        super().__init__(
            _("Too many failed attempts. Try again in {seconds} seconds.").format(
                seconds=retry_after_seconds
            )
        )


class Cancelled(DomainError):
    def __init__(self) -> None:
        super().__init__(_("Cancelled."))
