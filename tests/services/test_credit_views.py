"""The investigator's list of a customer's documents, for attaching them to checklist items."""

from __future__ import annotations

from pathlib import Path

import pytest

from sales_desk.domain.common.errors import NotFound, NotPermitted
from sales_desk.services.credit import investigation as inv_svc
from sales_desk.services.credit import views as credit_views
from sales_desk.services.customers import records as customer_records
from tests.services.credit_flow import new_customer, staff


def test_investigator_lists_the_customers_documents_and_attaches_one(database, make_user,
                                                                     tmp_path: Path) -> None:
    s = staff(make_user)
    cid = new_customer(database, s.rep)
    other = new_customer(database, s.rep, name="北京燕山商贸有限公司")
    scan = tmp_path / "licence.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    doc = customer_records.attach_document(database.uow(s.rep), cid, scan, tmp_path / "att", "营业执照")
    customer_records.attach_document(database.uow(s.rep), other, scan, tmp_path / "att", "别人的")
    inv_id = inv_svc.open_investigation(database.uow(s.spec), cid)

    docs = credit_views.investigation_documents(database.uow(s.spec), inv_id)

    assert [(d.id, d.title, d.original_name) for d in docs] == [(doc, "营业执照", "licence.pdf")]
    inv_svc.record_item(database.uow(s.spec), inv_id, "business_licence", True, stamped=True,
                        document_id=docs[0].id)
    item = next(i for i in inv_svc.get_investigation(database.uow(s.spec), inv_id).items
                if i.key == "business_licence")
    assert item.document_title == "营业执照"


def test_document_list_needs_the_investigate_right(database, make_user) -> None:
    s = staff(make_user)
    inv_id = inv_svc.open_investigation(database.uow(s.spec), new_customer(database, s.rep))
    for actor in (s.rep, s.fin, s.mgr):
        with pytest.raises(NotPermitted):
            credit_views.investigation_documents(database.uow(actor), inv_id)
    with pytest.raises(NotFound):
        credit_views.investigation_documents(database.uow(s.spec), inv_id + 99)
