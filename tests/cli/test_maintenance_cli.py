"""`backup`, `restore`, `check`, `audit export` and `demo` end to end."""

from __future__ import annotations

import re
import sqlite3

import openpyxl
import pytest

from tests.cli.conftest import ADMIN_PASSWORD, USER_PASSWORD, db_file
from tests.db.helpers import dump_file, refused_only


def _add(cli, name: str, *roles: str, extra: tuple[str, ...] = ()):
    role_args = [a for r in roles for a in ("--role", r)]
    result = cli("user", "add", name, *role_args, *extra, "--password-stdin", "--user", "admin",
                 stdin=USER_PASSWORD + "\n", password=ADMIN_PASSWORD)
    assert result.code == 0, result.text
    return result


def _as_admin(cli, *argv: str):
    return cli(*argv, "--user", "admin", password=ADMIN_PASSWORD)


def _tamper(cli, sql: str) -> None:
    conn = sqlite3.connect(db_file(cli))
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_backup_then_restore_gives_identical_data(firm, tmp_path) -> None:
    _add(firm, "li", "sales_rep", extra=("--full-name", "李娜"))
    saved = dump_file(db_file(firm))
    copy = tmp_path / "before-changes.sqlite"
    taken = _as_admin(firm, "backup", "--out", str(copy))
    assert taken.code == 0, taken.text
    assert str(copy) in taken.out
    assert dump_file(copy) == saved  # the backup is the database as it was

    _add(firm, "wang", "finance")
    _as_admin(firm, "user", "disable", "li")
    restored = _as_admin(firm, "restore", str(copy))
    assert restored.code == 0, restored.text
    assert "kept as" in restored.out

    now = dump_file(db_file(firm))
    for table, rows in saved.items():
        if table != "audit_log":
            assert now[table] == rows, table
    # The restored trail is the saved one, plus one row saying who restored which file.
    assert now["audit_log"][: len(saved["audit_log"])] == saved["audit_log"]
    (extra,) = now["audit_log"][len(saved["audit_log"]):]
    assert extra[3:6] == ("admin", "backup.restore", "backup")
    assert copy.name in extra[8]
    assert _as_admin(firm, "check").code == 0


def test_backup_into_the_backups_folder_and_never_over_a_file(firm, tmp_path) -> None:
    taken = _as_admin(firm, "backup")
    assert taken.code == 0 and "backups" in taken.out
    existing = tmp_path / "exists.sqlite"
    existing.write_text("keep me")
    refused = _as_admin(firm, "backup", "--out", str(existing))
    assert refused.code == 2 and existing.read_text() == "keep me"


def test_backup_and_restore_refused_to_a_user_without_the_right(firm, tmp_path) -> None:
    _add(firm, "gm1", "gm")
    copy = tmp_path / "b.sqlite"
    assert _as_admin(firm, "backup", "--out", str(copy)).code == 0
    before = dump_file(db_file(firm))
    for argv in (("backup",), ("restore", str(copy))):
        result = firm(*argv, "--user", "gm1", password=USER_PASSWORD)
        assert result.code == 1 and "backup.manage" in result.err, argv
    refused_only(before, dump_file(db_file(firm)), refusals=2)


def test_restore_refuses_a_file_that_is_not_a_backup(firm, tmp_path) -> None:
    junk = tmp_path / "notes.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    before = dump_file(db_file(firm))
    result = _as_admin(firm, "restore", str(junk))
    assert result.code == 1 and "cannot be restored" in result.err
    assert dump_file(db_file(firm)) == before


def test_check_passes_then_names_the_tampered_audit_row(firm) -> None:
    for name in ("li", "wang", "zhao"):
        _add(firm, name, "sales_rep")
    healthy = _as_admin(firm, "check")
    assert healthy.code == 0, healthy.text
    assert "Integrity check: ok" in healthy.out and "Foreign keys: ok" in healthy.out
    assert "4 rows, hash chain intact" in healthy.out

    _tamper(firm, "UPDATE audit_log SET after = replace(after, 'wang', 'mallory') WHERE seq = 3")
    broken = _as_admin(firm, "check")
    assert broken.code == 1
    assert "BROKEN at row 3" in broken.out and "user.create" in broken.out
    assert "FAILED" in broken.err and "Traceback" not in broken.text


