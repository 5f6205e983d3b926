"""Policy versions: the business numbers, proposed by the role the seed names, approved by
the general manager, in force from a date (domain/admin/policy.py says who sets which).

Every rule reads the numbers in force on its business date (`policy_in_force`, through
`load_settings`); a printed form names the version it was laid out under.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.policy import (
    GROUPS,
    STATUS_LABELS,
    PolicyGroup,
    PolicyRefused,
    ProposalStatus,
    VersionKey,
    check_effective_date,
    group_of,
    in_force,
    values_at,
)
from sales_desk.domain.admin.settings import (
    DEFAULTS,
    PERSONAL_ALLOWANCES,
    SPEC_BY_KEY,
    SPECS,
    validate_grade_bands,
    weights_of,
)
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.credit.rating import validate_weights
from sales_desk.i18n import N_, _
from sales_desk.models import PolicyVersion, User
from sales_desk.services.common.base import business_today, current_actor, service, user_names

POLICY_DEFAULTS = {k: v for k, v in DEFAULTS.items() if group_of(k) is not None}


@dataclass(frozen=True)
class PolicyInForce:
    number: int  # 0: no version yet (a database before version 1): the defaults
    effective_from: date | None
    values: dict[str, object]


def _approved(uow: UnitOfWork) -> list[tuple[VersionKey, dict[str, object]]]:
    rows = uow.session.execute(
        select(PolicyVersion.number, PolicyVersion.effective_from, PolicyVersion.changes)
        .where(PolicyVersion.status == ProposalStatus.APPROVED.value))
    return [(VersionKey(r.effective_from, r.number), json.loads(r.changes)) for r in rows]


def policy_in_force(uow: UnitOfWork, on: date | None = None) -> PolicyInForce:
    """The policy numbers and version in force on `on` (the business date by default).
    For use inside other services' transactions, like load_settings."""
    day = on or business_today(uow)
    versions = _approved(uow)
    key = in_force([k for k, _c in versions], day)
    if key is None:
        return PolicyInForce(0, None, dict(POLICY_DEFAULTS))
    return PolicyInForce(key.number, key.effective_from, values_at(versions, POLICY_DEFAULTS, key))


@service(Perm.POLICY_VIEW, read_only=True)
def policy_on(uow: UnitOfWork, on: date) -> PolicyInForce:
    return policy_in_force(uow, on)


def coerce_setting(key: str, value: object) -> object:
    """A setting's value as stored, or a ValidationError saying what is wrong with it."""
    spec = SPEC_BY_KEY.get(key)
    if spec is None:
        raise ValidationError(key, _("unknown setting"))
    label = spec.text()
    try:
        if spec.kind == "allowance_map":
            return _allowances(label, value)
        if spec.kind in ("money", "int"):
            if isinstance(value, bool) or isinstance(value, float):
                raise TypeError
            number = int(value)  # type: ignore[call-overload]
            if spec.minimum is not None and number < spec.minimum:
                raise ValidationError(label, _("at least {n}").format(n=spec.minimum))
            if spec.maximum is not None and number > spec.maximum:
                raise ValidationError(label, _("at most {n}").format(n=spec.maximum))
            return number
        if spec.kind == "int_list":
            items = [int(v) for v in value]  # type: ignore[union-attr]
            if not items or items != sorted(set(items)) or items[0] <= 0:
                raise ValidationError(label, _("increasing whole numbers of days, above 0"))
            return items
        text = str(value).strip()
        if not text:
            raise ValidationError(label, _("must not be empty"))
        return text
    except (TypeError, ValueError):
        raise ValidationError(label, _("not a valid value")) from None


def _allowances(label: str, value: object) -> dict[str, int]:
    """{user name: monthly allowance}; an amount is whole minor units, 0 or more."""
    if not isinstance(value, dict):
        raise TypeError
    out: dict[str, int] = {}
    for name, amount in sorted(value.items()):
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise ValidationError(label, _("{name}: an allowance is an amount of 0 or more").format(name=name))
        out[str(name).strip()] = amount
    return out


def check_consistent(values: dict[str, object]) -> None:
    validate_weights(weights_of(values))  # 第10条: the scorecard's weights make 100 points
    if not validate_grade_bands(values["credit.grade_a_min"], values["credit.grade_b_min"],  # type: ignore[arg-type]
                                values["credit.grade_c_min"]):  # type: ignore[arg-type]
        raise ValidationError(_("Credit grade bands"), _("need 0 ≤ C < B < A ≤ 100"))


