"""Business settings: read by every service that needs a policy number, edited by the admin."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.settings import DEFAULTS, SPEC_BY_KEY, SPECS, validate_grade_bands
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import Setting
from sales_desk.services.common.base import LOGGED_IN, current_actor, service


@dataclass(frozen=True)
class SettingRow:
    key: str
    label: str
    kind: str
    value: object
    default: object


def load_settings(uow: UnitOfWork) -> dict[str, object]:
    """For use inside other services' transactions: defaults overlaid with stored values."""
    values = dict(DEFAULTS)
    for s in uow.session.scalars(select(Setting)):
        if s.key in SPEC_BY_KEY:
            values[s.key] = json.loads(s.value)
    return values


@service(LOGGED_IN)
def get_settings(uow: UnitOfWork) -> list[SettingRow]:
    values = load_settings(uow)
    return [SettingRow(s.key, _(s.label), s.kind, values[s.key], s.default) for s in SPECS]


def _coerce(key: str, value: object) -> object:
    spec = SPEC_BY_KEY.get(key)
    if spec is None:
        raise ValidationError(key, _("unknown setting"))
    label = _(spec.label)
    try:
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


@service(Perm.SETTINGS_MANAGE)
def update_settings(uow: UnitOfWork, changes: dict[str, object]) -> None:
    """Change several settings at once; all valid or none saved."""
    current = load_settings(uow)
    coerced = {k: _coerce(k, v) for k, v in changes.items()}
    merged = {**current, **coerced}
    if not validate_grade_bands(
        merged["credit.grade_a_min"], merged["credit.grade_b_min"], merged["credit.grade_c_min"]  # type: ignore[arg-type]
    ):
        raise ValidationError(_("Credit grade bands"), _("need 0 ≤ C < B < A ≤ 100"))
    actor = current_actor(uow)
    for key, value in coerced.items():
        if value == current[key]:
            continue
        row = uow.session.get(Setting, key)
        if row is None:
            row = Setting(key=key, value="")
            uow.session.add(row)
        row.value = json.dumps(value)
        row.updated_by_id = actor.user_id
        row.updated_at = uow.clock()
        uow.audit("setting.change", "setting", key, {"value": current[key]}, {"value": value})
    uow.commit()
