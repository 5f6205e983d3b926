"""Customer import rules, no database: headers matched in English and Chinese, each row
checked with its row number and reason, contacts by repeated code, credit figures held
to the grade's policy, and a fuzz run that never raises and never half-accepts."""

from __future__ import annotations

import math
from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from sales_desk.domain.common import import_values as cell
from sales_desk.domain.credit.rating import Grade, PaymentMode
from sales_desk.domain.customers.import_columns import FIELDS, find_header, match_headers
from sales_desk.domain.customers.import_records import ImportRules
from sales_desk.domain.customers.importing import MAX_ROWS, parse_rows

RULES = ImportRules(reps={"li": 7, "李雷": 7}, existing_codes=frozenset({"OLD1"}), may_set_credit=True,
                    today=date(2025, 6, 30), source="c.xlsx")


def parse(headers, *rows, rules=RULES):  # noqa: ANN001, ANN201
    numbered = [(i + 2, row) for i, row in enumerate(rows)]
    return parse_rows(headers, numbered, match_headers(headers), rules)


def test_chinese_headers_match_with_required_marks_and_units_in_brackets() -> None:
    assert match_headers(["*客户名称", "客户编号", "所属区域", "信用额度（元）", "账期(天)", "联系人", "手机号码"]) == (
        "name", "code", "region", "credit_limit", "payment_term_days", "contact_name", "contact_phone")


def test_english_headers_and_our_own_exports_headers_match_and_unknown_ones_are_left_out() -> None:
    assert match_headers(["Customer Name", "CODE", "Credit limit", "Sales rep", "Favourite colour"]) == (
        "name", "code", "credit_limit", "rep", None)
    # The zh_CN export's headers, translated by the catalogue.
    assert match_headers(["名称", "区域", "信用等级", "结算方式", "销售专员"]) == (
        "name", "region", "credit_grade", "payment_mode", "rep")


def test_a_field_is_matched_once_the_second_column_is_left_out() -> None:
    assert match_headers(["客户名称", "名称"]) == ("name", None)


def test_a_title_row_above_the_header_is_skipped() -> None:
    rows = [(1, ("客户资料表",)), (2, ("制表：销售部",)), (3, ("客户编号", "客户名称")), (4, ("A1", "宏达"))]
    assert find_header(rows) == 2


def test_every_error_names_its_row_and_column_and_then_nothing_is_accepted() -> None:
    parsed = parse(["客户名称", "区域", "信用等级", "信用额度", "成立日期", "业务员", "账期"],
                   ["宏达机电", "华东", "B", 50000, "2010-05-01", "li", 30],
                   ["", "火星", "D", 100, "2010-13-01", "nobody"])
    assert parsed.records == () and not parsed.ok
    assert [(e.row, e.column) for e in parsed.errors] == [
        (3, "区域"), (3, "成立日期"), (3, "业务员"), (3, "客户名称"), (3, "信用额度")]
    assert "Row 3, 区域: not one of the listed values" in [str(e) for e in parsed.errors]
    assert parsed.error_count == 5


def test_a_row_repeating_a_code_adds_a_contact_to_that_customer() -> None:
    parsed = parse(["客户编号", "客户名称", "联系人", "职务", "手机", "关键人物"],
                   ["hz1", "宏达机电", "王强", "采购经理", 13800138000, "是"],
                   ["HZ1", None, "赵敏", "财务", 13900139000.0, "否"])
    assert parsed.ok
    [record] = parsed.records
    assert record.code == "HZ1" and record.values == {"name": "宏达机电"}
    assert [(c.name, c.position, c.phone, c.key_person) for c in record.contacts] == [
        ("王强", "采购经理", "13800138000", True), ("赵敏", "财务", "13900139000", False)]


def test_a_repeated_code_with_other_details_or_nothing_new_is_an_error() -> None:
    differing = parse(["客户编号", "客户名称"], ["A1", "宏达"], ["A1", "华通"])
    assert [str(e) for e in differing.errors] == ["Row 3, 客户名称: row 2 has the same customer code with other details"]
    again = parse(["客户编号", "客户名称"], ["A1", "宏达"], ["A1", "宏达"])
    assert [e.message for e in again.errors] == ["repeats the customer code of row 2"]


def test_a_code_in_use_and_a_malformed_code_are_refused() -> None:
    parsed = parse(["客户编号", "客户名称"], ["old1", "宏达"], ["A 1", "华通"])
    assert [e.message for e in parsed.errors] == ["customer OLD1 exists already", "1–32 letters, digits, “-” or “_”"]


def test_classification_takes_the_code_the_english_or_the_chinese_name() -> None:
    parsed = parse(["名称", "区域", "行业", "性质", "客户类型"],
                   ["甲", "east", "Manufacturing", "民营企业", "经销商"],
                   ["乙", "华南", "零售业", "State-owned", "Agent"])
    assert [dict(r.values) for r in parsed.records] == [
        {"name": "甲", "region": "east", "industry": "manufacturing", "nature": "private", "customer_type": "distributor"},
        {"name": "乙", "region": "south", "industry": "retail", "nature": "state", "customer_type": "agent"}]


