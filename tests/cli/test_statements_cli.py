"""`print statements` and `print confirmation` end to end: each customer's statement issued in
their language with its confirmation slip, read back with pdftotext; one file, a folder,
one customer; held to the acting user's rights."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from sales_desk.config import AppConfig
from tests.cli.conftest import ADMIN_PASSWORD, USER_PASSWORD
from tests.services.collection_flow import crew, customer, opening, pay

AS_OF = "2026-10-31"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def books(firm, monkeypatch):  # noqa: ANN001, ANN201
    """C901 (English) and C902 (Chinese) owe money on the day; C903 owes nothing."""
    from sales_desk import clock
    from sales_desk.db.database import open_database
    from sales_desk.services.admin import auth, users

    monkeypatch.setenv(clock.ENV_BUSINESS_DATE, "2026-11-30")
    db = open_database(AppConfig(data_dir=firm.data_dir, language="en"))
    try:
        admin = auth.login(db.uow(), "admin", ADMIN_PASSWORD)

        def make_user(name: str, *roles: str, justification: str | None = None):  # noqa: ANN202
            users.add_user(db.uow(admin), name, USER_PASSWORD, list(roles), justification=justification)
            return auth.login(db.uow(), name, USER_PASSWORD)

        team = crew(make_user)
        en = customer(db, team.rep, "C901", name="Harbour Trading Ltd")
        customer(db, team.rep2, "C902", name="华东机电有限公司", language="zh_CN")
        customer(db, team.rep, "C903")
        opening(db, team.fin, [("C901", "H-1", date(2026, 2, 1), date(2026, 3, 3), 1_250_000),
                               ("C902", "E-1", date(2026, 4, 1), date(2026, 5, 1), 3_000_000)])
        pay(db, team.fin, en, 250_000, on=date(2026, 6, 1))
        return team
    finally:
        db.close()


def test_print_statements_for_every_customer_with_a_balance_in_their_language(firm, books,  # noqa: ANN001
                                                                             tmp_path: Path) -> None:
    batch = tmp_path / "statements.pdf"
    r = firm("print", "statements", "--as-of", AS_OF, "--out", str(batch), "--user", "fin", password=USER_PASSWORD)
    assert r.code == 0, r.text
    assert "2 statements" in r.out
    text = pdf_text(batch)
    english, chinese = text.split("\f")[0], text[text.index("对账单"):]
    assert "Statement of account" in english and "C901 Harbour Trading Ltd" in english
    assert "10,000.00" in english and "Balance confirmation" in english  # 12,500 less 2,500 received
    assert "We agree the balance of CNY 10,000.00 on 2026-10-31" in " ".join(english.split())
    assert "余额确认" in chinese and "华东机电有限公司" in chinese and "30,000.00" in chinese
    folder = tmp_path / "each"
    folder.mkdir()
    r = firm("print", "statements", "--as-of", AS_OF, "--out", str(folder), "--user", "fin", password=USER_PASSWORD)
    assert r.code == 0, r.text
    assert sorted(p.name for p in folder.iterdir()) == [f"statement-C901-{AS_OF}.pdf", f"statement-C902-{AS_OF}.pdf"]
    assert "COPY" in pdf_text(folder / f"statement-C901-{AS_OF}.pdf")  # the same documents, reprinted


def test_the_rep_prints_statements_of_their_own_customers_only(firm, books, tmp_path: Path) -> None:  # noqa: ANN001
    one = tmp_path / "rep.pdf"
    r = firm("print", "statements", "--as-of", AS_OF, "--out", str(one), "--user", "rep", password=USER_PASSWORD)
    assert r.code == 0 and "1 statement " in r.out
    r = firm("print", "statements", "--as-of", AS_OF, "--customer", "C902", "--out", str(tmp_path / "x.pdf"),
             "--user", "rep", password=USER_PASSWORD)
    assert r.code != 0 and not (tmp_path / "x.pdf").exists()
    r = firm("print", "statements", "--as-of", AS_OF, "--out", str(tmp_path / "w.pdf"), "--user", "sup",
             password=USER_PASSWORD)
    assert r.code != 0 and not (tmp_path / "w.pdf").exists()


def test_print_the_auditors_confirmation_letter_in_chinese(firm, books, tmp_path: Path) -> None:  # noqa: ANN001
    target = tmp_path / "letter.pdf"
    r = firm("print", "confirmation", "--customer", "C902", "--as-of", AS_OF, "--auditor", "立信会计师事务所",
             "--out", str(target), "--user", "fin", password=USER_PASSWORD)
    assert r.code == 0, r.text
    text = pdf_text(target)
    assert "询证函" in text and "立信会计师事务所" in text and "30,000.00" in text
    r = firm("print", "confirmation", "--customer", "C901", "--as-of", AS_OF, "--auditor", "KPMG",
             "--out", str(tmp_path / "r.pdf"), "--user", "rep", password=USER_PASSWORD)
    assert r.code != 0 and not (tmp_path / "r.pdf").exists()
