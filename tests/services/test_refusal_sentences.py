"""The refusals log reads as sentences (issue 13): the page and the export name the person
by their name and the record by its number, in the reader's language; the export reads
back with openpyxl, readable columns first."""

from __future__ import annotations

import openpyxl
import pytest

from sales_desk.domain.admin.refusal_sentences import kind_label
from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused
from sales_desk.i18n import set_language
from sales_desk.models import SalesOrder
from sales_desk.reports.admin.refusals_xlsx import write_refusals_xlsx
from sales_desk.services.admin import auth, refusals, users
from sales_desk.services.admin.refusals import RefusalFilter
from sales_desk.services.orders import approvals as order_approvals
from tests.conftest import PASSWORD
from tests.services.order_flow import credit_customer, product, signed, team


@pytest.fixture
def own_order(database, admin, make_user):  # noqa: ANN001, ANN201
    """张伟, a sales rep who is also a sales manager, signs an order and tries to approve it."""
    t = team(make_user)
    users.add_user(database.uow(admin), "zw", PASSWORD, ["sales_rep", "sales_manager"], full_name="张伟",
                   justification="小公司，业务员兼销售经理")
    zw = auth.login(database.uow(), "zw", PASSWORD)
    cid = credit_customer(database, t)
    oid = signed(database, t, cid, [(product(database, t), 5, None)], rep=zw)
    with pytest.raises(SelfApprovalRefused):
        order_approvals.approve_order(database.uow(zw), oid)
    with pytest.raises(NotPermitted):  # the warehouse keeper may not approve it either
        order_approvals.approve_order(database.uow(t.wh), oid)
    with database.uow() as uow:
        number = uow.session.get(SalesOrder, oid).number
    return t, number


def test_a_refused_own_approval_reads_as_a_sentence_naming_the_record_by_its_number(database, own_order) -> None:
    t, number = own_order
    rows, more = refusals.refusals_page(database.uow(t.gm))
    assert not more and [r.kind for r in rows] == ["no_right", "own_approval"]
    wh, own = rows
    assert own.sentence == (f"张伟 tried to approve the order {number} for dispatch, their own request — refused: "
                            "nobody may approve their own request.")
    assert (own.who, own.record) == ("张伟", f"Order {number}")
    assert wh.sentence == (f"wh tried to approve the order {number} for dispatch — refused: their roles do not "
                           "give them the right to.")
    assert ("Right needed", "order.approve") in [(i.field, i.value) for i in wh.items]
    try:
        set_language("zh_CN")
        [own] = refusals.refusals_page(database.uow(t.gm), RefusalFilter(kind="own_approval"))[0]
        assert own.sentence == f"张伟 试图审批订单 {number} 发货（本人的申请），被拒绝：任何人不得审批本人的申请。"
        assert own.record == f"订单 {number}"
    finally:
        set_language("en")


def test_the_filter_finds_refusals_by_what_was_tried_and_by_the_record_number(database, own_order) -> None:
    t, number = own_order
    for words in ("approve the order", number, "approvals.approve_order"):
        rows, _more = refusals.refusals_page(database.uow(t.gm), RefusalFilter(text=words))
        assert len(rows) == 2, words
    assert refusals.refusals_page(database.uow(t.gm), RefusalFilter(text="pay the expense claim"))[0] == []


def test_the_export_reads_back_in_the_readable_form(database, own_order, tmp_path) -> None:
    t, number = own_order
    target = tmp_path / "refusals.xlsx"
    count = refusals.export_refusals(database.uow(t.gm), lambda rows: write_refusals_xlsx(target, rows, kind_label),
                                     RefusalFilter(kind="own_approval"))
    assert count == 1
    sheet = openpyxl.load_workbook(target).worksheets[0]
    assert [c.value for c in sheet[1]] == [
        "Time (UTC)", "Person", "Kind", "What happened", "Which record", "Reason", "Detail",
        "No.", "User", "Service", "Entity", "ID", "Raw detail"]  # readable, then raw
    row = [c.value for c in sheet[2]]
    assert sheet.cell(2, 1).is_date
    assert row[1:7] == ["张伟", "Own approval", f"张伟 tried to approve the order {number} for dispatch, their own "
                        "request — refused: nobody may approve their own request.", f"Order {number}",
                        "Nobody may approve their own request.", f"Refusal: Own approval; Record named: {number}; What: order"]
    assert row[7:12] == [1, "zw", "approvals.approve_order", "order", row[11]] and row[11].isdigit()
    assert '"error":"SelfApprovalRefused"' in row[12]


def test_only_those_who_read_the_audit_trail_export_the_refusals_log(database, own_order, tmp_path) -> None:
    t, _number = own_order
    with pytest.raises(NotPermitted):
        refusals.export_refusals(database.uow(t.rep), lambda rows: list(rows))


def test_a_refusal_on_a_debt_names_the_debt_by_its_invoice_number(database, make_user) -> None:
    from sales_desk.services.collections import liability_faults
    from tests.services.collection_flow import crew, customer, invoice

    c = crew(make_user)
    customer(database, c.rep, "C0101")
    debt = invoice(database, c.fin, "C0101", "XS-7001", 45, 1_000_000)
    with pytest.raises(NotPermitted):  # fault is the sales manager's to record
        liability_faults.record_fault(database.uow(c.rep), debt, "gross_negligence", "未及时催收")
    [row] = refusals.refusals_page(database.uow(c.gm))[0]
    assert "the debt OB-XS-7001" in row.sentence and f"#{debt}" not in row.sentence