def _group_of_changes(changes: dict[str, object]) -> PolicyGroup:
    groups = {group_of(k) for k in changes}
    if None in groups:
        raise ValidationError(_("Policy"), _("a technical setting is changed by the administrator"))
    if len(groups) != 1:
        raise ValidationError(_("Policy"), _("one proposal changes the numbers of one group"))
    return groups.pop()  # type: ignore[return-value]


@service(Perm.POLICY_PROPOSE)
def propose_policy(uow: UnitOfWork, changes: dict[str, object], effective_from: date, reason: str) -> int:
    """Propose new numbers for one group, to take force on `effective_from`."""
    proposal_id = propose(uow, changes, effective_from, reason)
    uow.commit()
    return proposal_id


def propose(uow: UnitOfWork, changes: dict[str, object], effective_from: date, reason: str) -> int:
    actor = current_actor(uow)
    if not changes:
        raise ValidationError(_("Policy"), _("nothing is changed"))
    group = _group_of_changes(changes)
    rule = GROUPS[group]
    if rule.proposer not in actor.roles:
        raise PolicyRefused(_("The {role} proposes the {group} ({article}).").format(
            role=rule.proposer.label.lower(), group=_(rule.label).lower(), article=rule.article))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Reason"), _("say why the policy should change"))
    check_effective_date(effective_from, business_today(uow))
    pending = uow.session.scalar(select(PolicyVersion.id).where(
        PolicyVersion.group == group.value, PolicyVersion.status == ProposalStatus.PROPOSED.value))
    if pending is not None:
        raise PolicyRefused(_(
            "A proposal for the {group} is already awaiting the general manager: it is approved or "
            "returned before the next.").format(group=_(rule.label).lower()))
    coerced = {k: coerce_setting(k, v) for k, v in changes.items()}
    _check_people(uow, coerced)
    base = policy_in_force(uow, effective_from).values
    coerced = {k: v for k, v in coerced.items() if v != base.get(k)}
    if not coerced:
        raise ValidationError(_("Policy"), _("nothing is changed"))
    check_consistent({**base, **coerced})
    row = PolicyVersion(group=group.value, status=ProposalStatus.PROPOSED.value,
                        changes=json.dumps(coerced, ensure_ascii=False), effective_from=effective_from,
                        reason=reason, proposed_by_id=actor.user_id, proposed_at=uow.clock(), decision_note="")
    uow.session.add(row)
    uow.session.flush()
    uow.audit("policy.propose", "policy", row.id, None,
              {"group": group.value, "changes": coerced, "effective_from": effective_from.isoformat(),
               "reason": reason})
    return row.id


def _check_people(uow: UnitOfWork, changes: dict[str, object]) -> None:
    """A personal allowance names a person who has an account."""
    named = changes.get(PERSONAL_ALLOWANCES)
    if not named:
        return
    known = set(uow.session.scalars(select(User.username).where(User.username.in_(list(named)))))  # type: ignore[arg-type]
    unknown = sorted(set(named) - known)  # type: ignore[arg-type]
    if unknown:
        raise ValidationError(SPEC_BY_KEY[PERSONAL_ALLOWANCES].text(),
                              _("no user named {name}").format(name=unknown[0]))


def _proposal(uow: UnitOfWork, policy_id: int) -> PolicyVersion:
    # `policy_id`, not `proposal_id`: a refusal names the record by its argument (a "proposal"
    # is a credit rating's), so the refusals log reads it as this policy proposal
    row = uow.session.get(PolicyVersion, policy_id, with_for_update=True)
    if row is None:
        raise NotFound(_("Policy proposal"), policy_id)
    if row.status != ProposalStatus.PROPOSED.value:
        raise PolicyRefused(_("This proposal has already been decided ({status}).").format(
            status=_(STATUS_LABELS[ProposalStatus(row.status)]).lower()))
    return row


@service(Perm.POLICY_APPROVE)
def approve_policy(uow: UnitOfWork, policy_id: int, note: str = "") -> int:
    """The general manager puts a proposal in force from its date; returns its version number."""
    number = approve(uow, policy_id, note)
    uow.commit()
    return number


