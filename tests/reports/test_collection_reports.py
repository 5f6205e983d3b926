"""Collections' printed letters and audit (read back with pypdf and pdftotext, in English
and Chinese), batches with progress and cancel, and the Excel exports: no cell a formula."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import text, update

from sales_desk.domain.collections.liability import month_end, month_start
from sales_desk.domain.common.errors import Cancelled
from sales_desk.models import Customer, Receivable
from sales_desk.reports.collections.aging_xlsx import export_aging_xlsx
from sales_desk.reports.collections.ledger_xlsx import export_ledger_xlsx
from sales_desk.reports.collections.letters import (
    render_letter,
    render_letters,
    render_letters_each,
)
from sales_desk.reports.collections.liability_xlsx import export_liability_xlsx
from sales_desk.reports.credit.audit import render_credit_audit
from sales_desk.services.collections import dunning, letter_data
from sales_desk.services.credit import audit as credit_audit
from tests.services.collection_flow import ago, crew, customer, invoice, opening, pay, today

NASTY = ["=cmd|' /C calc'!A0", "+86 138 0000 0000", "-1+2", "@SUM(A1:A9)"]


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _at_dunning(database, team, code: str, name: str = "") -> int:  # noqa: ANN001
    cid = customer(database, team.rep, code, grade="C", name=name or None)
    invoice(database, team.fin, code, f"{code}-1", 50, 4_530_000)
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=ago(40))
    pay(database, team.fin, cid, 1_300_000, on=ago(35))
    dunning.record_step(database.uow(team.rep), cid, "dunning", on=ago(30), sent_via="fax", deadline=ago(15))
    return cid


def test_dunning_notice_reads_back_in_english(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    cid = _at_dunning(database, team, "C700", "上海华东贸易有限公司")
    data = letter_data.letter(database.uow(team.rep), cid, "dunning")
    path = tmp_path / "notice.pdf"
    render_letter(data, path, "en")
    text = _text(path)
    for expected in ("Dunning notice", data.letter_ref, "上海华东贸易有限公司", "CNY 32,300.00",
                     ago(15).isoformat(), "Collection so far", "Payment received", "Reason of the debt",
                     "lawyer's letter", "OB-C700-1"):
        assert expected in text, expected
    assert ago(15).isoformat() in _pdftotext(path)  # the hyphens survive (an embedded font)


def test_letters_read_back_in_chinese_with_the_policys_terms(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    cid = _at_dunning(database, team, "C701")
    dunning.send_lawyer_letter(database.uow(team.mgr), cid, on=ago(10), sent_via="courier", deadline=ago(-5))
    notice = tmp_path / "催款通知书.pdf"
    lawyer = tmp_path / "律师函.pdf"
    render_letter(letter_data.letter(database.uow(team.rep), cid, "dunning"), notice, "zh_CN")
    render_letter(letter_data.letter(database.uow(team.rep), cid, "lawyer"), lawyer, "zh_CN")
    text = _pdftotext(notice)
    for expected in ("催款通知书", "欠款事由", "催账经过", "付款期限与措施", "传真", "32,300.00"):
        assert expected in text, expected
    assert f"{ago(15).year}年{ago(15).month}月{ago(15).day}日" in text
    text = _pdftotext(lawyer)
    assert "律师函" in text and "律师事务所" in text and "催款通知书" in text


def test_thank_you_letter_and_reminder_read_back(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    good = customer(database, team.rep, "C702", grade="A")
    invoice(database, team.fin, "C702", "TY-1", 20, 100_000)
    dunning.record_step(database.uow(team.fin), good, "overdue", on=ago(10))
    dunning.record_step(database.uow(team.rep), good, "thank_you", on=ago(9), sent_via="mail")
    soon = customer(database, team.rep, "C703")
    opening(database, team.fin, [("C703", "RM-1", ago(25), ago(-5), 50_000)])
    dunning.record_step(database.uow(team.rep), soon, "reminder", sent_via="mail")
    for cid, step, title, zh in ((good, "thank_you", "Thank-you letter", "感谢信"),
                                 (soon, "reminder", "Payment reminder", "付款提醒函")):
        data = letter_data.letter(database.uow(team.rep), cid, step)
        render_letter(data, tmp_path / "en.pdf", "en")
        render_letter(data, tmp_path / "zh.pdf", "zh_CN")
        assert title in _text(tmp_path / "en.pdf")
        assert zh in _pdftotext(tmp_path / "zh.pdf")


def test_a_batch_of_letters_into_one_pdf_with_progress_and_cancel(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    for n in range(3):
        _at_dunning(database, team, f"C71{n}")
    letters = letter_data.letters_at(database.uow(team.fin), "dunning")
    seen: list[tuple[int, int]] = []
    path = tmp_path / "batch.pdf"
    render_letters(letters, path, "en", progress=lambda done, total: seen.append((done, total)))
    reader = PdfReader(path)
    assert len(reader.pages) == 3 and seen[-1] == (3, 3) and (1, 3) in seen
    assert [f"C71{n}" in (reader.pages[n].extract_text() or "") for n in range(3)] == [True] * 3

    def cancel(done: int, total: int) -> None:
        if done == 2:
            raise Cancelled()

    with pytest.raises(Cancelled):
        render_letters(letters, tmp_path / "cancelled.pdf", "en", progress=cancel)
    assert not (tmp_path / "cancelled.pdf").exists()
    folder = tmp_path / "each"
    folder.mkdir()
    files = render_letters_each(letters, folder, "zh_CN")
    assert sorted(p.name.split("-")[1] for p in files) == ["C710", "C711", "C712"]
    with pytest.raises(Cancelled):
        render_letters_each(letters, tmp_path, "en", progress=cancel)
    assert not list(tmp_path.glob("dunning-*.pdf"))


def test_credit_audit_reads_back_with_its_breaches(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C720", name="超限客户有限公司")
    with database.engine.begin() as c:
        c.execute(update(Customer).where(Customer.id == cid).values(credit_limit=100_000))
    invoice(database, team.fin, "C720", "AU-1", 5, 250_000)
    audit = credit_audit.credit_audit(database.uow(team.fin), today())
    row = next(r for r in audit.customers if r.code == "C720")
    assert row.breach and str(row.usage) == "250.0" and audit.breaches >= 1
    for lang, words in (("en", ("Monthly credit audit", "Breaches", "250.0 %")),
                        ("zh_CN", ("授信执行情况月度稽核报告", "超限情况", "超限客户有限公司"))):
        path = tmp_path / f"audit-{lang}.pdf"
        render_credit_audit(audit, path, lang)
        text = _pdftotext(path)
        assert all(w in text for w in words), (lang, words)


def test_the_credit_audit_prints_the_audit_trails_head_for_a_later_check(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    from sales_desk.domain.admin.anchors import parse_anchor_code
    from sales_desk.services.admin import integrity

    audit = credit_audit.credit_audit(database.uow(team.fin), today())
    with database.engine.connect() as c:
        seq, digest = c.execute(text("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).one()
    assert audit.audit_head == f"{seq}-{digest[:16]}"
    path = tmp_path / "audit.pdf"
    render_credit_audit(audit, path, "zh_CN")
    assert _pdftotext(path).count(audit.audit_head) >= 2  # the note at the end and every page's footer
    read_off_paper = parse_anchor_code(audit.audit_head, source="the printed audit")
    assert integrity.check_database(database.uow(team.gm), [read_off_paper]).ok


# -- Excel: nothing from the data ever becomes a formula -------------------------------------------


def _cells(path: Path) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(path)
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]


def test_no_exported_cell_starts_a_formula_from_data(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    ids = [customer(database, team.rep, f"C73{n}", name=name) for n, name in enumerate(NASTY)]
    month = month_start(today().replace(day=1) - timedelta(days=1))
    end = month_end(month)
    opening(database, team.fin, [(f"C73{n}", f"={n}+1", end - timedelta(days=60), end - timedelta(days=45), 10_000)
                                 for n in range(len(NASTY))])
    with database.engine.begin() as c:  # a document reference someone typed with a leading sign
        c.execute(update(Receivable).where(Receivable.customer_id == ids[0]).values(description="@HYPERLINK(x)"))
    paths = {"aging": tmp_path / "aging.xlsx", "ledger": tmp_path / "ledger.xlsx",
             "liability": tmp_path / "liability.xlsx"}
    export_aging_xlsx(database.uow(team.fin), paths["aging"])
    export_ledger_xlsx(database.uow(team.fin), ids[0], paths["ledger"])
    export_liability_xlsx(database.uow(team.fin), month, paths["liability"], run_if_needed=True)
    seen: set[str] = set()
    for path in paths.values():
        for cell in _cells(path):
            assert cell.data_type != "f", (path.name, cell.coordinate, cell.value)
            if isinstance(cell.value, str) and cell.value and cell.value[0] in "=+-@":
                assert cell.data_type == "s"
                seen.add(cell.value)
    assert set(NASTY) <= seen and "@HYPERLINK(x)" in seen


def test_ledger_export_reads_back_with_its_running_balance(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C740")
    invoice(database, team.fin, "C740", "LG-1", 40, 30_000)
    invoice(database, team.fin, "C740", "LG-2", 20, 20_000)
    pay(database, team.fin, cid, 35_000)
    path = tmp_path / "ledger.xlsx"
    assert export_ledger_xlsx(database.uow(team.rep), cid, path) == 3
    ws = openpyxl.load_workbook(path).active
    assert [ws.cell(r, 8).value for r in (2, 3, 4)] == [300.0, 500.0, 150.0]
    assert ws.cell(4, 2).value == "Receipt" and ws.cell(4, 7).value == 350.0
