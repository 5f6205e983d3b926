"""Year-end clearance (客户信用管理制度 第18条 3; rules: domain/collections/year_end.py) at its
edges: a deferral to 31 December allowed, to 1 January refused; the list of every open credit
sale starts on 1 November, not on 31 October; what is open on 1 January is listed per rep
with its staff liability; the GM's dashboard watches it."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.collections.year_end import DeferralPastYearEnd
from sales_desk.domain.planning.warnings import WarningKind
from sales_desk.services.collections import deferrals, liability, year_end
from sales_desk.services.planning import dashboard, drill_down
from tests.services.collection_flow import crew, customer, invoice, pay


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def test_a_deferral_to_31_december_is_allowed_and_to_1_january_refused(database, team, pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 11, 20))
    cid = customer(database, team.rep, "Y100", grade="A")
    rid = invoice(database, team.fin, "Y100", "YE-A", -5, 10_000)  # due 25 November
    with pytest.raises(DeferralPastYearEnd, match="第18条"):
        deferrals.request_deferral(database.uow(team.rep), cid, [rid], date(2027, 1, 1), "跨年")
    fid = deferrals.request_deferral(database.uow(team.rep), cid, [rid], date(2026, 12, 31), "年底前付清")
    deferrals.check_deferral(database.uow(team.fin), fid, True)
    deferrals.decide_deferral(database.uow(team.vp), fid, True)
    pin_business_date(date(2026, 12, 31))  # its year's last day: still approved
    deferrals.decide_deferral(database.uow(team.gm), fid, True)
    assert deferrals.deferrals(database.uow(team.gm))[0].status == "approved"


def test_a_deferral_filed_in_december_is_not_approved_on_1_january(database, team, pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 12, 20))
    cid = customer(database, team.rep, "Y101", grade="A")
    rid = invoice(database, team.fin, "Y101", "YE-B", -3, 10_000)
    fid = deferrals.request_deferral(database.uow(team.rep), cid, [rid], date(2026, 12, 31), "年底前付清")
    pin_business_date(date(2027, 1, 1))
    with pytest.raises(DeferralPastYearEnd, match="2026-12-31"):
        deferrals.check_deferral(database.uow(team.fin), fid, True)


def test_the_year_end_list_starts_on_1_november_not_on_31_october(database, team, pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 10, 31))
    customer(database, team.rep, "Y102", grade="A")
    invoice(database, team.fin, "Y102", "YE-C", 10, 30_000)
    c = year_end.clearance(database.uow(team.gm))
    assert (c.started, c.sales, c.starts_on) == (False, (), date(2026, 11, 1))
    pin_business_date(date(2026, 11, 1))
    c = year_end.clearance(database.uow(team.gm))
    assert (c.started, c.days_left, [x.doc_no for x in c.sales], c.total) == (True, 60, ["OB-YE-C"], 30_000)


def test_every_open_credit_sale_is_listed_per_rep_not_only_deferred_ones(database, team, pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 12, 31))
    a = customer(database, team.rep, "Y103", grade="A")
    customer(database, team.rep2, "Y104", grade="B")
    invoice(database, team.fin, "Y103", "YE-D", 40, 20_000)
    invoice(database, team.fin, "Y103", "YE-E", -10, 5_000)  # not yet due: still to clear
    invoice(database, team.fin, "Y104", "YE-F", 5, 7_000)
    invoice(database, team.fin, "Y104", "YE-G", 5, 1_000)
    pay(database, team.fin, a, 20_000)  # YE-D paid: off the list
    c = year_end.clearance(database.uow(team.gm))
    assert c.days_left == 0  # 31 December itself
    assert sorted(x.doc_no for x in c.sales) == ["OB-YE-E", "OB-YE-F", "OB-YE-G"]
    assert [(t.rep, t.documents, t.amount) for t in c.reps] == [("rep2", 2, 8_000), ("rep", 1, 5_000)]
    mine = year_end.clearance(database.uow(team.rep))  # a rep: their own customers
    assert [x.doc_no for x in mine.sales] == ["OB-YE-E"]


def test_what_is_open_on_1_january_is_listed_per_rep_with_its_liability(database, team, pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 12, 31))
    a = customer(database, team.rep, "Y105", grade="A")
    invoice(database, team.fin, "Y105", "YE-H", 60, 100_000)  # due 1 November
    assert year_end.uncleared(database.uow(team.gm), 2026).ended is False  # not before 1 January
    pin_business_date(date(2027, 1, 5))
    pay(database, team.fin, a, 100_000)  # paid in January: open on 1 January all the same
    liability.run_liability(database.uow(team.fin), date(2026, 12, 1))
    u = year_end.uncleared(database.uow(team.gm), 2026)
    (row,) = u.sales
    assert (u.ended, u.liability_computed, row.doc_no, row.open_amount) == (True, True, "OB-YE-H", 100_000)
    assert row.liability > 0 and u.reps[0].liability == row.liability and u.reps[0].rep == "rep"
    assert year_end.clearance(database.uow(team.gm)).started is False  # the new year's starts in November


def test_the_1_january_list_shows_each_debts_liability_through_december_not_decembers_alone(
        database, team, pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 12, 31))
    customer(database, team.rep, "Y106", grade="A")
    invoice(database, team.fin, "Y106", "YE-L", 150, 100_000)  # due 3 August: charged from September
    pin_business_date(date(2027, 1, 5))
    months = [date(2026, m, 1) for m in (9, 10, 11, 12)]
    for month in months:
        liability.run_liability(database.uow(team.fin), month)

    def charged(month: date) -> int:
        st = liability.liability_statement(database.uow(team.gm), month)
        return sum(x.amount for p in st.people for x in p.lines if x.doc_no == "OB-YE-L")

    (row,) = year_end.uncleared(database.uow(team.gm), 2026).sales
    assert charged(months[-1]) > 0 and row.liability == sum(charged(m) for m in months) > charged(months[-1])
    (own,) = year_end.uncleared(database.uow(team.rep), 2026).sales  # a rep sees their own 5 parts of 10
    assert own.liability * 2 == row.liability


def test_the_gm_dashboard_watches_year_end_in_november_and_alerts_in_december(database, team, pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 10, 31))
    customer(database, team.rep, "Y106", grade="A")
    invoice(database, team.fin, "Y106", "YE-I", 5, 12_000)

    def card():  # noqa: ANN202
        return dashboard.dashboard(database.uow(team.gm)).card(WarningKind.YEAR_END)

    assert (card().level, card().count) == ("ok", 0)
    pin_business_date(date(2026, 11, 1))
    assert (card().level, card().count, card().amount) == ("watch", 1, 12_000)
    assert card().figures[0].label == "rep"
    pin_business_date(date(2026, 12, 1))
    assert card().level == "alert"
    (rec,) = drill_down.warning_records(database.uow(team.gm), WarningKind.YEAR_END.value)
    assert (rec.code, rec.amount, rec.tab) == ("OB-YE-I", 12_000, "collections")
    assert dashboard.dashboard(database.uow(team.rep)).card(WarningKind.YEAR_END) is None


def test_the_year_end_card_sums_per_rep_what_the_clearance_list_holds(database, team, pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 12, 10))
    a = customer(database, team.rep, "Y107", grade="A")
    customer(database, team.rep2, "Y108", grade="B")
    invoice(database, team.fin, "Y107", "YE-M", 30, 9_000)
    invoice(database, team.fin, "Y107", "YE-N", -5, 4_000)
    invoice(database, team.fin, "Y108", "YE-O", 10, 6_000)
    pay(database, team.fin, a, 10_000)  # YE-M paid, YE-N in part
    listed = year_end.clearance(database.uow(team.gm))
    card = dashboard.dashboard(database.uow(team.gm)).card(WarningKind.YEAR_END)
    assert [(f.label, f.count, f.amount) for f in card.figures] == [
        (t.rep, t.documents, t.amount) for t in listed.reps] == [("rep2", 1, 6_000), ("rep", 1, 3_000)]
    assert (card.count, card.amount) == (len(listed.sales), listed.total) == (2, 9_000)
