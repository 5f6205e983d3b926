"""`policy show|history` and `export year-end` end to end: the numbers in force on a day with
their version, every version with who proposed and decided it, the year-end workbook read
back; held to the acting user's rights."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from sales_desk import clock
from sales_desk.config import AppConfig
from sales_desk.domain.common.money import to_minor
from tests.cli.conftest import ADMIN_PASSWORD, USER_PASSWORD


@pytest.fixture
def versions(firm):  # noqa: ANN001, ANN201
    """Version 2 (grade C's limit 40,000.00) proposed by the sales manager from tomorrow, approved
    by the GM; a warehouse keeper who may not read the policy."""
    from sales_desk.db.database import open_database
    from sales_desk.services.admin import auth, policy, users

    db = open_database(AppConfig(data_dir=firm.data_dir, language="en"))
    try:
        admin = auth.login(db.uow(), "admin", ADMIN_PASSWORD)
        for name, role in (("mgr", "sales_manager"), ("gm", "gm"), ("wh", "warehouse"), ("fin", "finance")):
            users.add_user(db.uow(admin), name, USER_PASSWORD, [role])
        mgr, gm = auth.login(db.uow(), "mgr", USER_PASSWORD), auth.login(db.uow(), "gm", USER_PASSWORD)
        tomorrow = clock.today() + timedelta(days=1)
        pid = policy.propose_policy(db.uow(mgr), {"credit.c_max_limit": to_minor("40000")}, tomorrow, "回款良好")
        policy.approve_policy(db.uow(gm), pid, "同意")
    finally:
        db.close()
    return tomorrow


def test_policy_show_prints_the_numbers_in_force_on_a_day(firm, versions: date) -> None:  # noqa: ANN001
    today = firm("policy", "show", "--user", "gm", password=USER_PASSWORD)
    assert today.code == 0, today.text
    assert "Policy version 1, in force since 2000-01-01" in today.out
    assert "Grade C: largest credit limit" in today.out and "30,000.00" in today.out
    assert "Scorecard weight: On-time payment record with us" in today.out
    later = firm("policy", "show", "--on", versions.isoformat(), "--user", "gm", password=USER_PASSWORD)
    assert later.code == 0 and "Policy version 2" in later.out and "40,000.00" in later.out


def test_policy_history_lists_each_version_with_who_proposed_and_decided(firm, versions: date) -> None:  # noqa: ANN001
    r = firm("policy", "history", "--user", "mgr", password=USER_PASSWORD)
    assert r.code == 0, r.text
    lines = r.out.splitlines()
    v2 = next(line for line in lines if line.lstrip().startswith("2 "))
    assert versions.isoformat() in v2 and "mgr" in v2 and "gm" in v2 and "回款良好" in v2
    assert "2 versions and proposals." in r.out


def test_policy_commands_are_refused_without_the_right_and_a_bad_date_is_a_usage_error(firm, versions) -> None:  # noqa: ANN001
    refused = firm("policy", "history", "--user", "wh", password=USER_PASSWORD)
    assert refused.code != 0 and "Traceback" not in refused.text and "permitted" in refused.text
    bad = firm("policy", "show", "--on", "2026-13-01", "--user", "gm", password=USER_PASSWORD)
    assert bad.code != 0 and "not a date" in bad.text


def test_export_year_end_writes_the_workbook(firm, versions, tmp_path: Path) -> None:  # noqa: ANN001
    target = tmp_path / "year-end.xlsx"
    r = firm("export", "year-end", "--year", str(clock.today().year - 1), "--out", str(target),
             "--user", "fin", password=USER_PASSWORD)
    assert r.code == 0, r.text
    assert target.exists() and "Wrote" in r.out
    assert openpyxl.load_workbook(target).sheetnames
    wrong = firm("export", "year-end", "--year", "2025", "--out", str(tmp_path / "x.csv"),
                 "--user", "fin", password=USER_PASSWORD)
    assert wrong.code != 0 and ".xlsx" in wrong.text and not (tmp_path / "x.csv").exists()
