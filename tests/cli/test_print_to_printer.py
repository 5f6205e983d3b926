"""`print … --printer NAME` beside `--out`: exactly one of them; a letter and a batch to a
real CUPS queue, read back from the printed files; an unknown printer is named with those
there are, and a computer without CUPS is told to use --out. The CUPS tests need
SALES_DESK_TEST_PRINTER(_OUT), as tests/print_queue.py says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sales_desk.cli.main import build_parser
from tests.cli.conftest import USER_PASSWORD
from tests.cli.test_collections_cli import books, out_dir  # noqa: F401 - fixtures
from tests.print_queue import PrintQueue, page_count, pdf_text

JOB = re.compile(r"\(job (\S+)\)")


@pytest.mark.parametrize("form", [
    ["letter", "--step", "dunning", "--customer", "C801"],
    ["letters", "--step", "dunning"],
    ["credit-audit", "--month", "2026-05"],
    ["credit-sheet", "--customer", "C801"],
    ["rating-report", "--customer", "C801"],
    ["contract", "--order", "SO2026-00001"],
    ["dispatch-note", "--shipment", "DN2026-00001"],
    ["expense-report", "--year", "2026"],
])
def test_every_print_takes_out_or_printer_and_exactly_one(form: list[str], capsys) -> None:  # noqa: ANN001
    parser = build_parser()
    args = parser.parse_args(["print", *form, "--printer", "Office", "--user", "u"])
    assert (args.printer, args.out) == ("Office", None)
    args = parser.parse_args(["print", *form, "--out", "x.pdf", "--user", "u"])
    assert (args.printer, args.out) == (None, "x.pdf")
    for wrong in ([], ["--out", "x.pdf", "--printer", "Office"]):
        with pytest.raises(SystemExit):
            parser.parse_args(["print", *form, *wrong, "--user", "u"])
    assert "--printer" in capsys.readouterr().err


def test_a_letter_and_the_letters_at_a_step_go_to_the_printer(
        firm, books, print_queue: PrintQueue) -> None:  # noqa: ANN001, F811
    result = firm("print", "letter", "--step", "dunning", "--customer", "C801", "--printer", print_queue.name,
                  "--user", "rep", "--lang", "en", password=USER_PASSWORD)
    assert result.code == 0, result.text
    assert f"to printer {print_queue.name} (job " in result.out
    printed = print_queue.printed(JOB.search(result.out).group(1))
    text = pdf_text(printed)
    assert "C801" in text and "Dunning notice" in text and page_count(printed) == 1

    result = firm("print", "letters", "--step", "dunning", "--printer", print_queue.name, "--user", "fin",
                  "--lang", "en", password=USER_PASSWORD)
    assert result.code == 0, result.text
    jobs = JOB.findall(result.out)
    assert len(jobs) == 2 and f"Sent 2 letters to printer {print_queue.name}." in result.out
    for code, job in zip(["C801", "C802"], jobs, strict=True):
        printed = print_queue.printed(job)
        assert code in pdf_text(printed) and page_count(printed) == 1


def test_an_unknown_printer_is_refused_before_any_work_naming_the_printers(
        firm, books, print_queue: PrintQueue) -> None:  # noqa: ANN001, F811
    result = firm("print", "letter", "--step", "dunning", "--customer", "C801", "--printer", "NoSuchPrinter",
                  "--user", "rep", password=USER_PASSWORD)
    assert result.code == 2
    assert "NoSuchPrinter" in result.err and print_queue.name in result.err and "Traceback" not in result.text


def test_without_cups_the_user_is_told_to_use_out(firm, monkeypatch: pytest.MonkeyPatch, out_dir: Path) -> None:  # noqa: ANN001, F811
    from sales_desk.reports.common import print_server

    monkeypatch.setattr(print_server.shutil, "which", lambda name: None)
    result = firm("print", "expense-report", "--year", "2026", "--printer", "Office", "--user", "admin",
                  password="x")
    assert result.code == 2 and "--out" in result.err and "CUPS" in result.err
