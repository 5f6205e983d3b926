"""Demo step "staff": one or more people for every business role, with real passwords."""

from __future__ import annotations

import secrets

from sqlalchemy import select

from sales_desk.demo.context import DemoContext, DemoUser
from sales_desk.domain.common.pinyin_keys import person_keys
from sales_desk.domain.common.roles import Role
from sales_desk.i18n import N_
from sales_desk.models import User, UserRole
from sales_desk.services.admin.hashing import hash_password
from sales_desk.services.admin.keys import issue_keys
from sales_desk.services.admin.users import check_roles

# (user name, full name, role): a sales department of fourteen, every business role held.
STAFF: tuple[tuple[str, str, Role], ...] = (
    ("wangjianguo", "王建国", Role.GM),
    ("liming", "李明", Role.SALES_VP),
    ("zhangwei", "张伟", Role.SALES_MANAGER),
    ("liuyang", "刘洋", Role.SALES_SUPERVISOR),
    ("chenjing", "陈静", Role.CS_MANAGER),
    ("yangfan", "杨帆", Role.SALES_REP),
    ("zhaolei", "赵磊", Role.SALES_REP),
    ("huangli", "黄丽", Role.SALES_REP),
    ("zhoujie", "周杰", Role.SALES_REP),
    ("zhoumin", "周敏", Role.CS_SPECIALIST),
    ("wufang", "吴芳", Role.FINANCE),  # accountant: receipts, write-off submissions
    ("xuqian", "徐倩", Role.CASHIER),  # cashier [出纳]: pays what finance signed (费用 第9条)
    ("suntao", "孙涛", Role.FINANCE_DIRECTOR),
    ("maqiang", "马强", Role.WAREHOUSE),
)

# No 0/O, 1/l/I: read off a screen and typed in without doubt. 12 of 55 symbols ≈ 69 bits.
_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def strong_password() -> str:
    """Random for real (not seeded): e.g. 'q7Rk-Xm2p-Tz9w'."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3))


def create_staff(ctx: DemoContext) -> None:

    uow = ctx.uow
    taken = {n.lower() for n in uow.session.scalars(select(User.username))}
    for username, full_name, role in STAFF:
        name = username
        n = 2
        while name.lower() in taken:  # the administrator may have picked one of ours
            name = f"{username}{n}"
            n += 1
        taken.add(name.lower())
        check_roles([role], None)  # a demo user never needs a justification
        password = strong_password()
        stored, sealing_key = hash_password(password)
        private, public, sealed = issue_keys(sealing_key)
        user = User(username=name, full_name=full_name, password_hash=stored,
                    public_key=public, sealed_key=sealed, **person_keys([name], full_name))
        user.roles = [UserRole(role=role.value)]
        uow.session.add(user)
        uow.session.flush()
        uow.audit("user.create", "user", user.id, None,
                  {"username": name, "full_name": full_name, "roles": [role.value],
                   "sod_justification": None, "conflicts": [], "demo": True, "public_key": public})
        ctx.users.append(DemoUser(name, full_name, (role.value,), password, user.id, private))
    ctx.made(N_("users"), len(STAFF))
