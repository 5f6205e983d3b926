"""Settings: read by every service that needs a number; the admin edits the technical ones.

The business numbers are the policy in force on the business date (services/admin/policy.py):
the administrator may not change them (SPEC §9).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.policy import PolicyGroup, PolicyNumberNotAdmins, group_of
from sales_desk.domain.admin.settings import DEFAULTS, SPEC_BY_KEY, SPECS
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import Setting
from sales_desk.services.admin.policy import coerce_setting, policy_in_force
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.common.versions import ensure_current


@dataclass(frozen=True)
class SettingRow:
    key: str
    label: str
    kind: str
    value: object
    default: object
    group: PolicyGroup | None = None  # None: a technical setting, the administrator's
    version: int = 0  # the stored row's (0: none, the default applies): a save names it


def load_settings(uow: UnitOfWork) -> dict[str, object]:
    """For use inside other services' transactions: the technical settings (defaults overlaid
    with stored values) and the policy numbers in force on the business date."""
    values = dict(DEFAULTS)
    for s in uow.session.scalars(select(Setting)):
        if s.key in SPEC_BY_KEY and group_of(s.key) is None:
            values[s.key] = json.loads(s.value)
    values.update(policy_in_force(uow).values)
    return values


@service(LOGGED_IN, read_only=True)
def get_settings(uow: UnitOfWork) -> list[SettingRow]:
    values = load_settings(uow)
    versions = {key: version for key, version in uow.session.execute(select(Setting.key, Setting.version))}
    return [SettingRow(s.key, s.text(), s.kind, values[s.key], s.default, group_of(s.key), versions.get(s.key, 0))
            for s in SPECS]


_coerce = coerce_setting  # the name other modules know


@service(Perm.SETTINGS_MANAGE)
def update_settings(uow: UnitOfWork, changes: dict[str, object], versions: Mapping[str, int] | None = None) -> None:
    """Change several technical settings at once; all valid or none saved. A policy number
    is refused: it is proposed and approved on the Policy page (services/admin/policy.py).
    `versions`: each changed setting's version as the page loaded it (SettingRow.version); one
    changed since to another value refuses the save (StaleRecord, naming who) and none is saved."""
    current = load_settings(uow)
    for key in changes:
        group = group_of(key)
        if group is not None and key in SPEC_BY_KEY:
            raise PolicyNumberNotAdmins(SPEC_BY_KEY[key].text(), group)
    coerced = {k: _coerce(k, v) for k, v in changes.items()}
    actor = current_actor(uow)
    for key, value in coerced.items():
        if value == current[key]:
            continue
        loaded = (versions or {}).get(key)
        row = uow.session.get(Setting, key)
        _ensure_current(uow, key, loaded, row)
        if row is None:
            row = _created(uow, key, loaded)
        row.value = json.dumps(value)
        row.updated_by_id = actor.user_id
        row.updated_at = uow.clock()
        uow.audit("setting.change", "setting", key, {"value": current[key]}, {"value": value})
    uow.commit()


def _ensure_current(uow: UnitOfWork, key: str, loaded: int | None, row: Setting | None) -> None:
    ensure_current(uow, "setting", key, _("Setting"), SPEC_BY_KEY[key].text(), loaded,
                   row.version if row else 0, {"value": SPEC_BY_KEY[key].label})  # the field: the setting


def _created(uow: UnitOfWork, key: str, loaded: int | None) -> Setting:
    """The setting's first stored row; when another seat stored it since it was read (on
    PostgreSQL both see none and the second insert meets the key: SQLite's writers queue),
    that row, over which the save goes only if the page loaded no version of it."""
    try:
        with uow.session.begin_nested():
            row = Setting(key=key, value="")
            uow.session.add(row)
        return row
    except IntegrityError:
        stored = uow.session.get(Setting, key, populate_existing=True)
        if stored is None:  # the other seat's insert rolled back after all
            raise
        _ensure_current(uow, key, loaded, stored)
        return stored
