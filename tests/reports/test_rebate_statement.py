"""The rebate statement prints in both languages as a document of record; the rebates export."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from sales_desk.reports.collections.rebate_statement import write_rebates_xlsx
from sales_desk.reports.records.issuers import give_out
from sales_desk.reports.records.rebates import issue_rebate_statement
from sales_desk.services.collections import rebate_reads, rebates
from tests.services.test_rebates import quarter  # noqa: F401 - the fixture


def test_rebate_statement_prints_in_both_languages_and_exports(database, quarter, tmp_path) -> None:  # noqa: ANN001, F811
    c, cid, _pid, aid = quarter
    rid = rebates.propose_rebate(database.uow(c.mgr), aid, date(2026, 5, 1))
    rebates.decide_rebate(database.uow(c.gm), rid, True)
    rebates.pay_rebate(database.uow(c.fin), rid)
    for lang in ("en", "zh_CN"):
        ref = issue_rebate_statement(database.uow(c.fin), rid, lang)
        again = issue_rebate_statement(database.uow(c.fin), rid, lang)
        assert again.number == ref.number  # issued once, given out again
        out = give_out(database.uow(c.fin), ref.id, "file")
        assert out.content.startswith(b"%PDF") and not out.copy
        (tmp_path / f"rebate_{lang}.pdf").write_bytes(out.content)
    rows = rebate_reads.rebates(database.uow(c.fin), cid)
    assert write_rebates_xlsx(rows, tmp_path / "rebates.xlsx") == 1
    ws = load_workbook(tmp_path / "rebates.xlsx").active
    assert ws.cell(2, 1).value == rows[0].number
