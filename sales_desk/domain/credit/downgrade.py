"""Downgrade [降级处理] (seed 001, 第14条): a recorded trigger lowers the grade at once — at
least one step, with the new grade's limit and terms — and a re-rating that gives back a
better grade than the downgrade left needs written reasons. The triggers themselves and the
grades' terms live in rating.py.
"""

from __future__ import annotations

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.credit.rating import (
    Grade,
    PaymentMode,
    Terms,
    TermsPolicy,
    terms_after_rating,
)
from sales_desk.i18n import _

GRADE_ORDER: tuple[Grade, ...] = (Grade.A, Grade.B, Grade.C, Grade.D)  # best first


def downgrade_choices(current: Grade | str | None) -> tuple[Grade, ...]:
    """The grades a trigger may lower a customer to [降级处理]: at least one step below the
    current one; D stays D, and a customer never rated goes to D (no credit) until rated."""
    if current is None:
        return (Grade.D,)
    below = GRADE_ORDER[GRADE_ORDER.index(Grade(current)) + 1:]
    return below or (Grade.D,)


def downgraded_grade(current: Grade | str | None, to: Grade | str | None = None) -> Grade:
    """The grade after a trigger: one step down unless a lower one is chosen; a grade
    that is not lower is refused (第14条: the trigger lowers the grade)."""
    choices = downgrade_choices(current)
    if to is None:
        return choices[0]
    if Grade(to) not in choices:
        raise ValidationError(_("New grade"), _(
            "a downgrade trigger lowers grade {grade} by at least one step (第14条)").format(
            grade=Grade(current).value if current else "—"))
    return Grade(to)


def restores_above(new: Grade | str, downgraded_to: Grade | str) -> bool:
    """A re-rating that gives back a better grade than the downgrade left: it needs
    written reasons."""
    return GRADE_ORDER.index(Grade(new)) < GRADE_ORDER.index(Grade(downgraded_to))


def terms_after_downgrade(grade: Grade, current: Terms, policy: TermsPolicy) -> Terms:
    """The new grade's terms at once: D no credit, C its small limit and term, B back to the
    base limit [限度基数] and its longest term; a lower limit or term already set stays."""
    fitted = terms_after_rating(grade, current, policy)
    if grade is Grade.B and fitted.mode is PaymentMode.CREDIT:
        return Terms(min(fitted.limit, policy.standard_limit), fitted.term_days, fitted.mode)
    return fitted
