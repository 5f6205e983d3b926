"""The credit evaluation sheet and the rating report: rendered, read back, font embedded."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from sales_desk.domain.common.errors import NotPermitted
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.credit.checklist import ITEMS
from sales_desk.domain.credit.rating import INDICATORS
from sales_desk.reports.common import fonts
from sales_desk.reports.credit.credit_sheet import render_credit_sheet
from sales_desk.reports.credit.rating_report import render_rating_report
from sales_desk.services.credit.forms import (
    CreditDossier,
    DossierCustomer,
    DossierItem,
    DossierLine,
    HistoryEntry,
    Signature,
)
from sales_desk.services.credit.investigation import CreditFigures


def dossier(**changes: object) -> CreditDossier:
    lines = tuple(DossierLine(i.dimension, i.key, i.weight, 80, Decimal(i.weight * 80) / 100)
                  for i in INDICATORS)
    base = CreditDossier(
        company_name="示例商贸有限公司", currency="CNY", printed_at=datetime(2026, 3, 15, 2, tzinfo=UTC),
        customer=DossierCustomer(
            "SH-0001", "上海华东贸易有限公司", "上海市浦东新区张江路 188 号", "021-58881234", "周建国",
            "91310115MA1K4XXXX1", "east", "wholesale", "private", "distributor", date(2012, 5, 18),
            date(2019, 3, 1), to_minor("5000000"), 86, "王小明"),
        investigation_id=7, occasion="annual", investigation_status="reviewed",
        report="资料齐全，近三年回款及时，经营稳定。", review_note="审核无误",
        figures=CreditFigures(date(2025, 12, 31), to_minor("6000000"), to_minor("2000000"),
                              to_minor("20000000"), to_minor("12000000"), to_minor("30000000"),
                              to_minor("1500000"), to_minor("10000000"), 7500, 4000, 4),
        items=tuple(DossierItem(i.section, i.key, n < 5, date(2026, 3, 2) if n < 5 else None,
                                "营业执照.pdf" if i.key == "business_licence" else "", n < 4, "")
                    for n, i in enumerate(ITEMS)),
        proposal_id=3, proposal_status="approved", summary="经营稳健，建议按B级授信。",
        lines=lines, total_score=80, grade="B", proposed_limit=to_minor("100000"), proposed_term_days=60,
        limit=to_minor("100000"), term_days=60, payment_mode="credit", limit_method="judgement",
        limit_reasons="首次授信，按限度基数", limit_set_by=Signature("刘部长", date(2026, 3, 15)),
        on_hold=False, investigator=Signature("李芳", date(2026, 3, 10)),
        proposer=Signature("李芳", date(2026, 3, 12)), reviewer=Signature("赵会计", date(2026, 3, 11)),
        approver=Signature("陈经理", date(2026, 3, 15)),
        history=(HistoryEntry(date(2026, 3, 15), "B", 80, "陈经理"),
                 HistoryEntry(date(2025, 3, 10), "C", 66, "陈经理")),
        grade_bands=(85, 70, 55),
    )
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.mark.parametrize("render", [render_credit_sheet, render_rating_report])
def test_forms_render_in_english_and_read_back(tmp_path: Path, render) -> None:
    out = tmp_path / "form.pdf"
    render(dossier(), out, "en")
    text = text_of(out)
    assert "上海华东贸易有限公司" in text  # the customer's own name, in Chinese
    assert "SH-0001" in text and "100,000.00" in text
    assert ("Customer credit evaluation sheet" in text) or ("Credit rating report" in text)
    assert "Page 1 of" in text


def test_credit_sheet_in_chinese_uses_the_policy_terms(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    render_credit_sheet(dossier(), out, "zh_CN")
    text = text_of(out)
    for term in ("客户信用调查评定表", "客户基本信息", "营业执照复印件", "盖章确认", "基本情况", "资本状况",
                 "信用记录", "偿债能力", "盈利能力", "信用额度", "回款期限", "调查人", "审核人", "批准人"):
        assert term in text, term


def test_rating_report_in_chinese_has_the_sections_of_the_policy(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    render_rating_report(dossier(), out, "zh_CN")
    text = text_of(out)
    for term in ("信用评级报告", "客户资信调查", "财务分析", "综合评价", "信用等级初评结果", "经营稳健"):
        assert term in text, term


@pytest.mark.parametrize("render", [render_credit_sheet, render_rating_report])
def test_the_forms_print_the_exact_total_of_84_99_as_grade_b(tmp_path: Path, render) -> None:
    out = tmp_path / "form.pdf"
    render(dossier(total_score=Decimal("84.99"), grade="B",
                   history=(HistoryEntry(date(2026, 3, 15), "B", Decimal("84.99"), "陈经理"),)), out, "en")
    text = text_of(out)
    assert "84.99" in text and "85.00" not in text
    if render is render_credit_sheet:
        assert "B 70–84.99" in text  # the bands as exact totals


def test_credit_hold_is_printed_on_the_sheet(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    render_credit_sheet(dossier(on_hold=True), out, "en")
    assert "Credit hold" in text_of(out)


def test_sheet_of_an_investigation_without_rating_still_prints(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    render_credit_sheet(dossier(lines=(), total_score=None, grade=None, proposal_id=None, proposal_status="",
                                approver=Signature("", None), history=()), out, "zh_CN")
    assert "未评级" in text_of(out)


def test_font_is_embedded_as_a_subset(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    render_credit_sheet(dossier(), out, "zh_CN")
    seen = []
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, name  # the TrueType program is in the file
            prefix = name.lstrip("/").split("+")[0]
            assert len(prefix) == 6 and prefix.isupper(), name  # subset tag, e.g. AAAAAA+
            seen.append(name)
    assert seen


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_poppler_reads_chinese_and_dates_with_their_hyphens(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    render_credit_sheet(dossier(), out, "zh_CN")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "2026-03-15" in text and "2019-03-01" in text
    assert "客户信用调查评定表" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_every_page_rasterises(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    render_credit_sheet(dossier(), out, "zh_CN")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(out), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == len(PdfReader(out).pages) and all(p.stat().st_size > 5000 for p in pngs)


def test_font_from_the_environment_comes_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    chosen = tmp_path / "mine.ttf"
    assert fonts.candidates({fonts.ENV_FONT: str(chosen)})[0] == chosen


def test_no_cjk_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "_registered", None)
    monkeypatch.setattr(fonts, "candidates", lambda env=None: [tmp_path / "none.ttc"])
    with pytest.raises(fonts.CJKFontNotFound) as err:
        fonts.cjk_font()
    assert fonts.ENV_FONT in str(err.value) and "none.ttc" in str(err.value)


def test_dossier_from_the_services_renders(database, make_user, tmp_path: Path) -> None:
    from sales_desk.services.credit import forms as credit_print
    from tests.services.credit_flow import new_customer, rate, staff

    s = staff(make_user)
    cid = new_customer(database, s.rep, name="广州华南医药有限公司", region="south")
    rate(database, s, cid, 90)
    d = credit_print.credit_dossier(database.uow(s.mgr), cid)
    assert d.grade == "A" and d.approver.name == "csm" and d.reviewer.name == "fin"
    out = tmp_path / "sheet.pdf"
    render_credit_sheet(d, out, "zh_CN")
    assert "广州华南医药有限公司" in text_of(out)
    with pytest.raises(NotPermitted):
        credit_print.credit_dossier(database.uow(s.rep), cid)