def test_check_against_a_head_read_off_paper_names_a_cut_tail(firm) -> None:
    for name in ("li", "wang", "zhao"):
        _add(firm, name, "sales_rep")
    conn = sqlite3.connect(db_file(firm))
    seq, digest = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    conn.close()
    code = f"{seq}-{digest[:16]}"
    healthy = _as_admin(firm, "check", "--anchor", code)
    assert healthy.code == 0, healthy.text
    assert f"Anchor {code} (given anchor 1): holds." in healthy.out
    assert "audit-anchors.log" in healthy.out  # the anchor file the program keeps is compared too

    conn = sqlite3.connect(db_file(firm))
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq > 2")
    conn.commit()
    conn.close()
    (firm.data_dir / "audit-anchors.log").unlink()  # the tracks in the folder covered too
    cut = _as_admin(firm, "check", "--anchor", code)
    assert cut.code == 1 and f"Anchor {code} (given anchor 1): CUT" in cut.out
    assert "hash chain intact" in cut.out  # what is left holds: only the anchor shows the cut


def test_check_refuses_an_anchor_that_is_not_one(firm) -> None:
    result = _as_admin(firm, "check", "--anchor", "12-34")
    assert result.code == 2 and "1234-9f86d081884c7d65" in result.err


def test_check_refused_to_a_user_without_audit_right(firm) -> None:
    _add(firm, "rep", "sales_rep")
    result = firm("check", "--user", "rep", password=USER_PASSWORD)
    assert result.code == 1 and "audit.view" in result.err


def test_check_names_an_edited_row_of_the_refusals_log(firm) -> None:
    _add(firm, "rep", "sales_rep")
    for _ in range(2):
        assert firm("check", "--user", "rep", password=USER_PASSWORD).code == 1  # refused, and logged
    healthy = _as_admin(firm, "check")
    assert healthy.code == 0 and "Refusals log: 2 rows, hash chain intact." in healthy.out, healthy.text
    conn = sqlite3.connect(db_file(firm))
    conn.execute("DROP TRIGGER refusal_log_no_update")
    conn.execute("UPDATE refusal_log SET username = 'nobody' WHERE seq = 1")
    conn.commit()
    conn.close()
    broken = _as_admin(firm, "check")
    assert broken.code == 1 and "Refusals log: BROKEN at row 1" in broken.out
    assert "integrity.check_database" in broken.out


def test_audit_export_keeps_formula_like_text_as_text(firm, tmp_path) -> None:
    _add(firm, "=cmd", "sales_rep", "warehouse",
         extra=("--full-name", "=HYPERLINK(\"http://evil\")", "--justify", "-1+1 三人小公司"))
    target = tmp_path / "audit.xlsx"
    result = _as_admin(firm, "audit", "export", "--out", str(target))
    assert result.code == 0, result.text
    assert "2 audit rows and 1 justifications" in result.out

    book = openpyxl.load_workbook(target)
    trail, just = book.worksheets
    header = [c.value for c in trail[1]]
    assert header == ["No.", "Time (UTC)", "Who", "What happened", "Document", "Changed fields",
                      "User", "Action", "Entity", "ID", "Before", "After"]  # readable, then raw
    assert [trail.cell(r, 1).value for r in (2, 3)] == [1, 2]
    assert trail.cell(3, 2).is_date
    assert '"username":"=cmd"' in trail.cell(3, 12).value
    assert [c.value for c in just[2]][:3] == ["=cmd", "order.create×dispatch.ship", "-1+1 三人小公司"]
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert just.cell(2, 1).data_type == "s"


def test_audit_export_filters_by_action(firm, tmp_path) -> None:
    _add(firm, "li", "sales_rep")
    _as_admin(firm, "backup")
    target = tmp_path / "a.xlsx"
    result = _as_admin(firm, "audit", "export", "--out", str(target), "--action", "backup.")
    assert result.code == 0, result.text
    ws = openpyxl.load_workbook(target).worksheets[0]
    assert [ws.cell(r, 8).value for r in range(2, ws.max_row + 1)] == ["backup.take"]


def test_demo_loads_into_a_new_database_and_only_once(firm) -> None:
    loaded = _as_admin(firm, "demo")
    assert loaded.code == 0, loaded.text
    assert "60 customers" in loaded.out and "王建国" in loaded.out
    assert re.search(r"\b1\d documents of record issued by its people", loaded.out), loaded.out  # checked below
    line = next(r for r in loaded.out.splitlines() if r.startswith("wangjianguo "))
    password = re.search(r"(\S{4}-\S{4}-\S{4})\s*$", line).group(1)
    # The printed password is the gm's: the gm may run the check (audit.view).
    assert firm("check", "--user", "wangjianguo", password=password).code == 0

    again = _as_admin(firm, "demo")
    assert again.code == 1
    assert "only into a new database" in again.err and "Traceback" not in again.text


