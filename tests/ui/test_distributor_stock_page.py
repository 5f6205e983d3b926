"""The Distributors' stock page [经销商进销存]: the sales manager picks March and sees every
distributor's products with the flagged ones in red, narrows to the flagged, exports the sheet
to Excel (read back here); the rep sees their own; the page in English and Chinese."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import Qt

from sales_desk.i18n import set_language
from sales_desk.ui.tabs.collections.distributor_stock_page import FLAG_COLOUR, DistributorStockPage
from tests.services.stock_month_flow import march
from tests.ui.conftest import idle


def _page(qtbot, ctx, actor) -> DistributorStockPage:  # noqa: ANN001
    page = DistributorStockPage(ctx, actor)
    qtbot.addWidget(page)
    page.resize(1200, 420)
    page.show()
    page.year.setValue(2026)
    page.month.setValue(3)
    page.load()
    idle(qtbot, ctx)
    return page


def _texts(page: DistributorStockPage) -> list[list[str]]:
    m = page.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_the_manager_sees_the_months_stock_flags_and_exports_it(qtbot, ctx, person, pin_business_date,  # noqa: ANN001
                                                                 messages, tmp_path) -> None:
    m = march(ctx.database, person, pin_business_date)
    page = _page(qtbot, ctx, m.crew.mgr)
    rows = _texts(page)
    assert [r[:3] for r in rows] == [["D001", "D001 贸易有限公司", "P-100 控制器 P-100"],
                                     ["D001", "D001 贸易有限公司", "P-200 控制器 P-200"],
                                     ["D002", "D002 贸易有限公司", "P-100 控制器 P-100"],
                                     ["D003", "D003 贸易有限公司", ""], ["D004", "D004 贸易有限公司", "P-100 控制器 P-100"]]
    assert rows[0][3:] == ["40", "30", "25", "46", "45", "+1", "Closing differs"]
    assert rows[1][3:] == ["", "20", "", "", "", "", "Not reported"]
    assert rows[2][3:] == ["0", "50", "10", "40", "40", "0", "Agrees"]
    assert rows[3][9] == rows[4][9] == "Not reported this month"
    assert "4 distributors, 3 flagged (2 not reported)" in page.summary.text()
    red = [page.model.index(r, 0).data(Qt.ItemDataRole.ForegroundRole) for r in range(5)]
    assert red == [FLAG_COLOUR, FLAG_COLOUR, None, FLAG_COLOUR, FLAG_COLOUR]
    page.grab().save(str(tmp_path / "distributor_stock_en.png"))
    page.only_flagged.setChecked(True)  # D002 agrees: gone
    assert [r[0] for r in _texts(page)] == ["D001", "D001", "D003", "D004"]
    out = tmp_path / "stock.xlsx"
    page.export_to(str(out))
    idle(qtbot, ctx)
    assert messages and "Wrote 5 stock lines" in messages[-1][1]
    book = openpyxl.load_workbook(out, read_only=True)
    lines, flagged = (list(ws.iter_rows(values_only=True)) for ws in book.worksheets)
    assert book.sheetnames == ["Stock 2026-03", "Flagged 2026-03"]
    assert lines[1][:12] == ("D001", "D001 贸易有限公司", "rep", "P-100", "控制器 P-100", 40, 30, 25, 46, 45, 1,
                             "Closing differs")
    assert lines[3][5:12] == (0, 50, 10, 40, 40, 0, "Agrees")
    assert [(r[0], r[3]) for r in flagged[1:]] == [("D001", "1 closing differs, 1 product left out"),
                                                   ("D003", "Not reported this month"),
                                                   ("D004", "Not reported this month")]
    set_language("zh_CN")
    try:
        zh = _page(qtbot, ctx, m.crew.mgr)
        zh.grab().save(str(tmp_path / "distributor_stock_zh.png"))
    finally:
        set_language("en")


def test_the_rep_sees_only_their_distributors(qtbot, ctx, person, pin_business_date) -> None:  # noqa: ANN001
    m = march(ctx.database, person, pin_business_date)
    page = _page(qtbot, ctx, m.rep2)
    assert [r[0] for r in _texts(page)] == ["D004"]
    assert "1 distributor, 1 flagged (1 not reported)" in page.summary.text()
    page.month.setValue(2)  # February: D004 got nothing and reported nothing
    idle(qtbot, ctx)
    assert [r[0] for r in _texts(page)] == ["D004"] and page.export_button.isEnabled()