def test_credit_figures_follow_the_grades_policy() -> None:
    headers = ["名称", "信用等级", "信用额度", "账期", "结算方式", "评级日期"]
    ok = parse(headers, ["甲", "A", 2_000_000, "不限", None, "2025-03-01"],
               ["乙", "B级", "80,000.50", 45, "赊销", None],
               ["丙", "D", None, None, "货到付款", None])
    a, b, d = (r.credit for r in ok.records)
    assert (a.grade, a.limit, a.term_days, a.mode) == (Grade.A, 200_000_000, None, PaymentMode.CREDIT)
    assert a.rerating_due_on == date(2026, 3, 1)  # a year after the old rating
    assert (b.limit, b.term_days, b.rerating_due_on) == (8_000_050, 45, RULES.today)  # date unknown: due now
    assert (d.limit, d.mode) == (0, PaymentMode.CASH_ON_DELIVERY)

    bad = parse(headers, ["丁", "D", 10_000, 30, None, None], ["戊", "C", 5_000_000, 30, None, None],
                ["己", "B", 10_000, 90, None, None], ["庚", None, 10_000, None, None, None],
                ["辛", "B", 10_000, "不限", None, None], ["壬", "A", 1, 10, None, "2030-01-01"])
    assert [(e.row, e.message) for e in bad.errors] == [
        (2, "grade D gets no credit: prepayment or cash on delivery"),
        (3, "grade C allows at most 30,000.00 now"),
        (4, "grade B allows at most 60 days"),
        (5, "credit figures need the credit grade they were given under"),
        (6, "only grade A may have an uncapped term"),
        (7, "in the future")]


def test_credit_columns_need_the_right_to_set_limits() -> None:
    rules = ImportRules(reps={}, existing_codes=frozenset(), may_set_credit=False, today=date(2025, 1, 1))
    parsed = parse(["名称", "信用额度"], ["甲", 100], rules=rules)
    [error] = parsed.errors
    assert error.row == 0 and "set credit limits" in error.message


def test_the_name_column_is_required_and_rows_beyond_the_cap_are_refused_whole() -> None:
    assert "no column holds the customer's name" in str(parse(["客户编号"], ["A1"]).errors[0])
    headers = ["名称"]
    rows = [(i + 2, (f"客户{i}",)) for i in range(MAX_ROWS + 1)]
    parsed = parse_rows(headers, rows, match_headers(headers), RULES)
    assert not parsed.ok and "more than 20000 rows" in parsed.errors[0].message


def test_a_rep_is_found_by_user_name_or_full_name() -> None:
    parsed = parse(["名称", "业务员"], ["甲", "LI"], ["乙", "李 雷"])
    assert [r.rep_id for r in parsed.records] == [7, 7]


def test_cells_read_as_people_type_them() -> None:
    assert cell.money(1234.56) == 123456 and cell.money("¥1,234.5") == 123450 and cell.money("800元") == 80000
    assert cell.money(0.1 + 0.2 - 0.3 + 5) == 500  # float noise of a sum is not a fen
    for bad in (-1, "1,2,3", 1.005, "abc", True, math.nan):
        try:
            cell.money(bad)
        except cell.CellError:
            continue
        raise AssertionError(bad)
    assert cell.day("2024年3月5日") == cell.day("2024/3/5") == cell.day("20240305") == date(2024, 3, 5)
    assert cell.day(datetime(2024, 3, 5, 0, 0)) == date(2024, 3, 5)  # noqa: DTZ001 - a workbook's naive date
    assert cell.text(13800138000.0) == "13800138000" and cell.text(date(2024, 3, 5)) == "2024-03-05"
    assert [cell.yes_no(v) for v in ("是", "否", "Y", 0, True)] == [True, False, True, False, True]


# -- fuzz ----------------------------------------------------------------------------------

KNOWN = [h for f in FIELDS for h in (f.key, f.label, *f.aliases[:2])]
CELLS = st.one_of(
    st.none(), st.text(max_size=40), st.integers(-10**20, 10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.dates(), st.datetimes(), st.sampled_from(["A", "b级", "不限", "是", "华东", "赊销", "li", "2024-02-30",
                                                   "1,234.56", "¥-5", "\x00", "x" * 5000]),
)


@settings(max_examples=400, deadline=None)
@given(headers=st.lists(st.one_of(st.sampled_from(KNOWN), st.text(max_size=12), st.none(), st.integers()),
                        min_size=1, max_size=10),
       rows=st.lists(st.lists(CELLS, max_size=12), max_size=12),
       remap=st.lists(st.one_of(st.none(), st.sampled_from([f.key for f in FIELDS] + ["bogus"])), max_size=12),
       may_set_credit=st.booleans())
def test_fuzzed_rows_never_raise_and_are_accepted_whole_or_not_at_all(headers, rows, remap, may_set_credit) -> None:  # noqa: ANN001
    rules = ImportRules(reps={"li": 1}, existing_codes=frozenset({"A1"}), may_set_credit=may_set_credit,
                        today=date(2025, 1, 1))
    mapping = remap if remap else list(match_headers(headers))
    parsed = parse_rows(headers, [(i + 2, tuple(r)) for i, r in enumerate(rows)], mapping, rules)
    if parsed.error_count:
        assert parsed.records == () and parsed.errors
        assert len(parsed.errors) <= parsed.error_count
    else:
        assert parsed.ok and parsed.records
        assert all(r.values.get("name") for r in parsed.records)
        assert len({r.code for r in parsed.records if r.code}) == len([r for r in parsed.records if r.code])