@pytest.mark.parametrize("argv", [("demo",), ("user", "list")])
def test_business_users_cannot_run_admin_commands(firm, argv) -> None:
    _add(firm, "rep", "sales_rep")
    result = firm(*argv, "--user", "rep", password=USER_PASSWORD)
    assert result.code == 1 and "users.manage" in result.err


def test_commands_on_postgresql_or_sqlite(cli, db_config) -> None:
    location = ["--data-dir", str(db_config.data_dir)] + (["--db", db_config.db_url] if db_config.db_url else [])
    assert cli("init", "--admin", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n",
               location=location).code == 0
    added = cli("user", "add", "li", "--role", "sales_rep", "--password-stdin", "--user", "admin",
                stdin=USER_PASSWORD + "\n", password=ADMIN_PASSWORD, location=location)
    assert added.code == 0, added.text
    check = cli("check", "--user", "admin", password=ADMIN_PASSWORD, location=location)
    assert check.code == 0, check.text
    backup = cli("backup", "--user", "admin", password=ADMIN_PASSWORD, location=location)
    if db_config.db_url:
        assert "not checked here" in check.out
        assert backup.code == 1 and "pg_dump" in backup.err
    else:
        assert backup.code == 0


# -- attacks on the data folder and its backups -----------------------------------------------------

def _backup_in_folder(firm) -> str:
    taken = _as_admin(firm, "backup")
    assert taken.code == 0, taken.text
    return re.search(r"Backup written to (\S+\.sqlite)", taken.out).group(1)


def _edit_backup(path: str, *sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_zero_byte_file_beside_backups_is_set_aside_init_refused_and_restore_works(firm) -> None:
    _add(firm, "li", "sales_rep")
    backup = _backup_in_folder(firm)
    db_file(firm).write_bytes(b"")  # the file emptied, as a careless copy or an attacker leaves it

    opened = _as_admin(firm, "user", "list")
    assert opened.code == 1 and "empty" in opened.err and "Traceback" not in opened.text
    assert not db_file(firm).exists() and list(firm.data_dir.glob("sales-desk.sqlite.corrupt-*"))

    fresh = firm("init", "--admin", "anyone", "--password-stdin", stdin="another long password\n")
    assert fresh.code == 1 and "sales-desk restore" in fresh.err and not db_file(firm).exists()

    restored = _as_admin(firm, "restore", backup)  # no database to log in to: the backup proves who
    assert restored.code == 0, restored.text
    assert "li" in _as_admin(firm, "user", "list").out
    assert _as_admin(firm, "check").code == 0


def test_init_despite_backups_starts_a_new_database_when_told(firm) -> None:
    _backup_in_folder(firm)
    db_file(firm).unlink()
    told = firm("init", "--admin", "anyone", "--despite-backups", "--password-stdin",
                stdin="another long password\n")
    assert told.code == 0, told.text


def test_restore_refuses_a_backup_whose_audit_chain_was_edited_unless_forced(firm) -> None:
    _add(firm, "li", "sales_rep")
    backup = _backup_in_folder(firm)
    _edit_backup(backup, "UPDATE audit_log SET username = 'mallory' WHERE seq = 2")
    before = dump_file(db_file(firm))
    refused = _as_admin(firm, "restore", backup)
    assert refused.code == 1 and "broken at row 2" in refused.err and "--force" in refused.err
    assert dump_file(db_file(firm))["users"] == before["users"]  # nothing replaced
    forced = _as_admin(firm, "restore", backup, "--force")
    assert forced.code == 0, forced.text


def test_restore_refuses_a_backup_whose_tail_was_cut_after_it_was_taken(firm) -> None:
    _add(firm, "li", "sales_rep")
    backup = _backup_in_folder(firm)
    _edit_backup(backup, "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    refused = _as_admin(firm, "restore", backup)
    assert refused.code == 1 and "head recorded" in refused.err


def test_an_interrupted_backup_leaves_no_part_file_at_the_next_start(firm) -> None:
    folder = firm.data_dir / "backups"
    folder.mkdir(exist_ok=True)
    (folder / "manual-20261204-101010.sqlite.part").write_bytes(b"half a copy")
    assert _as_admin(firm, "user", "list").code == 0
    assert list(folder.glob("*.part")) == []
