"""The customer list exported to Excel: filters applied, text stays text, its own permission."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from sales_desk.domain.common.errors import Cancelled, NotPermitted
from sales_desk.domain.common.money import to_minor
from sales_desk.reports.customers.list_xlsx import export_customers_xlsx
from sales_desk.services.customers.listing import CustomerFilter
from tests.services.credit_flow import new_customer


def test_export_writes_the_filtered_list_and_text_never_becomes_a_formula(database, make_user,
                                                                          tmp_path: Path) -> None:
    rep = make_user("rep", "sales_rep")
    new_customer(database, rep, name="=HYPERLINK(\"http://x\",\"点我\")", code="F1", region="east",
                 annual_sales=to_minor("400000"))
    new_customer(database, rep, name="上海华东贸易", code="S1", region="east")
    new_customer(database, rep, name="北京华北", code="B1", region="north")
    mgr = make_user("mgr", "sales_manager")
    out = tmp_path / "customers.xlsx"
    progress: list[int] = []
    n = export_customers_xlsx(database.uow(mgr), out, CustomerFilter(region="east"), progress.append)
    assert n == 2 and progress[-1] == 2
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:2] == ("Code", "Name")
    names = {r[1] for r in rows[1:]}
    assert names == {"=HYPERLINK(\"http://x\",\"点我\")", "上海华东贸易"}
    for row in ws.iter_rows(min_row=2):
        assert row[1].data_type == "s"  # a string cell, not a formula


def test_export_needs_its_own_permission(database, make_user, tmp_path: Path) -> None:
    rep = make_user("rep", "sales_rep")
    new_customer(database, rep)
    out = tmp_path / "c.xlsx"
    with pytest.raises(NotPermitted):
        export_customers_xlsx(database.uow(rep), out)
    assert not out.exists()


def test_cancelled_export_leaves_no_file(database, make_user, tmp_path: Path) -> None:
    rep = make_user("rep", "sales_rep")
    for i in range(3):
        new_customer(database, rep, name=f"客户{i}", code=f"K{i}")
    mgr = make_user("mgr", "sales_manager")
    out = tmp_path / "c.xlsx"

    def cancel(_rows: int) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        export_customers_xlsx(database.uow(mgr), out, progress=cancel)
    assert not out.exists() and not list(tmp_path.glob("*.part"))
