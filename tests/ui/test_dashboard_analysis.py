"""The analysis charts on the demo firm: each chart the user's duties read, with its table;
the chart saved as PNG and its data to Excel (read back); and the model tester on every
model of the dashboard."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtGui import QImage

from sales_desk import clock
from sales_desk.demo import firm as demo
from sales_desk.services.admin import auth
from sales_desk.services.planning.drill_down import Record
from sales_desk.services.planning.progress import plan_progress
from sales_desk.ui.tabs.dashboard.analysis_page import (
    AGING,
    COLLECTION,
    EXPENSES,
    SALES,
    AnalysisPage,
    charts_for,
)
from sales_desk.ui.tabs.dashboard.overview_page import OverviewPage
from sales_desk.ui.tabs.dashboard.plan_grid import GridRow, PlanGridModel
from sales_desk.ui.tabs.dashboard.plans_page import PlansPage
from sales_desk.ui.tabs.dashboard.records_dialog import RecordsDialog
from tests.ui.conftest import idle


@pytest.fixture
def firm(ctx, boss):  # noqa: ANN001, ANN201
    result = demo.load_demo(ctx.uow(boss))
    passwords = {u.username: u.password for u in result.users}
    return lambda name: auth.login(ctx.uow(), name, passwords[name])


def page_for(qtbot, ctx, actor) -> AnalysisPage:  # noqa: ANN001
    page = AnalysisPage(ctx, actor)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    idle(qtbot, ctx)
    return page


def choose(qtbot, ctx, page: AnalysisPage, chart: str, by: str | None = None, month: int | None = None) -> None:  # noqa: ANN001
    page.kind.setCurrentIndex(page.kind.findData(chart))
    if by is not None:
        page.by.setCurrentIndex(page.by.findData(by))
    page.period.setCurrentIndex(page.period.findData(month or 0))
    idle(qtbot, ctx)


def test_each_user_is_offered_the_charts_their_duties_read(ctx, firm) -> None:  # noqa: ANN001
    assert charts_for(firm("wangjianguo")) == [SALES, AGING, COLLECTION, EXPENSES]
    assert charts_for(firm("yangfan")) == [SALES, AGING, COLLECTION]
    assert charts_for(firm("wufang")) == [AGING, COLLECTION, EXPENSES]
    assert charts_for(firm("maqiang")) == []


def test_sales_by_region_is_drawn_tabled_saved_as_png_and_exported(qtbot, ctx, firm, tmp_path: Path) -> None:  # noqa: ANN001
    gm = firm("wangjianguo")
    page = page_for(qtbot, ctx, gm)
    choose(qtbot, ctx, page, SALES, "region")
    shown = page.shown
    assert shown is not None and shown.categories and page.model.rowCount() == len(shown.categories)
    year_sold = plan_progress(ctx.uow(gm), clock.today().year).total().actual
    assert sum(row[1] for row in shown.rows) == year_sold
    png = page.save_chart(tmp_path / "sales.png")
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 300
    page.export_data(tmp_path / "sales.xlsx")
    idle(qtbot, ctx)
    sheet = openpyxl.load_workbook(tmp_path / "sales.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Name", "Sold") and len(rows) == len(shown.rows) + 1
    assert round(sum(r[1] for r in rows[1:]) * 100) == year_sold


def test_aging_collection_and_expense_charts_have_their_tables(qtbot, ctx, firm) -> None:  # noqa: ANN001
    page = page_for(qtbot, ctx, firm("wangjianguo"))
    choose(qtbot, ctx, page, AGING)
    assert page.model.rowCount() == 6 and page.model.headers[0] == "Bucket"  # current and five overdue
    choose(qtbot, ctx, page, COLLECTION, month=clock.today().month)
    assert page.model.rowCount() == 4  # the demo's four reps
    choose(qtbot, ctx, page, EXPENSES)
    assert page.model.rowCount() == 7 and len(page.chart.series) == 2
    choose(qtbot, ctx, page, SALES, "product")
    assert page.model.columnCount() == 4  # with the quantity


def test_the_dashboards_models_pass_the_model_tester(qtbot, qtmodeltester, ctx, firm) -> None:  # noqa: ANN001
    gm = firm("wangjianguo")
    overview = OverviewPage(ctx, gm)
    qtbot.addWidget(overview)
    overview.show()
    qtbot.waitUntil(overview.drawn, timeout=20_000)
    qtmodeltester.check(overview.model)
    records = RecordsDialog(ctx, gm, "stale_files")
    qtbot.addWidget(records)
    idle(qtbot, ctx)
    assert all(isinstance(r, Record) for r in records.model.rows())
    qtmodeltester.check(records.model)
    plans_page = PlansPage(ctx, gm)
    qtbot.addWidget(plans_page)
    plans_page.show()
    idle(qtbot, ctx)
    qtmodeltester.check(plans_page.progress)
    qtmodeltester.check(plans_page.collections)
    qtmodeltester.check(plans_page.grid)
    analysis_page = page_for(qtbot, ctx, gm)
    qtmodeltester.check(analysis_page.model)
    grid = PlanGridModel()
    grid.set_rows([GridRow("rep", "1", "张三", [100] * 12), GridRow("region", "east", "华东")], editable=True)
    qtmodeltester.check(grid)
    grid.set_dimension("region")
    qtmodeltester.check(grid)
