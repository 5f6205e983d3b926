"""Every service is refused, below the UI, to every role lacking its permission.

Generated from the matrix: every service module is imported (modules added later are
picked up), then each registered service that declares a Perm is called by a user of
each role that lacks it; the call must raise NotPermitted and change nothing.
"""

from __future__ import annotations

import importlib
import pkgutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text

import sales_desk.services
from sales_desk.config import AppConfig
from sales_desk.db.database import Database, open_database
from sales_desk.domain.common.errors import NotPermitted
from sales_desk.domain.common.roles import ROLE_PERMISSIONS, Actor, Perm, Role
from sales_desk.services.admin import auth, users
from sales_desk.services.common.base import LOGGED_IN, PUBLIC, REGISTRY
from tests.conftest import BACKENDS, PASSWORD, PG_URL, _pg_url_for, drop_pg_database
from tests.db.helpers import dump_engine, refused_only

SERVICE_MODULES = [
    importlib.import_module(m.name)
    for m in pkgutil.walk_packages(sales_desk.services.__path__, sales_desk.services.__name__ + ".")
]

_PERMS = {p.value: p for p in Perm}
GUARDED = sorted((name, _PERMS[info.permission]) for name, info in REGISTRY.items() if info.permission in _PERMS)
REFUSALS = [(name, perm, role) for name, perm in GUARDED for role in Role if perm not in ROLE_PERMISSIONS[role]]
GRANTS = [(name, perm, role) for name, perm in GUARDED for role in Role if perm in ROLE_PERMISSIONS[role]]
NOT_PUBLIC = sorted(name for name, info in REGISTRY.items() if info.permission != PUBLIC)


def _id(case: tuple[str, Perm, Role]) -> str:
    return f"{case[0]}-{case[2].value}"


@dataclass
class Firm:
    db: Database
    actors: dict[Role, Actor]


@pytest.fixture(scope="module", params=BACKENDS)
def firm(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Firm]:
    """One database per backend for the whole module, with one user per role."""
    folder = tmp_path_factory.mktemp("matrix") / "data"
    dbname = None
    if request.param == "sqlite":
        config = AppConfig(data_dir=folder, language="en")
    else:
        template = request.getfixturevalue("pg_template")
        dbname = f"sd_matrix_{uuid.uuid4().hex[:8]}"
        server = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with server.connect() as c:
            c.execute(text(f'CREATE DATABASE "{dbname}" TEMPLATE "{template}"'))
        config = AppConfig(data_dir=folder, db_url=_pg_url_for(dbname), language="en")
    db = open_database(config)
    admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
    actors = {Role.ADMIN: admin}
    for role in Role:
        if role is not Role.ADMIN:
            uid = users.add_user(db.uow(admin), f"u_{role.value}", PASSWORD, [role.value])
            actors[role] = Actor(uid, f"u_{role.value}", frozenset({role}))
    yield Firm(db, actors)
    db.close()
    if dbname:
        drop_pg_database(server, dbname)
        server.dispose()


def test_the_matrix_covers_every_registered_service() -> None:
    # A module that failed to register (or two services sharing a registry name) would
    # silently drop out of the generated cases below.
    decorated = [
        (mod.__name__, name, obj) for mod in SERVICE_MODULES for name, obj in vars(mod).items()
        if callable(obj) and hasattr(obj, "permission") and getattr(obj, "__module__", "") == mod.__name__
    ]
    assert decorated, "no services found"
    registered = {id(info.func) for info in REGISTRY.values()}
    missing = [f"{m}.{n}" for m, n, obj in decorated if id(obj) not in registered]
    assert missing == []
    assert len(GUARDED) >= 10 and len(REFUSALS) > len(GUARDED)


def test_every_declared_permission_is_known() -> None:
    unknown = {name: info.permission for name, info in REGISTRY.items()
               if info.permission not in _PERMS and info.permission not in (PUBLIC, LOGGED_IN)}
    assert unknown == {}


@pytest.mark.parametrize("case", REFUSALS, ids=_id)
def test_role_lacking_the_permission_is_refused_and_nothing_changes(firm: Firm, case) -> None:
    name, perm, role = case
    before = dump_engine(firm.db.engine)
    with pytest.raises(NotPermitted) as err:
        REGISTRY[name].func(firm.db.uow(firm.actors[role]))
    assert err.value.permission == perm.value
    refused_only(before, dump_engine(firm.db.engine))


@pytest.mark.parametrize("case", GRANTS, ids=_id)
def test_role_holding_the_permission_gets_past_the_check(firm: Firm, case) -> None:
    # A keyword no service takes: once the check lets the call through, the function
    # itself refuses it, so nothing runs.
    name, _perm, role = case
    try:
        REGISTRY[name].func(firm.db.uow(firm.actors[role]), _permission_probe=True)
    except NotPermitted as exc:
        pytest.fail(f"{role.value} holds {case[1].value} but was refused: {exc}")
    except Exception:  # noqa: S110 - TypeError or a domain error: the check itself passed
        pass


@pytest.mark.parametrize("name", NOT_PUBLIC)
def test_nobody_logged_in_is_refused_everything_but_public_services(firm: Firm, name: str) -> None:
    before = dump_engine(firm.db.engine)
    with pytest.raises(NotPermitted):
        REGISTRY[name].func(firm.db.uow(None))
    refused_only(before, dump_engine(firm.db.engine))


@pytest.mark.parametrize("name", sorted(n for n, i in REGISTRY.items() if i.permission == LOGGED_IN))
def test_every_active_role_may_use_logged_in_services(firm: Firm, name: str) -> None:
    for role, actor in firm.actors.items():
        try:
            REGISTRY[name].func(firm.db.uow(actor), _permission_probe=True)
        except NotPermitted:
            pytest.fail(f"{role.value} was refused {name}")
        except Exception:  # noqa: S110 - anything else means the check passed
            pass


def test_a_disabled_user_is_refused_even_what_the_role_allows(firm: Firm) -> None:
    admin = firm.actors[Role.ADMIN]
    username = f"gone_{uuid.uuid4().hex[:6]}"
    uid = users.add_user(firm.db.uow(admin), username, PASSWORD, ["gm"])
    users.set_active(firm.db.uow(admin), username, False)
    gm = Actor(uid, username, frozenset({Role.GM}))
    before = dump_engine(firm.db.engine)
    tried = [name for name, perm in GUARDED if perm in ROLE_PERMISSIONS[Role.GM]]
    for name in tried:
        with pytest.raises(NotPermitted):
            REGISTRY[name].func(firm.db.uow(gm))
    refused_only(before, dump_engine(firm.db.engine), refusals=len(tried))


def test_roles_claimed_by_the_caller_do_not_count_only_the_database_does(firm: Firm) -> None:
    # An Actor object forged (or stale) with the admin role: the check reads the roles again.
    rep = firm.actors[Role.SALES_REP]
    forged = Actor(rep.user_id, rep.username, frozenset({Role.ADMIN}))
    before = dump_engine(firm.db.engine)
    with pytest.raises(NotPermitted):
        users.add_user(firm.db.uow(forged), "intruder", PASSWORD, ["gm"])
    refused_only(before, dump_engine(firm.db.engine))
