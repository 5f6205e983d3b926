"""An evaluation's way (seed 003 1.2.7: 评估的结果必须对销售人员进行反馈): worked out from the
figures (draft), the manager's written feedback given to the rep (given), the rep's
acknowledgement (acknowledged). Once given, its figures no longer change. Pure."""

from __future__ import annotations

from enum import StrEnum

from sales_desk.domain.common.errors import NotPermitted, ValidationError
from sales_desk.i18n import N_, _

YEAR = 0  # month 0: the evaluation of the whole year


class EvalStatus(StrEnum):
    DRAFT = "draft"
    GIVEN = "given"
    ACKNOWLEDGED = "acknowledged"


EVAL_STATUS_LABELS = {EvalStatus.DRAFT: N_("Draft"), EvalStatus.GIVEN: N_("Given to the rep"),
                      EvalStatus.ACKNOWLEDGED: N_("Acknowledged")}


def check_feedback(status: str, feedback: str) -> str:
    if status != EvalStatus.DRAFT.value:
        raise ValidationError(_("Feedback"), _("the evaluation was already given to the rep"))
    if not feedback.strip():
        raise ValidationError(_("Feedback"), _("write the feedback the rep will read"))
    return feedback.strip()


def check_acknowledge(status: str, rep_id: int, actor_id: int) -> None:
    if rep_id != actor_id:
        raise NotPermitted("performance.acknowledge")
    if status != EvalStatus.GIVEN.value:
        raise ValidationError(_("Acknowledge"), _("only an evaluation given to you can be acknowledged"))


def period_label(year: int, month: int) -> str:
    return str(year) if month == YEAR else f"{year}-{month:02d}"
