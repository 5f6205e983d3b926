"""The quotation prints as a document of record in the customer's language; the pipeline
exports to a workbook (issue 18)."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from sales_desk.domain.common.money import to_minor
from sales_desk.reports.opportunities.pipeline_xlsx import export_pipeline_xlsx
from sales_desk.reports.records.issuers import issue_quotation
from sales_desk.services.opportunities import opportunities, quotations
from sales_desk.services.opportunities.opportunities import OpportunityInput
from sales_desk.services.opportunities.quotations import QuoteLineInput
from tests.services.credit_flow import new_customer
from tests.services.order_flow import product, team


def test_the_quotation_is_issued_once_in_the_customers_language(database, make_user, pin_business_date,
                                                                 tmp_path) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 6, 30))
    t = team(make_user)
    cid = new_customer(database, t.rep, name="华东机电", language="zh_CN")
    pid = product(database, t)
    oid = opportunities.create_opportunity(database.uow(t.rep), OpportunityInput(
        "控制器改造", customer_id=cid, amount=to_minor("1000"), products=((pid, 10),)))
    qid = quotations.create_quotation(database.uow(t.rep), oid, [QuoteLineInput(pid, 10)])
    ref = issue_quotation(database.uow(t.rep), qid)
    assert ref.number.startswith("DR") and ref.language == "zh_CN"
    again = issue_quotation(database.uow(t.rep), qid)
    assert again.number == ref.number  # the same data: the same document
    path = tmp_path / "q.pdf"
    from sales_desk.reports.records.issuers import give_out, save_to

    save_to(path, give_out(database.uow(t.rep), ref.id, "file").content)
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    assert "报价" in text and "华东机电" in text and "1,000.00" in text
    assert quotations.quotation_document(database.uow(t.rep), qid).status == "issued"
    rows = export_pipeline_xlsx(database.uow(t.mgr), tmp_path / "p.xlsx")
    book = load_workbook(tmp_path / "p.xlsx")
    assert rows > 0 and book.worksheets[0]["B2"].value == 1  # one open at the first stage