def approve(uow: UnitOfWork, policy_id: int, note: str = "") -> int:
    actor = current_actor(uow)
    row = _proposal(uow, policy_id)
    ensure_not_self_approval(row.proposed_by_id, actor.user_id, "policy")
    try:
        check_effective_date(row.effective_from, business_today(uow))
    except PolicyRefused as late:
        raise PolicyRefused(_("{why} Return the proposal so it is proposed again with a new date.")
                            .format(why=str(late))) from None
    changes = json.loads(row.changes)
    check_consistent({**policy_in_force(uow, row.effective_from).values, **changes})
    number = (uow.session.scalar(select(func.max(PolicyVersion.number))) or 0) + 1
    row.number = number
    row.status = ProposalStatus.APPROVED.value
    row.decided_by_id = actor.user_id
    row.decided_at = uow.clock()
    row.decision_note = note.strip()
    uow.audit("policy.approve", "policy", row.id, {"status": ProposalStatus.PROPOSED.value},
              {"status": row.status, "version": number, "changes": changes,
               "effective_from": row.effective_from.isoformat(), "note": row.decision_note})
    return number


@service(Perm.POLICY_APPROVE)
def return_policy(uow: UnitOfWork, policy_id: int, reason: str) -> None:
    """The general manager sends a proposal back, saying why; it never takes force."""
    actor = current_actor(uow)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Reason"), _("say why the proposal is returned"))
    row = _proposal(uow, policy_id)
    row.status = ProposalStatus.RETURNED.value
    row.decided_by_id = actor.user_id
    row.decided_at = uow.clock()
    row.decision_note = reason
    uow.audit("policy.return", "policy", row.id, {"status": ProposalStatus.PROPOSED.value},
              {"status": row.status, "reason": reason})
    uow.commit()


@dataclass(frozen=True)
class VersionRow:
    id: int
    number: int | None  # None until approved
    group: str  # label
    status: str
    status_label: str
    effective_from: date
    reason: str
    proposed_by: str
    decided_by: str
    decision_note: str
    changes: dict[str, object]
    in_force: bool  # the version in force on the business date
    proposed_at: datetime | None = None


@service(Perm.POLICY_VIEW, read_only=True)
def policy_history(uow: UnitOfWork) -> list[VersionRow]:
    """Every version and proposal, newest first."""
    return _rows(uow, list(uow.session.scalars(select(PolicyVersion).order_by(PolicyVersion.id.desc()))))


def _rows(uow: UnitOfWork, rows: list[PolicyVersion]) -> list[VersionRow]:
    names = user_names(uow, [r.proposed_by_id for r in rows] + [r.decided_by_id for r in rows])
    current = policy_in_force(uow).number
    out = []
    for r in rows:
        status = ProposalStatus(r.status)
        out.append(VersionRow(
            r.id, r.number, group_label(r.group), r.status, _(STATUS_LABELS[status]), r.effective_from, r.reason,
            names.get(r.proposed_by_id or 0, ""), names.get(r.decided_by_id or 0, ""), r.decision_note,
            json.loads(r.changes), r.number is not None and r.number == current, r.proposed_at))
    return out


def group_label(code: str) -> str:
    """A group's label in the current language ("all": the versions made by migrations)."""
    if code in {g.value for g in PolicyGroup}:
        return _(GROUPS[PolicyGroup(code)].label)
    return _("All policy numbers")


@dataclass(frozen=True)
class Difference:
    key: str
    label: str
    kind: str
    first: object
    second: object

    @property
    def changed(self) -> bool:
        return self.first != self.second


@service(Perm.POLICY_VIEW, read_only=True)
def compare_versions(uow: UnitOfWork, first: int, second: int) -> list[Difference]:
    """Every policy number as versions `first` and `second` have it, side by side."""
    versions = _approved(uow)
    keys = {k.number: k for k, _c in versions}
    for n in (first, second):
        if n not in keys:
            raise NotFound(_("Policy version"), n)
    a = values_at(versions, POLICY_DEFAULTS, keys[first])
    b = values_at(versions, POLICY_DEFAULTS, keys[second])
    return [Difference(s.key, s.text(), s.kind, a.get(s.key), b.get(s.key))
            for s in SPECS if group_of(s.key) is not None]


FOOTER = N_("Policy version {n}, in force since {day}")


def version_label(p: PolicyInForce, t=_) -> str:  # noqa: ANN001 - a translator or _
    """The footer line of a printed form: which policy it was made under."""
    if not p.number or p.effective_from is None:
        return ""
    return t(FOOTER).format(n=p.number, day=p.effective_from.isoformat())



@service(Perm.POLICY_APPROVE, read_only=True)
def proposals_waiting_for_me(uow: UnitOfWork) -> list[VersionRow]:
    """Proposals awaiting the general manager, oldest first, never the user's own."""
    me = current_actor(uow).user_id
    return _rows(uow, list(uow.session.scalars(select(PolicyVersion).where(
        PolicyVersion.status == ProposalStatus.PROPOSED.value,
        PolicyVersion.proposed_by_id != me).order_by(PolicyVersion.id))))
