"""`print credit-sheet` and `print rating-report` end to end: read back, Chinese included;
held to the acting user's rights; mistakes exit without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from sales_desk.cli.main import build_parser
from sales_desk.config import AppConfig
from sales_desk.services.customers import files as customers
from tests.cli.conftest import ADMIN_PASSWORD, USER_PASSWORD
from tests.services.credit_flow import new_customer, rate, staff


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"  # apart from the data folder
    folder.mkdir()
    return folder


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture
def rated(firm) -> str:  # noqa: ANN001
    """A customer rated B by the staff of tests/services/credit_flow.py; its code."""
    from sales_desk.db.database import open_database
    from sales_desk.services.admin import auth, users

    db = open_database(AppConfig(data_dir=firm.data_dir, language="en"))
    try:
        admin = auth.login(db.uow(), "admin", ADMIN_PASSWORD)

        def make_user(name: str, *roles: str, justification: str | None = None):  # noqa: ANN202
            users.add_user(db.uow(admin), name, USER_PASSWORD, list(roles), justification=justification)
            return auth.login(db.uow(), name, USER_PASSWORD)

        s = staff(make_user)
        cid = new_customer(db, s.rep)
        rate(db, s, cid, 78)
        return customers.customer_card(db.uow(s.spec), cid).code
    finally:
        db.close()  # the CLI takes the folder's lock itself


def test_print_lists_both_credit_forms() -> None:
    parser = build_parser()
    args = parser.parse_args(["print", "credit-sheet", "--customer", "C1", "--out", "x.pdf", "--user", "u"])
    assert (args.customer, args.out, args.user, args.investigation) == ("C1", "x.pdf", "u", None)
    args = parser.parse_args(["print", "rating-report", "--customer", "C1", "--out", "x.pdf", "--user", "u",
                              "--lang", "zh_CN"])
    assert args.lang == "zh_CN"


def test_credit_sheet_is_written_and_reads_back_in_english(firm, rated, out_dir: Path) -> None:  # noqa: ANN001
    out = out_dir / "sheet.pdf"
    result = firm("print", "credit-sheet", "--customer", rated, "--out", str(out), "--user", "spec",
                  password=USER_PASSWORD)
    assert result.code == 0, result.text
    assert str(out) in result.out and rated in result.out
    text = _text(out)
    assert "Customer credit evaluation sheet" in text and "上海华东贸易有限公司" in text and rated in text
    assert [p.name for p in out_dir.iterdir()] == ["sheet.pdf"]  # no .part left behind


def test_forms_print_in_chinese_with_the_policy_terms(firm, rated, out_dir: Path) -> None:  # noqa: ANN001
    sheet, report = out_dir / "评定表.pdf", out_dir / "report.pdf"
    for form, path in (("credit-sheet", sheet), ("rating-report", report)):
        result = firm("print", form, "--customer", rated.lower(), "--out", str(path), "--user", "csm",
                      "--lang", "zh_CN", password=USER_PASSWORD)
        assert result.code == 0, result.text
    assert "客户信用调查评定表" in _text(sheet) and "盖章确认" in _text(sheet)
    assert "信用评级报告" in _text(report) and "综合评价" in _text(report)


def test_a_rep_may_not_print_the_credit_forms(firm, rated, out_dir: Path) -> None:  # noqa: ANN001
    out = out_dir / "sheet.pdf"
    result = firm("print", "credit-sheet", "--customer", rated, "--out", str(out), "--user", "rep",
                  password=USER_PASSWORD)
    assert result.code == 1 and "not permitted" in result.err
    assert "Traceback" not in result.text and not out.exists()


@pytest.mark.parametrize(("argv", "code", "message"), [
    (("--customer", "NOPE", "--out", "{tmp}/x.pdf"), 1, "was not found"),
    (("--customer", "{code}", "--out", "{tmp}/x.txt"), 2, "must end in .pdf"),
    (("--customer", "{code}", "--out", "{tmp}/missing/x.pdf"), 2, "No such folder"),
    (("--customer", "{code}", "--out", "{tmp}/x.pdf", "--investigation", "999"), 1, "was not found"),
])
def test_mistakes_exit_with_a_message_and_no_file(firm, rated, out_dir: Path, argv, code, message) -> None:  # noqa: ANN001
    args = [a.format(tmp=out_dir, code=rated) for a in argv]
    result = firm("print", "credit-sheet", *args, "--user", "spec", password=USER_PASSWORD)
    assert result.code == code, result.text
    assert message in result.err and "Traceback" not in result.text
    assert not list(out_dir.iterdir())


def test_other_modules_add_their_forms_to_the_same_print_group() -> None:
    import argparse

    from sales_desk.cli import credit
    from sales_desk.cli.common import CommandParsers
    from sales_desk.cli.printing import print_group

    parser = argparse.ArgumentParser()
    commands = CommandParsers(parser.add_subparsers(dest="command"), argparse.ArgumentParser(add_help=False))
    credit.register(commands)
    assert print_group(commands) is print_group(commands)
    print_group(commands).add("order-sheet", "an order form", lambda args: 0)
    args = parser.parse_args(["print", "order-sheet", "--user", "u"])
    assert args.func(args) == 0
    assert parser.parse_args(["print", "rating-report", "--customer", "C1", "--out", "x.pdf",
                              "--user", "u"]).customer == "C1"
