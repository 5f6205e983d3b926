"""The sales contract and the dispatch note: rendered in both languages, read back (pypdf
and poppler), Chinese extracted, the font embedded; the data comes from the services."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from sales_desk.domain.common.money_words import rmb_in_words
from sales_desk.reports.orders.contract import render_contract
from sales_desk.reports.orders.dispatch_note import render_dispatch_note
from sales_desk.services.orders.forms import (
    ContractDocument,
    ContractLine,
    Decision,
    DispatchNoteDocument,
    NoteLine,
    Party,
)

BUYER = Party("SH-0001", "上海华东贸易有限公司", "上海市浦东新区张江路 188 号", "021-58881234", "周建国",
              "91310115MA1K4XXXX1", "李经理")
PRINTED = datetime(2026, 3, 15, 2, tzinfo=UTC)


def contract(**changes: object) -> ContractDocument:
    base = ContractDocument(
        "示例商贸有限公司", "CNY", PRINTED, "SO2026-00042", "approved", date(2026, 3, 2), date(2026, 3, 4),
        BUYER, "杨帆",
        (ContractLine(1, "KZ-100", "工业控制器", "KZ-100A", "台", 120, 1_580_00, 189_600_00, False),
         ContractLine(2, "DJ-750", "伺服电机", "750W", "台", 40, 8_50_00, 34_000_00, True)),
        223_600_00, 30, 67_080_00, 30, False, "汽运送货上门，运费由供方承担", "上海市浦东新区张江路 188 号 3 号仓",
        date(2026, 3, 20), "质保期一年。", True,
        (Decision("price", True, "李明", date(2026, 3, 3), "战略客户首单", 223_600_00),
         Decision("major_review", True, "李明", date(2026, 3, 3), "条款完善，同意签订", 223_600_00),
         Decision("credit_override", True, "孙涛", date(2026, 3, 5), "年底集中回款，书面批准", 50_000_00)),
        "孙涛", date(2026, 3, 5), date(2026, 3, 4), "张伟", "over_limit")
    return replace(base, **changes)  # type: ignore[arg-type]


def note(**changes: object) -> DispatchNoteDocument:
    base = DispatchNoteDocument(
        "示例商贸有限公司", "CNY", PRINTED, "DN2026-00007", "SO2026-00042", date(2026, 3, 10), BUYER,
        "上海市浦东新区张江路 188 号 3 号仓", "汽运送货上门", "顺丰速运", "SF1234567890", 350_00, 120_00,
        94_800_00, "分两批发货", "马强", date(2026, 3, 10), "张师傅", "外包装完好", "INV2026-00011",
        date(2026, 4, 9),
        (NoteLine(1, "KZ-100", "工业控制器", "KZ-100A", "台", 120, 60, 60, 1_580_00, 94_800_00),
         NoteLine(2, "DJ-750", "伺服电机", "750W", "台", 40, 0, 0, 8_50_00, 0)))
    return replace(base, **changes)  # type: ignore[arg-type]


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def poppler(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def test_amount_in_capitals_reads_zeros_once() -> None:
    assert rmb_in_words(223_600_00) == "贰拾贰万叁仟陆佰元整"
    assert rmb_in_words(1_000_500) == "壹万零伍元整"
    assert rmb_in_words(10_000_000_500) == "壹亿零伍元整"
    assert rmb_in_words(1_005) == "壹拾元零伍分"
    assert rmb_in_words(1_234_567) == "壹万贰仟叁佰肆拾伍元陆角柒分"
    assert rmb_in_words(50) == "伍角" and rmb_in_words(0) == "零元整"


def test_contract_in_english_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "contract.pdf"
    render_contract(contract(), out, "en")
    text = text_of(out)
    for part in ("Sales contract", "SO2026-00042", "上海华东贸易有限公司", "189,600.00", "223,600.00",
                 "贰拾贰万叁仟陆佰元整", "Prepayment of 30 %", "67,080.00", "30 days after each shipment",
                 "Page 1 of"):
        assert part in text, part
    assert "Credit override" not in text and "孙涛" not in text  # the customer's copy


def test_internal_copy_shows_the_reviews_and_the_override(tmp_path: Path) -> None:
    out = tmp_path / "contract.pdf"
    render_contract(contract(), out, "en", internal=True)
    text = text_of(out)
    for part in ("internal copy", "Major contract review", "Credit override", "孙涛", "50,000.00",
                 "price below the floor", "Blocked", "Beyond the available credit"):
        assert part in text, part
    assert text.index("Blocked") < text.index("Credit override")


@needs_poppler
def test_contract_in_chinese_uses_the_contract_terms(tmp_path: Path) -> None:
    out = tmp_path / "contract.pdf"
    render_contract(contract(), out, "zh_CN", internal=True)
    text = poppler(out)
    for term in ("销售合同", "供方", "需方", "合计人民币（大写）", "贰拾贰万叁仟陆佰元整", "预付货款 30%",
                 "付款方式", "交货条款", "合同评审", "超信用额度", "2026-03-04",
                 "第 1 页"):
        assert term in text, term


def test_contract_with_cash_on_delivery_says_so(tmp_path: Path) -> None:
    out = tmp_path / "contract.pdf"
    render_contract(contract(prepayment_percent=0, prepayment_required=0, cash_on_delivery=True,
                             days_to_pay=0), out, "en")
    text = text_of(out)
    assert "Cash on delivery" in text and "Prepayment" not in text


def test_dispatch_note_in_english_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "note.pdf"
    render_dispatch_note(note(), out, "en")
    text = text_of(out)
    for part in ("Dispatch note", "DN2026-00007", "SO2026-00042", "顺丰速运", "SF1234567890", "350.00",
                 "94,800.00", "INV2026-00011", "2026-04-09", "张师傅", "Still to ship"):
        assert part in text, part


@needs_poppler
def test_dispatch_note_in_chinese(tmp_path: Path) -> None:
    out = tmp_path / "note.pdf"
    render_dispatch_note(note(handed_over_on=None, received_by=""), out, "zh_CN")
    text = poppler(out)
    for term in ("发货单", "收货单位", "本次发货", "累计发货", "尚未发货", "承运单位", "运单号", "运费",
                 "保险费", "尚未交接", "发货人（仓储）", "2026-03-10"):
        assert term in text, term


def test_fonts_are_embedded_subsets(tmp_path: Path) -> None:
    for render, doc in ((render_contract, contract()), (render_dispatch_note, note())):
        out = tmp_path / "form.pdf"
        render(doc, out, "zh_CN")
        for page in PdfReader(out).pages:
            for font in page["/Resources"]["/Font"].values():
                descriptor = font.get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor


def test_documents_from_the_services_render(database, make_user, tmp_path: Path) -> None:
    from sales_desk.domain.common.errors import NotFound
    from sales_desk.services.orders import forms as order_print
    from sales_desk.services.orders import views as order_views
    from tests.services.order_flow import approved, credit_customer, product, ship, team

    t = team(make_user)
    cid = credit_customer(database, t, name="广州华南医药有限公司")
    pid = product(database, t)
    motor = product(database, t, code="P-200", name="伺服电机")
    oid = approved(database, t, cid, [(pid, 10, None), (motor, 2, None)], delivery_terms="送货上门")
    line, other = (ln.id for ln in order_views.get_order(database.uow(t.wh), oid).lines)
    first = ship(database, t, oid, {line: 4})
    second = ship(database, t, oid, {line: 6, other: 1})
    m, waiting = order_print.dispatch_note_document(database.uow(t.wh), first).lines
    assert (m.quantity, m.shipped_through, m.remaining) == (4, 4, 6)  # as of that shipment
    assert (waiting.quantity, waiting.remaining) == (0, 2)  # the note shows the whole order
    later = order_print.dispatch_note_document(database.uow(t.wh), second).lines
    assert [(ln.quantity, ln.shipped_through, ln.remaining) for ln in later] == [(6, 10, 0), (1, 1, 1)]
    doc = order_print.contract_document(database.uow(t.rep), oid)
    assert doc.total == 120_000 and doc.approved_by == "mgr"
    for lang in ("en", "zh_CN"):
        render_contract(doc, tmp_path / f"c-{lang}.pdf", lang, internal=True)
        render_dispatch_note(order_print.dispatch_note_document(database.uow(t.wh), second),
                             tmp_path / f"n-{lang}.pdf", lang)
    assert "广州华南医药有限公司" in text_of(tmp_path / "c-zh_CN.pdf")
    assert "壹仟贰佰元整" in text_of(tmp_path / "c-en.pdf")
    with pytest.raises(NotFound):
        order_print.contract_document(database.uow(t.rep2), oid)
