"""Importing customers: all rows or none, through a real unit of work (SQLite, and
PostgreSQL when CI provides one), and files read safely (zip bombs, XML entity
expansion, forged sizes) before anything is written."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from sales_desk.domain.common.errors import Cancelled, NotPermitted
from sales_desk.models import AuditEntry, CreditLimitDecision, Customer, CustomerContact
from sales_desk.services.admin import audit
from sales_desk.services.common import spreadsheets
from sales_desk.services.common.spreadsheets import Table, UnreadableFile, read_table
from sales_desk.services.customers import importing as customer_import
from sales_desk.services.customers.importing import (
    ImportRefused,
    import_customers,
    preview_customer_import,
)
from tests.db.helpers import dump_engine

HEADER = ("客户编号", "客户名称", "区域", "行业", "联系人", "手机", "业务员", "信用等级", "信用额度", "账期", "注册资本")


def sheet(*rows: tuple, name: str = "customers.xlsx") -> Table:
    return Table(name, "Sheet1", ((1, ("客户资料表",)), (2, HEADER),
                                  *((i + 3, tuple(r)) for i, r in enumerate(rows))))


def count(db, model) -> int:  # noqa: ANN001
    with db.engine.connect() as c:
        return c.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.fixture
def manager(make_user):  # noqa: ANN001
    make_user("li", "sales_rep")
    return make_user("mgr", "sales_manager")


def test_a_file_with_one_bad_row_imports_nothing_and_says_which_row(database, manager) -> None:  # noqa: ANN001
    table = sheet(("HZ1", "宏达机电", "华东", "制造业", "王强", "138", "li", "B", 50_000, 30, 1_000_000),
                  ("HZ2", "华通电子", "火星", "", "", "", "", "", "", "", ""))
    before = dump_engine(database.engine)
    preview = preview_customer_import(database.uow(manager), table)
    assert not preview.ok and [(e.row, e.column) for e in preview.errors] == [(4, "区域")]
    with pytest.raises(ImportRefused) as refused:
        import_customers(database.uow(manager), table)
    assert "Row 4, 区域: not one of the listed values" in str(refused.value)
    assert dump_engine(database.engine) == before  # not a customer, contact or audit row more


def test_customers_come_in_with_contacts_classification_credit_and_an_audit_row_each(
        database, manager, admin) -> None:  # noqa: ANN001
    table = sheet(("HZ1", "宏达机电", "华东", "制造业", "王强", 13800138000, "li", "B", 50_000, 30, 1_000_000),
                  ("HZ1", None, None, None, "赵敏", "139", None, None, None, None, None),
                  (None, "瑞丰贸易", "South China", "wholesale", None, None, None, None, None, None, None))
    preview = preview_customer_import(database.uow(manager), table)
    assert preview.ok and (preview.customers, preview.contacts, preview.with_credit) == (2, 2, 1)
    assert preview.header_row == 2 and preview.mapping[:3] == ("code", "name", "region")
    done = import_customers(database.uow(manager), table)
    assert (done.customers, done.contacts, done.with_credit) == (2, 2, 1)

    with database.engine.connect() as c:
        rows = {r.code: r for r in c.execute(select(Customer)).all()}
        contacts = c.execute(select(CustomerContact.name).order_by(CustomerContact.id)).scalars().all()
        decision = c.execute(select(CreditLimitDecision)).one()
        actions = c.execute(select(AuditEntry.action, AuditEntry.after).order_by(AuditEntry.seq)).all()
    hz, other = rows["HZ1"], next(r for code, r in rows.items() if code != "HZ1")
    assert (hz.name, hz.region, hz.industry, hz.registered_capital) == ("宏达机电", "east", "manufacturing", 100_000_000)
    assert (hz.credit_grade, hz.credit_limit, hz.payment_term_days, hz.payment_mode) == ("B", 5_000_000, 30, "credit")
    assert hz.rep_id is not None and hz.created_by_id == manager.user_id and hz.review_status == "pending"
    assert (other.region, other.credit_grade, other.credit_limit, other.rep_id) == ("south", None, 0, None)
    assert other.code.startswith("C")  # the next free code
    assert contacts == ["王强", "赵敏"]
    assert (decision.method, decision.amount, decision.set_by_id) == ("import", 5_000_000, manager.user_id)
    assert "customers.xlsx" in decision.reasons and "row 3" in decision.reasons
    imported = [a for a in actions if a.action.startswith("customer.")]
    assert [a.action for a in imported] == ["customer.create", "customer.create", "customer.import"]
    assert '"via":"import"' in imported[0].after and '"sha256"' in imported[2].after
    assert audit.verify_chain(database.uow(admin)).first_broken_seq is None


def test_the_customer_service_manager_imports_but_not_credit_figures(database, make_user) -> None:  # noqa: ANN001
    cs = make_user("cs", "cs_manager")
    with_credit = sheet(("A1", "宏达", "", "", "", "", "", "B", 100, 30, ""))
    refused = preview_customer_import(database.uow(cs), with_credit)
    assert not refused.ok and "set credit limits" in refused.errors[0].message
    mapping = tuple(None if k in ("credit_grade", "credit_limit", "payment_term_days") else k
                    for k in refused.mapping)
    assert import_customers(database.uow(cs), with_credit, mapping).customers == 1


def test_a_rep_may_not_import(database, make_user) -> None:  # noqa: ANN001
    rep = make_user("rep", "sales_rep")
    with pytest.raises(NotPermitted):
        preview_customer_import(database.uow(rep), sheet(("A1", "宏达")))


def test_a_cancelled_import_leaves_nothing(database, manager) -> None:  # noqa: ANN001
    rows = [(f"X{i:04d}", f"客户{i}") for i in range(customer_import.BATCH + 10)]
    before = dump_engine(database.engine)

    def progress(done: int, total: int) -> None:
        if done > 0:
            raise Cancelled()  # the user pressed Cancel after the first batch was written

    with pytest.raises(Cancelled):
        import_customers(database.uow(manager), sheet(*rows), progress=progress)
    assert dump_engine(database.engine) == before


def test_a_code_taken_after_the_preview_is_caught_at_import(database, manager) -> None:  # noqa: ANN001
    table = sheet(("A1", "宏达"))
    assert preview_customer_import(database.uow(manager), table).ok
    import_customers(database.uow(manager), sheet(("A1", "别家")))  # meanwhile, elsewhere
    with pytest.raises(ImportRefused):
        import_customers(database.uow(manager), table)
    assert count(database, Customer) == 1


# -- the files ---------------------------------------------------------------------------

def _workbook(tmp_path: Path, rows: list[tuple], name: str = "book.xlsx") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    for row in rows:
        ws.append(list(row))
    path = tmp_path / name
    book.save(path)
    return path


def _rewrite(path: Path, replace: dict[str, bytes], add: dict[str, bytes] | None = None,
             level: int = zipfile.ZIP_DEFLATED) -> Path:
    """The workbook with some parts replaced or added (how an attacker crafts one)."""
    out = path.with_name("crafted-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", level) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, replace.get(item.filename, src.read(item.filename)))
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True  # the dependency is installed and picked up


def test_a_workbook_and_a_chinese_csv_read_back_with_row_numbers(tmp_path: Path) -> None:
    path = _workbook(tmp_path, [("客户资料表",), (), HEADER[:3], ("A1", "宏达", "华东"), (), ("A2", "华通", 12.5)])
    table = read_table(path)
    assert table.rows == ((1, ("客户资料表",)), (3, HEADER[:3]), (4, ("A1", "宏达", "华东")),
                          (6, ("A2", "华通", 12.5)))
    csv_path = tmp_path / "gbk.csv"
    csv_path.write_bytes("客户编号,客户名称\nA1,宏达\n".encode("gb18030"))  # as Excel saves it in China
    assert read_table(csv_path).rows == ((1, ("客户编号", "客户名称")), (2, ("A1", "宏达")))


def test_a_zip_bomb_is_refused_before_it_is_opened(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    path = _workbook(tmp_path, [HEADER[:2], ("A1", "宏达")])
    bomb = _rewrite(path, {}, {"xl/media/padding.bin": b"\0" * (8 * 1024 * 1024)})  # ~8 KB packed
    assert bomb.stat().st_size < 100_000
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened a zip bomb"))
    with pytest.raises(UnreadableFile, match="zip bomb"):
        read_table(bomb)


def test_a_workbook_unpacking_beyond_the_cap_is_refused(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    path = _workbook(tmp_path, [HEADER[:2], *[(f"A{i}", f"客户{i}") for i in range(200)]])
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED_BYTES", 5_000)  # this small file then counts as huge
    with pytest.raises(UnreadableFile, match="zip bomb"):
        read_table(path)


BILLION_LAUGHS = """<?xml version="1.0" encoding="{enc}"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>
</sheetData></worksheet>"""


@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16"])
def test_xml_entity_expansion_is_refused(tmp_path: Path, encoding: str) -> None:
    # UTF-8: our scan for a DTD refuses it first. UTF-16 hides the markers from that byte
    # scan, so defusedxml, inside openpyxl, is what refuses it: both guards are proven.
    path = _workbook(tmp_path, [("名称",), ("宏达",)])
    bomb = _rewrite(path, {"xl/worksheets/sheet1.xml": BILLION_LAUGHS.format(enc=encoding).encode(encoding)})
    with pytest.raises(UnreadableFile, match="entities"):
        read_table(bomb)


def test_without_defusedxml_no_workbook_is_read(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    path = _workbook(tmp_path, [("名称",), ("宏达",)])
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(UnreadableFile, match="defusedxml"):
        read_table(path)


def test_a_forged_sheet_size_does_not_pad_every_row(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    # A <dimension> claiming A1:XFD1048576 would have openpyxl hand over every row as
    # 16,384 cells (and fill a gap of a million rows with them): the reader ignores it.
    path = _workbook(tmp_path, [("名称",), ("宏达",)])
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    forged = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', xml)
    assert forged != xml
    widths: list[int] = []
    kept = spreadsheets._kept
    monkeypatch.setattr(spreadsheets, "_kept", lambda rows, name: kept(
        (widths.append(len(r)) or r for r in rows), name))
    table = read_table(_rewrite(path, {"xl/worksheets/sheet1.xml": forged.encode()}))
    assert table.rows == ((1, ("名称",)), (2, ("宏达",)))
    assert max(widths) == 1


def test_too_many_columns_and_other_files_are_refused(tmp_path: Path) -> None:
    wide = _workbook(tmp_path, [tuple(f"c{i}" for i in range(300))])
    with pytest.raises(UnreadableFile, match="columns"):
        read_table(wide)
    old = tmp_path / "book.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnreadableFile, match="xlsx"):
        read_table(old)
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(UnreadableFile):
        read_table(fake)


# -- fuzz --------------------------------------------------------------------------------

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".xlsx", ".csv"]), flips=st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8))
def test_fuzzed_files_are_read_or_refused_with_a_reason(tmp_path: Path, data: bytes, suffix: str, flips) -> None:  # noqa: ANN001
    if suffix == ".xlsx" and flips:  # a real workbook with bytes flipped: past the zip layer now and then
        buffer = io.BytesIO()
        book = openpyxl.Workbook()
        book.active.append(["名称", "区域"])
        book.active.append(["宏达", "华东"])
        book.save(buffer)
        raw = bytearray(buffer.getvalue())
        for at, value in flips:
            raw[at % len(raw)] = value
        data = bytes(raw)
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        table = read_table(path)
    except UnreadableFile:
        return
    assert all(isinstance(n, int) and n >= 1 for n, _cells in table.rows)


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
CELL = st.one_of(st.none(), TEXT, st.integers(-10**6, 10**9), st.floats(allow_nan=False, width=32),
                 st.sampled_from(["华东", "east", "B", "A", "D", "不限", "li", "2020-01-01", "是", "1,000.00"]),
                 st.dates(min_value=date(1900, 1, 1)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(*(st.one_of(st.none(), st.from_regex(r"[A-Z][0-9]{1,3}", fullmatch=True))
                                 if i == 0 else CELL for i in range(len(HEADER)))), min_size=1, max_size=6))
def test_fuzzed_imports_never_crash_and_never_half_import(database, manager, rows) -> None:  # noqa: ANN001
    table = sheet(*rows)
    customers, contacts, entries = count(database, Customer), count(database, CustomerContact), count(database, AuditEntry)
    try:
        done = import_customers(database.uow(manager), table)
    except ImportRefused as refused:
        assert refused.parsed.records == ()
        assert (count(database, Customer), count(database, CustomerContact), count(database, AuditEntry)) == (
            customers, contacts, entries)
    else:
        assert count(database, Customer) == customers + done.customers
        assert count(database, CustomerContact) == contacts + done.contacts
        assert count(database, AuditEntry) == entries + done.customers + 1
