"""Typed errors meant for people: each carries what the user needs to act.

Messages are translated when raised (the UI and services share one language);
the runner shows ``str(error)``; no stack trace ever reaches a dialog.
"""

from __future__ import annotations

from typing import ClassVar

from sales_desk.i18n import _


class DomainError(Exception):
    """A refusal the user can understand and act on.

    `refusal` says how the refusals log (domain/admin/refusals.py) files it: a control
    that said no ("no_right", "own_approval", "rule": every error is a rule's refusal
    unless it says otherwise, so a new rule is logged without anyone remembering to), or
    None for what is not an attempt refused: input to correct, a record that is not there,
    a file or a machine that failed.
    """

    refusal: ClassVar[str | None] = "rule"


class NotPermitted(DomainError):
    refusal = "no_right"

    def __init__(self, permission: str, username: str | None = None):
        self.permission = permission
        self.username = username
        super().__init__(
            _("You are not permitted to do this (needs the right “{permission}”).").format(
                permission=permission
            )
        )


class SelfApprovalRefused(DomainError):
    refusal = "own_approval"

    def __init__(self, what: str = ""):
        self.what = what
        super().__init__(_("Nobody may approve their own request."))


class ValidationError(DomainError):
    refusal = None  # bad input, corrected and tried again: the log would be noise

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(_("{field}: {message}").format(field=field, message=message))


class NotFound(DomainError):
    refusal = None  # gone or never there (a stale list): nothing was refused

    def __init__(self, entity: str, key: object):
        self.entity = entity
        self.key = key
        super().__init__(_("{entity} “{key}” was not found.").format(entity=entity, key=key))


class DuplicateError(DomainError):
    refusal = None  # a code or name already taken: input to correct

    def __init__(self, field: str, value: object):
        self.field = field
        self.value = value
        super().__init__(_("{field} “{value}” is already in use.").format(field=field, value=value))


class AuthenticationFailed(DomainError):
    """One message for an unknown user and a wrong password: no hint which."""

    refusal = None  # the audit trail records failed log-ins (auth.login_failed)

    def __init__(self) -> None:
        super().__init__(_("Unknown user name or wrong password."))


class AccountLocked(DomainError):
    refusal = None  # follows failed log-ins, which the audit trail records

    def __init__(self, retry_after_seconds: int):
        self.retry_after_seconds = retry_after_seconds
        super().__init__(
            _("Too many failed attempts. Try again in {seconds} seconds.").format(
                seconds=retry_after_seconds
            )
        )


class Cancelled(DomainError):
    refusal = None  # the user's own choice

    def __init__(self) -> None:
        super().__init__(_("Cancelled."))
