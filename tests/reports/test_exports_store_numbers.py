"""Every xlsx export stores numbers as numbers (issue 20): a payment term, an amount, a count
or a rate written as text cannot be summed or sorted in Excel.

Every export the program has (tests/hardening/test_xlsx_no_formula.py EXPORTS, which a new
export must join) is run on the demo firm, with plain words in the typed fields (so a phone
or a reference typed as digits is not taken for a number), and read back with openpyxl: a
text cell that reads as a number fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sales_desk.db.database import open_database
from tests.hardening.firm import config, copy_template, make_template
from tests.hardening.test_xlsx_no_formula import EXPORTS, type_everywhere

# 30 · -1,234.50 · 12.5 % · 7 days: a number, perhaps with its unit
NUMBER_AS_TEXT = re.compile(r"[-+]?\d[\d,]*(\.\d+)?\s*(%|days?|天)?")
# Columns of names made of digits (document and reference numbers, codes, phones): text by
# right, since "0012" is not 12.
IDENTIFIERS = frozenset({"Document", "Reference", "Number", "Code", "Customer code", "Product code", "Tracking no.",
                         "Phone", "Order", "No. of the document"})


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    make_template(folder)
    return folder


def numbers_stored_as_text(path: Path) -> list[str]:
    found = []
    book = load_workbook(path, read_only=True)
    for ws in book.worksheets:
        rows = ws.iter_rows()
        titles = [c.value for c in next(rows, ())]
        for row in rows:
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                title = titles[cell.column - 1] if cell.column - 1 < len(titles) else "?"
                if (cell.data_type == "s" and isinstance(cell.value, str) and title not in IDENTIFIERS
                        and NUMBER_AS_TEXT.fullmatch(cell.value)):
                    found.append(f"{ws.title}!{cell.coordinate} ({title}): {cell.value!r}")
    book.close()
    return found


def test_every_export_stores_numbers_as_numbers(demo_template: Path, tmp_path: Path) -> None:
    folder = copy_template(demo_template, tmp_path / "firm")
    db = open_database(config(folder))
    try:
        firm = type_everywhere(db, "Plain words", "CX001")
        problems = {}
        for name, export in EXPORTS.items():
            out = tmp_path / f"{name}.xlsx"
            export.run(firm, out)
            found = numbers_stored_as_text(out)
            if found:
                problems[name] = found[:5]
        assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
    finally:
        db.close()


def test_the_customers_export_stores_the_payment_term_as_a_number(demo_template: Path, tmp_path: Path) -> None:
    from sales_desk.reports.customers.list_xlsx import export_customers_xlsx
    from tests.hardening.firm import people

    folder = copy_template(demo_template, tmp_path / "firm")
    db = open_database(config(folder))
    try:
        gm = next(a for a in people(db) if "gm" in a.roles)
        export_customers_xlsx(db.uow(gm), tmp_path / "c.xlsx")
    finally:
        db.close()
    ws = load_workbook(tmp_path / "c.xlsx", read_only=True).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    terms = [r[rows[0].index("Payment term")] for r in rows[1:]]
    assert any(isinstance(t, int) for t in terms), terms  # the demo has customers on credit terms
    assert all(t is None or isinstance(t, int) or t == "not capped" for t in terms), terms


def test_the_check_sees_a_number_stored_as_text(tmp_path: Path) -> None:
    """The check above is only as good as its reader: fed text digits, it objects."""
    import xlsxwriter

    path = tmp_path / "t.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("S")
    ws.write_row(0, 0, ["Name", "Term"])
    ws.write_string(1, 0, "Plain words")
    ws.write_string(1, 1, "30")
    ws.write_number(2, 1, 30)
    book.close()
    assert numbers_stored_as_text(path) == ["S!B2 (Term): '30'"]
