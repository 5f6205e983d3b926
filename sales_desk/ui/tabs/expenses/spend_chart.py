"""Spending against budget as horizontal bars (QtCharts): one group per category,
department or person, with the budget, what was paid, and what is still in approval
or awaiting the cashier. Bar lengths are drawn in major units (yuan); the exact figures are in the
table beside the chart, never read back from it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.money import MINOR_PER_MAJOR
from sales_desk.i18n import _

BUDGET_COLOUR = QColor("#9db4d3")
PAID_COLOUR = QColor("#2f5c8a")
PENDING_COLOUR = QColor("#e0a43a")


@dataclass(frozen=True)
class Bar:
    label: str
    budget: int  # minor units
    paid: int
    pending: int


def _nice_top(value: float) -> float:
    """A round axis end a little above the largest bar: 1, 2, 2.5 or 5 × 10ⁿ."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10.0 * magnitude


class SpendChart(QChartView):
    def __init__(self, parent: QWidget | None = None):
        self._chart = QChart()
        super().__init__(self._chart, parent)
        self.setObjectName("spend_chart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self._chart.setMargins(QMargins(4, 4, 4, 4))
        self._chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # a saved PNG shows the bars
        self.bars: list[Bar] = []

    def set_bars(self, title: str, bars: Sequence[Bar], with_budget: bool = True) -> None:
        chart = self._chart
        chart.removeAllSeries()
        for axis in list(chart.axes()):
            chart.removeAxis(axis)
        self.bars = list(bars)
        chart.setTitle(title)
        # Horizontal bars are drawn bottom-up: reverse, so the first group is on top.
        shown = list(reversed(self.bars))
        series = QHorizontalBarSeries()
        sets = []
        if with_budget:
            sets.append((_("Budget"), BUDGET_COLOUR, [b.budget for b in shown]))
        sets += [(_("Paid"), PAID_COLOUR, [b.paid for b in shown]),
                 (_("In approval or unpaid"), PENDING_COLOUR, [b.pending for b in shown])]
        top = 0.0
        for name, colour, values in sets:
            bar_set = QBarSet(name)
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour)
            for v in values:
                yuan = v / MINOR_PER_MAJOR  # drawing only
                bar_set.append(yuan)
                top = max(top, yuan)
            series.append(bar_set)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([b.label for b in shown] or [""])
        categories.setTruncateLabels(False)  # a category's name is the point of its bar
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        values = QValueAxis()
        values.setRange(0, _nice_top(top))
        values.setLabelFormat("%.0f")
        values.setTickCount(6)
        values.setTitleText(_("Amount"))
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)

    def save_png(self, path: Path) -> bool:
        return self.grab().save(str(path), "PNG")
