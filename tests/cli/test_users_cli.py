"""`init` and `user …` end to end: held to the acting user's rights, errors without tracebacks."""

from __future__ import annotations

import pytest

from sales_desk.cli.main import build_parser
from tests.cli.conftest import ADMIN_PASSWORD, USER_PASSWORD, db_file
from tests.db.helpers import dump_file, refused_only


def _add(cli, name: str, *roles: str, extra: tuple[str, ...] = (), as_user: str = "admin",
         password: str = ADMIN_PASSWORD):
    role_args = [a for r in roles for a in ("--role", r)]
    return cli("user", "add", name, *role_args, *extra, "--password-stdin", "--user", as_user,
               stdin=USER_PASSWORD + "\n", password=password)


def test_without_a_command_the_window_starts_with_the_global_options() -> None:
    args = build_parser().parse_args(["--data-dir", "/tmp/x", "--db", "sqlite:///y", "--lang", "zh_CN"])
    assert args.command is None
    assert (args.data_dir, args.db, args.lang) == ("/tmp/x", "sqlite:///y", "zh_CN")


def test_version_is_printed(cli) -> None:
    result = cli("--version")
    assert result.code == 0 and "0.1.0" in result.out


def test_init_creates_the_admin_once(cli) -> None:
    first = cli("init", "--admin", "boss", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    assert first.code == 0, first.text
    assert "boss" in first.out
    again = cli("init", "--admin", "other", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    assert again.code == 1
    assert "already has users" in again.err
    assert "Traceback" not in again.text


def test_init_refuses_a_short_password(cli) -> None:
    result = cli("init", "--admin", "boss", "--password-stdin", stdin="short\n")
    assert result.code == 1 and "Password" in result.err


def test_admin_adds_and_lists_users(firm) -> None:
    result = _add(firm, "li", "sales_rep", extra=("--full-name", "李娜"))
    assert result.code == 0, result.text
    listing = firm("user", "list", "--user", "admin", password=ADMIN_PASSWORD)
    assert listing.code == 0
    line = next(row for row in listing.out.splitlines() if row.startswith("li "))
    assert "李娜" in line and "sales_rep" in line and "yes" in line


def test_new_user_logs_in_with_the_password_given_on_stdin(firm) -> None:
    _add(firm, "gm1", "gm")
    assert firm("check", "--user", "gm1", password=USER_PASSWORD).code == 0  # gm may view the audit


def test_sales_rep_is_refused_user_add_and_nothing_changes(firm) -> None:
    _add(firm, "rep", "sales_rep")
    before = dump_file(db_file(firm))
    result = _add(firm, "intruder", "gm", as_user="rep", password=USER_PASSWORD)
    assert result.code == 1
    assert "not permitted" in result.err and "users.manage" in result.err
    assert "Traceback" not in result.text
    refused_only(before, dump_file(db_file(firm)))


def test_conflicting_roles_refused_without_justification_and_allowed_with_it(firm) -> None:
    refused = _add(firm, "solo", "sales_rep", "warehouse")
    assert refused.code == 1
    assert "order.create × dispatch.ship" in refused.err and "--justify" in refused.err
    assert "solo" not in firm("user", "list", "--user", "admin", password=ADMIN_PASSWORD).out

    allowed = _add(firm, "solo", "sales_rep", "warehouse", extra=("--justify", "三人小公司，无法分岗"))
    assert allowed.code == 0, allowed.text
    assert "三人小公司" in allowed.out
    listing = firm("user", "list", "--user", "admin", password=ADMIN_PASSWORD).out
    assert "order.create×dispatch.ship: 三人小公司，无法分岗" in listing


def test_roles_replaced_with_the_same_conflict_rule(firm) -> None:
    _add(firm, "li", "sales_rep")
    refused = firm("user", "roles", "li", "sales_rep", "finance", "--user", "admin", password=ADMIN_PASSWORD)
    assert refused.code == 1 and "--justify" in refused.err
    changed = firm("user", "roles", "li", "sales_supervisor", "--user", "admin", password=ADMIN_PASSWORD)
    assert changed.code == 0, changed.text
    listing = firm("user", "list", "--user", "admin", password=ADMIN_PASSWORD).out
    assert "sales_supervisor" in next(r for r in listing.splitlines() if r.startswith("li "))


def test_disabled_user_cannot_act_until_enabled(firm) -> None:
    _add(firm, "gm1", "gm")
    assert firm("user", "disable", "gm1", "--user", "admin", password=ADMIN_PASSWORD).code == 0
    refused = firm("check", "--user", "gm1", password=USER_PASSWORD)
    assert refused.code == 1 and "wrong password" in refused.err
    assert firm("user", "enable", "gm1", "--user", "admin", password=ADMIN_PASSWORD).code == 0
    assert firm("check", "--user", "gm1", password=USER_PASSWORD).code == 0


def test_admin_cannot_disable_themself(firm) -> None:
    result = firm("user", "disable", "admin", "--user", "admin", password=ADMIN_PASSWORD)
    assert result.code == 1 and "own account" in result.err


def test_reset_password_replaces_the_old_one(firm) -> None:
    _add(firm, "gm1", "gm")
    reset = firm("user", "reset-password", "gm1", "--password-stdin", "--user", "admin",
                 stdin="a brand new secret\n", password=ADMIN_PASSWORD)
    assert reset.code == 0, reset.text
    assert firm("check", "--user", "gm1", password=USER_PASSWORD).code == 1
    assert firm("check", "--user", "gm1", password="a brand new secret").code == 0


def test_wrong_password_is_refused_with_the_generic_message(firm) -> None:
    result = firm("user", "list", "--user", "admin", password="not the password")
    assert result.code == 1
    assert "Unknown user name or wrong password." in result.err
    unknown = firm("user", "list", "--user", "nobody", password=ADMIN_PASSWORD)
    assert unknown.err == result.err


def test_without_a_password_and_no_terminal_the_command_stops(firm) -> None:
    result = firm("user", "list", "--user", "admin")
    assert result.code == 2
    assert "SALES_DESK_PASSWORD" in result.err and "Traceback" not in result.text


@pytest.mark.parametrize(
    "argv",
    [
        ("user", "add", "x", "--role", "no_such_role", "--password-stdin", "--user", "admin"),
        ("user", "list"),  # --user missing
        ("user",),  # no action
        ("frobnicate",),
        ("restore", "/no/such/backup.sqlite", "--user", "admin"),
        ("audit", "export", "--out", "audit.csv", "--user", "admin"),
        ("audit", "export", "--out", "a.xlsx", "--from", "yesterday", "--user", "admin"),
        ("--lang", "fr", "user", "list", "--user", "admin"),
    ],
)
def test_usage_mistakes_exit_2_without_a_traceback(firm, argv) -> None:
    result = firm(*argv, stdin=USER_PASSWORD + "\n", password=ADMIN_PASSWORD)
    assert result.code == 2, result.text
    assert result.err.strip()
    assert "Traceback" not in result.text


def test_global_options_may_follow_the_command(firm, tmp_path) -> None:
    result = firm("user", "list", "--user", "admin", "--data-dir", str(firm.data_dir),
                  password=ADMIN_PASSWORD, location=[])
    assert result.code == 0 and "admin" in result.out
    empty = firm("user", "list", "--user", "admin", "--data-dir", str(tmp_path / "elsewhere"),
                 password=ADMIN_PASSWORD, location=[])
    assert empty.code == 1  # a new, empty database there: nobody to log in as


def test_messages_follow_the_chosen_language(firm) -> None:
    result = firm("--lang", "zh_CN", "user", "list", "--user", "admin", password="wrong password!")
    assert result.code == 1
    assert "用户名不存在或密码错误" in result.err


def test_commands_other_than_init_never_create_a_database(cli, tmp_path) -> None:
    folder = tmp_path / "typo"
    result = cli("user", "list", "--user", "admin", password=ADMIN_PASSWORD,
                 location=["--data-dir", str(folder)])
    assert result.code == 1 and "sales-desk init" in result.err
    assert not (folder / "sales-desk.sqlite").exists()


def test_help_is_translated_when_shown(cli, monkeypatch) -> None:
    # Help texts are msgids translated at display time, so --lang (read before --help)
    # and SALES_DESK_LANG both reach them.
    monkeypatch.setattr("sales_desk.cli.common._", lambda text: "《" + text + "》")
    result = cli("user", "add", "--help")
    assert result.code == 0
    assert "《act as this user" in result.out and "《add a user with one or more roles》" in result.out


def test_a_stale_roles_change_from_the_command_line_is_refused_and_nothing_is_written(firm) -> None:
    _add(firm, "li", "sales_rep")
    listing = firm("user", "list", "--user", "admin", password=ADMIN_PASSWORD).out
    assert next(r for r in listing.splitlines() if r.startswith("li ")).rstrip().endswith(" 1")  # the version
    changed = firm("user", "roles", "li", "sales_supervisor", "--if-version", "1", "--user", "admin",
                   password=ADMIN_PASSWORD)
    assert changed.code == 0, changed.text
    for argv in (("roles", "li", "sales_manager"), ("disable", "li")):  # a script that read version 1
        refused = firm("user", *argv, "--if-version", "1", "--user", "admin", password=ADMIN_PASSWORD)
        assert refused.code == 1 and "changed by someone else" in refused.err and "Roles" in refused.err
        assert "Traceback" not in refused.text
    listing = firm("user", "list", "--user", "admin", password=ADMIN_PASSWORD).out
    line = next(r for r in listing.splitlines() if r.startswith("li "))
    assert "sales_supervisor" in line and "sales_manager" not in line and "yes" in line
