"""Customer files through real units of work (SPEC §2)."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import select, text

from sales_desk.domain.common.errors import (
    DuplicateError,
    NotFound,
    NotPermitted,
    SelfApprovalRefused,
    ValidationError,
)
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.customers.files import InteractionKind
from sales_desk.models import AuditEntry, FileAccess
from sales_desk.services.admin import audit
from sales_desk.services.customers import files as customers
from sales_desk.services.customers import listing as customer_list
from sales_desk.services.customers import records as customer_records
from sales_desk.services.customers.data import ContactInput, CustomerInput
from sales_desk.services.customers.listing import CustomerFilter
from sales_desk.services.customers.records import InteractionInput
from tests.services.credit_flow import at, new_customer, utc


@pytest.fixture
def rep(make_user):
    return make_user("rep", "sales_rep")


def _actions(database) -> list[str]:
    with database.uow() as uow:
        return list(uow.session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))


# -- creating and reviewing the file ---------------------------------------------------------


def test_rep_creates_the_file_and_keeps_it_pending_review(database, rep) -> None:
    cid = customers.create_customer(database.uow(rep), CustomerInput(
        name="北京 华北商贸有限公司", code="bj-001", region="north", customer_type="distributor",
        first_contact_on=date(2026, 1, 5), annual_sales=to_minor("400000"),
        contacts=(ContactInput("张经理", "采购经理", "13800000000", key_person=True),)))
    card = customers.customer_card(database.uow(rep), cid)
    assert card.code == "BJ-001" and card.rep_id == rep.user_id
    assert card.review_status == "pending"
    assert card.value_grade == "B"  # 400,000.00 a year
    assert [k.name for k in card.contacts] == ["张经理"]
    assert card.may_open_full_file
    assert "customer.create" in _actions(database)


def test_customer_code_is_unique(database, rep) -> None:
    new_customer(database, rep, code="C1")
    with pytest.raises(DuplicateError):
        new_customer(database, rep, name="其他", code="c1")


def test_blank_code_gets_the_next_number(database, rep) -> None:
    cid = new_customer(database, rep)
    assert customers.customer_card(database.uow(rep), cid).code == f"C{cid:06d}"


def test_superior_reviews_the_file(database, rep, make_user) -> None:
    sup = make_user("sup", "sales_supervisor")
    cid = new_customer(database, rep)
    with pytest.raises(NotPermitted):
        customers.review_customer_file(database.uow(rep), cid)
    customers.review_customer_file(database.uow(sup), cid, "信息完整")
    card = customers.customer_card(database.uow(rep), cid)
    assert card.review_status == "reviewed" and card.reviewed_by == "sup"


def test_nobody_reviews_a_file_they_created(database, make_user) -> None:
    both = make_user("lead", "sales_rep", "sales_supervisor")
    cid = new_customer(database, both)
    with pytest.raises(SelfApprovalRefused):
        customers.review_customer_file(database.uow(both), cid)


# -- who sees what -----------------------------------------------------------------------------


def test_rep_sees_only_their_own_customers_managers_see_all(database, rep, make_user) -> None:
    other = make_user("rep2", "sales_rep")
    sup = make_user("sup", "sales_supervisor")
    mine = new_customer(database, rep, name="甲公司")
    theirs = new_customer(database, other, name="乙公司")
    assert [r.id for r in customer_list.list_customers(database.uow(rep)).rows] == [mine]
    with pytest.raises(NotFound):
        customers.customer_card(database.uow(rep), theirs)
    assert {r.id for r in customer_list.list_customers(database.uow(sup)).rows} == {mine, theirs}


# -- the list: SQL filters, keyset pages ------------------------------------------------------


def test_list_filters_by_chinese_substring_code_and_flags(database, rep) -> None:
    a = new_customer(database, rep, name="上海浦东 华联超市", code="SH-01", region="east")
    with database.engine.begin() as conn:  # a key account comes from an approved screening (services/care)
        conn.execute(text("UPDATE customers SET key_account = true WHERE id = :id"), {"id": a})
    b = new_customer(database, rep, name="广州华南医药", code="GZ-02", region="south",
                     customer_type="pharmacy")
    new_customer(database, rep, name="Ｂｅｉｊｉｎｇ Tools", code="BJ-03", region="north")

    def ids(**kw) -> list[int]:
        return [r.id for r in customer_list.list_customers(database.uow(rep), CustomerFilter(**kw)).rows]

    assert ids(text="华联") == [a]
    assert ids(text="浦东华联") == [a]  # spaces do not matter
    assert ids(text="gz-0") == [b]  # codes, case-folded
    assert len(ids(text="beijing")) == 1  # full-width folded
    assert ids(text="%") == []  # wildcards are literal
    assert ids(region="south") == [b]
    assert ids(customer_type="pharmacy") == [b]
    assert ids(key_account=True) == [a]
    assert set(ids(credit_grade="none")) >= {a, b}
    assert ids(credit_hold=True) == []


def test_list_pages_by_keyset_without_gaps_or_repeats(database, rep) -> None:
    made = {new_customer(database, rep, name=f"客户{n % 4}", code=f"K{n:03d}") for n in range(11)}
    for order in ("name", "code"):
        seen: list[int] = []
        after = None
        while True:
            page = customer_list.list_customers(database.uow(rep), after=after, limit=3, order=order)
            seen += [r.id for r in page.rows]
            if page.next_after is None:
                break
            after = page.next_after
        assert len(seen) == len(set(seen)) and set(seen) == made, order
    assert customer_list.count_customers(database.uow(rep), CustomerFilter(text="客户1")) == 3


def test_file_untouched_for_more_than_three_months_is_stale(database, rep) -> None:
    cid = customers.create_customer(at(database, rep, utc(2026, 1, 15)), CustomerInput(name="旧档案"))
    on_edge = at(database, rep, utc(2026, 4, 15))
    assert not customers.customer_card(on_edge, cid).stale
    later = at(database, rep, utc(2026, 4, 16))
    assert customers.customer_card(later, cid).stale
    stale_ids = [r.id for r in customer_list.list_customers(at(database, rep, utc(2026, 4, 16)),
                                                             CustomerFilter(stale=True)).rows]
    assert stale_ids == [cid]
    customers.update_customer(at(database, rep, utc(2026, 4, 16)), cid, {"phone": "021-12345678"})
    assert not customers.customer_card(at(database, rep, utc(2026, 4, 17)), cid).stale


# -- the confidential file [商业秘密] and the library card [借阅卡] ------------------------------


@pytest.mark.parametrize("role", ["cs_specialist", "sales_supervisor", "finance"])
def test_confidential_file_refused_below_manager_level(database, rep, make_user, role) -> None:
    cid = new_customer(database, rep)
    someone = make_user("someone", role)
    with pytest.raises(NotPermitted):
        customers.open_confidential_file(database.uow(someone), cid, "想看看")
    with pytest.raises(NotPermitted):
        customers.customer_file(database.uow(someone), cid)
    with database.uow() as uow:
        assert uow.session.scalars(select(FileAccess)).all() == []


def test_confidential_file_opened_above_manager_level_is_logged_with_the_reason(database, rep,
                                                                               make_user) -> None:
    cid = new_customer(database, rep, annual_sales=to_minor("120000"), trade_issues="回款偏慢")
    csm = make_user("csm", "cs_manager")
    with pytest.raises(ValidationError):
        customers.open_confidential_file(database.uow(csm), cid, "  ")
    full = customers.open_confidential_file(database.uow(csm), cid, "年度信用复审")
    assert full.trade_issues == "回款偏慢" and full.annual_sales == to_minor("120000")
    rows, more = customers.file_access_log(database.uow(csm), cid)
    assert not more and [(r.username, r.reason) for r in rows] == [("csm", "年度信用复审")]
    assert _actions(database).count("customer.open_confidential") == 1


def test_rep_reads_their_own_full_file_without_a_library_card(database, rep, make_user) -> None:
    cid = new_customer(database, rep, trade_strengths="渠道广")
    assert customers.customer_file(database.uow(rep), cid).trade_strengths == "渠道广"
    other = make_user("rep2", "sales_rep")
    with pytest.raises(NotFound):
        customers.customer_file(database.uow(other), cid)


def test_confidential_sections_are_edited_only_by_the_rep_or_manager_level(database, rep,
                                                                           make_user) -> None:
    cid = new_customer(database, rep)
    spec = make_user("spec", "cs_specialist")
    customers.update_customer(database.uow(spec), cid, {"phone": "010-1"})  # the card: allowed
    with pytest.raises(NotPermitted):
        customers.update_customer(database.uow(spec), cid, {"annual_sales": to_minor("2000000")})
    customers.update_customer(database.uow(rep), cid, {"annual_sales": to_minor("2000000")})
    assert customers.customer_card(database.uow(rep), cid).value_grade == "A"


def test_unknown_field_and_bad_classification_are_refused(database, rep) -> None:
    cid = new_customer(database, rep)
    with pytest.raises(ValidationError):
        customers.update_customer(database.uow(rep), cid, {"credit_limit": 1})
    with pytest.raises(ValidationError):
        customers.update_customer(database.uow(rep), cid, {"region": "mars"})


# -- documents ------------------------------------------------------------------------------------


def test_document_is_copied_into_the_data_folder_with_its_hash(database, rep, make_user, tmp_path) -> None:
    cid = new_customer(database, rep, code="DOC-1")
    src = tmp_path / "营业执照 扫描.pdf"
    src.write_bytes(b"%PDF-1.4 licence")
    root = tmp_path / "attachments"
    doc_id = customer_records.attach_document(database.uow(rep), cid, src, root, "营业执照")
    doc = customers.customer_file(database.uow(rep), cid).documents[0]
    assert doc.id == doc_id and doc.sha256 == hashlib.sha256(b"%PDF-1.4 licence").hexdigest()
    stored = customer_records.open_document(database.uow(rep), doc_id, root)
    assert stored.parent == root / "DOC-1" and stored.read_bytes() == b"%PDF-1.4 licence"
    csm = make_user("csm", "cs_manager")
    customer_records.open_document(database.uow(csm), doc_id, root)  # logged: not the rep
    assert len(customers.file_access_log(database.uow(csm), cid)[0]) == 1
    stored.write_bytes(b"tampered")
    with pytest.raises(customer_records.AttachmentChanged):
        customer_records.open_document(database.uow(rep), doc_id, root)


def test_others_below_manager_level_cannot_open_documents(database, rep, make_user, tmp_path) -> None:
    cid = new_customer(database, rep)
    src = tmp_path / "a.txt"
    src.write_text("x")
    doc_id = customer_records.attach_document(database.uow(rep), cid, src, tmp_path / "att")
    sup = make_user("sup", "sales_supervisor")
    with pytest.raises(NotPermitted):
        customer_records.open_document(database.uow(sup), doc_id, tmp_path / "att")


# -- the relationship log --------------------------------------------------------------------------


def test_complaint_stays_open_until_its_handling_is_recorded(database, rep, make_user) -> None:
    cid = new_customer(database, rep)
    customer_records.log_interaction(database.uow(rep), cid, InteractionInput(
        InteractionKind.VISIT, date(2026, 1, 5), "季度拜访"))
    complaint = customer_records.log_interaction(database.uow(rep), cid, InteractionInput(
        InteractionKind.COMPLAINT, date(2026, 1, 6), "包装破损", contact_person="李"))
    assert [r.status for r in customer_records.list_interactions(database.uow(rep), cid)] == ["open", "closed"]
    csm = make_user("csm", "cs_manager")
    with pytest.raises(ValidationError):
        customer_records.handle_interaction(database.uow(csm), complaint, " ")
    customer_records.handle_interaction(database.uow(csm), complaint, "补发新货并致歉")
    row = customer_records.list_interactions(database.uow(rep), cid, InteractionKind.COMPLAINT)[0]
    assert row.status == "closed" and row.handling == "补发新货并致歉" and row.handled_by == "csm"


def test_return_visit_and_return_exchange_are_logged(database, rep) -> None:
    cid = new_customer(database, rep)
    customer_records.log_interaction(database.uow(rep), cid, InteractionInput(
        InteractionKind.RETURN_VISIT, date(2026, 2, 1), "满意度回访"))
    customer_records.log_interaction(database.uow(rep), cid, InteractionInput(
        InteractionKind.RETURN_EXCHANGE, date(2026, 2, 2), "换货", goods="A型号 ×10",
        amount=to_minor("1200")))
    kinds = {r.kind for r in customer_records.list_interactions(database.uow(rep), cid)}
    assert kinds == {"return_visit", "return_exchange"}


# -- export is its own permission -----------------------------------------------------------------


def test_export_needs_its_own_permission(database, rep, make_user) -> None:
    new_customer(database, rep)
    sup = make_user("sup", "sales_supervisor")  # sees the list, may not export it
    with pytest.raises(NotPermitted):
        customer_list.export_customers(database.uow(sup), CustomerFilter(), lambda rows: len(list(rows)))
    mgr = make_user("mgr", "sales_manager")
    n = customer_list.export_customers(database.uow(mgr), CustomerFilter(), lambda rows: len(list(rows)))
    assert n == 1
    assert "customer.export" in _actions(database)


def test_every_change_is_audited_and_the_chain_holds(database, rep, make_user) -> None:
    cid = new_customer(database, rep)
    customers.update_customer(database.uow(rep), cid, {"address": "上海市"})
    contact = customer_records.add_contact(database.uow(rep), cid, ContactInput("王"))
    customer_records.remove_contact(database.uow(rep), contact)
    actions = _actions(database)
    for a in ("customer.create", "customer.update", "customer.contact_add", "customer.contact_remove"):
        assert a in actions
    gm = make_user("boss", "gm")
    assert audit.verify_chain(database.uow(gm)).ok
