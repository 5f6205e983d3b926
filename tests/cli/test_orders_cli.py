"""`print contract`, `print dispatch-note` and `export dispatch-register` end to end: read
back (Chinese included); held to the acting user's rights; mistakes exit 1 or 2 with a
message, no traceback and no file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from sales_desk.config import AppConfig
from sales_desk.domain.orders.contracts import CreditLimitExceeded
from sales_desk.services.customers import files as customers
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import views as order_views
from tests.cli.conftest import ADMIN_PASSWORD, USER_PASSWORD
from tests.services.order_flow import approved, credit_customer, product, ship, signed, team, today


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"  # apart from the data folder
    folder.mkdir()
    return folder


@dataclass(frozen=True)
class Firm:
    order: str  # overridden, partly shipped
    shipment: str
    customer: str
    other_customer: str


@pytest.fixture
def orders_firm(firm) -> Firm:  # noqa: ANN001
    """Two customers; one order blocked, overridden and partly shipped; another shipped."""
    from sales_desk.db.database import open_database
    from sales_desk.services.admin import auth, users

    db = open_database(AppConfig(data_dir=firm.data_dir, language="en"))
    try:
        admin = auth.login(db.uow(), "admin", ADMIN_PASSWORD)

        def make_user(name: str, *roles: str, justification: str | None = None):  # noqa: ANN202
            users.add_user(db.uow(admin), name, USER_PASSWORD, list(roles), justification=justification)
            return auth.login(db.uow(), name, USER_PASSWORD)

        t = team(make_user)
        cid = credit_customer(db, t)
        other = credit_customer(db, t, name="宁波港城物流有限公司", rep=t.rep2)
        pid = product(db, t)
        oid = signed(db, t, cid, [(pid, 1200, None)])  # 120,000.00 against a 100,000.00 limit
        with pytest.raises(CreditLimitExceeded):
            order_approvals.approve_order(db.uow(t.mgr), oid)
        order_approvals.override_credit(db.uow(t.fd), oid, 2_000_000, "终端项目回款有保证，书面批准")
        line = order_views.get_order(db.uow(t.wh), oid).lines[0].id
        ship(db, t, oid, {line: 500})
        theirs = approved(db, t, other, [(pid, 10, None)], rep=t.rep2)
        ship(db, t, theirs, {order_views.get_order(db.uow(t.wh), theirs).lines[0].id: 10})
        view = order_views.get_order(db.uow(t.mgr), oid)
        return Firm(view.number, view.shipments[0].number,
                    customers.customer_card(db.uow(t.mgr), cid).code,
                    customers.customer_card(db.uow(t.mgr), other).code)
    finally:
        db.close()  # the CLI takes the folder's lock itself


def test_the_contract_prints_the_customers_copy_or_the_internal_one(firm, orders_firm: Firm, out_dir: Path) -> None:  # noqa: ANN001
    plain, internal = out_dir / "contract.pdf", out_dir / "内部.pdf"
    result = firm("print", "contract", "--order", orders_firm.order.lower(), "--out", str(plain), "--user", "rep",
                  password=USER_PASSWORD)
    assert result.code == 0, result.text
    assert orders_firm.order in result.out and str(plain) in result.out
    text = _text(plain)
    assert "Sales contract" in text and orders_firm.order in text and "上海华东贸易有限公司" in text
    assert "终端项目回款有保证" not in text  # the customer never sees the override
    result = firm("print", "contract", "--order", orders_firm.order, "--out", str(internal), "--internal",
                  "--user", "mgr", "--lang", "zh_CN", password=USER_PASSWORD)
    assert result.code == 0, result.text
    text = _text(internal)
    assert "销售合同（内部存档联）" in text and "终端项目回款有保证" in text
    assert sorted(p.name for p in out_dir.iterdir()) == ["contract.pdf", "内部.pdf"]  # no .part left


def test_the_dispatch_note_prints_in_chinese(firm, orders_firm: Firm, out_dir: Path) -> None:  # noqa: ANN001
    out = out_dir / "note.pdf"
    result = firm("print", "dispatch-note", "--shipment", orders_firm.shipment, "--out", str(out), "--user", "wh",
                  "--lang", "zh_CN", password=USER_PASSWORD)
    assert result.code == 0, result.text
    text = _text(out)
    assert "发货单" in text and orders_firm.shipment in text and orders_firm.order in text and "顺丰速运" in text


def test_the_register_exports_filtered_and_read_back(firm, orders_firm: Firm, out_dir: Path) -> None:  # noqa: ANN001
    every, one, dated = out_dir / "all.xlsx", out_dir / "one.xlsx", out_dir / "dated.xlsx"
    result = firm("export", "dispatch-register", "--out", str(every), "--user", "wh", password=USER_PASSWORD)
    assert result.code == 0, result.text
    assert "Wrote 2 movements" in result.out
    sheet = openpyxl.load_workbook(every).worksheets[0]
    assert sheet.cell(1, 1).value == "Date" and sheet.max_row == 3
    assert {sheet.cell(r, 5).value for r in (2, 3)} == {orders_firm.customer, orders_firm.other_customer}
    result = firm("export", "dispatch-register", "--out", str(one), "--customer", orders_firm.customer,
                  "--user", "mgr", password=USER_PASSWORD)
    assert result.code == 0, result.text
    sheet = openpyxl.load_workbook(one).worksheets[0]
    assert sheet.max_row == 2 and sheet.cell(2, 4).value == orders_firm.order and sheet.cell(2, 10).value == 500
    yesterday = (today() - timedelta(days=1)).isoformat()
    result = firm("export", "dispatch-register", "--out", str(dated), "--to", yesterday,
                  "--user", "mgr", password=USER_PASSWORD)
    assert result.code == 0 and "Wrote 0 movements" in result.out
    assert openpyxl.load_workbook(dated).worksheets[0].max_row == 1  # the header alone
    result = firm("export", "dispatch-register", "--out", str(dated), "--from", today().isoformat(),
                  "--user", "mgr", password=USER_PASSWORD)
    assert result.code == 0 and "Wrote 2 movements" in result.out


def test_a_rep_sees_only_their_own_orders(firm, orders_firm: Firm, out_dir: Path) -> None:  # noqa: ANN001
    out = out_dir / "register.xlsx"
    result = firm("export", "dispatch-register", "--out", str(out), "--user", "rep2", password=USER_PASSWORD)
    assert result.code == 0, result.text
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert [sheet.cell(r, 5).value for r in range(2, sheet.max_row + 1)] == [orders_firm.other_customer]
    result = firm("print", "contract", "--order", orders_firm.order, "--out", str(out_dir / "x.pdf"),
                  "--user", "rep2", password=USER_PASSWORD)
    assert result.code == 1 and "was not found" in result.err and not (out_dir / "x.pdf").exists()


@pytest.mark.parametrize(("argv", "code", "message"), [
    (("print", "contract", "--order", "SO1999-00001", "--out", "{tmp}/x.pdf"), 1, "was not found"),
    (("print", "contract", "--order", "{order}", "--out", "{tmp}/x.txt"), 2, "must end in .pdf"),
    (("print", "contract", "--order", "{order}", "--out", "{tmp}/missing/x.pdf"), 2, "No such folder"),
    (("print", "dispatch-note", "--shipment", "DN1999-00001", "--out", "{tmp}/x.pdf"), 1, "was not found"),
    (("export", "dispatch-register", "--out", "{tmp}/x.csv"), 2, "must end in .xlsx"),
    (("export", "dispatch-register", "--out", "{tmp}/x.xlsx", "--from", "2026-13-01"), 2, "not a date"),
    (("export", "dispatch-register", "--out", "{tmp}/x.xlsx", "--from", "2026-02-01", "--to", "2026-01-01"), 2,
     "--from must not lie after --to"),
    (("export", "dispatch-register", "--out", "{tmp}/x.xlsx", "--customer", "NOPE"), 1, "was not found"),
])
def test_mistakes_exit_with_a_message_and_no_file(firm, orders_firm: Firm, out_dir: Path, argv, code,  # noqa: ANN001
                                                  message) -> None:
    args = [a.format(tmp=out_dir, order=orders_firm.order) for a in argv]
    result = firm(*args, "--user", "mgr", password=USER_PASSWORD)
    assert result.code == code, result.text
    assert message in result.err and "Traceback" not in result.text
    assert not list(out_dir.iterdir())


def test_a_user_without_the_right_is_refused(firm, orders_firm: Firm, out_dir: Path) -> None:  # noqa: ANN001
    out = out_dir / "register.xlsx"
    result = firm("export", "dispatch-register", "--out", str(out), "--user", "spec", password=USER_PASSWORD)
    assert result.code == 1 and "not permitted" in result.err and not out.exists()
